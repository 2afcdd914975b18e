/* jl-server-blob.h: the blob endpoints of jinlin-server
 *
 * HEAD, PUT and GET /sync/v1/blobs/SHA256: the bytes of attachments,
 * uploaded and downloaded in chunks of at most 1 MiB and resumable
 * (docs/sync-protocol.md, "Attachments"). A device reaches a blob only
 * through an attachment row of one of its communities that names it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "jl-server-store.h"

G_BEGIN_DECLS

#define JL_SERVER_BLOB_PATH      "/sync/v1/blobs/"
/* Default largest attachment the server keeps. */
#define JL_SERVER_BLOB_MAX_BYTES (50 * 1024 * 1024)

/* Answers @msg (already authenticated as @user on @device) for @path,
 * keeping blobs under @dir. */
void jl_server_blob_handle (JlServerStore     *store,
                            const char        *dir,
                            gint64             max_size,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *query,
                            JlServerUser      *user,
                            JlServerDevice    *device);

G_END_DECLS
