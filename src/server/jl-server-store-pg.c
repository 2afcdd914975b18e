/* jl-server-store-pg.c: the PostgreSQL backend of JlServerStore (libpq)
 *
 * For deployments where several jinlin-server processes share one
 * database. Each process handles requests one at a time on its main loop
 * with one connection, so the ordering guarantees come from the database:
 *
 *  - a push locks the community rows it writes to (lock_community:
 *    SELECT … FOR UPDATE, in a fixed order, before any row is read for
 *    merging). Sequence numbers of a community are then given out and
 *    committed in order, and a puller never sees N+1 while N is still
 *    uncommitted (scenario 14 of SYNC.md);
 *  - a pull reads one REPEATABLE READ snapshot.
 *
 * Every value goes in as a parameter (PQexecParams); only the static
 * migration files are sent as plain SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "jinlin-server-resources.h"
#include "jl-server-store.h"

/* Key of the advisory lock that keeps two servers from migrating at once
 * ("JLS1", as the SQLite application_id). */
#define MIGRATION_LOCK "1246514993"

typedef struct
{
  JlServerStore  parent;
  PGconn        *conn;
  GHashTable    *locked;   /* community ids locked by this transaction */
  gboolean       in_transaction;
} JlServerPg;

static const char *const migrations[] = {
  "/cn/jinlin/server/schema-pg/001-init.sql",
};

/* Statements
 */

static gboolean
conn_error (JlServerPg  *self,
            GError     **error)
{
  g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (self->conn)));

  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER, "database: %s", message);
  return FALSE;
}

/* Runs @sql with @n text parameters (NULL is SQL NULL). Without
 * parameters it is static SQL, which may hold several statements (the
 * migrations). */
static gboolean ensure_connected (JlServerPg  *self,
                                  GError     **error);

static PGresult *
query (JlServerPg         *self,
       GError            **error,
       const char         *sql,
       int                 n,
       const char *const  *params)
{
  PGresult *res;
  ExecStatusType status;

  /* Outside a transaction (the token lookup of every request) a broken
   * connection is opened again; inside one, the statements fail until
   * the rollback, so nothing half-done is ever committed piecemeal. */
  if (!self->in_transaction && !ensure_connected (self, error))
    return NULL;
  res = n > 0 ? PQexecParams (self->conn, sql, n, NULL, params, NULL, NULL, 0) : PQexec (self->conn, sql);
  status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      const char *message = res ? PQresultErrorMessage (res) : NULL;
      g_autofree char *text = g_strchomp (g_strdup (message && *message ? message : PQerrorMessage (self->conn)));

      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER, "database: %s", text);
      PQclear (res);
      return NULL;
    }
  return res;
}

#define PARAMS(...) G_N_ELEMENTS (((const char *[]) { __VA_ARGS__ })), (const char *[]) { __VA_ARGS__ }
#define QUERY(self, error, sql, ...) query ((self), (error), (sql), PARAMS (__VA_ARGS__))

static gboolean
run (JlServerPg         *self,
     GError            **error,
     const char         *sql,
     int                 n,
     const char *const  *params)
{
  PGresult *res = query (self, error, sql, n, params);

  PQclear (res);
  return res != NULL;
}

#define RUN(self, error, sql, ...) run ((self), (error), (sql), PARAMS (__VA_ARGS__))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

