/* bench-app-start.c: Jinlin's start to first frame ÷ a bare libadwaita window
 *
 * Starts the real jinlin app on a demo database (made once with
 * jl_demo_generate when --db names a file that does not exist yet) and
 * bench-bare-window, alternately, several times each, with
 * JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME=1: each prints the monotonic time of
 * its first frame after the window is mapped (for Jinlin: once the store
 * is open and the first page shown) and its peak RSS (VmHWM), then quits.
 * The time counts from just before the spawn, so process start, dynamic
 * linking and GTK's start are in it for both. Needs a display (run under
 * xvfb-run); the first run of each is a warm-up and not counted.
 *
 * A third series runs Jinlin with JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME=
 * overview: it quits once the overview's figures (computed on a worker
 * from the whole database) are painted, which is when a user sees the
 * city, and reports that time and its peak RSS too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "bench-util.h"
#include "jl-demo.h"
#include "jl-store.h"

static int n_runs = 7;
static int scale = 10;
static char *db_path = NULL;

static const GOptionEntry entries[] = {
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Counted starts of each program (7)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Demo database; generated when missing (required)", "PATH" },
  { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "Scale of the demo city when generating it (10)", "N" },
  G_OPTION_ENTRY_NULL
};

typedef struct
{
  double ms;
  double rss_mb;
} Start;

static void
make_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = NULL;
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  JlDemoStats stats = { 0 };
  double start = bench_now ();

  g_print ("  generating a demo city at scale %d into %s (minutes; kept for the next run)\n", scale, path);
  for (const char *const *s = (const char *const[]) { "", "-wal", "-shm", NULL }; *s; s++)
    {
      g_autofree char *f = g_strconcat (partial, *s, NULL);
      g_unlink (f);
    }
  store = jl_store_open (partial, &error);
  if (store == NULL || !jl_demo_generate (store, (guint) scale, 20240607, &stats, &error))
    g_error ("demo: %s", error->message);
  g_clear_object (&store);   /* checkpoints the log into the file */
  if (g_rename (partial, path) != 0)
    g_error ("cannot rename %s", partial);
  g_print ("  %u records in %.0f s\n", stats.records, bench_now () - start);
}

/* Runs @program until it prints @marker followed by a monotonic time and
 * "vmhwm-kb=N". */
static gboolean
run_until (const char *program,
           char      **envp,
           const char *marker,
           Start      *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  const char *argv[] = { program, NULL };
  GPid pid;
  int out_fd, status = 0;
  gint64 t0, frame_us = -1, rss_kb = -1;
  char *line = NULL;

  t0 = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    g_error ("%s: %s", program, error->message);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      const char *p = strstr (line, marker);

      if (p != NULL)
        {
          char *end = NULL;

          frame_us = g_ascii_strtoll (p + strlen (marker), &end, 10);
          p = strstr (end, "vmhwm-kb=");
          rss_kb = p ? g_ascii_strtoll (p + strlen ("vmhwm-kb="), NULL, 10) : -1;
        }
      g_free (line);
    }
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  if (frame_us < 0)
    {
      g_printerr ("%s printed no “%s” (status %d); is there a display?\n", program, marker, status);
      return FALSE;
    }
  out->ms = (frame_us - t0) / 1000.0;
  out->rss_mb = rss_kb / 1024.0;
  return TRUE;
}

static gboolean
run_once (const char *program,
          char      **envp,
          Start      *out)
{
  return run_until (program, envp, "JINLIN_BENCH first-frame-us=", out);
}

static double
median_of (Start   *starts,
           guint    n,
           gboolean rss)
{
  g_autofree double *v = g_new (double, n);

  for (guint i = 0; i < n; i++)
    v[i] = rss ? starts[i].rss_mb : starts[i].ms;
  return bench_percentile (v, n, 0.5);
}

int
main (int    argc,
      char **argv)
{
  g_autofree Start *app = NULL;
  g_autofree Start *bare = NULL;
  g_autofree Start *overview = NULL;
  g_auto(GStrv) envp = NULL;
  g_auto(GStrv) overview_envp = NULL;
  char *cache;
  Start warm;
  double app_ms, bare_ms, app_rss, bare_rss, overview_ms, overview_rss;

  bench_init (&argc, &argv, "Times Jinlin's start to its first frame against a bare libadwaita window.",
              (GOptionEntry *) entries);
  if (db_path == NULL)
    {
      g_printerr ("--db is required (a demo database, generated when missing)\n");
      return 2;
    }
  n_runs = MAX (n_runs, 1);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: run under xvfb-run\n");
      return 2;
    }

  g_print ("app-start: jinlin on a scale-%d demo database vs a bare AdwApplicationWindow, %d runs each\n",
           scale, n_runs);
  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    make_demo (db_path);

  cache = bench_dir_new ();
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "JINLIN_DB", db_path, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "JINLIN_LOCALEDIR", BENCH_LOCALE_DIR, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", FALSE);
  /* The same renderer for both; cairo unless the caller chose. */
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", FALSE);
  envp = g_environ_setenv (envp, "GTK_A11Y", "none", FALSE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);

  if (!run_once (BENCH_APP, envp, &warm) || !run_once (BENCH_BARE, envp, &warm))
    return 1;

  app = g_new0 (Start, n_runs);
  bare = g_new0 (Start, n_runs);
  for (int i = 0; i < n_runs; i++)
    {
      if (!run_once (BENCH_BARE, envp, &bare[i]) || !run_once (BENCH_APP, envp, &app[i]))
        return 1;
      g_print ("  run %d: jinlin %.0f ms %.0f MB, bare window %.0f ms %.0f MB\n", i + 1,
               app[i].ms, app[i].rss_mb, bare[i].ms, bare[i].rss_mb);
    }

  /* Until the figures are painted: after the first frame, the overview
   * computes on a worker while the other sections load theirs. */
  overview_envp = g_environ_setenv (g_strdupv (envp), "JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME", "overview", TRUE);
  overview = g_new0 (Start, n_runs);
  for (int i = 0; i < n_runs; i++)
    {
      if (!run_until (BENCH_APP, overview_envp, "JINLIN_BENCH overview-us=", &overview[i]))
        return 1;
      g_print ("  run %d: jinlin overview figures %.0f ms %.0f MB\n", i + 1, overview[i].ms, overview[i].rss_mb);
    }

  app_ms = median_of (app, n_runs, FALSE);
  bare_ms = median_of (bare, n_runs, FALSE);
  app_rss = median_of (app, n_runs, TRUE);
  bare_rss = median_of (bare, n_runs, TRUE);
  bench_result ("app-start", "jinlin first frame", app_ms, "ms");
  bench_result ("app-start", "bare window first frame", bare_ms, "ms");
  bench_result ("app-start", "ratio first frame", app_ms / bare_ms, "x (goal <= 1.3)");
  bench_result ("app-start", "jinlin peak RSS", app_rss, "MB");
  bench_result ("app-start", "bare window peak RSS", bare_rss, "MB");
  bench_result ("app-start", "RSS over bare", app_rss - bare_rss, "MB (goal <= 80)");
  overview_ms = median_of (overview, n_runs, FALSE);
  overview_rss = median_of (overview, n_runs, TRUE);
  bench_result ("app-start", "jinlin overview figures shown", overview_ms, "ms");
  bench_result ("app-start", "ratio overview to bare frame", overview_ms / bare_ms, "x");
  bench_result ("app-start", "RSS over bare at overview", overview_rss - bare_rss, "MB");

  bench_dir_free (cache);
  return 0;
}
