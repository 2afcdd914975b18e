/* jl-child-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlChildList"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-child-list.h"
#include "jl-confirm.h"
#include "jl-format.h"
#include "jl-record-dialog.h"
#include "jl-store-async.h"
#include "jl-title-cache.h"

struct _JlChildList
{
  AdwBin               parent_instance;

  JlStore             *store;
  const JlKind        *kind;
  char                *parent_id;
  GStrv                fields;
  GStrv                subtitle_fields;
  gboolean             frozen;
  guint                count;

  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GPtrArray           *rows;    /* widgets added to the group */
  GPtrArray           *shown;   /* the records the rows show */
  gboolean             missing_names;
};

G_DEFINE_FINAL_TYPE (JlChildList, jl_child_list, ADW_TYPE_BIN)

static GtkWindow *
parent_window (JlChildList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
dialog_destroyed_cb (JlChildList *self)
{
  jl_child_list_reload (self);
}

static GtkWidget *
open_dialog (JlChildList *self,
             JlRecord    *record)
{
  g_autoptr(JsonObject) defaults = NULL;
  JlRecordDialog *dialog;

  if (record == NULL)
    {
      defaults = json_object_new ();
      json_object_set_string_member (defaults, jl_kind_parent_field (self->kind)->name, self->parent_id);
    }
  dialog = jl_record_dialog_new (parent_window (self), self->store, self->kind->name, record, defaults,
                                 (const char * const *) self->fields);
  if (self->frozen)
    jl_record_editor_set_frozen (jl_record_dialog_get_editor (dialog), TRUE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

GtkWidget *
jl_child_list_add (JlChildList *self)
{
  g_return_val_if_fail (JL_IS_CHILD_LIST (self), NULL);
  return open_dialog (self, NULL);
}

static void
edit_clicked_cb (GtkButton   *button,
                 JlChildList *self)
{
  open_dialog (self, g_object_get_data (G_OBJECT (button), "record"));
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlChildList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      jl_confirm_show_error (GTK_WIDGET (self), _("Could not delete"), error);
    }
  jl_child_list_reload (self);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JlChildList      *self)
{
  JlRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_strcmp0 (response, "delete") == 0)
    jl_store_delete_async (self->store, self->kind->name, jl_record_get_id (record), NULL,
                           deleted_cb, g_object_ref (self));
}

static void
delete_clicked_cb (GtkButton   *button,
                   JlChildList *self)
{
  JlRecord *record = g_object_get_data (G_OBJECT (button), "record");
  g_autofree char *body = g_strdup_printf (_("“%s” will be deleted."), jl_record_get_title (record));
  GtkWidget *dialog = jl_confirm_delete_new (GTK_WIDGET (self), _("Delete?"), body, _("_Delete"));

  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             JlRecord   *record)
{
  GtkWidget *button = jl_row_button_new (icon, tooltip);

  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  return button;
}

static void
show_records (JlChildList *self,
              GPtrArray   *records)
{
  JlTitleCache *titles = jl_title_cache_get_for_store (self->store);

  if (records != self->shown)
    {
      g_clear_pointer (&self->shown, g_ptr_array_unref);
      self->shown = g_ptr_array_ref (records);
    }
  self->missing_names = FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  self->count = records->len;
  for (guint i = 0; i < records->len; i++)
    {
      JlRecord *record = records->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit = icon_button (self->frozen ? "view-reveal-symbolic" : "document-edit-symbolic",
                                     self->frozen ? _("View") : _("Edit"), record);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      for (guint j = 0; self->subtitle_fields && self->subtitle_fields[j]; j++)
        {
          const JlField *f = jl_kind_lookup_field (self->kind, self->subtitle_fields[j]);
          g_autofree char *text = f ? jl_format_field (record, f, titles) : NULL;

          if (f != NULL && f->type == JL_FIELD_REF && jl_record_has_value (record, f->name) &&
              jl_title_cache_lookup (titles, f->ref_kind, jl_record_get_string (record, f->name)) == NULL)
            self->missing_names = TRUE;

          if (text && *text)
            g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", text);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jl_record_get_title (record));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      if (!self->frozen)
        {
          GtkWidget *del = icon_button ("user-trash-symbolic", _("Delete"), record);
          g_signal_connect_object (del, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), del);
        }
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (records->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

typedef struct
{
  char *kind;
  char *field;
  char *parent_id;
} ListJob;

static void
list_job_free (ListJob *job)
{
  g_free (job->kind);
  g_free (job->field);
  g_free (job->parent_id);
  g_free (job);
}

static gpointer
list_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  ListJob *job = data;
  JlQuery query = { .filters = { { job->field, job->parent_id } } };

  return jl_store_list (store, job->kind, &query, error);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlChildList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = jl_store_run_finish (JL_STORE (source), result, &error);

  if (records == NULL)
    {
      g_warning ("Could not list %s: %s", self->kind->name, error->message);
      return;
    }
  if (self->group != NULL)
    show_records (self, records);
}

void
jl_child_list_reload (JlChildList *self)
{
  ListJob *job;

  g_return_if_fail (JL_IS_CHILD_LIST (self));

  job = g_new0 (ListJob, 1);
  job->kind = g_strdup (self->kind->name);
  job->field = g_strdup (jl_kind_parent_field (self->kind)->name);
  job->parent_id = g_strdup (self->parent_id);
  jl_store_run_async (self->store, list_func, job, (GDestroyNotify) list_job_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL, listed_cb, g_object_ref (self));
}

void
jl_child_list_set_frozen (JlChildList *self,
                          gboolean     frozen)
{
  g_return_if_fail (JL_IS_CHILD_LIST (self));
  self->frozen = frozen;
  gtk_widget_set_visible (self->add_button, !frozen);
  jl_child_list_reload (self);
}

guint
jl_child_list_get_count (JlChildList *self)
{
  g_return_val_if_fail (JL_IS_CHILD_LIST (self), 0);
  return self->count;
}

/* Rows shown before the names they mention arrived show them now. */
static void
titles_changed_cb (JlChildList *self)
{
  if (self->missing_names && self->group != NULL && self->shown != NULL)
    show_records (self, self->shown);
}

static void
add_clicked_cb (JlChildList *self)
{
  jl_child_list_add (self);
}

static void
jl_child_list_dispose (GObject *object)
{
  JlChildList *self = JL_CHILD_LIST (object);

  self->group = NULL;
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jl_child_list_parent_class)->dispose (object);
}

static void
jl_child_list_finalize (GObject *object)
{
  JlChildList *self = JL_CHILD_LIST (object);

  g_free (self->parent_id);
  g_strfreev (self->fields);
  g_strfreev (self->subtitle_fields);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_child_list_parent_class)->finalize (object);
}

static void
jl_child_list_class_init (JlChildListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_child_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = jl_child_list_finalize;
}

static void
jl_child_list_init (JlChildList *self)
{
  self->rows = g_ptr_array_new ();
}

GtkWidget *
jl_child_list_new (JlStore            *store,
                   const char         *kind,
                   const char         *parent_id,
                   const char * const *fields,
                   const char * const *subtitle_fields)
{
  JlChildList *self;
  g_autofree char *add_label = NULL;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (jl_schema_lookup (kind) != NULL, NULL);

  self = g_object_new (JL_TYPE_CHILD_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = jl_schema_lookup (kind);
  self->parent_id = g_strdup (parent_id);
  self->fields = g_strdupv ((char **) fields);
  self->subtitle_fields = g_strdupv ((char **) subtitle_fields);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, g_dgettext (GETTEXT_PACKAGE, self->kind->label_plural));
  add_label = g_strdup_printf (_("Add %s"), jl_kind_get_label (self->kind));
  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_tooltip_text (self->add_button, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->group, self->add_button);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  g_signal_connect_object (jl_title_cache_get_for_store (store), "changed",
                           G_CALLBACK (titles_changed_cb), self, G_CONNECT_SWAPPED);

  jl_child_list_reload (self);
  return GTK_WIDGET (self);
}
