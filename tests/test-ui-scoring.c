/* test-ui-scoring.c: evaluation scoring through the real widgets: six
 * paper ballots typed into the score grid with Tab and Enter, refused
 * values, a void ballot, a satisfaction round, the template editor's
 * weight total, a round refused for its weights and the notice as PDF;
 * then the database is checked through the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-eval-page.h"
#include "jl-eval-print.h"
#include "jl-score-grid-private.h"
#include "jl-test-ui.h"
#include "jl-test-util.h"

typedef struct
{
  char         *dir;
  JlStore      *store;
  char         *community;
  char         *tpl;
  char         *criteria[2];
  char         *round;
  char         *target;
  char         *tpl95;       /* weights total 95 */
  JlWindow     *window;
  JlEvalPage   *page;
} Fixture;

/* 莲前社区, a template of two criteria (服务质量 60 points, weight 60;
 * 群众评价 40 points, weight 40: a ballot's total is the sum of its
 * points), a round and one evaluated party; the window on it. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = jl_test_store_new (&f->dir);
  f->community = jl_test_put_ok (f->store, "community",
                                 "{\"name\": \"莲前社区\", \"committee_name\": \"中共莲前社区委员会\","
                                 " \"phone\": \"0592-5551234\", \"address\": \"思明区莲前西路1号\"}");
  f->tpl = jl_test_putf_ok (f->store, "eval_template",
                            "{\"community_id\": \"%s\", \"name\": \"红色物业考评表\"}", f->community);
  f->criteria[0] = jl_test_putf_ok (f->store, "eval_criterion",
                                    "{\"template_id\": \"%s\", \"position\": 1, \"content\": \"服务质量\","
                                    " \"max_points\": 60, \"weight\": 60}", f->tpl);
  f->criteria[1] = jl_test_putf_ok (f->store, "eval_criterion",
                                    "{\"template_id\": \"%s\", \"position\": 2, \"content\": \"群众评价\","
                                    " \"max_points\": 40, \"weight\": 40}", f->tpl);
  f->round = jl_test_putf_ok (f->store, "eval_round",
                              "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度红色物业考评\","
                              " \"period_from\": \"2025-01-01\", \"period_to\": \"2025-12-31\", \"anonymous\": true}",
                              f->community, f->tpl);
  f->target = jl_test_putf_ok (f->store, "eval_target",
                               "{\"round_id\": \"%s\", \"name\": \"鹭城物业（莲花新村）\", \"position\": 1}", f->round);

  /* Before the window opens: its pickers list what is stored then. */
  f->tpl95 = jl_test_putf_ok (f->store, "eval_template",
                              "{\"community_id\": \"%s\", \"name\": \"党支部考评表\"}", f->community);
  g_free (jl_test_putf_ok (f->store, "eval_criterion",
                           "{\"template_id\": \"%s\", \"position\": 1, \"content\": \"组织建设\","
                           " \"max_points\": 50, \"weight\": 50}", f->tpl95));
  g_free (jl_test_putf_ok (f->store, "eval_criterion",
                           "{\"template_id\": \"%s\", \"position\": 2, \"content\": \"服务群众\","
                           " \"max_points\": 45, \"weight\": 45}", f->tpl95));

  f->window = jl_test_ui_open_window (jl_store_get_path (f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  jl_window_show_section (f->window, "evaluation");
  f->page = JL_EVAL_PAGE (jl_window_get_page (f->window, "evaluation"));
  g_assert_nonnull (f->page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  jl_test_ui_spin (100);
  g_clear_object (&f->store);
  g_free (f->community);
  g_free (f->tpl);
  g_free (f->criteria[0]);
  g_free (f->criteria[1]);
  g_free (f->round);
  g_free (f->target);
  g_free (f->tpl95);
  jl_test_dir_free (f->dir);
}

static JlRecord *
get_ok (JlStore    *store,
        const char *kind,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  JlRecord *record = jl_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  return record;
}

/* Waiting
 */

static gboolean
grid_loaded (gpointer data)
{
  return jl_score_grid_is_loaded (data);
}

static gboolean
all_saved (gpointer data)
{
  JlEvalScoringView *view = data;

  return jl_score_grid_is_idle (jl_eval_scoring_view_get_grid (view)) &&
         !jl_eval_results_view_is_busy (jl_eval_scoring_view_get_results (view));
}

static JlScoreGrid *
open_grid (Fixture            *f,
           JlEvalScoringView **view)
{
  g_autoptr(JlRecord) round = get_ok (f->store, "eval_round", f->round);
  JlScoreGrid *grid;

  *view = jl_eval_page_score (f->page, round, NULL);
  g_assert_cmpstr (jl_eval_page_get_view (f->page), ==, "scoring");
  grid = jl_eval_scoring_view_get_grid (*view);
  g_assert_true (jl_test_ui_wait (grid_loaded, grid, 10000));
  g_assert_cmpstr (jl_score_grid_get_target (grid), ==, f->target);
  return grid;
}

/* Typing
 */

/* The cell (or check, or reason) holding the keyboard focus. */
static gboolean
has_focus (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
assert_focus (JlScoreGrid *grid,
              guint        row,
              guint        column)
{
  GtkWidget *widget = column < jl_score_grid_get_n_columns (grid) ? jl_score_grid_get_cell (grid, row, column)
                    : jl_score_grid_get_void_check (grid, row);

  if (!has_focus (widget))
    g_error ("the focus is not on row %u, column %u", row, column);
}

/* Types into the focused cell, as the clerk does. */
static void
type (JlScoreGrid *grid,
      guint        row,
      guint        column,
      const char  *text)
{
  assert_focus (grid, row, column);
  gtk_editable_set_text (GTK_EDITABLE (jl_score_grid_get_cell (grid, row, column)), text);
}

/* The key handler's moves: Tab, Shift+Tab. */
static void
tab (JlScoreGrid *grid)
{
  _jl_score_grid_move (grid, JL_SCORE_GRID_NEXT);
}

static void
shift_tab (JlScoreGrid *grid)
{
  _jl_score_grid_move (grid, JL_SCORE_GRID_PREVIOUS);
}

/* Enter in an entry: its "activate" signal. */
static void
enter (JlScoreGrid *grid,
       guint        row,
       guint        column)
{
  g_signal_emit_by_name (jl_score_grid_get_cell (grid, row, column), "activate");
}

static double
stored_points (Fixture *f,
               guint    ballot,
               guint    criterion)
{
  JlQuery query = { .filters = { { "round_id", f->round }, { "target_id", f->target } } };
  g_autoptr(GPtrArray) sheets = jl_store_list (f->store, "eval_sheet", &query, NULL);

  for (guint i = 0; i < sheets->len; i++)
    if (jl_record_get_int (sheets->pdata[i], "ballot_no", 0) == ballot)
      {
        JlQuery q = { .filters = { { "sheet_id", jl_record_get_id (sheets->pdata[i]) },
                                   { "criterion_id", f->criteria[criterion] } } };
        g_autoptr(GPtrArray) scores = jl_store_list (f->store, "eval_score", &q, NULL);

        return scores->len == 1 ? jl_record_get_double (scores->pdata[0], "points", -1) : -1;
      }
  return -2;
}

/* Six ballots by keyboard
 */

static void
test_six_ballots (Fixture       *f,
                  gconstpointer  data)
{
  static const double points[6][2] = { { 42, 28 }, { 50, 32 }, { 55, 36 }, { 52, 36 }, { 47, 32 }, { 58, 37 } };
  static const char *const totals[] = { "70.00", "82.00", "91.00", "88.00", "79.00", "95.00" };
  JlEvalScoringView *view;
  JlScoreGrid *grid = open_grid (f, &view);
  JlEvalResultsView *results = jl_eval_scoring_view_get_results (view);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  JlEvalResult *r;
  GtkWidget *cell;

  g_assert_cmpuint (jl_score_grid_get_n_rows (grid), ==, 1);
  g_assert_cmpuint (jl_score_grid_get_n_columns (grid), ==, 2);
  /* An anonymous round: no scorer column. */
  g_assert_null (jl_score_grid_get_scorer (grid, 0));

  /* Ballots 1–3: points, Tab, points, Tab over the void check, Tab on. */
  for (guint b = 0; b < 3; b++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%g", points[b][0]);
      type (grid, b, 0, text);
      tab (grid);
      g_snprintf (text, sizeof text, "%g", points[b][1]);
      type (grid, b, 1, text);
      tab (grid);
      assert_focus (grid, b, 2);
      tab (grid);   /* the reason is skipped: the ballot is not void */
    }
  /* Ballots 4–6: Enter goes down, Shift+Tab back to the first column;
   * full-width digits from a Chinese input method are fine. */
  for (guint b = 3; b < 6; b++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%g", points[b][0]);
      type (grid, b, 0, text);
      tab (grid);
      g_snprintf (text, sizeof text, "%g", points[b][1]);
      type (grid, b, 1, b == 5 ? "３７" : text);
      enter (grid, b, 1);
      assert_focus (grid, b + 1, 1);
      shift_tab (grid);
    }
  assert_focus (grid, 6, 0);
  g_assert_cmpuint (jl_score_grid_get_n_rows (grid), ==, 7);
  for (guint b = 0; b < 6; b++)
    {
      g_assert_cmpuint (jl_score_grid_get_ballot_no (grid, b), ==, b + 1);
      g_assert_cmpstr (jl_score_grid_get_total (grid, b), ==, totals[b]);
    }
  g_assert_cmpstr (jl_score_grid_get_message (grid), ==, "");

  /* Over the maximum: error style, a message naming the criterion, the
   * focus stays, nothing is stored. */
  type (grid, 6, 0, "120");
  cell = jl_score_grid_get_cell (grid, 6, 0);
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
  g_assert_nonnull (strstr (jl_score_grid_get_message (grid), "服务质量"));
  g_assert_nonnull (strstr (jl_score_grid_get_message (grid), "120"));
  enter (grid, 6, 0);
  assert_focus (grid, 6, 0);
  type (grid, 6, 0, "abc");
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
  g_assert_nonnull (strstr (jl_score_grid_get_message (grid), "abc"));
  type (grid, 6, 0, "");
  g_assert_false (gtk_widget_has_css_class (cell, "error"));
  g_assert_cmpstr (jl_score_grid_get_message (grid), ==, "");
  g_assert_cmpuint (jl_score_grid_get_n_rows (grid), ==, 7);

  /* A stored cell changed to too much keeps its stored value. */
  g_assert_true (jl_test_ui_wait (all_saved, view, 10000));
  g_assert_cmpfloat (stored_points (f, 1, 1), ==, 28);
  jl_score_grid_focus_cell (grid, 0, 1);
  type (grid, 0, 1, "45");
  g_assert_true (gtk_widget_has_css_class (jl_score_grid_get_cell (grid, 0, 1), "error"));
  g_assert_nonnull (strstr (jl_score_grid_get_message (grid), "群众评价"));

  g_assert_true (jl_test_ui_wait (all_saved, view, 10000));
  g_assert_cmpfloat (stored_points (f, 1, 1), ==, 28);
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM eval_score WHERE points > 40"
                                              " AND criterion_id IN (SELECT id FROM eval_criterion"
                                              " WHERE content = '群众评价')"), ==, 0);
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM eval_sheet WHERE ballot_no = 7"), ==, 0);
  /* Typing the stored value again clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (jl_score_grid_get_cell (grid, 0, 1)), "28");
  g_assert_false (gtk_widget_has_css_class (jl_score_grid_get_cell (grid, 0, 1), "error"));

  /* Every cell is stored, with its sheet. */
  g_assert_true (jl_test_ui_wait (all_saved, view, 10000));
  for (guint b = 0; b < 6; b++)
    {
      g_assert_cmpfloat (stored_points (f, b + 1, 0), ==, points[b][0]);
      g_assert_cmpfloat (stored_points (f, b + 1, 1), ==, points[b][1]);
    }

  /* The core's results: 70 82 91 88 79 95 → final 85.00, raw 84.17. */
  stored = jl_store_eval_results (f->store, f->round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  r = ((JlTargetResult *) stored->pdata[0])->result;
  g_assert_cmpuint (r->n_valid, ==, 6);
  g_assert_cmpuint (r->n_void, ==, 0);
  g_assert_cmpuint (r->n_incomplete, ==, 0);
  g_assert_true (r->dropped);
  g_assert_cmpfloat (r->dropped_high, ==, 95);
  g_assert_cmpfloat (r->dropped_low, ==, 70);
  g_assert_cmpfloat (r->raw_mean, ==, 84.17);
  g_assert_cmpfloat (r->final_score, ==, 85.00);
  g_assert_cmpstr (r->band, ==, "良好");
  g_assert_cmpuint (r->rank, ==, 1);

  /* The live results show the same. */
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 0), ==, "1");
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 1), ==, "鹭城物业（莲花新村）");
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 2), ==, "6");
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 5), ==, "84.17");
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 6), ==, "85.00");
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 7), ==, "良好");
}

