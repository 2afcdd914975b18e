/* crash-writer.c: the writer that test-crash-safety kills
 *
 * crash-writer DB COMMUNITY-ID SEED
 * crash-writer --pull DB COMMUNITY-ID SEED
 *
 * Saves minutes as the app does, one jl_store_put per save, until killed:
 * a new meeting with its attendance and agenda items in one nested put
 * (its title says how many of each it has), then "keystroke" saves of the
 * summary and of an agenda item's first step, whose text starts with a
 * sequence number. After each put returns, that is after its commit, it
 * prints what it saved:
 *
 *   MEETING <id> <attendance> <agenda items>
 *   SUMMARY <meeting id> <seq>
 *   STEP <agenda item id> <seq>
 *
 * With --pull it applies pulled pages as the sync client does, one
 * _jl_store_sync_apply_page per page, from the community's cursor on, until
 * killed. A page of n rows (2 to 300) after cursor c holds n - 1 new
 * meetings with row_seq c+1 … c+n-1, each id made from its row_seq and
 * each title naming its page ("拉取 P<next> <n>"), then, at row_seq
 * c+n = next, the counter meeting, whose summary becomes "P<next>|…". So
 * after any kill the database says which pages it holds, and whether
 * whole. After each apply returns it prints
 *
 *   PAGE <next> <n>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crash-pull.h"
#include "jl-store.h"
#include "jl-store-sync.h"

static void
die (const char   *what,
     const GError *error)
{
  fprintf (stderr, "crash-writer: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static const char *const names[] = { "陈建华", "林芳", "黄志强", "张秀英", "李明", "王桂英", "吴晓东", "刘洋" };
static const char *const topics[] = { "加装电梯", "停车难", "垃圾分类", "消防通道", "雨污分流", "楼道照明" };

static JlRecord *
new_meeting (JlStore    *store,
             const char *community,
             GRand      *rand,
             guint       n_att,
             guint       n_items)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(JsonArray) attendance = json_array_new ();
  g_autoptr(JsonArray) agenda = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("联席会议 A%u G%u", n_att, n_items);
  g_autofree char *held_at = g_strdup_printf ("2025-%02d-%02d 09:30", g_rand_int_range (rand, 1, 13),
                                              g_rand_int_range (rand, 1, 29));
  JlRecord *record;

  for (guint i = 0; i < n_att; i++)
    {
      JsonObject *a = json_object_new ();

      json_object_set_string_member (a, "name", names[i % G_N_ELEMENTS (names)]);
      json_object_set_string_member (a, "status", i % 3 == 2 ? "leave" : "present");
      if (i % 3 == 2)
        json_object_set_string_member (a, "reason", "因公出差");
      json_array_add_object_element (attendance, a);
    }
  for (guint i = 0; i < n_items; i++)
    {
      JsonObject *g = json_object_new ();

      json_object_set_string_member (g, "title", topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))]);
      json_object_set_int_member (g, "position", i + 1);
      json_object_set_string_member (g, "step_consult", "0|");
      json_array_add_object_element (agenda, g);
    }

  json_object_set_string_member (obj, "community_id", community);
  json_object_set_string_member (obj, "meeting_type", "joint");
  json_object_set_string_member (obj, "title", title);
  json_object_set_string_member (obj, "held_at", held_at);
  json_object_set_string_member (obj, "summary", "0|");
  json_object_set_array_member (obj, "attendance", g_steal_pointer (&attendance));
  json_object_set_array_member (obj, "agenda_item", g_steal_pointer (&agenda));
  record = jl_store_put (store, "meeting", NULL, obj, NULL, &error);
  if (record == NULL)
    die ("meeting", error);
  return record;
}

static void
save_text (JlStore    *store,
           const char *kind,
           const char *id,
           const char *field,
           guint       seq)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  /* What a clerk has typed so far: the text grows by a character a save. */
  g_string_printf (text, "%u|", seq);
  for (guint i = 0; i < seq % 200; i++)
    g_string_append (text, "议");
  json_object_set_string_member (obj, field, text->str);
  record = jl_store_put (store, kind, id, obj, NULL, &error);
  if (record == NULL)
    die (field, error);
}

