/* jl-sync-controller.c: triggers, single flight, and the visible state
 *
 * Every blocking call (the token in the keyring, the database, the
 * network) runs on a worker through the core's async functions; this
 * object only keeps timers and the last known state on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlSyncController"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-store-async.h"
#include "jl-store-sync.h"
#include "jl-sync-blob.h"
#include "jl-sync-controller.h"

#define DEFAULT_DEBOUNCE_MS   (10 * 1000)
#define PERIOD_S              (5 * 60)
#define NETWORK_SETTLE_MS     2000     /* DNS and routes after the link comes up */
#define SKEW_SHOWN_MS         (5 * 60 * 1000)

struct _JlSyncController
{
  GObject           parent_instance;

  JlStore          *store;
  JlSyncClient     *client;
  GNetworkMonitor  *monitor;
  GCancellable     *cancellable;
  guint             debounce_ms;
  guint             debounce_id;
  guint             periodic_id;
  guint             network_id;
  gboolean          running;
  gboolean          again;          /* a trigger came during a run */
  gboolean          refreshing;
  gboolean          refresh_again;
  gboolean          shut_down;
  gboolean          transferring;   /* attachments' files (jl-sync-blob.h) */
  int               demo;           /* -1 until asked, then 0 or 1 */
  gboolean          transfer_again;
  guint             runs;

  /* What is shown */
  gboolean          loaded;
  gboolean          logged_in;
  gboolean          online;
  char             *server;
  char             *user;
  gint64            pending;
  guint             conflicts;
  gint64            last_sync_ms;
  gint64            skew_ms;
  JlSyncProblem     problem;
  char             *problem_text;   /* short, translated */
  char             *problem_detail; /* with the server's words */
};

G_DEFINE_FINAL_TYPE (JlSyncController, jl_sync_controller, G_TYPE_OBJECT)

enum {
  STATE_CHANGED,
  PULLED,
  CONFLICTS_CHANGED,
  LOGIN_NEEDED,
  CLOCK_SKEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_debounce (JlSyncController *self, guint ms);

/* Reading the status on a worker
 */

typedef struct
{
  gboolean  logged_in;
  char     *server;
  char     *user;
  gint64    pending;
  guint     conflicts;
  gint64    last_sync_ms;
  gint64    skew_ms;
  char     *last_error;
} Status;

static void
status_free (Status *s)
{
  g_free (s->server);
  g_free (s->user);
  g_free (s->last_error);
  g_free (s);
}

static gpointer
read_status (JlStore   *store,
             gpointer   data,
             GError   **error)
{
  JlSyncClient *client = data;
  g_autoptr(JlSyncAccount) account = jl_store_sync_get_account (store, error);
  g_autoptr(GPtrArray) open = NULL;
  Status *s;

  if (account == NULL && error && *error)
    return NULL;
  s = g_new0 (Status, 1);
  s->logged_in = account != NULL && jl_sync_client_is_logged_in (client);
  if (account != NULL)
    {
      s->server = g_strdup (account->server_url);
      s->user = g_strdup (account->user_name);
      s->last_sync_ms = account->last_sync_ms;
      s->skew_ms = account->skew_ms;
      s->last_error = g_strdup (account->last_error);
      s->pending = jl_store_sync_pending_count (store, (const char *const *) account->communities, NULL);
    }
  else
    s->pending = jl_store_sync_pending_count (store, NULL, NULL);
  open = jl_store_sync_conflicts (store, NULL, TRUE, NULL);
  s->conflicts = open ? open->len : 0;
  return s;
}

static void refresh_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);

void
jl_sync_controller_refresh (JlSyncController *self)
{
  g_return_if_fail (JL_IS_SYNC_CONTROLLER (self));

  if (self->shut_down)
    return;
  /* Coalesced: one read at a time, one more if asked meanwhile. */
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }
  self->refreshing = TRUE;
  jl_store_run_async (self->store, read_status, g_object_ref (self->client), g_object_unref,
                      (GDestroyNotify) status_free, self->cancellable, refresh_done_cb, g_object_ref (self));
}