static char *
col_dup (PGresult *res,
         int       row,
         int       col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

static gint64
col_int (PGresult *res,
         int       row,
         int       col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

static gboolean
col_bool (PGresult *res,
          int       row,
          int       col)
{
  return !PQgetisnull (res, row, col) && PQgetvalue (res, row, col)[0] == 't';
}

static JsonNode *
col_json (PGresult *res,
          int       row,
          int       col)
{
  return PQgetisnull (res, row, col) ? NULL : json_from_string (PQgetvalue (res, row, col), NULL);
}

/* Parameters are text; these keep the numbers' text alive for a call. */
typedef struct
{
  char text[8][24];
} Ints;

static const char *
int_param (Ints   *ints,
           guint   slot,
           gint64  value)
{
  g_assert (slot < G_N_ELEMENTS (ints->text));
  g_snprintf (ints->text[slot], sizeof ints->text[slot], "%" G_GINT64_FORMAT, value);
  return ints->text[slot];
}

static const char *
bool_param (gboolean value)
{
  return value ? "t" : "f";
}

static char *
json_param (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : NULL;
}

/* Transactions
 */

/* A push waiting over a minute for another server's lock fails and is
 * retried by the client, rather than hanging. */
static gboolean
configure_session (JlServerPg  *self,
                   GError     **error)
{
  return run (self, error, "SET lock_timeout = '60s'", 0, NULL);
}

/* A connection that broke (the database restarted) is opened again at
 * the next transaction rather than failing every request until a
 * restart of the server. */
static gboolean
ensure_connected (JlServerPg  *self,
                  GError     **error)
{
  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;
  g_message ("event=db_reconnect backend=postgresql");
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return conn_error (self, error);
  return configure_session (self, error);
}

static gboolean
pg_begin (JlServerStore  *store,
          gboolean        write,
          GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;

  self->in_transaction = FALSE;
  g_hash_table_remove_all (self->locked);
  if (!ensure_connected (self, error))
    return FALSE;
  if (PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    run (self, NULL, "ROLLBACK", 0, NULL);
  /* Writers read the latest committed rows once they hold their
   * communities' locks; readers see one snapshot for a whole page. */
  if (!run (self, error, write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                               : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static gboolean
pg_commit (JlServerStore  *store,
           GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  gboolean ok;

  g_hash_table_remove_all (self->locked);
  ok = run (self, error, "COMMIT", 0, NULL);
  self->in_transaction = FALSE;
  return ok;
}

static void
pg_rollback (JlServerStore *store)
{
  JlServerPg *self = (JlServerPg *) store;

  g_hash_table_remove_all (self->locked);
  run (self, NULL, "ROLLBACK", 0, NULL);
  self->in_transaction = FALSE;
}

static gboolean
pg_lock_community (JlServerStore  *store,
                   const char     *community_id,
                   GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;

  if (g_hash_table_contains (self->locked, community_id))
    return TRUE;
  /* The row must exist to be locked; inserting waits for another
   * transaction inserting the same id. */
  if (!RUN (self, error, "INSERT INTO community (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", community_id) ||
      !RUN (self, error, "SELECT seq FROM community WHERE id = $1 FOR UPDATE", community_id))
    return FALSE;
  g_hash_table_add (self->locked, g_strdup (community_id));
  return TRUE;
}

/* Users
 */

static GStrv
user_communities (JlServerPg  *self,
                  gint64       user_id,
                  GError     **error)
{
  Ints ints;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT community_id FROM user_community WHERE user_id = $1"
                                                " ORDER BY community_id", int_param (&ints, 0, user_id));
  GStrv ids;

  if (res == NULL)
    return NULL;
  ids = g_new0 (char *, PQntuples (res) + 1);
  for (int i = 0; i < PQntuples (res); i++)
    ids[i] = col_dup (res, i, 0);
  return ids;
}

#define USER_COLUMNS "id, name, pw_hash, role, district, disabled, created_ms"

static JlServerUser *
user_from_row (PGresult *res,
               int       i)
{
  JlServerUser *user = g_new0 (JlServerUser, 1);

  user->id = col_int (res, i, 0);
  user->name = col_dup (res, i, 1);
  user->pw_hash = col_dup (res, i, 2);
  user->role = col_dup (res, i, 3);
  user->district = col_dup (res, i, 4);
  user->disabled = col_bool (res, i, 5);
  user->created_ms = col_int (res, i, 6);
  return user;
}

static gboolean
pg_user_add (JlServerStore  *store,
             JlServerUser   *user,
             GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;
  g_autoptr(PGresult) res = QUERY (self, error,
                                   "INSERT INTO users (name, pw_hash, role, district, disabled, created_ms)"
                                   " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                                   user->name, user->pw_hash, user->role, user->district,
                                   bool_param (user->disabled), int_param (&ints, 0, user->created_ms));

  if (res == NULL)
    return FALSE;
  user->id = col_int (res, 0, 0);
  return TRUE;
}

static JlServerUser *
pg_user_get (JlServerStore  *store,
             const char     *name,
             GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT " USER_COLUMNS " FROM users WHERE name = $1", name);
  JlServerUser *user;

  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  user = user_from_row (res, 0);
  user->communities = user_communities (self, user->id, NULL);
  return user;
}

static gboolean
pg_user_update (JlServerStore       *store,
                const JlServerUser  *user,
                GError             **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;

  return RUN (self, error, "UPDATE users SET pw_hash = $2, role = $3, district = $4, disabled = $5 WHERE id = $1",
              int_param (&ints, 0, user->id), user->pw_hash, user->role, user->district,
              bool_param (user->disabled));
}

static GPtrArray *
pg_user_list (JlServerStore  *store,
              GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = query (self, error, "SELECT " USER_COLUMNS " FROM users ORDER BY name", 0, NULL);
  GPtrArray *users;

  if (res == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_server_user_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      JlServerUser *u = user_from_row (res, i);

      u->communities = user_communities (self, u->id, NULL);
      g_ptr_array_add (users, u);
    }
  return users;
}

static gboolean
pg_user_grant (JlServerStore  *store,
               gint64          user_id,
               const char     *community_id,
               GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;

  return RUN (self, error, "INSERT INTO user_community (user_id, community_id) VALUES ($1, $2)"
                           " ON CONFLICT DO NOTHING", int_param (&ints, 0, user_id), community_id);
}

static gboolean
pg_user_ungrant (JlServerStore  *store,
                 gint64          user_id,
                 const char     *community_id,
                 GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;

  return RUN (self, error, "DELETE FROM user_community WHERE user_id = $1 AND community_id = $2",
              int_param (&ints, 0, user_id), community_id);
}

static GStrv
pg_district_communities (JlServerStore  *store,
                         const char     *district,
                         GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT id FROM community WHERE district = $1 ORDER BY id",
                                   district);
  GStrv ids;

  if (res == NULL)
    return NULL;
  ids = g_new0 (char *, PQntuples (res) + 1);
  for (int i = 0; i < PQntuples (res); i++)
    ids[i] = col_dup (res, i, 0);
  return ids;
}

/* Devices
 */

#define DEVICE_COLUMNS "d.id, d.user_id, u.name, d.name, d.revoked, d.created_ms, d.last_seen_ms," \
                       " d.last_dseq, d.skew_ms, d.epoch"

static JlServerDevice *
device_from_row (PGresult *res,
                 int       i)
{
  JlServerDevice *d = g_new0 (JlServerDevice, 1);

  d->id = col_dup (res, i, 0);
  d->user_id = col_int (res, i, 1);
  d->user_name = col_dup (res, i, 2);
  d->name = col_dup (res, i, 3);
  d->revoked = col_bool (res, i, 4);
  d->created_ms = col_int (res, i, 5);
  d->last_seen_ms = col_int (res, i, 6);
  d->last_dseq = col_int (res, i, 7);
  d->skew_ms = col_int (res, i, 8);
  d->epoch = col_int (res, i, 9);
  return d;
}

static gboolean
pg_device_add (JlServerStore         *store,
               const JlServerDevice  *device,
               const char            *token_hash,
               GError               **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;

  return RUN (self, error, "INSERT INTO devices (id, user_id, name, token_hash, created_ms, last_seen_ms)"
                           " VALUES ($1, $2, $3, $4, $5, $5)",
              device->id, int_param (&ints, 0, device->user_id), device->name, token_hash,
              int_param (&ints, 1, device->created_ms));
}

static JlServerDevice *
pg_device_by_token (JlServerStore  *store,
                    const char     *token_hash,
                    GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT " DEVICE_COLUMNS " FROM devices d"
                                                " JOIN users u ON u.id = d.user_id WHERE d.token_hash = $1",
                                   token_hash);

  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  return device_from_row (res, 0);
}

static gboolean
pg_device_update (JlServerStore         *store,
                  const JlServerDevice  *device,
                  GError               **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;

  return RUN (self, error, "UPDATE devices SET revoked = $2, last_seen_ms = $3, last_dseq = $4, skew_ms = $5,"
                           " epoch = $6 WHERE id = $1",
              device->id, bool_param (device->revoked), int_param (&ints, 0, device->last_seen_ms),
              int_param (&ints, 1, device->last_dseq), int_param (&ints, 2, device->skew_ms),
              int_param (&ints, 3, device->epoch));
}

static GPtrArray *
pg_device_list (JlServerStore  *store,
                GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = query (self, error, "SELECT " DEVICE_COLUMNS " FROM devices d"
                                                " JOIN users u ON u.id = d.user_id ORDER BY u.name, d.created_ms",
                                   0, NULL);
  GPtrArray *devices;

  if (res == NULL)
    return NULL;
  devices = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_server_device_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (devices, device_from_row (res, i));
  return devices;
}

static char *
pg_device_user (JlServerStore  *store,
                const char     *id,
                GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT u.name FROM devices d JOIN users u ON u.id = d.user_id"
                                                " WHERE d.id = $1", id);

  if (res == NULL || PQntuples (res) == 0)
    return g_strdup ("");
  return col_dup (res, 0, 0);
}

/* Communities
 */

static gint64
pg_next_seq (JlServerStore  *store,
             const char     *community_id,
             GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  /* The update locks the row until commit even without lock_community,
   * so numbers are committed in the order they were given out. */
  g_autoptr(PGresult) res = QUERY (self, error, "INSERT INTO community (id, seq) VALUES ($1, 1)"
                                                " ON CONFLICT (id) DO UPDATE SET seq = community.seq + 1"
                                                " RETURNING seq", community_id);

  if (res == NULL)
    return -1;
  return col_int (res, 0, 0);
}

static gint64
pg_last_seq (JlServerStore  *store,
             const char     *community_id,
             GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT seq FROM community WHERE id = $1", community_id);

  if (res == NULL)
    return -1;
  return PQntuples (res) ? col_int (res, 0, 0) : 0;
}

static gboolean
pg_set_district (JlServerStore  *store,
                 const char     *community_id,
                 const char     *district,
                 GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;

  return RUN (self, error, "INSERT INTO community (id, seq, district) VALUES ($1, 0, $2)"
                           " ON CONFLICT (id) DO UPDATE SET district = EXCLUDED.district", community_id, district);
}

/* Rows
 */

#define ROW_COLUMNS "row_id, kind, community_id, row_seq, deleted, fields"

static JlServerRow *
row_from_result (PGresult *res,
                 int       i)
{
  g_autoptr(JsonNode) fields = col_json (res, i, 5);
  JlServerRow *row = g_new0 (JlServerRow, 1);

  row->row_id = col_dup (res, i, 0);
  row->kind = col_dup (res, i, 1);
  row->community_id = col_dup (res, i, 2);
  row->row_seq = col_int (res, i, 3);
  row->deleted = col_bool (res, i, 4);
  row->fields = fields && JSON_NODE_HOLDS_OBJECT (fields)
    ? json_object_ref (json_node_get_object (fields)) : json_object_new ();
  return row;
}

/* Once a push holds its communities' locks, a row of another community
 * was written without them (another server raced a malicious push for
 * the same row id): refused, so nothing of it is merged or logged. */
static gboolean
row_visible (JlServerPg        *self,
             const JlServerRow *row,
             GError           **error)
{
  if (g_hash_table_size (self->locked) == 0 || g_hash_table_contains (self->locked, row->community_id))
    return TRUE;
  g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_FORBIDDEN, "not allowed");
  return FALSE;
}

static JlServerRow *
pg_row_get (JlServerStore  *store,
            const char     *row_id,
            GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT " ROW_COLUMNS " FROM rows WHERE row_id = $1", row_id);
  g_autoptr(JlServerRow) row = NULL;

  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  row = row_from_result (res, 0);
  if (!row_visible (self, row, error))
    return NULL;
  return g_steal_pointer (&row);
}

static gboolean
pg_row_put (JlServerStore      *store,
            const JlServerRow  *row,
            GError            **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), row->fields);
  g_autofree char *fields = json_param (node);
  g_autoptr(PGresult) res = NULL;
  Ints ints;

  /* A row never moves to another community. */
  res = QUERY (self, error, "INSERT INTO rows (" ROW_COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6)"
                            " ON CONFLICT (row_id) DO UPDATE SET kind = EXCLUDED.kind, row_seq = EXCLUDED.row_seq,"
                            " deleted = EXCLUDED.deleted, fields = EXCLUDED.fields"
                            " WHERE rows.community_id = EXCLUDED.community_id",
               row->row_id, row->kind, row->community_id, int_param (&ints, 0, row->row_seq),
               bool_param (row->deleted), fields);
  if (res == NULL)
    return FALSE;
  if (strcmp (PQcmdTuples (res), "1") != 0)
    {
      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_FORBIDDEN, "not allowed");
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
pg_attachments_by_sha256 (JlServerStore  *store,
                          const char     *sha256,
                          GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  /* The expression and the kind match the partial index of migration 1. */
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT " ROW_COLUMNS " FROM rows WHERE kind = 'attachment'"
                                                " AND ((fields::json -> 'sha256') ->> 'value') = $1"
                                                " AND NOT deleted ORDER BY row_id", sha256);
  GPtrArray *rows;

  if (res == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_server_row_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (rows, row_from_result (res, i));
  return rows;
}

