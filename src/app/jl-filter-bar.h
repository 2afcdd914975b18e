/* jl-filter-bar.h: drop-downs that narrow a list (community, year, kind,
 * state…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_FILTER_BAR (jl_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (JlFilterBar, jl_filter_bar, JL, FILTER_BAR, GtkWidget)

JlFilterBar *jl_filter_bar_new            (JlStore     *store,
                                           const char  *kind);
void         jl_filter_bar_add_community  (JlFilterBar *self);
/* An enum field of the kind. */
void         jl_filter_bar_add_enum       (JlFilterBar *self,
                                           const char  *field);
/* An integer field holding years (the last @n_years years). */
void         jl_filter_bar_add_year       (JlFilterBar *self,
                                           const char  *field,
                                           guint        n_years);
/* Writes the chosen filters into @query (community_id and filters[]). The
 * strings belong to the bar. */
void         jl_filter_bar_fill_query     (JlFilterBar *self,
                                           JlQuery     *query);
const char  *jl_filter_bar_get_community  (JlFilterBar *self);
/* Selects a value programmatically (tests, remembered choices). */
void         jl_filter_bar_select         (JlFilterBar *self,
                                           const char  *field,
                                           const char  *value);

/* Signal "changed" when a choice changes. */

G_END_DECLS
