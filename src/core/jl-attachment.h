/* jl-attachment.h: files attached to minutes
 *
 * An attachment is a record (kind "attachment": meeting, file name, MIME
 * type, size, SHA-256, note) plus its bytes, a blob in the folder next to
 * the database ("jinlin.db.blobs", jl-blob-store.h). The record syncs like
 * any other; the blob follows separately (jl-sync-blob.h), so on another
 * computer an attachment may be known before its file has arrived: it is
 * then "not downloaded yet", never an error.
 *
 * These functions block on the disk: the app calls them from a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"

G_BEGIN_DECLS

/* The largest file a clerk can attach (a scanned PDF is a few MB). */
#define JL_ATTACHMENT_MAX_BYTES (50 * 1024 * 1024)

/* The blob folder of @store's database: "jinlin.db.blobs". */
char     *jl_store_blob_dir          (JlStore      *store);

/* Copies the file at @path into the blob folder and creates the
 * attachment record of @meeting_id (file name, MIME type, size, SHA-256,
 * @note). Returns the new record. */
JlRecord *jl_store_attach_file       (JlStore      *store,
                                      const char   *meeting_id,
                                      const char   *path,
                                      const char   *note,
                                      GError      **error);

/* Where the bytes of attachment @id are, or will be once downloaded;
 * @downloaded tells which. NULL with an error only when @id is not a live
 * attachment (or its checksum is not a SHA-256). */
char     *jl_store_attachment_path   (JlStore      *store,
                                      const char   *id,
                                      gboolean     *downloaded,
                                      GError      **error);

G_END_DECLS
