/* jl-server.c: the HTTP side of jinlin-server
 *
 * Endpoints: POST /sync/v1/login, POST /sync/v1/push, GET /sync/v1/pull,
 * GET /health. Requests are handled one at a time on the main loop; the
 * store serialises pushes anyway, and a community office has a handful of
 * clerks. Every error body is {"error": CODE, "message": TEXT}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <errno.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "jl-blob-store.h"
#include "jl-server-auth.h"
#include "jl-server-blob.h"
#include "jl-server-sync.h"
#include "jl-server.h"
#include "jl-store.h"
#include "jl-uuid.h"

#define LOGIN_FAILURES_PER_USER 5
#define LOGIN_FAILURES_PER_ADDR 20
#define LOGIN_WINDOW_MS         (60 * 1000)
#define GZIP_MIN_BYTES          512

struct _JlServer
{
  JlServerStore  *store;
  JlServerConfig  config;
  SoupServer     *soup;
  JlRateLimit    *user_limit;
  JlRateLimit    *addr_limit;
};

static gint64
server_now (JlServer *self)
{
  gint64 now = g_get_real_time () / 1000;
  g_autofree char *text = NULL;

  if (self->config.test_clock_file != NULL &&
      g_file_get_contents (self->config.test_clock_file, &text, NULL, NULL))
    now += g_ascii_strtoll (text, NULL, 10);
  return now;
}

/* Responses
 */

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Encoding");

  return accept != NULL && soup_header_contains (accept, "gzip");
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) out = NULL;
  gsize len = 0;
  gconstpointer data;

  if (accepts_gzip (msg) && g_bytes_get_size (body) >= GZIP_MIN_BYTES)
    {
      out = jl_sync_gzip (body);
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
    }
  else
    out = g_bytes_ref (body);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  data = g_bytes_get_data (out, &len);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, len);
}

static void
respond_error (SoupServerMessage *msg,
               JlSyncError        code,
               const char        *message)
{
  g_autoptr(GBytes) body = jl_sync_error_encode (jl_sync_error_to_code (code), message);

  respond (msg, jl_sync_error_to_http_status (code), body);
}

static void
respond_gerror (SoupServerMessage *msg,
                const GError      *error)
{
  if (error->domain == JL_SYNC_ERROR)
    respond_error (msg, error->code, error->message);
  else
    {
      g_warning ("event=error message=\"%s\"", error->message);
      respond_error (msg, JL_SYNC_ERROR_SERVER, "internal server error");
    }
}

/* Requests
 */

static gboolean
check_versions (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *protocol = soup_message_headers_get_one (headers, JL_SYNC_HEADER_PROTOCOL);
  const char *schema = soup_message_headers_get_one (headers, JL_SYNC_HEADER_SCHEMA);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const char *message = NULL;

  if (protocol == NULL || g_ascii_strtoll (protocol, NULL, 10) != JL_SYNC_PROTOCOL_VERSION)
    message = "This server speaks Jinlin sync protocol 1; please upgrade Jinlin.";
  else if (schema != NULL && g_ascii_strtoll (schema, NULL, 10) < JL_STORE_SCHEMA_VERSION - 1)
    message = "This version of Jinlin is too old for the server; please upgrade Jinlin.";
  if (message == NULL)
    return TRUE;

  root = json_object_new ();
  json_object_set_string_member (root, "error", "upgrade");
  json_object_set_string_member (root, "message", message);
  json_object_set_int_member (root, "min_protocol", JL_SYNC_PROTOCOL_VERSION);
  json_object_set_int_member (root, "min_schema", JL_STORE_SCHEMA_VERSION - 1);
  node = json_node_init_object (json_node_alloc (), root);
  text = json_to_string (node, FALSE);
  {
    g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
    respond (msg, 426, body);  /* Upgrade Required: not in libsoup 3.2 */
  }
  return FALSE;
}

/* The request body, gunzipped when it says so, within the size limit. */
static GBytes *
read_body (JlServer           *self,
           SoupServerMessage  *msg,
           GError            **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  g_autoptr(GBytes) raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  if (g_bytes_get_size (raw) > self->config.max_body)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_TOO_LARGE, "request body over %" G_GSIZE_FORMAT " bytes",
                   self->config.max_body);
      return NULL;
    }
  if (encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0)
    return g_steal_pointer (&raw);
  if (g_ascii_strcasecmp (encoding, "gzip") == 0)
    return jl_sync_gunzip (raw, self->config.max_body, error);
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "unsupported Content-Encoding “%s”", encoding);
  return NULL;
}

