/* jl-score-grid-private.h: what the score grid's files share
 *
 * jl-score-grid.c       the object, loading a target, the rows
 * jl-score-grid-save.c  checking what is typed and saving it
 * jl-score-grid-view.c  the header, the layout and the keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-score-grid.h"

G_BEGIN_DECLS

/* Fixed column widths, so that the header grid and the ballot grid line
 * up without measuring each other. */
#define NUMBER_WIDTH 48
#define CELL_WIDTH   88
#define CHOICE_WIDTH 120
#define TOTAL_WIDTH  72
#define VOID_WIDTH   48
#define REASON_WIDTH 150
#define SCORER_WIDTH 140
#define DELETE_WIDTH 36
#define COLUMN_SPACING 6

typedef struct _Row Row;

typedef struct
{
  Row        *row;          /* unowned */
  guint       column;
  GtkWidget  *entry;
  double      value;        /* score scale: NAN when empty */
  char       *choice;       /* choice scales: the key, or NULL */
  char       *valid_text;   /* the last valid text: what is saved */
  char       *saved_text;   /* what Escape puts back */
  char       *error;        /* NULL when the text is valid */
  gboolean    dirty;        /* the last valid value is not saved yet */
  gboolean    in_flight;
} Cell;

struct _Row
{
  JlScoreGrid *grid;        /* unowned */
  guint        index;
  guint        ballot_no;
  char        *sheet_id;    /* NULL until stored */
  gboolean     is_void;
  char        *void_reason;
  char        *scorer_id;   /* named rounds: who filled the ballot in */
  char        *saved_reason;
  gboolean     sheet_dirty;
  gboolean     sheet_in_flight;
  Cell        *cells;
  guint        n_cells;
  char        *total_text;

  GtkWidget   *number_label;
  GtkWidget   *total_label;
  GtkWidget   *void_check;
  GtkWidget   *reason_entry;
  GtkWidget   *scorer_drop; /* NULL unless the grid is named */
  GtkWidget   *delete_button;
};

struct _JlScoreGrid
{
  GtkWidget    parent_instance;

  JlStore     *store;
  char        *round_id;
  char        *target_id;
  char        *next_round;    /* chosen while saving */
  char        *next_target;
  JlEvalScale  scale;
  guint        decimals;
  GPtrArray   *criteria;      /* JlRecord*, in position order */
  gboolean     named;         /* not anonymous, with scorers: a scorer column */
  GPtrArray   *scorers;       /* eval_scorer JlRecord*, by name; named rounds */
  GtkStringList *scorer_names; /* "—", then the scorers' names */
  GPtrArray   *rows;          /* Row*, the empty last row included */
  char        *choice_legend; /* "1 满意、2 基本满意、3 不满意" */

  guint        in_flight;
  guint        save_source;
  guint        load_serial;
  gboolean     loading;
  gboolean     loaded;
  gboolean     updating;      /* showing stored values */
  gboolean     disposed;
  char        *message;
  char        *save_error;

  /* Widgets */
  GtkWidget   *box;
  GtkWidget   *hint_label;
  GtkWidget   *message_label;
  GtkWidget   *status_label;
  GtkWidget   *header_grid;
  GtkWidget   *body_grid;
  GtkWidget   *body_scroller;
  GtkRoot     *watched_root;
  gulong       focus_handler;
};

typedef enum
{
  JL_SCORE_GRID_NEXT,
  JL_SCORE_GRID_PREVIOUS,
  JL_SCORE_GRID_DOWN,
  JL_SCORE_GRID_UP,
} JlScoreGridMove;

/* jl-score-grid.c */
Row               *_jl_score_grid_append_row     (JlScoreGrid     *self,
                                                  guint            ballot_no);
void               _jl_score_grid_delete_row     (JlScoreGrid     *self,
                                                  Row             *row);
/* The row's sheet exists: it can be deleted. */
void               _jl_score_grid_row_stored     (Row             *row);
const char *const *_jl_score_grid_choice_keys    (JlEvalScale      scale);

/* jl-score-grid-save.c */
void               _jl_score_grid_cell_changed   (Cell            *cell);
void               _jl_score_grid_void_toggled   (Row             *row);
void               _jl_score_grid_reason_changed (Row             *row);
void               _jl_score_grid_scorer_changed (Row             *row);
void               _jl_score_grid_update_total   (JlScoreGrid     *self,
                                                  Row             *row);
void               _jl_score_grid_update_message (JlScoreGrid     *self);
void               _jl_score_grid_update_status  (JlScoreGrid     *self);
gboolean           _jl_score_grid_has_pending    (JlScoreGrid     *self);
void               _jl_score_grid_row_free       (Row             *row);

/* jl-score-grid-view.c */
void               _jl_score_grid_build          (JlScoreGrid     *self);
void               _jl_score_grid_build_header   (JlScoreGrid     *self);
void               _jl_score_grid_move           (JlScoreGrid     *self,
                                                  JlScoreGridMove  move);
void               _jl_score_grid_move_down_cb   (JlScoreGrid     *self);
void               _jl_score_grid_watch_focus    (JlScoreGrid     *self);
void               _jl_score_grid_unwatch_focus  (JlScoreGrid     *self);

/* Signals, emitted by jl-score-grid.c */
void               _jl_score_grid_emit_saved     (JlScoreGrid     *self);

G_END_DECLS
