/* jl-test-server.c: real jinlin-server processes for the sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "jl-test-server.h"
#include "jl-test-util.h"

const char *
jl_test_server_backend (void)
{
  return g_strcmp0 (g_getenv ("JINLIN_TEST_BACKEND"), "postgresql") == 0 ? "postgresql" : "sqlite";
}

static const char *
need_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("%s is not set: run PostgreSQL tests through tests/pg-run.sh", name);
  return value;
}

/* Runs @sql (names made here, no outside values) on the cluster. */
static void
pg_admin (const char *sql)
{
  g_autofree char *admin = g_strdup_printf ("%s dbname=postgres", need_env ("JINLIN_TEST_PG_URL"));
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, need_env ("JINLIN_TEST_PSQL"), "-Xq",
                           "-v", "ON_ERROR_STOP=1", "-d", admin, "-c", sql, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);
}

static const char *server_path (void);

/* A database jinlin-server has migrated once, copied for every server:
 * copying files is twice as fast as CREATE DATABASE's default, and the
 * migration is not repeated. */
static const char *
pg_template (void)
{
  static char *name;

  if (name == NULL)
    {
      g_autofree char *template = g_strdup_printf ("jl_template_%d", (int) getpid ());
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", template);
      g_autofree char *url = g_strdup_printf ("%s dbname=%s", need_env ("JINLIN_TEST_PG_URL"), template);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;

      pg_admin (sql);
      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, server_path (), "--database-url", url,
                               "user", "list", NULL);
      g_assert_no_error (error);
      g_subprocess_wait_check (proc, NULL, &error);
      g_assert_no_error (error);
      name = g_steal_pointer (&template);
    }
  return name;
}

/* A new database in the cluster of tests/pg-run.sh; its conninfo. */
static char *
create_pg_database (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("jl_test_%d_%u", (int) getpid (), counter++);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", name,
                                          pg_template ());

  pg_admin (sql);
  return g_strdup_printf ("%s dbname=%s", need_env ("JINLIN_TEST_PG_URL"), name);
}

static const char *
pg_name (JlTestServer *self)
{
  const char *name = strstr (self->db, "dbname=");

  g_assert_nonnull (name);
  return name + strlen ("dbname=");
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) len, &error);
  g_assert_no_error (error);
}

void
jl_test_server_backup (JlTestServer *self)
{
  g_assert_null (self->proc);
  if (strcmp (jl_test_server_backend (), "sqlite") == 0)
    {
      g_autofree char *copy = g_strconcat (self->db, ".backup", NULL);

      copy_file (self->db, copy);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s_backup", pg_name (self));
      g_autofree char *copy = g_strdup_printf ("CREATE DATABASE %s_backup TEMPLATE %s STRATEGY FILE_COPY",
                                               pg_name (self), pg_name (self));

      pg_admin (sql);
      pg_admin (copy);
    }
}

void
jl_test_server_restore (JlTestServer *self)
{
  g_assert_null (self->proc);
  if (strcmp (jl_test_server_backend (), "sqlite") == 0)
    {
      g_autofree char *copy = g_strconcat (self->db, ".backup", NULL);

      copy_file (copy, self->db);
    }
  else
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s", pg_name (self));
      g_autofree char *copy = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s_backup STRATEGY FILE_COPY",
                                               pg_name (self), pg_name (self));

      pg_admin (drop);
      pg_admin (copy);
    }
}

static JlTestServer *
server_new (const char *db)
{
  JlTestServer *self = g_new0 (JlTestServer, 1);

  self->dir = jl_test_dir_new ();
  self->log = g_build_filename (self->dir, "server.log", NULL);
  self->clock_file = g_build_filename (self->dir, "clock", NULL);
  if (db == NULL && strcmp (jl_test_server_backend (), "sqlite") == 0)
    self->db = g_build_filename (self->dir, "server.db", NULL);
  else
    self->db = db ? g_strdup (db) : create_pg_database ();
  if (strcmp (jl_test_server_backend (), "sqlite") == 0)
    self->db_args = g_strdupv ((char *[]) { "--db", self->db, NULL });
  else
    {
      g_autofree char *blobs = g_build_filename (self->dir, "blobs", NULL);

      self->db_args = g_strdupv ((char *[]) { "--database-url", self->db, "--blob-dir", blobs, NULL });
    }
  jl_test_server_set_clock (self, 0);
  return self;
}

JlTestServer *
jl_test_server_new (void)
{
  return server_new (NULL);
}

JlTestServer *
jl_test_server_new_sharing (JlTestServer *other)
{
  return server_new (other->db);
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
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();

    g_ptr_array_add (argv, (char *) server_path ());
    for (guint i = 0; self->db_args[i]; i++)
      g_ptr_array_add (argv, self->db_args[i]);
    g_ptr_array_add (argv, "--port");
    g_ptr_array_add (argv, port);
    g_ptr_array_add (argv, "--test-clock-file");
    g_ptr_array_add (argv, self->clock_file);
    g_ptr_array_add (argv, NULL);
    self->proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  }
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
  g_strfreev (self->db_args);
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
  for (guint i = 0; self->db_args[i]; i++)
    g_ptr_array_add (argv, self->db_args[i]);
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
  for (guint i = 0; self->db_args[i]; i++)
    g_ptr_array_add (argv, self->db_args[i]);
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
