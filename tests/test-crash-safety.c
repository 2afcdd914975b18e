/* test-crash-safety.c: a writer killed with SIGKILL at random points loses
 * nothing it reported saved and leaves nothing half-applied
 *
 * crash-writer saves minutes as the app does (a meeting with attendance
 * and agenda items in one nested put, then one put per "keystroke" save)
 * and reports each save after its commit. It is killed at a random moment,
 * again and again, on the same database. After every kill:
 *
 *  - SQLite's PRAGMA integrity_check and FTS5's integrity-check pass, and
 *    jl_store_open accepts the file;
 *  - every reported save is there: each meeting, and each text at least
 *    as new as reported (a save committed but not yet reported may be
 *    newer, by exactly one);
 *  - nothing is half-applied: every meeting has exactly the attendance
 *    and agenda items its title announces, every text is whole, and every
 *    stored value has its change in the outbox; the persisted clock is not
 *    behind any stamp.
 *
 * The same with crash-writer --pull, which applies pulled sync pages
 * (one transaction each, with the pull cursor) until killed. After every
 * kill: the same integrity checks; every page it reported applied is
 * there whole; every page in the database is whole (all its rows, every
 * field with its version, no text cut) and the pages held are exactly
 * those up to the cursor, one after the other; the counter row rewritten
 * by each page names the cursor; nothing pulled went into the outbox.
 *
 * 20 kills each by default; JINLIN_CRASH_KILLS=200 for the long run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crash-pull.h"
#include "jl-store-sync.h"
#include "jl-test-util.h"

typedef struct
{
  char       *dir;
  char       *db;
  char       *community;
  GHashTable *meetings;     /* id → Meeting */
  GHashTable *steps;        /* agenda item id → last reported seq (GUINT_TO_POINTER) */
  GHashTable *step_owner;   /* agenda item id → meeting id */
  GHashTable *pages;        /* --pull: reported page's next → its row count (gint64 *) */
  guint       n_saves;
} Fixture;

typedef struct
{
  guint n_att;
  guint n_items;
  guint summary_seq;        /* last reported */
  guint max_seq;            /* the newest save reported for it, either field */
} Meeting;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JlStore) store = jl_test_store_new (&f->dir);

  f->db = g_strdup (jl_store_get_path (store));
  f->community = jl_test_put_ok (store, "community", "{\"name\": \"鹭江社区\", \"city\": \"厦门市\"}");
  f->meetings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->step_owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_hash_table_unref (f->meetings);
  g_hash_table_unref (f->steps);
  g_hash_table_unref (f->step_owner);
  g_hash_table_unref (f->pages);
  g_free (f->community);
  g_free (f->db);
  jl_test_dir_free (f->dir);
}

/* Takes in one line of the writer's report. */
static void
take_report (Fixture    *f,
             const char *line)
{
  g_auto(GStrv) w = g_strsplit (line, " ", 0);
  guint n = g_strv_length (w);

  if (n == 4 && strcmp (w[0], "MEETING") == 0)
    {
      Meeting *m = g_new0 (Meeting, 1);

      m->n_att = (guint) g_ascii_strtoull (w[2], NULL, 10);
      m->n_items = (guint) g_ascii_strtoull (w[3], NULL, 10);
      g_hash_table_insert (f->meetings, g_strdup (w[1]), m);
    }
  else if (n == 3 && strcmp (w[0], "SUMMARY") == 0)
    {
      Meeting *m = g_hash_table_lookup (f->meetings, w[1]);

      g_assert_nonnull (m);
      m->summary_seq = (guint) g_ascii_strtoull (w[2], NULL, 10);
      m->max_seq = MAX (m->max_seq, m->summary_seq);
    }
  else if (n == 3 && strcmp (w[0], "STEP") == 0)
    {
      /* The owner of an agenda item is found in the database later. */
      g_hash_table_insert (f->steps, g_strdup (w[1]),
                           GUINT_TO_POINTER ((guint) g_ascii_strtoull (w[2], NULL, 10)));
    }
  else if (n == 3 && strcmp (w[0], "PAGE") == 0)
    {
      gint64 *next = g_new (gint64, 1);
      gint64 *rows = g_new (gint64, 1);

      *next = g_ascii_strtoll (w[1], NULL, 10);
      *rows = g_ascii_strtoll (w[2], NULL, 10);
      g_assert_cmpint (*next, >, 0);
      g_assert_false (g_hash_table_contains (f->pages, next));
      g_hash_table_insert (f->pages, next, rows);
    }
  else
    g_error ("the writer said “%s”", line);
  f->n_saves++;
}

