/* jl-score-grid.c
 *
 * The grid is two GtkGrids of fixed-width cells: the header stays in view
 * while the ballots scroll under it, and both share the horizontal
 * adjustment. Keys are handled by one capture-phase controller so that
 * Tab follows the ballot row, not the geometry GTK would guess.
 *
 * Saving: a row gets its sheet (eval_sheet, id from round, target and
 * ballot number) before its cells (eval_score, id from sheet and
 * criterion), so cells wait for their row's sheet. At most one save per
 * cell runs at a time: saves run on a thread pool and two saves of one
 * cell could otherwise land in the wrong order. Rows live until the grid
 * is finalized or another target is loaded, which waits until nothing is
 * pending; every save holds a reference on the grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlScoreGrid"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jl-decimal.h"
#include "jl-score-grid-private.h"
#include "jl-store-async.h"

enum {
  LOADED,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlScoreGrid, jl_score_grid, GTK_TYPE_WIDGET)

/* Choices of the satisfaction and grade scales, typed as 1, 2, 3… */
static const char *const satisfaction_keys[] = { "satisfied", "basic", "unsatisfied", NULL };
static const char *const grade_keys[] = { "excellent", "pass", "basic_pass", "fail", NULL };

const char *const *
_jl_score_grid_choice_keys (JlEvalScale scale)
{
  return scale == JL_EVAL_SCALE_GRADE ? grade_keys : satisfaction_keys;
}

/* Building rows
 */

static void
cell_changed_cb (GtkEditable *editable,
                 Cell        *cell)
{
  _jl_score_grid_cell_changed (cell);
}

static void
cell_activate_cb (GtkEntry *entry,
                  Cell     *cell)
{
  _jl_score_grid_move (cell->row->grid, JL_SCORE_GRID_DOWN);
}

static void
void_toggled_cb (GtkCheckButton *check,
                 GParamSpec     *pspec,
                 Row            *row)
{
  _jl_score_grid_void_toggled (row);
}

static void
reason_changed_cb (GtkEditable *editable,
                   Row         *row)
{
  _jl_score_grid_reason_changed (row);
}

static void
scorer_selected_cb (GtkDropDown *drop,
                    GParamSpec  *pspec,
                    Row         *row)
{
  _jl_score_grid_scorer_changed (row);
}

/* The position of @scorer_id in the drop-down: 0 ("—") when unknown. */
static guint
scorer_index (JlScoreGrid *self,
              const char  *scorer_id)
{
  for (guint i = 0; scorer_id != NULL && i < self->scorers->len; i++)
    if (g_strcmp0 (jl_record_get_id (self->scorers->pdata[i]), scorer_id) == 0)
      return i + 1;
  return 0;
}

void
_jl_score_grid_emit_saved (JlScoreGrid *self)
{
  if (!self->disposed)
    g_signal_emit (self, signals[SAVED], 0);
}

static GtkWidget *
fixed (GtkWidget *child,
       int        width)
{
  gtk_widget_set_size_request (child, width, -1);
  gtk_widget_set_hexpand (child, FALSE);
  return child;
}

/* Named rounds: who filled the ballot in, picked from the round's scorers
 * (Space opens the list, typing searches it, Enter picks). */
static GtkWidget *
make_scorer_drop (JlScoreGrid *self,
                  Row         *row)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->scorer_names)), expression);
  g_autofree char *name = g_strdup_printf (_("Ballot %u, scorer"), row->ballot_no);

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (drop), "jl-row", row);
  g_signal_connect (drop, "notify::selected", G_CALLBACK (scorer_selected_cb), row);
  return fixed (drop, SCORER_WIDTH);
}

static GtkWidget *
make_cell_entry (JlScoreGrid *self,
                 Row         *row,
                 Cell        *cell)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = NULL;

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 3);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  if (self->scale == JL_EVAL_SCALE_SCORE)
    {
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      /* TRANSLATORS: accessible name of a cell: ballot 3, criterion */
      name = g_strdup_printf (_("Ballot %u, %s"), row->ballot_no,
                              jl_record_get_title (self->criteria->pdata[cell->column]));
    }
  else
    name = g_strdup_printf (_("Ballot %u, choice"), row->ballot_no);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (entry), "jl-cell", cell);
  g_signal_connect (entry, "changed", G_CALLBACK (cell_changed_cb), cell);
  g_signal_connect (entry, "activate", G_CALLBACK (cell_activate_cb), cell);
  return fixed (entry, self->scale == JL_EVAL_SCALE_SCORE ? CELL_WIDTH : CHOICE_WIDTH);
}

