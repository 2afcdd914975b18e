/* jl-minutes-page.c: the meeting minutes section
 *
 * The list is the partner page's pattern (JlRecordView + JlFilterBar); the
 * editor is one scrolling column a clerk fills in from top to bottom
 * during the meeting: the review state, the meeting's fields, the
 * attendance, the agenda items, and once approved the amendments. Nothing
 * has a Save button: every part stores itself about a second after each
 * valid change, and everything pending is flushed before the minutes are
 * submitted, approved, printed or left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-minutes-doc.h"
#include "jl-minutes-page-private.h"
#include "jl-store-async.h"

G_DEFINE_FINAL_TYPE (JlMinutesPage, jl_minutes_page, JL_TYPE_PAGE)

static const char *const list_columns[] = {
  "held_at", "title", "meeting_type", "community_id", "place", "state", NULL
};

static const char *const meeting_fields[] = {
  "meeting_type", "title", "held_at", "ended_at", "place", "host_id", "recorder_id", "lecturer",
  "observers", "summary", "is_public", NULL
};

const char *
_jl_minutes_page_state (JlMinutesPage *self)
{
  const char *state = self->meeting ? jl_record_get_string (self->meeting, "state") : NULL;

  return state ? state : JL_MEETING_DRAFT;
}

GtkWindow *
_jl_minutes_page_window (JlMinutesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_jl_minutes_page_set_workflow_message (JlMinutesPage *self,
                                       const char    *message)
{
  g_free (self->workflow_message);
  self->workflow_message = g_strdup (message ? message : "");
  gtk_label_set_text (self->workflow_label, self->workflow_message);
  gtk_widget_set_visible (GTK_WIDGET (self->workflow_label), *self->workflow_message != '\0');
}

/* State */

static char *
status_text (JlMinutesPage *self)
{
  const char *state = _jl_minutes_page_state (self);

  if (self->meeting == NULL)
    return g_strdup (_("Type a title to start. The minutes are saved as you type; attendance and agenda items can be added once they are saved."));
  if (g_strcmp0 (state, JL_MEETING_SUBMITTED) == 0)
    return g_strdup (_("Approve the minutes, or return them with a reason. They can still be corrected until they are approved."));
  if (g_strcmp0 (state, JL_MEETING_APPROVED) == 0)
    {
      g_autofree char *date = jl_minutes_format_date (jl_record_get_string (self->meeting, "approved_at"));
      const char *by = jl_record_get_string (self->meeting, "approved_by");

      return by ? g_strdup_printf (_("Approved by %s on %s. The minutes are read-only; implementation feedback and decision follow-up stay editable, corrections are added as amendments."), by, date)
                : g_strdup_printf (_("Approved on %s. The minutes are read-only; implementation feedback and decision follow-up stay editable, corrections are added as amendments."), date);
    }
  if (jl_record_get_string (self->meeting, "return_reason") != NULL)
    return g_strdup_printf (_("Returned for correction: %s"), jl_record_get_string (self->meeting, "return_reason"));
  return g_strdup (_("Submit the minutes for review once the place, host, recorder and attendance are recorded."));
}

