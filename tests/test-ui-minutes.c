/* test-ui-minutes.c: recording minutes through the page's widgets as a
 * clerk would during a meeting (fields, attendance typed line by line, two
 * agenda items with the four steps, a decision), then submitting and
 * approving them through the buttons and their confirmations, and checking
 * the database through the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-minutes-doc.h"
#include "jl-minutes-page.h"
#include "jl-print-fonts.h"
#include "jl-record-dialog.h"
#include "jl-store-order.h"
#include "jl-test-ui.h"
#include "jl-test-util.h"
#include "jl-title-cache.h"

typedef struct
{
  JlStore             *store;      /* the test's own connection */
  JlWindow            *window;
  JlMinutesPage       *page;
  char                *dir;
  char                *community;
  char                *host;
  char                *recorder;
  const char          *state;      /* awaited */
  const char          *text;       /* awaited */
  guint                count;      /* awaited */
  const char          *kind;       /* awaited */
  JlRecordEditor      *editor;     /* awaited */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = jl_test_store_new (&f->dir);
  f->community = jl_test_put_ok (f->store, "community", "{\"name\": \"莲前社区\"}");
  f->host = jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"张书记\"}", f->community);
  f->recorder = jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"李明\"}", f->community);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->page != NULL)
    jl_minutes_page_close_editor (f->page);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  /* Let the last saves finish before the files go. */
  jl_test_ui_spin (300);
  g_clear_object (&f->store);
  jl_test_dir_free (f->dir);
  g_free (f->community);
  g_free (f->host);
  g_free (f->recorder);
}

static gboolean
titles_loaded (gpointer data)
{
  Fixture *f = data;
  return jl_title_cache_get_loaded (jl_title_cache_get_for_store (jl_window_get_store (f->window)));
}

static void
open_page (Fixture *f)
{
  f->window = jl_test_ui_open_window (jl_store_get_path (f->store));
  /* The people pickers and the name completion come from the names cache. */
  g_assert_true (jl_test_ui_wait (titles_loaded, f, 10000));
  jl_window_show_section (f->window, "minutes");
  f->page = JL_MINUTES_PAGE (jl_window_get_page (f->window, "minutes"));
  g_assert_nonnull (f->page);
}

/* Conditions on the database */

static JlRecord *
the_meeting (Fixture *f)
{
  g_autoptr(GPtrArray) meetings = jl_store_list (f->store, "meeting", NULL, NULL);

  return meetings && meetings->len == 1 ? g_object_ref (meetings->pdata[0]) : NULL;
}

static guint
count_of (Fixture    *f,
          const char *kind)
{
  g_autoptr(GPtrArray) records = jl_store_list (f->store, kind, NULL, NULL);
  return records ? records->len : 0;
}

static gboolean
meeting_stored (gpointer data)
{
  Fixture *f = data;
  g_autoptr(JlRecord) m = the_meeting (f);

  return m != NULL && g_strcmp0 (jl_record_get_string (m, "summary"), f->text) == 0 &&
         jl_minutes_page_get_attendance (f->page) != NULL;
}

static gboolean
state_is (gpointer data)
{
  Fixture *f = data;
  g_autoptr(JlRecord) m = the_meeting (f);
  JlRecord *shown = jl_minutes_page_get_meeting (f->page);

  return m != NULL && g_strcmp0 (jl_record_get_string (m, "state"), f->state) == 0 &&
         shown != NULL && g_strcmp0 (jl_record_get_string (shown, "state"), f->state) == 0;
}

static gboolean
kind_count_is (gpointer data)
{
  Fixture *f = data;
  return count_of (f, f->kind) == f->count;
}

static gboolean
workflow_message_set (gpointer data)
{
  Fixture *f = data;
  return *jl_minutes_page_get_workflow_message (f->page) != '\0';
}

/* The attendance line */

static gboolean
attendance_shows (gpointer data)
{
  Fixture *f = data;
  JlMinutesAttendance *att = jl_minutes_page_get_attendance (f->page);

  return count_of (f, "attendance") == f->count && jl_minutes_attendance_get_count (att) == f->count;
}

static gboolean
attendance_message_set (gpointer data)
{
  Fixture *f = data;
  return *jl_minutes_attendance_get_message (jl_minutes_page_get_attendance (f->page)) != '\0';
}