/* Runs the writer for a random time up to @max_ms, kills it with SIGKILL
 * and takes in everything it reported. */
static void
run_and_kill (Fixture *f,
              gboolean pull,
              guint    seed,
              guint    max_ms)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv_save[] = { writer, f->db, f->community, seed_text, NULL };
  const char *argv_pull[] = { writer, "--pull", f->db, f->community, seed_text, NULL };
  const char **argv = pull ? argv_pull : argv_save;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) out = NULL;
  g_autofree char *rest = NULL;
  GPid pid;
  int out_fd, status;
  guint delay_ms = (guint) g_test_rand_int_range (1, (gint32) max_ms);
  gsize len;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  g_usleep (delay_ms * 1000);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  /* Exit code 1 would be a failed put: the writer prints why. */
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  out = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  g_assert_cmpint (g_io_channel_read_to_end (out, &rest, &len, &error), ==, G_IO_STATUS_NORMAL);
  /* Only whole lines were reported: a line cut by the kill is not. */
  if (rest != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (rest, "\n", 0);
      guint n = g_strv_length (lines);

      for (guint i = 0; i + 1 < n; i++)
        take_report (f, lines[i]);
    }
}

static gint64
sql_int (sqlite3    *db,
         const char *sql,
         const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The sequence number of a saved text, checking that it is whole. */
static guint
text_seq (const char *text)
{
  char *end = NULL;
  guint seq;

  g_assert_nonnull (text);
  seq = (guint) g_ascii_strtoull (text, &end, 10);
  g_assert_true (end != text && *end == '|');
  g_assert_cmpuint (g_utf8_strlen (end + 1, -1), ==, seq % 200);
  return seq;
}

/* A reported text is there, or the one save after it. */
static void
assert_seq (guint stored,
            guint reported,
            guint newest_reported)
{
  if (stored != reported)
    g_assert_cmpuint (stored, ==, newest_reported + 1);
}

/* The newest value of @field of @row_id waits in the outbox. */
static void
assert_outbox (sqlite3    *db,
               const char *row_id,
               const char *field,
               const char *value)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);
  g_autofree char *json = json_to_string (node, FALSE);
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM outbox WHERE row_id = ?1 AND field = ?2"
                                           " ORDER BY dseq DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, json);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  g_assert_true (found);
}

static void
check_meetings (Fixture *f,
                sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  guint n_found = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, title, summary FROM meeting WHERE deleted = 0", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      const char *summary = (const char *) sqlite3_column_text (stmt, 2);
      Meeting *m = g_hash_table_lookup (f->meetings, id);
      guint n_att = 0, n_items = 0;

      /* All or nothing: the children the title announces. */
      g_assert_cmpint (sscanf (title, "联席会议 A%u G%u", &n_att, &n_items), ==, 2);
      g_assert_cmpint (sql_int (db, "SELECT count(*) FROM attendance WHERE meeting_id = ?1 AND deleted = 0", id),
                       ==, n_att);
      g_assert_cmpint (sql_int (db, "SELECT count(*) FROM agenda_item WHERE meeting_id = ?1 AND deleted = 0", id),
                       ==, n_items);
      assert_outbox (db, id, "title", title);
      assert_outbox (db, id, "summary", summary);
      if (m != NULL)
        {
          g_assert_cmpuint (m->n_att, ==, n_att);
          g_assert_cmpuint (m->n_items, ==, n_items);
          assert_seq (text_seq (summary), m->summary_seq, m->max_seq);
          n_found++;
        }
      else
        text_seq (summary);
    }
  sqlite3_finalize (stmt);
  /* Every reported meeting is there. */
  g_assert_cmpuint (n_found, ==, g_hash_table_size (f->meetings));
}

