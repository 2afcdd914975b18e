/* jl-criteria-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlCriteriaTable"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jl-criteria-table.h"
#include "jl-decimal.h"
#include "jl-store-async.h"

#define SAVE_DELAY_MS 800
#define NUMBER_WIDTH  72

static const char *const field_names[] = { "content", "max_points", "weight", "category", "standard" };
enum { F_CONTENT, F_MAX, F_WEIGHT, F_CATEGORY, F_STANDARD, N_FIELDS };

typedef struct
{
  JlCriteriaTable *self;       /* unowned */
  JlRecord        *record;     /* NULL until created */
  GtkWidget       *row;
  GtkWidget       *number_label;
  GtkWidget       *entries[N_FIELDS];
  JsonObject      *values;     /* valid values as typed */
  char            *error;
  gboolean         dirty;
  gboolean         in_flight;
  gboolean         removed;
} Crit;

struct _JlCriteriaTable
{
  AdwBin        parent_instance;

  JlStore      *store;
  char         *template_id;
  char         *scale;
  GPtrArray    *crits;         /* Crit* */
  guint         save_source;
  guint         in_flight;
  gboolean      loaded;
  gboolean      disposed;
  char         *message;

  GtkWidget    *list;
  GtkWidget    *total_label;
  GtkWidget    *message_label;
  GtkWidget    *empty_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlCriteriaTable, jl_criteria_table, ADW_TYPE_BIN)

static void schedule_save (JlCriteriaTable *self);

static void
crit_free (Crit *c)
{
  g_clear_object (&c->record);
  g_clear_pointer (&c->values, json_object_unref);
  g_free (c->error);
  g_free (c);
}

/* The indicator and messages
 */

double
jl_criteria_table_get_weight_total (JlCriteriaTable *self)
{
  double total = 0;

  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), 0);
  for (guint i = 0; i < self->crits->len; i++)
    {
      Crit *c = self->crits->pdata[i];
      double w;

      if (jl_decimal_parse (gtk_editable_get_text (GTK_EDITABLE (c->entries[F_WEIGHT])), &w) == JL_DECIMAL_OK)
        total += w;
    }
  return total;
}

static void
update_total (JlCriteriaTable *self)
{
  double total = jl_criteria_table_get_weight_total (self);
  g_autofree char *number = jl_decimal_format (jl_eval_round (total, 2));
  g_autofree char *text = NULL;
  gboolean scored = self->scale == NULL || g_strcmp0 (self->scale, "score") == 0;
  gboolean ok = fabs (total - 100) < 0.001;

  /* TRANSLATORS: live sum of a template's criteria weights, e.g. 权重合计 95 / 100 */
  text = g_strdup_printf (_("Weights total %s / 100"), number);
  gtk_label_set_text (GTK_LABEL (self->total_label), text);
  gtk_widget_remove_css_class (self->total_label, "error");
  gtk_widget_remove_css_class (self->total_label, "success");
  gtk_widget_remove_css_class (self->total_label, "dim-label");
  if (!scored)
    gtk_widget_add_css_class (self->total_label, "dim-label");
  else
    gtk_widget_add_css_class (self->total_label, ok ? "success" : "error");
  gtk_widget_set_tooltip_text (self->total_label,
                               !scored ? _("Weights are not used on this template's scale.")
                               : ok ? _("The weights total 100: rounds can use this template.")
                               : _("The weights must total 100 before a round can use this template."));
}

static void
update_message (JlCriteriaTable *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < self->crits->len; i++)
    {
      Crit *c = self->crits->pdata[i];

      if (c->error != NULL)
        g_string_append_printf (s, "%s%s", s->len ? "\n" : "", c->error);
    }
  g_free (self->message);
  self->message = g_string_free (g_steal_pointer (&s), FALSE);
  if (self->disposed)
    return;
  gtk_label_set_text (GTK_LABEL (self->message_label), self->message);
  gtk_widget_set_visible (self->message_label, *self->message != '\0');
}

/* Checking a row
 */

static const JlKind *
criterion_kind (void)
{
  return jl_schema_lookup ("eval_criterion");
}