static gboolean
tally_is (gpointer data)
{
  Fixture *f = data;
  return g_strcmp0 (jl_minutes_attendance_get_tally (jl_minutes_page_get_attendance (f->page)), f->text) == 0;
}

/* Types a row into the attendance line and presses Enter in @where. */
static void
type_attendance (Fixture    *f,
                 const char *name,
                 const char *status,
                 const char *reason,
                 gboolean    enter_in_reason)
{
  JlMinutesAttendance *att = jl_minutes_page_get_attendance (f->page);
  GtkEntry *entry = jl_minutes_attendance_get_name_entry (att);
  GtkEntry *reason_entry = jl_minutes_attendance_get_reason_entry (att);

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  jl_minutes_attendance_set_status (att, status);
  gtk_editable_set_text (GTK_EDITABLE (reason_entry), reason ? reason : "");
  g_signal_emit_by_name (enter_in_reason ? reason_entry : entry, "activate");
}

static void
record_attendance (Fixture *f)
{
  JlMinutesAttendance *att = jl_minutes_page_get_attendance (f->page);
  GtkEntry *entry = jl_minutes_attendance_get_name_entry (att);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  type_attendance (f, "张书记", "present", NULL, FALSE);
  f->count = 1;
  g_assert_true (jl_test_ui_wait (attendance_shows, f, 5000));
  /* Stored and the line cleared for the next name. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  type_attendance (f, "李明", "present", NULL, FALSE);
  f->count = 2;
  g_assert_true (jl_test_ui_wait (attendance_shows, f, 5000));

  /* Leave without a reason: the core's message, and the typing is kept. */
  type_attendance (f, "王主任", "leave", NULL, FALSE);
  g_assert_true (jl_test_ui_wait (attendance_message_set, f, 5000));
  g_test_message ("refused: %s", jl_minutes_attendance_get_message (att));
  g_assert_nonnull (strstr (jl_minutes_attendance_get_message (att), "reason"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "王主任");
  g_assert_cmpuint (count_of (f, "attendance"), ==, 2);
  /* The reason typed, Enter in the reason entry. */
  type_attendance (f, "王主任", "leave", "外出开会", TRUE);
  f->count = 3;
  g_assert_true (jl_test_ui_wait (attendance_shows, f, 5000));
  g_assert_cmpstr (jl_minutes_attendance_get_message (att), ==, "");
  type_attendance (f, "赵六", "late", NULL, FALSE);
  f->count = 4;
  g_assert_true (jl_test_ui_wait (attendance_shows, f, 5000));

  /* The same name twice is caught before it reaches the database. */
  type_attendance (f, "李明", "present", NULL, FALSE);
  g_assert_nonnull (strstr (jl_minutes_attendance_get_message (att), "李明"));

  f->text = "应到4人，实到3人，请假1人（王主任：外出开会），迟到1人（赵六）";
  g_assert_true (jl_test_ui_wait (tally_is, f, 5000));

  {
    JlQuery query = { .filters = { { "name", "张书记" } } };
    rows = jl_store_list (f->store, "attendance", &query, NULL);
  }
  /* A name from the community's people is linked to the person. */
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (jl_record_get_string (rows->pdata[0], "person_id"), ==, f->host);
  g_assert_cmpstr (jl_record_get_string (rows->pdata[0], "status"), ==, "present");
  g_assert_cmpstr (jl_record_get_string (rows->pdata[0], "role"), ==, "due");
}

/* Agenda items */

static gboolean
items_stored (gpointer data)
{
  Fixture *f = data;
  JlQuery query = { .order_by = "position" };
  g_autoptr(GPtrArray) items = jl_store_list (f->store, "agenda_item", &query, NULL);

  if (items == NULL || items->len != 2 || jl_minutes_agenda_has_pending (jl_minutes_page_get_agenda (f->page)))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!jl_record_has_value (items->pdata[i], "step_feedback"))
      return FALSE;
  return jl_minutes_agenda_get_decisions (jl_minutes_page_get_agenda (f->page), 0) != NULL;
}

static void
fill_item (JlRecordEditor *editor,
           const char     *title,
           const char     *tag)
{
  static const char *const steps[] = { "step_consult", "step_plan", "step_execute", "step_feedback" };

  jl_record_editor_set_text (editor, "title", title);
  jl_record_editor_set_text (editor, "presenter", "张书记");
  jl_record_editor_set_text (editor, "item_kind", "deliberation");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s-%s：第一行\n第二行", tag, steps[i]);
      jl_record_editor_set_text (editor, steps[i], text);
    }
}