/* A void ballot: Ctrl+Enter, then the check and the reason
 */

static void
test_void_ballot (Fixture       *f,
                  gconstpointer  data)
{
  JlEvalScoringView *view;
  JlScoreGrid *grid = open_grid (f, &view);
  JlEvalResultsView *results = jl_eval_scoring_view_get_results (view);
  GtkWidget *check;
  GtkWidget *reason;
  g_autoptr(GPtrArray) sheets = NULL;
  JlQuery query = { .filters = { { "round_id", f->round } } };

  jl_score_grid_add_ballot (grid);
  type (grid, 0, 0, "30");
  tab (grid);
  tab (grid);
  check = jl_score_grid_get_void_check (grid, 0);
  reason = jl_score_grid_get_reason_entry (grid, 0);
  assert_focus (grid, 0, 2);
  g_assert_false (gtk_widget_get_sensitive (reason));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (gtk_widget_get_sensitive (reason));
  tab (grid);
  g_assert_true (has_focus (reason));
  gtk_editable_set_text (GTK_EDITABLE (reason), "涂改无法辨认");
  g_assert_cmpstr (jl_score_grid_get_total (grid, 0), !=, "30.00");

  g_assert_true (jl_test_ui_wait (all_saved, view, 10000));
  sheets = jl_store_list (f->store, "eval_sheet", &query, NULL);
  g_assert_cmpuint (sheets->len, ==, 1);
  g_assert_true (jl_record_get_bool (sheets->pdata[0], "is_void"));
  g_assert_cmpstr (jl_record_get_string (sheets->pdata[0], "void_reason"), ==, "涂改无法辨认");
  g_assert_cmpint (jl_record_get_int (sheets->pdata[0], "ballot_no", 0), ==, 1);
  /* Counted as void, not as a zero. */
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 2), ==, "0");
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 3), ==, "1");
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 6), ==, "—");
}

