/* jl-sync-protocol.c: the messages of sync protocol 1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlSync"

#include "config.h"

#include <string.h>

#include "jl-sync-protocol.h"
#include "jl-uuid.h"

G_DEFINE_QUARK (jl-sync-error-quark, jl_sync_error)

/* Longest names, user names, passwords, device names and tokens. */
#define MAX_NAME_LEN     64
#define MAX_USER_LEN     64
#define MAX_PASSWORD_LEN 1024
#define MAX_DEVICE_LEN   100
#define MAX_TOKEN_LEN    128
#define MAX_HASH_LEN     64
#define MAX_MESSAGE_LEN  2000

static const struct
{
  JlSyncError  error;
  const char  *code;
  guint        http_status;
} error_codes[] = {
  { JL_SYNC_ERROR_BAD_MESSAGE, "bad_request", 400 },
  { JL_SYNC_ERROR_TOO_LARGE, "too_large", 413 },
  { JL_SYNC_ERROR_UNAUTHORIZED, "unauthorized", 401 },
  { JL_SYNC_ERROR_FORBIDDEN, "forbidden", 403 },
  { JL_SYNC_ERROR_UPGRADE, "upgrade", 426 },
  { JL_SYNC_ERROR_RATE_LIMITED, "rate_limited", 429 },
  { JL_SYNC_ERROR_EPOCH, "epoch", 409 },
  { JL_SYNC_ERROR_CURSOR_TOO_OLD, "cursor_too_old", 410 },
  { JL_SYNC_ERROR_DIVERGED, "diverged", 500 },
  { JL_SYNC_ERROR_DEMO_DATA, "demo_data", 400 },
  { JL_SYNC_ERROR_SERVER, "server", 500 },
  { JL_SYNC_ERROR_NETWORK, "network", 503 },
  { JL_SYNC_ERROR_NOT_LOGGED_IN, "not_logged_in", 401 },
};

const char *
jl_sync_error_to_code (JlSyncError error)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    if (error_codes[i].error == error)
      return error_codes[i].code;
  return "server";
}

JlSyncError
jl_sync_error_from_code (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (error_codes); i++)
    if (strcmp (error_codes[i].code, code) == 0)
      return error_codes[i].error;
  return JL_SYNC_ERROR_SERVER;
}

guint
jl_sync_error_to_http_status (JlSyncError error)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    if (error_codes[i].error == error)
      return error_codes[i].http_status;
  return 500;
}

static const char *const status_names[] = { "applied", "superseded", "duplicate", "quarantined" };

const char *
jl_sync_status_to_string (JlSyncStatus status)
{
  g_return_val_if_fail (status <= JL_SYNC_STATUS_QUARANTINED, "applied");
  return status_names[status];
}

/* Constructors and destructors
 */

JlSyncChange *
jl_sync_change_new (void)
{
  return g_new0 (JlSyncChange, 1);
}

void
jl_sync_change_free (JlSyncChange *change)
{
  if (change == NULL)
    return;
  g_free (change->change_id);
  g_free (change->community_id);
  g_free (change->kind);
  g_free (change->row_id);
  g_free (change->field);
  g_clear_pointer (&change->value, json_node_unref);
  g_free (change);
}

JlSyncPush *
jl_sync_push_new (const char *device_id)
{
  JlSyncPush *push = g_new0 (JlSyncPush, 1);

  push->device_id = g_strdup (device_id);
  push->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_change_free);
  return push;
}

void
jl_sync_push_free (JlSyncPush *push)
{
  if (push == NULL)
    return;
  g_free (push->device_id);
  g_ptr_array_unref (push->changes);
  g_free (push);
}

JlSyncResult *
jl_sync_result_new (const char   *change_id,
                    JlSyncStatus  status)
{
  JlSyncResult *result = g_new0 (JlSyncResult, 1);

  result->change_id = g_strdup (change_id);
  result->status = status;
  return result;
}

void
jl_sync_result_free (JlSyncResult *result)
{
  if (result == NULL)
    return;
  g_free (result->change_id);
  g_free (result->device);
  g_clear_pointer (&result->winner, json_node_unref);
  g_free (result);
}

