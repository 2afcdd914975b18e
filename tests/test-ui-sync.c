/* test-ui-sync.c: sync in the desktop app against a real jinlin-server
 *
 * Logs in through the account dialog's widgets (token in the 0600 file),
 * edits, presses Sync now and reads the header bar; checks with a second
 * client that the server holds the edit; makes the two clients overwrite
 * each other and restores the lost value from the conflicts page; and
 * simulates the network going away and coming back with a GNetworkMonitor
 * the test controls (the real monitor's signal is the same one).
 *
 * JINLIN_TEST_SHOTS=DIR saves PNGs of the window and dialog on the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jl-conflicts-page.h"
#include "jl-partner-page.h"
#include "jl-record-view.h"
#include "jl-store-sync.h"
#include "jl-sync-indicator.h"
#include "jl-test-server.h"
#include "jl-test-ui.h"
#include "jl-test-util.h"

#define C1       "0190a6e2-7c1b-7d3e-8f00-00000000c001"
#define PASSWORD "password-for-tests"

/* A network monitor the test switches on and off
 */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY, PROP_NETWORK_METERED };

static gboolean
monitor_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = monitor_initable_init;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set (TestMonitor *self,
                  gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* Helpers
 */

typedef struct
{
  JlTestServer     *server;
  char             *dir;
  JlStore          *store;       /* the app's database, our own handle */
  JlWindow         *window;
  JlSyncController *sync;
  char             *b_dir;
  JlStore          *b_store;     /* the second clerk, through the core */
  JlSyncClient     *b_client;
} Fixture;

static void
shot (GtkWidget  *widget,
      const char *name)
{
  const char *dir = g_getenv ("JINLIN_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  jl_test_ui_spin (300);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

/* The whole X screen, popovers and dialogs included (import, ImageMagick). */
static void
shot_screen (const char *name)
{
  const char *dir = g_getenv ("JINLIN_TEST_SHOTS");
  g_autofree char *cmd = NULL;

  if (dir == NULL)
    return;
  jl_test_ui_spin (500);
  cmd = g_strdup_printf ("import -window root %s/%s.png", dir, name);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

static gboolean
account_dialog_shown (gpointer data)
{
  GList *windows = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = windows; l; l = l->next)
    if (JL_IS_ACCOUNT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = TRUE;
  g_list_free (windows);
  return found;
}

static gboolean
status_loaded (gpointer data)
{
  return jl_sync_controller_is_loaded (data);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("JINLIN_TOKEN_STORE", "file", TRUE);
  f->server = jl_test_server_new ();
  jl_test_server_start (f->server);
  jl_test_server_add_user (f->server, "wang", PASSWORD, "clerk", (const char *[]) { C1, NULL }, FALSE);
  jl_test_server_add_user (f->server, "li", PASSWORD, "clerk", (const char *[]) { C1, NULL }, FALSE);

  f->store = jl_test_store_new (&f->dir);
  g_free (jl_test_putf_ok (f->store, "community", "{\"id\": \"%s\", \"name\": \"莲前社区\"}", C1));
  f->window = jl_test_ui_open_window (jl_store_get_path (f->store));
  f->sync = jl_window_get_sync_controller (f->window);
  g_assert_nonnull (f->sync);
  g_assert_true (jl_test_ui_wait (status_loaded, f->sync, 5000));
  /* Automatic syncs only when a test asks for them. */
  jl_sync_controller_set_debounce (f->sync, 600 * 1000);

  f->b_store = jl_test_store_new (&f->b_dir);
  f->b_client = jl_sync_client_new (f->b_store);
  jl_sync_client_set_retry (f->b_client, 1, 10, 10);
  g_assert_true (jl_sync_client_login_sync (f->b_client, f->server->url, "li", PASSWORD, "李的电脑", NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  jl_test_ui_spin (100);
  g_clear_object (&f->b_client);
  g_clear_object (&f->b_store);
  g_clear_object (&f->store);
  jl_test_dir_free (f->b_dir);
  jl_test_dir_free (f->dir);
  jl_test_server_free (f->server);
}

static const char *
header_text (Fixture *f)
{
  return jl_sync_indicator_get_text (JL_SYNC_INDICATOR (jl_window_get_sync_indicator (f->window)));
}

typedef struct
{
  JlSyncController *sync;
  guint             runs;
} RunWait;

static gboolean
run_finished (gpointer data)
{
  RunWait *w = data;
  return jl_sync_controller_get_runs (w->sync) > w->runs &&
         jl_sync_controller_get_state (w->sync) != JL_SYNC_STATE_SYNCING &&
         jl_sync_controller_is_loaded (w->sync);
}

/* Presses Sync now in the header bar and waits for the run and the
 * status read after it. */
static void
press_sync_now (Fixture *f)
{
  GtkButton *button = jl_sync_indicator_get_sync_button (JL_SYNC_INDICATOR (jl_window_get_sync_indicator (f->window)));
  RunWait w = { f->sync, jl_sync_controller_get_runs (f->sync) };

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (jl_sync_indicator_is_spinning (JL_SYNC_INDICATOR (jl_window_get_sync_indicator (f->window))));
  g_assert_true (jl_test_ui_wait (run_finished, &w, 20000));
  /* The refresh after the run. */
  jl_test_ui_spin (200);
  g_assert_false (jl_sync_indicator_is_spinning (JL_SYNC_INDICATOR (jl_window_get_sync_indicator (f->window))));
}

static void
b_sync (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jl_sync_client_run_sync (f->b_client, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* "Synced at HH:MM" for now, or for a minute ago (the sync may have ended
 * just before the minute turned). */
static gboolean
says_synced_just_now (const char *text)
{
  for (int ago = 0; ago < 2; ago++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) then = g_date_time_add_minutes (now, -ago);
      g_autofree char *hhmm = g_date_time_format (then, "%H:%M");
      g_autofree char *expected = g_strdup_printf (_("Synced at %s"), hhmm);

      if (g_strcmp0 (text, expected) == 0)
        return TRUE;
    }
  g_test_message ("header says: %s", text);
  return FALSE;
}

static gboolean
logged_in_and_synced (gpointer data)
{
  Fixture *f = data;
  return jl_sync_controller_is_logged_in (f->sync) && jl_sync_controller_get_runs (f->sync) >= 1 &&
         jl_sync_controller_get_state (f->sync) == JL_SYNC_STATE_IDLE && jl_sync_controller_get_pending (f->sync) == 0;
}

static void
login_through_dialog (Fixture *f)
{
  JlAccountDialog *dialog = jl_window_open_account (f->window, NULL);
  g_autofree char *token_file = g_strconcat (jl_store_get_path (f->store), ".account", NULL);
  GStatBuf st;

  g_assert_nonnull (dialog);
  jl_test_ui_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (jl_account_dialog_get_logout (dialog))));
  gtk_editable_set_text (jl_account_dialog_get_server (dialog), f->server->url);
  gtk_editable_set_text (jl_account_dialog_get_user (dialog), "wang");
  gtk_editable_set_text (jl_account_dialog_get_password (dialog), PASSWORD);
  g_signal_emit_by_name (jl_account_dialog_get_login (dialog), "clicked");
  /* Logging in starts the first sync, which pushes the community. */
  g_assert_true (jl_test_ui_wait (logged_in_and_synced, f, 20000));
  jl_test_ui_spin (200);

  /* The tests ask for the file: the dialog says so, with its path. */
  g_assert_nonnull (strstr (jl_account_dialog_get_location (dialog), token_file));
  g_assert_cmpint (g_stat (token_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (jl_account_dialog_get_logout (dialog))));
  g_assert_cmpstr (gtk_editable_get_text (jl_account_dialog_get_password (dialog)), ==, "");
  shot (GTK_WIDGET (dialog), "account-dialog");
  shot_screen ("screen-account-dialog");
  gtk_window_close (GTK_WINDOW (dialog));
}

static char *
put_unit (JlStore    *store,
          const char *id,
          const char *json_fields)
{
  g_autoptr(JsonObject) fields = jl_test_json (json_fields);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_put (store, "partner_unit", id, fields, NULL, &error);

  g_assert_no_error (error);
  return g_strdup (jl_record_get_id (record));
}

typedef struct
{
  JlRecordList *list;
  const char   *name;
} ListWait;

static gboolean
list_idle (gpointer data)
{
  return !jl_record_list_get_loading (data);
}

static gboolean
list_has (gpointer data)
{
  ListWait *w = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (w->list));

  if (jl_record_list_get_loading (w->list))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlRecord) r = g_list_model_get_item (G_LIST_MODEL (w->list), i);

      if (r != NULL && g_strcmp0 (jl_record_get_string (r, "name"), w->name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
pending_seen (gpointer data)
{
  Fixture *f = data;
  return jl_sync_controller_get_pending (f->sync) > 0;
}

/* Log in through the dialog, edit, Sync now: the header bar goes from
 * "N changes waiting" to "Synced at HH:MM", and another clerk's computer
 * receives the edit from the server. */
static void
test_login_edit_sync_now (Fixture       *f,
                          gconstpointer  data)
{
  JlStore *app_store;
  g_autofree char *unit = NULL;
  g_autofree char *waiting = NULL;
  g_autoptr(JlRecord) record = NULL;

  g_assert_cmpint (jl_sync_controller_get_state (f->sync), ==, JL_SYNC_STATE_SIGNED_OUT);
  /* Signed out, Sync now opens the account dialog. */
  g_signal_emit_by_name (jl_sync_indicator_get_sync_button (JL_SYNC_INDICATOR (jl_window_get_sync_indicator (f->window))),
                         "clicked");
  g_assert_true (jl_test_ui_wait (account_dialog_shown, NULL, 5000));
  login_through_dialog (f);

  app_store = jl_window_get_store (f->window);
  unit = put_unit (app_store, NULL, "{\"community_id\": \"" C1 "\", \"name\": \"思明区税务局\"}");
  g_assert_true (jl_test_ui_wait (pending_seen, f, 5000));
  waiting = g_strdup_printf ("%" G_GINT64_FORMAT, jl_sync_controller_get_pending (f->sync));
  g_assert_nonnull (strstr (header_text (f), waiting));
  shot (GTK_WIDGET (f->window), "header-waiting");

  press_sync_now (f);
  g_assert_cmpint (jl_sync_controller_get_state (f->sync), ==, JL_SYNC_STATE_IDLE);
  g_assert_cmpint (jl_sync_controller_get_pending (f->sync), ==, 0);
  g_assert_true (says_synced_just_now (header_text (f)));
  shot (GTK_WIDGET (f->window), "header-synced");
  if (g_getenv ("JINLIN_TEST_SHOTS") != NULL)
    {
      GtkWidget *button = gtk_widget_get_first_child (jl_window_get_sync_indicator (f->window));

      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      shot_screen ("screen-sync-popover");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
    }

  b_sync (f);
  record = jl_test_get_ok (f->b_store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "思明区税务局");

  /* The other way: a unit made by the other clerk appears in the list on
   * screen after Sync now, without reopening anything. */
  {
    JlPartnerPage *page = JL_PARTNER_PAGE (jl_window_get_page (f->window, "partners"));
    ListWait lw = { jl_record_view_get_list (JL_RECORD_VIEW (jl_partner_page_get_view (page))), "海沧区税务局" };

    jl_window_show_section (f->window, "partners");
    g_assert_true (jl_test_ui_wait (list_idle, lw.list, 5000));
    g_assert_false (list_has (&lw));
    g_free (put_unit (f->b_store, NULL, "{\"community_id\": \"" C1 "\", \"name\": \"海沧区税务局\"}"));
    b_sync (f);
    press_sync_now (f);
    g_assert_true (jl_test_ui_wait (list_has, &lw, 5000));
  }
}

static gboolean
conflict_listed (gpointer data)
{
  Fixture *f = data;
  JlConflictsPage *page = JL_CONFLICTS_PAGE (jl_window_get_page (f->window, "conflicts"));

  return jl_conflicts_page_get_count (page) == 1 && !jl_conflicts_page_is_loading (page);
}

static gboolean
conflict_gone (gpointer data)
{
  Fixture *f = data;
  JlConflictsPage *page = JL_CONFLICTS_PAGE (jl_window_get_page (f->window, "conflicts"));

  return jl_conflicts_page_get_count (page) == 0 && !jl_conflicts_page_is_loading (page) &&
         jl_sync_controller_get_conflicts (f->sync) == 0 && jl_sync_controller_get_pending (f->sync) > 0;
}

/* Scenario 4 through the UI: this computer's address loses to the other
 * clerk's later edit; the conflicts page lists both values with their
 * authors; Restore writes ours back, and the next sync takes it to the
 * server and the other clerk. */
static void
test_conflict_restore (Fixture       *f,
                       gconstpointer  data)
{
  JlStore *app_store;
  g_autofree char *unit = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autoptr(JlRecord) b_record = NULL;
  JlConflictsPage *page;
  GtkWidget *row;
  const char *subtitle;

  login_through_dialog (f);
  app_store = jl_window_get_store (f->window);
  unit = put_unit (app_store, NULL, "{\"community_id\": \"" C1 "\", \"name\": \"自来水公司\"}");
  press_sync_now (f);
  b_sync (f);

  /* Both edit the address offline; the other clerk's edit is later. */
  g_free (put_unit (app_store, unit, "{\"address\": \"湖滨南路1号\"}"));
  g_usleep (20 * 1000);
  g_free (put_unit (f->b_store, unit, "{\"address\": \"厦禾路88号\"}"));
  b_sync (f);
  press_sync_now (f);

  record = jl_test_get_ok (f->store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "address"), ==, "厦禾路88号");
  g_assert_cmpuint (jl_sync_controller_get_conflicts (f->sync), ==, 1);

  jl_window_show_section (f->window, "conflicts");
  page = JL_CONFLICTS_PAGE (jl_window_get_page (f->window, "conflicts"));
  g_assert_true (jl_test_ui_wait (conflict_listed, f, 5000));
  row = jl_conflicts_page_get_row (page, 0);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "自来水公司"));
  g_assert_nonnull (strstr (subtitle, "厦禾路88号"));
  g_assert_nonnull (strstr (subtitle, "湖滨南路1号"));
  g_assert_nonnull (strstr (subtitle, "li"));
  g_assert_nonnull (strstr (subtitle, "wang"));
  shot (GTK_WIDGET (f->window), "conflicts-page");

  g_signal_emit_by_name (jl_conflicts_page_get_restore (page, 0), "clicked");
  g_assert_true (jl_test_ui_wait (conflict_gone, f, 5000));
  g_clear_object (&record);
  record = jl_test_get_ok (f->store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "address"), ==, "湖滨南路1号");

  press_sync_now (f);
  g_assert_cmpint (jl_sync_controller_get_pending (f->sync), ==, 0);
  g_assert_cmpuint (jl_sync_controller_get_conflicts (f->sync), ==, 0);
  b_sync (f);
  b_record = jl_test_get_ok (f->b_store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (b_record, "address"), ==, "湖滨南路1号");
}

typedef struct
{
  Fixture *f;
  guint    runs;
} NetWait;

static gboolean
synced_after_network (gpointer data)
{
  NetWait *w = data;
  return jl_sync_controller_get_runs (w->f->sync) > w->runs &&
         jl_sync_controller_get_state (w->f->sync) == JL_SYNC_STATE_IDLE &&
         jl_sync_controller_get_pending (w->f->sync) == 0;
}

/* Scenario 21 with a simulated monitor: offline, the header says so and
 * counts the waiting changes; when "network-changed" reports the network
 * back, a sync starts by itself (no button) and the edit reaches the
 * server. Proves the controller's reaction to the signal, not that the
 * system's monitor emits it. */
static void
test_network_back_triggers_sync (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autofree char *unit = NULL;
  g_autoptr(JlRecord) record = NULL;
  NetWait w = { f, 0 };

  login_through_dialog (f);
  jl_sync_controller_set_network_monitor (f->sync, G_NETWORK_MONITOR (monitor));
  test_monitor_set (monitor, FALSE);
  unit = put_unit (jl_window_get_store (f->window), NULL, "{\"community_id\": \"" C1 "\", \"name\": \"供电公司\"}");
  g_assert_true (jl_test_ui_wait (pending_seen, f, 5000));
  g_assert_cmpint (jl_sync_controller_get_state (f->sync), ==, JL_SYNC_STATE_OFFLINE);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, jl_sync_controller_get_pending (f->sync));
    g_assert_nonnull (strstr (header_text (f), count));
  }
  shot (GTK_WIDGET (f->window), "header-offline");

  w.runs = jl_sync_controller_get_runs (f->sync);
  test_monitor_set (monitor, TRUE);
  g_assert_true (jl_test_ui_wait (synced_after_network, &w, 30000));
  b_sync (f);
  record = jl_test_get_ok (f->b_store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "供电公司");
}

