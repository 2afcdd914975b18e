/* jl-server-blob.c: the blob endpoints of jinlin-server
 *
 * Who may touch a blob follows from the attachment rows the server
 * already holds: the rows of kind "attachment" whose sha256 field names
 * it. A device may read the blob when one of those rows is in a community
 * it may read, and upload it when one is in a community it may write; the
 * size it must reach is that row's size. Anything else is the same 404 as
 * an unknown blob, so nothing is learnt about other communities.
 *
 * Bytes go to DIR/partial/SHA (appended, fsynced per chunk) and, once the
 * size is reached and the SHA-256 matches, to DIR/ab/SHA; a mismatch
 * discards the partial file and is answered 400.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "jl-blob-store.h"
#include "jl-server-blob.h"
#include "jl-server-sync.h"

#define HEADER_SIZE     "X-Jinlin-Blob-Size"
#define HEADER_RECEIVED "X-Jinlin-Blob-Received"

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonObject        *root)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), root);
  char *text = json_to_string (node, FALSE);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_string_member (root, "error", code);
  json_object_set_string_member (root, "message", message);
  respond_json (msg, status, root);
}

/* The value of @field in a server row ({field: {"value": …}}), or NULL. */
static JsonNode *
row_value (JlServerRow *row,
           const char  *field)
{
  JsonNode *f = json_object_get_member (row->fields, field);

  if (f == NULL || !JSON_NODE_HOLDS_OBJECT (f))
    return NULL;
  return json_object_get_member (json_node_get_object (f), "value");
}

static gint64
row_int (JlServerRow *row,
         const char  *field)
{
  JsonNode *value = row_value (row, field);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (value);
}

static const char *
row_string (JlServerRow *row,
            const char  *field)
{
  JsonNode *value = row_value (row, field);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

static void
set_progress_headers (SoupServerMessage *msg,
                      gint64             size,
                      gint64             received)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  g_autofree char *r = g_strdup_printf ("%" G_GINT64_FORMAT, received);

  soup_message_headers_replace (headers, HEADER_SIZE, s);
  soup_message_headers_replace (headers, HEADER_RECEIVED, r);
}

static void
respond_progress (SoupServerMessage *msg,
                  gint64             size,
                  gint64             received)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_int_member (root, "size", size);
  json_object_set_int_member (root, "received", received);
  json_object_set_boolean_member (root, "complete", received == size);
  set_progress_headers (msg, size, received);
  respond_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_get (const char        *dir,
            SoupServerMessage *msg,
            const char        *sha,
            JlServerRow       *row,
            gint64             size)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  const char *mime = row_string (row, "mime_type");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupRange *ranges = NULL;
  int n_ranges = 0;
  gint64 start = 0, len = size;
  guint status = SOUP_STATUS_OK;

  if (!jl_blob_has (dir, sha, size))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "the file of this attachment is not uploaded yet");
      return;
    }
  if (soup_message_headers_get_ranges (req, size, &ranges, &n_ranges))
    {
      if (n_ranges != 1)
        {
          soup_message_headers_free_ranges (req, ranges);
          respond_error (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, "bad_request",
                         "one byte range per request");
          return;
        }
      start = ranges[0].start;
      len = ranges[0].end - ranges[0].start + 1;
      soup_message_headers_free_ranges (req, ranges);
      status = SOUP_STATUS_PARTIAL_CONTENT;
    }
  else if (soup_message_headers_get_one (req, "Range") != NULL)
    {
      g_autofree char *total = g_strdup_printf ("bytes */%" G_GINT64_FORMAT, size);

      soup_message_headers_replace (resp, "Content-Range", total);
      respond_error (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, "bad_request", "byte range out of the file");
      return;
    }

  bytes = jl_blob_read (dir, sha, start, (gsize) len, &error);
  if (bytes == NULL || (gint64) g_bytes_get_size (bytes) != len)
    {
      g_warning ("event=error op=blob_get sha256=%s message=\"%s\"", sha, error ? error->message : "short read");
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server", "internal server error");
      return;
    }
  if (status == SOUP_STATUS_PARTIAL_CONTENT)
    soup_message_headers_set_content_range (resp, start, start + len - 1, size);
  soup_message_headers_replace (resp, "Accept-Ranges", "bytes");
  soup_message_headers_replace (resp, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  {
    gsize n = 0;
    gconstpointer data = g_bytes_get_data (bytes, &n);

    soup_server_message_set_response (msg, mime ? mime : "application/octet-stream", SOUP_MEMORY_COPY, data, n);
  }
}

