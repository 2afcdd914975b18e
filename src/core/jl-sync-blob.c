/* jl-sync-blob.c: moving the bytes of attachments to and from the server
 *
 * Per blob named by a live attachment of the account's communities:
 *
 *  - here complete → upload: HEAD tells how many bytes the server has;
 *    PUT ?offset=N sends the next chunk from there. A 409 (someone else
 *    moved it on) resumes from the count it returns. A 404 means the
 *    server knows no attachment of ours naming it yet (its record is
 *    still in the outbox): pending, not an error.
 *  - not here → download: GET with a Range from the size of the partial
 *    file, appended and fsynced chunk by chunk; at the end the SHA-256 is
 *    checked before the file is moved into place. A 404 means it is not
 *    uploaded yet: pending.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlSync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jl-attachment.h"
#include "jl-blob-store.h"
#include "jl-store-private.h"
#include "jl-sync-blob.h"
#include "jl-sync-client-private.h"

#define HEADER_RECEIVED "X-Jinlin-Blob-Received"
/* A 409 more often than this in one blob means something is wrong. */
#define MAX_RESYNCS     3

typedef struct
{
  JlSyncClient *client;
  SoupSession  *session;
  char         *server_url;
  char         *token;
  char         *dir;
  gint64        budget;     /* 0: none */
  gint64        spent;
  JlBlobStats  *stats;
  GCancellable *cancellable;
} Transfer;

static void
transfer_clear (Transfer *t)
{
  g_clear_object (&t->session);
  g_clear_pointer (&t->server_url, g_free);
  if (t->token != NULL)
    memset (t->token, 0, strlen (t->token));
  g_clear_pointer (&t->token, g_free);
  g_clear_pointer (&t->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Transfer, transfer_clear)

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;   /* response headers */
} Reply;

static void
reply_clear (Reply *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* One request; FALSE only when no answer came (network, cancelled). */
static gboolean
call (Transfer    *t,
      const char  *method,
      const char  *sha,
      gint64       offset,
      GBytes      *body,
      const char  *range,
      Reply       *reply,
      GError     **error)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *schema = g_strdup_printf ("%d", JL_STORE_SCHEMA_VERSION);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, _jl_store_wall_ms ());
  g_autofree char *auth = g_strconcat ("Bearer ", t->token, NULL);
  SoupMessageHeaders *headers;

  url = offset >= 0
    ? g_strdup_printf ("%ssync/v1/blobs/%s?offset=%" G_GINT64_FORMAT, t->server_url, sha, offset)
    : g_strdup_printf ("%ssync/v1/blobs/%s", t->server_url, sha);
  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK, _("“%s” is not a server address"), url);
      return FALSE;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, JL_SYNC_HEADER_PROTOCOL, G_STRINGIFY (JL_SYNC_PROTOCOL_VERSION));
  soup_message_headers_replace (headers, JL_SYNC_HEADER_SCHEMA, schema);
  soup_message_headers_replace (headers, JL_SYNC_HEADER_TIME, now);
  soup_message_headers_replace (headers, "Authorization", auth);
  if (range != NULL)
    soup_message_headers_replace (headers, "Range", range);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);

  reply->body = soup_session_send_and_read (t->session, msg, t->cancellable, &local_error);
  if (reply->body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_NETWORK, "%s (%s)",
                     _("The server cannot be reached."), local_error->message);
      return FALSE;
    }
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return TRUE;
}

/* An answer that is neither success nor "not there yet". */
static gboolean
reply_error (Reply       *reply,
             const char  *sha,
             GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  JlSyncError kind;

  switch (reply->status)
    {
    case 401: kind = JL_SYNC_ERROR_UNAUTHORIZED; break;
    case 403: kind = JL_SYNC_ERROR_FORBIDDEN; break;
    case 413: kind = JL_SYNC_ERROR_TOO_LARGE; break;
    case 426: kind = JL_SYNC_ERROR_UPGRADE; break;
    case 400: kind = JL_SYNC_ERROR_BAD_MESSAGE; break;
    case 502: case 503: case 504: kind = JL_SYNC_ERROR_NETWORK; break;
    default: kind = JL_SYNC_ERROR_SERVER; break;
    }
  jl_sync_error_decode (reply->body, &code, &message);
  g_set_error (error, JL_SYNC_ERROR, kind, _("Transferring the file %.12s… failed (HTTP %u%s%s)"), sha,
               reply->status, message ? ": " : "", message ? message : "");
  return FALSE;
}

