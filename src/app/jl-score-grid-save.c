/* jl-score-grid-save.c: checking what is typed in the score grid, and
 * saving it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlScoreGrid"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jl-decimal.h"
#include "jl-score-grid-private.h"
#include "jl-store-async.h"

/* Typing a number and moving on takes about this long. */
#define SAVE_DELAY_MS 600

static void schedule_save (JlScoreGrid *self,
                           guint        delay_ms);

/* Rows and cells
 */

void
_jl_score_grid_row_free (Row *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    {
      g_free (row->cells[i].choice);
      g_free (row->cells[i].valid_text);
      g_free (row->cells[i].saved_text);
      g_free (row->cells[i].error);
    }
  g_free (row->cells);
  g_free (row->sheet_id);
  g_free (row->void_reason);
  g_free (row->saved_reason);
  g_free (row->scorer_id);
  g_free (row->total_text);
  g_free (row);
}

static gboolean
cell_is_filled (JlScoreGrid *self,
                Cell        *cell)
{
  if (cell->error != NULL)
    return FALSE;
  return self->scale == JL_EVAL_SCALE_SCORE ? !isnan (cell->value) : cell->choice != NULL;
}

/* Whether the row is a ballot: stored, void, or with a valid value. */
static gboolean
row_has_data (JlScoreGrid *self,
              Row         *row)
{
  if (row->sheet_id != NULL || row->is_void || row->scorer_id != NULL)
    return TRUE;
  for (guint i = 0; i < row->n_cells; i++)
    if (cell_is_filled (self, &row->cells[i]))
      return TRUE;
  return FALSE;
}

gboolean
_jl_score_grid_has_pending (JlScoreGrid *self)
{
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];

      if (row->sheet_dirty)
        return TRUE;
      for (guint i = 0; i < row->n_cells; i++)
        if (row->cells[i].dirty)
          return TRUE;
    }
  return FALSE;
}

/* Messages and the status line
 */

void
_jl_score_grid_update_message (JlScoreGrid *self)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = 0;

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];

      for (guint i = 0; i < row->n_cells; i++)
        if (row->cells[i].error != NULL && n++ < 3)
          g_string_append_printf (s, "%s%s", s->len ? "\n" : "", row->cells[i].error);
    }
  if (n > 3)
    g_string_append_printf (s, "\n%s", _("…and more"));
  if (self->save_error != NULL)
    g_string_append_printf (s, "%s%s", s->len ? "\n" : "", self->save_error);

  g_free (self->message);
  self->message = g_string_free (g_steal_pointer (&s), FALSE);
  if (self->disposed)
    return;
  gtk_label_set_text (GTK_LABEL (self->message_label), self->message);
  gtk_widget_set_visible (self->message_label, *self->message != '\0');
}

void
_jl_score_grid_update_status (JlScoreGrid *self)
{
  guint ballots = 0;
  g_autofree char *text = NULL;

  if (self->disposed)
    return;
  for (guint r = 0; r < self->rows->len; r++)
    if (((Row *) self->rows->pdata[r])->sheet_id != NULL)
      ballots++;
  if (self->in_flight > 0 || self->save_source != 0)
    text = g_strdup (_("Saving…"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ballot, all saved", "%u ballots, all saved",
                                         ballots), ballots);
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
}

/* Checking what is typed
 */

static char *
check_points (JlRecord   *criterion,
              const char *text,
              double     *value)
{
  double max = jl_record_get_double (criterion, "max_points", 100);
  g_autofree char *max_text = jl_decimal_format (max);
  g_autofree char *value_text = NULL;

  switch (jl_decimal_parse (text, value))
    {
    case JL_DECIMAL_EMPTY:
      return NULL;
    case JL_DECIMAL_INVALID:
      /* TRANSLATORS: "criterion": “what was typed” is not a number */
      return g_strdup_printf (_("“%s”: “%s” is not a number"), jl_record_get_title (criterion), text);
    case JL_DECIMAL_OK:
    default:
      break;
    }
  if (*value < 0)
    return g_strdup_printf (_("“%s”: points cannot be negative"), jl_record_get_title (criterion));
  if (*value > max)
    {
      value_text = jl_decimal_format (*value);
      /* TRANSLATORS: "criterion": 120 is more than the maximum of 100 points */
      return g_strdup_printf (_("“%s”: %s is more than the maximum of %s points"),
                              jl_record_get_title (criterion), value_text, max_text);
    }
  return NULL;
}