static gboolean
title_focused (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, jl_record_editor_get_row (f->editor, "title"));
}

static void
record_agenda (Fixture *f)
{
  JlMinutesAgenda *agenda = jl_minutes_page_get_agenda (f->page);
  JlRecordEditor *first;
  JlRecordEditor *second;
  GtkWidget *dialog;
  JlRecordEditor *decision;
  JlQuery query = { .order_by = "position" };
  g_autoptr(GPtrArray) items = NULL;

  first = jl_minutes_agenda_add_item (agenda);
  /* The new card takes the cursor, in its title. */
  f->editor = first;
  if (!jl_test_ui_wait (title_focused, f, 3000))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_test_message ("focus: %s", focus ? G_OBJECT_TYPE_NAME (focus) : "none");
      g_assert_not_reached ();
    }
  fill_item (first, "老旧小区加装电梯", "甲");
  second = jl_minutes_agenda_add_item (agenda);
  fill_item (second, "停车难问题", "乙");
  g_assert_cmpuint (jl_minutes_agenda_get_n_items (agenda), ==, 2);
  g_assert_true (jl_test_ui_wait (items_stored, f, 10000));

  items = jl_store_list (f->store, "agenda_item", &query, NULL);
  g_assert_cmpstr (jl_record_get_string (items->pdata[0], "title"), ==, "老旧小区加装电梯");
  g_assert_cmpint (jl_record_get_int (items->pdata[0], "position", 0), ==, 1);
  g_assert_cmpstr (jl_record_get_string (items->pdata[0], "step_consult"), ==, "甲-step_consult：第一行\n第二行");
  g_assert_cmpstr (jl_record_get_string (items->pdata[0], "step_plan"), ==, "甲-step_plan：第一行\n第二行");
  g_assert_cmpstr (jl_record_get_string (items->pdata[0], "step_execute"), ==, "甲-step_execute：第一行\n第二行");
  g_assert_cmpstr (jl_record_get_string (items->pdata[0], "step_feedback"), ==, "甲-step_feedback：第一行\n第二行");
  g_assert_cmpstr (jl_record_get_string (items->pdata[1], "title"), ==, "停车难问题");
  g_assert_cmpint (jl_record_get_int (items->pdata[1], "position", 0), ==, 2);
  g_assert_cmpstr (jl_record_get_string (items->pdata[1], "step_execute"), ==, "乙-step_execute：第一行\n第二行");
  g_assert_cmpstr (jl_record_get_string (items->pdata[1], "item_kind"), ==, "deliberation");

  /* A decision of the first item, through its list's dialog. */
  dialog = jl_child_list_add (jl_minutes_agenda_get_decisions (agenda, 0));
  decision = jl_record_dialog_get_editor (JL_RECORD_DIALOG (dialog));
  jl_record_editor_set_text (decision, "text", "制定加装电梯方案");
  jl_record_editor_set_text (decision, "owner", "王主任");
  jl_record_editor_set_text (decision, "due_on", "2025-03-31");
  gtk_window_close (GTK_WINDOW (dialog));
  f->kind = "decision";
  f->count = 1;
  g_assert_true (jl_test_ui_wait (kind_count_is, f, 5000));
}

/* Reordering the agenda */

/* Whether the store and the cards both show the agenda as f->text, f->kind
 * (first and second title). */
static gboolean
order_is (gpointer data)
{
  Fixture *f = data;
  JlMinutesAgenda *agenda = jl_minutes_page_get_agenda (f->page);
  JlQuery query = { .order_by = "position" };
  g_autoptr(GPtrArray) items = jl_store_list (f->store, "agenda_item", &query, NULL);
  JlRecord *first = jl_record_editor_get_record (jl_minutes_agenda_get_editor (agenda, 0));

  return items != NULL && items->len == 2 &&
         g_strcmp0 (jl_record_get_string (items->pdata[0], "title"), f->text) == 0 &&
         jl_record_get_int (items->pdata[0], "position", 0) == 1 &&
         g_strcmp0 (jl_record_get_string (items->pdata[1], "title"), f->kind) == 0 &&
         jl_record_get_int (items->pdata[1], "position", 0) == 2 &&
         first != NULL && g_strcmp0 (jl_record_get_title (first), f->text) == 0;
}