/* Changes and conflicts
 */

static JlServerApplied *
pg_applied_get (JlServerStore  *store,
                const char     *change_id,
                GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT device_id, dseq, status, seq, row_id, field"
                                                " FROM applied_change WHERE change_id = $1", change_id);
  JlServerApplied *a;
  const char *status;

  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  a = g_new0 (JlServerApplied, 1);
  a->change_id = g_strdup (change_id);
  a->device_id = col_dup (res, 0, 0);
  a->dseq = col_int (res, 0, 1);
  status = PQgetvalue (res, 0, 2);
  a->status = JL_SYNC_STATUS_APPLIED;
  for (int s = JL_SYNC_STATUS_APPLIED; s <= JL_SYNC_STATUS_QUARANTINED; s++)
    if (g_strcmp0 (status, jl_sync_status_to_string (s)) == 0)
      a->status = s;
  a->seq = col_int (res, 0, 3);
  a->row_id = col_dup (res, 0, 4);
  a->field = col_dup (res, 0, 5);
  return a;
}

static gboolean
pg_applied_put (JlServerStore          *store,
                const JlServerApplied  *a,
                GError                **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;

  return RUN (self, error, "INSERT INTO applied_change (change_id, device_id, dseq, status, seq, row_id, field)"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7)",
              a->change_id, a->device_id, int_param (&ints, 0, a->dseq), jl_sync_status_to_string (a->status),
              int_param (&ints, 1, a->seq), a->row_id, a->field);
}

