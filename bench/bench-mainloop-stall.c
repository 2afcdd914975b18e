/* bench-mainloop-stall.c: the longest stall of a GTK main loop while a
 * 100,000-row pull is applied ÷ the same loop idle
 *
 * A GTK window shows a GtkListView over a JlRecordList of estates of
 * client B's store, redrawn every frame (a tick callback), and a 5 ms
 * timeout notes the gap since its last run: a gap well over 5 ms is the
 * main loop busy with something else. First the loop runs idle for a
 * while (the baseline), then jl_sync_client_run_async pulls N estates
 * (2 fields each) from a real jinlin-server on 127.0.0.1 and, when it is
 * done, the list reloads, as the app does after a sync; the gaps are
 * noted until the list has every row.
 *
 * The server's data is made once by client A (jl_store_put, then a push)
 * and kept in --server-db (run-all.sh keeps it in its cache), because
 * pushing 100,000 rows takes minutes. Needs a display: run it under
 * xvfb-run; without one it says so and exits 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "bench-server.h"
#include "bench-util.h"
#include "jl-record-list.h"
#include "jl-store-sync.h"
#include "jl-sync-client.h"

static int n_rows = 100000;
static char *server_db = NULL;
static int idle_seconds = 5;

static const GOptionEntry entries[] = {
  { "rows", 'n', 0, G_OPTION_ARG_INT, &n_rows, "Rows to pull (100000)", "N" },
  { "server-db", 0, 0, G_OPTION_ARG_FILENAME, &server_db, "Keep the server's data here and reuse it", "FILE" },
  { "idle-seconds", 0, 0, G_OPTION_ARG_INT, &idle_seconds, "How long to measure the idle loop (5)", "S" },
  G_OPTION_ENTRY_NULL
};

#define PASSWORD  "bench-password"
/* Fixed, so that a kept server database can be reused. */
#define COMMUNITY "0195f100-0000-7000-8000-000000000001"

static void
check (gboolean      ok,
       const GError *error,
       const char   *what)
{
  if (!ok)
    g_error ("%s: %s", what, error ? error->message : "failed");
}

static JlStore *
open_logged_in (const char *path,
                const char *url,
                const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);
  g_autoptr(JlSyncClient) client = NULL;

  check (store != NULL, error, "open");
  client = jl_sync_client_new (store);
  check (jl_sync_client_login_sync (client, url, user, PASSWORD, user, NULL, &error), error, "login");
  return g_steal_pointer (&store);
}

/* Client A writes the estates and pushes them into a new server
 * database at @path. */
static void
make_server_db (const char *path)
{
  g_autofree char *dir = bench_dir_new ();
  g_autofree char *a_path = g_build_filename (dir, "a.db", NULL);
  const char *communities[] = { COMMUNITY, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) a = NULL;
  g_autoptr(JlSyncClient) client = NULL;
  g_autofree char *made = NULL;
  BenchServer *server = bench_server_start (dir);
  JlSyncStats stats = { 0 };
  double start = bench_now ();

  bench_server_add_user (server, "a", PASSWORD, communities);
  bench_server_add_user (server, "b", PASSWORD, communities);
  a = open_logged_in (a_path, server->url, "a");
  {
    g_autoptr(JsonObject) obj = json_object_new ();
    g_autoptr(JlRecord) record = NULL;

    json_object_set_string_member (obj, "name", "鹭江社区");
    record = jl_store_put (a, "community", COMMUNITY, obj, NULL, &error);
    check (record != NULL, error, "community");
  }
  for (int i = 0; i < n_rows;)
    {
      check (jl_store_begin (a, &error), error, "begin");
      for (int j = 0; j < 1000 && i < n_rows; j++, i++)
        {
          g_autoptr(JsonObject) obj = json_object_new ();
          g_autoptr(JlRecord) record = NULL;
          g_autofree char *name = g_strdup_printf ("鹭江第%d小区", i + 1);

          json_object_set_string_member (obj, "community_id", COMMUNITY);
          json_object_set_string_member (obj, "name", name);
          record = jl_store_put (a, "estate", NULL, obj, NULL, &error);
          check (record != NULL, error, "estate");
        }
      check (jl_store_commit (a, &error), error, "commit");
    }
  client = jl_sync_client_new (a);
  check (jl_sync_client_push_sync (client, &stats, NULL, &error), error, "push");
  bench_server_stop (server);
  g_print ("  made the server's data: %d estates written and pushed (%u changes) in %.1f s\n", n_rows,
           stats.pushed, bench_now () - start);
  made = g_build_filename (dir, "server.db", NULL);
  /* The server checkpointed at exit; the file alone is the database. */
  if (g_rename (made, path) != 0)
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      check (g_file_get_contents (made, &data, &len, &error) &&
             g_file_set_contents (path, data, (gssize) len, &error), error, "keep server db");
    }
  bench_dir_free (g_steal_pointer (&dir));
}