JlSyncPushReply *
jl_sync_push_reply_new (void)
{
  JlSyncPushReply *reply = g_new0 (JlSyncPushReply, 1);

  reply->results = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_result_free);
  return reply;
}

void
jl_sync_push_reply_free (JlSyncPushReply *reply)
{
  if (reply == NULL)
    return;
  g_ptr_array_unref (reply->results);
  g_free (reply);
}

/**
 * jl_sync_field_new:
 * @value: (transfer full) (nullable): the value; %NULL means JSON null
 */
JlSyncField *
jl_sync_field_new (const char *name,
                   JsonNode   *value,
                   gint64      ver,
                   JlHlc       hlc,
                   const char *device)
{
  JlSyncField *field = g_new0 (JlSyncField, 1);

  field->name = g_strdup (name);
  field->value = value ? value : json_node_init_null (json_node_alloc ());
  field->ver = ver;
  field->hlc = hlc;
  field->device = g_strdup (device ? device : "");
  return field;
}

void
jl_sync_field_free (JlSyncField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_clear_pointer (&field->value, json_node_unref);
  g_free (field->device);
  g_free (field);
}

JlSyncRow *
jl_sync_row_new (const char *kind,
                 const char *row_id)
{
  JlSyncRow *row = g_new0 (JlSyncRow, 1);

  row->kind = g_strdup (kind);
  row->row_id = g_strdup (row_id);
  row->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_field_free);
  return row;
}

void
jl_sync_row_free (JlSyncRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->row_id);
  g_ptr_array_unref (row->fields);
  g_free (row);
}

JlSyncField *
jl_sync_row_get_field (JlSyncRow  *row,
                       const char *name)
{
  for (guint i = 0; i < row->fields->len; i++)
    {
      JlSyncField *f = row->fields->pdata[i];

      if (strcmp (f->name, name) == 0)
        return f;
    }
  return NULL;
}

JlSyncPage *
jl_sync_page_new (void)
{
  JlSyncPage *page = g_new0 (JlSyncPage, 1);

  page->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_row_free);
  return page;
}

void
jl_sync_page_free (JlSyncPage *page)
{
  if (page == NULL)
    return;
  g_ptr_array_unref (page->rows);
  g_free (page->hash);
  g_free (page);
}

void
jl_sync_login_free (JlSyncLogin *login)
{
  if (login == NULL)
    return;
  g_free (login->user);
  if (login->password != NULL)
    memset (login->password, 0, strlen (login->password));
  g_free (login->password);
  g_free (login->device_name);
  g_free (login);
}

void
jl_sync_login_reply_free (JlSyncLoginReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->device_id);
  if (reply->token != NULL)
    memset (reply->token, 0, strlen (reply->token));
  g_free (reply->token);
  g_free (reply->user);
  g_free (reply->role);
  g_strfreev (reply->communities);
  g_free (reply);
}

/* Encoding
 */

static GBytes *
node_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  gsize len = 0;
  char *text;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, &len);
  return g_bytes_new_take (text, len);
}

static GBytes *
object_to_bytes (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);

  return node_to_bytes (node);
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node ? json_node_copy (node) : json_node_init_null (json_node_alloc ());
}

static JsonObject *
change_to_object (JlSyncChange *c)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "change_id", c->change_id);
  json_object_set_int_member (o, "dseq", c->dseq);
  json_object_set_string_member (o, "community_id", c->community_id);
  json_object_set_string_member (o, "kind", c->kind);
  json_object_set_string_member (o, "row_id", c->row_id);
  json_object_set_string_member (o, "field", c->field);
  json_object_set_member (o, "value", copy_or_null (c->value));
  json_object_set_int_member (o, "hlc", (gint64) c->hlc);
  json_object_set_int_member (o, "base", c->base);
  return o;
}

GBytes *
jl_sync_push_encode (JlSyncPush *push)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *changes = json_array_new ();

  json_object_set_string_member (root, "device_id", push->device_id);
  json_object_set_int_member (root, "epoch", push->epoch);
  json_object_set_int_member (root, "max_dseq", push->max_dseq);
  for (guint i = 0; i < push->changes->len; i++)
    json_array_add_object_element (changes, change_to_object (push->changes->pdata[i]));
  json_object_set_array_member (root, "changes", changes);
  return object_to_bytes (root);
}