#define CONFLICT_COLUMNS "id, community_id, seq, kind, tbl, row_id, field, winner_value, winner_hlc," \
                         " winner_device, winner_user, loser_value, loser_hlc, loser_device, loser_user," \
                         " change_id, created_ms, status"

static gboolean
pg_conflict_put (JlServerStore           *store,
                 const JlServerConflict  *c,
                 GError                 **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autofree char *winner = json_param (c->winner_value);
  g_autofree char *loser = json_param (c->loser_value);
  Ints ints;

  return RUN (self, error,
              "INSERT INTO conflicts (" CONFLICT_COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
              " $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (id) DO UPDATE SET"
              " community_id = EXCLUDED.community_id, seq = EXCLUDED.seq, kind = EXCLUDED.kind,"
              " tbl = EXCLUDED.tbl, row_id = EXCLUDED.row_id, field = EXCLUDED.field,"
              " winner_value = EXCLUDED.winner_value, winner_hlc = EXCLUDED.winner_hlc,"
              " winner_device = EXCLUDED.winner_device, winner_user = EXCLUDED.winner_user,"
              " loser_value = EXCLUDED.loser_value, loser_hlc = EXCLUDED.loser_hlc,"
              " loser_device = EXCLUDED.loser_device, loser_user = EXCLUDED.loser_user,"
              " change_id = EXCLUDED.change_id, created_ms = EXCLUDED.created_ms, status = EXCLUDED.status",
              c->id, c->community_id, int_param (&ints, 0, c->seq), c->kind, c->tbl, c->row_id, c->field,
              winner, int_param (&ints, 1, (gint64) c->winner_hlc), c->winner_device, c->winner_user,
              loser, int_param (&ints, 2, (gint64) c->loser_hlc), c->loser_device, c->loser_user,
              c->change_id, int_param (&ints, 3, c->created_ms), c->status ? c->status : "open");
}

