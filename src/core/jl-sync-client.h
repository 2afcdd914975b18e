/* jl-sync-client.h: the sync client of the core (no GTK)
 *
 * Logs a database in to a jinlin-server, then pushes its outbox and pulls
 * each of its communities, as docs/sync-protocol.md describes. The _sync
 * functions block (on the network and the disk): the CLI and the tests
 * call them; the app calls jl_sync_client_run_async, which runs them on a
 * worker thread.
 *
 * The device token is kept in a 0600 file next to the database
 * ("jinlin.db.account"); the keyring comes with the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jl-store.h"
#include "jl-sync-protocol.h"
#include "jl-token-store.h"

G_BEGIN_DECLS

#define JL_TYPE_SYNC_CLIENT (jl_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (JlSyncClient, jl_sync_client, JL, SYNC_CLIENT, GObject)

typedef struct
{
  guint    pushed;          /* changes the server acknowledged */
  guint    superseded;      /* of those, local values another device's replaced */
  guint    quarantined;     /* of those, refused and kept in the conflict log */
  guint    pulled;          /* rows applied from pulls */
  guint    conflicts;       /* new entries of the conflict log */
  gint64   pending;         /* outbox entries still waiting afterwards */
  guint    resyncs;         /* communities pulled again in full */
  gint64   stranded;        /* outbox entries of communities this account
                             * may no longer sync: kept, not sent */
  gboolean has_skew_warning;
  gint64   skew_ms;         /* how far this computer's clock is ahead */
} JlSyncStats;

JlSyncClient *jl_sync_client_new           (JlStore        *store);
JlStore      *jl_sync_client_get_store     (JlSyncClient   *self);

/* Retries of network failures: @max_attempts tries in all, waiting
 * base·2ⁿ ms (with jitter, at most @max_delay_ms) in between. */
void          jl_sync_client_set_retry     (JlSyncClient   *self,
                                            guint           max_attempts,
                                            guint           base_delay_ms,
                                            guint           max_delay_ms);
/* Trust this CA certificate (PEM, absolute path) for a self-signed
 * server; NULL: the system's. */
void          jl_sync_client_set_ca_file   (JlSyncClient   *self,
                                            const char     *path);

/* The 0600 file holding the device token of @store's database. */
char         *jl_sync_client_account_path  (JlStore        *store);
gboolean      jl_sync_client_is_logged_in  (JlSyncClient   *self);

gboolean      jl_sync_client_login_sync    (JlSyncClient   *self,
                                            const char     *server_url,
                                            const char     *user,
                                            const char     *password,
                                            const char     *device_name,
                                            GCancellable   *cancellable,
                                            GError        **error);
void          jl_sync_client_login_async   (JlSyncClient        *self,
                                            const char          *server_url,
                                            const char          *user,
                                            const char          *password,
                                            const char          *device_name,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      jl_sync_client_login_finish  (JlSyncClient   *self,
                                            GAsyncResult   *result,
                                            GError        **error);

/* One push of the whole outbox (in batches), no retries. */
gboolean      jl_sync_client_push_sync     (JlSyncClient   *self,
                                            JlSyncStats    *stats,
                                            GCancellable   *cancellable,
                                            GError        **error);
/* Pulls every community of the account until it is up to date, one
 * transaction per page, no retries. */
gboolean      jl_sync_client_pull_sync     (JlSyncClient   *self,
                                            JlSyncStats    *stats,
                                            GCancellable   *cancellable,
                                            GError        **error);
/* Push, then pull, retrying network failures with backoff; records the
 * outcome in the database (last sync, last error, clock skew). */
gboolean      jl_sync_client_run_sync      (JlSyncClient   *self,
                                            JlSyncStats    *stats,
                                            GCancellable   *cancellable,
                                            GError        **error);
void          jl_sync_client_run_async     (JlSyncClient        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      jl_sync_client_run_finish    (JlSyncClient   *self,
                                            GAsyncResult   *result,
                                            JlSyncStats    *stats,
                                            GError        **error);

/* Where the device token is kept: a JlTokenFile unless the app sets its
 * own (the keyring). Set before the first login or sync. */
void          jl_sync_client_set_token_store (JlSyncClient   *self,
                                              JlTokenStore   *token_store);
JlTokenStore *jl_sync_client_get_token_store (JlSyncClient   *self);

/* Forgets the device token; the account and the outbox stay. */
gboolean      jl_sync_client_logout_sync   (JlSyncClient        *self,
                                            GError             **error);
void          jl_sync_client_logout_async  (JlSyncClient        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      jl_sync_client_logout_finish (JlSyncClient        *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The clerk's message for the class of a sync error (translated). */
const char   *jl_sync_error_text           (const GError   *error);

G_END_DECLS
