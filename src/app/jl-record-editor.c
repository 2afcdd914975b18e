/* jl-record-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlRecordEditor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jl-record-editor.h"
#include "jl-store-async.h"
#include "jl-title-cache.h"

/* Long enough to finish a word, short enough that a crash loses little. */
#define AUTOSAVE_DELAY_MS 1200
#define LONG_TEXT_LEN 1000

typedef struct
{
  JlRecordEditor *self;     /* unowned */
  const JlField  *field;
  GtkWidget      *row;      /* what is shown */
  GtkWidget      *input;    /* entry row, switch, combo row or text view */
  GPtrArray      *choices;  /* combo: key or id per position, NULL first */
} FieldRow;

struct _JlRecordEditor
{
  GtkWidget       parent_instance;

  JlStore        *store;
  const JlKind   *kind;
  JlRecord       *record;
  JsonObject     *defaults;
  JlTitleCache   *titles;
  char           *community_id;

  GtkWidget      *box;
  GtkLabel       *message_label;
  GPtrArray      *rows;       /* FieldRow* */
  JsonObject     *pending;    /* valid values not yet saved */
  GHashTable     *errors;     /* field name → message */
  char           *message;

  guint           save_source;
  gboolean        saving;
  gboolean        updating;   /* setting values from the record */
  gboolean        frozen;
  gboolean        read_only;
  gboolean        disposed;   /* a save may finish after the widgets are gone */
  GCancellable   *cancellable;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlRecordEditor, jl_record_editor, GTK_TYPE_WIDGET)

static void schedule_save (JlRecordEditor *self);

static void
field_row_free (FieldRow *fr)
{
  g_clear_pointer (&fr->choices, g_ptr_array_unref);
  g_free (fr);
}

static FieldRow *
find_row (JlRecordEditor *self,
          const char     *name)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = self->rows->pdata[i];
      if (strcmp (fr->field->name, name) == 0)
        return fr;
    }
  return NULL;
}

/* Messages */

static void
update_message (JlRecordEditor *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (self->disposed)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = self->rows->pdata[i];
      const char *msg = g_hash_table_lookup (self->errors, fr->field->name);

      if (msg != NULL)
        g_string_append_printf (s, "%s%s", s->len ? "\n" : "", msg);
    }
  if (g_hash_table_contains (self->errors, ""))
    g_string_append_printf (s, "%s%s", s->len ? "\n" : "", (char *) g_hash_table_lookup (self->errors, ""));

  g_free (self->message);
  self->message = g_string_free (g_steal_pointer (&s), FALSE);
  gtk_label_set_text (self->message_label, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), *self->message != '\0');
}

static void
set_field_error (JlRecordEditor *self,
                 FieldRow       *fr,
                 const char     *message)
{
  if (message != NULL)
    {
      g_hash_table_replace (self->errors, g_strdup (fr->field->name), g_strdup (message));
      gtk_widget_add_css_class (fr->row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (fr->row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      g_hash_table_remove (self->errors, fr->field->name);
      gtk_widget_remove_css_class (fr->row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (fr->row), GTK_ACCESSIBLE_STATE_INVALID);
    }
  update_message (self);
}

/* Reading and writing row values */

static char *
row_text (FieldRow *fr)
{
  if (GTK_IS_TEXT_VIEW (fr->input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (fr->input)));
}

static JsonNode *
read_row (FieldRow *fr)
{
  const JlField *f = fr->field;

  if (GTK_IS_SWITCH (fr->input))
    return json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (fr->input)));

  if (ADW_IS_COMBO_ROW (fr->input))
    {
      guint pos = adw_combo_row_get_selected (ADW_COMBO_ROW (fr->input));
      const char *key = pos < fr->choices->len ? fr->choices->pdata[pos] : NULL;

      return key ? json_node_init_string (json_node_alloc (), key) : json_node_init_null (json_node_alloc ());
    }

  {
    g_autofree char *text = row_text (fr);
    char *end = NULL;

    g_strstrip (text);
    if (*text == '\0')
      return json_node_init_null (json_node_alloc ());

    if (f->type == JL_FIELD_INT)
      {
        gint64 v = g_ascii_strtoll (text, &end, 10);
        if (end && *end == '\0')
          return json_node_init_int (json_node_alloc (), v);
      }
    else if (f->type == JL_FIELD_REAL)
      {
        double v = g_ascii_strtod (text, &end);
        if (end && *end == '\0')
          return json_node_init_double (json_node_alloc (), v);
      }
    else if (f->type == JL_FIELD_LIST)
      {
        g_auto(GStrv) parts = g_regex_split_simple ("[、,，;；\\n]+", text, 0, 0);
        JsonArray *array = json_array_new ();

        for (guint i = 0; parts[i]; i++)
          if (*g_strstrip (parts[i]) != '\0')
            json_array_add_string_element (array, parts[i]);
        return json_node_init_array (json_node_alloc (), array);
      }
    /* Text, dates, or a number that did not parse: let the core say why. */
    return json_node_init_string (json_node_alloc (), text);
  }
}

