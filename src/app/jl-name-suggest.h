/* jl-name-suggest.h: names suggested under an entry as they are typed
 *
 * A small popover lists the known names containing what was typed ("主任"
 * finds "王主任"); Down/Up move through it, Enter takes the highlighted
 * name, Escape closes it. The popover never takes the keyboard focus, so
 * typing goes on. Replaces GtkEntryCompletion (deprecated in GTK 4.10).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JL_TYPE_NAME_SUGGEST (jl_name_suggest_get_type ())

G_DECLARE_FINAL_TYPE (JlNameSuggest, jl_name_suggest, JL, NAME_SUGGEST, GObject)

/* Attaches to @entry, which keeps the returned object alive. */
JlNameSuggest *jl_name_suggest_attach (GtkEntry      *entry);
void           jl_name_suggest_clear  (JlNameSuggest *self);
/* @hint is shown after the name (e.g. "Partner unit"); may be NULL. */
void           jl_name_suggest_add    (JlNameSuggest *self,
                                       const char    *name,
                                       const char    *id,
                                       const char    *kind,
                                       const char    *hint);
/* The id and kind of the name exactly @name, if known. */
gboolean       jl_name_suggest_lookup (JlNameSuggest *self,
                                       const char    *name,
                                       const char   **id,
                                       const char   **kind);
void           jl_name_suggest_hide   (JlNameSuggest *self);
gboolean       jl_name_suggest_is_shown (JlNameSuggest *self);

G_END_DECLS
