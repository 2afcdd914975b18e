/* jl-store-write.c: create, update and delete, with the outbox
 *
 * Every write runs in one transaction: the row, one outbox entry per
 * changed field and the search index are committed together or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-uuid.h"
#include "jl-validate.h"

#define DEFAULT_MAX_LEN 2000

static JlRecord *put_internal (JlStore       *self,
                               const JlKind  *kind,
                               const char    *id,
                               JsonObject    *fields,
                               GPtrArray     *warnings,
                               GError       **error);

/* Normalising input values
 */

static const char *
type_name (const JlField *field)
{
  switch (field->type)
    {
    case JL_FIELD_INT:      return _("a whole number");
    case JL_FIELD_REAL:     return _("a number");
    case JL_FIELD_BOOL:     return _("true or false");
    case JL_FIELD_DATE:     return _("a date like 2025-03-05");
    case JL_FIELD_DATETIME: return _("a date and time like 2025-03-05 14:30");
    case JL_FIELD_LIST:     return _("a list of texts");
    case JL_FIELD_REF:      return _("a record id");
    case JL_FIELD_ENUM:
    case JL_FIELD_TEXT:
    default:                return _("text");
    }
}

static gboolean
check_text (const JlKind   *kind,
            const JlField  *field,
            char           *text,
            GError        **error)
{
  switch (field->check)
    {
    case JL_CHECK_USCC:
      {
        char expected;

        for (char *p = text; *p; p++)
          *p = g_ascii_toupper (*p);
        if (jl_validate_uscc (text))
          return TRUE;
        if (strlen (text) != 18)
          _jl_set_field_error (error, kind, field, _("must be 18 characters long, not %u"),
                               (guint) g_utf8_strlen (text, -1));
        else if ((expected = jl_uscc_expected_check (text)) != 0)
          _jl_set_field_error (error, kind, field,
                               _("the check character is wrong (it should be %c); please check the code"),
                               expected);
        else
          _jl_set_field_error (error, kind, field,
                               _("contains characters a credit code cannot have (I, O, S, V, Z or punctuation)"));
        return FALSE;
      }
    case JL_CHECK_ID_CARD:
      {
        gsize len = strlen (text);

        if (len > 0 && text[len - 1] == 'x')
          text[len - 1] = 'X';
        if (jl_validate_id_card (text, NULL))
          return TRUE;
        _jl_set_field_error (error, kind, field,
                             _("is not a valid ID card number (18 characters, real birth date, correct check character)"));
        return FALSE;
      }
    case JL_CHECK_MOBILE:
      if (jl_validate_mobile (text))
        return TRUE;
      _jl_set_field_error (error, kind, field, _("is not a mobile number (11 digits starting with 13–19)"));
      return FALSE;
    case JL_CHECK_PHONE:
      if (jl_validate_phone (text))
        return TRUE;
      _jl_set_field_error (error, kind, field,
                           _("is not a phone number (a mobile number or a landline like 0592-1234567)"));
      return FALSE;
    case JL_CHECK_NONE:
    default:
      return TRUE;
    }
}

static gboolean
check_range (const JlKind   *kind,
             const JlField  *field,
             double          value,
             GError        **error)
{
  if (field->min < field->max && (value < field->min || value > field->max))
    {
      _jl_set_field_error (error, kind, field, _("must be between %g and %g, not %g"),
                           field->min, field->max, value);
      return FALSE;
    }
  return TRUE;
}

static char *
enum_choices (const JlField *field)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const JlEnumValue *v = field->values; v->key; v++)
    g_string_append_printf (s, "%s%s (%s)", s->len ? "、" : "",
                            g_dgettext (GETTEXT_PACKAGE, v->label), v->key);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* A double that converts to gint64 exactly (casting one out of range
 * would be undefined behaviour). */
static gboolean
is_whole_number (double value)
{
  return value >= -9.0e18 && value <= 9.0e18 && value == floor (value);
}

/* Returns a new node of the field's storage type, or NULL with @error set.
 * A JSON null or an empty text becomes a JSON null (clearing the field). */
