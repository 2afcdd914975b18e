/* jl-sync-client.c: the sync client of the core
 *
 * A push takes a batch of outbox entries, marks them in one transaction
 * BEFORE sending (so an edit made meanwhile becomes a new entry and is
 * never acknowledged by this push), sends them, and applies the reply in
 * one transaction. If the reply never arrives (network, crash), the
 * entries keep their mark and change ids and go first in the next push;
 * the server answers "duplicate" for what it already has. The mark is
 * deliberately not cleared: an unmarked entry could be coalesced with a
 * later edit under the same change id, and the server, having stored the
 * first value under that id, would then drop the later one.
 *
 * A pull applies each page in one transaction with its cursor, so an
 * interruption resumes from the last applied page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlSync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <unistd.h>

#include "jl-store-private.h"
#include "jl-store-sync.h"
#include "jl-sync-client-private.h"
#include "jl-token-store.h"
#include "jl-uuid.h"

#define HTTP_TIMEOUT_S   60
#define GZIP_ABOVE_BYTES 1024

struct _JlSyncClient
{
  GObject         parent_instance;

  JlStore        *store;
  guint           max_attempts;
  guint           base_delay_ms;
  guint           max_delay_ms;
  char           *ca_file;
  gint            running;        /* atomic: single flight */
  JlSyncTestHook  hook;
  gpointer        hook_data;
  GBytes         *error_body;     /* of the last refused request */
  JlTokenStore   *token_store;    /* where the device token is kept */
};

G_DEFINE_FINAL_TYPE (JlSyncClient, jl_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jl_sync_client_dispose (GObject *object)
{
  JlSyncClient *self = JL_SYNC_CLIENT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->token_store);
  G_OBJECT_CLASS (jl_sync_client_parent_class)->dispose (object);
}

static void
jl_sync_client_finalize (GObject *object)
{
  JlSyncClient *self = JL_SYNC_CLIENT (object);

  g_free (self->ca_file);
  g_clear_pointer (&self->error_body, g_bytes_unref);
  G_OBJECT_CLASS (jl_sync_client_parent_class)->finalize (object);
}

