/* jl-store-read.c: loading records and lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jl-store-private.h"

#define META_COLUMNS "id, community_id, created_at, updated_at, hlc, deleted"
#define N_META 6

JsonNode *
_jl_store_column_to_node (const JlField *field,
                          sqlite3_stmt  *stmt,
                          int            col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;

  switch (field->type)
    {
    case JL_FIELD_INT:
      return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, col));
    case JL_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), sqlite3_column_double (stmt, col));
    case JL_FIELD_BOOL:
      return json_node_init_boolean (json_node_alloc (), sqlite3_column_int64 (stmt, col) != 0);
    case JL_FIELD_LIST:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, col);
        JsonNode *node = json_from_string (text, NULL);

        if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
          {
            g_clear_pointer (&node, json_node_unref);
            /* Keep whatever is there rather than dropping it. */
            node = json_node_init_array (json_node_alloc (), json_array_new ());
            json_array_add_string_element (json_node_get_array (node), text);
          }
        return node;
      }
    case JL_FIELD_TEXT:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    case JL_FIELD_ENUM:
    case JL_FIELD_REF:
    default:
      return json_node_init_string (json_node_alloc (), (const char *) sqlite3_column_text (stmt, col));
    }
}

static GString *
select_sql (const JlKind *kind)
{
  GString *sql = g_string_new ("SELECT " META_COLUMNS);

  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, "community_id") != 0)
      g_string_append_printf (sql, ", \"%s\"", kind->fields[i].name);
  g_string_append_printf (sql, " FROM \"%s\"", kind->name);
  return sql;
}

static JlRecord *
record_from_row (const JlKind *kind,
                 sqlite3_stmt *stmt)
{
  g_autoptr(JsonObject) values = json_object_new ();
  int col = N_META;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JlField *field = &kind->fields[i];
      JsonNode *node;

      if (strcmp (field->name, "community_id") == 0)
        node = _jl_store_column_to_node (field, stmt, 1);
      else
        node = _jl_store_column_to_node (field, stmt, col++);
      if (node != NULL)
        json_object_set_member (values, field->name, node);
    }

  return _jl_record_new (kind,
                         (const char *) sqlite3_column_text (stmt, 0),
                         (const char *) sqlite3_column_text (stmt, 1),
                         values,
                         (const char *) sqlite3_column_text (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3),
                         (JlHlc) sqlite3_column_int64 (stmt, 4),
                         sqlite3_column_int (stmt, 5) != 0);
}

JlRecord *
_jl_store_load (JlStore       *self,
                const JlKind  *kind,
                const char    *id,
                gboolean       include_deleted,
                GError       **error)
{
  g_autoptr(GString) sql = select_sql (kind);
  sqlite3_stmt *stmt;
  JlRecord *record = NULL;
  int rc;

  g_string_append (sql, " WHERE id = ?1");
  stmt = _jl_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = record_from_row (kind, stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _jl_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (record == NULL || (!include_deleted && jl_record_get_deleted (record)))
    {
      g_clear_object (&record);
      g_set_error (error, JL_ERROR, JL_ERROR_NOT_FOUND, _("No %s with id “%s”"),
                   jl_kind_get_label (kind), id);
      return NULL;
    }
  return record;
}

const JlKind *
_jl_store_find_kind (JlStore    *self,
                     const char *id)
{
  const JlKind *const *kinds;
  guint n_kinds;

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?1", kinds[i]->name);
      sqlite3_stmt *stmt = _jl_store_prepare (self, sql, NULL);
      gboolean found;

      if (stmt == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (found)
        return kinds[i];
    }
  return NULL;
}

static const JlKind *
lookup_kind (const char  *kind_name,
             GError     **error)
{
  const JlKind *kind = jl_schema_lookup (kind_name);

  if (kind == NULL)
    g_set_error (error, JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"),
                 kind_name ? kind_name : "");
  return kind;
}

/**
 * jl_store_get:
 *
 * Returns: (transfer full): the live record, or %NULL with
 *   %JL_ERROR_NOT_FOUND when there is none (or it was deleted)
 */
JlRecord *
jl_store_get (JlStore     *self,
              const char  *kind_name,
              const char  *id,
              GError     **error)
{
  const JlKind *kind;
  JlRecord *record;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!(kind = lookup_kind (kind_name, error)))
    return NULL;

  g_rec_mutex_lock (&self->lock);
  record = _jl_store_load (self, kind, id, FALSE, error);
  g_rec_mutex_unlock (&self->lock);
  return record;
}

/* One value of a WHERE clause, bound as its field's type. */
typedef struct
{
  const JlField *field;   /* NULL: compared as text (id, community) */
  const char    *value;
} Bind;

/* WHERE clause of a query; binds start at ?1. */
static gboolean
append_where (const JlKind  *kind,
              const JlQuery *query,
              GString       *sql,
              GArray        *binds,
              GError       **error)
{
  g_string_append (sql, " WHERE 1");
  if (query == NULL || !query->include_deleted)
    g_string_append (sql, " AND deleted = 0");
  if (query == NULL)
    return TRUE;

  if (query->community_id != NULL)
    {
      Bind b = { NULL, query->community_id };

      g_array_append_val (binds, b);
      g_string_append_printf (sql, " AND community_id = ?%u", binds->len);
    }
  for (guint i = 0; i < G_N_ELEMENTS (query->filters) && query->filters[i].field; i++)
    {
      const JlQueryFilter *f = &query->filters[i];
      Bind b = { jl_kind_lookup_field (kind, f->field), f->value };

      if (b.field == NULL && strcmp (f->field, "id") != 0)
        {
          g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("%s has no field “%s”"),
                       jl_kind_get_label (kind), f->field);
          return FALSE;
        }
      if (f->value == NULL)
        g_string_append_printf (sql, " AND \"%s\" IS NULL", f->field);
      else
        {
          g_array_append_val (binds, b);
          g_string_append_printf (sql, " AND \"%s\" = ?%u", f->field, binds->len);
        }
    }
  return TRUE;
}