JsonNode *
jl_field_normalize (const JlKind   *kind,
                    const JlField  *field,
                    JsonNode       *in,
                    GError        **error)
{
  GType vtype = G_TYPE_INVALID;

  if (in == NULL || JSON_NODE_HOLDS_NULL (in))
    return json_node_init_null (json_node_alloc ());
  if (JSON_NODE_HOLDS_VALUE (in))
    vtype = json_node_get_value_type (in);

  switch (field->type)
    {
    case JL_FIELD_INT:
      {
        gint64 v;

        if (vtype == G_TYPE_INT64)
          v = json_node_get_int (in);
        else if (vtype == G_TYPE_DOUBLE && is_whole_number (json_node_get_double (in)))
          v = (gint64) json_node_get_double (in);
        else
          break;
        if (!check_range (kind, field, (double) v, error))
          return NULL;
        return json_node_init_int (json_node_alloc (), v);
      }

    case JL_FIELD_REAL:
      {
        double v;

        if (vtype == G_TYPE_INT64)
          v = (double) json_node_get_int (in);
        else if (vtype == G_TYPE_DOUBLE)
          v = json_node_get_double (in);
        else
          break;
        if (!check_range (kind, field, v, error))
          return NULL;
        return json_node_init_double (json_node_alloc (), v);
      }

    case JL_FIELD_BOOL:
      if (vtype == G_TYPE_BOOLEAN)
        return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (in));
      if (vtype == G_TYPE_INT64 && (json_node_get_int (in) == 0 || json_node_get_int (in) == 1))
        return json_node_init_boolean (json_node_alloc (), json_node_get_int (in) == 1);
      break;

    case JL_FIELD_LIST:
      {
        g_autoptr(JsonArray) out = NULL;
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (in))
          break;
        array = json_node_get_array (in);
        out = json_array_new ();
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *e = json_array_get_element (array, i);
            g_autofree char *item = NULL;

            if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
              {
                _jl_set_field_error (error, kind, field, _("item %u must be text"), i + 1);
                return NULL;
              }
            item = g_strstrip (g_strdup (json_node_get_string (e)));
            if (*item != '\0')
              json_array_add_string_element (out, item);
          }
        if (json_array_get_length (out) == 0)
          return json_node_init_null (json_node_alloc ());
        return json_node_init_array (json_node_alloc (), out);
      }

    case JL_FIELD_TEXT:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    case JL_FIELD_ENUM:
    case JL_FIELD_REF:
    default:
      {
        g_autofree char *text = NULL;
        guint max_len = field->max_len ? field->max_len : DEFAULT_MAX_LEN;

        if (vtype != G_TYPE_STRING)
          break;
        text = g_strstrip (g_strdup (json_node_get_string (in)));
        if (*text == '\0')
          return json_node_init_null (json_node_alloc ());
        if (!g_utf8_validate (text, -1, NULL))
          {
            _jl_set_field_error (error, kind, field, _("is not valid UTF-8 text"));
            return NULL;
          }

        if (field->type == JL_FIELD_ENUM)
          {
            const char *key = jl_enum_parse (field, text);

            if (key == NULL)
              {
                g_autofree char *choices = enum_choices (field);
                _jl_set_field_error (error, kind, field, _("“%s” is not one of: %s"), text, choices);
                return NULL;
              }
            return json_node_init_string (json_node_alloc (), key);
          }
        if (field->type == JL_FIELD_REF)
          {
            if (!jl_uuid_is_valid (text))
              {
                _jl_set_field_error (error, kind, field, _("“%s” is not a record id"), text);
                return NULL;
              }
            for (char *p = text; *p; p++)
              *p = g_ascii_tolower (*p);
            return json_node_init_string (json_node_alloc (), text);
          }
        if (field->type == JL_FIELD_DATE && !jl_validate_date (text))
          {
            _jl_set_field_error (error, kind, field, _("“%s” is not %s"), text, type_name (field));
            return NULL;
          }
        if (field->type == JL_FIELD_DATETIME)
          {
            if (!jl_validate_datetime (text))
              {
                _jl_set_field_error (error, kind, field, _("“%s” is not %s"), text, type_name (field));
                return NULL;
              }
            if (text[10] == 'T')
              text[10] = ' ';
          }
        if (g_utf8_strlen (text, -1) > max_len)
          {
            _jl_set_field_error (error, kind, field, _("is longer than %u characters"), max_len);
            return NULL;
          }
        if (!check_text (kind, field, text, error))
          return NULL;
        return json_node_init_string (json_node_alloc (), text);
      }
    }

  _jl_set_field_error (error, kind, field, _("must be %s"), type_name (field));
  return NULL;
}

/* Binding and the outbox
 */

gboolean
_jl_store_bind_node (sqlite3_stmt  *stmt,
                     int            idx,
                     const JlField *field,
                     JsonNode      *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return sqlite3_bind_null (stmt, idx) == SQLITE_OK;

  switch (field->type)
    {
    case JL_FIELD_INT:
      return sqlite3_bind_int64 (stmt, idx, json_node_get_int (node)) == SQLITE_OK;
    case JL_FIELD_REAL:
      return sqlite3_bind_double (stmt, idx, json_node_get_double (node)) == SQLITE_OK;
    case JL_FIELD_BOOL:
      return sqlite3_bind_int (stmt, idx, json_node_get_boolean (node)) == SQLITE_OK;
    case JL_FIELD_LIST:
      {
        char *text = json_to_string (node, FALSE);
        return sqlite3_bind_text (stmt, idx, text, -1, g_free) == SQLITE_OK;
      }
    case JL_FIELD_TEXT:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    case JL_FIELD_ENUM:
    case JL_FIELD_REF:
    default:
      return sqlite3_bind_text (stmt, idx, json_node_get_string (node), -1, SQLITE_TRANSIENT) == SQLITE_OK;
    }
}

static gboolean
step_done (JlStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The JSON text of an outbox value. Most values are plain text, which
 * json_to_string (a JsonGenerator each time) spent a sixteenth of a bulk
 * put on; those that need no escaping are quoted here, byte for byte as
 * json-glib would write them (it escapes '"', '\\', controls and DEL, and
 * writes everything else as it is). */
static char *
value_to_json (JsonNode *value)
{
  const char *text;

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      text = json_node_get_string (value);
      for (const guchar *p = (const guchar *) text; ; p++)
        {
          if (*p == '\0')
            return g_strconcat ("\"", text, "\"", NULL);
          if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
            break;
        }
    }
  return json_to_string (value, FALSE);
}