static void
jl_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JlSyncClient *self = JL_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jl_sync_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JlSyncClient *self = JL_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jl_sync_client_class_init (JlSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jl_sync_client_dispose;
  object_class->finalize = jl_sync_client_finalize;
  object_class->get_property = jl_sync_client_get_property;
  object_class->set_property = jl_sync_client_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, JL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jl_sync_client_init (JlSyncClient *self)
{
  self->max_attempts = 5;
  self->base_delay_ms = 1000;
  self->max_delay_ms = 60 * 1000;
  self->token_store = jl_token_file_new ();
}

/**
 * jl_sync_client_new:
 * @store: the database to sync
 *
 * Returns: (transfer full): a sync client for @store
 */
JlSyncClient *
jl_sync_client_new (JlStore *store)
{
  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  return g_object_new (JL_TYPE_SYNC_CLIENT, "store", store, NULL);
}

/**
 * jl_sync_client_get_store:
 * @self: a #JlSyncClient
 *
 * Returns: (transfer none): the database this client syncs
 */
JlStore *
jl_sync_client_get_store (JlSyncClient *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

/**
 * jl_sync_client_set_retry:
 * @self: a #JlSyncClient
 * @max_attempts: tries in all for one run (at least 1)
 * @base_delay_ms: the wait after the first failure
 * @max_delay_ms: the longest wait
 *
 * How jl_sync_client_run_sync() retries network and server failures:
 * waits of @base_delay_ms·2ⁿ, half fixed and half random, at most
 * @max_delay_ms.
 */
void
jl_sync_client_set_retry (JlSyncClient *self,
                          guint         max_attempts,
                          guint         base_delay_ms,
                          guint         max_delay_ms)
{
  g_return_if_fail (JL_IS_SYNC_CLIENT (self));
  self->max_attempts = MAX (max_attempts, 1);
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

/**
 * jl_sync_client_set_ca_file:
 * @self: a #JlSyncClient
 * @path: (nullable): an absolute path to a PEM certificate, or %NULL
 *
 * Trusts the CA in @path instead of the system's (a self-signed server).
 */
void
jl_sync_client_set_ca_file (JlSyncClient *self,
                            const char   *path)
{
  g_return_if_fail (JL_IS_SYNC_CLIENT (self));
  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
}

void
_jl_sync_client_set_test_hook (JlSyncClient   *self,
                               JlSyncTestHook  hook,
                               gpointer        data)
{
  self->hook = hook;
  self->hook_data = data;
}

static gboolean
run_hook (JlSyncClient     *self,
          JlSyncHookPoint   point,
          GError          **error)
{
  if (self->hook == NULL || self->hook (self, point, self->hook_data))
    return TRUE;
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK, "sync abandoned (test hook)");
  return FALSE;
}

/* The account file
 */

/**
 * jl_sync_client_account_path:
 * @store: a #JlStore
 *
 * Returns: (transfer full): the 0600 file holding the device token of
 *   @store's database ("jinlin.db.account")
 */
char *
jl_sync_client_account_path (JlStore *store)
{
  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  return g_strconcat (jl_store_get_path (store), ".account", NULL);
}

typedef struct
{
  char *server_url;
  char *device_id;
  char *token;
  GStrv communities;
  char *role;
} Credentials;

static void
credentials_clear (Credentials *c)
{
  g_clear_pointer (&c->server_url, g_free);
  g_clear_pointer (&c->device_id, g_free);
  if (c->token != NULL)
    memset (c->token, 0, strlen (c->token));
  g_clear_pointer (&c->token, g_free);
  g_clear_pointer (&c->communities, g_strfreev);
  g_clear_pointer (&c->role, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Credentials, credentials_clear)

static gboolean
not_logged_in (GError **error)
{
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NOT_LOGGED_IN,
               _("This database is not signed in to a sync server. Log in first (jinlin-cli login)."));
  return FALSE;
}

/* The account from the database and the token from the token store
 * (by default its file); the two must name the same device. */
static gboolean
load_credentials (JlSyncClient  *self,
                  Credentials   *creds,
                  GError       **error)
{
  g_autoptr(JlSyncAccount) account = jl_store_sync_get_account (self->store, error);
  g_autoptr(GError) local_error = NULL;

  if (account == NULL)
    return (error && *error) ? FALSE : not_logged_in (error);
  creds->token = jl_token_store_load (self->token_store, jl_store_get_path (self->store),
                                      account->remote_device_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (creds->token == NULL)
    return not_logged_in (error);
  creds->server_url = g_strdup (account->server_url);
  creds->device_id = g_strdup (account->remote_device_id);
  creds->communities = g_strdupv (account->communities);
  creds->role = g_strdup (account->role);
  return TRUE;
}

static gboolean
save_token (JlSyncClient  *self,
            const char    *server_url,
            const char    *device_id,
            const char    *token,
            GError       **error)
{
  return jl_token_store_save (self->token_store, jl_store_get_path (self->store), server_url, device_id, token,
                              error);
}

/* HTTP
 */

static SoupSession *
new_session (JlSyncClient  *self,
             GError       **error)
{
  SoupSession *session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT_S,
                                                        "idle-timeout", HTTP_TIMEOUT_S,
                                                        "user-agent", "jinlin/" PACKAGE_VERSION,
                                                        NULL);

  if (self->ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) db = g_tls_file_database_new (self->ca_file, error);

      if (db == NULL)
        {
          g_object_unref (session);
          return NULL;
        }
      soup_session_set_tls_database (session, db);
    }
  return session;
}

static JlSyncError
error_for_status (guint status)
{
  switch (status)
    {
    case 400: return JL_SYNC_ERROR_BAD_MESSAGE;
    case 401: return JL_SYNC_ERROR_UNAUTHORIZED;
    case 403: return JL_SYNC_ERROR_FORBIDDEN;
    case 409: return JL_SYNC_ERROR_EPOCH;
    case 413: return JL_SYNC_ERROR_TOO_LARGE;
    case 426: return JL_SYNC_ERROR_UPGRADE;
    case 429: return JL_SYNC_ERROR_RATE_LIMITED;
    case 502:
    case 503:
    case 504: return JL_SYNC_ERROR_NETWORK;
    default:  return JL_SYNC_ERROR_SERVER;
    }
}

/* A message for the clerk, in their language; the server's own text
 * (English) is kept in parentheses for the administrator. */
static const char *
error_text (JlSyncError code)
{
  switch (code)
    {
    case JL_SYNC_ERROR_UNAUTHORIZED: return _("The server did not accept the sign-in. Please log in again.");
    case JL_SYNC_ERROR_FORBIDDEN:    return _("This account may not use that community.");
    case JL_SYNC_ERROR_UPGRADE:      return _("The server needs a newer Jinlin. Please upgrade Jinlin.");
    case JL_SYNC_ERROR_RATE_LIMITED: return _("Too many failed logins. Wait a minute and try again.");
    case JL_SYNC_ERROR_TOO_LARGE:    return _("The server refused a request as too large.");
    case JL_SYNC_ERROR_BAD_MESSAGE:  return _("The server refused a request as malformed.");
    case JL_SYNC_ERROR_NETWORK:      return _("The server cannot be reached.");
    case JL_SYNC_ERROR_CURSOR_TOO_OLD: return _("The server no longer has the data this computer last saw.");
    case JL_SYNC_ERROR_DIVERGED:     return _("The records of a community still differ from the server’s after a full download. Please tell your administrator.");
    case JL_SYNC_ERROR_DEMO_DATA:    return _("This database holds the invented demo city, which must never reach a server. Sync a database with your real records instead.");
    case JL_SYNC_ERROR_EPOCH:        return _("This database is older than what the server has from this computer (restored from a backup?).");
    case JL_SYNC_ERROR_NOT_LOGGED_IN:
    case JL_SYNC_ERROR_SERVER:
    default:                         return _("The server failed.");
    }
}

static GBytes *
read_all (GInputStream  *in,
          gsize          max,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[16384];

  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > max)
        {
          g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_TOO_LARGE, "response over %" G_GSIZE_FORMAT " bytes", max);
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Sends one request; returns the body of a 200 answer, else NULL with a
 * %JL_SYNC_ERROR (or G_IO_ERROR_CANCELLED). */
static GBytes *
http_call (JlSyncClient  *self,
           SoupSession   *session,
           const char    *method,
           const char    *url,
           GBytes        *body,
           const char    *token,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *schema = g_strdup_printf ("%d", JL_STORE_SCHEMA_VERSION);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, _jl_store_wall_ms ());
  SoupMessageHeaders *headers;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  JlSyncError kind;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK, _("“%s” is not a server address"), url);
      return NULL;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, JL_SYNC_HEADER_PROTOCOL, G_STRINGIFY (JL_SYNC_PROTOCOL_VERSION));
  soup_message_headers_replace (headers, JL_SYNC_HEADER_SCHEMA, schema);
  soup_message_headers_replace (headers, JL_SYNC_HEADER_TIME, now);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (body != NULL)
    {
      if (g_bytes_get_size (body) > GZIP_ABOVE_BYTES)
        {
          g_autoptr(GBytes) packed = jl_sync_gzip (body);

          soup_message_headers_replace (headers, "Content-Encoding", "gzip");
          soup_message_set_request_body_from_bytes (msg, "application/json", packed);
        }
      else
        soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }

  in = soup_session_send (session, msg, cancellable, &local_error);
  if (in != NULL)
    reply = read_all (in, JL_SYNC_MAX_RESPONSE_BYTES, cancellable, &local_error);
  if (reply == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          (local_error != NULL && local_error->domain == JL_SYNC_ERROR))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK, "%s (%s)", error_text (JL_SYNC_ERROR_NETWORK),
                     local_error ? local_error->message : "?");
      return NULL;
    }

  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_OK)
    return g_steal_pointer (&reply);
  g_clear_pointer (&self->error_body, g_bytes_unref);
  self->error_body = g_bytes_ref (reply);

  kind = error_for_status (status);
  if (jl_sync_error_decode (reply, &code, &message) && status != 502 && status != 503 && status != 504)
    kind = jl_sync_error_from_code (code);
  g_set_error (error, JL_SYNC_ERROR, kind, "%s (HTTP %u%s%s)", error_text (kind), status,
               message ? ": " : "", message ? message : "");
  return NULL;
}