static void delete_clicked_cb (GtkButton *button,
                               Row       *row);

void
_jl_score_grid_row_stored (Row *row)
{
  if (row->grid->disposed)
    return;
  gtk_widget_set_opacity (row->delete_button, 1);
  gtk_widget_set_sensitive (row->delete_button, TRUE);
}

Row *
_jl_score_grid_append_row (JlScoreGrid *self,
                           guint        ballot_no)
{
  Row *row = g_new0 (Row, 1);
  GtkGrid *grid = GTK_GRID (self->body_grid);
  g_autofree char *number = g_strdup_printf ("%u", ballot_no);
  g_autofree char *void_name = g_strdup_printf (_("Ballot %u is void"), ballot_no);
  g_autofree char *reason_name = g_strdup_printf (_("Ballot %u, why void"), ballot_no);
  g_autofree char *delete_name = g_strdup_printf (_("Delete ballot %u"), ballot_no);
  GtkWidget *box;
  int y = self->rows->len;
  int x = 0;

  row->grid = self;
  row->index = self->rows->len;
  row->ballot_no = ballot_no;
  row->n_cells = self->scale == JL_EVAL_SCALE_SCORE ? self->criteria->len : 1;
  row->cells = g_new0 (Cell, row->n_cells);
  g_ptr_array_add (self->rows, row);

  row->number_label = fixed (gtk_label_new (number), NUMBER_WIDTH);
  gtk_label_set_xalign (GTK_LABEL (row->number_label), 1.0);
  gtk_widget_add_css_class (row->number_label, "numeric");
  gtk_widget_add_css_class (row->number_label, "dim-label");
  gtk_grid_attach (grid, row->number_label, x++, y, 1, 1);

  for (guint i = 0; i < row->n_cells; i++)
    {
      Cell *cell = &row->cells[i];

      cell->row = row;
      cell->column = i;
      cell->value = NAN;
      cell->saved_text = g_strdup ("");
      cell->valid_text = g_strdup ("");
      cell->entry = make_cell_entry (self, row, cell);
      gtk_grid_attach (grid, cell->entry, x++, y, 1, 1);
    }

  row->total_label = fixed (gtk_label_new (NULL), TOTAL_WIDTH);
  gtk_label_set_xalign (GTK_LABEL (row->total_label), 1.0);
  gtk_widget_add_css_class (row->total_label, "numeric");
  gtk_grid_attach (grid, row->total_label, x++, y, 1, 1);

  row->void_check = gtk_check_button_new ();
  gtk_widget_set_halign (row->void_check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->void_check), GTK_ACCESSIBLE_PROPERTY_LABEL, void_name, -1);
  g_object_set_data (G_OBJECT (row->void_check), "jl-row", row);
  g_signal_connect (row->void_check, "notify::active", G_CALLBACK (void_toggled_cb), row);
  box = fixed (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), VOID_WIDTH);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_box_append (GTK_BOX (box), row->void_check);
  gtk_grid_attach (grid, box, x++, y, 1, 1);

  row->reason_entry = fixed (gtk_entry_new (), REASON_WIDTH);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->reason_entry), _("Why void"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->reason_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reason_name, -1);
  gtk_widget_set_sensitive (row->reason_entry, FALSE);
  g_object_set_data (G_OBJECT (row->reason_entry), "jl-row", row);
  g_signal_connect (row->reason_entry, "changed", G_CALLBACK (reason_changed_cb), row);
  g_signal_connect_swapped (row->reason_entry, "activate", G_CALLBACK (_jl_score_grid_move_down_cb), self);
  gtk_grid_attach (grid, row->reason_entry, x++, y, 1, 1);

  if (self->named)
    {
      row->scorer_drop = make_scorer_drop (self, row);
      gtk_grid_attach (grid, row->scorer_drop, x++, y, 1, 1);
    }

  /* Ctrl+Delete does the same from the keyboard. */
  row->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (row->delete_button, "flat");
  gtk_widget_set_focusable (row->delete_button, FALSE);
  gtk_widget_set_tooltip_text (row->delete_button, delete_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_name, -1);
  g_signal_connect (row->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), row);
  /* Shown once the ballot is stored. */
  gtk_widget_set_opacity (row->delete_button, 0);
  gtk_widget_set_sensitive (row->delete_button, FALSE);
  gtk_grid_attach (grid, fixed (row->delete_button, DELETE_WIDTH), x++, y, 1, 1);

  _jl_score_grid_update_status (self);
  return row;
}