/* Scenario 23: the token is revoked while the clerk works; the next sync
 * fails with the auth class, the account dialog opens to log in again,
 * and the outbox is kept. */
static gboolean
dialog_open (gpointer data)
{
  Fixture *f = data;
  GList *windows = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = windows; l; l = l->next)
    if (JL_IS_ACCOUNT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = TRUE;
  g_list_free (windows);
  return found && jl_sync_controller_get_state (f->sync) == JL_SYNC_STATE_ERROR;
}

static void
test_revoked_token_asks_login (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JlSyncAccount) account = NULL;
  g_autofree char *out = NULL;
  g_autofree char *unit = NULL;
  gint64 pending;

  login_through_dialog (f);
  account = jl_store_sync_get_account (f->store, NULL);
  g_assert_cmpint (jl_test_server_admin (f->server, NULL, &out, "device", "revoke", account->remote_device_id, NULL),
                   ==, 0);
  unit = put_unit (jl_window_get_store (f->window), NULL, "{\"community_id\": \"" C1 "\", \"name\": \"燃气公司\"}");
  g_assert_true (jl_test_ui_wait (pending_seen, f, 5000));
  pending = jl_sync_controller_get_pending (f->sync);

  press_sync_now (f);
  g_assert_true (jl_test_ui_wait (dialog_open, f, 5000));
  g_assert_cmpint (jl_sync_controller_get_problem (f->sync), ==, JL_SYNC_PROBLEM_AUTH);
  /* The reason, in the clerk's language (the core's message). */
  g_assert_cmpstr (header_text (f), ==, g_dgettext (GETTEXT_PACKAGE,
                                                    "The server did not accept the sign-in. Please log in again."));
  g_assert_cmpint (jl_sync_controller_get_pending (f->sync), ==, pending);
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), >=, pending);
  shot (GTK_WIDGET (f->window), "header-auth-error");

  /* Logging in again in the dialog that opened sends what waited. */
  {
    JlAccountDialog *dialog = jl_window_open_account (f->window, NULL);
    RunWait w = { f->sync, jl_sync_controller_get_runs (f->sync) };
    g_autoptr(JlRecord) record = NULL;

    g_assert_cmpstr (jl_account_dialog_get_message (dialog), ==,
                     g_dgettext (GETTEXT_PACKAGE, "The server did not accept this computer's sign-in any more. "
                                                  "Log in again; your changes are kept until then."));
    g_assert_cmpstr (gtk_editable_get_text (jl_account_dialog_get_user (dialog)), ==, "wang");
    gtk_editable_set_text (jl_account_dialog_get_password (dialog), PASSWORD);
    g_signal_emit_by_name (jl_account_dialog_get_login (dialog), "clicked");
    g_assert_true (jl_test_ui_wait (run_finished, &w, 20000));
    jl_test_ui_spin (200);
    g_assert_cmpint (jl_sync_controller_get_state (f->sync), ==, JL_SYNC_STATE_IDLE);
    g_assert_cmpint (jl_sync_controller_get_pending (f->sync), ==, 0);
    b_sync (f);
    record = jl_test_get_ok (f->b_store, "partner_unit", unit);
    g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "燃气公司");
    gtk_window_close (GTK_WINDOW (dialog));
  }
}