/* Runs the card's own Alt+@keyval shortcut, as a key press in it would. */
static gboolean
press_alt (GtkWidget *card,
           guint      keyval)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, GDK_ALT_MASK);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (card);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, card, NULL);
        }
    }
  return FALSE;
}

static void
reorder_agenda (Fixture *f)
{
  JlMinutesAgenda *agenda = jl_minutes_page_get_agenda (f->page);
  g_autoptr(JlRecord) meeting = the_meeting (f);
  g_autoptr(JlMinutesDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *down = jl_minutes_agenda_get_move_button (agenda, 0, FALSE);

  /* The first item cannot go up, the last cannot go down. */
  g_assert_false (gtk_widget_get_sensitive (jl_minutes_agenda_get_move_button (agenda, 0, TRUE)));
  g_assert_true (gtk_widget_get_sensitive (down));
  g_assert_false (gtk_widget_get_sensitive (jl_minutes_agenda_get_move_button (agenda, 1, FALSE)));

  /* Move down on the first item: positions swap in the store. */
  g_signal_emit_by_name (down, "clicked");
  f->text = "停车难问题";
  f->kind = "老旧小区加装电梯";
  g_assert_true (jl_test_ui_wait (order_is, f, 5000));

  /* The document (print and PDF) follows the new order. */
  doc = jl_minutes_doc_load (f->store, jl_record_get_id (meeting), &error);
  g_assert_no_error (error);
  text = jl_minutes_doc_to_text (doc);
  g_assert_nonnull (strstr (text, "停车难问题"));
  g_assert_true (strstr (text, "停车难问题") < strstr (text, "老旧小区加装电梯"));

  /* Alt+Up inside the moved card brings it back. */
  g_assert_true (press_alt (jl_minutes_agenda_get_card (agenda, 1), GDK_KEY_Up));
  f->text = "老旧小区加装电梯";
  f->kind = "停车难问题";
  g_assert_true (jl_test_ui_wait (order_is, f, 5000));
  /* No move past the top. */
  g_assert_false (press_alt (jl_minutes_agenda_get_card (agenda, 0), GDK_KEY_Up));
  f->text = NULL;
  f->kind = NULL;
}

/* The workflow, through the buttons and their confirmations */

/* The message dialog on screen, if any. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static void
close_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
click_and_confirm (Fixture    *f,
                   const char *button,
                   const char *response,
                   const char *entry_text)
{
  GtkWidget *b = jl_minutes_page_get_workflow_button (f->page, button);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_get_visible (b));
  close_dialogs ();
  g_signal_emit_by_name (b, "clicked");
  g_assert_true (jl_test_ui_wait (dialog_shown, NULL, 2000));
  dialog = find_dialog ();
  if (entry_text != NULL)
    {
      GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

      g_assert_true (GTK_IS_EDITABLE (entry));
      gtk_editable_set_text (GTK_EDITABLE (entry), entry_text);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
}

static gboolean
editor_refused (gpointer data)
{
  Fixture *f = data;
  JlRecordEditor *editor = f->editor;

  /* The refused change stays pending; the core's message is shown. */
  return *jl_record_editor_get_message (editor) != '\0';
}

static gboolean
feedback_stored (gpointer data)
{
  Fixture *f = data;
  JlQuery query = { .order_by = "position" };
  g_autoptr(GPtrArray) items = jl_store_list (f->store, "agenda_item", &query, NULL);

  return items && items->len == 2 &&
         g_strcmp0 (jl_record_get_string (items->pdata[0], "step_feedback"), "已完成加装") == 0;
}

static gboolean
pdf_written (gpointer data)
{
  gsize length = 0;
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, &length, NULL) && length > 1000 &&
         strncmp (contents, "%PDF", 4) == 0 &&
         g_strstr_len (contents + length - 32, 32, "%%EOF") != NULL;
}

static gboolean
editor_stored (gpointer data)
{
  Fixture *f = data;
  return jl_record_editor_get_record (f->editor) != NULL && !jl_record_editor_has_pending (f->editor);
}

/* A third item, typed and then deleted through its button and the
 * confirmation, whose safe answer is the default. */