static JlServerConflict *
conflict_from_row (PGresult *res,
                   int       i)
{
  JlServerConflict *c = g_new0 (JlServerConflict, 1);

  c->id = col_dup (res, i, 0);
  c->community_id = col_dup (res, i, 1);
  c->seq = col_int (res, i, 2);
  c->kind = col_dup (res, i, 3);
  c->tbl = col_dup (res, i, 4);
  c->row_id = col_dup (res, i, 5);
  c->field = col_dup (res, i, 6);
  c->winner_value = col_json (res, i, 7);
  c->winner_hlc = (JlHlc) col_int (res, i, 8);
  c->winner_device = col_dup (res, i, 9);
  c->winner_user = col_dup (res, i, 10);
  c->loser_value = col_json (res, i, 11);
  c->loser_hlc = (JlHlc) col_int (res, i, 12);
  c->loser_device = col_dup (res, i, 13);
  c->loser_user = col_dup (res, i, 14);
  c->change_id = col_dup (res, i, 15);
  c->created_ms = col_int (res, i, 16);
  c->status = col_dup (res, i, 17);
  return c;
}

/* Rows and conflict entries share the community's sequence: the first
 * @limit of each, merged in order, are the first @limit of both. */
static GPtrArray *
pg_pull (JlServerStore  *store,
         const char     *community_id,
         gint64          after,
         guint           limit,
         GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  Ints ints;
  const char *after_text = int_param (&ints, 0, after);
  const char *limit_text = int_param (&ints, 1, limit);
  g_autoptr(PGresult) rows = QUERY (self, error, "SELECT " ROW_COLUMNS " FROM rows WHERE community_id = $1"
                                                 " AND row_seq > $2 ORDER BY row_seq LIMIT $3",
                                    community_id, after_text, limit_text);
  g_autoptr(PGresult) conflicts = NULL;
  g_autoptr(GPtrArray) out = NULL;
  int r = 0, c = 0;

  if (rows == NULL)
    return NULL;
  conflicts = QUERY (self, error, "SELECT " CONFLICT_COLUMNS " FROM conflicts WHERE community_id = $1"
                                  " AND seq > $2 ORDER BY seq LIMIT $3", community_id, after_text, limit_text);
  if (conflicts == NULL)
    return NULL;

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_sync_row_free);
  while (out->len < limit && (r < PQntuples (rows) || c < PQntuples (conflicts)))
    {
      gboolean take_row = c >= PQntuples (conflicts) ||
                          (r < PQntuples (rows) && col_int (rows, r, 3) < col_int (conflicts, c, 2));

      if (take_row)
        {
          g_autoptr(JlServerRow) row = row_from_result (rows, r++);

          g_ptr_array_add (out, jl_server_row_to_sync (row));
        }
      else
        {
          g_autoptr(JlServerConflict) conflict = conflict_from_row (conflicts, c++);

          g_ptr_array_add (out, jl_server_conflict_to_sync (conflict));
        }
    }
  return g_steal_pointer (&out);
}