static char *
node_to_text (const JlField *field,
              JsonNode      *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  switch (field->type)
    {
    case JL_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case JL_FIELD_REAL:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", json_node_get_double (node)));
      }
    case JL_FIELD_LIST:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(GString) s = g_string_new (NULL);

        for (guint i = 0; i < json_array_get_length (array); i++)
          g_string_append_printf (s, "%s%s", i ? "、" : "", json_array_get_string_element (array, i));
        return g_string_free (g_steal_pointer (&s), FALSE);
      }
    case JL_FIELD_TEXT:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    case JL_FIELD_ENUM:
    case JL_FIELD_REF:
    case JL_FIELD_BOOL:
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static void
write_row (FieldRow *fr,
           JsonNode *node)
{
  if (GTK_IS_SWITCH (fr->input))
    gtk_switch_set_active (GTK_SWITCH (fr->input),
                           node && !JSON_NODE_HOLDS_NULL (node) && json_node_get_boolean (node));
  else if (ADW_IS_COMBO_ROW (fr->input))
    {
      const char *key = node && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
      guint pos = 0;

      for (guint i = 1; key && i < fr->choices->len; i++)
        if (g_strcmp0 (fr->choices->pdata[i], key) == 0)
          pos = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (fr->input), pos);
    }
  else
    {
      g_autofree char *text = node_to_text (fr->field, node);

      if (GTK_IS_TEXT_VIEW (fr->input))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->input)), text, -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (fr->input), text);
    }
}

static JsonNode *
current_value (JlRecordEditor *self,
               const char     *name)
{
  if (self->record != NULL)
    {
      JsonObject *values = jl_record_get_values (self->record);
      return json_object_has_member (values, name) ? json_object_get_member (values, name) : NULL;
    }
  if (self->defaults != NULL && json_object_has_member (self->defaults, name))
    return json_object_get_member (self->defaults, name);
  return NULL;
}

/* Changes */

/* Validates @raw, the new value of @fr, and queues it for saving. */
static void
take_value (FieldRow *fr,
            JsonNode *raw)
{
  JlRecordEditor *self = fr->self;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *stored;

  value = jl_field_normalize (self->kind, fr->field, raw, &error);
  if (value == NULL)
    {
      json_object_remove_member (self->pending, fr->field->name);
      set_field_error (self, fr, error->message);
      return;
    }
  if ((fr->field->flags & JL_FIELD_REQUIRED) && JSON_NODE_HOLDS_NULL (value))
    {
      g_autofree char *msg = g_strdup_printf (_("%s (%s): is required"), jl_field_get_label (fr->field), fr->field->name);
      json_object_remove_member (self->pending, fr->field->name);
      set_field_error (self, fr, msg);
      return;
    }
  set_field_error (self, fr, NULL);

  stored = current_value (self, fr->field->name);
  if ((stored == NULL || JSON_NODE_HOLDS_NULL (stored)) ? JSON_NODE_HOLDS_NULL (value)
                                                         : json_node_equal (stored, value))
    json_object_remove_member (self->pending, fr->field->name);
  else
    json_object_set_member (self->pending, fr->field->name, g_steal_pointer (&value));
  schedule_save (self);
}

static void
row_changed (FieldRow *fr)
{
  g_autoptr(JsonNode) raw = NULL;

  if (fr->self->updating)
    return;
  raw = read_row (fr);
  take_value (fr, raw);
}