/* Filter values come as text (from the CLI, say). Number and boolean
 * columns get numbers; text columns keep the text as it is, so that a
 * code like "001" does not turn into 1. */
static void
bind_values (sqlite3_stmt *stmt,
             GArray       *binds)
{
  for (guint i = 0; i < binds->len; i++)
    {
      const Bind *b = &g_array_index (binds, Bind, i);
      JlFieldType type = b->field ? b->field->type : JL_FIELD_TEXT;
      char *end = NULL;

      if (type == JL_FIELD_BOOL &&
          (g_ascii_strcasecmp (b->value, "true") == 0 || g_ascii_strcasecmp (b->value, "false") == 0))
        {
          sqlite3_bind_int (stmt, i + 1, g_ascii_strcasecmp (b->value, "true") == 0);
          continue;
        }
      if (type == JL_FIELD_INT || type == JL_FIELD_BOOL)
        {
          gint64 number = g_ascii_strtoll (b->value, &end, 10);

          if (*b->value != '\0' && *end == '\0')
            {
              sqlite3_bind_int64 (stmt, i + 1, number);
              continue;
            }
        }
      if (type == JL_FIELD_REAL)
        {
          double number = g_ascii_strtod (b->value, &end);

          if (*b->value != '\0' && *end == '\0')
            {
              sqlite3_bind_double (stmt, i + 1, number);
              continue;
            }
        }
      sqlite3_bind_text (stmt, i + 1, b->value, -1, SQLITE_TRANSIENT);
    }
}

GPtrArray *
jl_store_list (JlStore        *self,
               const char     *kind_name,
               const JlQuery  *query,
               GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  g_autoptr(GString) sql = NULL;
  const JlKind *kind;
  const char *order_by;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  if (!(kind = lookup_kind (kind_name, error)))
    return NULL;

  sql = select_sql (kind);
  if (!append_where (kind, query, sql, binds, error))
    return NULL;

  order_by = query && query->order_by ? query->order_by : kind->order_by;
  if (order_by && jl_kind_lookup_field (kind, order_by) == NULL && strcmp (order_by, "id") != 0)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("%s has no field “%s”"),
                   jl_kind_get_label (kind), order_by);
      return NULL;
    }
  if (order_by)
    g_string_append_printf (sql, " ORDER BY \"%s\" %s, id", order_by,
                            query && query->descending ? "DESC" : "ASC");
  else
    g_string_append (sql, " ORDER BY id");
  /* LIMIT -1 is SQLite for "no limit", so an offset works alone too. */
  if (query && (query->limit > 0 || query->offset > 0))
    g_string_append_printf (sql, " LIMIT %" G_GINT64_FORMAT " OFFSET %u",
                            query->limit > 0 ? (gint64) query->limit : -1, query->offset);

  g_rec_mutex_lock (&self->lock);
  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_values (stmt, binds);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (records, record_from_row (kind, stmt));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    _jl_store_set_sqlite_error (self, rc, error);
  g_rec_mutex_unlock (&self->lock);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&records);
}

gint64
jl_store_count (JlStore        *self,
                const char     *kind_name,
                const JlQuery  *query,
                GError        **error)
{
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (Bind));
  g_autoptr(GString) sql = NULL;
  const JlKind *kind;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (JL_IS_STORE (self), -1);

  if (!(kind = lookup_kind (kind_name, error)))
    return -1;

  sql = g_string_new (NULL);
  g_string_printf (sql, "SELECT count(*) FROM \"%s\"", kind->name);
  if (!append_where (kind, query, sql, binds, error))
    return -1;

  g_rec_mutex_lock (&self->lock);
  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_values (stmt, binds);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (count < 0)
    _jl_store_set_sqlite_error (self, rc, error);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

void
jl_change_free (JlChange *change)
{
  if (change == NULL)
    return;
  g_free (change->change_id);
  g_free (change->community_id);
  g_free (change->tbl);
  g_free (change->row_id);
  g_free (change->field);
  g_free (change->value);
  g_free (change);
}

gint64
jl_store_outbox_count (JlStore  *self,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (JL_IS_STORE (self), -1);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self, "SELECT count(*) FROM outbox", error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

GPtrArray *
jl_store_outbox_peek (JlStore  *self,
                      guint     limit,
                      GError  **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_change_free);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self,
                            "SELECT dseq, change_id, community_id, tbl, row_id, field, value, hlc, base"
                            " FROM outbox ORDER BY dseq LIMIT ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, limit > 0 ? limit : G_MAXINT64);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JlChange *c = g_new0 (JlChange, 1);

          c->dseq = sqlite3_column_int64 (stmt, 0);
          c->change_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          c->community_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          c->tbl = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          c->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          c->field = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          c->value = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          c->hlc = (JlHlc) sqlite3_column_int64 (stmt, 7);
          c->base = sqlite3_column_int64 (stmt, 8);
          g_ptr_array_add (changes, c);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        _jl_store_set_sqlite_error (self, rc, error);
    }
  g_rec_mutex_unlock (&self->lock);

  if (stmt == NULL || rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&changes);
}