typedef struct
{
  JlServerUser   *user;
  JlServerDevice *device;
} Auth;

static void
auth_clear (Auth *auth)
{
  g_clear_pointer (&auth->user, jl_server_user_free);
  g_clear_pointer (&auth->device, jl_server_device_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Auth, auth_clear)

/* The device and user of the bearer token; FALSE after answering 401. */
static gboolean
authenticate (JlServer          *self,
              SoupServerMessage *msg,
              Auth              *auth)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;

  if (header != NULL && g_str_has_prefix (header, "Bearer ") && strlen (header + 7) <= 128)
    {
      hash = jl_server_token_hash (header + 7);
      auth->device = self->store->vtable->device_by_token (self->store, hash, &error);
    }
  if (auth->device != NULL && !auth->device->revoked)
    auth->user = self->store->vtable->user_get (self->store, auth->device->user_name, &error);
  if (error != NULL)
    {
      respond_gerror (msg, error);
      return FALSE;
    }
  if (auth->user == NULL || auth->user->disabled)
    {
      g_message ("event=unauthorized path=%s addr=%s device=%s",
                 g_uri_get_path (soup_server_message_get_uri (msg)),
                 soup_server_message_get_remote_host (msg), auth->device ? auth->device->id : "-");
      respond_error (msg, JL_SYNC_ERROR_UNAUTHORIZED,
                     "This device is not signed in (its token is unknown or was revoked). Please log in again.");
      return FALSE;
    }
  return TRUE;
}

/* Endpoints
 */

static void
handle_health (JlServer          *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;

  json_object_set_string_member (root, "status", "ok");
  json_object_set_int_member (root, "protocol", JL_SYNC_PROTOCOL_VERSION);
  json_object_set_string_member (root, "version", PACKAGE_VERSION);
  node = json_node_init_object (json_node_alloc (), root);
  text = json_to_string (node, FALSE);
  body = g_bytes_new (text, strlen (text));
  respond (msg, SOUP_STATUS_OK, body);
}

/* A new device of @user with a fresh token; only the token's hash is
 * stored. */
static JlSyncLoginReply *
register_device (JlServer      *self,
                 JlServerUser  *user,
                 const char    *device_name,
                 gint64         now,
                 GError       **error)
{
  g_autoptr(JlSyncLoginReply) reply = g_new0 (JlSyncLoginReply, 1);
  g_autofree char *hash = NULL;
  JlServerDevice device = { 0 };

  reply->device_id = jl_uuid_v7_new ();
  reply->token = jl_server_new_token ();
  reply->user = g_strdup (user->name);
  reply->role = g_strdup (user->role);
  hash = jl_server_token_hash (reply->token);
  device.id = reply->device_id;
  device.user_id = user->id;
  device.name = (char *) device_name;
  device.created_ms = now;
  if (!self->store->vtable->begin (self->store, TRUE, error))
    return NULL;
  if (!self->store->vtable->device_add (self->store, &device, hash, error) ||
      !self->store->vtable->commit (self->store, error))
    {
      self->store->vtable->rollback (self->store);
      return NULL;
    }
  reply->communities = jl_server_readable_communities (self->store, user, error);
  return reply->communities ? g_steal_pointer (&reply) : NULL;
}