static JsonNode *
read_entry (Crit  *c,
            guint  f)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (c->entries[f]));
  double value;

  if (f == F_MAX || f == F_WEIGHT)
    switch (jl_decimal_parse (text, &value))
      {
      case JL_DECIMAL_EMPTY:
        return json_node_init_null (json_node_alloc ());
      case JL_DECIMAL_OK:
        return json_node_init_double (json_node_alloc (), value);
      case JL_DECIMAL_INVALID:
      default:
        break;  /* the core says why */
      }
  return json_node_init_string (json_node_alloc (), text);
}

/* Reads every entry of @c into c->values; returns the first problem, in
 * the core's words (which name the field), or NULL. */
static char *
check_row (Crit *c)
{
  const JlKind *kind = criterion_kind ();
  g_autoptr(JsonObject) values = json_object_new ();
  char *problem = NULL;

  for (guint f = 0; f < N_FIELDS; f++)
    {
      const JlField *field = jl_kind_lookup_field (kind, field_names[f]);
      g_autoptr(JsonNode) raw = read_entry (c, f);
      g_autoptr(GError) error = NULL;
      JsonNode *value = jl_field_normalize (kind, field, raw, &error);

      if (value == NULL)
        {
          gtk_widget_add_css_class (c->entries[f], "error");
          if (problem == NULL)
            problem = g_strdup (error->message);
          continue;
        }
      gtk_widget_remove_css_class (c->entries[f], "error");
      /* A new row is simply not stored until it is complete. */
      if ((field->flags & JL_FIELD_REQUIRED) && JSON_NODE_HOLDS_NULL (value) && c->record != NULL)
        {
          gtk_widget_add_css_class (c->entries[f], "error");
          if (problem == NULL)
            /* TRANSLATORS: e.g. "Maximum points (max_points): is required" */
            problem = g_strdup_printf (_("%s (%s): is required"), jl_field_get_label (field), field->name);
        }
      json_object_set_member (values, field->name, value);
    }
  g_clear_pointer (&c->values, json_object_unref);
  c->values = g_steal_pointer (&values);
  return problem;
}

static void
row_changed_cb (Crit *c)
{
  JlCriteriaTable *self = c->self;

  g_free (c->error);
  c->error = check_row (c);
  c->dirty = c->error == NULL;
  update_total (self);
  update_message (self);
  if (c->dirty)
    schedule_save (self);
}

/* Saving
 */

typedef struct
{
  JlCriteriaTable *self;   /* owned */
  Crit            *crit;
} SaveData;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(JlCriteriaTable) self = data->self;
  Crit *c = data->crit;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_put_finish (JL_STORE (source), result, NULL, &error);

  g_free (data);
  c->in_flight = FALSE;
  self->in_flight--;
  if (record == NULL)
    {
      g_free (c->error);
      c->error = g_strdup (error->message);
      update_message (self);
    }
  else
    {
      g_set_object (&c->record, record);
      if (!self->disposed)
        g_signal_emit (self, signals[SAVED], 0);
    }
  /* Typed while saving: saved next (at once if the table is gone). */
  if (c->dirty && !c->removed)
    {
      if (self->disposed)
        jl_criteria_table_save_now (self);
      else
        schedule_save (self);
    }
}

static void
put_row (JlCriteriaTable *self,
         Crit            *c,
         guint            position)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  JsonObject *fields;
  SaveData *data = g_new0 (SaveData, 1);

  json_node_set_object (node, c->values);
  copy = json_node_copy (node);
  fields = json_node_get_object (copy);
  if (c->record == NULL)
    {
      json_object_set_string_member (fields, "template_id", self->template_id);
      json_object_set_int_member (fields, "position", position);
    }
  data->self = g_object_ref (self);
  data->crit = c;
  c->dirty = FALSE;
  c->in_flight = TRUE;
  self->in_flight++;
  jl_store_put_async (self->store, "eval_criterion", c->record ? jl_record_get_id (c->record) : NULL,
                      fields, NULL, saved_cb, data);
}