/* --pull */

static void
add_field (JlSyncRow  *row,
           const char *name,
           JsonNode   *value,
           gint64      ver)
{
  g_ptr_array_add (row->fields, jl_sync_field_new (name, value, ver, (JlHlc) ver << 16, CRASH_REMOTE_DEVICE));
}

static JsonNode *
text (const char *s)
{
  return json_node_init_string (json_node_alloc (), s);
}

static JlSyncRow *
pulled_meeting (const char *community,
                const char *row_id,
                gint64      row_seq,
                const char *title,
                const char *summary)
{
  JlSyncRow *row = jl_sync_row_new ("meeting", row_id);

  row->row_seq = row_seq;
  add_field (row, "community_id", text (community), row_seq);
  add_field (row, "meeting_type", text ("joint"), row_seq);
  add_field (row, "title", text (title), row_seq);
  add_field (row, "held_at", text ("2025-06-01 09:30"), row_seq);
  add_field (row, "summary", text (summary), row_seq);
  return row;
}

/* Applies pages until killed. */
G_GNUC_NORETURN static void
apply_pages (JlStore    *store,
             const char *community,
             GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  gint64 cursor = jl_store_sync_get_cursor (store, community, &error);

  if (cursor < 0)
    die ("cursor", error);
  for (;;)
    {
      g_autoptr(JlSyncPage) page = jl_sync_page_new ();
      gint64 n = g_rand_int_range (rand, 2, 301);
      gint64 next = cursor + n;
      g_autofree char *title = g_strdup_printf ("拉取 P%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, next, n);
      g_autofree char *counter_summary = crash_pulled_summary (next, next);

      for (gint64 seq = cursor + 1; seq < next; seq++)
        {
          g_autofree char *id = g_strdup_printf (CRASH_PULLED_ID_FORMAT, seq);
          g_autofree char *summary = crash_pulled_summary (next, seq);

          g_ptr_array_add (page->rows, pulled_meeting (community, id, seq, title, summary));
        }
      g_ptr_array_add (page->rows, pulled_meeting (community, CRASH_COUNTER_ID, next, "拉取计数", counter_summary));
      page->next = next;
      page->has_more = TRUE;
      page->server_time = g_get_real_time () / 1000;
      if (!_jl_store_sync_apply_page (store, community, page, NULL, NULL, &error))
        die ("apply page", error);
      printf ("PAGE %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", next, n);
      cursor = next;
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  gboolean pull = FALSE;

  setlocale (LC_ALL, "");
  if (argc == 5 && strcmp (argv[1], "--pull") == 0)
    {
      pull = TRUE;
      argc--;
      argv++;
    }
  if (argc != 4)
    {
      fprintf (stderr, "usage: crash-writer [--pull] DB COMMUNITY-ID SEED\n");
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));
  store = jl_store_open (argv[1], &error);
  if (store == NULL)
    die ("open", error);
  if (pull)
    apply_pages (store, argv[2], rand);

  for (;;)
    {
      guint n_att = (guint) g_rand_int_range (rand, 1, 9);
      guint n_items = (guint) g_rand_int_range (rand, 1, 5);
      g_autoptr(JlRecord) meeting = new_meeting (store, argv[2], rand, n_att, n_items);
      const char *meeting_id = jl_record_get_id (meeting);
      g_autoptr(GPtrArray) items = NULL;
      JlQuery query = { .filters = { { "meeting_id", meeting_id } } };
      guint saves = (guint) g_rand_int_range (rand, 5, 40);

      printf ("MEETING %s %u %u\n", meeting_id, n_att, n_items);
      items = jl_store_list (store, "agenda_item", &query, &error);
      if (items == NULL || items->len == 0)
        die ("agenda items", error);

      for (guint seq = 1; seq <= saves; seq++)
        {
          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              const char *item_id = jl_record_get_id (items->pdata[seq % items->len]);

              save_text (store, "agenda_item", item_id, "step_consult", seq);
              printf ("STEP %s %u\n", item_id, seq);
            }
          else
            {
              save_text (store, "meeting", meeting_id, "summary", seq);
              printf ("SUMMARY %s %u\n", meeting_id, seq);
            }
        }
    }
}