void
_jl_minutes_page_update_state (JlMinutesPage *self)
{
  const JlField *state_field = jl_kind_lookup_field (jl_schema_lookup ("meeting"), "state");
  const char *state = _jl_minutes_page_state (self);
  gboolean stored = self->meeting != NULL;
  gboolean approved = g_strcmp0 (state, JL_MEETING_APPROVED) == 0;
  gboolean submitted = g_strcmp0 (state, JL_MEETING_SUBMITTED) == 0;
  g_autofree char *text = status_text (self);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                 jl_enum_get_label (state_field, state));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), text);
  gtk_image_set_from_icon_name (self->status_icon,
                                approved ? "emblem-ok-symbolic"
                                : submitted ? "mail-send-symbolic" : "document-edit-symbolic");
  gtk_widget_set_visible (self->submit_button, stored && !approved && !submitted);
  gtk_widget_set_visible (self->approve_button, submitted);
  gtk_widget_set_visible (self->return_button, submitted);
  gtk_widget_set_sensitive (self->submit_button, !self->busy);
  gtk_widget_set_sensitive (self->approve_button, !self->busy);
  gtk_widget_set_sensitive (self->return_button, !self->busy);
  gtk_widget_set_sensitive (self->print_button, stored);
  gtk_widget_set_sensitive (self->export_button, stored);
  gtk_widget_set_visible (self->delete_button, stored && !approved && !submitted);
  gtk_widget_set_visible (self->parts_hint, !stored);

  subtitle = g_strdup_printf (_("%s · saved automatically"), jl_enum_get_label (state_field, state));
  adw_window_title_set_subtitle (self->editor_title, subtitle);
  if (stored)
    adw_window_title_set_title (self->editor_title, jl_record_get_title (self->meeting));

  /* Fields about to lock must not keep the keyboard focus (a text that
   * turns insensitive while focused never gets its focus-out). */
  if (approved != self->frozen)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      self->frozen = approved;
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self->status_row));
    }
  if (self->editor != NULL)
    jl_record_editor_set_frozen (self->editor, approved);
  if (self->attendance != NULL)
    jl_minutes_attendance_set_frozen (self->attendance, approved);
  if (self->agenda != NULL)
    jl_minutes_agenda_set_frozen (self->agenda, approved);
  if (self->amendments != NULL)
    {
      jl_minutes_amendments_set_meeting (self->amendments, self->meeting);
      gtk_widget_set_visible (GTK_WIDGET (self->amendments), approved);
    }
}

/* The parts that need the meeting's id. */
static void
build_parts (JlMinutesPage *self)
{
  JlStore *store = jl_page_get_store (JL_PAGE (self));
  const char *id = jl_record_get_id (self->meeting);

  if (self->attendance != NULL)
    return;
  self->attendance = JL_MINUTES_ATTENDANCE (jl_minutes_attendance_new (store, id,
                                            jl_record_get_community_id (self->meeting)));
  self->agenda = JL_MINUTES_AGENDA (jl_minutes_agenda_new (store, id));
  self->amendments = JL_MINUTES_AMENDMENTS (jl_minutes_amendments_new (store, self->meeting));
  self->attachments = JL_MINUTES_ATTACHMENTS (jl_minutes_attachments_new (store, id));
  gtk_box_append (GTK_BOX (self->parts_box), GTK_WIDGET (self->attendance));
  gtk_box_append (GTK_BOX (self->parts_box), GTK_WIDGET (self->agenda));
  gtk_box_append (GTK_BOX (self->parts_box), GTK_WIDGET (self->amendments));
  gtk_box_append (GTK_BOX (self->parts_box), GTK_WIDGET (self->attachments));
}

static void
clear_parts (JlMinutesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->parts_box)))
    gtk_box_remove (GTK_BOX (self->parts_box), child);
  self->attendance = NULL;
  self->agenda = NULL;
  self->amendments = NULL;
  self->attachments = NULL;
}

static void
editor_saved_cb (JlMinutesPage *self,
                 JlRecord      *meeting)
{
  g_set_object (&self->meeting, meeting);
  build_parts (self);
  _jl_minutes_page_update_state (self);
}

/* Opening and closing the editor */

static void
filters_changed_cb (JlMinutesPage *self)
{
  JlQuery query = { .order_by = "held_at", .descending = TRUE };

  jl_filter_bar_fill_query (self->filters, &query);
  jl_record_view_set_query (self->view, &query);
}