/* The invented demo city must never reach a server. */
static gboolean
refuse_demo (JlSyncClient  *self,
             GError       **error)
{
  if (!jl_store_holds_demo (self->store))
    return TRUE;
  g_set_error_literal (error, JL_SYNC_ERROR, JL_SYNC_ERROR_DEMO_DATA, error_text (JL_SYNC_ERROR_DEMO_DATA));
  return FALSE;
}

/* Login
 */

static char *
normalize_url (const char  *server_url,
               GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK,
                   _("“%s” is not a server address like https://jinlin.example.cn/"), server_url);
      return NULL;
    }
  return g_str_has_suffix (server_url, "/") ? g_strdup (server_url) : g_strconcat (server_url, "/", NULL);
}

/**
 * jl_sync_client_login_sync:
 * @self: a #JlSyncClient
 * @server_url: the server, e.g. "https://jinlin.example.cn/"
 * @user: the user name
 * @password: the password
 * @device_name: (nullable): how the server lists this computer (default:
 *   the host name)
 * @cancellable: (nullable): a #GCancellable
 * @error: a %JL_SYNC_ERROR on failure
 *
 * Registers this database as a device of @user: the token goes to the
 * account file, the account to the database. Blocks.
 *
 * Returns: %TRUE when logged in
 */
