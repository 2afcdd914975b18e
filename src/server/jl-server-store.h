/* jl-server-store.h: the one storage interface of jinlin-server
 *
 * Everything the protocol code (jl-server-sync.c, jl-server-auth.c,
 * jl-server-admin.c) keeps goes through this table of functions. The
 * backends are jl-server-store-sqlite.c and jl-server-store-pg.c (libpq).
 *
 * A backend serialises writers per community at least, so that sequence
 * numbers are allocated and committed in order: SQLite's begin (write)
 * is BEGIN IMMEDIATE, one writer at a time; PostgreSQL's lock_community
 * takes SELECT … FOR UPDATE on the community row, which a push calls for
 * its communities before it reads their rows.
 *
 * Getters return NULL without an error for "not found".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jl-sync-protocol.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *name;
  char     *pw_hash;       /* crypto_pwhash_str (argon2id) */
  char     *role;          /* clerk | secretary | district */
  char     *district;
  gboolean  disabled;
  GStrv     communities;   /* user_community */
  gint64    created_ms;
} JlServerUser;

typedef struct
{
  char     *id;
  gint64    user_id;
  char     *user_name;
  char     *name;
  gboolean  revoked;
  gint64    created_ms;
  gint64    last_seen_ms;
  gint64    last_dseq;
  gint64    skew_ms;
  gint64    epoch;         /* bumped when the device's database went back in time */
} JlServerDevice;

/* A synced row: fields maps a field name to {"value", "ver", "hlc",
 * "device", "chlc"} (chlc: the stamp the client sent, before clamping). */
typedef struct
{
  char       *row_id;
  char       *kind;
  char       *community_id;
  gint64      row_seq;
  gboolean    deleted;
  JsonObject *fields;
} JlServerRow;

typedef struct
{
  char         *change_id;
  char         *device_id;
  gint64        dseq;
  JlSyncStatus  status;
  gint64        seq;
  char         *row_id;
  char         *field;
} JlServerApplied;

typedef struct
{
  char     *id;
  char     *community_id;
  gint64    seq;
  char     *kind;           /* concurrent | edited_after_delete | rejected | frozen */
  char     *tbl;
  char     *row_id;
  char     *field;
  JsonNode *winner_value;
  JlHlc     winner_hlc;
  char     *winner_device;
  char     *winner_user;
  JsonNode *loser_value;
  JlHlc     loser_hlc;
  char     *loser_device;
  char     *loser_user;
  char     *change_id;
  gint64    created_ms;
  char     *status;         /* open | restored | dismissed */
} JlServerConflict;

typedef struct _JlServerStore JlServerStore;

typedef struct
{
  void              (*close)                (JlServerStore *self);

  gboolean          (*begin)                (JlServerStore *self, gboolean write, GError **error);
  gboolean          (*commit)               (JlServerStore *self, GError **error);
  void              (*rollback)             (JlServerStore *self);
  /* In a write transaction, before the community's rows are read: waits
   * for other transactions writing to @community_id (other server
   * processes sharing the database) and keeps them waiting until commit.
   * NULL when begin (write) already serialises every writer (SQLite). */
  gboolean          (*lock_community)       (JlServerStore *self, const char *community_id, GError **error);

  gboolean          (*user_add)             (JlServerStore *self, JlServerUser *user, GError **error);
  JlServerUser     *(*user_get)             (JlServerStore *self, const char *name, GError **error);
  gboolean          (*user_update)          (JlServerStore *self, const JlServerUser *user, GError **error);
  GPtrArray        *(*user_list)            (JlServerStore *self, GError **error);
  gboolean          (*user_grant)           (JlServerStore *self, gint64 user_id, const char *community_id,
                                             GError **error);
  /* Takes a community away (nothing when the user did not have it). */
  gboolean          (*user_ungrant)         (JlServerStore *self, gint64 user_id, const char *community_id,
                                             GError **error);
  /* Communities whose community row names @district. */
  GStrv             (*district_communities) (JlServerStore *self, const char *district, GError **error);

  gboolean          (*device_add)           (JlServerStore *self, const JlServerDevice *device,
                                             const char *token_hash, GError **error);
  JlServerDevice   *(*device_by_token)      (JlServerStore *self, const char *token_hash, GError **error);
  gboolean          (*device_update)        (JlServerStore *self, const JlServerDevice *device, GError **error);
  GPtrArray        *(*device_list)          (JlServerStore *self, GError **error);
  /* The user name of device @id ("" when unknown). */
  char             *(*device_user)          (JlServerStore *self, const char *id, GError **error);

  /* The last sequence number @community_id has given out (0: none). */
  gint64            (*last_seq)             (JlServerStore *self, const char *community_id, GError **error);
  /* Allocates the next sequence number of @community_id (creating it). */
  gint64            (*next_seq)             (JlServerStore *self, const char *community_id, GError **error);
  gboolean          (*set_district)         (JlServerStore *self, const char *community_id, const char *district,
                                             GError **error);

  JlServerRow      *(*row_get)              (JlServerStore *self, const char *row_id, GError **error);
  gboolean          (*row_put)              (JlServerStore *self, const JlServerRow *row, GError **error);
  JlServerApplied  *(*applied_get)          (JlServerStore *self, const char *change_id, GError **error);
  gboolean          (*applied_put)          (JlServerStore *self, const JlServerApplied *applied, GError **error);
  gboolean          (*conflict_put)         (JlServerStore *self, const JlServerConflict *conflict, GError **error);
  /* Rows and conflict entries of @community_id with a sequence number
   * above @after, in order, at most @limit (JlSyncRow). */
  GPtrArray        *(*pull)                 (JlServerStore *self, const char *community_id, gint64 after,
                                             guint limit, GError **error);
  /* Live rows of the community and the XOR of their hashes. */
  gboolean          (*summary)              (JlServerStore *self, const char *community_id, gint64 *count,
                                             char **hash, GError **error);
  /* Live rows of kind "attachment" whose sha256 field holds @sha256
   * (JlServerRow), for the blob endpoints (jl-server-blob.c). */
  GPtrArray        *(*attachments_by_sha256) (JlServerStore *self, const char *sha256, GError **error);
} JlServerStoreVTable;

struct _JlServerStore
{
  const JlServerStoreVTable *vtable;
};

/* The SQLite backend: one file, WAL, its own migrations. */
JlServerStore *jl_server_store_sqlite_open (const char *path,
                                            GError    **error);
/* The PostgreSQL backend (jl-server-store-pg.c, built with libpq):
 * @conninfo is a postgresql:// URL or "key=value …" words; its own
 * migrations in schema-pg/. */
JlServerStore *jl_server_store_pg_open     (const char *conninfo,
                                            GError    **error);
void           jl_server_store_close       (JlServerStore *self);

void jl_server_user_free     (JlServerUser     *user);
void jl_server_device_free   (JlServerDevice   *device);
void jl_server_row_free      (JlServerRow      *row);
void jl_server_applied_free  (JlServerApplied  *applied);
void jl_server_conflict_free (JlServerConflict *conflict);

/* Backends share these conversions to the protocol's rows. */
JlSyncRow *jl_server_row_to_sync      (const JlServerRow      *row);
JlSyncRow *jl_server_conflict_to_sync (const JlServerConflict *conflict);
/* Hash of one live row for the pull summary. */
guint64    jl_server_row_hash         (const char *kind,
                                       const char *row_id,
                                       gint64      row_seq);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlServerUser, jl_server_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlServerDevice, jl_server_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlServerRow, jl_server_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlServerApplied, jl_server_applied_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlServerConflict, jl_server_conflict_free)

G_END_DECLS
