/* jl-minutes-attendance.c
 *
 * Built for speed at the door of the meeting room: the focus stays in the
 * name entry, Enter stores the row and clears the line, and a refusal by
 * the core (a reason is needed for leave or absence) is shown right under
 * the line with the typed text kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesAttendance"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-minutes-attendance.h"
#include "jl-confirm.h"
#include "jl-minutes-doc.h"
#include "jl-name-suggest.h"
#include "jl-record-dialog.h"
#include "jl-store-async.h"
#include "jl-title-cache.h"

struct _JlMinutesAttendance
{
  AdwBin               parent_instance;

  /* Owned */
  JlStore             *store;
  char                *meeting_id;
  char                *community_id;
  GPtrArray           *records;     /* JlRecord*, as shown */
  char                *message;
  char                *tally;
  JlNameSuggest       *suggest;     /* people and units of the community */
  gboolean             frozen;
  gboolean             adding;
  gboolean             updating;    /* setting drop-downs from records */

  /* Widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *entry_row;
  GtkEntry            *name_entry;
  GtkDropDown         *role_drop;
  GtkDropDown         *status_drop;
  GtkEntry            *reason_entry;
  GtkLabel            *message_label;
  GPtrArray           *rows;        /* record rows in the group */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlMinutesAttendance, jl_minutes_attendance, ADW_TYPE_BIN)

static const JlField *
field (const char *name)
{
  return jl_kind_lookup_field (jl_schema_lookup ("attendance"), name);
}

static GtkWindow *
parent_window (JlMinutesAttendance *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
set_message (JlMinutesAttendance *self,
             const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message ? message : "");
  gtk_label_set_text (self->message_label, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), *self->message != '\0');
}

/* Enum drop-downs: position i is values[i] of the field. */

static GtkDropDown *
enum_drop_down (const JlField *f)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *drop;

  for (const JlEnumValue *v = f->values; v->key; v++)
    gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, v->label));
  drop = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  jl_field_get_label (f), -1);
  return GTK_DROP_DOWN (drop);
}

static const char *
drop_key (GtkDropDown   *drop,
          const JlField *f)
{
  guint pos = gtk_drop_down_get_selected (drop);
  guint n = 0;

  while (f->values[n].key)
    n++;
  return pos < n ? f->values[pos].key : f->values[0].key;
}

static void
drop_select (GtkDropDown   *drop,
             const JlField *f,
             const char    *key)
{
  for (guint i = 0; f->values[i].key; i++)
    if (g_strcmp0 (f->values[i].key, key) == 0)
      {
        gtk_drop_down_set_selected (drop, i);
        return;
      }
  gtk_drop_down_set_selected (drop, 0);
}

/* Names to suggest */

static void
fill_names (JlMinutesAttendance *self)
{
  JlTitleCache *titles = jl_title_cache_get_for_store (self->store);
  static const char *const kinds[] = { "person", "partner_unit" };

  jl_name_suggest_clear (self->suggest);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) entries = jl_title_cache_list (titles, kinds[k], self->community_id);
      const char *hint = k == 0 ? NULL : _("Partner unit");

      for (guint i = 0; i < entries->len; i++)
        {
          JlTitleEntry *e = entries->pdata[i];

          jl_name_suggest_add (self->suggest, e->title, e->id, kinds[k], hint);
        }
    }
}

/* Rows */

static void row_status_changed_cb (GtkDropDown *drop, GParamSpec *pspec, JlMinutesAttendance *self);

static void
dialog_destroyed_cb (JlMinutesAttendance *self)
{
  jl_minutes_attendance_reload (self);
}

