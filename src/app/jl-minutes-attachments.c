/* jl-minutes-attachments.c: the files attached to minutes
 *
 * Attaching copies the file into the blob folder (jl_store_attach_file),
 * megabytes of disk work, so it runs on the store's worker like the
 * listing, which also looks whether each file is here yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesAttachments"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-attachment.h"
#include "jl-minutes-attachments.h"
#include "jl-store-async.h"

typedef struct
{
  JlRecord *record;
  char     *path;
  gboolean  downloaded;
} Item;

static void
item_free (Item *item)
{
  g_clear_object (&item->record);
  g_free (item->path);
  g_free (item);
}

struct _JlMinutesAttachments
{
  AdwBin                parent_instance;

  JlStore              *store;
  char                 *meeting_id;
  GPtrArray            *items;     /* Item */
  char                 *message;

  AdwPreferencesGroup  *group;
  GtkWidget            *attach_button;
  GPtrArray            *rows;
  GtkLabel             *message_label;
  GtkFileChooserNative *chooser;
  guint                 recheck_id;   /* while files are still to come */
};

/* How often a shown list looks again for files still being downloaded. */
#define RECHECK_S 5

G_DEFINE_FINAL_TYPE (JlMinutesAttachments, jl_minutes_attachments, ADW_TYPE_BIN)

static void
set_message (JlMinutesAttachments *self,
             const char           *message)
{
  g_free (self->message);
  self->message = g_strdup (message ? message : "");
  gtk_label_set_text (self->message_label, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), *self->message != '\0');
}