/* A satisfaction round: one choice column
 */

static void
test_satisfaction (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *tpl = jl_test_putf_ok (f->store, "eval_template",
                                          "{\"community_id\": \"%s\", \"name\": \"业委会满意度\","
                                          " \"scale\": \"satisfaction\", \"drop_extremes\": false}", f->community);
  g_autofree char *round = jl_test_putf_ok (f->store, "eval_round",
                                            "{\"community_id\": \"%s\", \"template_id\": \"%s\","
                                            " \"title\": \"2025年度业委会履职满意度测评\"}", f->community, tpl);
  g_autofree char *target = jl_test_putf_ok (f->store, "eval_target",
                                             "{\"round_id\": \"%s\", \"name\": \"莲花新村业委会\"}", round);
  g_autoptr(JlRecord) record = get_ok (f->store, "eval_round", round);
  JlEvalScoringView *view = jl_eval_page_score (f->page, record, NULL);
  JlScoreGrid *grid = jl_eval_scoring_view_get_grid (view);
  JlEvalResultsView *results = jl_eval_scoring_view_get_results (view);
  static const char *const typed[] = { "1", "1", "2", "满意", "3" };
  g_autoptr(GPtrArray) stored = NULL;
  JlEvalResult *r;

  g_assert_true (jl_test_ui_wait (grid_loaded, grid, 10000));
  g_assert_cmpuint (jl_score_grid_get_n_columns (grid), ==, 1);
  /* Named, but nobody to pick: no scorer column. */
  g_assert_null (jl_score_grid_get_scorer (grid, 0));
  for (guint b = 0; b < G_N_ELEMENTS (typed); b++)
    {
      type (grid, b, 0, typed[b]);
      enter (grid, b, 0);
    }
  g_assert_cmpstr (jl_score_grid_get_total (grid, 2), ==, "基本满意");
  type (grid, 5, 0, "7");
  g_assert_true (gtk_widget_has_css_class (jl_score_grid_get_cell (grid, 5, 0), "error"));
  type (grid, 5, 0, "");

  g_assert_true (jl_test_ui_wait (all_saved, view, 10000));
  stored = jl_store_eval_results (f->store, round, NULL);
  g_assert_nonnull (stored);
  r = ((JlTargetResult *) stored->pdata[0])->result;
  g_assert_cmpuint (r->n_valid, ==, 5);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_SATISFIED], ==, 3);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_BASIC], ==, 1);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_UNSATISFIED], ==, 1);
  g_assert_cmpfloat (r->satisfaction_rate, ==, 80.0);
  g_assert_cmpstr (jl_eval_results_view_get_text (results, 0, 8), ==, "80.0%");
}