/* Appends one change. Unsent changes of the same field are coalesced into
 * one (latest value and stamp, earliest base), so a field edited a hundred
 * times offline is pushed once. */
gboolean
_jl_store_outbox_append (JlStore     *self,
                         const char  *community_id,
                         const char  *tbl,
                         const char  *row_id,
                         const char  *field,
                         JsonNode    *value,
                         JlHlc        hlc,
                         GError     **error)
{
  g_autofree char *value_json = NULL;
  g_autofree char *change_id = NULL;
  sqlite3_stmt *stmt;
  gint64 pending = -1;

  /* The demo city is never sent anywhere. */
  if (self->holds_demo)
    return TRUE;
  value_json = value_to_json (value);
  stmt = _jl_store_prepare (self, "SELECT dseq FROM outbox WHERE row_id = ?1 AND field = ?2 AND batch IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pending = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* A coalesced change is a new change: it takes a new id. The old id may
   * be known to the server after all — when this database was restored
   * from a backup taken before that change was sent — and the server
   * would answer "duplicate" and the new value would be lost. */
  change_id = jl_uuid_v7_new ();
  if (pending >= 0)
    {
      stmt = _jl_store_prepare (self, "UPDATE outbox SET value = ?1, hlc = ?2, change_id = ?4 WHERE dseq = ?3", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, value_json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) hlc);
      sqlite3_bind_int64 (stmt, 3, pending);
      sqlite3_bind_text (stmt, 4, change_id, -1, SQLITE_STATIC);
      return step_done (self, stmt, error);
    }

  stmt = _jl_store_prepare (self,
                            "INSERT INTO outbox (change_id, community_id, tbl, row_id, field, value, hlc, base)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                            " coalesce ((SELECT ver FROM field_version WHERE row_id = ?4 AND field = ?5), 0))",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tbl, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, value_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, (sqlite3_int64) hlc);
  return step_done (self, stmt, error);
}

/* The outbox entries of a record created here under a new random id. No
 * change of that row can be pending or known to the server, so there is
 * nothing to coalesce and every base is 0: one multi-row INSERT per 16
 * fields does what _jl_store_outbox_append does field by field (a third
 * fewer statements per person in bench-store-write).
 *
 * OR FAIL, because a multi-row INSERT that may abort gets a statement
 * journal, and FTS5 flushes its pending terms to disk at every statement
 * savepoint: a sixth of a bulk write. A failure part-way leaves the rows
 * before it; the caller's savepoint, or put_in_bulk marking the
 * transaction broken, takes them away. */
#define FRESH_OUTBOX_CHUNK JL_STORE_FRESH_OUTBOX_CHUNK

static gboolean
outbox_append_fresh (JlStore     *self,
                     const char  *community_id,
                     const char  *tbl,
                     const char  *row_id,
                     JsonObject  *changes,
                     GList       *names,
                     JlHlc        hlc,
                     GError     **error)
{
  if (self->holds_demo)
    return TRUE;
  while (names != NULL)
    {
      char *change_ids[FRESH_OUTBOX_CHUNK];
      char *values[FRESH_OUTBOX_CHUNK];
      sqlite3_stmt *stmt;
      guint n = 0;
      gboolean ok;

      for (GList *l = names; l && n < FRESH_OUTBOX_CHUNK; l = l->next)
        n++;
      /* Kept by row count: building the text each time was a twentieth
       * of a bulk put. */
      stmt = self->fresh_outbox[n];
      if (stmt != NULL)
        {
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
        }
      else
        {
          g_autoptr(GString) sql = g_string_new ("INSERT OR FAIL INTO outbox"
                                                 " (change_id, community_id, tbl, row_id, field, value, hlc, base) VALUES ");

          for (guint i = 0; i < n; i++)
            g_string_append_printf (sql, "%s(?%u, ?1, ?2, ?3, ?%u, ?%u, ?4, 0)",
                                    i ? ", " : "", 5 + 3 * i, 6 + 3 * i, 7 + 3 * i);
          stmt = _jl_store_prepare (self, sql->str, error);
          if (stmt == NULL)
            return FALSE;
          self->fresh_outbox[n] = stmt;
        }
      sqlite3_bind_text (stmt, 1, community_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, tbl, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, row_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) hlc);
      for (guint i = 0; i < n; i++, names = names->next)
        {
          change_ids[i] = jl_uuid_v7_new ();
          values[i] = value_to_json (json_object_get_member (changes, names->data));
          sqlite3_bind_text (stmt, 5 + 3 * i, change_ids[i], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6 + 3 * i, names->data, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7 + 3 * i, values[i], -1, SQLITE_STATIC);
        }
      ok = step_done (self, stmt, error);
      for (guint i = 0; i < n; i++)
        {
          g_free (change_ids[i]);
          g_free (values[i]);
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The record as write_row stored it on create, without reading it back:
 * the same members, in field order, as jl-store-read.c makes from the row
 * (the column types follow the field types, so values round-trip). */
static JlRecord *
written_record (const JlKind *kind,
                const char   *id,
                const char   *community_id,
                JsonObject   *merged,
                const char   *now,
                JlHlc         hlc)
{
  g_autoptr(JsonObject) values = json_object_new ();

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *name = kind->fields[i].name;
      JsonNode *value;

      if (strcmp (name, "community_id") == 0)
        {
          json_object_set_string_member (values, name, community_id);
          continue;
        }
      value = json_object_has_member (merged, name) ? json_object_get_member (merged, name) : NULL;
      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        json_object_set_member (values, name, json_node_copy (value));
    }
  return _jl_record_new (kind, id, community_id, values, now, now, hlc, FALSE);
}

/* Helpers for put
 */

/* The "id" member of @fields: NULL when absent or null, an error when it
 * is not text (json_object_get_string_member_with_default would only log
 * a critical and make a new record; found by tests/fuzz/fuzz-put). */
static gboolean
id_member (JsonObject  *fields,
           const char **id,
           GError     **error)
{
  JsonNode *node = json_object_get_member (fields, "id");
  g_autofree char *text = NULL;

  *id = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *id = json_node_get_string (node);
      return TRUE;
    }
  text = json_to_string (node, FALSE);
  g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("“%s” is not a record id"), text);
  return FALSE;
}