static void
delete_extra_item (Fixture *f)
{
  JlMinutesAgenda *agenda = jl_minutes_page_get_agenda (f->page);
  JlRecordEditor *third = jl_minutes_agenda_add_item (agenda);
  GtkWidget *delete_button;
  AdwMessageDialog *dialog;

  fill_item (third, "临时议题", "丙");
  f->kind = "agenda_item";
  f->count = 3;
  g_assert_true (jl_test_ui_wait (kind_count_is, f, 5000));
  /* The card knows its record once the save has come back. */
  f->editor = third;
  g_assert_true (jl_test_ui_wait (editor_stored, f, 5000));
  /* After Move up and Move down in the card's header. */
  delete_button = gtk_widget_get_next_sibling (jl_minutes_agenda_get_move_button (agenda, 2, FALSE));
  g_assert_true (GTK_IS_BUTTON (delete_button));
  g_assert_true (gtk_widget_has_css_class (delete_button, "flat"));
  g_signal_emit_by_name (delete_button, "clicked");
  g_assert_true (jl_test_ui_wait (dialog_shown, NULL, 2000));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  f->count = 2;
  g_assert_true (jl_test_ui_wait (kind_count_is, f, 5000));
  jl_test_ui_spin (100);
  g_assert_cmpuint (jl_minutes_agenda_get_n_items (agenda), ==, 2);
  f->kind = NULL;
}

static void
check_frozen (Fixture        *f,
              JlRecordEditor *editor)
{
  JlMinutesAgenda *agenda = jl_minutes_page_get_agenda (f->page);
  JlRecordEditor *item = jl_minutes_agenda_get_editor (agenda, 0);
  JlMinutesAttendance *att = jl_minutes_page_get_attendance (f->page);

  g_assert_false (gtk_widget_get_sensitive (jl_record_editor_get_row (editor, "title")));
  g_assert_false (gtk_widget_get_sensitive (jl_record_editor_get_row (editor, "place")));
  /* Whether it is published stays open. */
  g_assert_true (gtk_widget_get_sensitive (jl_record_editor_get_row (editor, "is_public")));
  g_assert_false (gtk_widget_get_sensitive (jl_record_editor_get_row (item, "title")));
  g_assert_false (gtk_widget_get_sensitive (jl_record_editor_get_row (item, "step_plan")));
  g_assert_true (gtk_widget_get_sensitive (jl_record_editor_get_row (item, "step_feedback")));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (jl_minutes_attendance_get_name_entry (att))));
  g_assert_false (gtk_widget_get_visible (jl_minutes_page_get_workflow_button (f->page, "submit")));
  g_assert_false (gtk_widget_get_visible (jl_minutes_page_get_workflow_button (f->page, "approve")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (jl_minutes_page_get_amendments (f->page))));
}