/* Shows a stored sheet in a new row. */
static void
show_sheet (JlScoreGrid *self,
            JlRecord    *sheet,
            GPtrArray   *scores)
{
  Row *row = _jl_score_grid_append_row (self, jl_record_get_int (sheet, "ballot_no", self->rows->len + 1));

  row->sheet_id = g_strdup (jl_record_get_id (sheet));
  _jl_score_grid_row_stored (row);
  row->is_void = jl_record_get_bool (sheet, "is_void");
  row->void_reason = g_strdup (jl_record_get_string (sheet, "void_reason"));
  row->saved_reason = g_strdup (row->void_reason);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->void_check), row->is_void);
  gtk_widget_set_sensitive (row->reason_entry, row->is_void);
  gtk_editable_set_text (GTK_EDITABLE (row->reason_entry), row->void_reason ? row->void_reason : "");
  row->scorer_id = g_strdup (jl_record_get_string (sheet, "scorer_id"));
  if (row->scorer_drop != NULL)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (row->scorer_drop), scorer_index (self, row->scorer_id));

  if (self->scale != JL_EVAL_SCALE_SCORE)
    {
      const char *const *keys = _jl_score_grid_choice_keys (self->scale);
      const char *choice = jl_record_get_string (sheet, "choice");
      Cell *cell = &row->cells[0];

      for (guint k = 0; choice && keys[k]; k++)
        if (strcmp (keys[k], choice) == 0)
          {
            g_free (cell->saved_text);
            cell->saved_text = g_strdup_printf ("%u", k + 1);
            g_free (cell->valid_text);
            cell->valid_text = g_strdup (cell->saved_text);
            cell->choice = g_strdup (choice);
          }
      gtk_editable_set_text (GTK_EDITABLE (cell->entry), cell->saved_text);
    }
  else
    for (guint j = 0; scores && j < scores->len; j++)
      {
        JlRecord *score = scores->pdata[j];

        for (guint i = 0; i < row->n_cells; i++)
          if (g_strcmp0 (jl_record_get_id (self->criteria->pdata[i]),
                         jl_record_get_string (score, "criterion_id")) == 0 &&
              jl_record_has_value (score, "points"))
            {
              Cell *cell = &row->cells[i];

              cell->value = jl_record_get_double (score, "points", NAN);
              g_free (cell->saved_text);
              cell->saved_text = jl_decimal_format (cell->value);
              g_free (cell->valid_text);
              cell->valid_text = g_strdup (cell->saved_text);
              gtk_editable_set_text (GTK_EDITABLE (cell->entry), cell->saved_text);
            }
      }
  _jl_score_grid_update_total (self, row);
}

/* Deleting a ballot
 */

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlScoreGrid) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      _jl_score_grid_update_message (self);
      return;
    }
  /* Reload: the rows below the deleted one move up. */
  if (!self->disposed && self->round_id && self->target_id)
    {
      g_autofree char *round = g_strdup (self->round_id);
      g_autofree char *target = g_strdup (self->target_id);

      jl_score_grid_load (self, round, target);
    }
  g_signal_emit (self, signals[SAVED], 0);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JlScoreGrid      *self)
{
  const char *sheet_id = g_object_get_data (G_OBJECT (dialog), "sheet-id");

  if (g_strcmp0 (response, "delete") != 0)
    return;
  jl_store_delete_async (self->store, "eval_sheet", sheet_id, NULL, deleted_cb, g_object_ref (self));
}