static const JlKind *
child_kind_named (const JlKind *kind,
                  const char   *name)
{
  const JlKind *child = jl_schema_lookup (name);
  const JlField *parent;

  if (child == NULL || (parent = jl_kind_parent_field (child)) == NULL)
    return NULL;
  if (g_strcmp0 (parent->ref_kind, kind->name) != 0)
    return NULL;
  return child;
}

static char *
natural_id (const JlKind *kind,
            JsonObject   *values)
{
  const char *const *key = _jl_schema_natural_key (kind);
  g_autoptr(GString) name = NULL;

  if (key == NULL)
    return NULL;

  name = g_string_new (kind->name);
  for (guint i = 0; i < 3 && key[i]; i++)
    {
      JsonNode *node = json_object_has_member (values, key[i]) ? json_object_get_member (values, key[i]) : NULL;
      g_autofree char *text = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return NULL;
      text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
        ? g_strdup (json_node_get_string (node))
        : json_to_string (node, FALSE);
      g_string_append_printf (name, "/%s", text);
    }
  return jl_uuid_v5_new (JL_UUID_NAMESPACE, name->str);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null && b_null;
  return json_node_equal (a, b);
}

static JsonNode *
member_or_null (JsonObject *obj,
                const char *name)
{
  return json_object_has_member (obj, name) ? json_object_get_member (obj, name) : NULL;
}

/* The community of record @id of @kind, or NULL when there is none (or it
 * is deleted, unless @any_state). Cheaper than loading the whole record,
 * which puts do for every parent and reference. */
static char *
community_of (JlStore      *self,
              const JlKind *kind,
              const char   *id,
              gboolean      any_state)
{
  g_autofree char *sql = g_strconcat ("SELECT community_id FROM \"", kind->name, "\" WHERE id = ?1",
                                      any_state ? "" : " AND deleted = 0", NULL);
  sqlite3_stmt *stmt = _jl_store_prepare (self, sql, NULL);
  char *community_id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    community_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return community_id;
}

/* Where the record belongs: a community is its own scope; everything else
 * inherits the community of its parent. */
static char *
derive_community (JlStore       *self,
                  const JlKind  *kind,
                  const char    *id,
                  JsonObject    *merged,
                  GError       **error)
{
  const JlField *parent = jl_kind_parent_field (kind);
  const JlKind *parent_kind;
  const char *parent_id;
  char *community_id;

  if (parent == NULL)
    return g_strdup (id);

  parent_id = json_object_get_string_member_with_default (merged, parent->name, NULL);
  if (parent_id == NULL)
    {
      _jl_set_field_error (error, kind, parent, _("is required"));
      return NULL;
    }

  parent_kind = jl_schema_lookup (parent->ref_kind);
  /* On import the parent may be a tombstone from the file. */
  community_id = community_of (self, parent_kind, parent_id, self->importing);
  if (community_id == NULL)
    _jl_set_field_error (error, kind, parent, _("no %s with id “%s”"),
                         jl_kind_get_label (parent_kind), parent_id);
  return community_id;
}

