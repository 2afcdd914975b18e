/* jl-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-test-util.h"

void
jl_test_init (int    *argc,
              char ***argv)
{
  const char *localedir = g_getenv ("JINLIN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (argc, argv, NULL);
}

char *
jl_test_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("jinlin-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
jl_test_dir_free (char *dir)
{
  if (dir == NULL)
    return;
  remove_tree (dir);
  g_free (dir);
}

JlStore *
jl_test_store_new (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JlStore *store;

  *dir = jl_test_dir_new ();
  path = g_build_filename (*dir, "test.db", NULL);
  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

JsonObject *
jl_test_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

JlRecord *
jl_test_put (JlStore     *store,
             const char  *kind,
             const char  *json,
             GError     **error)
{
  g_autoptr(JsonObject) obj = jl_test_json (json);

  return jl_store_put (store, kind, NULL, obj, NULL, error);
}

char *
jl_test_put_ok (JlStore    *store,
                const char *kind,
                const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_test_put (store, kind, json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return g_strdup (jl_record_get_id (record));
}

char *
jl_test_putf_ok (JlStore    *store,
                 const char *kind,
                 const char *format,
                 ...)
{
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);
  return jl_test_put_ok (store, kind, json);
}

JlRecord *
jl_test_update_ok (JlStore    *store,
                   const char *kind,
                   const char *id,
                   const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obj = jl_test_json (json);
  JlRecord *record = jl_store_put (store, kind, id, obj, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

GError *
jl_test_put_fails (JlStore    *store,
                   const char *kind,
                   const char *id,
                   const char *json,
                   int         code)
{
  g_autoptr(JsonObject) obj = jl_test_json (json);
  GError *error = NULL;
  g_autoptr(JlRecord) record = jl_store_put (store, kind, id, obj, NULL, &error);

  g_assert_null (record);
  g_assert_error (error, JL_ERROR, code);
  g_assert_nonnull (error->message);
  return error;
}

void
jl_test_assert_error (const GError *error,
                      int           code,
                      const char   *field)
{
  g_assert_error (error, JL_ERROR, code);
  if (field != NULL)
    {
      /* The Chinese catalogue uses full-width parentheses. */
      g_autofree char *needle = g_strdup_printf ("(%s)", field);
      g_autofree char *wide = g_strdup_printf ("（%s）", field);

      if (strstr (error->message, needle) == NULL && strstr (error->message, wide) == NULL)
        g_error ("error message “%s” does not name the field %s", error->message, needle);
    }
}

gint64
jl_test_sql_int (JlStore    *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
jl_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

JlRecord *
jl_test_get_ok (JlStore    *store,
                const char *kind,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  JlRecord *record = jl_store_get (store, kind, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}