static void
check_steps (Fixture *f,
             sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  guint n_found = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, meeting_id, step_consult, title FROM agenda_item"
                                           " WHERE deleted = 0", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *meeting_id = (const char *) sqlite3_column_text (stmt, 1);
      const char *step = (const char *) sqlite3_column_text (stmt, 2);
      guint seq = text_seq (step);
      gpointer reported;

      assert_outbox (db, id, "step_consult", step);
      assert_outbox (db, id, "title", (const char *) sqlite3_column_text (stmt, 3));
      if (g_hash_table_lookup_extended (f->steps, id, NULL, &reported))
        {
          Meeting *m = g_hash_table_lookup (f->meetings, meeting_id);

          g_assert_nonnull (m);
          assert_seq (seq, GPOINTER_TO_UINT (reported), m->max_seq);
          n_found++;
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_found, ==, g_hash_table_size (f->steps));
}

/* Folds the step reports into their meetings' newest seq, once the
 * database says which meeting owns each agenda item. */
static void
note_step_meetings (Fixture *f,
                    sqlite3 *db)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, f->steps);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_stmt *stmt = NULL;

      if (g_hash_table_contains (f->step_owner, key))
        continue;
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT meeting_id FROM agenda_item WHERE id = ?1", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_hash_table_insert (f->step_owner, g_strdup (key), g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }

  g_hash_table_iter_init (&iter, f->steps);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Meeting *m = g_hash_table_lookup (f->meetings, g_hash_table_lookup (f->step_owner, key));

      g_assert_nonnull (m);
      m->max_seq = MAX (m->max_seq, GPOINTER_TO_UINT (value));
    }
}

/* SQLite alone first: it recovers the log, then checks every page. */
static sqlite3 *
open_checked (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* Then the store: it must accept the file. */
static void
assert_store_opens (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (f->db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
check_database (Fixture *f)
{
  sqlite3 *db = open_checked (f);
  const char *tables[] = { "meeting", "attendance", "agenda_item" };

  note_step_meetings (f, db);
  check_meetings (f, db);
  check_steps (f, db);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE hlc > (SELECT last_hlc FROM sync_state)",
                                              tables[i]);

      /* Stamps never run ahead of the persisted clock. */
      g_assert_cmpint (sql_int (db, sql, NULL), ==, 0);
    }
  sqlite3_close (db);
  assert_store_opens (f);
}

/* --pull: a page in the database, as its rows say */
typedef struct
{
  gint64 next;
  gint64 n;         /* rows the page had, the counter row included */
  gint64 found;     /* its meetings found */
  gint64 min_seq;
} HeldPage;

static int
by_next (gconstpointer a,
         gconstpointer b)
{
  const HeldPage *x = *(HeldPage **) a, *y = *(HeldPage **) b;

  return x->next < y->next ? -1 : x->next > y->next;
}

/* The pulled pages in the database; checks each row on the way. */
static GPtrArray *
held_pages (sqlite3 *db,
            gint64   cursor)
{
  g_autoptr(GHashTable) by_page = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  /* One query (the database grows to 100,000 rows in the long run). */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT m.id, m.title, m.summary, m.deleted, count(v.field), min(v.ver),"
                                           " max(v.ver) FROM meeting m LEFT JOIN field_version v ON v.row_id = m.id"
                                           " WHERE m.id LIKE '" CRASH_PULLED_PREFIX "%' GROUP BY m.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      gint64 seq = g_ascii_strtoll (id + strlen (CRASH_PULLED_PREFIX), NULL, 16);
      gint64 next = 0, n = 0;
      g_autofree char *summary = NULL;
      HeldPage *page;

      g_assert_cmpint (sscanf (title, "拉取 P%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &next, &n), ==, 2);
      /* The row belongs where its page says, and no page is past the cursor. */
      g_assert_cmpint (seq, >, next - n);
      g_assert_cmpint (seq, <, next);
      g_assert_cmpint (next, <=, cursor);
      summary = crash_pulled_summary (next, seq);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, summary);
      g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 0);
      /* Each of its 5 fields has its version from the same page. */
      g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 5);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, seq);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 6), ==, seq);

      page = g_hash_table_lookup (by_page, &next);
      if (page == NULL)
        {
          page = g_new0 (HeldPage, 1);
          page->next = next;
          page->n = n;
          page->min_seq = seq;
          g_ptr_array_add (pages, page);
          g_hash_table_insert (by_page, &page->next, page);
        }
      g_assert_cmpint (page->n, ==, n);
      page->found++;
      page->min_seq = MIN (page->min_seq, seq);
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (pages, by_next);
  return pages;
}

