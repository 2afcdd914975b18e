/* jl-minutes-page-actions.c: what the minutes editor does besides
 * editing: the review workflow (submit, approve, return) with its
 * confirmations, and printing / PDF export. Both first save whatever is
 * still pending, so the core judges and prints what the clerk sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-minutes-doc.h"
#include "jl-minutes-page-private.h"
#include "jl-minutes-print.h"
#include "jl-print-fonts.h"
#include "jl-store-async.h"

/* How long a workflow step waits for pending saves (50 ms ticks). */
#define FLUSH_TICK_MS   50
#define FLUSH_MAX_TICKS 100

/* Saving what is pending, then doing something */

typedef void (*AfterFlushFunc) (JlMinutesPage *self,
                                gpointer       data);

typedef struct
{
  JlMinutesPage  *self;
  AfterFlushFunc  func;
  gpointer        data;
  GDestroyNotify  destroy;
  guint           ticks;
} Flush;

static void
flush_free (Flush *f)
{
  if (f->destroy != NULL)
    f->destroy (f->data);
  g_object_unref (f->self);
  g_free (f);
}

static gboolean
has_pending (JlMinutesPage *self)
{
  /* An editor showing a problem cannot save; waiting would not help. */
  if (self->editor != NULL && jl_record_editor_has_pending (self->editor) &&
      *jl_record_editor_get_message (self->editor) == '\0')
    return TRUE;
  return self->agenda != NULL && jl_minutes_agenda_has_pending (self->agenda);
}

void
_jl_minutes_page_save_all_now (JlMinutesPage *self)
{
  if (self->editor != NULL)
    jl_record_editor_save_now (self->editor);
  if (self->agenda != NULL)
    jl_minutes_agenda_save_now (self->agenda);
}

static gboolean
flush_tick_cb (gpointer data)
{
  Flush *f = data;

  _jl_minutes_page_save_all_now (f->self);
  if (has_pending (f->self) && ++f->ticks < FLUSH_MAX_TICKS)
    return G_SOURCE_CONTINUE;
  f->func (f->self, f->data);
  return G_SOURCE_REMOVE;
}

static void
run_after_flush (JlMinutesPage  *self,
                 AfterFlushFunc  func,
                 gpointer        data,
                 GDestroyNotify  destroy)
{
  Flush *f = g_new0 (Flush, 1);

  f->self = g_object_ref (self);
  f->func = func;
  f->data = data;
  f->destroy = destroy;
  _jl_minutes_page_save_all_now (self);
  g_timeout_add_full (G_PRIORITY_DEFAULT, has_pending (self) ? FLUSH_TICK_MS : 0,
                      flush_tick_cb, f, (GDestroyNotify) flush_free);
}

/* Workflow */

typedef struct
{
  JsonObject *fields;
  char       *toast;   /* said when the step succeeds */
} StateChange;

static void
state_change_free (StateChange *change)
{
  json_object_unref (change->fields);
  g_free (change->toast);
  g_free (change);
}

static void
state_changed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GObject) owner = user_data;
  JlMinutesPage *self = JL_MINUTES_PAGE (owner);
  g_autofree char *toast = g_object_steal_data (owner, "jl-toast");
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) meeting = jl_store_put_finish (JL_STORE (source), result, NULL, &error);

  self->busy = FALSE;
  if (meeting == NULL)
    {
      _jl_minutes_page_set_workflow_message (self, error->message);
      _jl_minutes_page_update_state (self);
      jl_page_show_error (JL_PAGE (self), _("The minutes could not change state"), error);
      return;
    }
  /* The user may have left for other minutes meanwhile. */
  if (self->meeting == NULL || g_strcmp0 (jl_record_get_id (meeting), jl_record_get_id (self->meeting)) != 0)
    return;
  /* The editor keeps its own older copy: the page holds the latest. */
  g_set_object (&self->meeting, meeting);
  _jl_minutes_page_set_workflow_message (self, NULL);
  _jl_minutes_page_update_state (self);
  jl_page_toast (JL_PAGE (self), toast);
}

static void
put_state (JlMinutesPage *self,
           gpointer       data)
{
  StateChange *change = data;

  if (self->meeting == NULL)
    {
      self->busy = FALSE;
      _jl_minutes_page_update_state (self);
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "jl-toast", g_strdup (change->toast), g_free);
  jl_store_put_async (jl_page_get_store (JL_PAGE (self)), "meeting", jl_record_get_id (self->meeting),
                      change->fields, NULL, state_changed_cb, g_object_ref (self));
}

