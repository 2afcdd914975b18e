/* jl-store-private.h: what the jl-store-*.c files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "jl-hlc.h"
#include "jl-record-private.h"
#include "jl-store.h"

G_BEGIN_DECLS

/* Outbox rows of a new record written by one INSERT (jl-store-write.c). */
#define JL_STORE_FRESH_OUTBOX_CHUNK 16

struct _JlStore
{
  GObject    parent_instance;

  char      *path;
  sqlite3   *db;
  GRecMutex  lock;
  char      *device_id;
  JlHlc      last_hlc;
  int        schema_version; /* as migrated so far (tests open old versions) */
  guint      tx_depth;      /* jl_store_begin nesting */
  gboolean   tx_broken;     /* a write failed half-way without a savepoint: only rollback is left */
  gboolean   importing;     /* references are checked at the end of an import */
  gboolean   holds_demo;    /* the invented demo city: never synced, so no outbox */
  GHashTable *stmt_cache;   /* SQL text → sqlite3_stmt* */
  GHashTable *insert_stmts; /* JlKind* → its INSERT of a new record (owned by stmt_cache) */
  sqlite3_stmt *fresh_outbox[JL_STORE_FRESH_OUTBOX_CHUNK + 1]; /* n → INSERT of n outbox rows (owned by stmt_cache) */
  JlHlc      tx_start_hlc;  /* last_hlc when the outermost transaction began */
  gint       changed_queued; /* atomic: a "changed" emission is on its way */
};

/* The migration that added the full-text index. A database opened at an
 * older version (tests of upgrades) is written without it; the migration
 * indexes everything. */
#define JL_STORE_SEARCH_VERSION 5

/* Milliseconds since the epoch; tests may fake the wall clock. */
gint64        _jl_store_wall_ms          (void);
void          _jl_store_set_fake_wall_ms (gint64 ms);

gboolean      _jl_store_exec             (JlStore     *self,
                                          const char  *sql,
                                          GError     **error);
sqlite3_stmt *_jl_store_prepare          (JlStore     *self,
                                          const char  *sql,
                                          GError     **error);
gboolean      _jl_store_set_sqlite_error (JlStore     *self,
                                          int          rc,
                                          GError     **error);

/* Savepoints so that writes nest inside jl_store_begin/commit. Once
 * tx_broken is set, nested levels are refused and the outermost level
 * rolls back even when asked to commit. */
gboolean      _jl_store_tx_begin         (JlStore     *self,
                                          GError     **error);
gboolean      _jl_store_tx_end           (JlStore     *self,
                                          gboolean     ok,
                                          GError     **error);

JlHlc         _jl_store_next_hlc         (JlStore     *self);
char         *_jl_store_now_string       (void);

/* Open an existing or new database up to @target_version (tests use an
 * older version to check upgrades). */
JlStore      *_jl_store_open_at_version  (const char  *path,
                                          int          target_version,
                                          GError     **error);
gboolean      _jl_store_migrate          (JlStore     *self,
                                          int          target_version,
                                          GError     **error);

/* Reading */
JlRecord     *_jl_store_load             (JlStore       *self,
                                          const JlKind  *kind,
                                          const char    *id,
                                          gboolean       include_deleted,
                                          GError       **error);
JsonNode     *_jl_store_column_to_node   (const JlField *field,
                                          sqlite3_stmt  *stmt,
                                          int            col);
/* The kind of record @id, searching every table (NULL if unknown). */
const JlKind *_jl_store_find_kind        (JlStore       *self,
                                          const char    *id);

/* Writing helpers */
gboolean      _jl_store_bind_node        (sqlite3_stmt  *stmt,
                                          int            idx,
                                          const JlField *field,
                                          JsonNode      *node);
gboolean      _jl_store_outbox_append    (JlStore       *self,
                                          const char    *community_id,
                                          const char    *tbl,
                                          const char    *row_id,
                                          const char    *field,
                                          JsonNode      *value,
                                          JlHlc          hlc,
                                          GError       **error);

/* Import: turns the live record @id into a tombstone without cascading. */
gboolean      _jl_store_import_tombstone (JlStore       *self,
                                          const JlKind  *kind,
                                          const char    *id,
                                          GError       **error);

/* Rules beyond single fields (jl-store-rules.c). @old is NULL on create;
 * @merged holds every value after the write, @changes only the new ones. */
gboolean      _jl_store_check_rules      (JlStore       *self,
                                          const JlKind  *kind,
                                          JlRecord      *old,
                                          const char    *id,
                                          JsonObject    *merged,
                                          JsonObject    *changes,
                                          GPtrArray     *warnings,
                                          GError       **error);
gboolean      _jl_store_check_after_children (JlStore      *self,
                                              const JlKind *kind,
                                              const char   *id,
                                              JsonObject   *children,
                                              GError      **error);
gboolean      _jl_store_check_delete     (JlStore       *self,
                                          JlRecord      *record,
                                          GError       **error);
/* The approved meeting that freezes @record, if any. */
gboolean      _jl_store_is_frozen        (JlStore       *self,
                                          const JlKind  *kind,
                                          JsonObject    *values,
                                          const char    *id);

/* Search index (jl-store-search.c) */
gboolean      _jl_store_index_record     (JlStore       *self,
                                          JlRecord      *record,
                                          GError       **error);
/* The same for a record just created under a new random id (no document
 * to replace). */
gboolean      _jl_store_index_new_record (JlStore       *self,
                                          JlRecord      *record,
                                          GError       **error);
gboolean      _jl_store_unindex_record   (JlStore       *self,
                                          const char    *id,
                                          GError       **error);
gboolean      _jl_store_reindex_all      (JlStore       *self,
                                          GError       **error);

/* Messages naming a field, in the user's language. */
void          _jl_set_field_error        (GError       **error,
                                          const JlKind  *kind,
                                          const JlField *field,
                                          const char    *format,
                                          ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