/* Templates: the live weight total; a round refused for its weights
 */

static gboolean
criteria_loaded (gpointer data)
{
  JlEvalTemplateView *view = data;

  return jl_eval_template_view_get_criteria (view) != NULL &&
         jl_criteria_table_is_loaded (jl_eval_template_view_get_criteria (view));
}

static gboolean
criteria_idle (gpointer data)
{
  return jl_criteria_table_is_idle (data);
}

typedef struct
{
  JlRecordEditor *editor;
  const char     *needle;
} Message;

static gboolean
message_contains (gpointer data)
{
  Message *m = data;
  return strstr (jl_record_editor_get_message (m->editor), m->needle) != NULL;
}

static void
test_weights (Fixture       *f,
              gconstpointer  data)
{
  const char *tpl = f->tpl95;
  g_autoptr(JlRecord) record = get_ok (f->store, "eval_template", tpl);
  JlEvalTemplateView *view = jl_eval_page_edit_template (f->page, record, NULL);
  JlCriteriaTable *criteria;
  GtkWidget *total;
  JlRecordEditor *editor;
  Message m = { 0 };

  g_assert_true (jl_test_ui_wait (criteria_loaded, view, 10000));
  criteria = jl_eval_template_view_get_criteria (view);
  total = jl_criteria_table_get_total_label (criteria);
  g_assert_cmpuint (jl_criteria_table_get_n_rows (criteria), ==, 2);
  g_assert_cmpfloat (jl_criteria_table_get_weight_total (criteria), ==, 95);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (total)), "95 / 100"));
  g_assert_true (gtk_widget_has_css_class (total, "error"));
  g_assert_cmpuint (jl_bands_editor_get_n_bands (jl_eval_template_view_get_bands (view)), ==, 4);

  /* A round on it is refused with the core's message. */
  editor = jl_eval_page_edit_round (f->page, NULL, f->community);
  jl_record_editor_set_text (editor, "title", "2025年度党支部考评");
  jl_record_editor_set_text (editor, "template_id", tpl);
  jl_record_editor_save_now (editor);
  m.editor = editor;
  m.needle = "95";
  g_assert_true (jl_test_ui_wait (message_contains, &m, 10000));
  m.needle = "100";
  g_assert_true (message_contains (&m));
  g_assert_null (jl_record_editor_get_record (editor));
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM eval_round WHERE title = '2025年度党支部考评'"),
                   ==, 0);

  /* Back in the template: 45 → 50 makes 100, live, and it is saved. */
  view = jl_eval_page_edit_template (f->page, record, NULL);
  g_assert_true (jl_test_ui_wait (criteria_loaded, view, 10000));
  criteria = jl_eval_template_view_get_criteria (view);
  total = jl_criteria_table_get_total_label (criteria);
  gtk_editable_set_text (GTK_EDITABLE (jl_criteria_table_get_entry (criteria, 1, "max_points")), "50");
  gtk_editable_set_text (GTK_EDITABLE (jl_criteria_table_get_entry (criteria, 1, "weight")), "50");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (total)), "100 / 100"));
  g_assert_false (gtk_widget_has_css_class (total, "error"));
  g_assert_true (gtk_widget_has_css_class (total, "success"));
  /* Not a number: refused, naming the field. */
  gtk_editable_set_text (GTK_EDITABLE (jl_criteria_table_get_entry (criteria, 0, "weight")), "五十");
  g_assert_nonnull (strstr (jl_criteria_table_get_message (criteria), "weight"));
  gtk_editable_set_text (GTK_EDITABLE (jl_criteria_table_get_entry (criteria, 0, "weight")), "50");
  jl_criteria_table_save_now (criteria);
  g_assert_true (jl_test_ui_wait (criteria_idle, criteria, 10000));
  g_assert_cmpfloat (jl_store_template_weight (f->store, tpl, NULL), ==, 100);
}

