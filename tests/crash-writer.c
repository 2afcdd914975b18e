/* crash-writer.c: the writer that test-crash-safety kills
 *
 * crash-writer DB COMMUNITY-ID SEED
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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "jl-store.h"

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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GRand) rand = NULL;

  setlocale (LC_ALL, "");
  if (argc != 4)
    {
      fprintf (stderr, "usage: crash-writer DB COMMUNITY-ID SEED\n");
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));
  store = jl_store_open (argv[1], &error);
  if (store == NULL)
    die ("open", error);

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