static void
edit_clicked_cb (GtkButton           *button,
                 JlMinutesAttendance *self)
{
  static const char *const fields[] = { "name", "role", "status", "reason", NULL };
  JlRecord *record = g_object_get_data (G_OBJECT (button), "record");
  JlRecordDialog *dialog = jl_record_dialog_new (parent_window (self), self->store, "attendance",
                                                 record, NULL, fields);

  if (self->frozen)
    jl_record_editor_set_frozen (jl_record_dialog_get_editor (dialog), TRUE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlMinutesAttendance) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    set_message (self, error->message);
  jl_minutes_attendance_reload (self);
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    JlMinutesAttendance *self)
{
  JlRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_strcmp0 (response, "delete") == 0)
    jl_store_delete_async (self->store, "attendance", jl_record_get_id (record), NULL,
                           deleted_cb, g_object_ref (self));
}

static void
delete_clicked_cb (GtkButton           *button,
                   JlMinutesAttendance *self)
{
  JlRecord *record = g_object_get_data (G_OBJECT (button), "record");
  g_autofree char *body = g_strdup_printf (_("“%s” will be removed from the attendance."),
                                           jl_record_get_string (record, "name"));
  GtkWidget *dialog = jl_confirm_delete_new (GTK_WIDGET (self), _("Remove from the attendance?"), body,
                                             _("_Remove"));

  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            JlRecord   *record)
{
  GtkWidget *button = jl_row_button_new (icon, tooltip);

  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  return button;
}

static char *
row_subtitle (JlRecord *record)
{
  const char *role = jl_record_get_string (record, "role");
  const char *reason = jl_record_get_string (record, "reason");
  g_autoptr(GString) s = g_string_new (NULL);

  if (role != NULL && g_strcmp0 (role, "due") != 0)
    g_string_append (s, jl_enum_get_label (field ("role"), role));
  if (reason != NULL)
    g_string_append_printf (s, "%s%s", s->len ? " · " : "", reason);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
make_row (JlMinutesAttendance *self,
          JlRecord            *record)
{
  GtkWidget *row = adw_action_row_new ();
  GtkDropDown *status = enum_drop_down (field ("status"));
  g_autofree char *subtitle = row_subtitle (record);
  g_autofree char *status_label = g_strdup_printf (_("Attendance of %s"), jl_record_get_string (record, "name"));
  GtkWidget *edit;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jl_record_get_string (record, "name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  drop_select (status, field ("status"), jl_record_get_string (record, "status"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL, status_label, -1);
  gtk_widget_set_sensitive (GTK_WIDGET (status), !self->frozen);
  gtk_widget_add_css_class (GTK_WIDGET (status), "flat");
  g_object_set_data_full (G_OBJECT (status), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (status, "notify::selected", G_CALLBACK (row_status_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (status));

  edit = row_button (self->frozen ? "view-reveal-symbolic" : "document-edit-symbolic",
                     self->frozen ? _("View") : _("Edit"), record);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  if (!self->frozen)
    {
      GtkWidget *del = row_button ("user-trash-symbolic", _("Remove"), record);

      g_signal_connect_object (del, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), del);
    }
  return row;
}

static void
show_records (JlMinutesAttendance *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  self->updating = TRUE;
  for (guint i = 0; i < self->records->len; i++)
    {
      GtkWidget *row = make_row (self, self->records->pdata[i]);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  self->updating = FALSE;

  g_free (self->tally);
  self->tally = jl_minutes_format_tally (self->records);
  adw_preferences_group_set_description (self->group, self->tally);
}

static gpointer
list_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  JlQuery query = { .filters = { { "meeting_id", data } }, .order_by = "id" };

  return jl_store_list (store, "attendance", &query, error);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlMinutesAttendance) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *records = jl_store_run_finish (JL_STORE (source), result, &error);

  if (records == NULL)
    {
      set_message (self, error->message);
      return;
    }
  if (self->group == NULL)
    {
      g_ptr_array_unref (records);
      return;
    }
  g_ptr_array_unref (self->records);
  self->records = records;
  show_records (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
jl_minutes_attendance_reload (JlMinutesAttendance *self)
{
  g_return_if_fail (JL_IS_MINUTES_ATTENDANCE (self));

  jl_store_run_async (self->store, list_func, g_strdup (self->meeting_id), g_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL, listed_cb, g_object_ref (self));
}

/* A status changed in a row: stored at once. */

static void
status_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JlMinutesAttendance) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_put_finish (JL_STORE (source), result, NULL, &error);

  /* Refused (e.g. leave without a reason): say why and show what is stored. */
  set_message (self, record ? NULL : error->message);
  jl_minutes_attendance_reload (self);
}

static void
row_status_changed_cb (GtkDropDown         *drop,
                       GParamSpec          *pspec,
                       JlMinutesAttendance *self)
{
  JlRecord *record = g_object_get_data (G_OBJECT (drop), "record");
  const char *status = drop_key (drop, field ("status"));
  g_autoptr(JsonObject) fields = NULL;

  if (self->updating || g_strcmp0 (status, jl_record_get_string (record, "status")) == 0)
    return;
  fields = json_object_new ();
  json_object_set_string_member (fields, "status", status);
  jl_store_put_async (self->store, "attendance", jl_record_get_id (record), fields, NULL,
                      status_saved_cb, g_object_ref (self));
}

/* The typing line */

static gboolean
already_listed (JlMinutesAttendance *self,
                const char          *name)
{
  for (guint i = 0; i < self->records->len; i++)
    if (g_strcmp0 (jl_record_get_string (self->records->pdata[i], "name"), name) == 0)
      return TRUE;
  return FALSE;
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(JlMinutesAttendance) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_put_finish (JL_STORE (source), result, NULL, &error);

  self->adding = FALSE;
  if (record == NULL)
    {
      const char *status = drop_key (self->status_drop, field ("status"));

      /* Keep what was typed; go where the missing part goes. */
      set_message (self, error->message);
      if ((g_strcmp0 (status, "leave") == 0 || g_strcmp0 (status, "absent") == 0) &&
          *gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)) == '\0')
        gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
      return;
    }

  set_message (self, NULL);
  g_ptr_array_add (self->records, g_object_ref (record));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  drop_select (self->status_drop, field ("status"), "present");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  jl_minutes_attendance_reload (self);
}