static const JlField *
choice_field (void)
{
  return jl_kind_lookup_field (jl_schema_lookup ("eval_sheet"), "choice");
}

static const char *const ballot_words[2][4] = {
  { "满意", "基本满意", "不满意", NULL },
  { "优秀", "合格", "基本合格", "不合格" },
};

static guint
scale_index (JlEvalScale scale)
{
  return scale == JL_EVAL_SCALE_GRADE ? 1 : 0;
}

/* "1", "满意", "Satisfied" or "satisfied" → "satisfied". */
static char *
check_choice (JlScoreGrid *self,
              const char  *text,
              const char **key)
{
  const char *const *keys = _jl_score_grid_choice_keys (self->scale);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *parsed;
  double number;

  *key = NULL;
  if (*trimmed == '\0')
    return NULL;
  if (jl_decimal_parse (trimmed, &number) == JL_DECIMAL_OK && number == (guint) number &&
      number >= 1 && number <= g_strv_length ((char **) keys))
    {
      *key = keys[(guint) number - 1];
      return NULL;
    }
  /* The words on the paper ballot, whatever the screen's language. */
  for (guint k = 0; keys[k]; k++)
    if (g_strcmp0 (trimmed, ballot_words[scale_index (self->scale)][k]) == 0)
      {
        *key = keys[k];
        return NULL;
      }
  parsed = jl_enum_parse (choice_field (), trimmed);
  if (parsed != NULL && g_strv_contains (keys, parsed))
    {
      *key = parsed;
      return NULL;
    }
  /* TRANSLATORS: “what was typed” is not one of 1 满意, 2 基本满意, … */
  return g_strdup_printf (_("“%s” is not one of %s"), text, self->choice_legend);
}

void
_jl_score_grid_update_total (JlScoreGrid *self,
                             Row         *row)
{
  double total = 0;
  guint filled = 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_clear_pointer (&row->total_text, g_free);
  if (row->is_void)
    row->total_text = g_strdup (_("Void"));
  else if (self->scale != JL_EVAL_SCALE_SCORE)
    row->total_text = g_strdup (row->cells[0].choice ? jl_enum_get_label (choice_field (), row->cells[0].choice)
                                                       : "");
  else
    {
      for (guint i = 0; i < row->n_cells; i++)
        {
          JlRecord *c = self->criteria->pdata[i];

          if (!cell_is_filled (self, &row->cells[i]))
            continue;
          filled++;
          total += row->cells[i].value / jl_record_get_double (c, "max_points", 100) *
                   jl_record_get_double (c, "weight", 0);
        }
      g_snprintf (format, sizeof format, "%%.%uf", MIN (self->decimals, 4));
      row->total_text = filled == 0 ? g_strdup ("")
                                    : g_strdup (g_ascii_formatd (buf, sizeof buf, format,
                                                                 jl_eval_round (total, self->decimals)));
    }

  if (self->disposed)
    return;
  gtk_label_set_text (GTK_LABEL (row->total_label), row->total_text);
  /* Dimmed while the ballot is void or not complete yet. */
  if (row->is_void || (self->scale == JL_EVAL_SCALE_SCORE && filled < row->n_cells))
    gtk_widget_add_css_class (row->total_label, "dim-label");
  else
    gtk_widget_remove_css_class (row->total_label, "dim-label");
}

