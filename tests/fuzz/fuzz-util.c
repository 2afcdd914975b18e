/* fuzz-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"

static char *temp_dir;

static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_standard_streams (level, fields, n_fields, data);
      /* GLib would stop with SIGTRAP, which libFuzzer does not catch:
       * abort so that it saves the input. */
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
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

static void
remove_temp_dir (void)
{
  if (temp_dir != NULL)
    remove_tree (temp_dir);
  g_clear_pointer (&temp_dir, g_free);
}

static const char *
get_temp_dir (void)
{
  if (temp_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      temp_dir = g_dir_make_tmp ("jinlin-fuzz-XXXXXX", &error);
      if (temp_dir == NULL)
        g_error ("%s", error->message);
      atexit (remove_temp_dir);
    }
  return temp_dir;
}

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (quiet_writer, NULL, NULL);
}

char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *s = g_malloc (size + 1);

  if (size > 0)
    memcpy (s, data, size);
  s[size] = '\0';
  return s;
}

const char *
fuzz_write_file (const uint8_t *data,
                 size_t         size)
{
  static char *path;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    path = g_build_filename (get_temp_dir (), "input.json", NULL);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    g_error ("%s", error->message);
  return path;
}

static void
put_ok (JlStore    *store,
        const char *kind,
        const char *id,
        const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;

  if (!json_parser_load_from_data (parser, json, -1, &error))
    g_error ("%s", error->message);
  record = jl_store_put (store, kind, id, json_node_get_object (json_parser_get_root (parser)), NULL, &error);
  if (record == NULL)
    g_error ("fuzz city, %s: %s", kind, error->message);
}

JlStore *
fuzz_store_new (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("store-%u.db", n++);
  g_autofree char *path = g_build_filename (get_temp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  put_ok (store, "community", FUZZ_COMMUNITY, "{\"name\": \"鹭江社区\", \"city\": \"厦门市\"}");
  put_ok (store, "estate", FUZZ_ESTATE, "{\"community_id\": \"" FUZZ_COMMUNITY "\", \"name\": \"百家村小区\"}");
  put_ok (store, "party_org", FUZZ_BRANCH,
          "{\"community_id\": \"" FUZZ_COMMUNITY "\", \"level\": \"branch\", \"name\": \"百家村小区党支部\"}");
  put_ok (store, "person", FUZZ_PERSON,
          "{\"community_id\": \"" FUZZ_COMMUNITY "\", \"name\": \"陈建华\", \"org_id\": \"" FUZZ_BRANCH "\"}");
  put_ok (store, "partner_unit", FUZZ_UNIT,
          "{\"community_id\": \"" FUZZ_COMMUNITY "\", \"name\": \"思明区税务局\"}");
  put_ok (store, "meeting", FUZZ_MEETING,
          "{\"community_id\": \"" FUZZ_COMMUNITY "\", \"meeting_type\": \"joint\", \"title\": \"第一季度联席会议\","
          " \"held_at\": \"2025-03-05 09:30\"}");
  put_ok (store, "agenda_item", FUZZ_AGENDA_ITEM,
          "{\"meeting_id\": \"" FUZZ_MEETING "\", \"title\": \"加装电梯\", \"position\": 1}");
  put_ok (store, "eval_template", FUZZ_TEMPLATE,
          "{\"community_id\": \"" FUZZ_COMMUNITY "\", \"name\": \"共建单位测评\", \"eval_criterion\":"
          " [{\"id\": \"" FUZZ_CRITERION "\", \"content\": \"履行共建协议\", \"max_points\": 10, \"weight\": 100}]}");
  put_ok (store, "eval_round", FUZZ_ROUND,
          "{\"community_id\": \"" FUZZ_COMMUNITY "\", \"template_id\": \"" FUZZ_TEMPLATE "\", \"title\": \"2025年度测评\"}");
  return g_steal_pointer (&store);
}