/* The notice as a PDF on A4
 */

/* A PDF holds NUL bytes: g_strstr_len() would stop at the first. */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_notice_pdf (Fixture       *f,
                 gconstpointer  data)
{
  static const double totals[] = { 70, 82, 91, 88, 79, 95 };
  g_autoptr(JlRecord) round = NULL;
  g_autoptr(JlRecord) tpl = NULL;
  g_autoptr(JlRecord) community = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JlEvalNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "notice.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize length;
  JlEvalNoticeInfo info;

  for (guint b = 0; b < G_N_ELEMENTS (totals); b++)
    g_free (jl_test_putf_ok (f->store, "eval_sheet",
                             "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": %u, \"eval_score\": ["
                             "{\"criterion_id\": \"%s\", \"points\": %g}, {\"criterion_id\": \"%s\", \"points\": %g}]}",
                             f->round, f->target, b + 1, f->criteria[0], totals[b] * 0.6, f->criteria[1], totals[b] * 0.4));
  round = get_ok (f->store, "eval_round", f->round);
  tpl = get_ok (f->store, "eval_template", f->tpl);
  community = get_ok (f->store, "community", f->community);
  results = jl_store_eval_results (f->store, f->round, &error);
  g_assert_no_error (error);
  jl_eval_notice_info_init (&info, round, tpl, community);
  info.notice_from = "2026-01-05";
  info.notice_to = "2026-01-09";
  info.issue_date = "2026-01-05";
  notice = jl_eval_notice_new (&info, results);

  g_assert_true (jl_eval_print_to_pdf (notice, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  g_assert_cmpuint (length, >, 2000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* One A4 page: 595 × 842 points. */
  g_assert_true (contains (pdf, length, "/Count 1"));
  g_assert_true (contains (pdf, length, "/MediaBox [ 0 0 595.27"));
}

/* A named round: each ballot's scorer
 */

static guint
scorer_item (GtkWidget  *drop,
             const char *name)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (drop));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), name) == 0)
        return i;
    }
  g_error ("no scorer “%s” in the list", name);
}

