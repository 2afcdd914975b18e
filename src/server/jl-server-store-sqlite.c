/* jl-server-store-sqlite.c: the SQLite backend of JlServerStore
 *
 * One file in WAL mode with synchronous=FULL. The server handles requests
 * one at a time on its main loop, and every push runs inside BEGIN
 * IMMEDIATE, so sequence numbers are allocated and committed in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "jinlin-server-resources.h"
#include "jl-server-store.h"

#define SERVER_APPLICATION_ID 0x4A4C5331   /* "JLS1" */

typedef struct
{
  JlServerStore  parent;
  sqlite3       *db;
  GHashTable    *stmts;
} JlServerSqlite;

static const char *const migrations[] = {
  "/cn/jinlin/server/schema/001-init.sql",
  "/cn/jinlin/server/schema/002-attachments.sql",
};

static gboolean
db_error (JlServerSqlite  *self,
          GError         **error)
{
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER, "database: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (JlServerSqlite  *self,
      const char      *sql,
      GError         **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self, error);
  return TRUE;
}

/* Cached statements, reset before use. */
static sqlite3_stmt *
prepare (JlServerSqlite  *self,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
step_done (JlServerSqlite  *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return db_error (self, error);
  return TRUE;
}

static char *
col_dup (sqlite3_stmt *stmt,
         int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

static void
bind_json (sqlite3_stmt *stmt,
           int           idx,
           JsonNode     *node)
{
  if (node == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, json_to_string (node, FALSE), -1, g_free);
}

static JsonNode *
col_json (sqlite3_stmt *stmt,
          int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text ? json_from_string (text, NULL) : NULL;
}

/* Transactions
 */

static gboolean
sq_begin (JlServerStore  *store,
          gboolean        write,
          GError        **error)
{
  return exec ((JlServerSqlite *) store, write ? "BEGIN IMMEDIATE" : "BEGIN", error);
}

static gboolean
sq_commit (JlServerStore  *store,
           GError        **error)
{
  return exec ((JlServerSqlite *) store, "COMMIT", error);
}

static void
sq_rollback (JlServerStore *store)
{
  exec ((JlServerSqlite *) store, "ROLLBACK", NULL);
}

/* Users
 */

static GStrv
user_communities (JlServerSqlite  *self,
                  gint64           user_id,
                  GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT community_id FROM user_community WHERE user_id = ?1"
                                      " ORDER BY community_id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (stmt, 0));
  sqlite3_reset (stmt);
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_steal (ids, NULL);
}

#define USER_COLUMNS "id, name, pw_hash, role, district, disabled, created_ms"

static JlServerUser *
user_from_row (JlServerSqlite *self,
               sqlite3_stmt   *stmt)
{
  JlServerUser *user = g_new0 (JlServerUser, 1);

  user->id = sqlite3_column_int64 (stmt, 0);
  user->name = col_dup (stmt, 1);
  user->pw_hash = col_dup (stmt, 2);
  user->role = col_dup (stmt, 3);
  user->district = col_dup (stmt, 4);
  user->disabled = sqlite3_column_int (stmt, 5) != 0;
  user->created_ms = sqlite3_column_int64 (stmt, 6);
  return user;
}

static gboolean
sq_user_add (JlServerStore  *store,
             JlServerUser   *user,
             GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO users (name, pw_hash, role, district, disabled, created_ms)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, user->name);
  bind_text (stmt, 2, user->pw_hash);
  bind_text (stmt, 3, user->role);
  bind_text (stmt, 4, user->district);
  sqlite3_bind_int (stmt, 5, user->disabled);
  sqlite3_bind_int64 (stmt, 6, user->created_ms);
  if (!step_done (self, stmt, error))
    return FALSE;
  user->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static JlServerUser *
sq_user_get (JlServerStore  *store,
             const char     *name,
             GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " USER_COLUMNS " FROM users WHERE name = ?1", error);
  JlServerUser *user = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    user = user_from_row (self, stmt);
  sqlite3_reset (stmt);
  if (user != NULL)
    user->communities = user_communities (self, user->id, NULL);
  return user;
}

static gboolean
sq_user_update (JlServerStore       *store,
                const JlServerUser  *user,
                GError             **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "UPDATE users SET pw_hash = ?2, role = ?3, district = ?4, disabled = ?5"
                                      " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user->id);
  bind_text (stmt, 2, user->pw_hash);
  bind_text (stmt, 3, user->role);
  bind_text (stmt, 4, user->district);
  sqlite3_bind_int (stmt, 5, user->disabled);
  return step_done (self, stmt, error);
}

static GPtrArray *
sq_user_list (JlServerStore  *store,
              GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_server_user_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT " USER_COLUMNS " FROM users ORDER BY name", error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (self, stmt));
  sqlite3_reset (stmt);
  for (guint i = 0; i < users->len; i++)
    {
      JlServerUser *u = users->pdata[i];
      u->communities = user_communities (self, u->id, NULL);
    }
  return g_steal_pointer (&users);
}

static gboolean
sq_user_grant (JlServerStore  *store,
               gint64          user_id,
               const char     *community_id,
               GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT OR IGNORE INTO user_community (user_id, community_id) VALUES (?1, ?2)",
                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  bind_text (stmt, 2, community_id);
  return step_done (self, stmt, error);
}

static gboolean
sq_user_ungrant (JlServerStore  *store,
                 gint64          user_id,
                 const char     *community_id,
                 GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM user_community WHERE user_id = ?1 AND community_id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  bind_text (stmt, 2, community_id);
  return step_done (self, stmt, error);
}

static GStrv
sq_district_communities (JlServerStore  *store,
                         const char     *district,
                         GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT id FROM community WHERE district = ?1 ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, district);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (stmt, 0));
  sqlite3_reset (stmt);
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_steal (ids, NULL);
}