static void
test_record_and_approve (Fixture       *f,
                         gconstpointer  data)
{
  JlRecordEditor *editor;
  g_autoptr(JlRecord) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;

  open_page (f);
  editor = jl_minutes_page_edit_new (f->page, f->community);
  g_assert_nonnull (editor);
  /* The host and recorder pickers fill in once the community's names
   * have arrived, in the same editor. */
  g_assert_true (jl_test_ui_wait (titles_loaded, f, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (jl_record_editor_get_row (editor, "host_id")))), ==, 3);
  /* A new joint meeting held now, until the clerk says otherwise. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (jl_record_editor_get_row (editor, "meeting_type"))), >, 0);
  g_assert_null (jl_minutes_page_get_attendance (f->page));

  jl_record_editor_set_text (editor, "title", "2025年第一季度党建联席会议");
  jl_record_editor_set_text (editor, "held_at", "2025-03-05 09:00");
  jl_record_editor_set_text (editor, "ended_at", "2025-03-05 11:00");
  jl_record_editor_set_text (editor, "place", "社区党群服务中心");
  jl_record_editor_set_text (editor, "host_id", f->host);
  jl_record_editor_set_text (editor, "recorder_id", f->recorder);
  jl_record_editor_set_text (editor, "observers", "街道办刘科长");
  f->text = "会议按照四步法议事。";
  jl_record_editor_set_text (editor, "summary", f->text);
  g_assert_cmpstr (jl_record_editor_get_message (editor), ==, "");
  g_assert_true (jl_test_ui_wait (meeting_stored, f, 10000));

  meeting = the_meeting (f);
  g_assert_cmpstr (jl_record_get_string (meeting, "state"), ==, "draft");
  g_assert_cmpstr (jl_record_get_string (meeting, "host_id"), ==, f->host);
  g_assert_cmpstr (jl_record_get_string (meeting, "recorder_id"), ==, f->recorder);
  g_assert_cmpstr (jl_record_get_string (meeting, "meeting_type"), ==, "joint");
  g_assert_cmpstr (jl_record_get_string (meeting, "held_at"), ==, "2025-03-05 09:00");
  g_assert_cmpstr (jl_record_get_community_id (meeting), ==, f->community);

  /* Submitting without attendance: the core refuses, the page says so. */
  jl_minutes_page_submit (f->page);
  g_assert_true (jl_test_ui_wait (workflow_message_set, f, 5000));
  g_test_message ("refused: %s", jl_minutes_page_get_workflow_message (f->page));
  g_assert_nonnull (strstr (jl_minutes_page_get_workflow_message (f->page), "出勤"));
  close_dialogs ();
  g_clear_object (&meeting);
  meeting = the_meeting (f);
  g_assert_cmpstr (jl_record_get_string (meeting, "state"), ==, "draft");

  record_attendance (f);
  record_agenda (f);
  reorder_agenda (f);
  delete_extra_item (f);

  click_and_confirm (f, "submit", "submit", NULL);
  f->state = "submitted";
  g_assert_true (jl_test_ui_wait (state_is, f, 10000));
  g_assert_cmpstr (jl_minutes_page_get_workflow_message (f->page), ==, "");
  g_assert_false (gtk_widget_get_visible (jl_minutes_page_get_workflow_button (f->page, "submit")));

  click_and_confirm (f, "approve", "approve", "张书记");
  f->state = "approved";
  g_assert_true (jl_test_ui_wait (state_is, f, 10000));
  g_clear_object (&meeting);
  meeting = the_meeting (f);
  g_assert_cmpstr (jl_record_get_string (meeting, "approved_by"), ==, "张书记");
  g_assert_true (jl_record_has_value (meeting, "approved_at"));
  jl_test_ui_spin (100);
  check_frozen (f, editor);

  /* Approved minutes keep their order: no buttons, and the core refuses. */
  {
    JlMinutesAgenda *agenda = jl_minutes_page_get_agenda (f->page);
    JlQuery query = { .order_by = "position" };
    g_autoptr(GPtrArray) items = jl_store_list (f->store, "agenda_item", &query, NULL);
    const char *swapped[] = { jl_record_get_id (items->pdata[1]), jl_record_get_id (items->pdata[0]), NULL };
    g_autoptr(GError) order_error = NULL;

    g_assert_false (gtk_widget_get_visible (jl_minutes_agenda_get_move_button (agenda, 0, FALSE)));
    g_assert_false (gtk_widget_get_visible (jl_minutes_agenda_get_move_button (agenda, 1, TRUE)));
    g_assert_false (jl_store_set_order (f->store, "agenda_item", swapped, &order_error));
    g_assert_error (order_error, JL_ERROR, JL_ERROR_READ_ONLY);
    g_clear_pointer (&items, g_ptr_array_unref);
    items = jl_store_list (f->store, "agenda_item", &query, NULL);
    g_assert_cmpstr (jl_record_get_title (items->pdata[0]), ==, "老旧小区加装电梯");
    g_assert_cmpint (jl_record_get_int (items->pdata[0], "position", 0), ==, 1);
  }

  /* Everything typed is there. */
  g_assert_cmpuint (count_of (f, "agenda_item"), ==, 2);
  g_assert_cmpuint (count_of (f, "attendance"), ==, 4);
  g_assert_cmpuint (count_of (f, "decision"), ==, 1);

  /* An edit of the title is refused by the core and shown in the editor. */
  jl_record_editor_set_text (editor, "title", "改过的标题");
  f->editor = editor;
  g_assert_true (jl_test_ui_wait (editor_refused, f, 5000));
  g_test_message ("refused: %s", jl_record_editor_get_message (editor));
  g_clear_object (&meeting);
  meeting = the_meeting (f);
  g_assert_cmpstr (jl_record_get_title (meeting), ==, "2025年第一季度党建联席会议");
  g_assert_null (jl_test_put (f->store, "meeting", "{\"title\": \"改过的标题\"}", NULL));
  {
    g_autoptr(JsonObject) title = jl_test_json ("{\"title\": \"改过的标题\"}");
    g_autoptr(JlRecord) r = jl_store_put (f->store, "meeting", jl_record_get_id (meeting), title, NULL, &error);

    g_assert_null (r);
    g_assert_error (error, JL_ERROR, JL_ERROR_READ_ONLY);
  }

  /* Follow-up stays editable after approval. */
  jl_record_editor_set_text (jl_minutes_agenda_get_editor (jl_minutes_page_get_agenda (f->page), 0),
                             "step_feedback", "已完成加装");
  g_assert_true (jl_test_ui_wait (feedback_stored, f, 5000));

  /* A correction is an amendment, listed and kept. */
  jl_minutes_amendments_add (jl_minutes_page_get_amendments (f->page), "place", "社区党群服务中心二楼",
                             "记录笔误", "李明");
  f->kind = "amendment";
  f->count = 1;
  g_assert_true (jl_test_ui_wait (kind_count_is, f, 5000));

  /* And the minutes export to an A4 PDF. */
  pdf = g_build_filename (f->dir, "minutes.pdf", NULL);
  jl_minutes_page_export_pdf (f->page, pdf);
  g_assert_true (jl_test_ui_wait (pdf_written, pdf, 10000));
  close_dialogs ();
}