static gboolean
pg_summary (JlServerStore  *store,
            const char     *community_id,
            gint64         *count,
            char          **hash,
            GError        **error)
{
  JlServerPg *self = (JlServerPg *) store;
  g_autoptr(PGresult) res = QUERY (self, error, "SELECT kind, row_id, row_seq FROM rows WHERE community_id = $1"
                                                " AND NOT deleted", community_id);
  guint64 h = 0;

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    h ^= jl_server_row_hash (PQgetvalue (res, i, 0), PQgetvalue (res, i, 1), col_int (res, i, 2));
  *count = PQntuples (res);
  *hash = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
  return TRUE;
}

/* Opening
 */

static void
pg_close (JlServerStore *store)
{
  JlServerPg *self = (JlServerPg *) store;

  g_clear_pointer (&self->locked, g_hash_table_unref);
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self);
}

static const JlServerStoreVTable pg_vtable = {
  .close = pg_close,
  .begin = pg_begin,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .lock_community = pg_lock_community,
  .user_add = pg_user_add,
  .user_get = pg_user_get,
  .user_update = pg_user_update,
  .user_list = pg_user_list,
  .user_grant = pg_user_grant,
  .user_ungrant = pg_user_ungrant,
  .district_communities = pg_district_communities,
  .device_add = pg_device_add,
  .device_by_token = pg_device_by_token,
  .device_update = pg_device_update,
  .device_list = pg_device_list,
  .device_user = pg_device_user,
  .last_seq = pg_last_seq,
  .next_seq = pg_next_seq,
  .set_district = pg_set_district,
  .row_get = pg_row_get,
  .row_put = pg_row_put,
  .applied_get = pg_applied_get,
  .applied_put = pg_applied_put,
  .conflict_put = pg_conflict_put,
  .pull = pg_pull,
  .summary = pg_summary,
  .attachments_by_sha256 = pg_attachments_by_sha256,
};