static gboolean
check_reference (JlStore       *self,
                 const JlKind  *kind,
                 const JlField *field,
                 const char    *value,
                 const char    *community_id,
                 GError       **error)
{
  const JlKind *ref_kind = jl_schema_lookup (field->ref_kind);
  g_autofree char *target_community = community_of (self, ref_kind, value, FALSE);
  g_autoptr(JlRecord) target = NULL;

  if (target_community == NULL)
    {
      _jl_set_field_error (error, kind, field, _("no %s with id “%s”"),
                           jl_kind_get_label (ref_kind), value);
      return FALSE;
    }
  if (g_strcmp0 (target_community, community_id) != 0)
    {
      target = _jl_store_load (self, ref_kind, value, FALSE, NULL);
      _jl_set_field_error (error, kind, field, _("%s “%s” belongs to another community"),
                           jl_kind_get_label (ref_kind), target ? jl_record_get_title (target) : value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_unique (JlStore       *self,
              const JlKind  *kind,
              const JlField *field,
              const char    *id,
              JsonNode      *value,
              const char    *community_id,
              GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean taken;

  /* "+deleted" keeps the (community_id, deleted) index out of the plan:
   * otherwise SQLite picks it over the (community_id, field) index and
   * scans the whole community for every write (1 ms per person at 10,000
   * people, measured by bench-store-write). */
  if (strcmp (kind->name, "community") == 0)
    sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1 AND id <> ?2 AND +deleted = 0 LIMIT 1",
                           kind->name, field->name);
  else
    sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE community_id = ?3 AND \"%s\" = ?1"
                           " AND id <> ?2 AND +deleted = 0 LIMIT 1",
                           kind->name, field->name);
  stmt = _jl_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  _jl_store_bind_node (stmt, 1, field, value);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (strcmp (kind->name, "community") != 0)
    sqlite3_bind_text (stmt, 3, community_id, -1, SQLITE_STATIC);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (taken)
    {
      g_autofree char *text = json_to_string (value, FALSE);
      _jl_set_field_error (error, kind, field, _("another %s already has %s"),
                           jl_kind_get_label (kind), text);
      return FALSE;
    }
  return TRUE;
}

/* Appends ", \"name\"" and the like without printf, which cost a tenth of
 * a put when every field's SQL went through it. */
static void
append_name (GString    *sql,
             const char *before,
             const char *name,
             const char *after)
{
  g_string_append (sql, before);
  g_string_append_c (sql, '"');
  g_string_append (sql, name);
  g_string_append_c (sql, '"');
  g_string_append (sql, after);
}

/* Appends the parameter "?n". */
static void
append_param (GString *sql,
              guint    n)
{
  char digits[12];
  guint i = sizeof digits - 1;

  digits[i] = '\0';
  do
    digits[--i] = (char) ('0' + n % 10);
  while ((n /= 10) > 0 && i > 1);
  digits[--i] = '?';
  g_string_append (sql, digits + i);
}

static gboolean
write_row (JlStore       *self,
           const JlKind  *kind,
           gboolean       create,
           const char    *id,
           const char    *community_id,
           JsonObject    *merged,
           JsonObject    *changes,
           const char    *now,
           JlHlc          hlc,
           GError       **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) bound = g_ptr_array_new ();
  sqlite3_stmt *stmt = NULL;
  int idx;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JlField *f = &kind->fields[i];

      if (strcmp (f->name, "community_id") == 0)
        continue;
      if (create || json_object_has_member (changes, f->name))
        g_ptr_array_add (bound, (gpointer) f);
    }

  /* A kind's INSERT of a new record is always the same: skip building
   * and hashing its text. */
  if (create && (stmt = g_hash_table_lookup (self->insert_stmts, kind)) != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else if (create)
    {
      sql = g_string_sized_new (512);
      append_name (sql, "INSERT INTO ", kind->name,
                   " (id, community_id, created_at, updated_at, hlc, device_id, deleted");
      for (guint i = 0; i < bound->len; i++)
        append_name (sql, ", ", ((const JlField *) bound->pdata[i])->name, "");
      g_string_append (sql, ") VALUES (?1, ?2, ?3, ?3, ?4, ?5, 0");
      for (guint i = 0; i < bound->len; i++)
        {
          g_string_append (sql, ", ");
          append_param (sql, i + 6);
        }
      g_string_append (sql, ")");
      stmt = _jl_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      g_hash_table_insert (self->insert_stmts, (gpointer) kind, stmt);
    }
  else
    {
      sql = g_string_sized_new (512);
      append_name (sql, "UPDATE ", kind->name,
                   " SET community_id = ?2, updated_at = ?3, hlc = ?4, device_id = ?5");
      for (guint i = 0; i < bound->len; i++)
        {
          append_name (sql, ", ", ((const JlField *) bound->pdata[i])->name, " = ");
          append_param (sql, i + 6);
        }
      g_string_append (sql, " WHERE id = ?1");
      stmt = _jl_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) hlc);
  sqlite3_bind_text (stmt, 5, self->device_id, -1, SQLITE_STATIC);
  idx = 6;
  for (guint i = 0; i < bound->len; i++)
    {
      const JlField *f = bound->pdata[i];
      _jl_store_bind_node (stmt, idx++, f, member_or_null (merged, f->name));
    }
  return step_done (self, stmt, error);
}

static gboolean
changes_touch_search (const JlKind *kind,
                      JsonObject   *changes)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if ((kind->fields[i].flags & (JL_FIELD_SEARCHABLE | JL_FIELD_TITLE)) &&
        json_object_has_member (changes, kind->fields[i].name))
      return TRUE;
  return FALSE;
}

static void
drop_nulls (JsonObject *changes)
{
  g_autoptr(GList) names = json_object_get_members (changes);

  for (GList *l = names; l; l = l->next)
    if (JSON_NODE_HOLDS_NULL (json_object_get_member (changes, l->data)))
      json_object_remove_member (changes, l->data);
}

