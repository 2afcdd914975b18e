/* jl-bands-editor.h: a template's grade bands (优秀 ≥ 90, 良好 ≥ 80 …) as
 * rows of a label and a minimum score
 *
 * The template stores them as JSON text in its "bands" field; this widget
 * edits that text. Each change is checked (a label, a number from 0 to
 * 100, no two bands starting at the same score) and, when valid,
 * announced with "changed". The bands are stored highest first whatever
 * the order of the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JL_TYPE_BANDS_EDITOR (jl_bands_editor_get_type ())

G_DECLARE_FINAL_TYPE (JlBandsEditor, jl_bands_editor, JL, BANDS_EDITOR, AdwBin)

GtkWidget  *jl_bands_editor_new         (void);
/* Shows @json (NULL or unreadable: the default bands) without "changed". */
void        jl_bands_editor_set_json    (JlBandsEditor *self,
                                         const char    *json);
/* The bands as JSON text, highest first; NULL while a row is invalid. */
char       *jl_bands_editor_get_json    (JlBandsEditor *self);
const char *jl_bands_editor_get_message (JlBandsEditor *self);
guint       jl_bands_editor_get_n_bands (JlBandsEditor *self);
/* The label and minimum entries of a row (tests type into them). */
GtkWidget  *jl_bands_editor_get_label_entry (JlBandsEditor *self,
                                             guint          row);
GtkWidget  *jl_bands_editor_get_min_entry   (JlBandsEditor *self,
                                             guint          row);
void        jl_bands_editor_add_band    (JlBandsEditor *self);

/* Signal "changed" (const char *json) when the rows make valid bands. */

G_END_DECLS
