/* jl-attachment.c: files attached to minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jl-attachment.h"
#include "jl-blob-store.h"

char *
jl_store_blob_dir (JlStore *store)
{
  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  return g_strconcat (jl_store_get_path (store), ".blobs", NULL);
}

/* The MIME type from the name and the first bytes, as a file manager
 * would see it. */
static char *
guess_mime_type (const char *path)
{
  g_autofree char *head = NULL;
  g_autofree char *content_type = NULL;
  gsize len = 0;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guint8 buffer[4096];
  gssize n = in ? g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, NULL) : -1;

  if (n > 0)
    {
      head = g_memdup2 (buffer, (gsize) n);
      len = (gsize) n;
    }
  content_type = g_content_type_guess (path, (const guchar *) head, len, NULL);
  return content_type ? g_content_type_get_mime_type (content_type) : NULL;
}

JlRecord *
jl_store_attach_file (JlStore     *store,
                      const char  *meeting_id,
                      const char  *path,
                      const char  *note,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *name = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(JlRecord) meeting = NULL;
  g_autoptr(JsonObject) fields = NULL;
  gint64 size = 0;
  GStatBuf st;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL && path != NULL, NULL);

  /* Before copying megabytes: does the meeting exist? */
  meeting = jl_store_get (store, "meeting", meeting_id, error);
  if (meeting == NULL)
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_IO, _("“%s” is not a file that can be attached."), path);
      return NULL;
    }

  if (g_stat (path, &st) == 0 && st.st_size == 0)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("“%s” is empty; there is nothing to attach."), path);
      return NULL;
    }

  dir = jl_store_blob_dir (store);
  sha = jl_blob_import_file (dir, path, JL_ATTACHMENT_MAX_BYTES, &size, NULL, error);
  if (sha == NULL)
    {
      /* Keep the JL_ERROR domain for callers (the CLI's exit codes). */
      if (error != NULL && *error != NULL && (*error)->domain != JL_ERROR)
        {
          GError *io = *error;

          *error = g_error_new_literal (JL_ERROR, JL_ERROR_IO, io->message);
          g_error_free (io);
        }
      return NULL;
    }

  name = g_path_get_basename (path);
  mime = guess_mime_type (path);
  fields = json_object_new ();
  json_object_set_string_member (fields, "meeting_id", meeting_id);
  json_object_set_string_member (fields, "file_name", name);
  if (mime != NULL)
    json_object_set_string_member (fields, "mime_type", mime);
  json_object_set_int_member (fields, "size", size);
  json_object_set_string_member (fields, "sha256", sha);
  if (note != NULL && *note != '\0')
    json_object_set_string_member (fields, "note", note);
  /* Should this fail, the blob stays: it is named by its content, and
   * attaching the same file again reuses it. */
  return jl_store_put (store, "attachment", NULL, fields, NULL, error);
}

char *
jl_store_attachment_path (JlStore     *store,
                          const char  *id,
                          gboolean    *downloaded,
                          GError     **error)
{
  g_autoptr(JlRecord) record = NULL;
  g_autofree char *dir = NULL;
  const char *sha;
  char *path;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);

  record = jl_store_get (store, "attachment", id, error);
  if (record == NULL)
    return NULL;
  sha = jl_record_get_string (record, "sha256");
  dir = jl_store_blob_dir (store);
  path = jl_blob_path (dir, sha);
  if (path == NULL)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_INVALID, _("The attachment “%s” has no valid checksum."), id);
      return NULL;
    }
  if (downloaded != NULL)
    *downloaded = jl_blob_has (dir, sha, jl_record_get_int (record, "size", -1));
  return path;
}
