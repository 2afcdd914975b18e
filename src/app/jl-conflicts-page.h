/* jl-conflicts-page.h: the conflict log, for review
 *
 * Each overwritten value: which record and field, the value kept and the
 * one overwritten, who wrote each, on which computer and when; Restore
 * writes the overwritten value back as a normal edit (which syncs),
 * Dismiss keeps the current one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"

G_BEGIN_DECLS

#define JL_TYPE_CONFLICTS_PAGE (jl_conflicts_page_get_type ())

G_DECLARE_FINAL_TYPE (JlConflictsPage, jl_conflicts_page, JL, CONFLICTS_PAGE, JlPage)

/* Reads the open conflicts again (on a worker). */
void       jl_conflicts_page_reload       (JlConflictsPage *self);
gboolean   jl_conflicts_page_is_loading   (JlConflictsPage *self);
/* Rows shown, and their buttons (tests). */
guint      jl_conflicts_page_get_count    (JlConflictsPage *self);
GtkWidget *jl_conflicts_page_get_row      (JlConflictsPage *self,
                                           guint            index);
GtkButton *jl_conflicts_page_get_restore  (JlConflictsPage *self,
                                           guint            index);
GtkButton *jl_conflicts_page_get_dismiss  (JlConflictsPage *self,
                                           guint            index);

G_END_DECLS