static void
update_periodic (JlSyncController *self);

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JlSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  Status *s = jl_store_run_finish (JL_STORE (source), result, &error);
  guint old_conflicts = self->conflicts;
  gboolean first = !self->loaded;

  self->refreshing = FALSE;
  if (s == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("reading the sync status failed: %s", error->message);
      return;
    }

  self->loaded = TRUE;
  self->logged_in = s->logged_in;
  g_free (self->server);
  self->server = g_steal_pointer (&s->server);
  g_free (self->user);
  self->user = g_steal_pointer (&s->user);
  self->pending = s->pending;
  self->conflicts = s->conflicts;
  self->last_sync_ms = s->last_sync_ms;
  self->skew_ms = s->skew_ms;
  /* An error kept from an earlier session (the class is not stored). */
  if (self->problem == JL_SYNC_PROBLEM_NONE && s->last_error != NULL && self->runs == 0 && s->logged_in)
    {
      self->problem = JL_SYNC_PROBLEM_SERVER;
      self->problem_text = g_strdup (_("The last sync failed."));
      self->problem_detail = g_steal_pointer (&s->last_error);
    }
  status_free (s);

  update_periodic (self);
  /* Opening the app is a good moment: the clerk may have been offline. */
  if (first && self->logged_in && self->online && !self->running)
    schedule_debounce (self, NETWORK_SETTLE_MS);
  g_signal_emit (self, signals[STATE_CHANGED], 0);
  if (old_conflicts != self->conflicts)
    g_signal_emit (self, signals[CONFLICTS_CHANGED], 0, self->conflicts);
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      jl_sync_controller_refresh (self);
    }
}

/* Running
 */

static JlSyncProblem
classify (const GError *error)
{
  if (error->domain != JL_SYNC_ERROR)
    return JL_SYNC_PROBLEM_SERVER;
  switch (error->code)
    {
    case JL_SYNC_ERROR_NETWORK:
      return JL_SYNC_PROBLEM_NETWORK;
    case JL_SYNC_ERROR_UNAUTHORIZED:
    case JL_SYNC_ERROR_NOT_LOGGED_IN:
    case JL_SYNC_ERROR_FORBIDDEN:
    case JL_SYNC_ERROR_RATE_LIMITED:
      return JL_SYNC_PROBLEM_AUTH;
    default:
      return JL_SYNC_PROBLEM_SERVER;
    }
}

static void
clear_problem (JlSyncController *self)
{
  self->problem = JL_SYNC_PROBLEM_NONE;
  g_clear_pointer (&self->problem_text, g_free);
  g_clear_pointer (&self->problem_detail, g_free);
}

/* Attachments' files move after a record sync, on their own worker and
 * session, so a 20 MB scan never holds up the next record sync. */
static void transfer_files (JlSyncController *self);

static void
transfer_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(JlSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  JlBlobStats stats = { 0 };

  jl_sync_client_transfer_blobs_finish (JL_SYNC_CLIENT (source), result, &stats, &error);
  self->transferring = FALSE;
  if (self->shut_down || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A file that did not come is retried with the next sync, resuming. */
  if (error != NULL)
    g_debug ("transferring files failed: %s", error->message);
  if (stats.downloaded > 0)
    g_signal_emit (self, signals[PULLED], 0);
  if (self->transfer_again)
    {
      self->transfer_again = FALSE;
      transfer_files (self);
    }
}

static void
transfer_files (JlSyncController *self)
{
  if (self->shut_down)
    return;
  if (self->transferring)
    {
      self->transfer_again = TRUE;
      return;
    }
  self->transferring = TRUE;
  jl_sync_client_transfer_blobs_async (self->client, 0, self->cancellable, transfer_done_cb, g_object_ref (self));
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JlSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  JlSyncStats stats = { 0 };
  gboolean ok = jl_sync_client_run_finish (JL_SYNC_CLIENT (source), result, &stats, &error);

  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->shut_down)
    return;
  self->runs++;

  clear_problem (self);
  if (!ok)
    {
      self->problem = classify (error);
      self->problem_text = g_strdup (jl_sync_error_text (error));
      self->problem_detail = g_strdup (error->message);
      g_debug ("sync failed: %s", error->message);
    }
  if (stats.pulled > 0)
    g_signal_emit (self, signals[PULLED], 0);
  if (stats.has_skew_warning && ABS (stats.skew_ms) >= SKEW_SHOWN_MS)
    g_signal_emit (self, signals[CLOCK_SKEW], 0, stats.skew_ms);
  if (g_error_matches (error, JL_SYNC_ERROR, JL_SYNC_ERROR_UNAUTHORIZED))
    g_signal_emit (self, signals[LOGIN_NEEDED], 0);
  if (ok)
    transfer_files (self);

  jl_sync_controller_refresh (self);
  if (self->again)
    {
      self->again = FALSE;
      jl_sync_controller_sync_now (self);
    }
}

