/* jl-store-sync.c: the store's side of sync
 *
 * Three transactions make the client's half of docs/sync-protocol.md:
 * taking a batch (outbox entries get a batch mark before anything is
 * sent), applying a push reply, and applying a pulled page together with
 * its cursor. Pulled values bypass the edit rules (the server is the
 * authority on what was written elsewhere) but not the types: a value this
 * version cannot store goes to sync_remote instead of being dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-store-sync.h"

#define CONFLICT_KIND "sync_conflict"

void
jl_sync_account_free (JlSyncAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->server_url);
  g_free (account->user_name);
  g_free (account->remote_device_id);
  g_free (account->role);
  g_strfreev (account->communities);
  g_free (account->last_error);
  g_free (account);
}

void
jl_sync_conflict_free (JlSyncConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->community_id);
  g_free (c->conflict_kind);
  g_free (c->tbl);
  g_free (c->row_id);
  g_free (c->field);
  g_free (c->winner_value);
  g_free (c->winner_device);
  g_free (c->winner_user);
  g_free (c->loser_value);
  g_free (c->loser_device);
  g_free (c->loser_user);
  g_free (c->status);
  g_free (c);
}

/* Small helpers
 */

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

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
in_list (const char *const *list,
         const char        *item)
{
  if (list == NULL)
    return TRUE;
  return item != NULL && g_strv_contains (list, item);
}

static char *
node_to_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("null");
}

static JsonNode *
text_to_node (const char *text)
{
  JsonNode *node = text ? json_from_string (text, NULL) : NULL;

  return node ? node : json_node_init_null (json_node_alloc ());
}

/* Runs @func inside one transaction under the store's lock. */
typedef gboolean (*TxFunc) (JlStore *self, gpointer data, GError **error);