static void
change_state (JlMinutesPage *self,
              JsonObject    *fields,
              const char    *toast)
{
  StateChange *change = g_new0 (StateChange, 1);

  change->fields = fields;
  change->toast = g_strdup (toast);
  if (self->busy || self->meeting == NULL)
    {
      state_change_free (change);
      return;
    }
  self->busy = TRUE;
  _jl_minutes_page_update_state (self);
  run_after_flush (self, put_state, change, (GDestroyNotify) state_change_free);
}

void
jl_minutes_page_submit (JlMinutesPage *self)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (JL_IS_MINUTES_PAGE (self));
  json_object_set_string_member (fields, "state", JL_MEETING_SUBMITTED);
  change_state (self, fields, _("Minutes submitted for review"));
}

void
jl_minutes_page_approve (JlMinutesPage *self,
                         const char    *approved_by)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (JL_IS_MINUTES_PAGE (self));
  json_object_set_string_member (fields, "state", JL_MEETING_APPROVED);
  if (approved_by != NULL && *approved_by != '\0')
    json_object_set_string_member (fields, "approved_by", approved_by);
  change_state (self, fields, _("Minutes approved"));
}

void
jl_minutes_page_return (JlMinutesPage *self,
                        const char    *reason)
{
  JsonObject *fields = json_object_new ();

  g_return_if_fail (JL_IS_MINUTES_PAGE (self));
  json_object_set_string_member (fields, "state", JL_MEETING_DRAFT);
  /* An empty reason is left out, so the core says it is required. */
  if (reason != NULL && *reason != '\0')
    json_object_set_string_member (fields, "return_reason", reason);
  change_state (self, fields, _("Minutes returned for correction"));
}

const char *
jl_minutes_page_get_workflow_message (JlMinutesPage *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  return self->workflow_message;
}

GtkWidget *
jl_minutes_page_get_workflow_button (JlMinutesPage *self,
                                     const char    *name)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);

  if (g_strcmp0 (name, "submit") == 0)
    return self->submit_button;
  if (g_strcmp0 (name, "approve") == 0)
    return self->approve_button;
  if (g_strcmp0 (name, "return") == 0)
    return self->return_button;
  return NULL;
}

/* Confirmations */

static GtkEntry *
dialog_entry (AdwMessageDialog *dialog,
              const char       *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  return GTK_ENTRY (entry);
}

static const char *
dialog_entry_text (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  return entry ? gtk_editable_get_text (entry) : NULL;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JlMinutesPage    *self)
{
  g_autofree char *text = g_strstrip (g_strdup (dialog_entry_text (dialog) ? dialog_entry_text (dialog) : ""));

  if (g_strcmp0 (response, "submit") == 0)
    jl_minutes_page_submit (self);
  else if (g_strcmp0 (response, "approve") == 0)
    jl_minutes_page_approve (self, text);
  else if (g_strcmp0 (response, "return") == 0)
    jl_minutes_page_return (self, text);
}