static gboolean
synced_by_itself (gpointer data)
{
  Fixture *f = data;
  return jl_sync_controller_get_runs (f->sync) >= 1 &&
         jl_sync_controller_get_state (f->sync) == JL_SYNC_STATE_IDLE &&
         jl_sync_controller_get_pending (f->sync) == 0;
}

/* Work done while the app was closed (here: through the core, as
 * jinlin-cli would) goes out when the app opens, without a button. */
static void
test_opening_the_app_syncs (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *unit = NULL;
  g_autoptr(JlRecord) record = NULL;

  login_through_dialog (f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  jl_test_ui_spin (100);
  unit = put_unit (f->store, NULL, "{\"community_id\": \"" C1 "\", \"name\": \"邮政支局\"}");

  f->window = jl_test_ui_open_window (jl_store_get_path (f->store));
  f->sync = jl_window_get_sync_controller (f->window);
  g_assert_true (jl_test_ui_wait (status_loaded, f->sync, 5000));
  g_assert_true (jl_sync_controller_is_logged_in (f->sync));
  g_assert_true (jl_test_ui_wait (synced_by_itself, f, 20000));
  b_sync (f);
  record = jl_test_get_ok (f->b_store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "邮政支局");
}

/* Scenario 22: the server is down; the run ends (no endless spinner) in a
 * definite state with the network class and its reason, the changes
 * still counted as waiting; when the server is back, Sync now clears it. */
static void
test_server_down_shows_reason (Fixture       *f,
                               gconstpointer  data)
{
  gint64 pending;

  login_through_dialog (f);
  g_free (put_unit (jl_window_get_store (f->window), NULL, "{\"community_id\": \"" C1 "\", \"name\": \"水务集团\"}"));
  g_assert_true (jl_test_ui_wait (pending_seen, f, 5000));
  pending = jl_sync_controller_get_pending (f->sync);
  jl_test_server_stop (f->server);

  press_sync_now (f);
  g_assert_cmpint (jl_sync_controller_get_state (f->sync), ==, JL_SYNC_STATE_ERROR);
  g_assert_cmpint (jl_sync_controller_get_problem (f->sync), ==, JL_SYNC_PROBLEM_NETWORK);
  g_assert_cmpstr (header_text (f), ==, g_dgettext (GETTEXT_PACKAGE, "The server cannot be reached."));
  g_assert_cmpint (jl_sync_controller_get_pending (f->sync), ==, pending);
  shot (GTK_WIDGET (f->window), "header-network-error");

  jl_test_server_start (f->server);
  press_sync_now (f);
  g_assert_cmpint (jl_sync_controller_get_state (f->sync), ==, JL_SYNC_STATE_IDLE);
  g_assert_cmpint (jl_sync_controller_get_pending (f->sync), ==, 0);
}

static void
skew_cb (JlSyncController *sync,
         gint64            skew_ms,
         gint64           *seen)
{
  *seen = skew_ms;
}

/* Scenario 7 as the clerk sees it: this computer's clock is 3 days ahead
 * of the server's; the edit is still accepted, and the window says by how
 * much (a toast from "clock-skew", and the status details). */
static void
test_clock_ahead_warns (Fixture       *f,
                        gconstpointer  data)
{
  gint64 seen = 0;
  g_autofree char *details = NULL;
  g_autofree char *expected = NULL;

  login_through_dialog (f);
  g_signal_connect (f->sync, "clock-skew", G_CALLBACK (skew_cb), &seen);
  jl_test_server_set_clock (f->server, -3 * 24 * 3600 * (gint64) 1000);
  g_free (put_unit (jl_window_get_store (f->window), NULL, "{\"community_id\": \"" C1 "\", \"name\": \"公交站\"}"));
  g_assert_true (jl_test_ui_wait (pending_seen, f, 5000));

  press_sync_now (f);
  g_assert_cmpint (jl_sync_controller_get_pending (f->sync), ==, 0);
  g_assert_cmpint (seen, >, 2 * 24 * 3600 * (gint64) 1000);
  g_assert_cmpint (jl_sync_controller_get_problem (f->sync), ==, JL_SYNC_PROBLEM_CLOCK);
  expected = jl_sync_describe_skew (3 * 24 * 3600 * (gint64) 1000);
  details = jl_sync_controller_get_details (f->sync);
  g_assert_nonnull (strstr (details, expected));
  g_signal_handlers_disconnect_by_func (f->sync, skew_cb, &seen);
  shot_screen ("screen-clock-toast");
}

/* A database holding the invented demo city never syncs: the header
 * says so and the account dialog explains instead of offering a login
 * the core would refuse. */
static void
test_demo_database_cannot_log_in (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JlWindow *demo_window;
  JlAccountDialog *dialog;
  const char *summary;

  g_assert_true (_jl_store_mark_demo (f->store, &error));
  g_assert_no_error (error);
  demo_window = jl_test_ui_open_window (jl_store_get_path (f->store));
  g_assert_true (jl_test_ui_wait (status_loaded, jl_window_get_sync_controller (demo_window), 5000));
  summary = jl_sync_indicator_get_text (JL_SYNC_INDICATOR (jl_window_get_sync_indicator (demo_window)));
  g_assert_cmpstr (summary, ==, _("Demo data, never synced"));

  dialog = jl_window_open_account (demo_window, NULL);
  jl_test_ui_spin (200);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (jl_account_dialog_get_login (dialog))));
  /* The command line is the same in every language (tests run in zh_CN). */
  g_assert_nonnull (strstr (jl_account_dialog_get_message (dialog), "jinlin --db"));
  shot_screen ("screen-demo-account");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (demo_window));
  jl_test_ui_spin (100);
}