static void
entry_changed_cb (GtkEditable *editable,
                  FieldRow    *fr)
{
  row_changed (fr);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   FieldRow      *fr)
{
  row_changed (fr);
}

static void
switch_changed_cb (GObject    *sw,
                   GParamSpec *pspec,
                   FieldRow   *fr)
{
  row_changed (fr);
}

static void
combo_changed_cb (GObject    *combo,
                  GParamSpec *pspec,
                  FieldRow   *fr)
{
  row_changed (fr);
}

/* Saving */

static gboolean
missing_required (JlRecordEditor *self,
                  GString        *missing)
{
  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const JlField *f = &self->kind->fields[i];

      if (!(f->flags & JL_FIELD_REQUIRED))
        continue;
      if (json_object_has_member (self->pending, f->name) || current_value (self, f->name) != NULL)
        continue;
      g_string_append_printf (missing, "%s%s", missing->len ? "、" : "", jl_field_get_label (f));
    }
  return missing->len > 0;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(JlRecordEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(JlRecord) record = jl_store_put_finish (JL_STORE (source), result, &warnings, &error);
  g_autoptr(JsonObject) sent = g_object_steal_data (G_OBJECT (self), "jl-sent");
  g_autoptr(GList) names = NULL;

  self->saving = FALSE;
  if (record == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_hash_table_replace (self->errors, g_strdup (""), g_strdup (error->message));
      update_message (self);
      return;
    }

  g_hash_table_remove (self->errors, "");
  if (warnings != NULL && warnings->len > 0)
    g_hash_table_replace (self->errors, g_strdup (""), g_strjoinv ("\n", (char **) g_ptr_array_steal (warnings, NULL)));
  update_message (self);

  /* Keep what the user typed while the save was running. */
  names = json_object_get_members (sent);
  for (GList *l = names; l; l = l->next)
    if (json_object_has_member (self->pending, l->data) &&
        json_node_equal (json_object_get_member (self->pending, l->data), json_object_get_member (sent, l->data)))
      json_object_remove_member (self->pending, l->data);

  g_set_object (&self->record, record);
  jl_title_cache_set (self->titles, record);
  if (self->disposed)
    return;
  g_signal_emit (self, signals[SAVED], 0, record);

  if (json_object_get_size (self->pending) > 0)
    schedule_save (self);
}

static gboolean
save_timeout_cb (gpointer data)
{
  JlRecordEditor *self = data;

  self->save_source = 0;
  jl_record_editor_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (JlRecordEditor *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (json_object_get_size (self->pending) > 0)
    self->save_source = g_timeout_add (AUTOSAVE_DELAY_MS, save_timeout_cb, self);
}

void
jl_record_editor_save_now (JlRecordEditor *self)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  g_return_if_fail (JL_IS_RECORD_EDITOR (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (json_object_get_size (self->pending) == 0 || self->saving)
    return;

  if (self->record == NULL && missing_required (self, missing))
    {
      g_autofree char *msg = g_strdup_printf (_("Fill in %s to save."), missing->str);
      g_hash_table_replace (self->errors, g_strdup (""), g_steal_pointer (&msg));
      update_message (self);
      return;
    }

  if (self->record == NULL && self->defaults != NULL)
    {
      names = json_object_get_members (self->defaults);
      for (GList *l = names; l; l = l->next)
        json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (self->defaults, l->data)));
      g_clear_pointer (&names, g_list_free);
    }
  names = json_object_get_members (self->pending);
  for (GList *l = names; l; l = l->next)
    json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (self->pending, l->data)));

  {
    g_autoptr(JsonNode) tmp = json_node_new (JSON_NODE_OBJECT);
    g_autoptr(JsonNode) copy = NULL;

    json_node_set_object (tmp, self->pending);
    copy = json_node_copy (tmp);
    g_object_set_data_full (G_OBJECT (self), "jl-sent", json_object_ref (json_node_get_object (copy)),
                            (GDestroyNotify) json_object_unref);
  }

  self->saving = TRUE;
  jl_store_put_async (self->store, self->kind->name,
                      self->record ? jl_record_get_id (self->record) : NULL,
                      fields, self->cancellable, saved_cb, g_object_ref (self));
}