gsize
jl_sync_change_encoded_size (JlSyncChange *change)
{
  g_autoptr(JsonObject) obj = change_to_object (change);
  g_autoptr(GBytes) bytes = object_to_bytes (obj);

  return g_bytes_get_size (bytes) + 1;
}

GBytes *
jl_sync_push_reply_encode (JlSyncPushReply *reply)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *results = json_array_new ();

  for (guint i = 0; i < reply->results->len; i++)
    {
      JlSyncResult *r = reply->results->pdata[i];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "change_id", r->change_id);
      json_object_set_string_member (o, "status", jl_sync_status_to_string (r->status));
      json_object_set_int_member (o, "seq", r->seq);
      json_object_set_int_member (o, "ver", r->ver);
      json_object_set_int_member (o, "hlc", (gint64) r->hlc);
      json_object_set_string_member (o, "device", r->device ? r->device : "");
      if (r->winner != NULL)
        json_object_set_member (o, "winner", json_node_copy (r->winner));
      json_array_add_object_element (results, o);
    }
  json_object_set_array_member (root, "results", results);
  json_object_set_int_member (root, "server_time", reply->server_time);
  if (reply->has_skew_warning)
    json_object_set_int_member (root, "skew_warning", reply->skew_warning);
  return object_to_bytes (root);
}

GBytes *
jl_sync_page_encode (JlSyncPage *page)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < page->rows->len; i++)
    {
      JlSyncRow *row = page->rows->pdata[i];
      JsonObject *o = json_object_new ();
      JsonObject *fields = json_object_new ();

      json_object_set_string_member (o, "kind", row->kind);
      json_object_set_string_member (o, "row_id", row->row_id);
      json_object_set_int_member (o, "row_seq", row->row_seq);
      json_object_set_boolean_member (o, "deleted", row->deleted);
      for (guint j = 0; j < row->fields->len; j++)
        {
          JlSyncField *f = row->fields->pdata[j];
          JsonObject *fo = json_object_new ();

          json_object_set_member (fo, "value", copy_or_null (f->value));
          json_object_set_int_member (fo, "ver", f->ver);
          json_object_set_int_member (fo, "hlc", (gint64) f->hlc);
          json_object_set_string_member (fo, "device", f->device ? f->device : "");
          json_object_set_object_member (fields, f->name, fo);
        }
      json_object_set_object_member (o, "fields", fields);
      json_array_add_object_element (rows, o);
    }
  json_object_set_array_member (root, "rows", rows);
  json_object_set_int_member (root, "next", page->next);
  json_object_set_boolean_member (root, "has_more", page->has_more);
  json_object_set_int_member (root, "server_time", page->server_time);
  if (page->has_summary)
    {
      json_object_set_int_member (root, "count", page->count);
      json_object_set_string_member (root, "hash", page->hash ? page->hash : "");
    }
  return object_to_bytes (root);
}

GBytes *
jl_sync_login_encode (const JlSyncLogin *login)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_string_member (root, "user", login->user);
  json_object_set_string_member (root, "password", login->password);
  if (login->device_name != NULL)
    json_object_set_string_member (root, "device_name", login->device_name);
  return object_to_bytes (root);
}

GBytes *
jl_sync_login_reply_encode (const JlSyncLoginReply *reply)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *communities = json_array_new ();

  json_object_set_string_member (root, "device_id", reply->device_id);
  if (reply->token != NULL)
    json_object_set_string_member (root, "token", reply->token);
  json_object_set_string_member (root, "user", reply->user);
  json_object_set_string_member (root, "role", reply->role);
  for (guint i = 0; reply->communities && reply->communities[i]; i++)
    json_array_add_string_element (communities, reply->communities[i]);
  json_object_set_array_member (root, "communities", communities);
  return object_to_bytes (root);
}

GBytes *
jl_sync_error_encode (const char *code,
                      const char *message)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_string_member (root, "error", code);
  json_object_set_string_member (root, "message", message ? message : "");
  return object_to_bytes (root);
}

