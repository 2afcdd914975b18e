/* jl-minutes-amendments.c
 *
 * Amendments are append-only in the core, so this form does not save as
 * the user types (a half-typed correction could never be fixed): it is
 * stored once, after a confirmation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesAmendments"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-format.h"
#include "jl-minutes-amendments.h"
#include "jl-minutes-doc.h"
#include "jl-store-async.h"

/* What a correction can be about: the meeting's fields, then its parts. */
static const char *const parts[] = {
  "title", "meeting_type", "held_at", "ended_at", "place", "host_id", "recorder_id", "lecturer",
  "observers", "summary", "attendance", "agenda_item", "decision", NULL
};

struct _JlMinutesAmendments
{
  AdwBin               parent_instance;

  JlStore             *store;
  JlRecord            *meeting;
  GPtrArray           *records;
  char                *message;
  gboolean             adding;

  AdwPreferencesGroup *list_group;
  GPtrArray           *rows;
  AdwComboRow         *part_row;
  AdwEntryRow         *new_value_row;
  AdwEntryRow         *reason_row;
  AdwEntryRow         *author_row;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (JlMinutesAmendments, jl_minutes_amendments, ADW_TYPE_BIN)

static const char *
part_label (const char *part)
{
  const JlField *f = part ? jl_kind_lookup_field (jl_schema_lookup ("meeting"), part) : NULL;
  const JlKind *k = part ? jl_schema_lookup (part) : NULL;

  if (f != NULL)
    return jl_field_get_label (f);
  if (k != NULL)
    return g_dgettext (GETTEXT_PACKAGE, k->label_plural);
  return _("Other");
}

static void
set_message (JlMinutesAmendments *self,
             const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message ? message : "");
  gtk_label_set_text (self->message_label, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), *self->message != '\0');
}

static void
show_records (JlMinutesAmendments *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->records->len; i++)
    {
      JlRecord *a = self->records->pdata[i];
      const char *what = jl_record_get_string (a, "field") ? jl_record_get_string (a, "field")
                                                           : jl_record_get_string (a, "target_kind");
      g_autofree char *title = g_strdup_printf (C_("minutes", "%s: %s"), part_label (what), jl_record_get_string (a, "new_value"));
      g_autofree char *date = jl_minutes_format_date (jl_record_get_string (a, "made_on"));
      g_autoptr(GString) subtitle = g_string_new (jl_record_get_string (a, "reason"));
      GtkWidget *row = adw_action_row_new ();

      if (*date != '\0')
        g_string_append_printf (subtitle, " · %s", date);
      if (jl_record_get_string (a, "author") != NULL)
        g_string_append_printf (subtitle, " · %s", jl_record_get_string (a, "author"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (self->records->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static gpointer
list_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  JlQuery query = { .filters = { { "meeting_id", data } }, .order_by = "id" };

  return jl_store_list (store, "amendment", &query, error);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlMinutesAmendments) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *records = jl_store_run_finish (JL_STORE (source), result, &error);

  if (records == NULL)
    {
      set_message (self, error->message);
      return;
    }
  g_ptr_array_unref (self->records);
  self->records = records;
  if (self->list_group != NULL)
    show_records (self);
}

void
jl_minutes_amendments_reload (JlMinutesAmendments *self)
{
  g_return_if_fail (JL_IS_MINUTES_AMENDMENTS (self));

  jl_store_run_async (self->store, list_func, g_strdup (jl_record_get_id (self->meeting)), g_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL, listed_cb, g_object_ref (self));
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(JlMinutesAmendments) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_put_finish (JL_STORE (source), result, NULL, &error);

  self->adding = FALSE;
  if (record == NULL)
    {
      set_message (self, error->message);
      return;
    }
  set_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->new_value_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  jl_minutes_amendments_reload (self);
}

void
jl_minutes_amendments_add (JlMinutesAmendments *self,
                           const char          *field,
                           const char          *new_value,
                           const char          *reason,
                           const char          *author)
{
  const JlField *f;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_if_fail (JL_IS_MINUTES_AMENDMENTS (self));

  if (self->adding)
    return;
  f = field ? jl_kind_lookup_field (jl_record_get_kind (self->meeting), field) : NULL;
  json_object_set_string_member (fields, "meeting_id", jl_record_get_id (self->meeting));
  if (f != NULL)
    {
      g_autofree char *old = jl_format_field (self->meeting, f,
                                              jl_title_cache_get_for_store (self->store));

      json_object_set_string_member (fields, "target_kind", "meeting");
      json_object_set_string_member (fields, "target_id", jl_record_get_id (self->meeting));
      json_object_set_string_member (fields, "field", field);
      if (*old != '\0')
        json_object_set_string_member (fields, "old_value", old);
    }
  else if (field != NULL)
    json_object_set_string_member (fields, "target_kind", field);
  /* Empty text is left out, so the core names what is missing. */
  if (new_value != NULL && *new_value != '\0')
    json_object_set_string_member (fields, "new_value", new_value);
  if (reason != NULL && *reason != '\0')
    json_object_set_string_member (fields, "reason", reason);
  if (author != NULL && *author != '\0')
    json_object_set_string_member (fields, "author", author);
  json_object_set_string_member (fields, "made_on", today);

  self->adding = TRUE;
  jl_store_put_async (self->store, "amendment", NULL, fields, NULL, added_cb, g_object_ref (self));
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
confirm_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     JlMinutesAmendments *self)
{
  guint pos = adw_combo_row_get_selected (self->part_row);
  g_autofree char *new_value = row_text (self->new_value_row);
  g_autofree char *reason = row_text (self->reason_row);
  g_autofree char *author = row_text (self->author_row);

  if (g_strcmp0 (response, "add") != 0)
    return;
  jl_minutes_amendments_add (self, pos < g_strv_length ((char **) parts) ? parts[pos] : NULL,
                             new_value, reason, author);
}

static void
add_clicked_cb (JlMinutesAmendments *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *new_value = row_text (self->new_value_row);
  g_autofree char *reason = row_text (self->reason_row);
  GtkWidget *dialog;

  if (*new_value == '\0' || *reason == '\0')
    {
      set_message (self, _("Type the corrected text and the reason for the correction."));
      gtk_widget_grab_focus (GTK_WIDGET (*new_value == '\0' ? self->new_value_row : self->reason_row));
      return;
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add this amendment?"),
                                   _("An amendment is kept as written: it cannot be changed or deleted later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add Amendment"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static AdwEntryRow *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
build_form (JlMinutesAmendments *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *add = jl_button_new_with_mnemonic (_("Add A_mendment…"));
  const JlKind *kind = jl_schema_lookup ("amendment");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Amendment"));
  for (guint i = 0; parts[i]; i++)
    gtk_string_list_append (labels, part_label (parts[i]));
  gtk_string_list_append (labels, part_label (NULL));
  self->part_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->part_row),
                                 jl_field_get_label (jl_kind_lookup_field (kind, "field")));
  adw_combo_row_set_model (self->part_row, G_LIST_MODEL (labels));
  g_object_unref (labels);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->part_row));

  self->new_value_row = entry_row (jl_field_get_label (jl_kind_lookup_field (kind, "new_value")));
  self->reason_row = entry_row (jl_field_get_label (jl_kind_lookup_field (kind, "reason")));
  self->author_row = entry_row (jl_field_get_label (jl_kind_lookup_field (kind, "author")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->new_value_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->reason_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->author_row));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->message_label));

  gtk_widget_set_halign (add, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add, 12);
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
  return group;
}

