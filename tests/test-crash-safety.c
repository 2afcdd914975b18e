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
 * 20 kills by default; JINLIN_CRASH_KILLS=200 for the long run.
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

#include "jl-test-util.h"

typedef struct
{
  char       *dir;
  char       *db;
  char       *community;
  GHashTable *meetings;     /* id → Meeting */
  GHashTable *steps;        /* agenda item id → last reported seq (GUINT_TO_POINTER) */
  GHashTable *step_owner;   /* agenda item id → meeting id */
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
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_hash_table_unref (f->meetings);
  g_hash_table_unref (f->steps);
  g_hash_table_unref (f->step_owner);
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
  else
    g_error ("the writer said “%s”", line);
  f->n_saves++;
}

/* Runs the writer for a random time up to @max_ms, kills it with SIGKILL
 * and takes in everything it reported. */
static void
run_and_kill (Fixture *f,
              guint    seed,
              guint    max_ms)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv[] = { writer, f->db, f->community, seed_text, NULL };
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

static void
check_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *tables[] = { "meeting", "attendance", "agenda_item" };

  /* First SQLite alone: it recovers the log, then checks every page. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

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

  /* Then the store: it must accept the file. */
  store = jl_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
test_kills (Fixture       *f,
            gconstpointer  data)
{
  const char *env = g_getenv ("JINLIN_CRASH_KILLS");
  guint kills = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 20;

  for (guint i = 0; i < kills; i++)
    {
      /* Mostly kills within the first second; some runs are longer so
       * that the database grows and checkpoints happen. */
      run_and_kill (f, (guint) g_test_rand_int (), i % 10 == 9 ? 3000 : 400);
      check_database (f);
    }
  g_test_message ("%u kills; %u saves reported, %u meetings", kills, f->n_saves,
                  g_hash_table_size (f->meetings));
  /* The kills landed while writing, not only before the first save. */
  g_assert_cmpuint (g_hash_table_size (f->meetings), >, 0);
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);
  g_test_add ("/crash-safety/sigkill", Fixture, NULL, fixture_setup, test_kills, fixture_teardown);
  return g_test_run ();
}