static char *
stored_scorer (JlStore    *store,
               const char *round,
               guint       ballot)
{
  JlQuery query = { .filters = { { "round_id", round } } };
  g_autoptr(GPtrArray) sheets = jl_store_list (store, "eval_sheet", &query, NULL);

  for (guint i = 0; i < sheets->len; i++)
    if (jl_record_get_int (sheets->pdata[i], "ballot_no", 0) == ballot)
      return g_strdup (jl_record_get_string (sheets->pdata[i], "scorer_id"));
  return g_strdup ("(no ballot)");
}

static void
test_named_scorers (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *round = jl_test_putf_ok (f->store, "eval_round",
                                            "{\"community_id\": \"%s\", \"template_id\": \"%s\","
                                            " \"title\": \"2025年度物业服务记名测评\", \"anonymous\": false}",
                                            f->community, f->tpl);
  g_autofree char *target = jl_test_putf_ok (f->store, "eval_target",
                                             "{\"round_id\": \"%s\", \"name\": \"鹭城物业\"}", round);
  g_autofree char *wang = jl_test_putf_ok (f->store, "eval_scorer",
                                           "{\"round_id\": \"%s\", \"name\": \"王芳\"}", round);
  g_autofree char *li = jl_test_putf_ok (f->store, "eval_scorer",
                                         "{\"round_id\": \"%s\", \"name\": \"李强\"}", round);
  g_autoptr(JlRecord) record = get_ok (f->store, "eval_round", round);
  JlEvalScoringView *view = jl_eval_page_score (f->page, record, NULL);
  JlScoreGrid *grid = jl_eval_scoring_view_get_grid (view);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GtkWidget *drop;

  g_assert_true (jl_test_ui_wait (grid_loaded, grid, 10000));
  g_assert_cmpstr (jl_score_grid_get_target (grid), ==, target);
  drop = jl_score_grid_get_scorer (grid, 0);
  g_assert_nonnull (drop);
  /* "—" and the two scorers. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop))), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop)), ==, 0);

  /* Points, Tab, points, Tab to the void check, Tab past the closed reason
   * to the scorer; pick 王芳; Tab goes on to the next ballot. */
  jl_score_grid_focus_cell (grid, 0, 0);
  type (grid, 0, 0, "50");
  tab (grid);
  type (grid, 0, 1, "30");
  tab (grid);
  assert_focus (grid, 0, 2);
  tab (grid);
  g_assert_true (has_focus (jl_score_grid_get_scorer (grid, 0)));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), scorer_item (drop, "王芳"));
  tab (grid);
  assert_focus (grid, 1, 0);
  /* Shift+Tab comes back to the scorer. */
  shift_tab (grid);
  g_assert_true (has_focus (jl_score_grid_get_scorer (grid, 0)));

  /* Ballot 2 by 李强, the scorer picked first. */
  jl_score_grid_focus_cell (grid, 1, 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (jl_score_grid_get_scorer (grid, 1)),
                              scorer_item (jl_score_grid_get_scorer (grid, 1), "李强"));
  jl_score_grid_focus_cell (grid, 1, 0);
  type (grid, 1, 0, "40");
  g_assert_true (jl_test_ui_wait (all_saved, view, 10000));

  first = stored_scorer (f->store, round, 1);
  second = stored_scorer (f->store, round, 2);
  g_assert_cmpstr (first, ==, wang);
  g_assert_cmpstr (second, ==, li);

  /* Shown again from the store. */
  jl_score_grid_load (grid, round, target);
  g_assert_true (jl_test_ui_wait (grid_loaded, grid, 10000));
  drop = jl_score_grid_get_scorer (grid, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop)), ==, scorer_item (drop, "王芳"));
  drop = jl_score_grid_get_scorer (grid, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop)), ==, scorer_item (drop, "李强"));

  /* Back to "—": the ballot no longer names anyone. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), 0);
  g_assert_true (jl_test_ui_wait (all_saved, view, 10000));
  g_clear_pointer (&second, g_free);
  second = stored_scorer (f->store, round, 2);
  g_assert_null (second);
}

int
main (int    argc,
      char **argv)
{
  if (!jl_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/jinlin/ui/scoring/six-ballots", Fixture, NULL, fixture_setup, test_six_ballots, fixture_teardown);
  g_test_add ("/jinlin/ui/scoring/void-ballot", Fixture, NULL, fixture_setup, test_void_ballot, fixture_teardown);
  g_test_add ("/jinlin/ui/scoring/satisfaction", Fixture, NULL, fixture_setup, test_satisfaction, fixture_teardown);
  g_test_add ("/jinlin/ui/scoring/weights", Fixture, NULL, fixture_setup, test_weights, fixture_teardown);
  g_test_add ("/jinlin/ui/scoring/named-scorers", Fixture, NULL, fixture_setup, test_named_scorers,
              fixture_teardown);
  g_test_add ("/jinlin/ui/scoring/notice-pdf", Fixture, NULL, fixture_setup, test_notice_pdf, fixture_teardown);
  return g_test_run ();
}