static void
set_cell_error (Cell       *cell,
                char       *message)
{
  g_free (cell->error);
  cell->error = message;
  if (cell->row->grid->disposed)
    return;
  if (message != NULL)
    {
      gtk_widget_add_css_class (cell->entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (cell->entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (cell->entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (cell->entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
row_changed (JlScoreGrid *self,
             Row         *row)
{
  _jl_score_grid_update_total (self, row);
  _jl_score_grid_update_message (self);
  /* Typing in the empty last row makes it a ballot: a new empty row. */
  if (row == g_ptr_array_index (self->rows, self->rows->len - 1) && row_has_data (self, row))
    _jl_score_grid_append_row (self, row->ballot_no + 1);
  schedule_save (self, SAVE_DELAY_MS);
}

void
_jl_score_grid_cell_changed (Cell *cell)
{
  JlScoreGrid *self = cell->row->grid;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (cell->entry));

  if (self->updating)
    return;

  if (self->scale == JL_EVAL_SCALE_SCORE)
    {
      double value;
      char *error = check_points (self->criteria->pdata[cell->column], text, &value);

      set_cell_error (cell, error);
      /* A refused value is not saved: the stored one stays. */
      cell->dirty = error == NULL;
      if (error == NULL)
        {
          cell->value = value;
          g_free (cell->valid_text);
          cell->valid_text = g_strdup (text);
        }
    }
  else
    {
      const char *key;
      char *error = check_choice (self, text, &key);

      set_cell_error (cell, error);
      if (error == NULL)
        {
          g_free (cell->choice);
          cell->choice = g_strdup (key);
          cell->row->sheet_dirty = TRUE;
          g_free (cell->valid_text);
          cell->valid_text = g_strdup (text);
        }
    }
  row_changed (self, cell->row);
}

void
_jl_score_grid_void_toggled (Row *row)
{
  JlScoreGrid *self = row->grid;

  if (self->updating)
    return;
  row->is_void = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->void_check));
  row->sheet_dirty = TRUE;
  gtk_widget_set_sensitive (row->reason_entry, row->is_void);
  row_changed (self, row);
}

void
_jl_score_grid_reason_changed (Row *row)
{
  JlScoreGrid *self = row->grid;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->reason_entry))));

  if (self->updating)
    return;
  g_free (row->void_reason);
  row->void_reason = *text ? g_steal_pointer (&text) : NULL;
  row->sheet_dirty = TRUE;
  schedule_save (self, SAVE_DELAY_MS);
}

void
_jl_score_grid_scorer_changed (Row *row)
{
  JlScoreGrid *self = row->grid;
  guint selected;

  if (self->updating || row->scorer_drop == NULL)
    return;
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->scorer_drop));
  g_free (row->scorer_id);
  /* Item 0 is "—": no scorer named. */
  row->scorer_id = selected > 0 && selected <= self->scorers->len
    ? g_strdup (jl_record_get_id (self->scorers->pdata[selected - 1])) : NULL;
  row->sheet_dirty = TRUE;
  row_changed (self, row);
}

/* Saving
 */

typedef struct
{
  JlScoreGrid *self;     /* owned */
  Row         *row;
  Cell        *cell;     /* NULL for the sheet */
  char        *text;     /* what was sent, for Escape */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_free (data->text);
  g_free (data);
}

static void save_finished (JlScoreGrid *self);

static void
sheet_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveData *data = user_data;
  JlScoreGrid *self = data->self;
  Row *row = data->row;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) sheet = jl_store_put_finish (JL_STORE (source), result, NULL, &error);

  row->sheet_in_flight = FALSE;
  self->in_flight--;
  g_clear_pointer (&self->save_error, g_free);
  if (sheet == NULL)
    self->save_error = g_strdup_printf (_("Ballot %u could not be saved: %s"), row->ballot_no, error->message);
  else
    {
      if (row->sheet_id == NULL)
        {
          row->sheet_id = g_strdup (jl_record_get_id (sheet));
          _jl_score_grid_row_stored (row);
        }
      g_free (row->saved_reason);
      row->saved_reason = g_strdup (jl_record_get_string (sheet, "void_reason"));
      if (self->scale != JL_EVAL_SCALE_SCORE)
        {
          g_free (row->cells[0].saved_text);
          row->cells[0].saved_text = g_strdup (data->text);
        }
    }
  _jl_score_grid_update_message (self);
  save_finished (self);
  save_data_free (data);
}

static void
put_sheet (JlScoreGrid *self,
           Row         *row)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  SaveData *data = g_new0 (SaveData, 1);

  if (row->sheet_id == NULL)
    {
      json_object_set_string_member (fields, "round_id", self->round_id);
      json_object_set_string_member (fields, "target_id", self->target_id);
      json_object_set_int_member (fields, "ballot_no", row->ballot_no);
    }
  json_object_set_boolean_member (fields, "is_void", row->is_void);
  /* Only with the column shown: the core refuses a scorer on an anonymous
   * round's ballot. */
  if (self->named && row->scorer_id != NULL)
    json_object_set_string_member (fields, "scorer_id", row->scorer_id);
  else if (self->named)
    json_object_set_null_member (fields, "scorer_id");
  if (row->void_reason != NULL)
    json_object_set_string_member (fields, "void_reason", row->void_reason);
  else
    json_object_set_null_member (fields, "void_reason");
  /* A refused choice leaves the stored one alone. */
  if (self->scale != JL_EVAL_SCALE_SCORE && row->cells[0].error == NULL)
    {
      if (row->cells[0].choice != NULL)
        json_object_set_string_member (fields, "choice", row->cells[0].choice);
      else
        json_object_set_null_member (fields, "choice");
      data->text = g_strdup (row->cells[0].valid_text);
    }

  data->self = g_object_ref (self);
  data->row = row;
  row->sheet_dirty = FALSE;
  row->sheet_in_flight = TRUE;
  self->in_flight++;
  jl_store_put_async (self->store, "eval_sheet", row->sheet_id, fields, NULL, sheet_saved_cb, data);
}