static void
add_meeting_editor (JlMinutesPage *self,
                    JlRecord      *meeting,
                    JsonObject    *defaults)
{
  GtkWidget *child;
  GtkWidget *editor;

  while ((child = gtk_widget_get_first_child (self->editor_slot)))
    gtk_box_remove (GTK_BOX (self->editor_slot), child);
  editor = jl_record_editor_new (jl_page_get_store (JL_PAGE (self)), "meeting", meeting, defaults,
                                 meeting_fields);
  self->editor = JL_RECORD_EDITOR (editor);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->editor_slot), editor);

  if (defaults != self->defaults)
    {
      g_clear_pointer (&self->defaults, json_object_unref);
      self->defaults = defaults ? json_object_ref (defaults) : NULL;
    }
}

static JlRecordEditor *
open_editor (JlMinutesPage *self,
             JlRecord      *meeting,
             JsonObject    *defaults)
{
  jl_minutes_page_close_editor (self);
  add_meeting_editor (self, meeting, defaults);

  g_set_object (&self->meeting, meeting);
  _jl_minutes_page_set_workflow_message (self, NULL);
  adw_window_title_set_title (self->editor_title, meeting ? jl_record_get_title (meeting) : _("New Minutes"));
  if (meeting != NULL)
    build_parts (self);
  _jl_minutes_page_update_state (self);

  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (jl_record_editor_get_row (self->editor, "title"));
  return self->editor;
}

JlRecordEditor *
jl_minutes_page_edit_new (JlMinutesPage *self,
                          const char    *community_id)
{
  g_autoptr(JsonObject) defaults = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *held_at = NULL;

  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  g_return_val_if_fail (community_id != NULL, NULL);

  /* The clerk usually opens the minutes as the meeting starts. */
  start = g_date_time_add_minutes (now, -(g_date_time_get_minute (now) % 5));
  held_at = g_date_time_format (start, "%Y-%m-%d %H:%M");
  json_object_set_string_member (defaults, "community_id", community_id);
  json_object_set_string_member (defaults, "meeting_type", "joint");
  json_object_set_string_member (defaults, "held_at", held_at);
  return open_editor (self, NULL, defaults);
}

JlRecordEditor *
jl_minutes_page_edit (JlMinutesPage *self,
                      JlRecord      *meeting)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  g_return_val_if_fail (JL_IS_RECORD (meeting), NULL);
  return open_editor (self, meeting, NULL);
}

void
jl_minutes_page_close_editor (JlMinutesPage *self)
{
  GtkWidget *child;

  g_return_if_fail (JL_IS_MINUTES_PAGE (self));

  /* Removing the editors flushes them (their dispose saves what is pending). */
  _jl_minutes_page_save_all_now (self);
  clear_parts (self);
  while ((child = gtk_widget_get_first_child (self->editor_slot)))
    gtk_box_remove (GTK_BOX (self->editor_slot), child);
  if (self->editor != NULL)
    {
      self->editor = NULL;
      jl_record_view_reload (self->view);
    }
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->defaults, json_object_unref);
  self->busy = FALSE;
  self->frozen = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "list");
}

GtkWidget *
jl_minutes_page_get_view (JlMinutesPage *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  return GTK_WIDGET (self->view);
}

JlRecord *
jl_minutes_page_get_meeting (JlMinutesPage *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  return self->meeting;
}

JlMinutesAttendance *
jl_minutes_page_get_attendance (JlMinutesPage *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  return self->attendance;
}

JlMinutesAgenda *
jl_minutes_page_get_agenda (JlMinutesPage *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  return self->agenda;
}

JlMinutesAmendments *
jl_minutes_page_get_amendments (JlMinutesPage *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  return self->amendments;
}

JlMinutesAttachments *
jl_minutes_page_get_attachments (JlMinutesPage *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_PAGE (self), NULL);
  return self->attachments;
}

static void
record_activated_cb (JlMinutesPage *self,
                     JlRecord      *record)
{
  jl_minutes_page_edit (self, record);
}

static void
back_clicked_cb (JlMinutesPage *self)
{
  jl_minutes_page_close_editor (self);
}

/* New minutes: for which community? */