static void
handle_login (JlServer          *self,
              SoupServerMessage *msg)
{
  const char *addr = soup_server_message_get_remote_host (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = read_body (self, msg, &error);
  g_autoptr(JlSyncLogin) login = NULL;
  g_autoptr(JlServerUser) user = NULL;
  g_autoptr(JlSyncLoginReply) reply = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *user_key = NULL;
  gint64 now = server_now (self);
  gboolean ok;

  if (body == NULL || (login = jl_sync_login_decode (body, &error)) == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  user_key = g_strconcat (login->user, "\x1f", addr ? addr : "", NULL);
  if (!jl_rate_limit_allowed (self->user_limit, user_key, now) ||
      !jl_rate_limit_allowed (self->addr_limit, addr ? addr : "", now))
    {
      g_message ("event=login result=rate_limited user=%s addr=%s", login->user, addr);
      respond_error (msg, JL_SYNC_ERROR_RATE_LIMITED, "Too many failed logins; wait a minute and try again.");
      return;
    }

  user = self->store->vtable->user_get (self->store, login->user, &error);
  if (error != NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  if (user != NULL)
    ok = jl_server_verify_password (user->pw_hash, login->password) && !user->disabled;
  else
    {
      jl_server_verify_dummy (login->password);
      ok = FALSE;
    }
  if (!ok)
    {
      jl_rate_limit_fail (self->user_limit, user_key, now);
      jl_rate_limit_fail (self->addr_limit, addr ? addr : "", now);
      g_message ("event=login result=refused user=%s addr=%s", login->user, addr);
      respond_error (msg, JL_SYNC_ERROR_UNAUTHORIZED, "Wrong user name or password.");
      return;
    }
  jl_rate_limit_reset (self->user_limit, user_key);

  reply = register_device (self, user, login->device_name, now, &error);
  if (reply == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  g_message ("event=login result=ok user=%s device=%s addr=%s", user->name, reply->device_id, addr);
  out = jl_sync_login_reply_encode (reply);
  respond (msg, SOUP_STATUS_OK, out);
}

/* What the device may sync now: clients ask at the start of every sync,
 * so a community granted or taken away since the login takes effect. */
static void
handle_account (JlServer          *self,
                SoupServerMessage *msg)
{
  g_auto(Auth) auth = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  JlSyncLoginReply reply = { 0 };
  g_auto(GStrv) communities = NULL;

  if (!authenticate (self, msg, &auth))
    return;
  communities = jl_server_readable_communities (self->store, auth.user, &error);
  if (communities == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  reply.device_id = auth.device->id;
  reply.user = auth.user->name;
  reply.role = auth.user->role;
  reply.communities = communities;
  out = jl_sync_login_reply_encode (&reply);
  respond (msg, SOUP_STATUS_OK, out);
}

static void
handle_push (JlServer          *self,
             SoupServerMessage *msg)
{
  g_auto(Auth) auth = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JlSyncPush) push = NULL;
  g_autoptr(JlSyncPushReply) reply = NULL;
  g_autoptr(GBytes) out = NULL;
  const char *client_time;
  guint counts[JL_SYNC_STATUS_QUARANTINED + 1] = { 0 };
  gint64 start = g_get_monotonic_time ();

  if (!authenticate (self, msg, &auth))
    return;
  if ((body = read_body (self, msg, &error)) == NULL ||
      (push = jl_sync_push_decode (body, &error)) == NULL)
    {
      g_message ("event=bad_request op=push device=%s message=\"%s\"", auth.device->id, error->message);
      respond_gerror (msg, error);
      return;
    }
  client_time = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), JL_SYNC_HEADER_TIME);
  reply = jl_server_sync_push (self->store, auth.user, auth.device, push, server_now (self),
                               client_time ? g_ascii_strtoll (client_time, NULL, 10) : 0, &error);
  if (reply == NULL && g_error_matches (error, JL_SYNC_ERROR, JL_SYNC_ERROR_EPOCH))
    {
      g_autoptr(GBytes) answer = jl_sync_epoch_error_encode (error->message, auth.device->epoch,
                                                              auth.device->last_dseq);

      respond (msg, jl_sync_error_to_http_status (JL_SYNC_ERROR_EPOCH), answer);
      return;
    }
  if (reply == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  for (guint i = 0; i < reply->results->len; i++)
    counts[((JlSyncResult *) reply->results->pdata[i])->status]++;
  g_message ("event=push user=%s device=%s changes=%u applied=%u superseded=%u duplicate=%u quarantined=%u"
             " skew_ms=%" G_GINT64_FORMAT " ms=%" G_GINT64_FORMAT,
             auth.user->name, auth.device->id, push->changes->len, counts[JL_SYNC_STATUS_APPLIED],
             counts[JL_SYNC_STATUS_SUPERSEDED], counts[JL_SYNC_STATUS_DUPLICATE],
             counts[JL_SYNC_STATUS_QUARANTINED], auth.device->skew_ms, (g_get_monotonic_time () - start) / 1000);
  out = jl_sync_push_reply_encode (reply);
  respond (msg, SOUP_STATUS_OK, out);
}

/* A query parameter as an integer within [min, max], or @fallback when
 * absent; FALSE when it is not a number in range. */
static gboolean
query_int (GHashTable *query,
           const char *name,
           gint64      min,
           gint64      max,
           gint64      fallback,
           gint64     *out)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  char *end = NULL;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  errno = 0;
  *out = g_ascii_strtoll (text, &end, 10);
  return errno == 0 && end != text && *end == '\0' && *out >= min && *out <= max;
}

static void
handle_pull (JlServer          *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_auto(Auth) auth = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JlSyncPage) page = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *community = NULL;
  const char *text = query ? g_hash_table_lookup (query, "community") : NULL;
  gint64 after, limit;

  if (!authenticate (self, msg, &auth))
    return;
  if (text == NULL || !jl_uuid_is_valid (text))
    {
      respond_error (msg, JL_SYNC_ERROR_BAD_MESSAGE, "pull: “community” must be a UUID");
      return;
    }
  if (!query_int (query, "after", 0, G_MAXINT64, 0, &after) ||
      !query_int (query, "limit", 1, JL_SYNC_PAGE_MAX, JL_SYNC_PAGE_DEFAULT, &limit))
    {
      respond_error (msg, JL_SYNC_ERROR_BAD_MESSAGE, "pull: “after” and “limit” must be numbers in range");
      return;
    }
  community = g_ascii_strdown (text, -1);
  page = jl_server_sync_pull (self->store, auth.user, community, after, (guint) limit, server_now (self), &error);
  if (page == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  g_message ("event=pull user=%s device=%s community=%s after=%" G_GINT64_FORMAT " rows=%u has_more=%d",
             auth.user->name, auth.device->id, community, after, page->rows->len, page->has_more);
  out = jl_sync_page_encode (page);
  respond (msg, SOUP_STATUS_OK, out);
}

/* Attachments' bytes: jl-server-blob.c, after the same authentication. */
static void
handle_blob (JlServer          *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  g_auto(Auth) auth = { 0 };

  if (authenticate (self, msg, &auth))
    jl_server_blob_handle (self->store, self->config.blob_dir, self->config.blob_max, msg, path, query,
                           auth.user, auth.device);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  JlServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean post = strcmp (method, "POST") == 0;
  gboolean get = strcmp (method, "GET") == 0;

  if (strcmp (path, "/health") == 0 && get)
    handle_health (self, msg);
  else if (strcmp (path, "/sync/v1/login") == 0 && post)
    {
      if (check_versions (msg))
        handle_login (self, msg);
    }
  else if (strcmp (path, "/sync/v1/account") == 0 && get)
    {
      if (check_versions (msg))
        handle_account (self, msg);
    }
  else if (strcmp (path, "/sync/v1/push") == 0 && post)
    {
      if (check_versions (msg))
        handle_push (self, msg);
    }
  else if (strcmp (path, "/sync/v1/pull") == 0 && get)
    {
      if (check_versions (msg))
        handle_pull (self, msg, query);
    }
  else if (g_str_has_prefix (path, JL_SERVER_BLOB_PATH) && self->config.blob_dir != NULL &&
           (get || strcmp (method, "HEAD") == 0 || strcmp (method, "PUT") == 0))
    {
      if (check_versions (msg))
        handle_blob (self, msg, path, query);
    }
  else
    {
      g_autoptr(GBytes) body = jl_sync_error_encode ("not_found", "no such endpoint or method");
      respond (msg, SOUP_STATUS_NOT_FOUND, body);
    }
}

/* Before the body is read: refuse bodies that are too large, or whose
 * size is not announced, without reading them. */
static void
handle_early (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  JlServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  /* PUT is a blob chunk: at most 1 MiB. */
  gboolean put = strcmp (soup_server_message_get_method (msg), "PUT") == 0;
  gsize max_body = put ? JL_BLOB_CHUNK_MAX : self->config.max_body;

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0 && !put)
    return;
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      g_autoptr(GBytes) body = jl_sync_error_encode ("bad_request", "a Content-Length is required");
      respond (msg, SOUP_STATUS_LENGTH_REQUIRED, body);
    }
  else if ((guint64) soup_message_headers_get_content_length (headers) > max_body)
    {
      g_message ("event=too_large path=%s addr=%s bytes=%" G_GINT64_FORMAT, path,
                 soup_server_message_get_remote_host (msg), soup_message_headers_get_content_length (headers));
      respond_error (msg, JL_SYNC_ERROR_TOO_LARGE, "request body too large");
    }
}