/* Removes the tombstone a natural-key record is created over. */
static gboolean
drop_row (JlStore       *self,
          const JlKind  *kind,
          const char    *id,
          GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id = ?1 AND deleted = 1", kind->name);
  sqlite3_stmt *stmt = _jl_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/* Other devices still hold the tombstone: tell them it lives again, and
 * clear the fields the new record does not have. */
static gboolean
outbox_revival (JlStore       *self,
                const char    *community_id,
                const JlKind  *kind,
                JlRecord      *tombstone,
                JsonObject    *changes,
                JlHlc          hlc,
                GError       **error)
{
  JsonObject *old_values = jl_record_get_values (tombstone);
  g_autoptr(GList) old_names = json_object_get_members (old_values);
  g_autoptr(JsonNode) null_node = json_node_init_null (json_node_alloc ());
  g_autoptr(JsonNode) alive = json_node_init_boolean (json_node_alloc (), FALSE);
  const char *id = jl_record_get_id (tombstone);

  for (GList *l = old_names; l; l = l->next)
    if (!json_object_has_member (changes, l->data) &&
        !_jl_store_outbox_append (self, community_id, kind->name, id, l->data, null_node, hlc, error))
      return FALSE;
  return _jl_store_outbox_append (self, community_id, kind->name, id, "_deleted", alive, hlc, error);
}

/* Splits @fields into normalised @changes of own fields and @children
 * (child kind name → array); unknown members are errors. */
static gboolean
parse_fields (const JlKind  *kind,
              JsonObject    *fields,
              JsonObject    *changes,
              JsonObject    *children,
              GError       **error)
{
  g_autoptr(GList) members = json_object_get_members (fields);

  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (fields, name);
      const JlField *field;
      JsonNode *normalized;

      if (strcmp (name, "id") == 0 || name[0] == '_')
        continue;

      if (child_kind_named (kind, name) != NULL)
        {
          if (!JSON_NODE_HOLDS_ARRAY (value))
            {
              g_set_error (error, JL_ERROR, JL_ERROR_BAD_JSON, _("“%s” must be a list of %s records"),
                           name, name);
              return FALSE;
            }
          json_object_set_member (children, name, json_node_copy (value));
          continue;
        }

      field = jl_kind_lookup_field (kind, name);
      if (field == NULL)
        {
          g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("%s has no field “%s”"),
                       jl_kind_get_label (kind), name);
          return FALSE;
        }
      normalized = jl_field_normalize (kind, field, value, error);
      if (normalized == NULL)
        return FALSE;
      json_object_set_member (changes, name, normalized);
    }
  return TRUE;
}