gboolean
jl_sync_client_login_sync (JlSyncClient  *self,
                           const char    *server_url,
                           const char    *user,
                           const char    *password,
                           const char    *device_name,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply_bytes = NULL;
  g_autoptr(JlSyncLoginReply) reply = NULL;
  JlSyncLogin login = { (char *) user, (char *) password, (char *) device_name };
  JlSyncAccount account = { 0 };

  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  if (!refuse_demo (self, error))
    return FALSE;

  if ((base = normalize_url (server_url, error)) == NULL ||
      (session = new_session (self, error)) == NULL)
    return FALSE;
  if (login.device_name == NULL)
    login.device_name = (char *) g_get_host_name ();
  url = g_strconcat (base, "sync/v1/login", NULL);
  body = jl_sync_login_encode (&login);
  reply_bytes = http_call (self, session, "POST", url, body, NULL, cancellable, error);
  if (reply_bytes == NULL || (reply = jl_sync_login_reply_decode (reply_bytes, error)) == NULL)
    return FALSE;

  if (!save_token (self, base, reply->device_id, reply->token, error))
    return FALSE;
  account.server_url = base;
  account.user_name = reply->user;
  account.remote_device_id = reply->device_id;
  account.role = reply->role;
  account.communities = reply->communities;
  if (!_jl_store_sync_set_account (self->store, &account, error))
    {
      jl_token_store_clear (self->token_store, jl_store_get_path (self->store), NULL);
      return FALSE;
    }
  g_debug ("logged in to %s as %s, device %s", base, reply->user, reply->device_id);
  return TRUE;
}

typedef struct
{
  char *server_url;
  char *user;
  char *password;
  char *device_name;
} LoginData;

static void
login_data_free (LoginData *d)
{
  g_free (d->server_url);
  g_free (d->user);
  if (d->password != NULL)
    memset (d->password, 0, strlen (d->password));
  g_free (d->password);
  g_free (d->device_name);
  g_free (d);
}

static void
login_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoginData *d = task_data;
  GError *error = NULL;

  if (jl_sync_client_login_sync (source, d->server_url, d->user, d->password, d->device_name, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * jl_sync_client_login_async:
 * @self: a #JlSyncClient
 * @server_url: the server
 * @user: the user name
 * @password: the password
 * @device_name: (nullable): how the server lists this computer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: for @callback
 *
 * jl_sync_client_login_sync() on a worker thread.
 */
void
jl_sync_client_login_async (JlSyncClient        *self,
                            const char          *server_url,
                            const char          *user,
                            const char          *password,
                            const char          *device_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoginData *d;

  g_return_if_fail (JL_IS_SYNC_CLIENT (self));

  d = g_new0 (LoginData, 1);
  d->server_url = g_strdup (server_url);
  d->user = g_strdup (user);
  d->password = g_strdup (password);
  d->device_name = g_strdup (device_name);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jl_sync_client_login_async);
  g_task_set_task_data (task, d, (GDestroyNotify) login_data_free);
  g_task_run_in_thread (task, login_thread);
}

/**
 * jl_sync_client_login_finish:
 * @self: a #JlSyncClient
 * @result: the #GAsyncResult
 * @error: a %JL_SYNC_ERROR on failure
 *
 * Returns: %TRUE when logged in
 */
gboolean
jl_sync_client_login_finish (JlSyncClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * jl_sync_client_is_logged_in:
 * @self: a #JlSyncClient
 *
 * Returns: whether the database has an account and its token
 */
gboolean
jl_sync_client_is_logged_in (JlSyncClient *self)
{
  g_auto(Credentials) creds = { 0 };

  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), FALSE);
  return load_credentials (self, &creds, NULL);
}

/* Push
 */

static void
count_results (JlSyncStats     *stats,
               JlSyncPushReply *reply)
{
  for (guint i = 0; i < reply->results->len; i++)
    {
      JlSyncResult *r = reply->results->pdata[i];

      stats->pushed++;
      if (r->status == JL_SYNC_STATUS_SUPERSEDED)
        stats->superseded++;
      else if (r->status == JL_SYNC_STATUS_QUARANTINED)
        stats->quarantined++;
    }
  if (reply->has_skew_warning)
    {
      stats->has_skew_warning = TRUE;
      stats->skew_ms = reply->skew_warning;
    }
}

