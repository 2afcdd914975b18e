/* bench-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "bench-server.h"

static const char *
server_path (void)
{
  const char *path = g_getenv ("JINLIN_SERVER");

#ifdef BENCH_SERVER
  if (path == NULL)
    path = BENCH_SERVER;
#endif
  if (path == NULL)
    g_error ("no jinlin-server: build with -Dserver=true or set JINLIN_SERVER");
  return path;
}

BenchServer *
bench_server_start (const char *dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  BenchServer *self = g_new0 (BenchServer, 1);
  const char *colon;

  self->db = g_build_filename (dir, "server.db", NULL);
  self->log = g_build_filename (dir, "server.log", NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, self->log);
  self->proc = g_subprocess_launcher_spawn (launcher, &error, server_path (), "--db", self->db, "--port", "0", NULL);
  if (self->proc == NULL)
    g_error ("cannot start %s: %s", server_path (), error->message);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->proc));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (self->log, &log, NULL, NULL);
      g_error ("jinlin-server did not start: %s\n%s", line ? line : "(no output)", log ? log : "");
    }
  self->url = g_strdup (line + strlen ("listening on "));
  colon = strrchr (self->url, ':');
  self->port = colon ? (guint) g_ascii_strtoull (colon + 1, NULL, 10) : 0;
  return self;
}

void
bench_server_add_user (BenchServer       *self,
                       const char        *name,
                       const char        *password,
                       const char *const *communities)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  g_ptr_array_add (argv, (char *) server_path ());
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, self->db);
  g_ptr_array_add (argv, "user");
  g_ptr_array_add (argv, "add");
  g_ptr_array_add (argv, (char *) name);
  g_ptr_array_add (argv, "--role");
  g_ptr_array_add (argv, "clerk");
  for (guint i = 0; communities[i] != NULL; i++)
    {
      g_ptr_array_add (argv, "--community");
      g_ptr_array_add (argv, (char *) communities[i]);
    }
  g_ptr_array_add (argv, "--weak-hash-for-tests");
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, input, NULL, NULL, NULL, &error))
    g_error ("user add: %s", error->message);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("jinlin-server user add %s failed", name);
}

guint
bench_server_count_log (BenchServer *self,
                        const char  *needle)
{
  g_autofree char *log = NULL;
  guint n = 0;

  if (!g_file_get_contents (self->log, &log, NULL, NULL))
    return 0;
  for (const char *p = log; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

GArray *
bench_server_log_ms (BenchServer *self,
                     const char  *needle)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (self->log, &log, NULL, NULL))
    return values;
  lines = g_strsplit (log, "\n", 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *ms = strstr (lines[i], " ms=");

      if (ms != NULL && strstr (lines[i], needle) != NULL)
        {
          double v = (double) g_ascii_strtoll (ms + 4, NULL, 10);
          g_array_append_val (values, v);
        }
    }
  return values;
}

gint64
bench_server_sum_ms (BenchServer *self,
                     const char  *needle)
{
  g_autoptr(GArray) values = bench_server_log_ms (self, needle);
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  return (gint64) sum;
}

void
bench_server_stop (BenchServer *self)
{
  if (self == NULL)
    return;
  g_subprocess_send_signal (self->proc, SIGTERM);
  g_subprocess_wait (self->proc, NULL, NULL);
  g_object_unref (self->proc);
  g_free (self->db);
  g_free (self->log);
  g_free (self->url);
  g_free (self);
}
