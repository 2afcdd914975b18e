/* jl-child-list.h: the records a record owns, in a group with Add, Edit
 * and Delete (a partner unit's projects, a template's criteria…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_CHILD_LIST (jl_child_list_get_type ())

G_DECLARE_FINAL_TYPE (JlChildList, jl_child_list, JL, CHILD_LIST, AdwBin)

/* @fields: shown in the edit dialog (NULL: all but the parent);
 * @subtitle_fields: joined into each row's subtitle. */
GtkWidget *jl_child_list_new        (JlStore            *store,
                                     const char         *kind,
                                     const char         *parent_id,
                                     const char * const *fields,
                                     const char * const *subtitle_fields);
void       jl_child_list_reload     (JlChildList        *self);
/* Approved minutes: no adding or deleting, FROZEN fields read-only. */
void       jl_child_list_set_frozen (JlChildList        *self,
                                     gboolean            frozen);
guint      jl_child_list_get_count  (JlChildList        *self);
/* Opens the dialog for a new child; returns it (tests fill it in). */
GtkWidget *jl_child_list_add        (JlChildList        *self);

G_END_DECLS
