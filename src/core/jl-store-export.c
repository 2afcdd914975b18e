/* jl-store-export.c: the whole database as one JSON document, and back
 *
 * The export is deterministic (kinds in schema order, records by id, fields
 * in schema order), so export → import into an empty database → export
 * gives the same bytes. Deleted records are exported too, marked
 * "_deleted": true. An import is one transaction: on any error nothing is
 * stored and the error names the record and the field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jl-store-private.h"

#define EXPORT_FORMAT "jinlin-export"
#define EXPORT_VERSION 1

/* Members of a file being imported, whatever their JSON type: the
 * json_object_get_*_member_with_default functions log a critical when the
 * member is an array or an object (found by tests/fuzz/fuzz-import). */
static const char *
string_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static gint64
int_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

/* One snapshot for the whole export: other threads wait, and writes by
 * other processes (the CLI next to the app) are not seen half-way. */
static gboolean
begin_read (JlStore  *self,
            GError  **error)
{
  g_rec_mutex_lock (&self->lock);
  if (self->tx_depth > 0 || _jl_store_exec (self, "BEGIN", error))
    return TRUE;
  g_rec_mutex_unlock (&self->lock);
  return FALSE;
}

static void
end_read (JlStore *self)
{
  if (self->tx_depth == 0)
    _jl_store_exec (self, "COMMIT", NULL);
  g_rec_mutex_unlock (&self->lock);
}

char *
jl_store_export_json_data (JlStore  *self,
                           GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const JlKind *const *kinds;
  guint n_kinds;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, EXPORT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, EXPORT_VERSION);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, JL_STORE_SCHEMA_VERSION);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_object (builder);

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      /* Order by id, not by the display order, so the output is stable.
       * Tombstones are part of the data: live records may still point at
       * them (the host of approved minutes who moved away), and sync
       * needs them. */
      JlQuery query = { .order_by = "id", .include_deleted = TRUE };
      g_autoptr(GPtrArray) records = jl_store_list (self, kinds[k]->name, &query, error);

      if (records == NULL)
        {
          end_read (self);
          return NULL;
        }

      json_builder_set_member_name (builder, kinds[k]->name);
      json_builder_begin_array (builder);
      for (guint i = 0; i < records->len; i++)
        {
          JsonNode *node = jl_record_to_json (records->pdata[i], FALSE);

          if (jl_record_get_deleted (records->pdata[i]))
            json_object_set_boolean_member (json_node_get_object (node), "_deleted", TRUE);
          json_builder_add_value (builder, node);
        }
      json_builder_end_array (builder);
    }
  end_read (self);

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  return json_generator_to_data (generator, NULL);
}

gboolean
jl_store_export_json (JlStore     *self,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *data = jl_store_export_json_data (self, error);
  g_autoptr(GError) local_error = NULL;

  if (data == NULL)
    return FALSE;
  /* g_file_set_contents writes a temporary file and renames it: a crash
   * never leaves half an export behind. */
  if (!g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* After an import, every reference of a live record must point at a
 * record of the same community (a tombstone will do: it is in the file),
 * and unique fields must be unique among live records. */
static gboolean
check_import_references (JlStore  *self,
                         GError  **error)
{
  const JlKind *const *kinds;
  guint n_kinds;

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    for (guint i = 0; i < kinds[k]->n_fields; i++)
      {
        const JlField *f = &kinds[k]->fields[i];
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt;
        int rc;

        if (f->type != JL_FIELD_REF || (f->flags & JL_FIELD_PARENT))
          continue;
        sql = g_strdup_printf ("SELECT t.id, t.\"%s\" FROM \"%s\" t WHERE t.deleted = 0 AND t.\"%s\" IS NOT NULL"
                               " AND NOT EXISTS (SELECT 1 FROM \"%s\" r WHERE r.id = t.\"%s\""
                               " AND r.community_id IS t.community_id) LIMIT 1",
                               f->name, kinds[k]->name, f->name, f->ref_kind, f->name);
        stmt = _jl_store_prepare (self, sql, error);
        if (stmt == NULL)
          return FALSE;
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            g_set_error (error, JL_ERROR, JL_ERROR_INVALID,
                         _("%s “%s”: %s (%s) points to “%s”, which is not in the file or belongs to another community"),
                         jl_kind_get_label (kinds[k]), (const char *) sqlite3_column_text (stmt, 0),
                         jl_field_get_label (f), f->name, (const char *) sqlite3_column_text (stmt, 1));
            sqlite3_reset (stmt);
            return FALSE;
          }
        sqlite3_reset (stmt);
        if (rc != SQLITE_DONE)
          return _jl_store_set_sqlite_error (self, rc, error);
      }
  return TRUE;
}

static gboolean
check_import_unique (JlStore  *self,
                     GError  **error)
{
  const JlKind *const *kinds;
  guint n_kinds;

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    for (guint i = 0; i < kinds[k]->n_fields; i++)
      {
        const JlField *f = &kinds[k]->fields[i];
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt;
        int rc;

        if (!(f->flags & JL_FIELD_UNIQUE))
          continue;
        /* Community names are unique in the whole database. */
        sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE deleted = 0 AND \"%s\" IS NOT NULL"
                               " GROUP BY %s\"%s\" HAVING count(*) > 1 LIMIT 1",
                               f->name, kinds[k]->name, f->name,
                               strcmp (kinds[k]->name, "community") == 0 ? "" : "community_id, ",
                               f->name);
        stmt = _jl_store_prepare (self, sql, error);
        if (stmt == NULL)
          return FALSE;
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            g_autoptr(JsonNode) value = _jl_store_column_to_node (f, stmt, 0);
            g_autofree char *text = json_to_string (value, FALSE);

            _jl_set_field_error (error, kinds[k], f, _("another %s already has %s"),
                                 jl_kind_get_label (kinds[k]), text);
            sqlite3_reset (stmt);
            return FALSE;
          }
        sqlite3_reset (stmt);
        if (rc != SQLITE_DONE)
          return _jl_store_set_sqlite_error (self, rc, error);
      }
  return TRUE;
}