/* The schema version, creating the version table in an empty database;
 * -1 with @error for a database that holds something else. */
static int
schema_version (JlServerPg  *self,
                GError     **error)
{
  g_autoptr(PGresult) res = query (self, error,
                                   "SELECT to_regclass ('jinlin_server_schema') IS NOT NULL,"
                                   " (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema ())",
                                   0, NULL);
  g_autoptr(PGresult) version = NULL;

  if (res == NULL)
    return -1;
  if (!col_bool (res, 0, 0))
    {
      if (col_int (res, 0, 1) > 0)
        {
          g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER,
                       "the database is not a jinlin-server database; it was left untouched");
          return -1;
        }
      if (!run (self, error, "CREATE TABLE jinlin_server_schema (version integer NOT NULL)", 0, NULL) ||
          !run (self, error, "INSERT INTO jinlin_server_schema (version) VALUES (0)", 0, NULL))
        return -1;
    }
  version = query (self, error, "SELECT version FROM jinlin_server_schema", 0, NULL);
  if (version == NULL)
    return -1;
  return PQntuples (version) ? (int) col_int (version, 0, 0) : 0;
}

static gboolean
migrate_locked (JlServerPg  *self,
                GError     **error)
{
  int version = schema_version (self, error);

  if (version < 0)
    return FALSE;
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
      Ints ints;

      /* Migration files are static SQL, several statements each. */
      if (sql == NULL || !run (self, error, g_bytes_get_data (sql, NULL), 0, NULL) ||
          !RUN (self, error, "UPDATE jinlin_server_schema SET version = $1", int_param (&ints, 0, v + 1)))
        {
          g_prefix_error (error, "upgrading the server database to schema %d: ", v + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* One transaction, under an advisory lock: servers started together
 * migrate once. */
static gboolean
migrate (JlServerPg  *self,
         GError     **error)
{
  gboolean ok;

  if (!run (self, error, "BEGIN", 0, NULL))
    return FALSE;
  self->in_transaction = TRUE;
  ok = RUN (self, error, "SELECT pg_advisory_xact_lock ($1)", MIGRATION_LOCK) &&
       migrate_locked (self, error) &&
       run (self, error, "COMMIT", 0, NULL);
  if (!ok)
    run (self, NULL, "ROLLBACK", 0, NULL);
  self->in_transaction = FALSE;
  return ok;
}

static void
quiet_notices (void       *data,
               const char *message)
{
}

JlServerStore *
jl_server_store_pg_open (const char  *conninfo,
                         GError     **error)
{
  JlServerPg *self = g_new0 (JlServerPg, 1);
  /* @conninfo is expanded (a URL or key=value words); the rest are
   * defaults it may not override. */
  const char *const keys[] = { "dbname", "application_name", "client_encoding", NULL };
  const char *const values[] = { conninfo, "jinlin-server", "UTF8", NULL };

  self->parent.vtable = &pg_vtable;
  self->locked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conn = PQconnectdbParams (keys, values, 1);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (self->conn ? PQerrorMessage (self->conn)
                                                                  : "out of memory"));

      g_set_error (error, JL_SYNC_ERROR, JL_SYNC_ERROR_SERVER, "cannot connect to PostgreSQL: %s", message);
      pg_close (&self->parent);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, quiet_notices, NULL);
  if (!configure_session (self, error) || !migrate (self, error))
    {
      g_prefix_error (error, "PostgreSQL database “%s” on %s: ", PQdb (self->conn), PQhost (self->conn));
      pg_close (&self->parent);
      return NULL;
    }
  g_debug ("PostgreSQL %d, database %s on %s:%s", PQserverVersion (self->conn), PQdb (self->conn),
           PQhost (self->conn), PQport (self->conn));
  return &self->parent;
}