static void
community_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       JlMinutesPage    *self)
{
  GStrv ids = g_object_get_data (G_OBJECT (dialog), "ids");
  GtkDropDown *drop = g_object_get_data (G_OBJECT (dialog), "drop");
  guint pos = gtk_drop_down_get_selected (drop);

  if (g_strcmp0 (response, "create") == 0 && pos < g_strv_length (ids))
    jl_minutes_page_edit_new (self, ids[pos]);
}

static void
ask_community (JlMinutesPage *self,
               GPtrArray     *communities)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  GStrv ids = g_new0 (char *, communities->len + 1);
  GtkWidget *dialog = adw_message_dialog_new (_jl_minutes_page_window (self), _("New Minutes"),
                                              _("Which community are these minutes for?"));
  GtkWidget *drop;

  for (guint i = 0; i < communities->len; i++)
    {
      JlTitleEntry *e = communities->pdata[i];

      gtk_string_list_append (names, e->title);
      ids[i] = g_strdup (e->id);
    }
  drop = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Community"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop);
  g_object_set_data_full (G_OBJECT (dialog), "ids", ids, (GDestroyNotify) g_strfreev);
  g_object_set_data (G_OBJECT (dialog), "drop", drop);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "create", _("_Create"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  g_signal_connect_object (dialog, "response", G_CALLBACK (community_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_minutes (JlMinutesPage *self)
{
  const char *community = jl_filter_bar_get_community (self->filters);
  g_autoptr(GPtrArray) communities = NULL;

  if (community != NULL)
    {
      jl_minutes_page_edit_new (self, community);
      return;
    }
  communities = jl_title_cache_list (jl_page_get_titles (JL_PAGE (self)), "community", NULL);
  if (!jl_title_cache_has_list (jl_page_get_titles (JL_PAGE (self)), "community", NULL))
    jl_page_toast (JL_PAGE (self), _("The communities are still loading; try again in a moment."));
  else if (communities->len == 1)
    jl_minutes_page_edit_new (self, ((JlTitleEntry *) communities->pdata[0])->id);
  else if (communities->len == 0)
    jl_page_toast (JL_PAGE (self), _("Add a community first (Organisation)."));
  else
    ask_community (self, communities);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  new_minutes (JL_MINUTES_PAGE (widget));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  _jl_minutes_page_print_clicked (JL_MINUTES_PAGE (widget));
}

/* Deleting draft minutes */

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlMinutesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      jl_page_show_error (JL_PAGE (self), _("Could not delete"), error);
      return;
    }
  jl_page_toast (JL_PAGE (self), _("Minutes deleted"));
  jl_record_view_reload (self->view);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JlMinutesPage    *self)
{
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->meeting == NULL)
    return;
  id = g_strdup (jl_record_get_id (self->meeting));
  jl_minutes_page_close_editor (self);
  jl_store_delete_async (jl_page_get_store (JL_PAGE (self)), "meeting", id, NULL, deleted_cb,
                         g_object_ref (self));
}