static gboolean
put_children (JlStore       *self,
              const JlKind  *kind,
              const char    *id,
              JsonObject    *children,
              GPtrArray     *warnings,
              GError       **error)
{
  g_autoptr(GList) names = json_object_get_members (children);

  for (GList *l = names; l; l = l->next)
    {
      const JlKind *child = jl_schema_lookup (l->data);
      const JlField *parent = jl_kind_parent_field (child);
      JsonArray *items = json_object_get_array_member (children, l->data);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          g_autoptr(JsonObject) copy = NULL;
          g_autoptr(JlRecord) record = NULL;
          g_autoptr(JsonNode) tmp = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              g_set_error (error, JL_ERROR, JL_ERROR_BAD_JSON, _("Item %u of “%s” must be an object"),
                           i + 1, child->name);
              return FALSE;
            }
          tmp = json_node_copy (item);
          copy = json_object_ref (json_node_get_object (tmp));
          json_object_set_string_member (copy, parent->name, id);
          /* put_internal reads and checks the item's own "id". */
          record = put_internal (self, child, NULL, copy, warnings, error);
          if (record == NULL)
            {
              g_prefix_error (error, _("%s %u: "), jl_kind_get_label (child), i + 1);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static JlRecord *
put_internal (JlStore       *self,
              const JlKind  *kind,
              const char    *id,
              JsonObject    *fields,
              GPtrArray     *warnings,
              GError       **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) children = json_object_new ();
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(JlRecord) old = NULL;
  g_autoptr(JlRecord) tombstone = NULL;
  g_autoptr(JsonNode) deferred_state = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *community_id = NULL;
  g_autoptr(GList) names = NULL;
  gboolean create;
  gboolean fresh = FALSE;  /* a new random id: nothing about it is stored anywhere */
  g_autofree char *now = NULL;
  JlHlc hlc = 0;
  JlRecord *record;

  if (id == NULL && !id_member (fields, &id, error))
    return NULL;

  if (!parse_fields (kind, fields, changes, children, error))
    return NULL;

  if (id != NULL)
    {
      if (!jl_uuid_is_valid (id))
        {
          g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("“%s” is not a record id"), id);
          return NULL;
        }
      new_id = g_ascii_strdown (id, -1);
      old = _jl_store_load (self, kind, new_id, TRUE, NULL);
      /* An import restores a deleted record (say, from last week's
       * export); an edit does not bring one back silently. */
      if (old != NULL && jl_record_get_deleted (old) && self->importing)
        tombstone = g_steal_pointer (&old);
      else if (old != NULL && jl_record_get_deleted (old))
        {
          g_set_error (error, JL_ERROR, JL_ERROR_NOT_FOUND, _("The %s “%s” was deleted"),
                       jl_kind_get_label (kind), jl_record_get_title (old));
          return NULL;
        }
    }
  else if ((new_id = natural_id (kind, changes)) != NULL)
    {
      /* Two clerks entering "the same" record converge on one row. */
      old = _jl_store_load (self, kind, new_id, TRUE, NULL);
      /* Entering it again after it was deleted makes a new record in
       * the tombstone's place. */
      if (old != NULL && jl_record_get_deleted (old))
        tombstone = g_steal_pointer (&old);
    }
  else
    {
      new_id = jl_uuid_v7_new ();
      fresh = TRUE;
    }
  create = old == NULL;

  /* A null given for a new record changes nothing: no outbox entry. */
  if (create)
    drop_nulls (changes);

  /* The minutes workflow moves only after the children are in place. */
  if (strcmp (kind->name, "meeting") == 0 && json_object_get_size (children) > 0 &&
      json_object_has_member (changes, "state"))
    {
      deferred_state = json_node_copy (json_object_get_member (changes, "state"));
      json_object_remove_member (changes, "state");
    }

  if (old != NULL)
    {
      JsonObject *old_values = jl_record_get_values (old);
      g_autoptr(GList) old_names = json_object_get_members (old_values);

      for (GList *l = old_names; l; l = l->next)
        json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (old_values, l->data)));

      /* Drop no-op changes: they would only make outbox noise. */
      names = json_object_get_members (changes);
      for (GList *l = names; l; l = l->next)
        if (nodes_equal (json_object_get_member (changes, l->data), member_or_null (old_values, l->data)))
          json_object_remove_member (changes, l->data);
      g_clear_pointer (&names, g_list_free);
    }

  names = json_object_get_members (changes);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (changes, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (merged, l->data);
      else
        json_object_set_member (merged, l->data, json_node_copy (value));
    }

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JlField *f = &kind->fields[i];
      JsonNode *v = member_or_null (merged, f->name);

      if ((f->flags & JL_FIELD_REQUIRED) && (v == NULL || JSON_NODE_HOLDS_NULL (v)))
        {
          _jl_set_field_error (error, kind, f, _("is required"));
          return NULL;
        }
      if (!create && (f->flags & JL_FIELD_PARENT) && json_object_has_member (changes, f->name))
        {
          _jl_set_field_error (error, kind, f, _("cannot be changed; create a new record instead"));
          return NULL;
        }
    }

  if (create || json_object_get_size (changes) > 0)
    {
      community_id = create ? derive_community (self, kind, new_id, merged, error)
                            : g_strdup (jl_record_get_community_id (old));
      if (community_id == NULL)
        return NULL;

      for (GList *l = names; l; l = l->next)
        {
          const JlField *f = jl_kind_lookup_field (kind, l->data);
          JsonNode *v = json_object_get_member (changes, l->data);

          if (JSON_NODE_HOLDS_NULL (v))
            continue;
          if (f->type == JL_FIELD_REF && !(f->flags & JL_FIELD_PARENT) && !self->importing &&
              !check_reference (self, kind, f, json_node_get_string (v), community_id, error))
            return NULL;
          /* An import may hold a tombstone and a live record of the same
           * name; it checks live records once everything is in. */
          if ((f->flags & JL_FIELD_UNIQUE) && !self->importing &&
              !check_unique (self, kind, f, new_id, v, community_id, error))
            return NULL;
        }

      if (!_jl_store_check_rules (self, kind, old, new_id, merged, changes, warnings, error))
        return NULL;

      /* Rules may fill in defaults: pick them up. */
      g_clear_pointer (&names, g_list_free);
      names = json_object_get_members (changes);

      hlc = _jl_store_next_hlc (self);
      now = _jl_store_now_string ();
      if ((tombstone != NULL && !drop_row (self, kind, new_id, error)) ||
          !write_row (self, kind, create, new_id, community_id, merged, changes, now, hlc, error))
        return NULL;

      if (fresh)
        {
          if (!outbox_append_fresh (self, community_id, kind->name, new_id, changes, names, hlc, error))
            return NULL;
        }
      else
        for (GList *l = names; l; l = l->next)
          if (!_jl_store_outbox_append (self, community_id, kind->name, new_id, l->data,
                                        json_object_get_member (changes, l->data), hlc, error))
            return NULL;
      if (tombstone != NULL &&
          !outbox_revival (self, community_id, kind, tombstone, changes, hlc, error))
        return NULL;
    }

  /* A record just created is exactly what was written: reading it back
   * cost a seventh of a put. */
  if (create)
    record = written_record (kind, new_id, community_id, merged, now, hlc);
  else
    record = _jl_store_load (self, kind, new_id, FALSE, error);
  if (record == NULL)
    return NULL;

  if ((create || changes_touch_search (kind, changes)) &&
      !(fresh ? _jl_store_index_new_record (self, record, error) : _jl_store_index_record (self, record, error)))
    {
      g_object_unref (record);
      return NULL;
    }

  if (!put_children (self, kind, new_id, children, warnings, error) ||
      !_jl_store_check_after_children (self, kind, new_id, children, error))
    {
      g_object_unref (record);
      return NULL;
    }

  if (deferred_state != NULL)
    {
      g_autoptr(JsonObject) state = json_object_new ();

      g_object_unref (record);
      json_object_set_member (state, "state", g_steal_pointer (&deferred_state));
      return put_internal (self, kind, new_id, state, warnings, error);
    }

  return record;
}

static gboolean
has_children (const JlKind *kind,
              JsonObject   *fields)
{
  g_autoptr(GList) names = json_object_get_members (fields);

  /* Children come as arrays; look up only those (lists of texts are
   * arrays too). */
  for (GList *l = names; l; l = l->next)
    if (JSON_NODE_HOLDS_ARRAY (json_object_get_member (fields, l->data)) &&
        child_kind_named (kind, l->data) != NULL)
      return TRUE;
  return FALSE;
}

/* A put inside the caller's transaction (jl_store_begin), without a
 * savepoint of its own. A savepoint per record cost a fifth of a bulk
 * write (bench-store-write --trace), mostly because FTS5 flushes its
 * pending terms to disk at every savepoint. A record without children passes every check before its
 * first write, so a rejected record has written nothing; only a database
 * error after the first write (disk full) can leave half a record, and
 * then the whole transaction is marked broken and can only roll back. */