void
_jl_score_grid_delete_row (JlScoreGrid *self,
                           Row         *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (row->sheet_id == NULL || !jl_score_grid_is_idle (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  heading = g_strdup_printf (_("Delete ballot %u?"), row->ballot_no);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Its scores are deleted with it and the results are recomputed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sheet-id", g_strdup (row->sheet_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_clicked_cb (GtkButton *button,
                   Row       *row)
{
  _jl_score_grid_delete_row (row->grid, row);
}

/* Loading a target's ballots
 */

typedef struct
{
  char *round_id;
  char *target_id;
} LoadJob;

typedef struct
{
  JlRecord   *round;
  JlRecord   *tpl;
  GPtrArray  *criteria;
  GPtrArray  *scorers;
  GPtrArray  *sheets;
  GHashTable *scores;     /* sheet id → GPtrArray of eval_score */
} Loaded;

static void
load_job_free (LoadJob *job)
{
  g_free (job->round_id);
  g_free (job->target_id);
  g_free (job);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->round);
  g_clear_object (&loaded->tpl);
  g_clear_pointer (&loaded->criteria, g_ptr_array_unref);
  g_clear_pointer (&loaded->scorers, g_ptr_array_unref);
  g_clear_pointer (&loaded->sheets, g_ptr_array_unref);
  g_clear_pointer (&loaded->scores, g_hash_table_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  LoadJob *job = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  JlQuery criteria_query = { .order_by = "position" };
  JlQuery sheets_query = { .filters = { { "round_id", job->round_id }, { "target_id", job->target_id } },
                           .order_by = "ballot_no" };
  JlQuery scorers_query = { .filters = { { "round_id", job->round_id } }, .order_by = "name" };

  if (!(loaded->round = jl_store_get (store, "eval_round", job->round_id, error)) ||
      !(loaded->tpl = jl_store_get (store, "eval_template", jl_record_get_string (loaded->round, "template_id"),
                                    error)))
    return NULL;
  criteria_query.filters[0] = (JlQueryFilter) { "template_id", jl_record_get_id (loaded->tpl) };
  if (!(loaded->criteria = jl_store_list (store, "eval_criterion", &criteria_query, error)) ||
      !(loaded->sheets = jl_store_list (store, "eval_sheet", &sheets_query, error)) ||
      !(loaded->scorers = jl_store_list (store, "eval_scorer", &scorers_query, error)))
    return NULL;

  loaded->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < loaded->sheets->len; i++)
    {
      const char *sheet_id = jl_record_get_id (loaded->sheets->pdata[i]);
      JlQuery query = { .filters = { { "sheet_id", sheet_id } } };
      GPtrArray *scores = jl_store_list (store, "eval_score", &query, error);

      if (scores == NULL)
        return NULL;
      g_hash_table_insert (loaded->scores, g_strdup (sheet_id), scores);
    }
  return g_steal_pointer (&loaded);
}

static void
clear_rows (JlScoreGrid *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->body_grid)))
    gtk_grid_remove (GTK_GRID (self->body_grid), child);
  g_ptr_array_set_size (self->rows, 0);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlScoreGrid) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = jl_store_run_finish (JL_STORE (source), result, &error);
  const char *scale;
  guint next = 1;

  self->loading = FALSE;
  if (self->disposed)
    return;
  if (loaded == NULL)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      _jl_score_grid_update_message (self);
      return;
    }

  scale = jl_record_get_string (loaded->tpl, "scale");
  self->scale = g_strcmp0 (scale, "satisfaction") == 0 ? JL_EVAL_SCALE_SATISFACTION
              : g_strcmp0 (scale, "grade") == 0 ? JL_EVAL_SCALE_GRADE : JL_EVAL_SCALE_SCORE;
  self->decimals = jl_record_get_int (loaded->tpl, "decimals", 2);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  self->criteria = g_ptr_array_ref (loaded->criteria);
  g_clear_pointer (&self->scorers, g_ptr_array_unref);
  self->scorers = g_ptr_array_ref (loaded->scorers);
  /* A named round without scorers yet has nobody to pick. */
  self->named = !jl_record_get_bool (loaded->round, "anonymous") && self->scorers->len > 0;
  /* A new model: the old rows' drop-downs keep theirs until they go. */
  g_clear_object (&self->scorer_names);
  self->scorer_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->scorer_names, "—");
  for (guint i = 0; i < self->scorers->len; i++)
    gtk_string_list_append (self->scorer_names, jl_record_get_title (self->scorers->pdata[i]));
  _jl_score_grid_build_header (self);

  self->updating = TRUE;
  clear_rows (self);
  for (guint i = 0; i < loaded->sheets->len; i++)
    {
      JlRecord *sheet = loaded->sheets->pdata[i];

      show_sheet (self, sheet, g_hash_table_lookup (loaded->scores, jl_record_get_id (sheet)));
      next = MAX (next, (guint) jl_record_get_int (sheet, "ballot_no", 0) + 1);
    }
  _jl_score_grid_append_row (self, next);
  self->updating = FALSE;

  self->loaded = TRUE;
  _jl_score_grid_update_message (self);
  _jl_score_grid_update_status (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    jl_score_grid_add_ballot (self);
  g_signal_emit (self, signals[LOADED], 0);
}

