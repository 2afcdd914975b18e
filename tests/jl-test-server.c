/* jl-test-server.c: real jinlin-server processes for the sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "jl-test-server.h"
#include "jl-test-util.h"

JlTestServer *
jl_test_server_new (void)
{
  JlTestServer *self = g_new0 (JlTestServer, 1);

  self->dir = jl_test_dir_new ();
  self->db = g_build_filename (self->dir, "server.db", NULL);
  self->log = g_build_filename (self->dir, "server.log", NULL);
  self->clock_file = g_build_filename (self->dir, "clock", NULL);
  jl_test_server_set_clock (self, 0);
  return self;
}

static const char *
server_path (void)
{
  const char *path = g_getenv ("JINLIN_SERVER");

  g_assert_nonnull (path);
  return path;
}

void
jl_test_server_start (JlTestServer *self)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  g_autofree char *line = NULL;
  const char *url;

  g_assert_null (self->proc);
  g_subprocess_launcher_set_stderr_file_path (launcher, self->log);
  /* The log is appended to across restarts. */
  {
    g_autofree char *old = NULL;
    g_autofree char *saved = g_strconcat (self->log, ".old", NULL);

    if (g_file_get_contents (self->log, &old, NULL, NULL))
      {
        g_autofree char *all = NULL;
        g_autofree char *before = NULL;

        g_file_get_contents (saved, &before, NULL, NULL);
        all = g_strconcat (before ? before : "", old, NULL);
        g_file_set_contents (saved, all, -1, NULL);
      }
  }
  self->proc = g_subprocess_launcher_spawn (launcher, &error, server_path (), "--db", self->db,
                                            "--port", port, "--test-clock-file", self->clock_file, NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->proc));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (self->log, &log, NULL, NULL);
      g_error ("jinlin-server did not start: %s\n%s", line ? line : "(no output)", log ? log : "");
    }
  url = line + strlen ("listening on ");
  g_free (self->url);
  self->url = g_strdup (url);
  if (self->port == 0)
    {
      const char *colon = strrchr (url, ':');

      g_assert_nonnull (colon);
      self->port = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
      g_assert_cmpuint (self->port, >, 0);
    }
}

static void
end (JlTestServer *self,
     int           signum)
{
  g_autoptr(GError) error = NULL;

  if (self->proc == NULL)
    return;
  g_subprocess_send_signal (self->proc, signum);
  g_subprocess_wait (self->proc, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&self->proc);
  g_clear_pointer (&self->url, g_free);
}

void
jl_test_server_stop (JlTestServer *self)
{
  end (self, SIGTERM);
}

void
jl_test_server_kill (JlTestServer *self)
{
  end (self, SIGKILL);
}

void
jl_test_server_free (JlTestServer *self)
{
  if (self == NULL)
    return;
  jl_test_server_stop (self);
  if (g_test_failed ())
    {
      g_autofree char *old = NULL;
      g_autofree char *log = NULL;
      g_autofree char *saved = g_strconcat (self->log, ".old", NULL);

      g_file_get_contents (saved, &old, NULL, NULL);
      g_file_get_contents (self->log, &log, NULL, NULL);
      g_printerr ("--- jinlin-server log ---\n%s%s--- end ---\n", old ? old : "", log ? log : "");
    }
  jl_test_dir_free (self->dir);
  g_free (self->db);
  g_free (self->log);
  g_free (self->clock_file);
  g_free (self->url);
  g_free (self);
}

void
jl_test_server_set_clock (JlTestServer *self,
                          gint64        offset_ms)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", offset_ms);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (self->clock_file, text, -1, &error);
  g_assert_no_error (error);
}

int
jl_test_server_admin (JlTestServer  *self,
                      const char    *input,
                      char         **out,
                      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) server_path ());
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, self->db);
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &o, &e, &error);
  g_assert_no_error (error);
  if (e != NULL && *e != '\0')
    g_test_message ("jinlin-server admin: %s", e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

void
jl_test_server_add_user (JlTestServer       *self,
                         const char         *name,
                         const char         *password,
                         const char         *role,
                         const char *const  *communities,
                         gboolean            real_hash)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
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
  g_ptr_array_add (argv, (char *) role);
  for (guint i = 0; communities && communities[i]; i++)
    {
      g_ptr_array_add (argv, strcmp (role, "district") == 0 ? "--district" : "--community");
      g_ptr_array_add (argv, (char *) communities[i]);
    }
  if (!real_hash)
    g_ptr_array_add (argv, "--weak-hash-for-tests");
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}