void
jl_minutes_amendments_set_meeting (JlMinutesAmendments *self,
                                   JlRecord            *meeting)
{
  g_return_if_fail (JL_IS_MINUTES_AMENDMENTS (self));
  g_return_if_fail (JL_IS_RECORD (meeting));
  g_set_object (&self->meeting, meeting);
}

guint
jl_minutes_amendments_get_count (JlMinutesAmendments *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_AMENDMENTS (self), 0);
  return self->records->len;
}

const char *
jl_minutes_amendments_get_message (JlMinutesAmendments *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_AMENDMENTS (self), NULL);
  return self->message;
}

static void
jl_minutes_amendments_dispose (GObject *object)
{
  JlMinutesAmendments *self = JL_MINUTES_AMENDMENTS (object);

  self->list_group = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->meeting);
  G_OBJECT_CLASS (jl_minutes_amendments_parent_class)->dispose (object);
}

static void
jl_minutes_amendments_finalize (GObject *object)
{
  JlMinutesAmendments *self = JL_MINUTES_AMENDMENTS (object);

  g_free (self->message);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_minutes_amendments_parent_class)->finalize (object);
}

static void
jl_minutes_amendments_class_init (JlMinutesAmendmentsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_minutes_amendments_dispose;
  G_OBJECT_CLASS (klass)->finalize = jl_minutes_amendments_finalize;
}

static void
jl_minutes_amendments_init (JlMinutesAmendments *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new ();
  self->message = g_strdup ("");
}

GtkWidget *
jl_minutes_amendments_new (JlStore  *store,
                           JlRecord *meeting)
{
  JlMinutesAmendments *self;
  GtkWidget *box;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (JL_IS_RECORD (meeting), NULL);

  self = g_object_new (JL_TYPE_MINUTES_AMENDMENTS, NULL);
  self->store = g_object_ref (store);
  self->meeting = g_object_ref (meeting);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->list_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->list_group, _("Amendments"));
  adw_preferences_group_set_description (self->list_group,
                                         _("Approved minutes can no longer be changed. Corrections are recorded here and kept as written."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list_group));
  gtk_box_append (GTK_BOX (box), build_form (self));
  adw_bin_set_child (ADW_BIN (self), box);

  show_records (self);
  jl_minutes_amendments_reload (self);
  return GTK_WIDGET (self);
}
