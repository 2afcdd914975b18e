/* jl-server-sync.h: push (the per-field merge) and pull, over JlServerStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-server-store.h"

G_BEGIN_DECLS

/* The communities @user may read: its own, plus for the district role
 * every community whose record names the user's district. */
GStrv            jl_server_readable_communities (JlServerStore   *store,
                                                 JlServerUser    *user,
                                                 GError         **error);
gboolean         jl_server_can_write            (JlServerUser    *user,
                                                 const char      *community_id);

/* Applies @push in one transaction. %JL_SYNC_ERROR_FORBIDDEN (nothing
 * stored) when any change is outside the user's communities.
 * @client_time_ms is the client's wall clock (0: unknown). */
JlSyncPushReply *jl_server_sync_push            (JlServerStore   *store,
                                                 JlServerUser    *user,
                                                 JlServerDevice  *device,
                                                 JlSyncPush      *push,
                                                 gint64           now_ms,
                                                 gint64           client_time_ms,
                                                 GError         **error);
/* One page of @community_id after @after, read in one snapshot. */
JlSyncPage      *jl_server_sync_pull            (JlServerStore   *store,
                                                 JlServerUser    *user,
                                                 const char      *community_id,
                                                 gint64           after,
                                                 guint            limit,
                                                 gint64           now_ms,
                                                 GError         **error);

G_END_DECLS