/* Building rows */

static GPtrArray *
enum_choices (const JlField *field,
              GtkStringList *labels)
{
  GPtrArray *choices = g_ptr_array_new ();

  g_ptr_array_add (choices, NULL);
  gtk_string_list_append (labels, "—");
  for (const JlEnumValue *v = field->values; v->key; v++)
    {
      g_ptr_array_add (choices, (gpointer) v->key);
      gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, v->label));
    }
  return choices;
}

static GPtrArray *
ref_choices (JlRecordEditor *self,
             const JlField  *field,
             GtkStringList  *labels)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = jl_title_cache_list (self->titles, field->ref_kind,
                                                      g_strcmp0 (field->ref_kind, "community") == 0
                                                        ? NULL : self->community_id);

  g_ptr_array_add (choices, NULL);
  gtk_string_list_append (labels, "—");
  for (guint i = 0; i < entries->len; i++)
    {
      JlTitleEntry *e = entries->pdata[i];

      g_ptr_array_add (choices, g_strdup (e->id));
      gtk_string_list_append (labels, e->title);
    }
  return choices;
}

static FieldRow *
make_row (JlRecordEditor *self,
          const JlField  *field)
{
  FieldRow *fr = g_new0 (FieldRow, 1);
  const char *label = jl_field_get_label (field);

  fr->self = self;
  fr->field = field;

  switch (field->type)
    {
    case JL_FIELD_BOOL:
      fr->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
      fr->input = gtk_switch_new ();
      gtk_widget_set_valign (fr->input, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->input);
      gtk_accessible_update_property (GTK_ACCESSIBLE (fr->input), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (fr->input, "notify::active", G_CALLBACK (switch_changed_cb), fr);
      break;

    case JL_FIELD_ENUM:
    case JL_FIELD_REF:
      {
        GtkStringList *labels = gtk_string_list_new (NULL);

        fr->row = fr->input = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
        fr->choices = field->type == JL_FIELD_ENUM ? enum_choices (field, labels)
                                                   : ref_choices (self, field, labels);
        adw_combo_row_set_model (ADW_COMBO_ROW (fr->row), G_LIST_MODEL (labels));
        g_object_unref (labels);
        g_signal_connect (fr->input, "notify::selected", G_CALLBACK (combo_changed_cb), fr);
        break;
      }

    case JL_FIELD_TEXT:
      if (field->max_len >= LONG_TEXT_LEN)
        {
          GtkWidget *frame = gtk_frame_new (NULL);

          fr->input = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (fr->input), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (fr->input), FALSE);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (fr->input), 8);
          gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (fr->input), 8);
          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (fr->input), 8);
          gtk_text_view_set_right_margin (GTK_TEXT_VIEW (fr->input), 8);
          gtk_widget_set_size_request (fr->input, -1, 80);
          gtk_accessible_update_property (GTK_ACCESSIBLE (fr->input), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          gtk_frame_set_child (GTK_FRAME (frame), fr->input);
          fr->row = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (fr->row), label);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (fr->row), frame);
          g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->input)), "changed",
                            G_CALLBACK (buffer_changed_cb), fr);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case JL_FIELD_INT:
    case JL_FIELD_REAL:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    case JL_FIELD_LIST:
    default:
      fr->row = fr->input = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
      if (field->type == JL_FIELD_INT || field->type == JL_FIELD_REAL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (fr->row), GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect (fr->input, "changed", G_CALLBACK (entry_changed_cb), fr);
      break;
    }

  gtk_widget_set_name (fr->row, field->name);
  if (field->flags & JL_FIELD_REQUIRED)
    gtk_widget_add_css_class (fr->row, "required");
  return fr;
}

static void
apply_sensitivity (JlRecordEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = self->rows->pdata[i];
      gboolean locked = self->read_only || (self->frozen && (fr->field->flags & JL_FIELD_FROZEN));

      gtk_widget_set_sensitive (fr->row, !locked);
    }
}

static void
jl_record_editor_dispose (GObject *object)
{
  JlRecordEditor *self = JL_RECORD_EDITOR (object);

  /* Nothing typed is dropped: flush before going away. */
  if (self->store != NULL && json_object_get_size (self->pending) > 0 && !self->saving)
    jl_record_editor_save_now (self);
  self->disposed = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->defaults, json_object_unref);

  G_OBJECT_CLASS (jl_record_editor_parent_class)->dispose (object);
}