static gboolean
has_value (JsonObject *values,
           const char *name)
{
  return values != NULL && json_object_has_member (values, name) &&
         !JSON_NODE_HOLDS_NULL (json_object_get_member (values, name));
}

void
jl_criteria_table_save_now (JlCriteriaTable *self)
{
  g_return_if_fail (JL_IS_CRITERIA_TABLE (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  for (guint i = 0; i < self->crits->len; i++)
    {
      Crit *c = self->crits->pdata[i];

      /* A new row is stored once it has content, maximum and weight. */
      if (!c->dirty || c->in_flight || c->error != NULL)
        continue;
      if (c->record == NULL && !(has_value (c->values, "content") && has_value (c->values, "max_points") &&
                                 has_value (c->values, "weight")))
        continue;
      put_row (self, c, i + 1);
    }
}

static gboolean
save_timeout_cb (gpointer data)
{
  JlCriteriaTable *self = data;

  self->save_source = 0;
  jl_criteria_table_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (JlCriteriaTable *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

gboolean
jl_criteria_table_is_idle (JlCriteriaTable *self)
{
  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), FALSE);
  if (self->in_flight > 0 || self->save_source != 0)
    return FALSE;
  for (guint i = 0; i < self->crits->len; i++)
    if (((Crit *) self->crits->pdata[i])->in_flight)
      return FALSE;
  return TRUE;
}

/* Deleting
 */

static void
remove_row (JlCriteriaTable *self,
            Crit            *c)
{
  c->removed = TRUE;
  gtk_list_box_remove (GTK_LIST_BOX (self->list), c->row);
  g_ptr_array_remove (self->crits, c);
  for (guint i = 0; i < self->crits->len; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      gtk_label_set_text (GTK_LABEL (((Crit *) self->crits->pdata[i])->number_label), n);
    }
  gtk_widget_set_visible (self->empty_row, self->crits->len == 0);
  update_total (self);
  update_message (self);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlCriteriaTable) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      g_free (self->message);
      self->message = g_strdup (error->message);
      if (!self->disposed)
        {
          gtk_label_set_text (GTK_LABEL (self->message_label), self->message);
          gtk_widget_set_visible (self->message_label, TRUE);
        }
    }
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Crit             *c)
{
  JlCriteriaTable *self = c->self;

  if (g_strcmp0 (response, "delete") != 0 || c->in_flight)
    return;
  if (c->record != NULL)
    jl_store_delete_async (self->store, "eval_criterion", jl_record_get_id (c->record), NULL,
                           deleted_cb, g_object_ref (self));
  remove_row (self, c);
}

static void
delete_clicked_cb (Crit *c)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (c->self));
  const char *content = gtk_editable_get_text (GTK_EDITABLE (c->entries[F_CONTENT]));
  g_autofree char *heading = g_strdup_printf (_("Delete the criterion “%s”?"), content);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("Scores already entered for it no longer count."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rows
 */

static GtkWidget *
make_entry (Crit       *c,
            guint       f,
            const char *text)
{
  const JlField *field = jl_kind_lookup_field (criterion_kind (), field_names[f]);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), jl_field_get_label (field));
  gtk_widget_set_tooltip_text (entry, jl_field_get_label (field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  jl_field_get_label (field), -1);
  if (f == F_MAX || f == F_WEIGHT)
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 4);
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_set_size_request (entry, NUMBER_WIDTH, -1);
    }
  else
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), f == F_CATEGORY ? 6 : 10);
      gtk_widget_set_hexpand (entry, f != F_CATEGORY);
    }
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (row_changed_cb), c);
  return entry;
}

static char *
number_text (JlRecord   *record,
             const char *field)
{
  return record && jl_record_has_value (record, field)
    ? jl_decimal_format (jl_record_get_double (record, field, 0)) : g_strdup ("");
}