/* Results of an older load are dropped: only the last target counts. */
typedef struct
{
  JlScoreGrid *self;
  guint        serial;
} SerialData;

static gpointer
serial_data_new (JlScoreGrid *self)
{
  SerialData *data = g_new0 (SerialData, 1);

  data->self = g_object_ref (self);
  data->serial = self->load_serial;
  return data;
}

static void
loaded_serial_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  SerialData *data = user_data;
  JlScoreGrid *self = data->self;

  if (data->serial != self->load_serial)
    {
      g_autoptr(Loaded) stale = jl_store_run_finish (JL_STORE (source), result, NULL);

      g_object_unref (self);
      g_free (data);
      return;
    }
  g_free (data);
  loaded_cb (source, result, self);
}

void
jl_score_grid_load (JlScoreGrid *self,
                    const char  *round_id,
                    const char  *target_id)
{
  LoadJob *job;

  g_return_if_fail (JL_IS_SCORE_GRID (self));
  g_return_if_fail (round_id != NULL && target_id != NULL);

  /* What is typed for this target is stored before the rows go. */
  jl_score_grid_save_now (self);
  if (self->in_flight > 0 || _jl_score_grid_has_pending (self))
    {
      g_free (self->next_round);
      self->next_round = g_strdup (round_id);
      g_free (self->next_target);
      self->next_target = g_strdup (target_id);
      return;
    }

  g_free (self->round_id);
  self->round_id = g_strdup (round_id);
  g_free (self->target_id);
  self->target_id = g_strdup (target_id);
  g_clear_pointer (&self->save_error, g_free);
  self->loaded = FALSE;
  self->loading = TRUE;
  self->load_serial++;

  job = g_new0 (LoadJob, 1);
  job->round_id = g_strdup (round_id);
  job->target_id = g_strdup (target_id);
  jl_store_run_async (self->store, load_func, job, (GDestroyNotify) load_job_free, (GDestroyNotify) loaded_free,
                      NULL, loaded_serial_cb, serial_data_new (self));
}

/* Public accessors
 */