static void
jl_record_editor_finalize (GObject *object)
{
  JlRecordEditor *self = JL_RECORD_EDITOR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pending, json_object_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->community_id, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (jl_record_editor_parent_class)->finalize (object);
}

static void
jl_record_editor_class_init (JlRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jl_record_editor_dispose;
  object_class->finalize = jl_record_editor_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * JlRecordEditor::saved:
   * @record: the record as stored
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, JL_TYPE_RECORD);
}

static void
jl_record_editor_init (JlRecordEditor *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  self->pending = json_object_new ();
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->message = g_strdup ("");
}

static char *
guess_community (JlRecordEditor *self)
{
  const JlField *parent = jl_kind_parent_field (self->kind);
  const char *parent_id;

  if (self->record != NULL)
    return g_strdup (jl_record_get_community_id (self->record));
  if (self->defaults == NULL || parent == NULL)
    return NULL;
  parent_id = json_object_get_string_member_with_default (self->defaults, parent->name, NULL);
  if (g_strcmp0 (parent->ref_kind, "community") == 0)
    return g_strdup (parent_id);
  {
    /* The parent's community, from the names cache (fetched if missing:
     * titles_changed_cb asks again). */
    const JlTitleEntry *e = jl_title_cache_lookup_entry (self->titles, parent->ref_kind, parent_id);

    return e ? g_strdup (e->community_id) : NULL;
  }
}

/* The key a reference row shows: what the user chose, else what is stored. */
static JsonNode *
shown_value (JlRecordEditor *self,
             FieldRow       *fr)
{
  if (json_object_has_member (self->pending, fr->field->name))
    return json_object_get_member (self->pending, fr->field->name);
  return current_value (self, fr->field->name);
}

static gboolean
same_choices (GPtrArray  *choices,
              GListModel *labels,
              GPtrArray  *new_choices,
              GListModel *new_labels)
{
  if (choices->len != new_choices->len)
    return FALSE;
  for (guint i = 1; i < choices->len; i++)
    if (g_strcmp0 (choices->pdata[i], new_choices->pdata[i]) != 0 ||
        g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                   gtk_string_list_get_string (GTK_STRING_LIST (new_labels), i)) != 0)
      return FALSE;
  return TRUE;
}

/* Refills the pickers of references to @kind (all when NULL), keeping
 * the choice, once their names have arrived. */
static void
refresh_ref_rows (JlRecordEditor *self,
                  const char     *kind)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = self->rows->pdata[i];
      g_autoptr(GtkStringList) labels = NULL;
      g_autoptr(GPtrArray) choices = NULL;
      GListModel *old_labels;

      if (fr->field->type != JL_FIELD_REF || (kind != NULL && g_strcmp0 (fr->field->ref_kind, kind) != 0))
        continue;
      labels = gtk_string_list_new (NULL);
      choices = ref_choices (self, fr->field, labels);
      old_labels = adw_combo_row_get_model (ADW_COMBO_ROW (fr->input));
      if (same_choices (fr->choices, old_labels, choices, G_LIST_MODEL (labels)))
        continue;

      self->updating = TRUE;
      g_ptr_array_unref (fr->choices);
      fr->choices = g_steal_pointer (&choices);
      adw_combo_row_set_model (ADW_COMBO_ROW (fr->input), G_LIST_MODEL (labels));
      write_row (fr, shown_value (self, fr));
      self->updating = FALSE;
    }
}

static void
titles_changed_cb (JlRecordEditor *self,
                   JlTitleCache   *titles)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (titles);
  const char *kind = hint && hint->detail ? g_quark_to_string (hint->detail) : NULL;

  if (self->disposed)
    return;
  if (self->community_id == NULL && (self->community_id = guess_community (self)) != NULL)
    kind = NULL;
  refresh_ref_rows (self, kind);
}