static Crit *
add_row (JlCriteriaTable *self,
         JlRecord        *record)
{
  Crit *c = g_new0 (Crit, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *del = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *number = g_strdup_printf ("%u", self->crits->len + 1);
  g_autofree char *max = number_text (record, "max_points");
  g_autofree char *weight = number_text (record, "weight");

  c->self = self;
  c->record = record ? g_object_ref (record) : NULL;
  c->entries[F_CONTENT] = make_entry (c, F_CONTENT, record ? jl_record_get_string (record, "content") : NULL);
  c->entries[F_MAX] = make_entry (c, F_MAX, max);
  c->entries[F_WEIGHT] = make_entry (c, F_WEIGHT, weight);
  c->entries[F_CATEGORY] = make_entry (c, F_CATEGORY, record ? jl_record_get_string (record, "category") : NULL);
  c->entries[F_STANDARD] = make_entry (c, F_STANDARD, record ? jl_record_get_string (record, "standard") : NULL);

  c->number_label = gtk_label_new (number);
  gtk_widget_add_css_class (c->number_label, "dim-label");
  gtk_widget_add_css_class (c->number_label, "numeric");
  gtk_widget_set_size_request (c->number_label, 24, -1);
  gtk_widget_add_css_class (del, "flat");
  gtk_widget_set_valign (del, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (del, _("Delete this criterion"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (del), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete this criterion"), -1);
  g_signal_connect_swapped (del, "clicked", G_CALLBACK (delete_clicked_cb), c);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_grid_attach (GTK_GRID (grid), c->number_label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), c->entries[F_CONTENT], 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), c->entries[F_MAX], 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), c->entries[F_WEIGHT], 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), del, 4, 0, 1, 2);
  gtk_box_append (GTK_BOX (second), c->entries[F_CATEGORY]);
  gtk_box_append (GTK_BOX (second), c->entries[F_STANDARD]);
  gtk_grid_attach (GTK_GRID (grid), second, 1, 1, 3, 1);

  c->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (c->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (c->row), grid);
  gtk_list_box_append (GTK_LIST_BOX (self->list), c->row);
  g_ptr_array_add (self->crits, c);
  gtk_widget_set_visible (self->empty_row, FALSE);

  g_free (c->error);
  c->error = check_row (c);
  return c;
}

GtkWidget *
jl_criteria_table_add (JlCriteriaTable *self)
{
  Crit *c;

  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), NULL);
  c = add_row (self, NULL);
  g_clear_pointer (&c->error, g_free);
  gtk_widget_grab_focus (c->entries[F_CONTENT]);
  update_total (self);
  return c->entries[F_CONTENT];
}

static void
add_clicked_cb (JlCriteriaTable *self)
{
  jl_criteria_table_add (self);
}

/* Loading
 */

static gpointer
list_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  JlQuery query = { .filters = { { "template_id", data } }, .order_by = "position" };

  return jl_store_list (store, "eval_criterion", &query, error);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlCriteriaTable) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = jl_store_run_finish (JL_STORE (source), result, &error);

  if (self->disposed)
    return;
  if (records == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->message_label), error->message);
      gtk_widget_set_visible (self->message_label, TRUE);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    add_row (self, records->pdata[i]);
  self->loaded = TRUE;
  update_total (self);
  update_message (self);
}

/* Object
 */

static void
jl_criteria_table_dispose (GObject *object)
{
  JlCriteriaTable *self = JL_CRITERIA_TABLE (object);

  /* Nothing typed is dropped. */
  if (self->store != NULL && !self->disposed)
    jl_criteria_table_save_now (self);
  self->disposed = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  G_OBJECT_CLASS (jl_criteria_table_parent_class)->dispose (object);
}