/* Devices
 */

#define DEVICE_COLUMNS "d.id, d.user_id, u.name, d.name, d.revoked, d.created_ms, d.last_seen_ms," \
                       " d.last_dseq, d.skew_ms, d.epoch"

static JlServerDevice *
device_from_row (sqlite3_stmt *stmt)
{
  JlServerDevice *d = g_new0 (JlServerDevice, 1);

  d->id = col_dup (stmt, 0);
  d->user_id = sqlite3_column_int64 (stmt, 1);
  d->user_name = col_dup (stmt, 2);
  d->name = col_dup (stmt, 3);
  d->revoked = sqlite3_column_int (stmt, 4) != 0;
  d->created_ms = sqlite3_column_int64 (stmt, 5);
  d->last_seen_ms = sqlite3_column_int64 (stmt, 6);
  d->last_dseq = sqlite3_column_int64 (stmt, 7);
  d->skew_ms = sqlite3_column_int64 (stmt, 8);
  d->epoch = sqlite3_column_int64 (stmt, 9);
  return d;
}

static gboolean
sq_device_add (JlServerStore         *store,
               const JlServerDevice  *device,
               const char            *token_hash,
               GError               **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO devices (id, user_id, name, token_hash, created_ms, last_seen_ms)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, device->id);
  sqlite3_bind_int64 (stmt, 2, device->user_id);
  bind_text (stmt, 3, device->name);
  bind_text (stmt, 4, token_hash);
  sqlite3_bind_int64 (stmt, 5, device->created_ms);
  return step_done (self, stmt, error);
}

static JlServerDevice *
sq_device_by_token (JlServerStore  *store,
                    const char     *token_hash,
                    GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT " DEVICE_COLUMNS " FROM devices d JOIN users u ON u.id = d.user_id"
                                      " WHERE d.token_hash = ?1", error);
  JlServerDevice *device = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, token_hash);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    device = device_from_row (stmt);
  sqlite3_reset (stmt);
  return device;
}

static gboolean
sq_device_update (JlServerStore         *store,
                  const JlServerDevice  *device,
                  GError               **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "UPDATE devices SET revoked = ?2, last_seen_ms = ?3, last_dseq = ?4,"
                                      " skew_ms = ?5, epoch = ?6 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, device->id);
  sqlite3_bind_int (stmt, 2, device->revoked);
  sqlite3_bind_int64 (stmt, 3, device->last_seen_ms);
  sqlite3_bind_int64 (stmt, 4, device->last_dseq);
  sqlite3_bind_int64 (stmt, 5, device->skew_ms);
  sqlite3_bind_int64 (stmt, 6, device->epoch);
  return step_done (self, stmt, error);
}

static GPtrArray *
sq_device_list (JlServerStore  *store,
                GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_server_device_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT " DEVICE_COLUMNS " FROM devices d JOIN users u ON u.id = d.user_id"
                                      " ORDER BY u.name, d.created_ms", error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (devices, device_from_row (stmt));
  sqlite3_reset (stmt);
  return g_steal_pointer (&devices);
}