GtkWidget *
jl_record_editor_new (JlStore            *store,
                      const char         *kind,
                      JlRecord           *record,
                      JsonObject         *defaults,
                      const char * const *fields)
{
  JlRecordEditor *self;
  GtkWidget *group = NULL;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (jl_schema_lookup (kind) != NULL, NULL);

  self = g_object_new (JL_TYPE_RECORD_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->kind = jl_schema_lookup (kind);
  self->record = record ? g_object_ref (record) : NULL;
  self->defaults = defaults ? json_object_ref (defaults) : NULL;
  self->titles = jl_title_cache_get_for_store (store);
  self->community_id = guess_community (self);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems"), -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->message_label));

  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const JlField *f = &self->kind->fields[i];
      FieldRow *fr;

      if (fields != NULL ? !g_strv_contains (fields, f->name) : (f->flags & JL_FIELD_PARENT) != 0)
        continue;

      fr = make_row (self, f);
      g_ptr_array_add (self->rows, fr);
      if (ADW_IS_PREFERENCES_GROUP (fr->row))
        {
          gtk_box_append (GTK_BOX (self->box), fr->row);
          group = NULL;
        }
      else
        {
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              gtk_box_append (GTK_BOX (self->box), group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), fr->row);
        }
    }

  /* Show the stored values; no change is pending. */
  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = self->rows->pdata[i];
      write_row (fr, current_value (self, fr->field->name));
    }
  self->updating = FALSE;
  /* Pickers opened before their names arrived fill in when they do. */
  g_signal_connect_object (self->titles, "changed", G_CALLBACK (titles_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

JlRecord *
jl_record_editor_get_record (JlRecordEditor *self)
{
  g_return_val_if_fail (JL_IS_RECORD_EDITOR (self), NULL);
  return self->record;
}

gboolean
jl_record_editor_has_pending (JlRecordEditor *self)
{
  g_return_val_if_fail (JL_IS_RECORD_EDITOR (self), FALSE);
  return json_object_get_size (self->pending) > 0 || self->saving;
}

void
jl_record_editor_set_frozen (JlRecordEditor *self,
                             gboolean        frozen)
{
  g_return_if_fail (JL_IS_RECORD_EDITOR (self));
  self->frozen = frozen;
  apply_sensitivity (self);
}

void
jl_record_editor_set_read_only (JlRecordEditor *self,
                                gboolean        read_only)
{
  g_return_if_fail (JL_IS_RECORD_EDITOR (self));
  self->read_only = read_only;
  apply_sensitivity (self);
}

GtkWidget *
jl_record_editor_get_row (JlRecordEditor *self,
                          const char     *field)
{
  FieldRow *fr;

  g_return_val_if_fail (JL_IS_RECORD_EDITOR (self), NULL);
  fr = find_row (self, field);
  return fr ? fr->row : NULL;
}

static gboolean
has_choice (FieldRow   *fr,
            const char *key)
{
  for (guint i = 1; i < fr->choices->len; i++)
    if (g_strcmp0 (fr->choices->pdata[i], key) == 0)
      return TRUE;
  return FALSE;
}

void
jl_record_editor_set_text (JlRecordEditor *self,
                           const char     *field,
                           const char     *text)
{
  FieldRow *fr;

  g_return_if_fail (JL_IS_RECORD_EDITOR (self));
  fr = find_row (self, field);
  g_return_if_fail (fr != NULL);

  if (GTK_IS_SWITCH (fr->input))
    gtk_switch_set_active (GTK_SWITCH (fr->input), g_strcmp0 (text, "true") == 0);
  else if (ADW_IS_COMBO_ROW (fr->input))
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

      /* A reference whose name has not arrived yet is kept all the same;
       * the picker shows it when the names come. */
      if (fr->field->type == JL_FIELD_REF && text != NULL &&
          !has_choice (fr, text))
        take_value (fr, node);
      else
        write_row (fr, node);
    }
  else if (GTK_IS_TEXT_VIEW (fr->input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (fr->input), text);
}

const char *
jl_record_editor_get_message (JlRecordEditor *self)
{
  g_return_val_if_fail (JL_IS_RECORD_EDITOR (self), NULL);
  return self->message;
}

void
jl_record_editor_append (JlRecordEditor *self,
                         GtkWidget      *widget)
{
  g_return_if_fail (JL_IS_RECORD_EDITOR (self));
  gtk_box_append (GTK_BOX (self->box), widget);
}
