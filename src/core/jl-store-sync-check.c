/* jl-store-sync-check.c: the checks that keep a synced database honest
 *
 * Three things a careful sync client must notice rather than trust:
 * - a database that holds the invented demo city (never to be pushed);
 * - a database restored from a backup, older than its device's history
 *   on the server (the server then gives the device a new epoch, and the
 *   database pulls everything again: docs/sync-protocol.md, "Epochs");
 * - rows lost or damaged locally, found by comparing the live rows this
 *   database really holds with the count and hash the server sends at the
 *   end of a pull ("Divergence").
 * Resetting a community for a full pull keeps every pending change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <string.h>

#include "jl-schema.h"
#include "jl-store-private.h"
#include "jl-store-sync.h"

static gboolean
exec_bound (JlStore     *self,
            const char  *sql,
            const char  *text,
            gint64       number,
            GError     **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gint64
query_int (JlStore     *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, sql, error);
  gint64 value = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _jl_store_set_sqlite_error (self, rc, error);
      return -1;
    }
  return value;
}

/* Runs @func in one transaction under the store's lock. */
static gboolean
locked_tx (JlStore   *self,
           gboolean (*func) (JlStore *self, gconstpointer data, GError **error),
           gconstpointer data,
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

/* Demo databases
 */

static gboolean
mark_demo_tx (JlStore       *self,
              gconstpointer  data,
              GError       **error)
{
  return exec_bound (self, "UPDATE sync_state SET holds_demo = ?1 WHERE id = 1", NULL, 1, error);
}

/**
 * _jl_store_mark_demo:
 * @self: a #JlStore
 * @error: a %JL_ERROR on a database failure
 *
 * Marks the database as holding the demo city: the sync client refuses
 * to log it in or push it (%JL_SYNC_ERROR_DEMO_DATA), and writes no
 * longer fill the outbox. Inside a transaction that is rolled back, call
 * _jl_store_load_demo_mark() afterwards.
 */
gboolean
_jl_store_mark_demo (JlStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  if (!locked_tx (self, mark_demo_tx, NULL, error))
    return FALSE;
  /* From now on writes skip the outbox: nothing here will ever be sent. */
  self->holds_demo = TRUE;
  return TRUE;
}

/* Reads the mark again after a transaction that set it was rolled back. */
gboolean
_jl_store_load_demo_mark (JlStore  *self,
                          GError  **error)
{
  gint64 demo;

  if (self->schema_version < 8)
    return TRUE;
  g_rec_mutex_lock (&self->lock);
  demo = query_int (self, "SELECT holds_demo FROM sync_state WHERE id = 1", error);
  g_rec_mutex_unlock (&self->lock);
  if (demo < 0)
    return FALSE;
  self->holds_demo = demo > 0;
  return TRUE;
}

/**
 * jl_store_holds_demo:
 * @self: a #JlStore
 *
 * Returns: whether the database holds the invented demo city
 */
gboolean
jl_store_holds_demo (JlStore *self)
{
  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  return self->holds_demo;
}

/* Pulled rows and the divergence check
 */

/* Records that the server had @row_id at @row_seq. Called for every
 * pulled row, inside the page's transaction. */
gboolean
_jl_store_sync_note_row (JlStore     *self,
                         const char  *community_id,
                         JlSyncRow   *row,
                         GError     **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self,
                                          "INSERT OR REPLACE INTO sync_row (row_id, community_id, tbl, row_seq, deleted)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, row->row_seq);
  sqlite3_bind_int (stmt, 5, row->deleted ? 1 : 0);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Adds the rows of one table to the summary. A row counts when the
 * server had it live and this database holds it live too — or has a
 * change of it waiting to be pushed, which the server will judge, or
 * keeps values of it that this version cannot store (sync_remote). */
static gboolean
summarize_table (JlStore     *self,
                 const char  *community_id,
                 const char  *tbl,
                 gint64      *count,
                 guint64     *hash,
                 GError     **error)
{
  const JlKind *kind = jl_schema_lookup (tbl);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (kind != NULL)
    sql = g_strdup_printf ("SELECT r.row_id, r.row_seq FROM sync_row r"
                           " WHERE r.community_id = ?1 AND r.tbl = ?2 AND r.deleted = 0"
                           " AND (EXISTS (SELECT 1 FROM \"%s\" k WHERE k.id = r.row_id AND k.deleted = 0)"
                           "      OR EXISTS (SELECT 1 FROM outbox o WHERE o.row_id = r.row_id)"
                           "      OR EXISTS (SELECT 1 FROM sync_remote s WHERE s.row_id = r.row_id))",
                           kind->name);
  else
    /* A kind of a newer version: its values wait in sync_remote. */
    sql = g_strdup ("SELECT r.row_id, r.row_seq FROM sync_row r"
                    " WHERE r.community_id = ?1 AND r.tbl = ?2 AND r.deleted = 0");
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return _jl_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
  sqlite3_bind_text (stmt, 1, community_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tbl, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *hash ^= jl_sync_row_hash (tbl, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1));
      (*count)++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/**
 * _jl_store_sync_summary:
 * @self: a #JlStore
 * @community_id: the community
 * @count: (out): live rows
 * @hash: (out) (transfer full): their XOR hash, as the server writes it
 * @error: a %JL_ERROR on a database failure
 *
 * The local side of the end-of-pull comparison (jl_sync_row_hash()).
 */
gboolean
_jl_store_sync_summary (JlStore     *self,
                        const char  *community_id,
                        gint64      *count,
                        char       **hash,
                        GError     **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint64 h = 0;
  gint64 n = 0;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  stmt = _jl_store_prepare (self, "SELECT DISTINCT tbl FROM sync_row WHERE community_id = ?1", error);
  if (stmt == NULL)
    ok = FALSE;
  else
    {
      sqlite3_bind_text (stmt, 1, community_id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        ok = _jl_store_set_sqlite_error (self, rc, error);
    }
  for (guint i = 0; ok && i < tables->len; i++)
    ok = summarize_table (self, community_id, tables->pdata[i], &n, &h, error);
  g_rec_mutex_unlock (&self->lock);

  if (!ok)
    return FALSE;
  *count = n;
  *hash = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
  return TRUE;
}

/* Forgets what was pulled of @community_id (NULL: of every community) so
 * that the next pull starts from 0 and writes every value again: the
 * cursor, the pulled-row notes and the field versions of fields without
 * a pending change. Pending changes keep their value and their base. */
gboolean
_jl_store_sync_forget_pulled (JlStore     *self,
                              const char  *community_id,
                              GError     **error)
{
  if (community_id == NULL)
    return _jl_store_exec (self,
                           "DELETE FROM field_version WHERE NOT EXISTS"
                           "  (SELECT 1 FROM outbox o WHERE o.row_id = field_version.row_id"
                           "   AND o.field = field_version.field);"
                           "DELETE FROM sync_row;"
                           "DELETE FROM sync_cursor;", error);
  return exec_bound (self,
                     "DELETE FROM field_version WHERE row_id IN"
                     "  (SELECT row_id FROM sync_row WHERE community_id = ?1)"
                     " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.row_id = field_version.row_id"
                     "   AND o.field = field_version.field)", community_id, 0, error) &&
         exec_bound (self, "DELETE FROM sync_row WHERE community_id = ?1", community_id, 0, error) &&
         exec_bound (self, "DELETE FROM sync_cursor WHERE community_id = ?1", community_id, 0, error);
}

static gboolean
reset_tx (JlStore       *self,
          gconstpointer  data,
          GError       **error)
{
  return _jl_store_sync_forget_pulled (self, data, error);
}

/**
 * _jl_store_sync_reset_pull:
 * @self: a #JlStore
 * @community_id: (nullable): the community, or %NULL for all
 * @error: a %JL_ERROR on a database failure
 *
 * Makes the next pull of @community_id a full one that rewrites every
 * value not waiting to be pushed.
 */
gboolean
_jl_store_sync_reset_pull (JlStore     *self,
                           const char  *community_id,
                           GError     **error)
{
  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  return locked_tx (self, reset_tx, community_id, error);
}

/* Epochs
 */

/**
 * _jl_store_sync_get_epoch:
 * @self: a #JlStore
 * @epoch: (out): the device's epoch as this database knows it
 * @max_dseq: (out): the highest change sequence number this database
 *   ever gave out
 * @error: a %JL_ERROR on a database failure
 */
gboolean
_jl_store_sync_get_epoch (JlStore  *self,
                          gint64   *epoch,
                          gint64   *max_dseq,
                          GError  **error)
{
  gint64 e, m;

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  e = query_int (self, "SELECT epoch FROM sync_state WHERE id = 1", error);
  m = e < 0 ? -1 : query_int (self, "SELECT coalesce (max (seq), 0) FROM sqlite_sequence WHERE name = 'outbox'",
                              error);
  g_rec_mutex_unlock (&self->lock);
  if (e < 0 || m < 0)
    return FALSE;
  *epoch = e;
  *max_dseq = m;
  return TRUE;
}

typedef struct
{
  gint64 epoch;
  gint64 last_dseq;
} EpochData;

static gboolean
start_epoch_tx (JlStore       *self,
                gconstpointer  data,
                GError       **error)
{
  const EpochData *d = data;
  sqlite3_stmt *stmt;
  int rc;

  if (!exec_bound (self, "UPDATE sync_state SET epoch = ?1 WHERE id = 1", NULL, d->epoch, error))
    return FALSE;
  /* New changes must number above everything the server has seen from
   * this device. sqlite_sequence has a row once the outbox had one. */
  stmt = _jl_store_prepare (self, "UPDATE sqlite_sequence SET seq = max (seq, ?1) WHERE name = 'outbox'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->last_dseq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  if (sqlite3_changes (self->db) == 0 &&
      !exec_bound (self, "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?1)", NULL, d->last_dseq,
                   error))
    return FALSE;
  return _jl_store_sync_forget_pulled (self, NULL, error);
}

/**
 * _jl_store_sync_start_epoch:
 * @self: a #JlStore
 * @epoch: the device's new epoch, from the server
 * @last_dseq: the highest change sequence number the server has seen
 *   from this device
 * @error: a %JL_ERROR on a database failure
 *
 * Takes the new epoch after the server noticed that this database is
 * older than the device's history: numbers new changes above @last_dseq
 * and makes the next pull of every community a full one. Pending changes
 * stay, and go through the server's conflict rules as another device's
 * would.
 */
gboolean
_jl_store_sync_start_epoch (JlStore  *self,
                            gint64    epoch,
                            gint64    last_dseq,
                            GError  **error)
{
  EpochData d = { epoch, last_dseq };

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  return locked_tx (self, start_epoch_tx, &d, error);
}