static void
score_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveData *data = user_data;
  JlScoreGrid *self = data->self;
  Cell *cell = data->cell;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) score = jl_store_put_finish (JL_STORE (source), result, NULL, &error);

  cell->in_flight = FALSE;
  self->in_flight--;
  if (score == NULL)
    /* The store has the last word (a maximum changed meanwhile…). */
    set_cell_error (cell, g_strdup (error->message));
  else
    {
      g_free (cell->saved_text);
      cell->saved_text = g_steal_pointer (&data->text);
    }
  _jl_score_grid_update_message (self);
  save_finished (self);
  save_data_free (data);
}

static void
put_score (JlScoreGrid *self,
           Row         *row,
           Cell        *cell)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  SaveData *data = g_new0 (SaveData, 1);
  JlRecord *criterion = self->criteria->pdata[cell->column];

  json_object_set_string_member (fields, "sheet_id", row->sheet_id);
  json_object_set_string_member (fields, "criterion_id", jl_record_get_id (criterion));
  if (isnan (cell->value))
    json_object_set_null_member (fields, "points");
  else
    json_object_set_double_member (fields, "points", cell->value);

  data->self = g_object_ref (self);
  data->row = row;
  data->cell = cell;
  data->text = g_strdup (cell->valid_text);
  cell->dirty = FALSE;
  cell->in_flight = TRUE;
  self->in_flight++;
  jl_store_put_async (self->store, "eval_score", NULL, fields, NULL, score_saved_cb, data);
}

static void
flush_row (JlScoreGrid *self,
           Row         *row)
{
  if (row->sheet_id == NULL)
    {
      if (row->sheet_in_flight)
        return;
      if (row_has_data (self, row))
        put_sheet (self, row);
      else
        {
          /* Typed and wiped again: nothing to store. */
          row->sheet_dirty = FALSE;
          for (guint i = 0; i < row->n_cells; i++)
            row->cells[i].dirty = FALSE;
        }
      return;
    }

  if (row->sheet_dirty && !row->sheet_in_flight)
    put_sheet (self, row);
  if (self->scale != JL_EVAL_SCALE_SCORE)
    return;
  for (guint i = 0; i < row->n_cells; i++)
    {
      Cell *cell = &row->cells[i];

      if (cell->dirty && !cell->in_flight && cell->error == NULL)
        put_score (self, row, cell);
    }
}

static void
flush (JlScoreGrid *self)
{
  for (guint r = 0; r < self->rows->len; r++)
    flush_row (self, self->rows->pdata[r]);
  _jl_score_grid_update_status (self);
}

static void
save_finished (JlScoreGrid *self)
{
  if (_jl_score_grid_has_pending (self) && self->save_source == 0)
    {
      /* Changes made while saving, or cells waiting for their sheet. */
      flush (self);
      return;
    }
  _jl_score_grid_update_status (self);
  if (!jl_score_grid_is_idle (self))
    return;
  _jl_score_grid_emit_saved (self);
  /* A target chosen while saving is loaded now. */
  if (self->next_target != NULL && !self->disposed)
    {
      g_autofree char *target = g_steal_pointer (&self->next_target);
      g_autofree char *round = g_steal_pointer (&self->next_round);

      jl_score_grid_load (self, round, target);
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  JlScoreGrid *self = user_data;

  self->save_source = 0;
  flush (self);
  if (jl_score_grid_is_idle (self))
    save_finished (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (JlScoreGrid *self,
               guint        delay_ms)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (delay_ms, save_timeout_cb, self);
  _jl_score_grid_update_status (self);
}

void
jl_score_grid_save_now (JlScoreGrid *self)
{
  g_return_if_fail (JL_IS_SCORE_GRID (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  flush (self);
}

gboolean
jl_score_grid_is_idle (JlScoreGrid *self)
{
  g_return_val_if_fail (JL_IS_SCORE_GRID (self), FALSE);
  return self->in_flight == 0 && self->save_source == 0 && !_jl_score_grid_has_pending (self) && !self->loading;
}