void
jl_sync_controller_sync_now (JlSyncController *self)
{
  g_return_if_fail (JL_IS_SYNC_CONTROLLER (self));

  if (self->shut_down)
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  self->running = TRUE;
  g_signal_emit (self, signals[STATE_CHANGED], 0);
  jl_sync_client_run_async (self->client, self->cancellable, run_done_cb, g_object_ref (self));
}

/* Triggers
 */

static gboolean
debounce_cb (gpointer data)
{
  JlSyncController *self = data;

  self->debounce_id = 0;
  if (self->logged_in && self->online)
    jl_sync_controller_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_debounce (JlSyncController *self,
                   guint             ms)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (ms, debounce_cb, self);
}

static void
store_changed_cb (JlSyncController *self)
{
  /* The pending count moved; a sync follows once the edits settle. */
  jl_sync_controller_refresh (self);
  if (self->logged_in)
    schedule_debounce (self, self->debounce_ms);
}

static gboolean
periodic_cb (gpointer data)
{
  JlSyncController *self = data;

  if (self->logged_in && self->online)
    jl_sync_controller_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static void
update_periodic (JlSyncController *self)
{
  if (self->logged_in && self->periodic_id == 0)
    self->periodic_id = g_timeout_add_seconds (PERIOD_S, periodic_cb, self);
  else if (!self->logged_in)
    g_clear_handle_id (&self->periodic_id, g_source_remove);
}

static void
network_changed_cb (GNetworkMonitor  *monitor,
                    gboolean          available,
                    JlSyncController *self)
{
  gboolean was_online = self->online;

  self->online = available;
  if (available != was_online)
    g_signal_emit (self, signals[STATE_CHANGED], 0);
  /* Back online: push what waited (scenario 21: within 30 s). */
  if (available && !was_online && self->logged_in)
    schedule_debounce (self, NETWORK_SETTLE_MS);
}

void
jl_sync_controller_set_network_monitor (JlSyncController *self,
                                        GNetworkMonitor  *monitor)
{
  g_return_if_fail (JL_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_signal_handler_disconnect (self->monitor, self->network_id);
  g_set_object (&self->monitor, monitor);
  self->network_id = g_signal_connect (monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  self->online = g_network_monitor_get_network_available (monitor);
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

void
jl_sync_controller_set_debounce (JlSyncController *self,
                                 guint             ms)
{
  g_return_if_fail (JL_IS_SYNC_CONTROLLER (self));
  self->debounce_ms = ms;
}

void
jl_sync_controller_shutdown (JlSyncController *self)
{
  g_return_if_fail (JL_IS_SYNC_CONTROLLER (self));

  self->shut_down = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  if (self->monitor != NULL && self->network_id != 0)
    {
      g_signal_handler_disconnect (self->monitor, self->network_id);
      self->network_id = 0;
    }
  g_signal_handlers_disconnect_by_data (self->store, self);
}

/* Login and logout
 */

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JlSyncController *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!jl_sync_client_login_finish (JL_SYNC_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  clear_problem (self);
  self->logged_in = TRUE;
  jl_sync_controller_refresh (self);
  /* The first sync right away: the clerk wants to see it work. */
  jl_sync_controller_sync_now (self);
  g_task_return_boolean (task, TRUE);
}

void
jl_sync_controller_login_async (JlSyncController    *self,
                                const char          *server_url,
                                const char          *user,
                                const char          *password,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (JL_IS_SYNC_CONTROLLER (self));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, jl_sync_controller_login_async);
  jl_sync_client_login_async (self->client, server_url, user, password, NULL, self->cancellable,
                              login_done_cb, task);
}

gboolean
jl_sync_controller_login_finish (JlSyncController  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
logout_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JlSyncController *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!jl_sync_client_logout_finish (JL_SYNC_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  clear_problem (self);
  self->logged_in = FALSE;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  jl_sync_controller_refresh (self);
  g_task_return_boolean (task, TRUE);
}

void
jl_sync_controller_logout_async (JlSyncController    *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (JL_IS_SYNC_CONTROLLER (self));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, jl_sync_controller_logout_async);
  jl_sync_client_logout_async (self->client, self->cancellable, logout_done_cb, task);
}

gboolean
jl_sync_controller_logout_finish (JlSyncController  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What is shown
 */

JlSyncState
jl_sync_controller_get_state (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), JL_SYNC_STATE_SIGNED_OUT);

  if (self->running)
    return JL_SYNC_STATE_SYNCING;
  if (!self->logged_in)
    return JL_SYNC_STATE_SIGNED_OUT;
  if (!self->online)
    return JL_SYNC_STATE_OFFLINE;
  if (self->problem != JL_SYNC_PROBLEM_NONE)
    return JL_SYNC_STATE_ERROR;
  return JL_SYNC_STATE_IDLE;
}

JlSyncProblem
jl_sync_controller_get_problem (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), JL_SYNC_PROBLEM_NONE);
  if (self->problem == JL_SYNC_PROBLEM_NONE && ABS (self->skew_ms) >= SKEW_SHOWN_MS)
    return JL_SYNC_PROBLEM_CLOCK;
  return self->problem;
}