/* The loop's gaps */

typedef struct
{
  GArray   *gaps;      /* double, ms */
  double    last;
  gboolean  on;
} Gaps;

static gboolean
tick_timeout_cb (gpointer data)
{
  Gaps *g = data;
  double now = bench_now ();

  if (g->on && g->last > 0)
    {
      double ms = (now - g->last) * 1000;
      g_array_append_val (g->gaps, ms);
    }
  g->last = now;
  return G_SOURCE_CONTINUE;
}

static void
gaps_start (Gaps *g)
{
  g_array_set_size (g->gaps, 0);
  g->last = 0;
  g->on = TRUE;
}

static void
report (const char *what,
        Gaps       *g,
        double     *max_out)
{
  guint n = g->gaps->len;
  double *v = (double *) (void *) g->gaps->data;
  double p99 = bench_percentile (v, n, 0.99), max = bench_percentile (v, n, 1.0);
  guint over = 0;

  for (guint i = 0; i < n; i++)
    over += v[i] > 50;
  g_print ("  %s: %u gaps of the 5 ms timer; p99 %.1f ms, longest %.1f ms, %u over 50 ms\n", what, n, p99, max, over);
  *max_out = max;
}

static gboolean
redraw_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  /* Keep drawing every frame, as a window being scrolled would. */
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  data)
{
  JlRecord *record = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), jl_record_get_string (record, "name"));
}

typedef struct
{
  gboolean      done;
  gboolean      ok;
  JlSyncStats   stats;
  GError       *error;
} SyncRun;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SyncRun *run = data;

  run->ok = jl_sync_client_run_finish (JL_SYNC_CLIENT (source), result, &run->stats, &run->error);
  run->done = TRUE;
}

static void
loaded_cb (JlRecordList *list,
           gpointer      data)
{
  *(gboolean *) data = TRUE;
}