static gboolean
acknowledges_any (GPtrArray       *sent,
                  JlSyncPushReply *reply)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sent->len; i++)
    g_hash_table_add (ids, ((JlSyncChange *) sent->pdata[i])->change_id);
  for (guint i = 0; i < reply->results->len; i++)
    if (g_hash_table_contains (ids, ((JlSyncResult *) reply->results->pdata[i])->change_id))
      return TRUE;
  return FALSE;
}

static gboolean
start_epoch (JlSyncClient  *self,
             GError       **error)
{
  gint64 epoch = 0, last_dseq = 0;

  if (self->error_body == NULL || !jl_sync_epoch_error_decode (self->error_body, &epoch, &last_dseq, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "epoch answer without a body");
      return FALSE;
    }
  g_info ("this database is older than its device's history on the server: epoch %" G_GINT64_FORMAT
             ", numbering changes above %" G_GINT64_FORMAT ", pulling everything again", epoch, last_dseq);
  return _jl_store_sync_start_epoch (self->store, epoch, last_dseq, error);
}

static gboolean
push_with (JlSyncClient  *self,
           SoupSession   *session,
           Credentials   *creds,
           JlSyncStats   *stats,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *url = g_strconcat (creds->server_url, "sync/v1/push", NULL);
  g_autofree char *batch_id = jl_uuid_v7_new ();
  gboolean new_epoch = FALSE;

  /* A district account reads only: its entries wait, kept. */
  if (g_strcmp0 (creds->role, "district") == 0)
    return TRUE;

  for (;;)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(JlSyncPush) push = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) reply_bytes = NULL;
      g_autoptr(JlSyncPushReply) reply = NULL;
      g_autoptr(GError) local_error = NULL;

      changes = _jl_store_sync_take_batch (self->store, batch_id, (const char *const *) creds->communities,
                                           JL_SYNC_MAX_CHANGES, JL_SYNC_PUSH_TARGET_BYTES, error);
      if (changes == NULL)
        return FALSE;
      if (changes->len == 0)
        return TRUE;

      push = jl_sync_push_new (creds->device_id);
      if (!_jl_store_sync_get_epoch (self->store, &push->epoch, &push->max_dseq, error))
        return FALSE;
      g_ptr_array_extend_and_steal (push->changes, g_ptr_array_ref (changes));
      body = jl_sync_push_encode (push);
      if (!run_hook (self, JL_SYNC_HOOK_BEFORE_PUSH, error))
        return FALSE;
      reply_bytes = http_call (self, session, "POST", url, body, creds->token, cancellable, &local_error);
      if (reply_bytes == NULL && !new_epoch &&
          g_error_matches (local_error, JL_SYNC_ERROR, JL_SYNC_ERROR_EPOCH))
        {
          /* Restored from a backup: take the new epoch, pull everything
           * again (after this push), and send the batch once more. */
          if (!start_epoch (self, error))
            return FALSE;
          new_epoch = TRUE;
          g_clear_error (&local_error);
          continue;
        }
      if (reply_bytes == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if ((reply = jl_sync_push_reply_decode (reply_bytes, error)) == NULL)
        return FALSE;
      if (g_strcmp0 (g_getenv ("JINLIN_SYNC_TEST_CRASH"), "after-push") == 0)
        _exit (99);   /* tests: a crash between the server's commit and ours */
      if (!run_hook (self, JL_SYNC_HOOK_AFTER_PUSH_REPLY, error))
        return FALSE;

      if (!_jl_store_sync_apply_push (self->store, push->changes, reply, error))
        return FALSE;
      count_results (stats, reply);
      /* A reply that acknowledges nothing would loop for ever. */
      if (!acknowledges_any (push->changes, reply))
        {
          g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER,
                       "%s (the push was not acknowledged)", error_text (JL_SYNC_ERROR_SERVER));
          return FALSE;
        }
    }
}

/* Pull
 */

/* Whether the database holds the rows the server listed in @page's
 * summary. */
static gboolean
matches_server (JlSyncClient  *self,
                const char    *community_id,
                JlSyncPage    *page,
                GError       **error)
{
  g_autofree char *hash = NULL;
  gint64 count = 0;

  if (!page->has_summary)
    return TRUE;
  if (!_jl_store_sync_summary (self->store, community_id, &count, &hash, error))
    return FALSE;
  if (count == page->count && g_strcmp0 (hash, page->hash) == 0)
    return TRUE;
  g_info ("community %s: %" G_GINT64_FORMAT " rows (%s) here, %" G_GINT64_FORMAT " (%s) on the server",
          community_id, count, hash, page->count, page->hash ? page->hash : "-");
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_DIVERGED, "%s (%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ")",
               error_text (JL_SYNC_ERROR_DIVERGED), count, page->count);
  return FALSE;
}