static char *
sq_device_user (JlServerStore  *store,
                const char     *id,
                GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT u.name FROM devices d JOIN users u ON u.id = d.user_id"
                                      " WHERE d.id = ?1", error);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = col_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name ? name : g_strdup ("");
}

/* Communities, rows, changes, conflicts
 */

static gint64
sq_next_seq (JlServerStore  *store,
             const char     *community_id,
             GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO community (id, seq) VALUES (?1, 1)"
                                      " ON CONFLICT (id) DO UPDATE SET seq = seq + 1 RETURNING seq", error);
  gint64 seq = -1;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, community_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (seq < 0)
    db_error (self, error);
  return seq;
}

static gint64
sq_last_seq (JlServerStore  *store,
             const char     *community_id,
             GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT seq FROM community WHERE id = ?1", error);
  gint64 seq = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, community_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      db_error (self, error);
      return -1;
    }
  return seq;
}

static gboolean
sq_set_district (JlServerStore  *store,
                 const char     *community_id,
                 const char     *district,
                 GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO community (id, seq, district) VALUES (?1, 0, ?2)"
                                      " ON CONFLICT (id) DO UPDATE SET district = ?2", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, community_id);
  bind_text (stmt, 2, district);
  return step_done (self, stmt, error);
}

static JlServerRow *
sq_row_get (JlServerStore  *store,
            const char     *row_id,
            GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT kind, community_id, row_seq, deleted, fields FROM rows"
                                      " WHERE row_id = ?1", error);
  JlServerRow *row = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, row_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) fields = col_json (stmt, 4);

      row = g_new0 (JlServerRow, 1);
      row->row_id = g_strdup (row_id);
      row->kind = col_dup (stmt, 0);
      row->community_id = col_dup (stmt, 1);
      row->row_seq = sqlite3_column_int64 (stmt, 2);
      row->deleted = sqlite3_column_int (stmt, 3) != 0;
      row->fields = fields && JSON_NODE_HOLDS_OBJECT (fields)
        ? json_object_ref (json_node_get_object (fields)) : json_object_new ();
    }
  sqlite3_reset (stmt);
  return row;
}

static gboolean
sq_row_put (JlServerStore      *store,
            const JlServerRow  *row,
            GError            **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  g_autoptr(JsonNode) fields = json_node_init_object (json_node_alloc (), row->fields);
  sqlite3_stmt *stmt = prepare (self, "INSERT OR REPLACE INTO rows (row_id, kind, community_id, row_seq, deleted,"
                                      " fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, row->row_id);
  bind_text (stmt, 2, row->kind);
  bind_text (stmt, 3, row->community_id);
  sqlite3_bind_int64 (stmt, 4, row->row_seq);
  sqlite3_bind_int (stmt, 5, row->deleted);
  bind_json (stmt, 6, fields);
  return step_done (self, stmt, error);
}

static GPtrArray *
sq_attachments_by_sha256 (JlServerStore  *store,
                          const char     *sha256,
                          GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  /* The expression and the kind match the partial index of migration 2. */
  sqlite3_stmt *stmt = prepare (self, "SELECT row_id FROM rows WHERE kind = 'attachment'"
                                      " AND json_extract (fields, '$.sha256.value') = ?1", error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_server_row_free);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, sha256);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, col_dup (stmt, 0));
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JlServerRow) row = sq_row_get (store, ids->pdata[i], error);

      if (row == NULL && error != NULL && *error != NULL)
        return NULL;
      if (row != NULL && !row->deleted)
        g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  return g_steal_pointer (&rows);
}

static JlServerApplied *
sq_applied_get (JlServerStore  *store,
                const char     *change_id,
                GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT device_id, dseq, status, seq, row_id, field FROM applied_change"
                                      " WHERE change_id = ?1", error);
  JlServerApplied *a = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, change_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 2);

      a = g_new0 (JlServerApplied, 1);
      a->change_id = g_strdup (change_id);
      a->device_id = col_dup (stmt, 0);
      a->dseq = sqlite3_column_int64 (stmt, 1);
      a->status = JL_SYNC_STATUS_APPLIED;
      for (int s = JL_SYNC_STATUS_APPLIED; s <= JL_SYNC_STATUS_QUARANTINED; s++)
        if (g_strcmp0 (status, jl_sync_status_to_string (s)) == 0)
          a->status = s;
      a->seq = sqlite3_column_int64 (stmt, 3);
      a->row_id = col_dup (stmt, 4);
      a->field = col_dup (stmt, 5);
    }
  sqlite3_reset (stmt);
  return a;
}