static AdwMessageDialog *
confirm (JlMinutesPage *self,
         const char    *heading,
         const char    *body,
         const char    *response,
         const char    *label)
{
  GtkWidget *dialog = adw_message_dialog_new (_jl_minutes_page_window (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
submit_clicked_cb (JlMinutesPage *self)
{
  AdwMessageDialog *dialog = confirm (self, _("Submit these minutes for review?"),
                                      _("The reviewer can then approve them or return them with a reason."),
                                      "submit", _("_Submit for Review"));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
approve_clicked_cb (JlMinutesPage *self)
{
  AdwMessageDialog *dialog = confirm (self, _("Approve these minutes?"),
                                      _("Approved minutes can no longer be changed; corrections are then recorded as amendments. Implementation feedback and decision follow-up stay editable."),
                                      "approve", _("_Approve"));

  dialog_entry (dialog, _("Approved by (optional)"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "return", *text != '\0');
}

static void
return_clicked_cb (JlMinutesPage *self)
{
  AdwMessageDialog *dialog = confirm (self, _("Return these minutes?"),
                                      _("Say what needs to be corrected; the clerk will see the reason."),
                                      "return", _("_Return"));
  GtkEntry *entry = dialog_entry (dialog, _("Reason for returning"));

  adw_message_dialog_set_response_appearance (dialog, "return", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "return", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Printing */

static gpointer
load_doc_func (JlStore   *store,
               gpointer   data,
               GError   **error)
{
  return jl_minutes_doc_load (store, data, error);
}

typedef struct
{
  JlMinutesPage *self;
  char          *path;   /* NULL: the print dialog */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_object_unref (job->self);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintJob, print_job_free)

static void
doc_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PrintJob) job = user_data;
  JlMinutesPage *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlMinutesDoc) doc = jl_store_run_finish (JL_STORE (source), result, &error);
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *font_warning = NULL;

  if (doc == NULL)
    {
      jl_page_show_error (JL_PAGE (self), _("The minutes could not be printed"), error);
      return;
    }
  font_warning = jl_print_fonts_minutes_warning ();
  if (font_warning != NULL)
    jl_page_toast (JL_PAGE (self), font_warning);
  if (job->path == NULL)
    {
      jl_minutes_print_dialog (g_steal_pointer (&doc), _jl_minutes_page_window (self));
      return;
    }
  if (!jl_minutes_print_export (doc, _jl_minutes_page_window (self), job->path, NULL, &error))
    {
      jl_page_show_error (JL_PAGE (self), _("The PDF could not be written"), error);
      return;
    }
  name = g_path_get_basename (job->path);
  toast = g_strdup_printf (_("Saved as %s"), name);
  jl_page_toast (JL_PAGE (self), toast);
}

static void
load_doc (JlMinutesPage *self,
          gpointer       data)
{
  PrintJob *job;

  if (self->meeting == NULL)
    return;
  job = g_new0 (PrintJob, 1);
  job->self = g_object_ref (self);
  job->path = g_strdup (data);
  jl_store_run_async (jl_page_get_store (JL_PAGE (self)), load_doc_func,
                      g_strdup (jl_record_get_id (self->meeting)), g_free,
                      (GDestroyNotify) jl_minutes_doc_free, NULL, doc_loaded_cb, job);
}

void
jl_minutes_page_print (JlMinutesPage *self)
{
  g_return_if_fail (JL_IS_MINUTES_PAGE (self));
  run_after_flush (self, load_doc, NULL, NULL);
}

void
jl_minutes_page_export_pdf (JlMinutesPage *self,
                            const char    *path)
{
  g_return_if_fail (JL_IS_MINUTES_PAGE (self));
  g_return_if_fail (path != NULL);
  run_after_flush (self, load_doc, g_strdup (path), g_free);
}

static void
chooser_response_cb (JlMinutesPage *self,
                     int            response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      char *with = g_strconcat (path, ".pdf", NULL);
      g_free (path);
      path = with;
    }
  jl_minutes_page_export_pdf (self, path);
}

void
_jl_minutes_page_export_clicked (JlMinutesPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->meeting == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Minutes as PDF"), _jl_minutes_page_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* A file name cannot hold "/"; titles sometimes do (2025/3). */
  name = g_strdelimit (g_strconcat (jl_record_get_title (self->meeting), ".pdf", NULL), "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_jl_minutes_page_print_clicked (JlMinutesPage *self)
{
  if (self->meeting != NULL)
    jl_minutes_page_print (self);
}

/* The state row */

static GtkWidget *
workflow_button (const char *label,
                 const char *css,
                 GCallback   callback,
                 gpointer    self)
{
  GtkWidget *button = jl_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

GtkWidget *
_jl_minutes_page_build_status_group (JlMinutesPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);
  adw_action_row_set_subtitle_lines (self->status_row, 4);
  self->status_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("document-edit-symbolic"));
  adw_action_row_add_prefix (self->status_row, GTK_WIDGET (self->status_icon));

  self->submit_button = workflow_button (_("_Submit for Review"), "suggested-action", G_CALLBACK (submit_clicked_cb), self);
  self->return_button = workflow_button (_("_Return…"), NULL, G_CALLBACK (return_clicked_cb), self);
  self->approve_button = workflow_button (_("_Approve"), "suggested-action", G_CALLBACK (approve_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->submit_button);
  gtk_box_append (GTK_BOX (buttons), self->return_button);
  gtk_box_append (GTK_BOX (buttons), self->approve_button);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->status_row, buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));

  self->workflow_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->workflow_label, TRUE);
  gtk_label_set_xalign (self->workflow_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->workflow_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->workflow_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->workflow_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->workflow_label));
  return group;
}