static gboolean
import_records (JlStore     *self,
                JsonObject  *records,
                guint       *n_records,
                GError     **error)
{
  const JlKind *const *kinds;
  guint n_kinds;
  g_autoptr(GList) names = json_object_get_members (records);

  for (GList *l = names; l; l = l->next)
    if (jl_schema_lookup (l->data) == NULL)
      {
        g_set_error (error, JL_ERROR, JL_ERROR_UNKNOWN_KIND, _("Unknown record kind “%s”"),
                     (const char *) l->data);
        return FALSE;
      }

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      JsonNode *list;
      JsonArray *array;

      if (!json_object_has_member (records, kinds[k]->name))
        continue;
      list = json_object_get_member (records, kinds[k]->name);
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, JL_ERROR, JL_ERROR_BAD_JSON, _("“%s” must be a list of records"),
                       kinds[k]->name);
          return FALSE;
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autoptr(JlRecord) record = NULL;
          JsonNode *deleted = NULL;
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (item) ||
              (id = string_member (json_node_get_object (item), "id")) == NULL ||
              ((deleted = json_object_get_member (json_node_get_object (item), "_deleted")) != NULL &&
               (!JSON_NODE_HOLDS_VALUE (deleted) || json_node_get_value_type (deleted) != G_TYPE_BOOLEAN)))
            {
              g_set_error (error, JL_ERROR, JL_ERROR_BAD_JSON,
                           _("%s %u: a record must be an object with an “id”"),
                           jl_kind_get_label (kinds[k]), i + 1);
              return FALSE;
            }
          record = jl_store_put (self, kinds[k]->name, id, json_node_get_object (item), NULL, error);
          if (record != NULL && deleted != NULL && json_node_get_boolean (deleted) &&
              !_jl_store_import_tombstone (self, kinds[k], jl_record_get_id (record), error))
            g_clear_object (&record);
          if (record == NULL)
            {
              g_prefix_error (error, _("%s %u (%s): "), jl_kind_get_label (kinds[k]), i + 1, id);
              return FALSE;
            }
          (*n_records)++;
        }
    }
  return check_import_references (self, error) && check_import_unique (self, error);
}

gboolean
jl_store_import_json (JlStore     *self,
                      const char  *path,
                      guint       *n_records,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *obj;
  guint count = 0;
  gboolean ok;

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);

  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      int code = g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
                 local_error->domain == G_FILE_ERROR ? JL_ERROR_IO : JL_ERROR_BAD_JSON;
      g_set_error (error, JL_ERROR, code, _("Cannot read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (string_member (obj = json_node_get_object (root), "format"), EXPORT_FORMAT) != 0 ||
      !json_object_has_member (obj, "records") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "records")))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_BAD_JSON,
                   _("“%s” is not a Jinlin export (it needs \"format\": \"jinlin-export\" and \"records\")"), path);
      return FALSE;
    }
  if (int_member (obj, "version") != EXPORT_VERSION ||
      int_member (obj, "schema") > JL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_TOO_NEW,
                   _("“%s” was exported by a newer version of Jinlin. Please upgrade Jinlin."), path);
      return FALSE;
    }

  if (!jl_store_begin (self, error))
    return FALSE;
  self->importing = TRUE;
  ok = import_records (self, json_object_get_object_member (obj, "records"), &count, error);
  self->importing = FALSE;
  if (!ok)
    {
      jl_store_rollback (self);
      return FALSE;
    }
  if (!jl_store_commit (self, error))
    return FALSE;
  if (n_records)
    *n_records = count;
  return TRUE;
}