static void
test_return (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JlRecord) meeting = NULL;
  AdwMessageDialog *dialog;
  JlRecordEditor *editor;
  GtkWidget *b;

  id = jl_test_putf_ok (f->store, "meeting",
                        "{\"community_id\": \"%s\", \"meeting_type\": \"committee\", \"title\": \"三月支委会\","
                        " \"held_at\": \"2025-03-10 19:30\", \"place\": \"党员活动室\","
                        " \"host_id\": \"%s\", \"recorder_id\": \"%s\","
                        " \"attendance\": [{\"name\": \"张书记\", \"status\": \"present\"}]}",
                        f->community, f->host, f->recorder);
  jl_test_update_ok (f->store, "meeting", id, "{\"state\": \"submitted\"}");
  meeting = jl_store_get (f->store, "meeting", id, NULL);

  open_page (f);
  editor = jl_minutes_page_edit (f->page, meeting);
  g_assert_true (gtk_widget_get_visible (jl_minutes_page_get_workflow_button (f->page, "approve")));

  /* Returning needs a reason: the dialog's button waits for one. */
  b = jl_minutes_page_get_workflow_button (f->page, "return");
  g_signal_emit_by_name (b, "clicked");
  g_assert_true (jl_test_ui_wait (dialog_shown, NULL, 2000));
  dialog = find_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "return"));
  adw_message_dialog_response (dialog, "cancel");
  close_dialogs ();

  click_and_confirm (f, "return", "return", "请补充表决情况");
  f->state = "draft";
  g_assert_true (jl_test_ui_wait (state_is, f, 10000));
  g_clear_object (&meeting);
  meeting = jl_store_get (f->store, "meeting", id, NULL);
  g_assert_cmpstr (jl_record_get_string (meeting, "return_reason"), ==, "请补充表决情况");
  g_assert_true (gtk_widget_get_visible (jl_minutes_page_get_workflow_button (f->page, "submit")));
  g_assert_true (gtk_widget_get_sensitive (jl_record_editor_get_row (editor, "title")));
}

/* The fallback-font check the printed minutes and notice share. */
static void
test_print_fonts (void)
{
  static const char *const missing[] = { "No Such Family 近邻", NULL };
  static const char *const second[] = { "No Such Family 近邻", "Noto Serif CJK SC", NULL };
  gboolean fell_back = FALSE;
  g_autofree char *fallback = jl_print_fonts_pick (missing, "serif", &fell_back);
  g_autofree char *found = NULL;
  g_autofree char *warning = NULL;

  g_assert_cmpstr (fallback, ==, "serif");
  g_assert_true (fell_back);
  fell_back = FALSE;
  found = jl_print_fonts_pick (second, "serif", &fell_back);
  /* The tests run with fonts-noto-cjk, which the app depends on. */
  g_assert_cmpstr (found, ==, "Noto Serif CJK SC");
  g_assert_false (fell_back);
  warning = jl_print_fonts_minutes_warning ();
  g_assert_null (warning);
}

int
main (int    argc,
      char **argv)
{
  if (!jl_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/jinlin/ui/minutes/record-and-approve", Fixture, NULL, fixture_set_up,
              test_record_and_approve, fixture_tear_down);
  g_test_add_func ("/jinlin/ui/minutes/print-fonts", test_print_fonts);
  g_test_add ("/jinlin/ui/minutes/return", Fixture, NULL, fixture_set_up, test_return, fixture_tear_down);
  return g_test_run ();
}