/* Pulls @community_id page by page from its cursor. When the server no
 * longer knows the cursor, or the rows here do not match the server's
 * at the end, the community is pulled once more from 0 (pending changes
 * kept); a second mismatch is an error, never a loop. */
static gboolean
pull_community (JlSyncClient  *self,
                SoupSession   *session,
                Credentials   *creds,
                const char    *community_id,
                JlSyncStats   *stats,
                GCancellable  *cancellable,
                GError       **error)
{
  gboolean resynced = FALSE;

  for (;;)
    {
      g_autofree char *url = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JlSyncPage) page = NULL;
      g_autoptr(GError) local_error = NULL;
      guint n_rows = 0, n_conflicts = 0;
      gint64 after = jl_store_sync_get_cursor (self->store, community_id, error);

      if (after < 0 || !run_hook (self, JL_SYNC_HOOK_BEFORE_PULL, error))
        return FALSE;
      url = g_strdup_printf ("%ssync/v1/pull?community=%s&after=%" G_GINT64_FORMAT "&limit=%d",
                             creds->server_url, community_id, after, JL_SYNC_PAGE_DEFAULT);
      bytes = http_call (self, session, "GET", url, NULL, creds->token, cancellable, &local_error);
      if (bytes != NULL && (page = jl_sync_page_decode (bytes, &local_error)) != NULL && page->next < after)
        g_set_error (&local_error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "pull: the cursor went backwards");
      if (local_error == NULL)
        {
          if (!_jl_store_sync_apply_page (self->store, community_id, page, &n_rows, &n_conflicts, error))
            return FALSE;
          stats->pulled += n_rows;
          stats->conflicts += n_conflicts;
          if (page->has_more && page->next != after)
            continue;
          if (matches_server (self, community_id, page, &local_error))
            return TRUE;
        }
      if (resynced ||
          !(g_error_matches (local_error, JL_SYNC_ERROR, JL_SYNC_ERROR_CURSOR_TOO_OLD) ||
            g_error_matches (local_error, JL_SYNC_ERROR, JL_SYNC_ERROR_DIVERGED)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_info ("community %s: pulling everything again (%s)", community_id, local_error->message);
      if (!_jl_store_sync_reset_pull (self->store, community_id, error))
        return FALSE;
      resynced = TRUE;
      stats->resyncs++;
    }
}

static gboolean
pull_with (JlSyncClient  *self,
           SoupSession   *session,
           Credentials   *creds,
           JlSyncStats   *stats,
           GCancellable  *cancellable,
           GError       **error)
{
  for (guint i = 0; creds->communities && creds->communities[i]; i++)
    if (!pull_community (self, session, creds, creds->communities[i], stats, cancellable, error))
      return FALSE;
  return TRUE;
}

/* Asks the server which communities the account may sync now and keeps
 * the answer: a community granted since the login is pulled in full (it
 * has no cursor); the changes of one taken away wait in the outbox, kept,
 * and are counted as stranded. */
static gboolean
refresh_account (JlSyncClient  *self,
                 SoupSession   *session,
                 Credentials   *creds,
                 JlSyncStats   *stats,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *url = g_strconcat (creds->server_url, "sync/v1/account", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JlSyncLoginReply) reply = NULL;
  g_autoptr(JlSyncAccount) account = NULL;
  gint64 all, ours;

  bytes = http_call (self, session, "GET", url, NULL, creds->token, cancellable, error);
  if (bytes == NULL || (reply = jl_sync_account_reply_decode (bytes, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (reply->device_id, creds->device_id) != 0)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "account: the server named another device");
      return FALSE;
    }
  if (!g_strv_equal ((const char *const *) reply->communities, (const char *const *) creds->communities) ||
      g_strcmp0 (reply->role, creds->role) != 0)
    {
      account = jl_store_sync_get_account (self->store, error);
      if (account == NULL)
        return (error && *error) ? FALSE : not_logged_in (error);
      g_strfreev (account->communities);
      account->communities = g_strdupv (reply->communities);
      g_free (account->role);
      account->role = g_strdup (reply->role);
      if (!_jl_store_sync_set_account (self->store, account, error))
        return FALSE;
      g_info ("the account may now sync %u communities", g_strv_length (reply->communities));
      g_strfreev (creds->communities);
      creds->communities = g_strdupv (reply->communities);
      g_free (creds->role);
      creds->role = g_strdup (reply->role);
    }
  all = jl_store_sync_pending_count (self->store, NULL, error);
  ours = all < 0 ? -1 : jl_store_sync_pending_count (self->store, (const char *const *) creds->communities, error);
  if (ours < 0)
    return FALSE;
  stats->stranded = all - ours;
  return TRUE;
}

typedef gboolean (*SyncStep) (JlSyncClient *self, SoupSession *session, Credentials *creds,
                              JlSyncStats *stats, GCancellable *cancellable, GError **error);

static gboolean
with_session (JlSyncClient  *self,
              SyncStep       first,
              SyncStep       second,
              JlSyncStats   *stats,
              GCancellable  *cancellable,
              GError       **error)
{
  g_auto(Credentials) creds = { 0 };
  g_autoptr(SoupSession) session = NULL;
  JlSyncStats local = { 0 };

  if (stats == NULL)
    stats = &local;
  if (!refuse_demo (self, error) ||
      !load_credentials (self, &creds, error) || (session = new_session (self, error)) == NULL ||
      !refresh_account (self, session, &creds, stats, cancellable, error))
    return FALSE;
  if (!first (self, session, &creds, stats, cancellable, error))
    return FALSE;
  return second == NULL || second (self, session, &creds, stats, cancellable, error);
}

/**
 * jl_sync_client_push_sync:
 * @self: a #JlSyncClient
 * @stats: (out caller-allocates) (optional): counts, added to
 * @cancellable: (nullable): a #GCancellable
 * @error: a %JL_SYNC_ERROR on failure
 *
 * Pushes the outbox entries of the account's communities in batches of at
 * most %JL_SYNC_MAX_CHANGES, each marked before it is sent and its answer
 * applied in one transaction. No retries. Blocks.
 *
 * Returns: %TRUE when the outbox (of those communities) is empty
 */
gboolean
jl_sync_client_push_sync (JlSyncClient  *self,
                          JlSyncStats   *stats,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), FALSE);
  return with_session (self, push_with, NULL, stats, cancellable, error);
}