GBytes *
jl_sync_epoch_error_encode (const char *message,
                            gint64      epoch,
                            gint64      last_dseq)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_string_member (root, "error", jl_sync_error_to_code (JL_SYNC_ERROR_EPOCH));
  json_object_set_string_member (root, "message", message ? message : "");
  json_object_set_int_member (root, "epoch", epoch);
  json_object_set_int_member (root, "last_dseq", last_dseq);
  return object_to_bytes (root);
}

/* Decoding
 */

static gboolean
bad (GError     **error,
     const char  *what,
     const char  *format,
     ...) G_GNUC_PRINTF (3, 4);

static gboolean
bad (GError     **error,
     const char  *what,
     const char  *format,
     ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "%s: %s", what, detail);
  return FALSE;
}

/* The deepest nesting of arrays and objects in @data, strings skipped;
 * stops counting past @limit. */
static guint
json_depth (const char *data,
            gsize       len,
            guint       limit)
{
  guint depth = 0, max = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len && max <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          max = MAX (max, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return max;
}

JsonObject *
jl_sync_parse_object (GBytes      *body,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len = 0;
  JsonNode *root;

  if (body == NULL)
    {
      bad (error, what, "empty body");
      return NULL;
    }
  data = g_bytes_get_data (body, &len);
  if (len == 0)
    {
      bad (error, what, "empty body");
      return NULL;
    }
  if (len > JL_SYNC_MAX_RESPONSE_BYTES)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_TOO_LARGE,
                   "%s: %" G_GSIZE_FORMAT " bytes is too large", what, len);
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      bad (error, what, "not valid UTF-8");
      return NULL;
    }
  if (json_depth (data, len, JL_SYNC_MAX_DEPTH) > JL_SYNC_MAX_DEPTH)
    {
      bad (error, what, "nested deeper than %d levels", JL_SYNC_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      bad (error, what, "malformed JSON (%s)", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad (error, what, "expected a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  return json_object_has_member (obj, name) ? json_object_get_member (obj, name) : NULL;
}

static gboolean
is_type (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A required string member of at most @max_len bytes (and at least one). */
static const char *
get_string (JsonObject  *obj,
            const char  *name,
            gsize        max_len,
            const char  *what,
            GError     **error)
{
  JsonNode *node = member (obj, name);
  const char *s;

  if (node == NULL)
    {
      bad (error, what, "“%s” is missing", name);
      return NULL;
    }
  if (!is_type (node, G_TYPE_STRING))
    {
      bad (error, what, "“%s” must be a string", name);
      return NULL;
    }
  s = json_node_get_string (node);
  if (*s == '\0' || strlen (s) > max_len)
    {
      bad (error, what, "“%s” must be 1 to %" G_GSIZE_FORMAT " bytes long", name, max_len);
      return NULL;
    }
  return s;
}

static gboolean
get_int (JsonObject  *obj,
         const char  *name,
         gint64       min,
         gint64      *out,
         const char  *what,
         GError     **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL)
    return bad (error, what, "“%s” is missing", name);
  if (!is_type (node, G_TYPE_INT64))
    return bad (error, what, "“%s” must be an integer", name);
  *out = json_node_get_int (node);
  if (*out < min)
    return bad (error, what, "“%s” must be at least %" G_GINT64_FORMAT, name, min);
  return TRUE;
}

static gboolean
get_bool (JsonObject  *obj,
          const char  *name,
          gboolean    *out,
          const char  *what,
          GError     **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL)
    return bad (error, what, "“%s” is missing", name);
  if (!is_type (node, G_TYPE_BOOLEAN))
    return bad (error, what, "“%s” must be true or false", name);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static char *
get_uuid (JsonObject  *obj,
          const char  *name,
          const char  *what,
          GError     **error)
{
  const char *s = get_string (obj, name, JL_UUID_STRING_LEN, what, error);

  if (s == NULL)
    return NULL;
  if (!jl_uuid_is_valid (s))
    {
      bad (error, what, "“%s” must be a UUID", name);
      return NULL;
    }
  return g_ascii_strdown (s, -1);
}

gboolean
jl_sync_name_is_valid (const char *name)
{
  const char *p = name;
  gsize len;

  if (name == NULL)
    return FALSE;
  len = strlen (name);
  if (len == 0 || len > MAX_NAME_LEN)
    return FALSE;
  if (*p == '_')
    p++;
  if (!g_ascii_islower (*p))
    return FALSE;
  for (; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static char *
get_name (JsonObject  *obj,
          const char  *name,
          const char  *what,
          GError     **error)
{
  const char *s = get_string (obj, name, MAX_NAME_LEN, what, error);

  if (s == NULL)
    return NULL;
  if (!jl_sync_name_is_valid (s))
    {
      bad (error, what, "“%s” must be a name of lowercase letters, digits and “_”", name);
      return NULL;
    }
  return g_strdup (s);
}

static JsonArray *
get_array (JsonObject  *obj,
           const char  *name,
           const char  *what,
           GError     **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL)
    bad (error, what, "“%s” is missing", name);
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    bad (error, what, "“%s” must be an array", name);
  else
    return json_node_get_array (node);
  return NULL;
}

static JsonObject *
element_object (JsonArray   *array,
                guint        i,
                const char  *what,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      bad (error, what, "must be an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static JlSyncChange *
decode_change (JsonObject  *o,
               const char  *what,
               GError     **error)
{
  g_autoptr(JlSyncChange) c = jl_sync_change_new ();
  JsonNode *value;
  gint64 hlc;

  if (!(c->change_id = get_uuid (o, "change_id", what, error)) ||
      !get_int (o, "dseq", 1, &c->dseq, what, error) ||
      !(c->community_id = get_uuid (o, "community_id", what, error)) ||
      !(c->kind = get_name (o, "kind", what, error)) ||
      !(c->row_id = get_uuid (o, "row_id", what, error)) ||
      !(c->field = get_name (o, "field", what, error)) ||
      !get_int (o, "hlc", 0, &hlc, what, error) ||
      !get_int (o, "base", 0, &c->base, what, error))
    return NULL;
  value = member (o, "value");
  if (value == NULL)
    {
      bad (error, what, "“value” is missing (use null to clear a field)");
      return NULL;
    }
  c->value = json_node_copy (value);
  c->hlc = (JlHlc) hlc;
  return g_steal_pointer (&c);
}

JlSyncPush *
jl_sync_push_decode (GBytes  *body,
                     GError **error)
{
  g_autoptr(JsonObject) root = jl_sync_parse_object (body, "push", error);
  g_autoptr(JlSyncPush) push = NULL;
  g_autofree char *device_id = NULL;
  JsonArray *changes;
  guint n;

  if (root == NULL ||
      !(device_id = get_uuid (root, "device_id", "push", error)) ||
      !(changes = get_array (root, "changes", "push", error)))
    return NULL;

  n = json_array_get_length (changes);
  if (n > JL_SYNC_MAX_CHANGES)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_TOO_LARGE,
                   "push: %u changes; at most %d per push", n, JL_SYNC_MAX_CHANGES);
      return NULL;
    }

  push = jl_sync_push_new (device_id);
  if ((json_object_has_member (root, "epoch") && !get_int (root, "epoch", 0, &push->epoch, "push", error)) ||
      (json_object_has_member (root, "max_dseq") && !get_int (root, "max_dseq", 0, &push->max_dseq, "push", error)))
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *what = g_strdup_printf ("push: changes[%u]", i);
      JsonObject *o = element_object (changes, i, what, error);
      JlSyncChange *c;

      if (o == NULL || (c = decode_change (o, what, error)) == NULL)
        return NULL;
      g_ptr_array_add (push->changes, c);
    }
  return g_steal_pointer (&push);
}

static gboolean
parse_status (const char   *text,
              JlSyncStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (status_names[i], text) == 0)
      {
        *status = (JlSyncStatus) i;
        return TRUE;
      }
  return FALSE;
}

/* An optional string member: NULL when absent, an error when not a string. */
static gboolean
get_optional_string (JsonObject  *obj,
                     const char  *name,
                     gsize        max_len,
                     char       **out,
                     const char  *what,
                     GError     **error)
{
  JsonNode *node = member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!is_type (node, G_TYPE_STRING) || strlen (json_node_get_string (node)) > max_len)
    return bad (error, what, "“%s” must be a string of at most %" G_GSIZE_FORMAT " bytes", name, max_len);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static JlSyncResult *
decode_result (JsonObject  *o,
               const char  *what,
               GError     **error)
{
  g_autoptr(JlSyncResult) r = jl_sync_result_new (NULL, JL_SYNC_STATUS_APPLIED);
  const char *status;
  gint64 hlc;

  if (!(r->change_id = get_uuid (o, "change_id", what, error)) ||
      !(status = get_string (o, "status", MAX_NAME_LEN, what, error)))
    return NULL;
  if (!parse_status (status, &r->status))
    {
      bad (error, what, "unknown status “%s”", status);
      return NULL;
    }
  if (!get_int (o, "seq", 0, &r->seq, what, error) ||
      !get_int (o, "ver", 0, &r->ver, what, error) ||
      !get_int (o, "hlc", 0, &hlc, what, error) ||
      !get_optional_string (o, "device", MAX_NAME_LEN, &r->device, what, error))
    return NULL;
  r->hlc = (JlHlc) hlc;
  if (json_object_has_member (o, "winner"))
    r->winner = json_node_copy (json_object_get_member (o, "winner"));
  return g_steal_pointer (&r);
}

JlSyncPushReply *
jl_sync_push_reply_decode (GBytes  *body,
                           GError **error)
{
  g_autoptr(JsonObject) root = jl_sync_parse_object (body, "push reply", error);
  g_autoptr(JlSyncPushReply) reply = jl_sync_push_reply_new ();
  JsonArray *results;

  if (root == NULL ||
      !(results = get_array (root, "results", "push reply", error)) ||
      !get_int (root, "server_time", 0, &reply->server_time, "push reply", error))
    return NULL;
  if (json_object_has_member (root, "skew_warning"))
    {
      if (!get_int (root, "skew_warning", G_MININT64, &reply->skew_warning, "push reply", error))
        return NULL;
      reply->has_skew_warning = TRUE;
    }

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      g_autofree char *what = g_strdup_printf ("push reply: results[%u]", i);
      JsonObject *o = element_object (results, i, what, error);
      JlSyncResult *r;

      if (o == NULL || (r = decode_result (o, what, error)) == NULL)
        return NULL;
      g_ptr_array_add (reply->results, r);
    }
  return g_steal_pointer (&reply);
}

static JlSyncField *
decode_field (const char  *name,
              JsonNode    *node,
              const char  *what,
              GError     **error)
{
  g_autoptr(JlSyncField) f = NULL;
  JsonObject *o;
  JsonNode *value;
  gint64 ver, hlc;
  g_autofree char *device = NULL;

  if (!jl_sync_name_is_valid (name))
    {
      bad (error, what, "“%s” is not a field name", name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      bad (error, what, "field “%s” must be an object", name);
      return NULL;
    }
  o = json_node_get_object (node);
  value = member (o, "value");
  if (value == NULL)
    {
      bad (error, what, "field “%s” has no “value”", name);
      return NULL;
    }
  if (!get_int (o, "ver", 0, &ver, what, error) ||
      !get_int (o, "hlc", 0, &hlc, what, error) ||
      !get_optional_string (o, "device", MAX_NAME_LEN, &device, what, error))
    return NULL;
  return jl_sync_field_new (name, json_node_copy (value), ver, (JlHlc) hlc, device);
}

static JlSyncRow *
decode_row (JsonObject  *o,
            const char  *what,
            GError     **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *row_id = NULL;
  g_autoptr(JlSyncRow) row = NULL;
  g_autoptr(GList) names = NULL;
  JsonNode *fields;

  if (!(kind = get_name (o, "kind", what, error)) ||
      !(row_id = get_uuid (o, "row_id", what, error)))
    return NULL;
  row = jl_sync_row_new (kind, row_id);
  if (!get_int (o, "row_seq", 1, &row->row_seq, what, error) ||
      !get_bool (o, "deleted", &row->deleted, what, error))
    return NULL;
  fields = member (o, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    {
      bad (error, what, "“fields” must be an object");
      return NULL;
    }
  names = json_object_get_members (json_node_get_object (fields));
  for (GList *l = names; l; l = l->next)
    {
      JlSyncField *f = decode_field (l->data, json_object_get_member (json_node_get_object (fields), l->data),
                                     what, error);
      if (f == NULL)
        return NULL;
      g_ptr_array_add (row->fields, f);
    }
  return g_steal_pointer (&row);
}

JlSyncPage *
jl_sync_page_decode (GBytes  *body,
                     GError **error)
{
  g_autoptr(JsonObject) root = jl_sync_parse_object (body, "pull", error);
  g_autoptr(JlSyncPage) page = jl_sync_page_new ();
  JsonArray *rows;
  gint64 last_seq = 0;

  if (root == NULL ||
      !(rows = get_array (root, "rows", "pull", error)) ||
      !get_int (root, "next", 0, &page->next, "pull", error) ||
      !get_bool (root, "has_more", &page->has_more, "pull", error) ||
      !get_int (root, "server_time", 0, &page->server_time, "pull", error))
    return NULL;

  if (json_object_has_member (root, "count"))
    {
      if (!get_int (root, "count", 0, &page->count, "pull", error) ||
          !get_optional_string (root, "hash", MAX_HASH_LEN, &page->hash, "pull", error))
        return NULL;
      page->has_summary = TRUE;
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autofree char *what = g_strdup_printf ("pull: rows[%u]", i);
      JsonObject *o = element_object (rows, i, what, error);
      JlSyncRow *row;

      if (o == NULL || (row = decode_row (o, what, error)) == NULL)
        return NULL;
      g_ptr_array_add (page->rows, row);
      /* Rows come in row_seq order, none past the cursor: anything else
       * would move the cursor over rows never seen. */
      if (row->row_seq <= last_seq || row->row_seq > page->next)
        {
          bad (error, what, "row_seq %" G_GINT64_FORMAT " out of order", row->row_seq);
          return NULL;
        }
      last_seq = row->row_seq;
    }
  return g_steal_pointer (&page);
}

JlSyncLogin *
jl_sync_login_decode (GBytes  *body,
                      GError **error)
{
  g_autoptr(JsonObject) root = jl_sync_parse_object (body, "login", error);
  g_autoptr(JlSyncLogin) login = g_new0 (JlSyncLogin, 1);
  const char *user, *password;

  if (root == NULL ||
      !(user = get_string (root, "user", MAX_USER_LEN, "login", error)) ||
      !(password = get_string (root, "password", MAX_PASSWORD_LEN, "login", error)) ||
      !get_optional_string (root, "device_name", MAX_DEVICE_LEN, &login->device_name, "login", error))
    return NULL;
  login->user = g_strdup (user);
  login->password = g_strdup (password);
  return g_steal_pointer (&login);
}

static JlSyncLoginReply *decode_login_reply (GBytes   *body,
                                             gboolean  with_token,
                                             GError  **error);

JlSyncLoginReply *
jl_sync_login_reply_decode (GBytes  *body,
                            GError **error)
{
  return decode_login_reply (body, TRUE, error);
}

JlSyncLoginReply *
jl_sync_account_reply_decode (GBytes  *body,
                              GError **error)
{
  return decode_login_reply (body, FALSE, error);
}

static JlSyncLoginReply *
decode_login_reply (GBytes   *body,
                    gboolean  with_token,
                    GError  **error)
{
  g_autoptr(JsonObject) root = jl_sync_parse_object (body, "login reply", error);
  g_autoptr(JlSyncLoginReply) reply = g_new0 (JlSyncLoginReply, 1);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *token = NULL, *user, *role;
  JsonArray *communities;

  if (root == NULL ||
      !(reply->device_id = get_uuid (root, "device_id", "login reply", error)) ||
      (with_token && !(token = get_string (root, "token", MAX_TOKEN_LEN, "login reply", error))) ||
      !(user = get_string (root, "user", MAX_USER_LEN, "login reply", error)) ||
      !(role = get_string (root, "role", MAX_NAME_LEN, "login reply", error)) ||
      !(communities = get_array (root, "communities", "login reply", error)))
    return NULL;
  reply->token = g_strdup (token);
  reply->user = g_strdup (user);
  reply->role = g_strdup (role);

  for (guint i = 0; i < json_array_get_length (communities); i++)
    {
      JsonNode *e = json_array_get_element (communities, i);

      if (!is_type (e, G_TYPE_STRING) || !jl_uuid_is_valid (json_node_get_string (e)))
        {
          bad (error, "login reply", "communities[%u] must be a UUID", i);
          return NULL;
        }
      g_ptr_array_add (ids, g_ascii_strdown (json_node_get_string (e), -1));
    }
  g_ptr_array_add (ids, NULL);
  reply->communities = (GStrv) g_ptr_array_steal (ids, NULL);
  return g_steal_pointer (&reply);
}

gboolean
jl_sync_error_decode (GBytes  *body,
                      char   **code,
                      char   **message)
{
  g_autoptr(JsonObject) root = jl_sync_parse_object (body, "error", NULL);
  JsonNode *node;
  const char *c, *m = "";

  if (root == NULL ||
      !(c = get_string (root, "error", MAX_NAME_LEN, "error", NULL)))
    return FALSE;
  /* Not json_object_get_string_member_with_default: an array or object
   * there logs a critical. A message that is not text (or null) means
   * this is not an error body of ours; the caller then reports the HTTP
   * status. */
  node = member (root, "message");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!is_type (node, G_TYPE_STRING))
        return FALSE;
      m = json_node_get_string (node);
    }
  if (code)
    *code = g_strdup (c);
  if (message)
    {
      /* g_utf8_substring must not run past the end. */
      m = m ? m : "";
      *message = g_utf8_substring (m, 0, MIN (g_utf8_strlen (m, -1), MAX_MESSAGE_LEN));
    }
  return TRUE;
}

gboolean
jl_sync_epoch_error_decode (GBytes  *body,
                            gint64  *epoch,
                            gint64  *last_dseq,
                            GError **error)
{
  g_autoptr(JsonObject) root = jl_sync_parse_object (body, "epoch answer", error);

  return root != NULL &&
         get_int (root, "epoch", 0, epoch, "epoch answer", error) &&
         get_int (root, "last_dseq", 0, last_dseq, "epoch answer", error);
}

guint64
jl_sync_row_hash (const char *kind,
                  const char *row_id,
                  gint64      row_seq)
{
  g_autofree char *text = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT, kind, row_id, row_seq);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint64 h = 0;

  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_get_digest (sum, digest, &len);
  for (guint i = 0; i < 8; i++)
    h = (h << 8) | digest[i];
  return h;
}

