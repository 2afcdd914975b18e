/* jl-store-migrate.c: versioned schema migrations
 *
 * Migration N is schema/00N-*.sql from the core's GResource, run in one
 * transaction together with its C step (if any) and PRAGMA user_version = N.
 * Before upgrading a database that already holds data, a copy is written
 * next to it ("jinlin.db.pre-v5.bak").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jinlin-core-resources.h"
#include "jl-store-private.h"
#include "jl-uuid.h"

typedef gboolean (*MigrationStep) (JlStore *self, GError **error);

typedef struct
{
  int            version;
  const char    *resource;
  MigrationStep  step;
} Migration;

static gboolean
init_identity (JlStore  *self,
               GError  **error)
{
  g_autofree char *device_id = jl_uuid_v7_new ();
  g_autofree char *sql = g_strdup_printf ("INSERT INTO sync_state (id, device_id) VALUES (1, '%s');"
                                          "PRAGMA application_id = %d;",
                                          device_id, 0x4A4C4E31);

  return _jl_store_exec (self, sql, error);
}

static const Migration migrations[] = {
  { 1, "/cn/jinlin/core/schema/001-organisation.sql", init_identity },
  { 2, "/cn/jinlin/core/schema/002-partner-units.sql", NULL },
  { 3, "/cn/jinlin/core/schema/003-meetings.sql", NULL },
  { 4, "/cn/jinlin/core/schema/004-evaluation.sql", NULL },
  { 5, "/cn/jinlin/core/schema/005-search.sql", _jl_store_reindex_all },
  { 6, "/cn/jinlin/core/schema/006-sync.sql", NULL },
  { 7, "/cn/jinlin/core/schema/007-attachments.sql", NULL },
  { 8, "/cn/jinlin/core/schema/008-sync-checks.sql", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == JL_STORE_SCHEMA_VERSION);

static int
current_version (JlStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
backup_before_upgrade (JlStore  *self,
                       int       from_version,
                       GError  **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.pre-v%d.bak", self->path, JL_STORE_SCHEMA_VERSION);
  g_autofree char *sql = NULL;
  char *quoted;

  g_unlink (backup);
  quoted = sqlite3_mprintf ("VACUUM INTO %Q", backup);
  sql = g_strdup (quoted);
  sqlite3_free (quoted);

  if (!_jl_store_exec (self, sql, error))
    {
      g_prefix_error (error, _("Could not back up the database before upgrading it from schema %d: "),
                      from_version);
      return FALSE;
    }
  g_debug ("Backed up schema %d database to %s", from_version, backup);
  return TRUE;
}

static gboolean
apply (JlStore          *self,
       const Migration  *m,
       GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *pragma = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = g_resource_lookup_data (jinlin_core_get_resource (), m->resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_FAILED, "Missing migration %s: %s",
                   m->resource, local_error->message);
      return FALSE;
    }

  if (!_jl_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA user_version = %d", m->version);
  if (!_jl_store_exec (self, g_bytes_get_data (bytes, NULL), error))
    goto failed;
  /* The step works on the new tables. */
  self->schema_version = m->version;
  if ((m->step != NULL && !m->step (self, error)) ||
      !_jl_store_exec (self, pragma, error) ||
      !_jl_store_exec (self, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  _jl_store_exec (self, "ROLLBACK", NULL);
  self->schema_version = m->version - 1;
  g_prefix_error (error, _("Upgrading the database to schema %d failed: "), m->version);
  return FALSE;
}

gboolean
_jl_store_migrate (JlStore  *self,
                   int       target_version,
                   GError  **error)
{
  int version = current_version (self);

  g_return_val_if_fail (target_version <= JL_STORE_SCHEMA_VERSION, FALSE);

  self->schema_version = version;
  if (version >= target_version)
    return TRUE;

  if (version > 0 && !backup_before_upgrade (self, version, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *m = &migrations[i];

      if (m->version <= version || m->version > target_version)
        continue;
      if (!apply (self, m, error))
        return FALSE;
    }
  return TRUE;
}