static gboolean
in_transaction (JlStore   *self,
                TxFunc     func,
                gpointer   data,
                GError   **error)
{
  gboolean ok = FALSE;

  g_rec_mutex_lock (&self->lock);
  if (_jl_store_tx_begin (self, error))
    {
      ok = func (self, data, error);
      ok = _jl_store_tx_end (self, ok, ok ? error : NULL) && ok;
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* The account
 */

/**
 * jl_store_sync_get_account:
 * @self: a #JlStore
 * @error: a %JL_ERROR on a database failure
 *
 * Returns: (transfer full) (nullable): the sync account, or %NULL without
 *   an error when the database was never logged in
 */
JlSyncAccount *
jl_store_sync_get_account (JlStore  *self,
                           GError  **error)
{
  g_autoptr(JlSyncAccount) account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self,
                            "SELECT server_url, user_name, remote_device_id, role, communities,"
                            " last_sync_ms, last_error, skew_ms FROM sync_account WHERE id = 1", error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(JsonNode) list = text_to_node ((const char *) sqlite3_column_text (stmt, 4));
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      account = g_new0 (JlSyncAccount, 1);
      account->server_url = column_dup (stmt, 0);
      account->user_name = column_dup (stmt, 1);
      account->remote_device_id = column_dup (stmt, 2);
      account->role = column_dup (stmt, 3);
      account->last_sync_ms = sqlite3_column_int64 (stmt, 5);
      account->last_error = column_dup (stmt, 6);
      account->skew_ms = sqlite3_column_int64 (stmt, 7);
      if (JSON_NODE_HOLDS_ARRAY (list))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
          {
            const char *id = json_array_get_string_element (json_node_get_array (list), i);
            if (id != NULL)
              g_ptr_array_add (ids, g_strdup (id));
          }
      g_ptr_array_add (ids, NULL);
      account->communities = (GStrv) g_ptr_array_steal (ids, NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _jl_store_set_sqlite_error (self, rc, error);
  g_rec_mutex_unlock (&self->lock);
  return g_steal_pointer (&account);
}

static gboolean
set_account_tx (JlStore   *self,
                gpointer   data,
                GError   **error)
{
  const JlSyncAccount *account = data;
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *communities = NULL;
  g_autofree char *now = _jl_store_now_string ();
  gboolean same = FALSE;
  sqlite3_stmt *stmt;

  for (guint i = 0; account->communities && account->communities[i]; i++)
    json_array_add_string_element (list, account->communities[i]);
  node = json_node_init_array (json_node_alloc (), list);
  communities = json_to_string (node, FALSE);

  stmt = _jl_store_prepare (self, "SELECT server_url = ?1 AND user_name = ?2 FROM sync_account WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account->server_url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account->user_name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    same = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  /* Another server or user: what we pulled says nothing about it. */
  if (!same && !_jl_store_sync_forget_pulled (self, NULL, error))
    return FALSE;

  stmt = _jl_store_prepare (self,
                            "INSERT INTO sync_account (id, server_url, user_name, remote_device_id,"
                            " role, communities, logged_in_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)"
                            /* The same device with other communities or
                             * role keeps its login time and last outcome. */
                            " ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url,"
                            " user_name = excluded.user_name, role = excluded.role,"
                            " communities = excluded.communities,"
                            " logged_in_at = CASE WHEN remote_device_id = excluded.remote_device_id"
                            "   THEN logged_in_at ELSE excluded.logged_in_at END,"
                            " last_sync_ms = CASE WHEN remote_device_id = excluded.remote_device_id"
                            "   THEN last_sync_ms ELSE 0 END,"
                            " last_error = CASE WHEN remote_device_id = excluded.remote_device_id"
                            "   THEN last_error ELSE NULL END,"
                            " remote_device_id = excluded.remote_device_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account->server_url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account->user_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, account->remote_device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, account->role ? account->role : "clerk", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, communities, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

gboolean
_jl_store_sync_set_account (JlStore             *self,
                            const JlSyncAccount *account,
                            GError             **error)
{
  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_return_val_if_fail (account->server_url != NULL && account->user_name != NULL, FALSE);
  g_return_val_if_fail (account->remote_device_id != NULL, FALSE);

  return in_transaction (self, set_account_tx, (gpointer) account, error);
}

typedef struct
{
  const char *error_text;
  gboolean    has_skew;
  gint64      skew_ms;
} StatusData;

static gboolean
set_status_tx (JlStore   *self,
               gpointer   data,
               GError   **error)
{
  StatusData *d = data;
  sqlite3_stmt *stmt;

  stmt = _jl_store_prepare (self,
                            "UPDATE sync_account SET last_error = ?1,"
                            " last_sync_ms = CASE WHEN ?1 IS NULL THEN ?2 ELSE last_sync_ms END,"
                            " skew_ms = CASE WHEN ?3 THEN ?4 ELSE skew_ms END WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (d->error_text != NULL)
    sqlite3_bind_text (stmt, 1, d->error_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);
  sqlite3_bind_int (stmt, 3, d->has_skew);
  sqlite3_bind_int64 (stmt, 4, d->skew_ms);
  return step_done (self, stmt, error);
}

gboolean
_jl_store_sync_set_status (JlStore     *self,
                           const char  *error_text,
                           gboolean     has_skew,
                           gint64       skew_ms,
                           GError     **error)
{
  StatusData d = { error_text, has_skew, skew_ms };

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  return in_transaction (self, set_status_tx, &d, error);
}

/* Reading the sync tables
 */

/**
 * jl_store_sync_get_cursor:
 * @self: a #JlStore
 * @community_id: a community
 * @error: a %JL_ERROR on a database failure
 *
 * Returns: the server sequence number up to which @community_id was
 *   pulled (0: never), or -1 on error
 */
gint64
jl_store_sync_get_cursor (JlStore     *self,
                          const char  *community_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 after = 0;

  g_return_val_if_fail (JL_IS_STORE (self), -1);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self, "SELECT after_seq FROM sync_cursor WHERE community_id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, community_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        after = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  else
    after = -1;
  g_rec_mutex_unlock (&self->lock);
  return after;
}

/**
 * jl_store_sync_pending_count:
 * @self: a #JlStore
 * @communities: (nullable) (array zero-terminated=1): only these; %NULL: all
 * @error: a %JL_ERROR on a database failure
 *
 * Returns: the outbox entries not yet acknowledged by the server, or -1
 */
gint64
jl_store_sync_pending_count (JlStore            *self,
                             const char *const  *communities,
                             GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;
  int rc;

  g_return_val_if_fail (JL_IS_STORE (self), -1);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self, "SELECT community_id, count(*) FROM outbox GROUP BY community_id", error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return -1;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (in_list (communities, (const char *) sqlite3_column_text (stmt, 0)))
      count += sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jl_store_set_sqlite_error (self, rc, error);
      count = -1;
    }
  g_rec_mutex_unlock (&self->lock);
  return count;
}

/**
 * jl_store_sync_conflicts:
 * @self: a #JlStore
 * @community_id: (nullable): one community, or %NULL for all
 * @only_open: leave out restored and dismissed entries
 * @error: a %JL_ERROR on a database failure
 *
 * Returns: (transfer full) (element-type JlSyncConflict): the conflict
 *   log as pulled, newest first
 */
GPtrArray *
jl_store_sync_conflicts (JlStore     *self,
                         const char  *community_id,
                         gboolean     only_open,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self,
                            "SELECT id, community_id, conflict_kind, tbl, row_id, field, winner_value,"
                            " winner_hlc, winner_device, winner_user, loser_value, loser_hlc, loser_device,"
                            " loser_user, status, created_ms FROM sync_conflict"
                            " WHERE (?1 IS NULL OR community_id = ?1) AND (NOT ?2 OR status = 'open')"
                            " ORDER BY row_seq DESC", error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }
  if (community_id != NULL)
    sqlite3_bind_text (stmt, 1, community_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, only_open);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlSyncConflict *c = g_new0 (JlSyncConflict, 1);

      c->id = column_dup (stmt, 0);
      c->community_id = column_dup (stmt, 1);
      c->conflict_kind = column_dup (stmt, 2);
      c->tbl = column_dup (stmt, 3);
      c->row_id = column_dup (stmt, 4);
      c->field = column_dup (stmt, 5);
      c->winner_value = column_dup (stmt, 6);
      c->winner_hlc = (JlHlc) sqlite3_column_int64 (stmt, 7);
      c->winner_device = column_dup (stmt, 8);
      c->winner_user = column_dup (stmt, 9);
      c->loser_value = column_dup (stmt, 10);
      c->loser_hlc = (JlHlc) sqlite3_column_int64 (stmt, 11);
      c->loser_device = column_dup (stmt, 12);
      c->loser_user = column_dup (stmt, 13);
      c->status = column_dup (stmt, 14);
      c->created_ms = sqlite3_column_int64 (stmt, 15);
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (stmt);
  g_rec_mutex_unlock (&self->lock);
  if (rc != SQLITE_DONE)
    {
      _jl_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Taking a batch
 */

typedef struct
{
  const char        *batch_id;
  const char *const *communities;
  guint              max_changes;
  gsize              max_bytes;
  GPtrArray         *changes;
} BatchData;

static JlSyncChange *
change_from_row (sqlite3_stmt *stmt)
{
  JlSyncChange *c = jl_sync_change_new ();

  c->dseq = sqlite3_column_int64 (stmt, 0);
  c->change_id = column_dup (stmt, 1);
  c->community_id = column_dup (stmt, 2);
  c->kind = column_dup (stmt, 3);
  c->row_id = column_dup (stmt, 4);
  c->field = column_dup (stmt, 5);
  c->value = text_to_node ((const char *) sqlite3_column_text (stmt, 6));
  c->hlc = (JlHlc) sqlite3_column_int64 (stmt, 7);
  c->base = sqlite3_column_int64 (stmt, 8);
  return c;
}

static gboolean
take_batch_tx (JlStore   *self,
               gpointer   data,
               GError   **error)
{
  BatchData *d = data;
  sqlite3_stmt *stmt;
  gsize bytes = 0;
  int rc = SQLITE_DONE;

  stmt = _jl_store_prepare (self,
                            "SELECT dseq, change_id, community_id, tbl, row_id, field, value, hlc, base"
                            " FROM outbox ORDER BY dseq", error);
  if (stmt == NULL)
    return FALSE;
  while (d->changes->len < d->max_changes && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JlSyncChange) c = NULL;
      gsize size;

      /* Entries of communities outside the account wait, kept. */
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL ||
          !in_list (d->communities, (const char *) sqlite3_column_text (stmt, 2)))
        continue;
      c = change_from_row (stmt);
      size = jl_sync_change_encoded_size (c);
      if (d->changes->len > 0 && bytes + size > d->max_bytes)
        break;
      bytes += size;
      g_ptr_array_add (d->changes, g_steal_pointer (&c));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _jl_store_set_sqlite_error (self, rc, error);

  stmt = _jl_store_prepare (self, "UPDATE outbox SET batch = ?1 WHERE dseq = ?2", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < d->changes->len; i++)
    {
      sqlite3_bind_text (stmt, 1, d->batch_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, ((JlSyncChange *) d->changes->pdata[i])->dseq);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
_jl_store_sync_take_batch (JlStore            *self,
                           const char         *batch_id,
                           const char *const  *communities,
                           guint               max_changes,
                           gsize               max_bytes,
                           GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_change_free);
  BatchData d = { batch_id, communities, max_changes, max_bytes, changes };

  g_return_val_if_fail (JL_IS_STORE (self), NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  if (!in_transaction (self, take_batch_tx, &d, error))
    return NULL;
  return g_steal_pointer (&changes);
}

/* Writing values that came from the server
 */

static gboolean
has_pending (JlStore     *self,
             const char  *row_id,
             const char  *field,
             GError     **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, "SELECT 1 FROM outbox WHERE row_id = ?1 AND field = ?2 LIMIT 1",
                                          error);
  gboolean found;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
set_field_version (JlStore     *self,
                   const char  *row_id,
                   const char  *field,
                   const char  *tbl,
                   gint64       ver,
                   JlHlc        hlc,
                   const char  *device,
                   GError     **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self,
                                          "INSERT OR REPLACE INTO field_version (row_id, field, tbl, ver, hlc, device_id)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tbl, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, ver);
  sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) hlc);
  sqlite3_bind_text (stmt, 6, device, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static gint64
get_field_ver (JlStore    *self,
               const char *row_id,
               const char *field)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, "SELECT ver FROM field_version WHERE row_id = ?1 AND field = ?2",
                                          NULL);
  gint64 ver = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ver = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ver;
}

/* Keeps a value this version cannot store, for a later one. */
static gboolean
keep_remote (JlStore     *self,
             const char  *tbl,
             const char  *row_id,
             const char  *community_id,
             JlSyncField *f,
             GError     **error)
{
  g_autofree char *value = node_to_text (f->value);
  sqlite3_stmt *stmt = _jl_store_prepare (self,
                                          "INSERT OR REPLACE INTO sync_remote (row_id, field, tbl, community_id, value,"
                                          " ver, hlc, device_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tbl, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, f->ver);
  sqlite3_bind_int64 (stmt, 7, (sqlite3_int64) f->hlc);
  sqlite3_bind_text (stmt, 8, f->device, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/* Values to write into one row: (field, normalised node) pairs plus the
 * deleted flag (-1: unchanged). */
typedef struct
{
  GPtrArray *fields;   /* const JlField* */
  GPtrArray *nodes;    /* JsonNode*, owned */
  int        deleted;
  JlHlc      hlc;
} RowValues;

static void
row_values_init (RowValues *v)
{
  v->fields = g_ptr_array_new ();
  v->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  v->deleted = -1;
  v->hlc = 0;
}

static void
row_values_clear (RowValues *v)
{
  g_clear_pointer (&v->fields, g_ptr_array_unref);
  g_clear_pointer (&v->nodes, g_ptr_array_unref);
}

/* Adds @value for @name; FALSE when this version cannot store it. */
static gboolean
row_values_add (RowValues    *v,
                const JlKind *kind,
                const char   *name,
                JsonNode     *value,
                JlHlc         hlc)
{
  const JlField *field;
  JsonNode *normalized;

  v->hlc = MAX (v->hlc, hlc);
  if (strcmp (name, "_deleted") == 0)
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        return FALSE;
      v->deleted = json_node_get_boolean (value) ? 1 : 0;
      return TRUE;
    }
  field = jl_kind_lookup_field (kind, name);
  if (field == NULL)
    return FALSE;
  /* The community column comes from the page, not from a value. */
  if (strcmp (name, "community_id") == 0)
    return TRUE;
  normalized = jl_field_normalize (kind, field, value, NULL);
  if (normalized == NULL)
    return FALSE;
  g_ptr_array_add (v->fields, (gpointer) field);
  g_ptr_array_add (v->nodes, normalized);
  return TRUE;
}

static int
row_state (JlStore      *self,
           const JlKind *kind,
           const char   *row_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM \"%s\" WHERE id = ?1", kind->name);
  sqlite3_stmt *stmt = _jl_store_prepare (self, sql, NULL);
  int state = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return state;
}

static gboolean
reindex (JlStore      *self,
         const JlKind *kind,
         const char   *row_id,
         GError      **error)
{
  g_autoptr(JlRecord) record = _jl_store_load (self, kind, row_id, TRUE, error);

  if (record == NULL)
    return FALSE;
  if (jl_record_get_deleted (record))
    return _jl_store_unindex_record (self, row_id, error);
  return _jl_store_index_record (self, record, error);
}

static gboolean
write_values (JlStore       *self,
              const JlKind  *kind,
              const char    *row_id,
              const char    *community_id,
              RowValues     *v,
              GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *now = _jl_store_now_string ();
  int state = row_state (self, kind, row_id);
  sqlite3_stmt *stmt;
  int idx;

  if (state < 0)
    {
      g_string_append_printf (sql, "INSERT INTO \"%s\" (id, community_id, created_at, updated_at, hlc, deleted",
                              kind->name);
      for (guint i = 0; i < v->fields->len; i++)
        g_string_append_printf (sql, ", \"%s\"", ((const JlField *) v->fields->pdata[i])->name);
      g_string_append (sql, ") VALUES (?1, ?2, ?3, ?3, ?4, ?5");
      for (guint i = 0; i < v->fields->len; i++)
        g_string_append_printf (sql, ", ?%u", i + 6);
      g_string_append (sql, ")");
    }
  else
    {
      g_string_append_printf (sql, "UPDATE \"%s\" SET community_id = ?2, updated_at = ?3, hlc = max(hlc, ?4),"
                              " deleted = ?5", kind->name);
      for (guint i = 0; i < v->fields->len; i++)
        g_string_append_printf (sql, ", \"%s\" = ?%u", ((const JlField *) v->fields->pdata[i])->name, i + 6);
      g_string_append (sql, " WHERE id = ?1");
    }

  /* Statements differ by their field lists: not worth caching. */
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return _jl_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) v->hlc);
  sqlite3_bind_int (stmt, 5, v->deleted >= 0 ? v->deleted : MAX (state, 0));
  idx = 6;
  for (guint i = 0; i < v->fields->len; i++)
    _jl_store_bind_node (stmt, idx++, v->fields->pdata[i], v->nodes->pdata[i]);
  idx = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (idx != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, idx, error);

  return reindex (self, kind, row_id, error);
}

/* Applying a push reply
 */

typedef struct
{
  GPtrArray       *sent;
  JlSyncPushReply *reply;
} PushData;

/* The last result for each (row, field), with its change. */
typedef struct
{
  JlSyncResult *result;
  JlSyncChange *change;
} Outcome;

static gboolean
apply_outcome (JlStore  *self,
               Outcome  *o,
               GError  **error)
{
  JlSyncChange *c = o->change;
  JlSyncResult *r = o->result;
  const JlKind *kind = jl_schema_lookup (c->kind);
  RowValues v;
  gboolean ok = TRUE;

  /* A newer local edit of the field is waiting: it keeps its value and
   * the base it was made on. */
  if (has_pending (self, c->row_id, c->field, NULL))
    return TRUE;
  if (r->ver > 0 && !set_field_version (self, c->row_id, c->field, c->kind, r->ver, r->hlc, r->device, error))
    return FALSE;
  if (r->winner == NULL || kind == NULL)
    return TRUE;

  row_values_init (&v);
  if (row_values_add (&v, kind, c->field, r->winner, r->hlc))
    ok = write_values (self, kind, c->row_id, c->community_id, &v, error);
  row_values_clear (&v);
  return ok;
}

static gboolean
apply_push_tx (JlStore   *self,
               gpointer   data,
               GError   **error)
{
  PushData *d = data;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < d->sent->len; i++)
    {
      JlSyncChange *c = d->sent->pdata[i];
      g_hash_table_insert (by_id, c->change_id, c);
    }

  stmt = _jl_store_prepare (self, "DELETE FROM outbox WHERE change_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < d->reply->results->len; i++)
    {
      JlSyncResult *r = d->reply->results->pdata[i];
      JlSyncChange *c = g_hash_table_lookup (by_id, r->change_id);
      char *key;
      Outcome *o;

      if (c == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, c->change_id, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;

      key = g_strconcat (c->row_id, "\x1f", c->field, NULL);
      o = g_hash_table_lookup (last, key);
      if (o == NULL)
        {
          o = g_new0 (Outcome, 1);
          g_hash_table_insert (last, key, o);
          g_ptr_array_add (order, o);
        }
      else
        g_free (key);
      o->result = r;
      o->change = c;
    }

  for (guint i = 0; i < order->len; i++)
    if (!apply_outcome (self, order->pdata[i], error))
      return FALSE;
  return TRUE;
}

gboolean
_jl_store_sync_apply_push (JlStore          *self,
                           GPtrArray        *sent,
                           JlSyncPushReply  *reply,
                           GError          **error)
{
  PushData d = { sent, reply };

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  return in_transaction (self, apply_push_tx, &d, error);
}

/* Applying a pulled page
 */

typedef struct
{
  const char *community_id;
  JlSyncPage *page;
  guint       n_rows;
  guint       n_conflicts;
} PageData;

static const char *
field_text (JlSyncRow  *row,
            const char *name)
{
  JlSyncField *f = jl_sync_row_get_field (row, name);

  if (f == NULL || !JSON_NODE_HOLDS_VALUE (f->value) || json_node_get_value_type (f->value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (f->value);
}

static gint64
field_int (JlSyncRow  *row,
           const char *name)
{
  JlSyncField *f = jl_sync_row_get_field (row, name);

  if (f == NULL || !JSON_NODE_HOLDS_VALUE (f->value) || json_node_get_value_type (f->value) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (f->value);
}

static char *
field_json (JlSyncRow  *row,
            const char *name)
{
  JlSyncField *f = jl_sync_row_get_field (row, name);

  return f ? node_to_text (f->value) : NULL;
}

/* The conflict log is its own table, not a record kind: it has no edit
 * rules and is shown only in the conflicts view. */
static gboolean
apply_conflict_row (JlStore     *self,
                    const char  *community_id,
                    JlSyncRow   *row,
                    gboolean    *is_new,
                    GError     **error)
{
  g_autofree char *winner = field_json (row, "winner_value");
  g_autofree char *loser = field_json (row, "loser_value");
  const char *status = field_text (row, "status");
  sqlite3_stmt *stmt;
  gboolean existed;

  stmt = _jl_store_prepare (self, "SELECT 1 FROM sync_conflict WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->row_id, -1, SQLITE_STATIC);
  existed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  *is_new = !existed && g_strcmp0 (status ? status : "open", "open") == 0;

  stmt = _jl_store_prepare (self,
                            "INSERT OR REPLACE INTO sync_conflict (id, community_id, row_seq, conflict_kind, tbl,"
                            " row_id, field, winner_value, winner_hlc, winner_device, winner_user, loser_value,"
                            " loser_hlc, loser_device, loser_user, change_id, created_ms, status)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                            /* A local restore or dismissal survives a re-pull (not synced in v1). */
                            " coalesce ((SELECT status FROM sync_conflict WHERE id = ?1 AND status <> 'open'), ?18))",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row->row_seq);
  sqlite3_bind_text (stmt, 4, field_text (row, "conflict_kind") ? field_text (row, "conflict_kind") : "concurrent",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, field_text (row, "tbl"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, field_text (row, "row_id"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, field_text (row, "field"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, winner, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, field_int (row, "winner_hlc"));
  sqlite3_bind_text (stmt, 10, field_text (row, "winner_device"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, field_text (row, "winner_user"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, loser, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, field_int (row, "loser_hlc"));
  sqlite3_bind_text (stmt, 14, field_text (row, "loser_device"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, field_text (row, "loser_user"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, field_text (row, "change_id"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 17, field_int (row, "created_ms"));
  sqlite3_bind_text (stmt, 18, status ? status : "open", -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static gboolean
apply_row (JlStore     *self,
           const char  *community_id,
           JlSyncRow   *row,
           gboolean    *changed,
           GError     **error)
{
  const JlKind *kind = jl_schema_lookup (row->kind);
  RowValues v;
  gboolean ok = TRUE;
  gboolean any = FALSE;

  /* The community row is its own community. */
  if (kind != NULL && strcmp (kind->name, "community") == 0 && strcmp (row->row_id, community_id) != 0)
    kind = NULL;

  row_values_init (&v);
  for (guint i = 0; ok && i < row->fields->len; i++)
    {
      JlSyncField *f = row->fields->pdata[i];

      /* Local edits not yet acknowledged win locally until the server
       * has decided; applying the echo of what we know changes nothing. */
      if (has_pending (self, row->row_id, f->name, NULL) ||
          get_field_ver (self, row->row_id, f->name) == f->ver)
        continue;
      *changed = TRUE;
      ok = set_field_version (self, row->row_id, f->name, row->kind, f->ver, f->hlc, f->device, error);
      if (ok && (kind == NULL || !row_values_add (&v, kind, f->name, f->value, f->hlc)))
        ok = keep_remote (self, row->kind, row->row_id, community_id, f, error);
      else
        any = TRUE;
    }
  /* Without a "_deleted" field in the page the server's row state holds,
   * unless a local delete or undelete waits to be pushed. */
  if (ok && any && v.deleted < 0 && !has_pending (self, row->row_id, "_deleted", NULL))
    v.deleted = row->deleted ? 1 : 0;
  if (ok && any)
    ok = write_values (self, kind, row->row_id, community_id, &v, error);
  row_values_clear (&v);
  return ok;
}

static gboolean
apply_page_tx (JlStore   *self,
               gpointer   data,
               GError   **error)
{
  PageData *d = data;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < d->page->rows->len; i++)
    {
      JlSyncRow *row = d->page->rows->pdata[i];
      gboolean changed = FALSE;

      if (strcmp (row->kind, CONFLICT_KIND) == 0)
        {
          gboolean is_new = FALSE;

          if (!apply_conflict_row (self, d->community_id, row, &is_new, error))
            return FALSE;
          d->n_conflicts += is_new;
          continue;
        }
      if (!apply_row (self, d->community_id, row, &changed, error) ||
          !_jl_store_sync_note_row (self, d->community_id, row, error))
        return FALSE;
      d->n_rows += changed;
    }

  stmt = _jl_store_prepare (self,
                            "INSERT OR REPLACE INTO sync_cursor (community_id, after_seq, pulled_at_ms)"
                            " VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->community_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, d->page->next);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / 1000);
  return step_done (self, stmt, error);
}

gboolean
_jl_store_sync_apply_page (JlStore     *self,
                           const char  *community_id,
                           JlSyncPage  *page,
                           guint       *n_rows,
                           guint       *n_conflicts,
                           GError     **error)
{
  PageData d = { community_id, page, 0, 0 };

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_return_val_if_fail (community_id != NULL && page != NULL, FALSE);

  if (!in_transaction (self, apply_page_tx, &d, error))
    return FALSE;
  if (n_rows)
    *n_rows = d.n_rows;
  if (n_conflicts)
    *n_conflicts = d.n_conflicts;
  return TRUE;
}

/* Taking up values kept for a later version
 */

typedef struct
{
  char   *field;
  gint64  ver;
  JlHlc   hlc;
  char   *device;
} KeptField;

static void
kept_field_free (KeptField *k)
{
  if (k == NULL)
    return;
  g_free (k->field);
  g_free (k->device);
  g_free (k);
}

/* Writes the values of @row_id that this version can store. */
static gboolean
take_up_row (JlStore      *self,
             const JlKind *kind,
             const char   *row_id,
             const char   *community_id,
             RowValues    *v,
             GPtrArray    *taken,
             GError      **error)
{
  sqlite3_stmt *stmt;

  if (taken->len == 0)
    return TRUE;
  if (!write_values (self, kind, row_id, community_id, v, error))
    return FALSE;
  for (guint i = 0; i < taken->len; i++)
    {
      KeptField *k = taken->pdata[i];

      if (!set_field_version (self, row_id, k->field, kind->name, k->ver, k->hlc, k->device, error))
        return FALSE;
      stmt = _jl_store_prepare (self, "DELETE FROM sync_remote WHERE row_id = ?1 AND field = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, k->field, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
take_up_tx (JlStore   *self,
            gpointer   data,
            GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  /* The rows first: writing changes the table being read. */
  stmt = _jl_store_prepare (self, "SELECT DISTINCT row_id FROM sync_remote ORDER BY row_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);

  for (guint r = 0; ok && r < rows->len; r++)
    {
      g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_field_free);
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_field_free);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      g_autofree char *tbl = NULL;
      g_autofree char *community_id = NULL;
      const JlKind *kind;
      RowValues v;

      stmt = _jl_store_prepare (self, "SELECT field, tbl, community_id, value, ver, hlc, device_id"
                                      " FROM sync_remote WHERE row_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, rows->pdata[r], -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KeptField *k = g_new0 (KeptField, 1);

          k->field = column_dup (stmt, 0);
          k->ver = sqlite3_column_int64 (stmt, 4);
          k->hlc = (JlHlc) sqlite3_column_int64 (stmt, 5);
          k->device = column_dup (stmt, 6);
          if (tbl == NULL)
            {
              tbl = column_dup (stmt, 1);
              community_id = column_dup (stmt, 2);
            }
          g_ptr_array_add (values, text_to_node ((const char *) sqlite3_column_text (stmt, 3)));
          g_ptr_array_add (kept, k);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _jl_store_set_sqlite_error (self, rc, error);

      kind = tbl ? jl_schema_lookup (tbl) : NULL;
      if (kind == NULL || community_id == NULL)
        continue;
      row_values_init (&v);
      for (guint i = 0; i < kept->len; i++)
        {
          KeptField *k = kept->pdata[i];

          /* A local edit waiting to be pushed keeps its value. */
          if (has_pending (self, rows->pdata[r], k->field, NULL))
            continue;
          if (row_values_add (&v, kind, k->field, values->pdata[i], k->hlc))
            g_ptr_array_add (taken, g_steal_pointer (&kept->pdata[i]));
        }
      ok = take_up_row (self, kind, rows->pdata[r], community_id, &v, taken, error);
      row_values_clear (&v);
    }
  return ok;
}

/**
 * _jl_store_sync_take_up_remote:
 * @self: a #JlStore
 * @error: a %JL_ERROR on a database failure
 *
 * Moves the pulled values this database kept aside because an older
 * version could not store them (`sync_remote`: a kind or field it did not
 * know) into their tables, now that it can: run after an upgrade. Values
 * it still cannot store stay where they are.
 */
gboolean
_jl_store_sync_take_up_remote (JlStore  *self,
                               GError  **error)
{
  g_return_val_if_fail (JL_IS_STORE (self), FALSE);

  if (self->schema_version < 6)
    return TRUE;
  return in_transaction (self, take_up_tx, NULL, error);
}

/* Resolving conflicts
 *
 * Restoring writes the overwritten value back as a normal local edit
 * (outbox, HLC, search), so it syncs like any edit; the entry's status
 * changes only here (protocol v1 does not sync it).
 */

typedef struct
{
  const char *conflict_id;
  const char *status;      /* the new status */
} ResolveData;

typedef struct
{
  char *conflict_kind;
  char *tbl;
  char *row_id;
  char *field;
  char *loser_value;
  char *status;
  char *community_id;
} ConflictRow;

static void
conflict_row_clear (ConflictRow *c)
{
  g_free (c->conflict_kind);
  g_free (c->tbl);
  g_free (c->row_id);
  g_free (c->field);
  g_free (c->loser_value);
  g_free (c->status);
  g_free (c->community_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConflictRow, conflict_row_clear)

static gboolean
load_open_conflict (JlStore      *self,
                    const char   *conflict_id,
                    ConflictRow  *c,
                    GError      **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self,
                                          "SELECT conflict_kind, tbl, row_id, field, loser_value, status,"
                                          " community_id FROM sync_conflict WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      c->conflict_kind = column_dup (stmt, 0);
      c->tbl = column_dup (stmt, 1);
      c->row_id = column_dup (stmt, 2);
      c->field = column_dup (stmt, 3);
      c->loser_value = column_dup (stmt, 4);
      c->status = column_dup (stmt, 5);
      c->community_id = column_dup (stmt, 6);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_NOT_FOUND, _("No such conflict “%s”"), conflict_id);
      return FALSE;
    }
  if (g_strcmp0 (c->status, "open") != 0)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_INVALID,
                   g_strcmp0 (c->status, "restored") == 0 ? _("This conflict was already restored.")
                                                          : _("This conflict was already dismissed."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_conflict_status (JlStore     *self,
                     const char  *conflict_id,
                     const char  *status,
                     GError     **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, "UPDATE sync_conflict SET status = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/* Brings a tombstone back as a local edit ("_deleted": false in the
 * outbox). Its parent must be alive: a child of a deleted record would
 * be shown nowhere. */
static gboolean
undelete_row (JlStore       *self,
              const JlKind  *kind,
              const char    *row_id,
              GError       **error)
{
  g_autoptr(JlRecord) record = _jl_store_load (self, kind, row_id, TRUE, error);
  g_autoptr(JsonNode) alive = json_node_init_boolean (json_node_alloc (), FALSE);
  g_autofree char *sql = NULL;
  g_autofree char *now = NULL;
  const JlField *parent = jl_kind_parent_field (kind);
  sqlite3_stmt *stmt;
  JlHlc hlc;

  if (record == NULL)
    return FALSE;
  if (parent != NULL)
    {
      const char *parent_id = jl_record_get_string (record, parent->name);
      const JlKind *parent_kind = parent->ref_kind ? jl_schema_lookup (parent->ref_kind) : NULL;
      g_autoptr(JlRecord) up = parent_id && parent_kind ? _jl_store_load (self, parent_kind, parent_id, TRUE, NULL)
                                                        : NULL;

      if (up != NULL && jl_record_get_deleted (up))
        {
          g_set_error (error, JL_ERROR, JL_ERROR_NOT_FOUND,
                       _("The %s “%s” it belongs to was deleted; restore that first."),
                       jl_kind_get_label (parent_kind), jl_record_get_title (up));
          return FALSE;
        }
    }

  hlc = _jl_store_next_hlc (self);
  now = _jl_store_now_string ();
  sql = g_strdup_printf ("UPDATE \"%s\" SET deleted = 0, updated_at = ?2, hlc = ?3, device_id = ?4 WHERE id = ?1",
                         kind->name);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _jl_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) hlc);
  sqlite3_bind_text (stmt, 4, self->device_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      return _jl_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
    }
  sqlite3_finalize (stmt);
  return _jl_store_outbox_append (self, jl_record_get_community_id (record), kind->name, row_id, "_deleted",
                                  alive, hlc, error) &&
         reindex (self, kind, row_id, error);
}

static gboolean
restore_tx (JlStore   *self,
            gpointer   data,
            GError   **error)
{
  ResolveData *d = data;
  g_auto(ConflictRow) c = { 0 };
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JlRecord) record = NULL;
  const JlKind *kind;
  int state;

  if (!load_open_conflict (self, d->conflict_id, &c, error))
    return FALSE;
  if (g_strcmp0 (c.conflict_kind, "rejected") == 0 || g_strcmp0 (c.conflict_kind, "frozen") == 0)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_READ_ONLY,
                   g_strcmp0 (c.conflict_kind, "frozen") == 0
                   ? _("The minutes were approved: this value cannot be written back. Add an amendment instead.")
                   : _("The server refused this value: writing it back would be refused again."));
      return FALSE;
    }
  kind = c.tbl ? jl_schema_lookup (c.tbl) : NULL;
  if (kind == NULL || c.row_id == NULL || c.field == NULL)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_UNKNOWN_KIND,
                   _("This conflict is about data this version of Jinlin does not know."));
      return FALSE;
    }

  value = text_to_node (c.loser_value);
  state = row_state (self, kind, c.row_id);
  if (state < 0)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_NOT_FOUND, _("The record of this conflict is not in this database."));
      return FALSE;
    }

  if (strcmp (c.field, "_deleted") == 0)
    {
      gboolean delete = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN &&
                        json_node_get_boolean (value);

      if (delete && state == 0 && !jl_store_delete (self, kind->name, c.row_id, error))
        return FALSE;
      if (!delete && state == 1 && !undelete_row (self, kind, c.row_id, error))
        return FALSE;
      return set_conflict_status (self, d->conflict_id, d->status, error);
    }

  /* An edit that arrived after a delete: the clerk wants the record back
   * with that edit (one-click restore). */
  if (state == 1 && g_strcmp0 (c.conflict_kind, "edited_after_delete") == 0 &&
      !undelete_row (self, kind, c.row_id, error))
    return FALSE;

  fields = json_object_new ();
  json_object_set_member (fields, c.field, g_steal_pointer (&value));
  record = jl_store_put (self, kind->name, c.row_id, fields, NULL, error);
  if (record == NULL)
    return FALSE;
  return set_conflict_status (self, d->conflict_id, d->status, error);
}

/**
 * jl_store_sync_restore_conflict:
 * @self: a #JlStore
 * @conflict_id: an open entry of the conflict log
 * @error: a %JL_ERROR on failure
 *
 * Writes the overwritten value back as a normal local edit (which then
 * syncs) and marks the entry restored, in one transaction. An
 * "edited_after_delete" entry brings the deleted record back with the
 * edited value. "rejected" and "frozen" entries cannot be restored
 * (%JL_ERROR_READ_ONLY): dismiss them. The status change stays local
 * (protocol v1 does not sync it).
 *
 * Returns: %TRUE when restored; on error nothing changed
 */
gboolean
jl_store_sync_restore_conflict (JlStore     *self,
                                const char  *conflict_id,
                                GError     **error)
{
  ResolveData d = { conflict_id, "restored" };

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);
  return in_transaction (self, restore_tx, &d, error);
}

static gboolean
dismiss_tx (JlStore   *self,
            gpointer   data,
            GError   **error)
{
  ResolveData *d = data;
  g_auto(ConflictRow) c = { 0 };

  return load_open_conflict (self, d->conflict_id, &c, error) &&
         set_conflict_status (self, d->conflict_id, d->status, error);
}

/**
 * jl_store_sync_dismiss_conflict:
 * @self: a #JlStore
 * @conflict_id: an open entry of the conflict log
 * @error: a %JL_ERROR on failure
 *
 * Marks the entry dismissed: the kept value stays, nothing is written.
 * Local only (protocol v1 does not sync the status).
 *
 * Returns: %TRUE when dismissed
 */
gboolean
jl_store_sync_dismiss_conflict (JlStore     *self,
                                const char  *conflict_id,
                                GError     **error)
{
  ResolveData d = { conflict_id, "dismissed" };

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);
  return in_transaction (self, dismiss_tx, &d, error);
}

/**
 * jl_store_sync_row_title:
 * @self: a #JlStore
 * @tbl: a record kind
 * @row_id: a record id
 *
 * For the conflicts view: the title of a record even when it is deleted.
 *
 * Returns: (transfer full) (nullable): the title, or %NULL when the
 *   record is not in this database
 */
char *
jl_store_sync_row_title (JlStore    *self,
                         const char *tbl,
                         const char *row_id)
{
  const JlKind *kind = tbl ? jl_schema_lookup (tbl) : NULL;
  g_autoptr(JlRecord) record = NULL;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  if (kind == NULL || row_id == NULL)
    return NULL;
  g_rec_mutex_lock (&self->lock);
  record = _jl_store_load (self, kind, row_id, TRUE, NULL);
  g_rec_mutex_unlock (&self->lock);
  return record ? g_strdup (jl_record_get_title (record)) : NULL;
}