GtkWidget *
jl_score_grid_new (JlStore *store)
{
  JlScoreGrid *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);

  self = g_object_new (JL_TYPE_SCORE_GRID, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

const char *
jl_score_grid_get_target (JlScoreGrid *self)
{
  g_return_val_if_fail (JL_IS_SCORE_GRID (self), NULL);
  return self->target_id;
}

gboolean
jl_score_grid_is_loaded (JlScoreGrid *self)
{
  g_return_val_if_fail (JL_IS_SCORE_GRID (self), FALSE);
  return self->loaded;
}

guint
jl_score_grid_get_n_rows (JlScoreGrid *self)
{
  g_return_val_if_fail (JL_IS_SCORE_GRID (self), 0);
  return self->rows->len;
}

guint
jl_score_grid_get_n_columns (JlScoreGrid *self)
{
  g_return_val_if_fail (JL_IS_SCORE_GRID (self), 0);
  return self->rows->len > 0 ? ((Row *) self->rows->pdata[0])->n_cells : 0;
}

static Row *
get_row (JlScoreGrid *self,
         guint        row)
{
  g_return_val_if_fail (JL_IS_SCORE_GRID (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return self->rows->pdata[row];
}

guint
jl_score_grid_get_ballot_no (JlScoreGrid *self,
                             guint        row)
{
  Row *r = get_row (self, row);
  return r ? r->ballot_no : 0;
}

GtkWidget *
jl_score_grid_get_cell (JlScoreGrid *self,
                        guint        row,
                        guint        column)
{
  Row *r = get_row (self, row);

  g_return_val_if_fail (r == NULL || column < r->n_cells, NULL);
  return r ? r->cells[column].entry : NULL;
}

GtkWidget *
jl_score_grid_get_void_check (JlScoreGrid *self,
                              guint        row)
{
  Row *r = get_row (self, row);
  return r ? r->void_check : NULL;
}

GtkWidget *
jl_score_grid_get_reason_entry (JlScoreGrid *self,
                                guint        row)
{
  Row *r = get_row (self, row);
  return r ? r->reason_entry : NULL;
}

GtkWidget *
jl_score_grid_get_scorer (JlScoreGrid *self,
                          guint        row)
{
  Row *r = get_row (self, row);
  return r ? r->scorer_drop : NULL;
}

const char *
jl_score_grid_get_total (JlScoreGrid *self,
                         guint        row)
{
  Row *r = get_row (self, row);
  return r && r->total_text ? r->total_text : "";
}

const char *
jl_score_grid_get_message (JlScoreGrid *self)
{
  g_return_val_if_fail (JL_IS_SCORE_GRID (self), NULL);
  return self->message;
}

/* Object
 */

static void
jl_score_grid_dispose (GObject *object)
{
  JlScoreGrid *self = JL_SCORE_GRID (object);

  /* Nothing typed is dropped: the saves keep the grid alive. */
  if (self->store != NULL && !self->disposed)
    jl_score_grid_save_now (self);
  self->disposed = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  _jl_score_grid_unwatch_focus (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (jl_score_grid_parent_class)->dispose (object);
}

static void
jl_score_grid_finalize (GObject *object)
{
  JlScoreGrid *self = JL_SCORE_GRID (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_pointer (&self->scorers, g_ptr_array_unref);
  g_clear_object (&self->scorer_names);
  g_clear_object (&self->store);
  g_free (self->round_id);
  g_free (self->target_id);
  g_free (self->next_round);
  g_free (self->next_target);
  g_free (self->message);
  g_free (self->save_error);
  g_free (self->choice_legend);

  G_OBJECT_CLASS (jl_score_grid_parent_class)->finalize (object);
}

static void
jl_score_grid_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jl_score_grid_parent_class)->map (widget);
  _jl_score_grid_watch_focus (JL_SCORE_GRID (widget));
}

static void
jl_score_grid_unmap (GtkWidget *widget)
{
  _jl_score_grid_unwatch_focus (JL_SCORE_GRID (widget));
  GTK_WIDGET_CLASS (jl_score_grid_parent_class)->unmap (widget);
}

static void
jl_score_grid_class_init (JlScoreGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jl_score_grid_dispose;
  object_class->finalize = jl_score_grid_finalize;
  widget_class->map = jl_score_grid_map;
  widget_class->unmap = jl_score_grid_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * JlScoreGrid::loaded:
   *
   * A target's ballots are shown.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * JlScoreGrid::saved:
   *
   * Every change is stored; results can be recomputed.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_score_grid_init (JlScoreGrid *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _jl_score_grid_row_free);
  self->criteria = g_ptr_array_new ();
  self->scorers = g_ptr_array_new ();
  self->scorer_names = gtk_string_list_new (NULL);
  self->message = g_strdup ("");
  self->decimals = 2;
  _jl_score_grid_build (self);
}