char *
jl_sync_describe_skew (gint64 skew_ms)
{
  gint64 abs_ms = ABS (skew_ms);
  gint64 n;

  if (abs_ms >= 36 * 3600 * (gint64) 1000)
    {
      n = (abs_ms + 12 * 3600 * 1000) / (24 * 3600 * (gint64) 1000);
      return g_strdup_printf (skew_ms > 0 ? ngettext ("Your computer's clock is %d day ahead of the server's.",
                                                         "Your computer's clock is %d days ahead of the server's.", n)
                                          : ngettext ("Your computer's clock is %d day behind the server's.",
                                                         "Your computer's clock is %d days behind the server's.", n),
                              (int) n);
    }
  if (abs_ms >= 90 * 60 * 1000)
    {
      n = (abs_ms + 30 * 60 * 1000) / (3600 * 1000);
      return g_strdup_printf (skew_ms > 0 ? ngettext ("Your computer's clock is %d hour ahead of the server's.",
                                                         "Your computer's clock is %d hours ahead of the server's.", n)
                                          : ngettext ("Your computer's clock is %d hour behind the server's.",
                                                         "Your computer's clock is %d hours behind the server's.", n),
                              (int) n);
    }
  n = MAX (1, (abs_ms + 30 * 1000) / (60 * 1000));
  return g_strdup_printf (skew_ms > 0 ? ngettext ("Your computer's clock is %d minute ahead of the server's.",
                                                     "Your computer's clock is %d minutes ahead of the server's.", n)
                                      : ngettext ("Your computer's clock is %d minute behind the server's.",
                                                     "Your computer's clock is %d minutes behind the server's.", n),
                          (int) n);
}

static char *
format_time (gint64 ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

static char *
waiting_text (gint64 pending)
{
  return g_strdup_printf (ngettext ("%d change waiting", "%d changes waiting", pending), (int) pending);
}

char *
jl_sync_controller_get_summary (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), NULL);

  switch (jl_sync_controller_get_state (self))
    {
    case JL_SYNC_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case JL_SYNC_STATE_SIGNED_OUT:
      if (jl_sync_controller_holds_demo (self))
        return g_strdup (_("Demo data, never synced"));
      if (self->server != NULL)
        return g_strdup (_("Logged out"));
      return g_strdup (_("Not syncing"));
    case JL_SYNC_STATE_OFFLINE:
      if (self->pending > 0)
        {
          g_autofree char *waiting = waiting_text (self->pending);
          /* TRANSLATORS: "Offline · 3 changes waiting" */
          return g_strdup_printf (_("Offline · %s"), waiting);
        }
      return g_strdup (_("Offline"));
    case JL_SYNC_STATE_ERROR:
      return g_strdup (self->problem_text);
    case JL_SYNC_STATE_IDLE:
    default:
      if (self->pending > 0)
        return waiting_text (self->pending);
      if (self->last_sync_ms > 0)
        {
          g_autofree char *when = format_time (self->last_sync_ms);
          return g_strdup_printf (_("Synced at %s"), when);
        }
      return g_strdup (_("Not synced yet"));
    }
}

