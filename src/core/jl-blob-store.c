/* jl-blob-store.c: content-addressed files in a folder
 *
 * Plain POSIX file descriptors, because durability needs fsync of the
 * file before the rename and of the folder after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlBlob"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jl-blob-store.h"

#define COPY_BUFFER (64 * 1024)

gboolean
jl_blob_hash_is_valid (const char *sha256)
{
  return sha256 != NULL && strlen (sha256) == 64 && strspn (sha256, "0123456789abcdef") == 64;
}

char *
jl_blob_path (const char *dir,
              const char *sha256)
{
  char prefix[3] = { 0 };

  if (!jl_blob_hash_is_valid (sha256))
    return NULL;
  memcpy (prefix, sha256, 2);
  return g_build_filename (dir, prefix, sha256, NULL);
}

static char *
partial_path (const char *dir,
              const char *sha256)
{
  if (!jl_blob_hash_is_valid (sha256))
    return NULL;
  return g_build_filename (dir, "partial", sha256, NULL);
}

gboolean
jl_blob_has (const char *dir,
             const char *sha256,
             gint64      size)
{
  g_autofree char *path = jl_blob_path (dir, sha256);
  GStatBuf st;

  return path != NULL && g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (size < 0 || st.st_size == size);
}

/* Takes @what (the file and the action) and adds the reason. */
static gboolean
set_io_error (GError **error,
              int      saved_errno,
              char    *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", what, g_strerror (saved_errno));
  g_free (what);
  return FALSE;
}

/* A macro so that each message stays a literal for the format checks. */
#define io_error(error, format, path) set_io_error ((error), errno, g_strdup_printf ((format), (path)))

static gboolean
ensure_dir (const char  *path,
            GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    return io_error (error, _("Could not create the folder “%s”"), path);
  return TRUE;
}

/* After a rename: the folder entry itself must reach the disk too. */
static void
sync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* fsync, then rename @tmp over @final and sync the folder. */
static gboolean
commit_file (int          fd,
             const char  *tmp,
             const char  *final,
             GError     **error)
{
  g_autofree char *final_dir = g_path_get_dirname (final);

  if (fsync (fd) != 0)
    return io_error (error, _("Could not write “%s”"), tmp);
  if (!ensure_dir (final_dir, error))
    return FALSE;
  if (g_rename (tmp, final) != 0)
    return io_error (error, _("Could not move “%s” into place"), final);
  sync_dir (final);
  return TRUE;
}

char *
jl_blob_import_file (const char    *dir,
                     const char    *source,
                     gint64         max_size,
                     gint64        *size,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *tmp_dir = g_build_filename (dir, "tmp", NULL);
  g_autofree char *tmp = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autofree char *final = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *sha = NULL;
  gint64 total = 0;
  int in = -1, out = -1;

  if (!ensure_dir (tmp_dir, error))
    return NULL;
  in = open (source, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    {
      io_error (error, _("Could not read “%s”"), source);
      return NULL;
    }
  tmp = g_build_filename (tmp_dir, "import-XXXXXX", NULL);
  out = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (out < 0)
    {
      io_error (error, _("Could not create “%s”"), tmp);
      close (in);
      return NULL;
    }

  buffer = g_malloc (COPY_BUFFER);
  for (;;)
    {
      ssize_t n = read (in, buffer, COPY_BUFFER);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          io_error (error, _("Could not read “%s”"), source);
          goto failed;
        }
      if (n == 0)
        break;
      total += n;
      if (max_size >= 0 && total > max_size)
        {
          g_autofree char *limit = g_format_size ((guint64) max_size);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("“%s” is larger than %s, the largest file that can be attached."), source, limit);
          goto failed;
        }
      g_checksum_update (sum, buffer, n);
      if (!write_all (out, buffer, (gsize) n))
        {
          io_error (error, _("Could not write “%s”"), tmp);
          goto failed;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
    }

  sha = g_strdup (g_checksum_get_string (sum));
  final = jl_blob_path (dir, sha);
  if (!commit_file (out, tmp, final, error))
    {
      g_clear_pointer (&sha, g_free);
      goto failed;
    }
  close (in);
  close (out);
  if (size != NULL)
    *size = total;
  return sha;

failed:
  close (in);
  close (out);
  g_unlink (tmp);
  return NULL;
}