static void
check_pulled (Fixture *f)
{
  sqlite3 *db = open_checked (f);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GHashTable) held = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;
  gint64 cursor = MAX (sql_int (db, "SELECT after_seq FROM sync_cursor WHERE community_id = ?1", f->community), 0);
  gint64 previous = 0;

  pages = held_pages (db, cursor);
  /* Every page whole, and the pages held are those up to the cursor,
   * one after the other: none missing, none half there. */
  for (guint i = 0; i < pages->len; i++)
    {
      HeldPage *page = pages->pdata[i];

      g_assert_cmpint (page->found, ==, page->n - 1);
      g_assert_cmpint (page->next - page->n, ==, previous);
      g_assert_cmpint (page->min_seq, ==, previous + 1);
      previous = page->next;
      g_hash_table_insert (held, &page->next, page);
    }
  g_assert_cmpint (previous, ==, cursor);

  /* The counter row was rewritten by the last page held, in the same
   * transaction as the cursor. */
  if (cursor > 0)
    {
      g_autofree char *summary = crash_pulled_summary (cursor, cursor);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT summary FROM meeting WHERE id = ?1", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, CRASH_COUNTER_ID, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, summary);
      sqlite3_finalize (stmt);
      g_assert_cmpint (sql_int (db, "SELECT min(ver) FROM field_version WHERE row_id = ?1", CRASH_COUNTER_ID),
                       ==, cursor);
      g_assert_cmpint (sql_int (db, "SELECT max(ver) FROM field_version WHERE row_id = ?1", CRASH_COUNTER_ID),
                       ==, cursor);
    }
  else
    g_assert_cmpint (sql_int (db, "SELECT count(*) FROM meeting WHERE id = ?1", CRASH_COUNTER_ID), ==, 0);

  /* Every page reported applied is there, with as many rows. */
  g_hash_table_iter_init (&iter, f->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      HeldPage *page = g_hash_table_lookup (held, key);

      g_assert_nonnull (page);
      g_assert_cmpint (page->n, ==, *(gint64 *) value);
    }
  /* A pull is never pushed back. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM outbox WHERE row_id LIKE '" CRASH_PULLED_PREFIX "%'"
                                " OR row_id = '" CRASH_COUNTER_ID "'", NULL), ==, 0);
  sqlite3_close (db);
  assert_store_opens (f);
}

static guint
n_kills (void)
{
  const char *env = g_getenv ("JINLIN_CRASH_KILLS");

  return env ? (guint) g_ascii_strtoull (env, NULL, 10) : 20;
}

static void
test_kills (Fixture       *f,
            gconstpointer  data)
{
  guint kills = n_kills ();

  for (guint i = 0; i < kills; i++)
    {
      /* Mostly kills within the first second; some runs are longer so
       * that the database grows and checkpoints happen. */
      run_and_kill (f, FALSE, (guint) g_test_rand_int (), i % 10 == 9 ? 3000 : 400);
      check_database (f);
    }
  g_test_message ("%u kills; %u saves reported, %u meetings", kills, f->n_saves,
                  g_hash_table_size (f->meetings));
  /* The kills landed while writing, not only before the first save. */
  g_assert_cmpuint (g_hash_table_size (f->meetings), >, 0);
}

static void
test_pull_kills (Fixture       *f,
                 gconstpointer  data)
{
  guint kills = n_kills ();
  gint64 cursor;

  for (guint i = 0; i < kills; i++)
    {
      /* A page takes some tens of milliseconds: most kills land inside
       * one; the longer runs grow the database past checkpoints. */
      run_and_kill (f, TRUE, (guint) g_test_rand_int (), i % 10 == 9 ? 3000 : 400);
      check_pulled (f);
    }
  {
    g_autoptr(JlStore) store = jl_store_open (f->db, NULL);

    cursor = jl_store_sync_get_cursor (store, f->community, NULL);
  }
  g_test_message ("%u kills; %u pages reported applied, cursor %" G_GINT64_FORMAT, kills,
                  g_hash_table_size (f->pages), cursor);
  /* The kills landed while applying, not only before the first page. */
  g_assert_cmpuint (g_hash_table_size (f->pages), >, 0);
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);
  g_test_add ("/crash-safety/sigkill", Fixture, NULL, fixture_setup, test_kills, fixture_teardown);
  g_test_add ("/crash-safety/sigkill-pull", Fixture, NULL, fixture_setup, test_pull_kills, fixture_teardown);
  return g_test_run ();
}