/* gzip
 */

static GBytes *
convert_all (GConverter  *converter,
             GBytes      *data,
             gsize        max_size,
             GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *in;
  gsize in_len = 0, in_pos = 0;
  guint8 buffer[16384];

  in = g_bytes_get_data (data, &in_len);
  /* Empty bytes have no data pointer; never offset a NULL one. */
  if (in == NULL)
    in = (const guint8 *) "";
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize read = 0, written = 0;
      GConverterResult res;

      res = g_converter_convert (converter, in + in_pos, in_len - in_pos, buffer, sizeof buffer,
                                 G_CONVERTER_INPUT_AT_END, &read, &written, &local_error);
      if (res == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "gzip data is truncated");
          else
            g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "gzip data is corrupt: %s",
                         local_error->message);
          return NULL;
        }
      in_pos += read;
      if (out->len + written > max_size)
        {
          g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_TOO_LARGE,
                       "more than %" G_GSIZE_FORMAT " bytes after decompression", max_size);
          return NULL;
        }
      g_byte_array_append (out, buffer, (guint) written);
      if (res == G_CONVERTER_FINISHED)
        break;
      if (read == 0 && written == 0)
        {
          g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_BAD_MESSAGE, "gzip data is truncated");
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
jl_sync_gzip (GBytes *data)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  GBytes *out;

  out = convert_all (G_CONVERTER (z), data, G_MAXSIZE, NULL);
  g_assert (out != NULL);
  return out;
}

GBytes *
jl_sync_gunzip (GBytes  *data,
                gsize    max_size,
                GError **error)
{
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

  return convert_all (G_CONVERTER (z), data, max_size, error);
}
