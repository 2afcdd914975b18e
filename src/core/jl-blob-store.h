/* jl-blob-store.h: content-addressed files in a folder
 *
 * The bytes of attachments, named by their SHA-256 (lower-case hex):
 * DIR/ab/abcdef… once complete and verified, DIR/partial/abcdef… while a
 * transfer is under way (appended to chunk by chunk, each chunk fsynced,
 * so an interrupted transfer resumes from the partial file's size).
 * Complete files only ever appear by rename after fsync and after their
 * hash was checked, so a complete file is never torn or wrong.
 *
 * The client keeps its blobs next to its database ("jinlin.db.blobs"),
 * the server in its data folder; both use these functions. No GTK, no
 * database; every function blocks on the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Largest chunk of one upload or download request. */
#define JL_BLOB_CHUNK_MAX (1024 * 1024)

/* 64 lower-case hex digits: the only names ever turned into paths. */
gboolean  jl_blob_hash_is_valid    (const char    *sha256);

/* DIR/ab/abcdef… (whether or not it exists), NULL for an invalid hash. */
char     *jl_blob_path             (const char    *dir,
                                    const char    *sha256);
/* TRUE when the complete blob is there with @size bytes (-1: any). */
gboolean  jl_blob_has              (const char    *dir,
                                    const char    *sha256,
                                    gint64         size);

/* Copies @source into @dir, hashing as it goes (temp file, fsync,
 * rename). Refuses files over @max_size bytes. Returns the SHA-256 and
 * sets @size. */
char     *jl_blob_import_file      (const char    *dir,
                                    const char    *source,
                                    gint64         max_size,
                                    gint64        *size,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Bytes of an unfinished transfer so far (0 when none). */
gint64    jl_blob_partial_size     (const char    *dir,
                                    const char    *sha256);
/* Appends @len bytes at @offset, which must be the partial size
 * (G_IO_ERROR_INVALID_ARGUMENT otherwise), then fsyncs. */
gboolean  jl_blob_partial_append   (const char    *dir,
                                    const char    *sha256,
                                    gint64         offset,
                                    const void    *data,
                                    gsize          len,
                                    GError       **error);
/* Checks that the partial file has @size bytes hashing to @sha256 and
 * moves it into place. On a mismatch the partial file is deleted (it can
 * never become right) and a G_IO_ERROR_INVALID_DATA is returned. */
gboolean  jl_blob_partial_finish   (const char    *dir,
                                    const char    *sha256,
                                    gint64         size,
                                    GError       **error);
void      jl_blob_partial_discard  (const char    *dir,
                                    const char    *sha256);

/* Up to @len bytes of a complete blob from @offset. */
GBytes   *jl_blob_read             (const char    *dir,
                                    const char    *sha256,
                                    gint64         offset,
                                    gsize          len,
                                    GError       **error);

G_END_DECLS