gint64
jl_blob_partial_size (const char *dir,
                      const char *sha256)
{
  g_autofree char *path = partial_path (dir, sha256);
  GStatBuf st;

  if (path == NULL || g_stat (path, &st) != 0)
    return 0;
  return st.st_size;
}

gboolean
jl_blob_partial_append (const char  *dir,
                        const char  *sha256,
                        gint64       offset,
                        const void  *data,
                        gsize        len,
                        GError     **error)
{
  g_autofree char *path = partial_path (dir, sha256);
  g_autofree char *parent = NULL;
  gint64 have;
  int fd;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not a SHA-256", sha256);
      return FALSE;
    }
  have = jl_blob_partial_size (dir, sha256);
  if (offset != have)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "chunk at offset %" G_GINT64_FORMAT ", but %" G_GINT64_FORMAT " bytes are there",
                   offset, have);
      return FALSE;
    }
  parent = g_path_get_dirname (path);
  if (!ensure_dir (parent, error))
    return FALSE;
  fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, _("Could not write “%s”"), path);
  if (!write_all (fd, data, len) || fsync (fd) != 0)
    {
      io_error (error, _("Could not write “%s”"), path);
      /* A torn chunk would shift every later one: cut back to @offset. */
      if (ftruncate (fd, offset) != 0)
        g_warning ("could not truncate %s", path);
      close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

void
jl_blob_partial_discard (const char *dir,
                         const char *sha256)
{
  g_autofree char *path = partial_path (dir, sha256);

  if (path != NULL)
    g_unlink (path);
}

gboolean
jl_blob_partial_finish (const char  *dir,
                        const char  *sha256,
                        gint64       size,
                        GError     **error)
{
  g_autofree char *path = partial_path (dir, sha256);
  g_autofree char *final = jl_blob_path (dir, sha256);
  g_autofree guint8 *buffer = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gint64 total = 0;
  gboolean ok;
  int fd;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not a SHA-256", sha256);
      return FALSE;
    }
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return io_error (error, _("Could not read “%s”"), path);
  buffer = g_malloc (COPY_BUFFER);
  for (;;)
    {
      ssize_t n = read (fd, buffer, COPY_BUFFER);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          return io_error (error, _("Could not read “%s”"), path);
        }
      if (n == 0)
        break;
      total += n;
      g_checksum_update (sum, buffer, n);
    }
  if (total != size || strcmp (g_checksum_get_string (sum), sha256) != 0)
    {
      close (fd);
      g_unlink (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the %" G_GINT64_FORMAT " bytes received do not match the attachment "
                   "(%" G_GINT64_FORMAT " bytes, SHA-256 %s); discarded", total, size, sha256);
      return FALSE;
    }
  ok = commit_file (fd, path, final, error);
  close (fd);
  return ok;
}

GBytes *
jl_blob_read (const char  *dir,
              const char  *sha256,
              gint64       offset,
              gsize        len,
              GError     **error)
{
  g_autofree char *path = jl_blob_path (dir, sha256);
  g_autofree guint8 *buffer = NULL;
  gsize got = 0;
  int fd;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not a SHA-256", sha256);
      return NULL;
    }
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      io_error (error, _("Could not read “%s”"), path);
      return NULL;
    }
  buffer = g_malloc (MAX (len, 1));
  while (got < len)
    {
      ssize_t n = pread (fd, buffer + got, len - got, offset + (gint64) got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          io_error (error, _("Could not read “%s”"), path);
          return NULL;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&buffer), got);
}