static gboolean
sq_applied_put (JlServerStore          *store,
                const JlServerApplied  *a,
                GError                **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO applied_change (change_id, device_id, dseq, status, seq, row_id,"
                                      " field) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, a->change_id);
  bind_text (stmt, 2, a->device_id);
  sqlite3_bind_int64 (stmt, 3, a->dseq);
  bind_text (stmt, 4, jl_sync_status_to_string (a->status));
  sqlite3_bind_int64 (stmt, 5, a->seq);
  bind_text (stmt, 6, a->row_id);
  bind_text (stmt, 7, a->field);
  return step_done (self, stmt, error);
}

#define CONFLICT_COLUMNS "id, community_id, seq, kind, tbl, row_id, field, winner_value, winner_hlc," \
                         " winner_device, winner_user, loser_value, loser_hlc, loser_device, loser_user," \
                         " change_id, created_ms, status"

static gboolean
sq_conflict_put (JlServerStore           *store,
                 const JlServerConflict  *c,
                 GError                 **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "INSERT OR REPLACE INTO conflicts (" CONFLICT_COLUMNS ") VALUES"
                                      " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                                      " ?17, ?18)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, c->id);
  bind_text (stmt, 2, c->community_id);
  sqlite3_bind_int64 (stmt, 3, c->seq);
  bind_text (stmt, 4, c->kind);
  bind_text (stmt, 5, c->tbl);
  bind_text (stmt, 6, c->row_id);
  bind_text (stmt, 7, c->field);
  bind_json (stmt, 8, c->winner_value);
  sqlite3_bind_int64 (stmt, 9, (sqlite3_int64) c->winner_hlc);
  bind_text (stmt, 10, c->winner_device);
  bind_text (stmt, 11, c->winner_user);
  bind_json (stmt, 12, c->loser_value);
  sqlite3_bind_int64 (stmt, 13, (sqlite3_int64) c->loser_hlc);
  bind_text (stmt, 14, c->loser_device);
  bind_text (stmt, 15, c->loser_user);
  bind_text (stmt, 16, c->change_id);
  sqlite3_bind_int64 (stmt, 17, c->created_ms);
  bind_text (stmt, 18, c->status ? c->status : "open");
  return step_done (self, stmt, error);
}

static JlServerConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  JlServerConflict *c = g_new0 (JlServerConflict, 1);

  c->id = col_dup (stmt, 0);
  c->community_id = col_dup (stmt, 1);
  c->seq = sqlite3_column_int64 (stmt, 2);
  c->kind = col_dup (stmt, 3);
  c->tbl = col_dup (stmt, 4);
  c->row_id = col_dup (stmt, 5);
  c->field = col_dup (stmt, 6);
  c->winner_value = col_json (stmt, 7);
  c->winner_hlc = (JlHlc) sqlite3_column_int64 (stmt, 8);
  c->winner_device = col_dup (stmt, 9);
  c->winner_user = col_dup (stmt, 10);
  c->loser_value = col_json (stmt, 11);
  c->loser_hlc = (JlHlc) sqlite3_column_int64 (stmt, 12);
  c->loser_device = col_dup (stmt, 13);
  c->loser_user = col_dup (stmt, 14);
  c->change_id = col_dup (stmt, 15);
  c->created_ms = sqlite3_column_int64 (stmt, 16);
  c->status = col_dup (stmt, 17);
  return c;
}