void
jl_minutes_attendance_add (JlMinutesAttendance *self)
{
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;
  const char *id = NULL;
  const char *kind = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_if_fail (JL_IS_MINUTES_ATTENDANCE (self));

  if (self->adding || self->frozen)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));
  if (*name == '\0')
    {
      set_message (self, _("Type a name, then press Enter."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  if (already_listed (self, name))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is already in the attendance."), name);
      set_message (self, msg);
      return;
    }

  fields = json_object_new ();
  json_object_set_string_member (fields, "meeting_id", self->meeting_id);
  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "role", drop_key (self->role_drop, field ("role")));
  json_object_set_string_member (fields, "status", drop_key (self->status_drop, field ("status")));
  if (*reason != '\0')
    json_object_set_string_member (fields, "reason", reason);
  jl_name_suggest_hide (self->suggest);
  if (jl_name_suggest_lookup (self->suggest, name, &id, &kind))
    json_object_set_string_member (fields, g_strcmp0 (kind, "person") == 0 ? "person_id" : "unit_id", id);

  self->adding = TRUE;
  jl_store_put_async (self->store, "attendance", NULL, fields, NULL, added_cb, g_object_ref (self));
}

static void
entry_activate_cb (JlMinutesAttendance *self)
{
  jl_minutes_attendance_add (self);
}