/**
 * jl_sync_client_pull_sync:
 * @self: a #JlSyncClient
 * @stats: (out caller-allocates) (optional): counts, added to
 * @cancellable: (nullable): a #GCancellable
 * @error: a %JL_SYNC_ERROR on failure
 *
 * Pulls every community of the account from its cursor until the server
 * has no more, one transaction per page. No retries. Blocks.
 *
 * Returns: %TRUE when up to date
 */
gboolean
jl_sync_client_pull_sync (JlSyncClient  *self,
                          JlSyncStats   *stats,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), FALSE);
  return with_session (self, pull_with, NULL, stats, cancellable, error);
}

/* Sync with retries
 */

static gboolean
retryable (const GError *error)
{
  return g_error_matches (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK) ||
         g_error_matches (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER);
}

/* Sleeps @ms unless cancelled first. */
static gboolean
backoff_sleep (guint          ms,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (50000, MAX (end - g_get_monotonic_time (), 0)));
    }
  return TRUE;
}

/**
 * jl_sync_client_run_sync:
 * @self: a #JlSyncClient
 * @stats: (out caller-allocates) (optional): what happened
 * @cancellable: (nullable): a #GCancellable
 * @error: a %JL_SYNC_ERROR (or %G_IO_ERROR_CANCELLED) on failure
 *
 * Push, then pull; network and server failures are retried with backoff
 * (jl_sync_client_set_retry()). The outcome is recorded in the database:
 * last sync time, last error, clock skew. Blocks.
 *
 * Returns: %TRUE when everything was pushed and pulled
 */
gboolean
jl_sync_client_run_sync (JlSyncClient  *self,
                         JlSyncStats   *stats,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  JlSyncStats local = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), FALSE);

  if (stats == NULL)
    stats = &local;
  memset (stats, 0, sizeof *stats);

  for (guint attempt = 0; ; attempt++)
    {
      guint delay;

      g_clear_error (&local_error);
      if (with_session (self, push_with, pull_with, stats, cancellable, &local_error))
        {
          ok = TRUE;
          break;
        }
      if (!retryable (local_error) || attempt + 1 >= self->max_attempts)
        break;
      /* Exponential backoff with jitter: half fixed, half random. */
      delay = MIN (self->max_delay_ms, self->base_delay_ms << MIN (attempt, 16));
      delay = delay / 2 + (guint) g_random_int_range (0, (gint32) (delay / 2 + 1));
      g_debug ("sync failed (%s); retrying in %u ms", local_error->message, delay);
      if (!backoff_sleep (delay, cancellable, NULL))
        break;
    }

  stats->pending = jl_store_sync_pending_count (self->store, NULL, NULL);
  if (!g_error_matches (local_error, JL_SYNC_ERROR, JL_SYNC_ERROR_NOT_LOGGED_IN))
    _jl_store_sync_set_status (self->store, ok ? NULL : local_error->message, ok,
                               stats->has_skew_warning ? stats->skew_ms : 0, NULL);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JlSyncClient *self = source;
  GError *error = NULL;

  if (jl_sync_client_run_sync (self, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_atomic_int_set (&self->running, 0);
}

/**
 * jl_sync_client_run_async:
 * @self: a #JlSyncClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: for @callback
 *
 * jl_sync_client_run_sync() on a worker thread. One run at a time: while
 * one is going, another fails at once with %G_IO_ERROR_PENDING.
 */
void
jl_sync_client_run_async (JlSyncClient        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JL_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jl_sync_client_run_async);
  g_task_set_task_data (task, g_new0 (JlSyncStats, 1), g_free);
  /* Single flight: a second sync while one runs is refused, not queued. */
  if (!g_atomic_int_compare_and_exchange (&self->running, 0, 1))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("A sync is already running."));
      return;
    }
  g_task_run_in_thread (task, run_thread);
}