static gint64
header_int (Reply      *reply,
            const char *name)
{
  const char *text = soup_message_headers_get_one (reply->headers, name);

  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static gboolean
budget_left (Transfer *t)
{
  return t->budget <= 0 || t->spent < t->budget;
}

typedef enum
{
  MOVED,     /* complete on both sides */
  PENDING,   /* not possible yet, or budget used up */
  REFUSED,   /* bytes did not match; discarded */
  FAILED,    /* @error set: stop the run */
} Outcome;

static Outcome
upload (Transfer    *t,
        const char  *sha,
        gint64       size,
        GError     **error)
{
  g_auto(Reply) head = { 0 };
  gint64 received;
  guint resyncs = 0;

  if (!call (t, "HEAD", sha, -1, NULL, NULL, &head, error))
    return FAILED;
  if (head.status == 404)
    return PENDING;
  if (head.status != 200)
    {
      reply_error (&head, sha, error);
      return FAILED;
    }
  received = header_int (&head, HEADER_RECEIVED);
  if (received < 0 || received > size)
    received = 0;

  while (received < size)
    {
      g_auto(Reply) put = { 0 };
      g_autoptr(GBytes) chunk = NULL;
      gsize len = (gsize) MIN ((gint64) JL_BLOB_CHUNK_MAX, size - received);
      g_autoptr(GError) local_error = NULL;

      if (!budget_left (t))
        return PENDING;
      chunk = jl_blob_read (t->dir, sha, received, len, &local_error);
      if (chunk == NULL || g_bytes_get_size (chunk) != len)
        {
          /* The local file is damaged or gone: nothing to send. */
          g_message ("blob %s: %s", sha, local_error ? local_error->message : "shorter than its size");
          return REFUSED;
        }
      if (!call (t, "PUT", sha, received, chunk, NULL, &put, error))
        return FAILED;
      t->spent += (gint64) len;
      t->stats->bytes_sent += (gint64) len;
      if (put.status == 409 && resyncs++ < MAX_RESYNCS)
        {
          gint64 there = header_int (&put, HEADER_RECEIVED);

          received = there >= 0 && there <= size ? there : 0;
          continue;
        }
      if (put.status == 400)
        {
          g_message ("blob %s refused by the server: the bytes do not match", sha);
          return REFUSED;
        }
      if (put.status == 404)
        return PENDING;
      if (put.status == 413)
        {
          /* This server keeps smaller files: skip it, move the others. */
          g_message ("blob %s (%" G_GINT64_FORMAT " bytes) is over the server's limit", sha, size);
          return REFUSED;
        }
      if (put.status != 200)
        {
          reply_error (&put, sha, error);
          return FAILED;
        }
      received += (gint64) len;
      {
        gint64 there = header_int (&put, HEADER_RECEIVED);

        if (there >= 0 && there <= size)
          received = there;
      }
    }
  return MOVED;
}

static Outcome
download (Transfer    *t,
          const char  *sha,
          gint64       size,
          GError     **error)
{
  gint64 have = jl_blob_partial_size (t->dir, sha);

  if (have > size)
    {
      jl_blob_partial_discard (t->dir, sha);
      have = 0;
    }

  while (have < size)
    {
      g_auto(Reply) get = { 0 };
      g_autofree char *range = NULL;
      gint64 end = MIN (have + JL_BLOB_CHUNK_MAX, size) - 1;
      goffset start = -1, stop = -1, total = -1;
      gsize len = 0;
      gconstpointer data;

      if (!budget_left (t))
        return PENDING;
      range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, have, end);
      if (!call (t, "GET", sha, -1, NULL, range, &get, error))
        return FAILED;
      if (get.status == 404)
        return PENDING;
      if (get.status != 206)
        {
          reply_error (&get, sha, error);
          return FAILED;
        }
      data = g_bytes_get_data (get.body, &len);
      if (!soup_message_headers_get_content_range (get.headers, &start, &stop, &total) ||
          start != have || total != size || len == 0 || (gint64) len != stop - start + 1)
        {
          g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE,
                       _("Transferring the file %.12s… failed (the server sent another part than asked)"), sha);
          return FAILED;
        }
      if (!jl_blob_partial_append (t->dir, sha, have, data, len, error))
        return FAILED;
      have += (gint64) len;
      t->spent += (gint64) len;
      t->stats->bytes_received += (gint64) len;
    }

  {
    g_autoptr(GError) local_error = NULL;

    /* An empty file has no chunk: the partial file starts (and ends) empty. */
    if (size == 0 && !jl_blob_partial_append (t->dir, sha, 0, "", 0, error))
      return FAILED;
    if (!jl_blob_partial_finish (t->dir, sha, size, &local_error))
      {
        if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
          {
            g_message ("blob %s: %s", sha, local_error->message);
            return REFUSED;
          }
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FAILED;
      }
  }
  return MOVED;
}

