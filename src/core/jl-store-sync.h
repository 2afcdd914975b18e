/* jl-store-sync.h: the store's side of sync (used by JlSyncClient)
 *
 * The core owns all SQL: the sync client asks the store to take a batch
 * of outbox entries, to apply a push reply and to apply a pulled page,
 * each in one transaction. Nothing here talks to the network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"
#include "jl-sync-protocol.h"

G_BEGIN_DECLS

/* Who this database syncs as (the token is kept apart, see
 * jl-sync-client.c). */
typedef struct
{
  char   *server_url;
  char   *user_name;
  char   *remote_device_id;
  char   *role;
  GStrv   communities;
  gint64  last_sync_ms;   /* 0: never */
  char   *last_error;     /* NULL after a successful sync */
  gint64  skew_ms;        /* last clock skew reported by the server */
} JlSyncAccount;

/* One entry of the conflict log, as pulled. Values are JSON text. */
typedef struct
{
  char   *id;
  char   *community_id;
  char   *conflict_kind;  /* concurrent | edited_after_delete | rejected | frozen */
  char   *tbl;
  char   *row_id;
  char   *field;
  char   *winner_value;
  JlHlc   winner_hlc;
  char   *winner_device;
  char   *winner_user;
  char   *loser_value;
  JlHlc   loser_hlc;
  char   *loser_device;
  char   *loser_user;
  char   *status;         /* open | restored | dismissed */
  gint64  created_ms;
} JlSyncConflict;

void            jl_sync_account_free        (JlSyncAccount  *account);
void            jl_sync_conflict_free       (JlSyncConflict *conflict);

/* The account, or NULL (without an error) when there is none. */
JlSyncAccount  *jl_store_sync_get_account   (JlStore        *self,
                                             GError        **error);
/* The conflict log of @community_id (NULL: all), newest first. */
GPtrArray      *jl_store_sync_conflicts     (JlStore        *self,
                                             const char     *community_id,
                                             gboolean        only_open,
                                             GError        **error);
/* Outbox entries of the given communities (NULL: all) not yet
 * acknowledged by the server. */
gint64          jl_store_sync_pending_count (JlStore            *self,
                                             const char *const  *communities,
                                             GError            **error);
/* The pull cursor of @community_id (0: never pulled). */
gint64          jl_store_sync_get_cursor    (JlStore        *self,
                                             const char     *community_id,
                                             GError        **error);

/* Replaces the account. A different server or user starts pulling from
 * scratch (the cursors are reset); the outbox is kept. */
gboolean        _jl_store_sync_set_account  (JlStore             *self,
                                             const JlSyncAccount *account,
                                             GError             **error);
/* Records the outcome of a sync: @error_text NULL means success (and
 * sets last_sync_ms to now). @skew_ms is stored when @has_skew. */
gboolean        _jl_store_sync_set_status   (JlStore        *self,
                                             const char     *error_text,
                                             gboolean        has_skew,
                                             gint64          skew_ms,
                                             GError        **error);

/* Marks up to @max_changes outbox entries (and about @max_bytes of
 * encoded changes) of @communities with @batch_id, in dseq order, and
 * returns them as JlSyncChange. Entries of an earlier push that never got
 * its reply keep their change ids and are taken again first; entries with
 * a batch mark are never coalesced with later edits. */
GPtrArray      *_jl_store_sync_take_batch   (JlStore            *self,
                                             const char         *batch_id,
                                             const char *const  *communities,
                                             guint               max_changes,
                                             gsize               max_bytes,
                                             GError            **error);
/* Applies a push reply in one transaction: acknowledged entries leave the
 * outbox, field versions move to the server's, and a winning value
 * replaces the local one unless a newer local edit is pending. */
gboolean        _jl_store_sync_apply_push   (JlStore          *self,
                                             GPtrArray        *sent,
                                             JlSyncPushReply  *reply,
                                             GError          **error);
/* Applies one pulled page of @community_id and moves its cursor to
 * page->next, in one transaction. Fields with a pending outbox entry keep
 * their local value; nothing is added to the outbox. @n_rows and
 * @n_conflicts (optional) receive the rows applied and the new open
 * conflict entries. */
gboolean        _jl_store_sync_apply_page   (JlStore        *self,
                                             const char     *community_id,
                                             JlSyncPage     *page,
                                             guint          *n_rows,
                                             guint          *n_conflicts,
                                             GError        **error);

/* After an upgrade: stores the pulled values kept aside for a later
 * version (sync_remote) that this version knows. */
gboolean        _jl_store_sync_take_up_remote (JlStore      *self,
                                               GError      **error);

/* The checks of jl-store-sync-check.c */

/* Whether the database holds the invented demo city (never synced). */
gboolean        jl_store_holds_demo         (JlStore        *self);
gboolean        _jl_store_mark_demo         (JlStore        *self,
                                             GError        **error);
gboolean        _jl_store_load_demo_mark    (JlStore        *self,
                                             GError        **error);
/* Notes a pulled row (inside the page's transaction). */
gboolean        _jl_store_sync_note_row     (JlStore        *self,
                                             const char     *community_id,
                                             JlSyncRow      *row,
                                             GError        **error);
/* The local count and hash of @community_id's live pulled rows, to
 * compare with the server's at the end of a pull. */
gboolean        _jl_store_sync_summary      (JlStore        *self,
                                             const char     *community_id,
                                             gint64         *count,
                                             char          **hash,
                                             GError        **error);
/* Makes the next pull of @community_id (NULL: all) a full one; pending
 * changes stay. */
gboolean        _jl_store_sync_reset_pull   (JlStore        *self,
                                             const char     *community_id,
                                             GError        **error);
/* The same inside the caller's transaction. */
gboolean        _jl_store_sync_forget_pulled (JlStore       *self,
                                              const char    *community_id,
                                              GError       **error);
gboolean        _jl_store_sync_get_epoch    (JlStore        *self,
                                             gint64         *epoch,
                                             gint64         *max_dseq,
                                             GError        **error);
gboolean        _jl_store_sync_start_epoch  (JlStore        *self,
                                             gint64          epoch,
                                             gint64          last_dseq,
                                             GError        **error);

/* Resolving the conflict log (jl-store-sync.c). Restore writes the
 * overwritten value back as a normal edit (an "edited_after_delete" entry
 * undeletes the record); dismiss keeps the current value. Both change the
 * entry's status locally only (not synced in protocol v1). */
gboolean        jl_store_sync_restore_conflict (JlStore     *self,
                                                const char  *conflict_id,
                                                GError     **error);
gboolean        jl_store_sync_dismiss_conflict (JlStore     *self,
                                                const char  *conflict_id,
                                                GError     **error);
/* The title of a record, deleted or not (NULL: not in this database). */
char           *jl_store_sync_row_title        (JlStore     *self,
                                                const char  *tbl,
                                                const char  *row_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncAccount, jl_sync_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlSyncConflict, jl_sync_conflict_free)

G_END_DECLS
