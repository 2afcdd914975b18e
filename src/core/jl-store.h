/* jl-store.h: the local database of one user
 *
 * One SQLite file per user, in WAL mode with synchronous=FULL (power cuts
 * are common where Jinlin runs). Every write validates its input, stamps it
 * with the hybrid logical clock and appends one outbox entry per changed
 * field in the same transaction, so sync can pick the changes up later.
 * Deletes are tombstones.
 *
 * All functions here block on disk: the app calls them from a worker thread
 * (GTask), never from the main loop. A JlStore may be used from several
 * threads; calls are serialised by an internal lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jl-error.h"
#include "jl-eval.h"
#include "jl-record.h"
#include "jl-schema.h"

G_BEGIN_DECLS

#define JL_TYPE_STORE (jl_store_get_type ())

G_DECLARE_FINAL_TYPE (JlStore, jl_store, JL, STORE, GObject)

/* Signal "changed" (no arguments): local edits were committed. Emitted on
 * the default main context, coalesced; see JlStore::changed. */

/* The schema version this build writes (PRAGMA user_version). */
#define JL_STORE_SCHEMA_VERSION 8

typedef struct
{
  const char *field;
  const char *value;   /* compared as text; NULL matches NULL */
} JlQueryFilter;

typedef struct
{
  const char    *community_id;     /* NULL: every community */
  JlQueryFilter  filters[4];       /* equality filters, unused ones have field NULL */
  const char    *order_by;         /* a field; NULL: the kind's default order */
  gboolean       descending;
  guint          limit;            /* 0: no limit */
  guint          offset;
  gboolean       include_deleted;
} JlQuery;

typedef struct
{
  char *kind;
  char *id;
  char *community_id;
  char *title;
  char *snippet;   /* some text around the first match */
} JlSearchHit;

typedef struct
{
  char           *target_id;
  char           *target_name;
  JlEvalResult   *result;
} JlTargetResult;

typedef struct
{
  gint64  dseq;
  char   *change_id;
  char   *community_id;
  char   *tbl;
  char   *row_id;
  char   *field;
  char   *value;   /* JSON text */
  JlHlc   hlc;
  gint64  base;
} JlChange;

JlStore      *jl_store_open               (const char     *path,
                                           GError        **error);
/* The default database: $XDG_DATA_HOME/jinlin/jinlin.db */
char         *jl_store_default_path       (void);
const char   *jl_store_get_path           (JlStore        *self);
const char   *jl_store_get_device_id      (JlStore        *self);
int           jl_store_get_schema_version (JlStore        *self);

/* Bulk work (demo data, import): one transaction around many writes.
 * Inside it a write rejected by a check undoes only itself (it has written
 * nothing yet), but records without children get no savepoint of their
 * own: a database failure half-way through one (disk full) breaks the
 * whole transaction, and every later write and the commit then fail, so
 * nothing of it is saved. */
gboolean      jl_store_begin              (JlStore        *self,
                                           GError        **error);
gboolean      jl_store_commit             (JlStore        *self,
                                           GError        **error);
void          jl_store_rollback           (JlStore        *self);

JlRecord     *jl_store_get                (JlStore        *self,
                                           const char     *kind,
                                           const char     *id,
                                           GError        **error);
/* Create (id NULL or unknown) or update (only the fields given). A null
 * value clears a field. Members named after a child kind holding an array
 * create those children in the same transaction, e.g. a meeting with its
 * "attendance" and "agenda_item" arrays. @warnings, if not NULL, receives
 * translated warnings that do not stop the write (e.g. a unit linked to more
 * than two estates). */
JlRecord     *jl_store_put                (JlStore        *self,
                                           const char     *kind,
                                           const char     *id,
                                           JsonObject     *fields,
                                           GPtrArray     **warnings,
                                           GError        **error);
/* Tombstone a record and the records it owns. */
gboolean      jl_store_delete             (JlStore        *self,
                                           const char     *kind,
                                           const char     *id,
                                           GError        **error);
GPtrArray    *jl_store_list               (JlStore        *self,
                                           const char     *kind,
                                           const JlQuery  *query,
                                           GError        **error);
gint64        jl_store_count              (JlStore        *self,
                                           const char     *kind,
                                           const JlQuery  *query,
                                           GError        **error);

/* Chinese-aware full-text search over every searchable field. */
GPtrArray    *jl_store_search             (JlStore        *self,
                                           const char     *text,
                                           const char     *kind,
                                           const char     *community_id,
                                           guint           limit,
                                           GError        **error);
void          jl_search_hit_free          (JlSearchHit    *hit);

/* Evaluation results of a round, one per target, ranked. */
GPtrArray    *jl_store_eval_results       (JlStore        *self,
                                           const char     *round_id,
                                           GError        **error);
void          jl_target_result_free       (JlTargetResult *result);
/* Sum of the weights of a template's live criteria. */
double        jl_store_template_weight    (JlStore        *self,
                                           const char     *template_id,
                                           GError        **error);

/* Whole-database JSON: deterministic, so export → import → export is
 * byte-identical. Import validates everything and stores nothing on error. */
gboolean      jl_store_export_json        (JlStore        *self,
                                           const char     *path,
                                           GError        **error);
char         *jl_store_export_json_data   (JlStore        *self,
                                           GError        **error);
gboolean      jl_store_import_json        (JlStore        *self,
                                           const char     *path,
                                           guint          *n_records,
                                           GError        **error);

/* The outbox, oldest first. */
gint64        jl_store_outbox_count       (JlStore        *self,
                                           GError        **error);
GPtrArray    *jl_store_outbox_peek        (JlStore        *self,
                                           guint           limit,
                                           GError        **error);
void          jl_change_free              (JlChange       *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSearchHit, jl_search_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlTargetResult, jl_target_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlChange, jl_change_free)

G_END_DECLS