/**
 * jl_sync_client_run_finish:
 * @self: a #JlSyncClient
 * @result: the #GAsyncResult
 * @stats: (out caller-allocates) (optional): what happened
 * @error: a %JL_SYNC_ERROR on failure
 *
 * Returns: %TRUE when everything was pushed and pulled
 */
gboolean
jl_sync_client_run_finish (JlSyncClient  *self,
                           GAsyncResult  *result,
                           JlSyncStats   *stats,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (stats != NULL)
    *stats = *(JlSyncStats *) g_task_get_task_data (G_TASK (result));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* For jl-sync-blob.c (attachments' bytes move outside record sync). */
SoupSession *
_jl_sync_client_open (JlSyncClient  *self,
                      char         **server_url,
                      char         **token,
                      GStrv         *communities,
                      GError       **error)
{
  g_auto(Credentials) creds = { 0 };
  SoupSession *session;

  if (!load_credentials (self, &creds, error) || (session = new_session (self, error)) == NULL)
    return NULL;
  *server_url = g_steal_pointer (&creds.server_url);
  *token = g_steal_pointer (&creds.token);
  *communities = g_steal_pointer (&creds.communities);
  return session;
}

/* Token storage, logging out, messages for the app
 */

/**
 * jl_sync_client_set_token_store:
 * @self: a #JlSyncClient
 * @token_store: where to keep the device token (the app: the keyring)
 *
 * Replaces the default #JlTokenFile. Set it before the first login or
 * sync; the store's functions are called from worker threads.
 */
void
jl_sync_client_set_token_store (JlSyncClient *self,
                                JlTokenStore *token_store)
{
  g_return_if_fail (JL_IS_SYNC_CLIENT (self));
  g_return_if_fail (JL_IS_TOKEN_STORE (token_store));
  g_set_object (&self->token_store, token_store);
}

/**
 * jl_sync_client_get_token_store:
 *
 * Returns: (transfer none): where the device token is kept
 */
JlTokenStore *
jl_sync_client_get_token_store (JlSyncClient *self)
{
  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), NULL);
  return self->token_store;
}

/**
 * jl_sync_client_logout_sync:
 * @self: a #JlSyncClient
 * @error: on failure
 *
 * Forgets the device token. The account (server, user) stays for the next
 * login, and so does the outbox: nothing waiting to be pushed is lost.
 * Blocks.
 *
 * Returns: %TRUE when the token is gone
 */
gboolean
jl_sync_client_logout_sync (JlSyncClient  *self,
                            GError       **error)
{
  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), FALSE);
  return jl_token_store_clear (self->token_store, jl_store_get_path (self->store), error);
}

static void
logout_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (jl_sync_client_logout_sync (source, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * jl_sync_client_logout_async:
 *
 * jl_sync_client_logout_sync() on a worker thread.
 */
void
jl_sync_client_logout_async (JlSyncClient        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JL_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jl_sync_client_logout_async);
  g_task_run_in_thread (task, logout_thread);
}

gboolean
jl_sync_client_logout_finish (JlSyncClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * jl_sync_error_text:
 * @error: an error of a sync run or login
 *
 * Returns: the short message for the clerk, in their language, of the
 *   %JL_SYNC_ERROR class of @error (without the server's own words), or
 *   @error's message for other domains
 */
const char *
jl_sync_error_text (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != JL_SYNC_ERROR)
    return error->message;
  if (error->code == JL_SYNC_ERROR_NOT_LOGGED_IN)
    return _("Not logged in to a sync server.");
  return error_text (error->code);
}