static void
open_clicked_cb (GtkButton            *button,
                 JlMinutesAttachments *self)
{
  jl_minutes_attachments_open (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static gboolean
recheck_cb (gpointer data)
{
  JlMinutesAttachments *self = data;

  self->recheck_id = 0;
  jl_minutes_attachments_reload (self);
  return G_SOURCE_REMOVE;
}

/* Downloads run in the background (the sync controller): while a shown
 * file has not arrived, look again now and then, so "not downloaded yet"
 * turns into "Open" without leaving the minutes. */
static void
schedule_recheck (JlMinutesAttachments *self)
{
  gboolean waiting = FALSE;

  for (guint i = 0; i < self->items->len; i++)
    waiting |= !((Item *) self->items->pdata[i])->downloaded;
  if (waiting && self->recheck_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->recheck_id = g_timeout_add_seconds (RECHECK_S, recheck_cb, self);
}

static void
mapped_cb (JlMinutesAttachments *self)
{
  jl_minutes_attachments_reload (self);
}

static void
unmapped_cb (JlMinutesAttachments *self)
{
  g_clear_handle_id (&self->recheck_id, g_source_remove);
}

static void
show_items (JlMinutesAttachments *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];
      const char *name = jl_record_get_string (item->record, "file_name");
      const char *note = jl_record_get_string (item->record, "note");
      g_autofree char *size = g_format_size ((guint64) MAX (jl_record_get_int (item->record, "size", 0), 0));
      g_autofree char *subtitle = NULL;
      g_autofree char *open_label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Open"));

      subtitle = item->downloaded
        ? g_strdup_printf ("%s%s%s", size, note ? " · " : "", note ? note : "")
        : g_strdup_printf (_("%s · not downloaded yet"), size);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                    item->downloaded ? "text-x-generic-symbolic" : "folder-download-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, item->downloaded);
      open_label = g_strdup_printf (_("Open %s"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (open_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      if (item->downloaded)
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (self->items->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No files attached"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* Worker: the attachments and whether each file is here. */
static gpointer
list_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  JlQuery query = { .filters = { { "meeting_id", data } }, .order_by = "id" };
  g_autoptr(GPtrArray) records = jl_store_list (store, "attachment", &query, error);
  g_autoptr(GPtrArray) items = NULL;

  if (records == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (guint i = 0; i < records->len; i++)
    {
      Item *item = g_new0 (Item, 1);

      item->record = g_object_ref (records->pdata[i]);
      /* A damaged checksum only means the file cannot be shown. */
      item->path = jl_store_attachment_path (store, jl_record_get_id (item->record), &item->downloaded, NULL);
      item->downloaded = item->downloaded && item->path != NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlMinutesAttachments) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = jl_store_run_finish (JL_STORE (source), result, &error);

  if (items == NULL)
    {
      set_message (self, error->message);
      return;
    }
  g_ptr_array_unref (self->items);
  self->items = items;
  show_items (self);
  schedule_recheck (self);
}

void
jl_minutes_attachments_reload (JlMinutesAttachments *self)
{
  g_return_if_fail (JL_IS_MINUTES_ATTACHMENTS (self));

  jl_store_run_async (self->store, list_func, g_strdup (self->meeting_id), g_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL, listed_cb, g_object_ref (self));
}

typedef struct
{
  char *meeting_id;
  char *path;
} AttachJob;

static void
attach_job_free (AttachJob *job)
{
  g_free (job->meeting_id);
  g_free (job->path);
  g_free (job);
}

static gpointer
attach_func (JlStore   *store,
             gpointer   data,
             GError   **error)
{
  AttachJob *job = data;

  return jl_store_attach_file (store, job->meeting_id, job->path, NULL, error);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JlMinutesAttachments) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_run_finish (JL_STORE (source), result, &error);

  gtk_widget_set_sensitive (self->attach_button, TRUE);
  if (record == NULL)
    {
      set_message (self, error->message);
      return;
    }
  set_message (self, NULL);
  jl_minutes_attachments_reload (self);
}

void
jl_minutes_attachments_attach_file (JlMinutesAttachments *self,
                                    const char           *path)
{
  AttachJob *job;

  g_return_if_fail (JL_IS_MINUTES_ATTACHMENTS (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (AttachJob, 1);
  job->meeting_id = g_strdup (self->meeting_id);
  job->path = g_strdup (path);
  gtk_widget_set_sensitive (self->attach_button, FALSE);
  set_message (self, _("Attaching…"));
  jl_store_run_async (self->store, attach_func, job, (GDestroyNotify) attach_job_free, g_object_unref, NULL,
                      attached_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog      *dialog,
                     int                   response,
                     JlMinutesAttachments *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        jl_minutes_attachments_attach_file (self, path);
      else
        set_message (self, _("Only files on this computer can be attached."));
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
attach_clicked_cb (JlMinutesAttachments *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Attach a File to the Minutes"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JlMinutesAttachments) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The file could not be opened: %s"), error->message);

      set_message (self, text);
    }
}

void
jl_minutes_attachments_open (JlMinutesAttachments *self,
                             guint                 index)
{
  Item *item;
  g_autofree char *uri = NULL;

  g_return_if_fail (JL_IS_MINUTES_ATTACHMENTS (self));
  g_return_if_fail (index < self->items->len);

  item = self->items->pdata[index];
  if (!item->downloaded)
    {
      set_message (self, _("This file is not downloaded yet. It arrives with the next sync."));
      return;
    }
  set_message (self, NULL);
  uri = g_filename_to_uri (item->path, NULL, NULL);
  if (uri == NULL)
    return;
  /* Tests stop here: they check the state, not a PDF viewer. */
  if (g_getenv ("JINLIN_TEST_NO_LAUNCH") != NULL)
    {
      set_message (self, uri);
      return;
    }
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launched_cb, g_object_ref (self));
}

guint
jl_minutes_attachments_get_count (JlMinutesAttachments *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_ATTACHMENTS (self), 0);
  return self->items->len;
}

const char *
jl_minutes_attachments_get_message (JlMinutesAttachments *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_ATTACHMENTS (self), "");
  return self->message;
}

static void
jl_minutes_attachments_dispose (GObject *object)
{
  JlMinutesAttachments *self = JL_MINUTES_ATTACHMENTS (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  G_OBJECT_CLASS (jl_minutes_attachments_parent_class)->dispose (object);
}

static void
jl_minutes_attachments_finalize (GObject *object)
{
  JlMinutesAttachments *self = JL_MINUTES_ATTACHMENTS (object);

  g_clear_object (&self->store);
  g_free (self->meeting_id);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->rows);
  g_free (self->message);
  G_OBJECT_CLASS (jl_minutes_attachments_parent_class)->finalize (object);
}

static void
jl_minutes_attachments_class_init (JlMinutesAttachmentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jl_minutes_attachments_dispose;
  object_class->finalize = jl_minutes_attachments_finalize;
}

static void
jl_minutes_attachments_init (JlMinutesAttachments *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->rows = g_ptr_array_new ();
  self->message = g_strdup ("");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Attachments"));
  adw_preferences_group_set_description (self->group,
                                         _("The signed scan and other files of these minutes; they sync with them."));
  self->attach_button = gtk_button_new_with_mnemonic (_("_Attach File…"));
  gtk_widget_add_css_class (self->attach_button, "flat");
  gtk_widget_set_valign (self->attach_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attach_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attach a file to these minutes"), -1);
  g_signal_connect_swapped (self->attach_button, "clicked", G_CALLBACK (attach_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->group, self->attach_button);

  self->message_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
  adw_bin_set_child (ADW_BIN (self), box);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmapped_cb), NULL);
}

GtkWidget *
jl_minutes_attachments_new (JlStore    *store,
                            const char *meeting_id)
{
  JlMinutesAttachments *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  self = g_object_new (JL_TYPE_MINUTES_ATTACHMENTS, NULL);
  self->store = g_object_ref (store);
  self->meeting_id = g_strdup (meeting_id);
  jl_minutes_attachments_reload (self);
  return GTK_WIDGET (self);
}