static GPtrArray *
sq_pull (JlServerStore  *store,
         const char     *community_id,
         gint64          after,
         guint           limit,
         GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_row_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Rows and conflict entries share the community's sequence: merge
   * them in order. */
  stmt = prepare (self,
                  "SELECT 0, row_seq, row_id FROM rows WHERE community_id = ?1 AND row_seq > ?2"
                  " UNION ALL SELECT 1, seq, id FROM conflicts WHERE community_id = ?1 AND seq > ?2"
                  " ORDER BY 2 LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, community_id);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, limit);
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) is_conflict = g_array_new (FALSE, FALSE, sizeof (int));

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        int c = sqlite3_column_int (stmt, 0);
        g_array_append_val (is_conflict, c);
        g_ptr_array_add (ids, col_dup (stmt, 2));
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_DONE)
      {
        db_error (self, error);
        return NULL;
      }

    for (guint i = 0; i < ids->len; i++)
      {
        if (g_array_index (is_conflict, int, i))
          {
            g_autoptr(JlServerConflict) c = NULL;

            stmt = prepare (self, "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE id = ?1", error);
            if (stmt == NULL)
              return NULL;
            bind_text (stmt, 1, ids->pdata[i]);
            if (sqlite3_step (stmt) == SQLITE_ROW)
              c = conflict_from_row (stmt);
            sqlite3_reset (stmt);
            if (c != NULL)
              g_ptr_array_add (rows, jl_server_conflict_to_sync (c));
          }
        else
          {
            g_autoptr(JlServerRow) row = sq_row_get (store, ids->pdata[i], error);

            if (row == NULL)
              return NULL;
            g_ptr_array_add (rows, jl_server_row_to_sync (row));
          }
      }
  }
  return g_steal_pointer (&rows);
}

static gboolean
sq_summary (JlServerStore  *store,
            const char     *community_id,
            gint64         *count,
            char          **hash,
            GError        **error)
{
  JlServerSqlite *self = (JlServerSqlite *) store;
  sqlite3_stmt *stmt = prepare (self, "SELECT kind, row_id, row_seq FROM rows WHERE community_id = ?1"
                                      " AND deleted = 0", error);
  guint64 h = 0;
  gint64 n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, community_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      h ^= jl_server_row_hash ((const char *) sqlite3_column_text (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               sqlite3_column_int64 (stmt, 2));
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error);
  *count = n;
  *hash = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
  return TRUE;
}

/* Opening
 */

static void
sq_close (JlServerStore *store)
{
  JlServerSqlite *self = (JlServerSqlite *) store;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self);
}

static const JlServerStoreVTable sqlite_vtable = {
  .close = sq_close,
  .begin = sq_begin,
  .commit = sq_commit,
  .rollback = sq_rollback,
  .user_add = sq_user_add,
  .user_get = sq_user_get,
  .user_update = sq_user_update,
  .user_list = sq_user_list,
  .user_grant = sq_user_grant,
  .user_ungrant = sq_user_ungrant,
  .district_communities = sq_district_communities,
  .device_add = sq_device_add,
  .device_by_token = sq_device_by_token,
  .device_update = sq_device_update,
  .device_list = sq_device_list,
  .device_user = sq_device_user,
  .next_seq = sq_next_seq,
  .set_district = sq_set_district,
  .row_get = sq_row_get,
  .row_put = sq_row_put,
  .applied_get = sq_applied_get,
  .applied_put = sq_applied_put,
  .conflict_put = sq_conflict_put,
  .pull = sq_pull,
  .summary = sq_summary,
  .last_seq = sq_last_seq,
  .attachments_by_sha256 = sq_attachments_by_sha256,
};

static int
query_int (JlServerSqlite *self,
           const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
migrate (JlServerSqlite  *self,
         GError         **error)
{
  int version = query_int (self, "PRAGMA user_version");
  int app_id = query_int (self, "PRAGMA application_id");
  int n_tables = query_int (self, "SELECT count(*) FROM sqlite_master");

  if (version < 0 || app_id < 0 || n_tables < 0)
    return db_error (self, error);
  if (app_id != SERVER_APPLICATION_ID && (app_id != 0 || n_tables > 0))
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER,
                   "the database is not a jinlin-server database; it was left untouched");
      return FALSE;
    }
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER,
                   "the database was written by a newer jinlin-server (schema %d); please upgrade", version);
      return FALSE;
    }

  for (int v = version; v < (int) G_N_ELEMENTS (migrations); v++)
    {
      g_autoptr(GBytes) sql = g_resource_lookup_data (jinlin_server_get_resource (), migrations[v],
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                                 v + 1, SERVER_APPLICATION_ID);

      if (sql == NULL || !exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, g_bytes_get_data (sql, NULL), error) || !exec (self, pragma, error) ||
          !exec (self, "COMMIT", error))
        {
          exec (self, "ROLLBACK", NULL);
          g_prefix_error (error, "upgrading the server database to schema %d: ", v + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

JlServerStore *
jl_server_store_sqlite_open (const char  *path,
                             GError     **error)
{
  JlServerSqlite *self = g_new0 (JlServerSqlite, 1);

  self->parent.vtable = &sqlite_vtable;
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER, "cannot open the database “%s”: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      sq_close (&self->parent);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      sq_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}
