/* jl-eval-results-view.h: the live results of a round, per evaluated
 * party: rank, valid, void and incomplete sheets, raw and final (trimmed)
 * mean and band, or the votes and 满意率 on a satisfaction scale
 *
 * Results are computed by the core (jl_store_eval_results) on a worker
 * thread; refreshes asked for in quick succession are run once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_EVAL_RESULTS_VIEW (jl_eval_results_view_get_type ())

G_DECLARE_FINAL_TYPE (JlEvalResultsView, jl_eval_results_view, JL, EVAL_RESULTS_VIEW, GtkWidget)

GtkWidget  *jl_eval_results_view_new         (JlStore           *store);
/* Computes the results of @round_id now. */
void        jl_eval_results_view_set_round   (JlEvalResultsView *self,
                                              const char        *round_id);
/* Recomputes shortly (after saves). */
void        jl_eval_results_view_refresh     (JlEvalResultsView *self);
/* The evaluated party whose ballots are being typed, shown in bold. */
void        jl_eval_results_view_set_current (JlEvalResultsView *self,
                                              const char        *target_id);
/* The last results (JlTargetResult*, round order), NULL before the first. */
GPtrArray  *jl_eval_results_view_get_results (JlEvalResultsView *self);
/* A computation is scheduled or running. */
gboolean    jl_eval_results_view_is_busy     (JlEvalResultsView *self);
/* The text of a shown cell, by row (rank order) and column ("" outside). */
const char *jl_eval_results_view_get_text    (JlEvalResultsView *self,
                                              guint              row,
                                              guint              column);

/* Signal "updated" after each computation. */

G_END_DECLS