static void
handle_put (const char        *dir,
            gint64             max_size,
            SoupServerMessage *msg,
            GHashTable        *query,
            const char        *sha,
            gint64             size,
            const char        *user_name)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  const char *encoding = soup_message_headers_get_one (req, "Content-Encoding");
  const char *text = query ? g_hash_table_lookup (query, "offset") : NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 offset, received;
  char *end = NULL;
  gsize len = 0;
  gconstpointer data;

  if (size > max_size)
    {
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                     "the attachment is larger than this server keeps");
      return;
    }
  if (jl_blob_has (dir, sha, size))
    {
      /* A retried last chunk, or the same file attached elsewhere. */
      respond_progress (msg, size, size);
      return;
    }
  errno = 0;
  offset = text ? g_ascii_strtoll (text, &end, 10) : -1;
  if (text == NULL || errno != 0 || end == text || *end != '\0' || offset < 0)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "blob: “offset” must be a whole number");
      return;
    }
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "identity") != 0)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "blob chunks are sent without Content-Encoding");
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &len);
  if (len == 0 || len > JL_BLOB_CHUNK_MAX || offset + (gint64) len > size)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                     "blob: a chunk holds 1 byte to 1 MiB and ends within the attachment's size");
      return;
    }
  received = jl_blob_partial_size (dir, sha);
  if (offset != received)
    {
      /* The client resumes from what is here (it asks with HEAD). */
      set_progress_headers (msg, size, received);
      respond_error (msg, SOUP_STATUS_CONFLICT, "offset", "blob: the chunk does not start where the upload stands");
      return;
    }
  if (!jl_blob_partial_append (dir, sha, offset, data, len, &error))
    {
      g_warning ("event=error op=blob_put sha256=%s message=\"%s\"", sha, error->message);
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server", "internal server error");
      return;
    }
  received = offset + (gint64) len;
  if (received == size && !jl_blob_partial_finish (dir, sha, size, &error))
    {
      g_message ("event=blob op=refused user=%s sha256=%s message=\"%s\"", user_name, sha, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                       "the uploaded bytes do not match the attachment's SHA-256; they were discarded");
      else
        respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server", "internal server error");
      return;
    }
  if (received == size)
    g_message ("event=blob op=complete user=%s sha256=%s bytes=%" G_GINT64_FORMAT, user_name, sha, size);
  respond_progress (msg, size, received);
}

void
jl_server_blob_handle (JlServerStore     *store,
                       const char        *dir,
                       gint64             max_size,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       JlServerUser      *user,
                       JlServerDevice    *device)
{
  const char *method = soup_server_message_get_method (msg);
  const char *sha = path + strlen (JL_SERVER_BLOB_PATH);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) readable = NULL;
  JlServerRow *read_row = NULL, *write_row = NULL;
  gboolean put = strcmp (method, "PUT") == 0;
  gint64 size;

  if (!jl_blob_hash_is_valid (sha))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "blob: the name must be a SHA-256 in lower-case hex");
      return;
    }
  /* A storage backend without the lookup keeps no blobs. */
  if (store->vtable->attachments_by_sha256 == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "server", "this server's storage keeps no attachments");
      return;
    }
  rows = store->vtable->attachments_by_sha256 (store, sha, &error);
  if (rows != NULL)
    readable = jl_server_readable_communities (store, user, &error);
  if (rows == NULL || readable == NULL)
    {
      g_warning ("event=error op=blob message=\"%s\"", error ? error->message : "?");
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server", "internal server error");
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      JlServerRow *row = rows->pdata[i];

      if (row_int (row, "size") < 0)
        continue;
      if (read_row == NULL && g_strv_contains ((const char *const *) readable, row->community_id))
        read_row = row;
      if (write_row == NULL && jl_server_can_write (user, row->community_id))
        write_row = row;
    }
  if (read_row == NULL || (put && write_row == NULL))
    {
      g_message ("event=blob op=%s result=not_found user=%s device=%s sha256=%s", method, user->name,
                 device->id, sha);
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "no attachment of your communities has this file");
      return;
    }

  if (put)
    {
      handle_put (dir, max_size, msg, query, sha, row_int (write_row, "size"), user->name);
      return;
    }
  size = row_int (read_row, "size");
  if (strcmp (method, "HEAD") == 0)
    {
      set_progress_headers (msg, size, jl_blob_has (dir, sha, size) ? size : jl_blob_partial_size (dir, sha));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    }
  handle_get (dir, msg, sha, read_row, size);
}