static JlRecord *
put_in_bulk (JlStore       *self,
             const JlKind  *kind,
             const char    *id,
             JsonObject    *fields,
             GPtrArray     *warnings,
             GError       **error)
{
  sqlite3_int64 changes = sqlite3_total_changes64 (self->db);
  JlRecord *record;

  if (self->tx_broken)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_DATABASE,
                   _("An earlier write in this transaction failed half-way, so none of the transaction was saved."));
      return NULL;
    }
  record = put_internal (self, kind, id, fields, warnings, error);
  /* Rows written (even by a statement that failed part-way: OR FAIL keeps
   * them and counts them), or a disk error that ended the transaction. */
  if (record == NULL &&
      (sqlite3_total_changes64 (self->db) != changes || sqlite3_get_autocommit (self->db)))
    self->tx_broken = TRUE;
  return record;
}

/**
 * jl_store_put:
 *
 * Returns: (transfer full): the record as stored, or %NULL with @error set
 *   and nothing written
 */
JlRecord *
jl_store_put (JlStore     *self,
              const char  *kind_name,
              const char  *id,
              JsonObject  *fields,
              GPtrArray  **warnings,
              GError     **error)
{
  g_autoptr(GPtrArray) warns = g_ptr_array_new_with_free_func (g_free);
  const JlKind *kind;
  JlRecord *record = NULL;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  kind = jl_schema_lookup (kind_name);
  if (kind == NULL)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"),
                   kind_name ? kind_name : "");
      return NULL;
    }

  g_rec_mutex_lock (&self->lock);
  if (self->tx_depth > 0 && !has_children (kind, fields))
    record = put_in_bulk (self, kind, id, fields, warns, error);
  else if (_jl_store_tx_begin (self, error))
    {
      record = put_internal (self, kind, id, fields, warns, error);
      if (!_jl_store_tx_end (self, record != NULL, record ? error : NULL))
        g_clear_object (&record);
    }
  g_rec_mutex_unlock (&self->lock);

  if (record != NULL && warnings != NULL)
    *warnings = g_steal_pointer (&warns);
  return record;
}

/* Deleting
 */

/* Makes @record a tombstone, alone: the caller sees to what it owns. */
static gboolean
mark_deleted (JlStore   *self,
              JlRecord  *record,
              GError   **error)
{
  const JlKind *kind = jl_record_get_kind (record);
  const char *id = jl_record_get_id (record);
  g_autoptr(JsonNode) deleted = json_node_init_boolean (json_node_alloc (), TRUE);
  g_autofree char *now = _jl_store_now_string ();
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  JlHlc hlc;

  hlc = _jl_store_next_hlc (self);
  sql = g_strdup_printf ("UPDATE \"%s\" SET deleted = 1, updated_at = ?2, hlc = ?3, device_id = ?4 WHERE id = ?1",
                         kind->name);
  stmt = _jl_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) hlc);
  sqlite3_bind_text (stmt, 4, self->device_id, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;

  return _jl_store_outbox_append (self, jl_record_get_community_id (record), kind->name, id,
                                  "_deleted", deleted, hlc, error) &&
         _jl_store_unindex_record (self, id, error);
}

/* An import restores tombstones as they are in the file; the records
 * they owned come with their own state. */
gboolean
_jl_store_import_tombstone (JlStore       *self,
                            const JlKind  *kind,
                            const char    *id,
                            GError       **error)
{
  g_autoptr(JlRecord) record = _jl_store_load (self, kind, id, FALSE, error);

  return record != NULL && mark_deleted (self, record, error);
}

static gboolean
delete_internal (JlStore       *self,
                 const JlKind  *kind,
                 const char    *id,
                 GError       **error)
{
  g_autoptr(JlRecord) record = _jl_store_load (self, kind, id, FALSE, error);
  const JlKind *const *kinds;
  guint n_kinds;

  if (record == NULL || !_jl_store_check_delete (self, record, error))
    return FALSE;

  /* Owned records go with their owner. */
  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      const JlField *parent = jl_kind_parent_field (kinds[i]);
      g_autoptr(GPtrArray) ids = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (parent == NULL || g_strcmp0 (parent->ref_kind, kind->name) != 0)
        continue;

      sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" = ?1 AND deleted = 0",
                             kinds[i]->name, parent->name);
      stmt = _jl_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      ids = g_ptr_array_new_with_free_func (g_free);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _jl_store_set_sqlite_error (self, rc, error);

      for (guint j = 0; j < ids->len; j++)
        if (!delete_internal (self, kinds[i], ids->pdata[j], error))
          return FALSE;
    }

  return mark_deleted (self, record, error);
}

gboolean
jl_store_delete (JlStore     *self,
                 const char  *kind_name,
                 const char  *id,
                 GError     **error)
{
  const JlKind *kind;
  gboolean ok = FALSE;

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  kind = jl_schema_lookup (kind_name);
  if (kind == NULL)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"),
                   kind_name ? kind_name : "");
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  if (_jl_store_tx_begin (self, error))
    {
      ok = delete_internal (self, kind, id, error);
      ok = _jl_store_tx_end (self, ok, ok ? error : NULL) && ok;
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