static GtkWidget *
build_entry_row (JlMinutesAttendance *self)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->name_entry, _("Name, then Enter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the participant"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->name_entry), 8);
  self->suggest = jl_name_suggest_attach (self->name_entry);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (entry_activate_cb), self);

  self->role_drop = enum_drop_down (field ("role"));
  self->status_drop = enum_drop_down (field ("status"));
  self->reason_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->reason_entry, _("Reason for leave or absence"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  jl_field_get_label (field ("reason")), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->reason_entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->reason_entry), 8);
  g_signal_connect_swapped (self->reason_entry, "activate", G_CALLBACK (entry_activate_cb), self);

  gtk_widget_set_tooltip_text (add, _("Add to the attendance (Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add to the attendance"), -1);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (entry_activate_cb), self);

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->role_drop));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->status_drop));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->reason_entry));
  gtk_box_append (GTK_BOX (line), add);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);

  gtk_box_append (GTK_BOX (vbox), line);
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (self->message_label));
  gtk_widget_set_margin_top (vbox, 8);
  gtk_widget_set_margin_bottom (vbox, 8);
  gtk_widget_set_margin_start (vbox, 8);
  gtk_widget_set_margin_end (vbox, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), vbox);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
jl_minutes_attendance_set_frozen (JlMinutesAttendance *self,
                                  gboolean             frozen)
{
  g_return_if_fail (JL_IS_MINUTES_ATTENDANCE (self));

  /* Called after every save of the meeting: rebuild only on a change. */
  if (self->frozen == frozen)
    return;
  self->frozen = frozen;
  gtk_widget_set_visible (self->entry_row, !frozen);
  show_records (self);
}

GtkEntry *
jl_minutes_attendance_get_name_entry (JlMinutesAttendance *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_ATTENDANCE (self), NULL);
  return self->name_entry;
}

GtkEntry *
jl_minutes_attendance_get_reason_entry (JlMinutesAttendance *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_ATTENDANCE (self), NULL);
  return self->reason_entry;
}

void
jl_minutes_attendance_set_status (JlMinutesAttendance *self,
                                  const char          *status)
{
  g_return_if_fail (JL_IS_MINUTES_ATTENDANCE (self));
  drop_select (self->status_drop, field ("status"), status);
}

const char *
jl_minutes_attendance_get_message (JlMinutesAttendance *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_ATTENDANCE (self), NULL);
  return self->message;
}

const char *
jl_minutes_attendance_get_tally (JlMinutesAttendance *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_ATTENDANCE (self), NULL);
  return self->tally;
}

guint
jl_minutes_attendance_get_count (JlMinutesAttendance *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_ATTENDANCE (self), 0);
  return self->records->len;
}

static void
jl_minutes_attendance_dispose (GObject *object)
{
  JlMinutesAttendance *self = JL_MINUTES_ATTENDANCE (object);

  self->group = NULL;
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jl_minutes_attendance_parent_class)->dispose (object);
}

static void
jl_minutes_attendance_finalize (GObject *object)
{
  JlMinutesAttendance *self = JL_MINUTES_ATTENDANCE (object);

  g_free (self->meeting_id);
  g_free (self->community_id);
  g_free (self->message);
  g_free (self->tally);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_minutes_attendance_parent_class)->finalize (object);
}

static void
jl_minutes_attendance_class_init (JlMinutesAttendanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jl_minutes_attendance_dispose;
  object_class->finalize = jl_minutes_attendance_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_minutes_attendance_init (JlMinutesAttendance *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new ();
  self->message = g_strdup ("");
  self->tally = g_strdup ("");
}

GtkWidget *
jl_minutes_attendance_new (JlStore    *store,
                           const char *meeting_id,
                           const char *community_id)
{
  JlMinutesAttendance *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  self = g_object_new (JL_TYPE_MINUTES_ATTENDANCE, NULL);
  self->store = g_object_ref (store);
  self->meeting_id = g_strdup (meeting_id);
  self->community_id = g_strdup (community_id);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, jl_kind_get_label (jl_schema_lookup ("attendance")));
  self->entry_row = build_entry_row (self);
  adw_preferences_group_add (self->group, self->entry_row);
  fill_names (self);
  g_signal_connect_object (jl_title_cache_get_for_store (store), "changed::person",
                           G_CALLBACK (fill_names), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (jl_title_cache_get_for_store (store), "changed::partner_unit",
                           G_CALLBACK (fill_names), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));

  show_records (self);
  jl_minutes_attendance_reload (self);
  return GTK_WIDGET (self);
}