int
main (int argc, char **argv)
{
  if (!jl_test_ui_init (&argc, &argv))
    return 0;
  g_test_add ("/ui-sync/login-edit-sync-now", Fixture, NULL, fixture_set_up, test_login_edit_sync_now,
              fixture_tear_down);
  g_test_add ("/ui-sync/conflict-restore", Fixture, NULL, fixture_set_up, test_conflict_restore, fixture_tear_down);
  g_test_add ("/ui-sync/simulated-network-back-triggers-sync", Fixture, NULL, fixture_set_up,
              test_network_back_triggers_sync, fixture_tear_down);
  g_test_add ("/ui-sync/opening-the-app-syncs", Fixture, NULL, fixture_set_up, test_opening_the_app_syncs,
              fixture_tear_down);
  g_test_add ("/ui-sync/server-down-shows-reason", Fixture, NULL, fixture_set_up, test_server_down_shows_reason,
              fixture_tear_down);
  g_test_add ("/ui-sync/clock-ahead-warns", Fixture, NULL, fixture_set_up, test_clock_ahead_warns, fixture_tear_down);
  g_test_add ("/ui-sync/revoked-token-asks-login", Fixture, NULL, fixture_set_up, test_revoked_token_asks_login,
              fixture_tear_down);
  g_test_add ("/ui-sync/demo-database-cannot-log-in", Fixture, NULL, fixture_set_up,
              test_demo_database_cannot_log_in, fixture_tear_down);
  return g_test_run ();
}