char *
jl_sync_controller_get_details (JlSyncController *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), NULL);

  if (!self->logged_in)
    g_string_append (text, _("Log in to a sync server to share this database with the other computers of your community."));
  else
    g_string_append_printf (text, _("Logged in as %s on %s."), self->user, self->server);
  if (self->problem_detail != NULL)
    g_string_append_printf (text, "\n%s", self->problem_detail);
  if (self->problem == JL_SYNC_PROBLEM_AUTH)
    g_string_append_printf (text, "\n%s", _("Your changes are kept on this computer until you log in again."));
  if (self->last_sync_ms > 0)
    {
      g_autofree char *when = format_time (self->last_sync_ms);
      g_string_append_printf (text, "\n%s", "");
      g_string_append_printf (text, _("Last synced: %s"), when);
    }
  if (self->pending > 0)
    {
      g_autofree char *waiting = waiting_text (self->pending);
      g_string_append_printf (text, "\n%s", waiting);
    }
  if (ABS (self->skew_ms) >= SKEW_SHOWN_MS)
    {
      g_autofree char *skew = jl_sync_describe_skew (self->skew_ms);
      g_string_append_printf (text, "\n%s", skew);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
jl_sync_controller_is_logged_in (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), FALSE);
  return self->logged_in;
}

/* A database with the invented demo city is never synced (the core
 * refuses it); the app says so instead of offering a login that fails. */
gboolean
jl_sync_controller_holds_demo (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), FALSE);
  if (self->demo < 0)
    self->demo = jl_store_holds_demo (self->store) ? 1 : 0;
  return self->demo > 0;
}

gboolean
jl_sync_controller_is_loaded (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), FALSE);
  return self->loaded;
}

gint64
jl_sync_controller_get_pending (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), 0);
  return self->pending;
}

guint
jl_sync_controller_get_conflicts (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), 0);
  return self->conflicts;
}

const char *
jl_sync_controller_get_server (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), NULL);
  return self->server;
}

const char *
jl_sync_controller_get_user (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), NULL);
  return self->user;
}

char *
jl_sync_controller_describe_token (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), NULL);
  return jl_token_store_describe (jl_sync_client_get_token_store (self->client), jl_store_get_path (self->store));
}

guint
jl_sync_controller_get_runs (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), 0);
  return self->runs;
}

JlSyncClient *
jl_sync_controller_get_client (JlSyncController *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CONTROLLER (self), NULL);
  return self->client;
}

/* Life cycle
 */

static void
jl_sync_controller_dispose (GObject *object)
{
  JlSyncController *self = JL_SYNC_CONTROLLER (object);

  if (!self->shut_down && self->store != NULL)
    jl_sync_controller_shutdown (self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (jl_sync_controller_parent_class)->dispose (object);
}

static void
jl_sync_controller_finalize (GObject *object)
{
  JlSyncController *self = JL_SYNC_CONTROLLER (object);

  g_free (self->server);
  g_free (self->user);
  g_free (self->problem_text);
  g_free (self->problem_detail);
  G_OBJECT_CLASS (jl_sync_controller_parent_class)->finalize (object);
}

static void
jl_sync_controller_class_init (JlSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jl_sync_controller_dispose;
  object_class->finalize = jl_sync_controller_finalize;

  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PULLED] = g_signal_new ("pulled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONFLICTS_CHANGED] = g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[LOGIN_NEEDED] = g_signal_new ("login-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CLOCK_SKEW] = g_signal_new ("clock-skew", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
jl_sync_controller_init (JlSyncController *self)
{
  self->cancellable = g_cancellable_new ();
  self->debounce_ms = DEFAULT_DEBOUNCE_MS;
  self->online = TRUE;
  self->demo = -1;
}

/**
 * jl_sync_controller_new:
 * @store: the window's database
 * @tokens: where the device token is kept
 *
 * Returns: (transfer full): a controller; it reads its state at once
 */
JlSyncController *
jl_sync_controller_new (JlStore      *store,
                        JlTokenStore *tokens)
{
  JlSyncController *self = g_object_new (JL_TYPE_SYNC_CONTROLLER, NULL);

  self->store = g_object_ref (store);
  self->client = jl_sync_client_new (store);
  jl_sync_client_set_token_store (self->client, tokens);
  /* A run ends within a request or two; the triggers retry later. The
   * spinner never outlives the requests. */
  jl_sync_client_set_retry (self->client, 2, 2000, 5000);
  if (g_getenv ("JINLIN_SYNC_CA_FILE") != NULL)
    jl_sync_client_set_ca_file (self->client, g_getenv ("JINLIN_SYNC_CA_FILE"));
  jl_sync_controller_set_network_monitor (self, g_network_monitor_get_default ());
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  jl_sync_controller_refresh (self);
  return self;
}
