/* jl-sync-controller.h: when the app syncs, and what it shows about it
 *
 * No widgets: owns the JlSyncClient of the window's store and decides
 * when to run it (Sync now, edits settling for 10 s, the network coming
 * back, every 5 minutes while logged in), one run at a time on a worker,
 * and keeps the state the header bar shows (offline, N changes waiting,
 * synced at 14:32, an error with its class and reason).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jl-store.h"
#include "jl-sync-client.h"

G_BEGIN_DECLS

typedef enum
{
  JL_SYNC_STATE_SIGNED_OUT,  /* no account or no token */
  JL_SYNC_STATE_IDLE,        /* logged in, not running */
  JL_SYNC_STATE_SYNCING,
  JL_SYNC_STATE_OFFLINE,     /* the network monitor says there is no network */
  JL_SYNC_STATE_ERROR,       /* the last run failed */
} JlSyncState;

typedef enum
{
  JL_SYNC_PROBLEM_NONE,
  JL_SYNC_PROBLEM_NETWORK,   /* the server cannot be reached */
  JL_SYNC_PROBLEM_AUTH,      /* log in again (401), or not allowed */
  JL_SYNC_PROBLEM_CLOCK,     /* only a warning: this computer's clock is off */
  JL_SYNC_PROBLEM_SERVER,    /* the server failed or refused */
} JlSyncProblem;

#define JL_TYPE_SYNC_CONTROLLER (jl_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (JlSyncController, jl_sync_controller, JL, SYNC_CONTROLLER, GObject)

/* Signals:
 *   "state-changed" ()          anything the indicator shows changed
 *   "pulled" ()                 a run applied rows from the server: refresh pages (once per run)
 *   "conflicts-changed" (guint) the number of open conflicts changed
 *   "login-needed" ()           the server refused the token (401): ask to log in again
 *   "clock-skew" (gint64 ms)    the server says this computer's clock is off */
JlSyncController *jl_sync_controller_new            (JlStore          *store,
                                                     JlTokenStore     *tokens);
JlSyncClient     *jl_sync_controller_get_client     (JlSyncController *self);
/* Replaces the default network monitor (tests). */
void              jl_sync_controller_set_network_monitor (JlSyncController *self,
                                                          GNetworkMonitor  *monitor);
/* How long edits must settle before a sync (default 10 s). */
void              jl_sync_controller_set_debounce   (JlSyncController *self,
                                                     guint             ms);

/* Starts a run now (or right after the current one). */
void              jl_sync_controller_sync_now       (JlSyncController *self);
/* Re-reads the account, pending count and conflicts on a worker. */
void              jl_sync_controller_refresh        (JlSyncController *self);
/* Stops timers and cancels a running sync (window closing). */
void              jl_sync_controller_shutdown       (JlSyncController *self);

void              jl_sync_controller_login_async    (JlSyncController    *self,
                                                     const char          *server_url,
                                                     const char          *user,
                                                     const char          *password,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          jl_sync_controller_login_finish   (JlSyncController    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void              jl_sync_controller_logout_async   (JlSyncController    *self,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          jl_sync_controller_logout_finish  (JlSyncController    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

JlSyncState       jl_sync_controller_get_state      (JlSyncController *self);
JlSyncProblem     jl_sync_controller_get_problem    (JlSyncController *self);
gboolean          jl_sync_controller_is_logged_in   (JlSyncController *self);
/* Whether the status was read at least once (the account dialog waits). */
gboolean          jl_sync_controller_is_loaded      (JlSyncController *self);
gboolean          jl_sync_controller_holds_demo     (JlSyncController *self);
gint64            jl_sync_controller_get_pending    (JlSyncController *self);
guint             jl_sync_controller_get_conflicts  (JlSyncController *self);
/* Server and user of the account, also after logging out (NULL: never). */
const char       *jl_sync_controller_get_server     (JlSyncController *self);
const char       *jl_sync_controller_get_user       (JlSyncController *self);
/* Where the device token is kept, for the user. */
char             *jl_sync_controller_describe_token (JlSyncController *self);
/* Runs finished since the controller was made (tests wait on it). */
guint             jl_sync_controller_get_runs       (JlSyncController *self);

/* The header bar's one line ("3 changes waiting", "Synced at 14:32", the
 * error's reason), and the longer explanation for its tooltip/popover. */
char             *jl_sync_controller_get_summary    (JlSyncController *self);
char             *jl_sync_controller_get_details    (JlSyncController *self);
/* "Your computer's clock is 3 days ahead of the server's." */
char             *jl_sync_describe_skew             (gint64            skew_ms);

G_END_DECLS