/* Setup
 */

JlServer *
jl_server_new (JlServerStore        *store,
               const JlServerConfig *config)
{
  JlServer *self = g_new0 (JlServer, 1);

  self->store = store;
  self->config.listen = g_strdup (config->listen ? config->listen : "127.0.0.1");
  self->config.port = config->port;
  self->config.allow_remote_plain = config->allow_remote_plain;
  self->config.tls_cert = g_strdup (config->tls_cert);
  self->config.tls_key = g_strdup (config->tls_key);
  self->config.max_body = config->max_body ? config->max_body : JL_SYNC_MAX_REQUEST_BYTES;
  self->config.test_clock_file = g_strdup (config->test_clock_file);
  self->config.blob_dir = g_strdup (config->blob_dir);
  self->config.blob_max = config->blob_max > 0 ? config->blob_max : JL_SERVER_BLOB_MAX_BYTES;
  self->user_limit = jl_rate_limit_new (LOGIN_FAILURES_PER_USER, LOGIN_WINDOW_MS);
  self->addr_limit = jl_rate_limit_new (LOGIN_FAILURES_PER_ADDR, LOGIN_WINDOW_MS);
  return self;
}

void
jl_server_free (JlServer *self)
{
  if (self == NULL)
    return;
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  jl_rate_limit_free (self->user_limit);
  jl_rate_limit_free (self->addr_limit);
  g_free (self->config.listen);
  g_free (self->config.tls_cert);
  g_free (self->config.tls_key);
  g_free (self->config.test_clock_file);
  g_free (self->config.blob_dir);
  g_free (self);
}

