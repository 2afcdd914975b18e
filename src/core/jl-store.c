/* jl-store.c: opening the database safely, transactions and the clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-store-sync.h"
#include "jl-uuid.h"

/* "JLN1": marks a database as Jinlin's, so a foreign SQLite file is refused
 * instead of being migrated. */
#define JL_APPLICATION_ID 0x4A4C4E31

G_DEFINE_FINAL_TYPE (JlStore, jl_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64 fake_wall_ms = 0;

gint64
_jl_store_wall_ms (void)
{
  if (fake_wall_ms != 0)
    return fake_wall_ms;
  return g_get_real_time () / 1000;
}

void
_jl_store_set_fake_wall_ms (gint64 ms)
{
  fake_wall_ms = ms;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
jl_store_finalize (GObject *object)
{
  JlStore *self = (JlStore *) object;

  g_clear_pointer (&self->insert_stmts, g_hash_table_unref);
  g_clear_pointer (&self->stmt_cache, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (jl_store_parent_class)->finalize (object);
}

static void
jl_store_class_init (JlStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jl_store_finalize;

  /**
   * JlStore::changed:
   *
   * Local edits were committed (anything that stamped a new HLC: puts,
   * deletes, imports; not pulled pages). Emitted on the default main
   * context, never from the writing thread; commits in quick succession
   * give one emission. The app debounces sync with it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_store_init (JlStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->stmt_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->insert_stmts = g_hash_table_new (NULL, NULL);
}

gboolean
_jl_store_set_sqlite_error (JlStore  *self,
                            int       rc,
                            GError  **error)
{
  int code = JL_ERROR_DATABASE;

  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    code = JL_ERROR_NOT_A_DATABASE;
  g_set_error (error, JL_ERROR, code, _("Database error: %s"),
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
_jl_store_exec (JlStore     *self,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Statements are cached by their text and reset before reuse; callers
 * must not finalize them. */
sqlite3_stmt *
_jl_store_prepare (JlStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmt_cache, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _jl_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->stmt_cache, g_strdup (sql), stmt);
  return stmt;
}

char *
_jl_store_now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (_jl_store_wall_ms () / 1000);
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

JlHlc
_jl_store_next_hlc (JlStore *self)
{
  self->last_hlc = jl_hlc_next (self->last_hlc, _jl_store_wall_ms ());
  return self->last_hlc;
}

/* Another process on the same database (the CLI next to the app) shares
 * the device id and so the clock: start from the last stamp either of us
 * handed out. Called with the write lock held, so nobody moves it under us. */
static gboolean
catch_up_hlc (JlStore  *self,
              GError  **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, "SELECT last_hlc FROM sync_state WHERE id = 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    self->last_hlc = MAX (self->last_hlc, (JlHlc) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
set_broken_error (GError **error)
{
  g_set_error (error, JL_ERROR, JL_ERROR_DATABASE,
               _("An earlier write in this transaction failed half-way, so none of the transaction was saved."));
  return FALSE;
}

gboolean
_jl_store_tx_begin (JlStore  *self,
                    GError  **error)
{
  if (self->tx_depth == 0)
    {
      if (!_jl_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!catch_up_hlc (self, error))
        {
          _jl_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      self->tx_start_hlc = self->last_hlc;
    }
  else if (self->tx_broken)
    return set_broken_error (error);
  else if (!_jl_store_exec (self, "SAVEPOINT jl_write", error))
    return FALSE;

  self->tx_depth++;
  return TRUE;
}

static gboolean
persist_hlc (JlStore  *self,
             GError  **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, "UPDATE sync_state SET last_hlc = ?1 WHERE id = 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) self->last_hlc);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
emit_changed_cb (gpointer data)
{
  JlStore *self = data;

  g_atomic_int_set (&self->changed_queued, 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* After a commit that stamped local edits, one "changed" on the main
 * context, and only when someone listens (the CLI runs no main loop). */
static void
queue_changed (JlStore *self)
{
  g_autoptr(GSource) source = NULL;

  if (self->last_hlc == self->tx_start_hlc ||
      !g_signal_has_handler_pending (self, signals[CHANGED], 0, TRUE) ||
      !g_atomic_int_compare_and_exchange (&self->changed_queued, 0, 1))
    return;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_changed_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[jinlin] store changed");
  g_source_attach (source, g_main_context_default ());
}

/* Ends the innermost level. On failure of an inner level only its own
 * writes are undone; the outermost level commits or rolls back. */
gboolean
_jl_store_tx_end (JlStore   *self,
                  gboolean   ok,
                  GError   **error)
{
  g_assert (self->tx_depth > 0);
  self->tx_depth--;

  if (ok && self->tx_broken)
    ok = set_broken_error (error);
  if (self->tx_depth > 0)
    {
      if (!ok)
        _jl_store_exec (self, "ROLLBACK TO jl_write", NULL);
      return _jl_store_exec (self, "RELEASE jl_write", ok ? error : NULL) && ok;
    }

  self->tx_broken = FALSE;
  if (ok && persist_hlc (self, error) && _jl_store_exec (self, "COMMIT", error))
    {
      queue_changed (self);
      return TRUE;
    }

  _jl_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
jl_store_begin (JlStore  *self,
                GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = _jl_store_tx_begin (self, error);
  if (!ok)
    g_rec_mutex_unlock (&self->lock);
  /* The lock stays held until commit or rollback: a transaction belongs
   * to one thread. */
  return ok;
}

gboolean
jl_store_commit (JlStore  *self,
                 GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (JL_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  ok = _jl_store_tx_end (self, TRUE, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

void
jl_store_rollback (JlStore *self)
{
  g_return_if_fail (JL_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  _jl_store_tx_end (self, FALSE, NULL);
  g_rec_mutex_unlock (&self->lock);
}

/* Whether @path has a write-ahead log with frames in it (more than its
 * 32-byte header). */
static gboolean
wal_has_frames (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 32;
}

/* Reads the first 100 bytes before SQLite touches the file: a file that
 * is not SQLite, or whose header says it is longer than it is, is refused
 * without being opened for writing. */
static gboolean
check_file_header (const char  *path,
                   gboolean    *is_new,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 header[100];
  gsize n_read = 0;
  guint32 page_size, n_pages;
  goffset size;

  *is_new = FALSE;
  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          *is_new = TRUE;
          return TRUE;
        }
      g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot open “%s”: %s"),
                   path, local_error->message);
      return FALSE;
    }

  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  size = info ? g_file_info_get_size (info) : 0;
  if (size == 0)
    {
      *is_new = TRUE;
      return TRUE;
    }

  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n_read, NULL, &local_error))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot read “%s”: %s"),
                   path, local_error->message);
      return FALSE;
    }

  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Jinlin database (it is not an SQLite file). It was left untouched."),
                   path);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = ((guint32) header[28] << 24) | (header[29] << 16) | (header[30] << 8) | header[31];
  /* The in-header page count is valid when the change counters agree.
   * With a write-ahead log next to the file, a checkpoint cut short (a
   * power cut) can leave page 1 ahead of the rest: the log still holds the
   * pages and SQLite recovers them, so the size proves nothing then. */
  if (memcmp (header + 24, header + 92, 4) == 0 && n_pages > 0 &&
      (goffset) page_size * n_pages > size && !wal_has_frames (path))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_NOT_A_DATABASE,
                   _("The database “%s” is truncated or damaged (%llu of %llu bytes). It was left untouched; restore it from a backup."),
                   path, (unsigned long long) size, (unsigned long long) page_size * n_pages);
      return FALSE;
    }

  return TRUE;
}

static int
query_int (JlStore    *self,
           const char *sql,
           int        *out,
           GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return _jl_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
load_sync_state (JlStore  *self,
                 GError  **error)
{
  sqlite3_stmt *stmt = _jl_store_prepare (self, "SELECT device_id, last_hlc FROM sync_state WHERE id = 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->device_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      self->last_hlc = (JlHlc) sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jl_store_set_sqlite_error (self, rc, error);

  g_set_error (error, JL_ERROR, JL_ERROR_FOREIGN_DATABASE,
               _("The database “%s” has no device identity; it was not created by Jinlin."),
               self->path);
  return FALSE;
}

JlStore *
_jl_store_open_at_version (const char  *path,
                           int          target_version,
                           GError     **error)
{
  g_autoptr(JlStore) self = NULL;
  gboolean is_new;
  int version = 0, app_id = 0, n_tables = 0, rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_file_header (path, &is_new, error))
    return NULL;

  if (is_new)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot create the folder “%s”: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  self = g_object_new (JL_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot open the database “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read-only probes first: nothing is written to a file we do not own. */
  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    {
      if (error && *error && (*error)->code == JL_ERROR_DATABASE)
        (*error)->code = JL_ERROR_NOT_A_DATABASE;
      return NULL;
    }

  /* A new file has no tables, no version and no application id; anything
   * else without our id belongs to another program. */
  if (app_id != JL_APPLICATION_ID && (app_id != 0 || n_tables > 0 || version != 0))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_FOREIGN_DATABASE,
                   _("“%s” is an SQLite database of another program, not Jinlin's. It was left untouched."),
                   path);
      return NULL;
    }
  if (version > JL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Jinlin (schema %d; this version knows %d). Please upgrade Jinlin."),
                   path, version, JL_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!_jl_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_jl_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_jl_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* Bulk writes (demo, import, pulled pages) nest a savepoint per
       * record: keep its journal and a larger page cache in memory. */
      !_jl_store_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !_jl_store_exec (self, "PRAGMA cache_size = -65536", error))
    return NULL;

  if (!_jl_store_migrate (self, target_version, error))
    return NULL;

  if (!load_sync_state (self, error) || !_jl_store_load_demo_mark (self, error))
    return NULL;

  /* Pulled values an older version kept aside may fit now (cheap when
   * there are none, which is almost always). */
  if (!_jl_store_sync_take_up_remote (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * jl_store_open:
 * @path: the database file; created (with its folder) when missing
 * @error: a %JL_ERROR on failure
 *
 * Opens the database, upgrading its schema when it is older (after writing
 * a copy next to it). A file that is not a Jinlin database, is damaged or
 * was written by a newer Jinlin is refused and never modified.
 *
 * Returns: (transfer full): the store, or %NULL
 */
JlStore *
jl_store_open (const char  *path,
               GError     **error)
{
  return _jl_store_open_at_version (path, JL_STORE_SCHEMA_VERSION, error);
}

char *
jl_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "jinlin", "jinlin.db", NULL);
}

const char *
jl_store_get_path (JlStore *self)
{
  g_return_val_if_fail (JL_IS_STORE (self), NULL);
  return self->path;
}

const char *
jl_store_get_device_id (JlStore *self)
{
  g_return_val_if_fail (JL_IS_STORE (self), NULL);
  return self->device_id;
}

int
jl_store_get_schema_version (JlStore *self)
{
  int version = 0;

  g_return_val_if_fail (JL_IS_STORE (self), 0);

  g_rec_mutex_lock (&self->lock);
  query_int (self, "PRAGMA user_version", &version, NULL);
  g_rec_mutex_unlock (&self->lock);
  return version;
}

void
_jl_set_field_error (GError        **error,
                     const JlKind   *kind,
                     const JlField  *field,
                     const char     *format,
                     ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* "统一社会信用代码（uscc）：校验位不正确，应为 X" */
  g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("%s (%s): %s"),
               jl_field_get_label (field), field->name, detail);
}
