/* jl-eval-scoring-view.h: a round's score entry: the evaluated party to
 * type ballots for, the score grid, the live results below it, and the
 * results notice and CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-eval-results-view.h"
#include "jl-score-grid.h"

G_BEGIN_DECLS

#define JL_TYPE_EVAL_SCORING_VIEW (jl_eval_scoring_view_get_type ())

G_DECLARE_FINAL_TYPE (JlEvalScoringView, jl_eval_scoring_view, JL, EVAL_SCORING_VIEW, GtkWidget)

GtkWidget         *jl_eval_scoring_view_new         (JlStore           *store);
/* Shows @round, with the ballots of @target_id (NULL: the first party). */
void               jl_eval_scoring_view_set_round   (JlEvalScoringView *self,
                                                     JlRecord          *round,
                                                     const char        *target_id);
const char        *jl_eval_scoring_view_get_round_id (JlEvalScoringView *self);
/* Switches to another evaluated party (saving what is typed first). */
void               jl_eval_scoring_view_set_target  (JlEvalScoringView *self,
                                                     const char        *target_id);
JlScoreGrid       *jl_eval_scoring_view_get_grid    (JlEvalScoringView *self);
JlEvalResultsView *jl_eval_scoring_view_get_results (JlEvalScoringView *self);
guint              jl_eval_scoring_view_get_n_targets (JlEvalScoringView *self);

/* Signal "back": the user leaves score entry. */

G_END_DECLS