static void
iterate_until (gboolean *flag,
               double    timeout_s)
{
  double end = bench_now () + timeout_s;

  while (!*flag && bench_now () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
iterate_for (double seconds)
{
  double end = bench_now () + seconds;

  while (bench_now () < end)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) b = NULL;
  g_autoptr(JlSyncClient) client = NULL;
  g_autoptr(JlRecordList) list = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *b_path = NULL;
  Gaps gaps = { g_array_new (FALSE, FALSE, sizeof (double)), 0, FALSE };
  SyncRun run = { 0 };
  GtkWidget *window, *scroller, *view;
  GtkListItemFactory *factory;
  BenchServer *server;
  gboolean loaded = FALSE;
  char *dir;
  g_autoptr(GArray) all_gaps = NULL;
  double idle_max, busy_max, pull_max, reload_max, start, pull_s, reload_s, reload_call_ms;

  bench_init (&argc, &argv, "The longest main-loop stall while a pull is applied.", (GOptionEntry *) entries);
  n_rows = MAX (n_rows, 1);
  if (!gtk_init_check ())
    {
      g_print ("mainloop-stall: skipped, no display (run it under xvfb-run)\n");
      return 0;
    }

  dir = bench_dir_new ();
  kept = server_db ? g_strdup (server_db) : g_build_filename (dir, "made.db", NULL);
  g_print ("mainloop-stall: pulling %d estates into a GTK app's store while its main loop is timed\n", n_rows);
  if (!g_file_test (kept, G_FILE_TEST_EXISTS))
    make_server_db (kept);
  else
    g_print ("  reusing the server's data in %s\n", kept);
  {
    g_autofree char *data = NULL;
    gsize len = 0;

    /* The server works on a copy: the kept file stays as made. */
    copy = g_build_filename (dir, "server.db", NULL);
    check (g_file_get_contents (kept, &data, &len, &error) &&
           g_file_set_contents (copy, data, (gssize) len, &error), error, "copy server db");
  }
  server = bench_server_start (dir);
  b_path = g_build_filename (dir, "b.db", NULL);
  b = open_logged_in (b_path, server->url, "b");
  client = jl_sync_client_new (b);

  /* The window: a list view over B's estates, redrawn every frame. */
  list = jl_record_list_new (b, "estate");
  g_signal_connect (list, "loaded", G_CALLBACK (loaded_cb), &loaded);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (list)))), factory);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_widget_add_tick_callback (view, redraw_tick_cb, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add (5, tick_timeout_cb, &gaps);
  iterate_until (&loaded, 10);
  iterate_for (1);

  /* Baseline: the same loop, idle. */
  gaps_start (&gaps);
  iterate_for (idle_seconds);
  gaps.on = FALSE;
  report ("idle", &gaps, &idle_max);

  /* The pull, then the list's reload, as the app does after a sync. */
  gaps_start (&gaps);
  start = bench_now ();
  jl_sync_client_run_async (client, NULL, sync_done_cb, &run);
  iterate_until (&run.done, 3600);
  pull_s = bench_now () - start;
  check (run.ok, run.error, "sync");
  report ("pull", &gaps, &pull_max);
  /* The reload's gaps apart, to tell where a stall comes from. */
  all_gaps = g_array_copy (gaps.gaps);
  gaps_start (&gaps);
  loaded = FALSE;
  start = bench_now ();
  jl_record_list_reload (list);
  reload_call_ms = (bench_now () - start) * 1000;
  iterate_until (&loaded, 600);
  reload_s = bench_now () - start;
  gaps.on = FALSE;
  report ("reload", &gaps, &reload_max);
  g_array_append_vals (all_gaps, gaps.gaps->data, gaps.gaps->len);
  g_array_unref (gaps.gaps);
  gaps.gaps = g_steal_pointer (&all_gaps);
  g_print ("  pulled %u rows in %.2f s; the list reloaded in %.2f s (the jl_record_list_reload call itself,"
           " on the main thread: %.1f ms) and shows %u\n", run.stats.pulled, pull_s, reload_s, reload_call_ms,
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  report ("pull + reload", &gaps, &busy_max);
  if ((int) g_list_model_get_n_items (G_LIST_MODEL (list)) != n_rows)
    g_error ("the list shows %u estates, not %d", g_list_model_get_n_items (G_LIST_MODEL (list)), n_rows);

  bench_result ("mainloop", "pull rows/s (with the app's loop running)", run.stats.pulled / pull_s, "rows/s");
  bench_result ("mainloop", "longest stall, pull + reload", busy_max, "ms (goal < 50)");
  bench_result ("mainloop", "longest stall, during the pull", pull_max, "ms");
  bench_result ("mainloop", "longest stall, during the reload", reload_max, "ms");
  bench_result ("mainloop", "longest stall, idle loop", idle_max, "ms");
  bench_result ("mainloop", "ratio longest stall busy/idle", idle_max > 0 ? busy_max / idle_max : 0, "x");

  gtk_window_destroy (GTK_WINDOW (window));
  bench_server_stop (server);
  g_array_unref (gaps.gaps);
  bench_dir_free (dir);
  return 0;
}