/* The blobs named by live attachments of @communities: sha → size
 * (a gint64*). */
static GHashTable *
wanted_blobs (JlStore             *store,
              const char *const   *communities,
              GError             **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint c = 0; communities != NULL && communities[c] != NULL; c++)
    {
      JlQuery query = { .community_id = communities[c] };
      g_autoptr(GPtrArray) list = jl_store_list (store, "attachment", &query, error);

      if (list == NULL)
        return NULL;
      for (guint i = 0; i < list->len; i++)
        {
          const char *sha = jl_record_get_string (list->pdata[i], "sha256");
          gint64 size = jl_record_get_int (list->pdata[i], "size", -1);

          if (jl_blob_hash_is_valid (sha) && size >= 0)
            g_hash_table_insert (wanted, g_strdup (sha), g_memdup2 (&size, sizeof size));
        }
    }
  return g_steal_pointer (&wanted);
}

gboolean
jl_sync_client_transfer_blobs_sync (JlSyncClient  *self,
                                    gint64         byte_budget,
                                    JlBlobStats   *stats,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_auto(Transfer) t = { 0 };
  g_auto(GStrv) communities = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GList) shas = NULL;
  JlBlobStats local = { 0 };
  JlStore *store;

  g_return_val_if_fail (JL_IS_SYNC_CLIENT (self), FALSE);

  if (stats == NULL)
    stats = &local;
  memset (stats, 0, sizeof *stats);
  store = jl_sync_client_get_store (self);
  t.client = self;
  t.budget = byte_budget;
  t.stats = stats;
  t.cancellable = cancellable;
  t.dir = jl_store_blob_dir (store);
  t.session = _jl_sync_client_open (self, &t.server_url, &t.token, &communities, error);
  if (t.session == NULL)
    return FALSE;
  wanted = wanted_blobs (store, (const char *const *) communities, error);
  if (wanted == NULL)
    return FALSE;

  /* The same order every run, so a budget moves one blob to the end
   * before starting the next. */
  shas = g_list_sort (g_hash_table_get_keys (wanted), (GCompareFunc) strcmp);
  for (GList *l = shas; l != NULL; l = l->next)
    {
      const char *sha = l->data;
      gint64 size = *(gint64 *) g_hash_table_lookup (wanted, sha);
      gboolean here = jl_blob_has (t.dir, sha, size);
      gint64 sent_before = stats->bytes_sent;
      Outcome outcome = here ? upload (&t, sha, size, error) : download (&t, sha, size, error);

      switch (outcome)
        {
        case MOVED:
          if (here)
            stats->uploaded += stats->bytes_sent > sent_before;   /* not when the server had it */
          else
            stats->downloaded++;
          break;
        case PENDING:
          stats->pending++;
          break;
        case REFUSED:
          stats->failed++;
          break;
        case FAILED:
        default:
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  gint64      budget;
  JlBlobStats stats;
} TransferData;

static void
transfer_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TransferData *data = task_data;
  GError *error = NULL;

  if (jl_sync_client_transfer_blobs_sync (source, data->budget, &data->stats, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
jl_sync_client_transfer_blobs_async (JlSyncClient        *self,
                                     gint64               byte_budget,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TransferData *data;

  g_return_if_fail (JL_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jl_sync_client_transfer_blobs_async);
  data = g_new0 (TransferData, 1);
  data->budget = byte_budget;
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, transfer_thread);
}

gboolean
jl_sync_client_transfer_blobs_finish (JlSyncClient  *self,
                                      GAsyncResult  *result,
                                      JlBlobStats   *stats,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (stats != NULL)
    *stats = ((TransferData *) g_task_get_task_data (G_TASK (result)))->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}