static void
delete_clicked_cb (JlMinutesPage *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->meeting == NULL)
    return;
  body = g_strdup_printf (_("“%s” with its attendance, agenda items and decisions will be deleted."),
                          jl_record_get_title (self->meeting));
  dialog = adw_message_dialog_new (_jl_minutes_page_window (self), _("Delete these minutes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Building */

static GtkWidget *
bar_button (const char *icon,
            const char *tooltip,
            GCallback   callback,
            gpointer    self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
build_editor (JlMinutesPage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_box_append (GTK_BOX (bar), bar_button ("go-previous-symbolic", _("Back to the list"),
                                             G_CALLBACK (back_clicked_cb), self));
  self->editor_title = ADW_WINDOW_TITLE (adw_window_title_new ("", ""));
  gtk_widget_set_hexpand (GTK_WIDGET (self->editor_title), TRUE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->editor_title));
  self->print_button = bar_button ("document-print-symbolic", _("Print… (Ctrl+P)"), G_CALLBACK (_jl_minutes_page_print_clicked), self);
  self->export_button = jl_button_new_with_mnemonic (_("Export _PDF…"));
  gtk_widget_set_tooltip_text (self->export_button, _("Save the minutes as a PDF file (A4)"));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (_jl_minutes_page_export_clicked), self);
  self->delete_button = bar_button ("user-trash-symbolic", _("Delete these minutes"), G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->print_button);
  gtk_box_append (GTK_BOX (bar), self->export_button);
  gtk_box_append (GTK_BOX (bar), self->delete_button);
  gtk_box_append (GTK_BOX (outer), bar);

  gtk_widget_set_margin_top (column, 12);
  gtk_widget_set_margin_bottom (column, 36);
  gtk_widget_set_margin_start (column, 12);
  gtk_widget_set_margin_end (column, 12);
  gtk_box_append (GTK_BOX (column), _jl_minutes_page_build_status_group (self));
  self->editor_slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (column), self->editor_slot);
  self->parts_hint = gtk_label_new (_("Attendance and agenda items appear here once the minutes have a title."));
  gtk_label_set_wrap (GTK_LABEL (self->parts_hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->parts_hint), 0);
  gtk_widget_add_css_class (self->parts_hint, "dim-label");
  gtk_box_append (GTK_BOX (column), self->parts_hint);
  self->parts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 36);
  gtk_box_append (GTK_BOX (column), self->parts_box);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), column);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), scroller);
  return outer;
}

static void
jl_minutes_page_store_ready (JlPage *page)
{
  JlMinutesPage *self = JL_MINUTES_PAGE (page);
  JlStore *store = jl_page_get_store (page);
  GtkWidget *new_button;

  self->view = JL_RECORD_VIEW (jl_record_view_new (store, "meeting", list_columns));
  g_signal_connect_object (self->view, "record-activated", G_CALLBACK (record_activated_cb), self,
                           G_CONNECT_SWAPPED);

  self->filters = jl_filter_bar_new (store, "meeting");
  jl_filter_bar_add_community (self->filters);
  jl_filter_bar_add_enum (self->filters, "meeting_type");
  jl_filter_bar_add_enum (self->filters, "state");
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (jl_record_view_get_toolbar (self->view), GTK_WIDGET (self->filters));

  new_button = jl_button_new_with_mnemonic (_("_New Minutes"));
  gtk_widget_add_css_class (new_button, "suggested-action");
  gtk_widget_set_tooltip_text (new_button, _("New minutes (Ctrl+N)"));
  g_signal_connect_swapped (new_button, "clicked", G_CALLBACK (new_minutes), self);
  gtk_box_append (jl_record_view_get_toolbar (self->view), new_button);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->view), "list");
  gtk_stack_add_named (self->stack, build_editor (self), "editor");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  filters_changed_cb (self);
}

static void
jl_minutes_page_dispose (GObject *object)
{
  JlMinutesPage *self = JL_MINUTES_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->defaults, json_object_unref);
  self->editor = NULL;
  self->attendance = NULL;
  self->agenda = NULL;
  self->amendments = NULL;
  self->attachments = NULL;
  G_OBJECT_CLASS (jl_minutes_page_parent_class)->dispose (object);
}

static void
jl_minutes_page_finalize (GObject *object)
{
  JlMinutesPage *self = JL_MINUTES_PAGE (object);

  g_free (self->workflow_message);
  G_OBJECT_CLASS (jl_minutes_page_parent_class)->finalize (object);
}

static void
jl_minutes_page_class_init (JlMinutesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jl_minutes_page_dispose;
  object_class->finalize = jl_minutes_page_finalize;
  JL_PAGE_CLASS (klass)->store_ready = jl_minutes_page_store_ready;

  gtk_widget_class_install_action (widget_class, "minutes.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "minutes.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "minutes.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "minutes.print", NULL);
}

static void
jl_minutes_page_init (JlMinutesPage *self)
{
  self->workflow_message = g_strdup ("");
}