/* soup_server_listen keeps GLib's listen backlog of 10: a few hundred
 * clients connecting at once overflow it, and the overflow gets
 * connection resets or seconds of SYN retries (bench-server-load). */
#define LISTEN_BACKLOG 1024

static gboolean
listen_with_backlog (JlServer                 *self,
                     GSocketAddress           *address,
                     SoupServerListenOptions   options,
                     GError                  **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  return g_socket_bind (socket, address, TRUE, error) &&
         g_socket_listen (socket, error) &&
         soup_server_listen_socket (self->soup, socket, options, error);
}

gboolean
jl_server_listen (JlServer  *self,
                  GError   **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->config.listen);
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  gboolean tls = self->config.tls_cert != NULL;

  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address",
                   self->config.listen);
      return FALSE;
    }
  if (!tls && !g_inet_address_get_is_loopback (address) && !self->config.allow_remote_plain)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "refusing plain HTTP on %s: configure a TLS certificate (--tls-cert, --tls-key), listen on "
                   "127.0.0.1 behind a TLS proxy, or pass --allow-remote-plain-http", self->config.listen);
      return FALSE;
    }
  if (tls)
    {
      cert = g_tls_certificate_new_from_files (self->config.tls_cert,
                                               self->config.tls_key ? self->config.tls_key : self->config.tls_cert,
                                               error);
      if (cert == NULL)
        return FALSE;
    }

  self->soup = soup_server_new ("server-header", "jinlin-server/" PACKAGE_VERSION,
                                "tls-certificate", cert, NULL);
  soup_server_add_early_handler (self->soup, "/sync/v1", handle_early, self, NULL);
  /* Early and normal handlers match up by path: both are needed on
   * /sync/v1 for both to run there. */
  soup_server_add_handler (self->soup, "/sync/v1", handle_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);

  socket_address = g_inet_socket_address_new (address, (guint16) self->config.port);
  return listen_with_backlog (self, socket_address, tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

char *
jl_server_get_url (JlServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  char *url = uris ? g_uri_to_string (uris->data) : NULL;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}