static void
jl_criteria_table_finalize (GObject *object)
{
  JlCriteriaTable *self = JL_CRITERIA_TABLE (object);

  g_clear_pointer (&self->crits, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_free (self->template_id);
  g_free (self->scale);
  g_free (self->message);
  G_OBJECT_CLASS (jl_criteria_table_parent_class)->finalize (object);
}

static void
jl_criteria_table_class_init (JlCriteriaTableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_criteria_table_dispose;
  G_OBJECT_CLASS (klass)->finalize = jl_criteria_table_finalize;

  /**
   * JlCriteriaTable::saved:
   *
   * A criterion was stored.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_criteria_table_init (JlCriteriaTable *self)
{
  self->crits = g_ptr_array_new_with_free_func ((GDestroyNotify) crit_free);
  self->message = g_strdup ("");
}

static GtkWidget *
make_header (JlCriteriaTable *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Criteria"));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  self->total_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->total_label, "heading");
  gtk_widget_add_css_class (self->total_label, "numeric");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add a criterion"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a criterion"), -1);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), self->total_label);
  gtk_box_append (GTK_BOX (box), add);
  return box;
}

static GtkWidget *
caption (const char *text,
         int         width,
         float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (label, width, -1);
  gtk_widget_set_hexpand (label, width < 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

/* Column captions over the rows, lined up with their entries. */
static GtkWidget *
make_captions (void)
{
  const JlKind *kind = criterion_kind ();
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *first = g_strdup_printf ("%s · %s · %s",
                                            jl_field_get_label (jl_kind_lookup_field (kind, "content")),
                                            jl_field_get_label (jl_kind_lookup_field (kind, "category")),
                                            jl_field_get_label (jl_kind_lookup_field (kind, "standard")));

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 7);
  gtk_widget_set_margin_end (grid, 7);
  gtk_grid_attach (GTK_GRID (grid), caption ("", 24, 0), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (first, -1, 0), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (jl_field_get_label (jl_kind_lookup_field (kind, "max_points")),
                                             NUMBER_WIDTH, 1), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption (jl_field_get_label (jl_kind_lookup_field (kind, "weight")),
                                             NUMBER_WIDTH, 1), 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), caption ("", 34, 0), 4, 0, 1, 1);
  return grid;
}

GtkWidget *
jl_criteria_table_new (JlStore    *store,
                       const char *template_id)
{
  JlCriteriaTable *self;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *empty;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (template_id != NULL, NULL);

  self = g_object_new (JL_TYPE_CRITERIA_TABLE, NULL);
  self->store = g_object_ref (store);
  self->template_id = g_strdup (template_id);

  gtk_box_append (GTK_BOX (box), make_header (self));
  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->message_label);
  gtk_box_append (GTK_BOX (box), make_captions ());

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Criteria"), -1);
  empty = gtk_label_new (_("No criteria yet: add one for each line of the scoring form."));
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  self->empty_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->empty_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->empty_row), empty);
  gtk_list_box_append (GTK_LIST_BOX (self->list), self->empty_row);
  gtk_box_append (GTK_BOX (box), self->list);
  adw_bin_set_child (ADW_BIN (self), box);

  update_total (self);
  jl_store_run_async (store, list_func, g_strdup (template_id), g_free, (GDestroyNotify) g_ptr_array_unref,
                      NULL, listed_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

void
jl_criteria_table_set_scale (JlCriteriaTable *self,
                             const char      *scale)
{
  g_return_if_fail (JL_IS_CRITERIA_TABLE (self));
  g_free (self->scale);
  self->scale = g_strdup (scale);
  update_total (self);
}

GtkWidget *
jl_criteria_table_get_total_label (JlCriteriaTable *self)
{
  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), NULL);
  return self->total_label;
}

guint
jl_criteria_table_get_n_rows (JlCriteriaTable *self)
{
  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), 0);
  return self->crits->len;
}

GtkWidget *
jl_criteria_table_get_entry (JlCriteriaTable *self,
                             guint            row,
                             const char      *field)
{
  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), NULL);
  g_return_val_if_fail (row < self->crits->len, NULL);
  for (guint f = 0; f < N_FIELDS; f++)
    if (g_strcmp0 (field_names[f], field) == 0)
      return ((Crit *) self->crits->pdata[row])->entries[f];
  g_return_val_if_reached (NULL);
}

gboolean
jl_criteria_table_is_loaded (JlCriteriaTable *self)
{
  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), FALSE);
  return self->loaded;
}

const char *
jl_criteria_table_get_message (JlCriteriaTable *self)
{
  g_return_val_if_fail (JL_IS_CRITERIA_TABLE (self), NULL);
  return self->message;
}
