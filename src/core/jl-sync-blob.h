/* jl-sync-blob.h: moving the bytes of attachments to and from the server
 *
 * Separate from record sync on purpose: jl_sync_client_run_sync() never
 * waits for a file, so a 20 MB scan cannot delay the records of its
 * community. Call jl_sync_client_transfer_blobs_sync() (or _async) after
 * a record sync: it uploads the blobs of local attachments the server
 * lacks and downloads the blobs of pulled attachments, in chunks of
 * 1 MiB, each resuming from what the other side already has (the
 * server's count for uploads, the partial file for downloads), so an
 * interruption at any point costs at most one chunk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-sync-client.h"

G_BEGIN_DECLS

typedef struct
{
  guint   uploaded;          /* blobs the server completed in this run */
  guint   downloaded;        /* blobs completed here in this run */
  gint64  bytes_sent;        /* chunk bytes uploaded */
  gint64  bytes_received;    /* chunk bytes downloaded */
  guint   pending;           /* blobs still to move (budget used up, or not on the server yet) */
  guint   failed;            /* blobs refused (checksum mismatch, over the server's size limit) */
} JlBlobStats;

/* Moves blobs until done, or until about @byte_budget bytes were moved
 * (0: no limit; the rest waits for the next run). Network failures end
 * the run with a %JL_SYNC_ERROR; what was moved stays. A blob whose bytes
 * do not match its checksum is discarded, counted in @failed, and the
 * others go on. Blocks. */
gboolean jl_sync_client_transfer_blobs_sync   (JlSyncClient        *self,
                                               gint64               byte_budget,
                                               JlBlobStats         *stats,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* The same on a worker thread. */
void     jl_sync_client_transfer_blobs_async  (JlSyncClient        *self,
                                               gint64               byte_budget,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean jl_sync_client_transfer_blobs_finish (JlSyncClient        *self,
                                               GAsyncResult        *result,
                                               JlBlobStats         *stats,
                                               GError             **error);

G_END_DECLS
