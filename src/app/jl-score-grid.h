/* jl-score-grid.h: score entry for one evaluated party of a round, filled
 * from paper ballots with the keyboard alone
 *
 * One row per ballot (an eval_sheet with that ballot number), one column
 * per criterion with its maximum in the header, then the total, the void
 * (废票) check and the reason. On satisfaction and grade scales a single
 * choice column replaces the criteria (1 满意, 2 基本满意, 3 不满意 …).
 * When the round is not anonymous and has scorers, a last column names
 * the ballot's scorer (eval_scorer of the round, the sheet's scorer_id).
 *
 * Tab and Shift+Tab move along a row and on to the next; Enter and the
 * arrow keys move down and up; Ctrl+Enter (or typing in the empty last
 * row) starts a ballot; Escape puts back what was saved. Each cell is
 * checked as it is typed: a value that is not a number or over the
 * maximum shows the error style and a message naming the criterion, and
 * is not saved. Valid cells are saved about 0.6 s after typing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_SCORE_GRID (jl_score_grid_get_type ())

G_DECLARE_FINAL_TYPE (JlScoreGrid, jl_score_grid, JL, SCORE_GRID, GtkWidget)

GtkWidget  *jl_score_grid_new              (JlStore     *store);
/* Shows the ballots of @target_id in @round_id, loaded on a worker. What
 * is being saved for the previous target is saved first. */
void        jl_score_grid_load             (JlScoreGrid *self,
                                            const char  *round_id,
                                            const char  *target_id);
const char *jl_score_grid_get_target       (JlScoreGrid *self);
gboolean    jl_score_grid_is_loaded        (JlScoreGrid *self);
/* Nothing waiting to be saved and no save running. */
gboolean    jl_score_grid_is_idle          (JlScoreGrid *self);
void        jl_score_grid_save_now         (JlScoreGrid *self);

/* Rows, the empty last row included; columns are criteria (or the one
 * choice column). */
guint       jl_score_grid_get_n_rows       (JlScoreGrid *self);
guint       jl_score_grid_get_n_columns    (JlScoreGrid *self);
guint       jl_score_grid_get_ballot_no    (JlScoreGrid *self,
                                            guint        row);
/* The entry of a cell, the void check and the reason entry of a row. */
GtkWidget  *jl_score_grid_get_cell         (JlScoreGrid *self,
                                            guint        row,
                                            guint        column);
GtkWidget  *jl_score_grid_get_void_check   (JlScoreGrid *self,
                                            guint        row);
GtkWidget  *jl_score_grid_get_reason_entry (JlScoreGrid *self,
                                            guint        row);
/* The scorer drop-down of a row (item 0 is "—", then the round's scorers
 * by name); NULL when the round is anonymous or has no scorers. */
GtkWidget  *jl_score_grid_get_scorer       (JlScoreGrid *self,
                                            guint        row);
/* The row total as shown ("85.00", "—"). */
const char *jl_score_grid_get_total        (JlScoreGrid *self,
                                            guint        row);
/* Moves the focus to a cell (a column past the criteria is the void
 * check, then the reason, then in named rounds the scorer). */
void        jl_score_grid_focus_cell       (JlScoreGrid *self,
                                            guint        row,
                                            guint        column);
/* Focuses the first cell of the empty last row (Ctrl+Enter). */
void        jl_score_grid_add_ballot       (JlScoreGrid *self);
/* Current problems, one per line ("" when all is well). */
const char *jl_score_grid_get_message      (JlScoreGrid *self);

/* Signals: "loaded" once a target's ballots are shown; "saved" when every
 * change has been stored (the results can be recomputed). */

G_END_DECLS
