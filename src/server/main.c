/* main.c: jinlin-server, the sync server, and its admin commands
 *
 *   jinlin-server [--config FILE] [--db FILE] [--listen ADDR] [--port N] …
 *   jinlin-server --db FILE user|device …
 *
 * Serving prints "listening on URL" on stdout once the socket is bound
 * (tests start it with --port 0 and read the port from that line), then
 * logs one key=value line per request to stderr (journald under systemd).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "jl-server-admin.h"
#include "jl-server-auth.h"
#include "jl-server.h"

typedef struct
{
  char     *config_file;
  char     *db;
  char     *listen;
  int       port;
  gboolean  allow_remote_plain;
  char     *tls_cert;
  char     *tls_key;
  gint64    max_body;
  char     *test_clock_file;
  char     *blob_dir;
  gint64    blob_max;
  char     *database_url;   /* PostgreSQL */
  char     *backend;        /* sqlite | postgresql */
} Options;

static void
options_clear (Options *o)
{
  g_free (o->config_file);
  g_free (o->db);
  g_free (o->listen);
  g_free (o->tls_cert);
  g_free (o->tls_key);
  g_free (o->test_clock_file);
  g_free (o->blob_dir);
  g_free (o->database_url);
  g_free (o->backend);
}

/* Values from the [server] group of the config file fill in what the
 * command line left unset. */
static gboolean
load_config (Options  *o,
             GError  **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (o->config_file == NULL)
    return TRUE;
  if (!g_key_file_load_from_file (kf, o->config_file, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", o->config_file);
      return FALSE;
    }

#define TAKE_STRING(field, key) \
  if (o->field == NULL) \
    o->field = g_key_file_get_string (kf, "server", key, NULL);
  TAKE_STRING (db, "db");
  TAKE_STRING (listen, "listen");
  TAKE_STRING (tls_cert, "tls-cert");
  TAKE_STRING (tls_key, "tls-key");
  TAKE_STRING (blob_dir, "blob-dir");
#undef TAKE_STRING
  /* [database] backend=sqlite|postgresql, url=… (PostgreSQL). */
  if (o->backend == NULL)
    o->backend = g_key_file_get_string (kf, "database", "backend", NULL);
  if (o->database_url == NULL)
    o->database_url = g_key_file_get_string (kf, "database", "url", NULL);

  if (o->port < 0 && g_key_file_has_key (kf, "server", "port", NULL))
    {
      o->port = g_key_file_get_integer (kf, "server", "port", &local_error);
      if (local_error != NULL || o->port < 0 || o->port > 65535)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "%s: port must be 0 to 65535",
                       o->config_file);
          return FALSE;
        }
    }
  if (!o->allow_remote_plain)
    o->allow_remote_plain = g_key_file_get_boolean (kf, "server", "allow-remote-plain-http", NULL);
  if (o->max_body <= 0 && g_key_file_has_key (kf, "server", "max-body-bytes", NULL))
    o->max_body = g_key_file_get_int64 (kf, "server", "max-body-bytes", NULL);
  if (o->blob_max <= 0 && g_key_file_has_key (kf, "server", "blob-max-bytes", NULL))
    o->blob_max = g_key_file_get_int64 (kf, "server", "blob-max-bytes", NULL);
  return TRUE;
}

/* --db or --database-url on the command line wins over the file; the
 * file's backend key decides otherwise (default: SQLite). */
static gboolean
choose_database (Options   *o,
                 gboolean   cli_db,
                 gboolean   cli_url,
                 GError   **error)
{
  if (cli_db && cli_url)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "give either --db or --database-url, not both");
      return FALSE;
    }
  if (cli_db || cli_url)
    {
      g_free (o->backend);
      o->backend = g_strdup (cli_url ? "postgresql" : "sqlite");
    }
  else if (o->backend == NULL)
    o->backend = g_strdup ("sqlite");

  if (strcmp (o->backend, "postgresql") == 0 && o->database_url == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "no database: give --database-url URL or “url” in the [database] group of the config file");
  else if (strcmp (o->backend, "sqlite") == 0 && o->db == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "no database: give --db FILE or “db” in the config file");
  else if (strcmp (o->backend, "sqlite") != 0 && strcmp (o->backend, "postgresql") != 0)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "unknown database backend “%s”: use sqlite or postgresql", o->backend);
  else
    return TRUE;
  return FALSE;
}

static gboolean
is_postgresql (Options *o)
{
  return strcmp (o->backend, "postgresql") == 0;
}

static JlServerStore *
open_store (Options  *o,
            GError  **error)
{
  if (!is_postgresql (o))
    return jl_server_store_sqlite_open (o->db, error);
#ifdef JL_HAVE_POSTGRESQL
  return jl_server_store_pg_open (o->database_url, error);
#else
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "this jinlin-server was built without PostgreSQL support (meson setup -Dpostgresql=enabled, libpq-dev)");
  return NULL;
#endif
}

static gboolean
on_signal (gpointer data)
{
  g_message ("event=stop reason=signal");
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static int
serve (Options       *o,
       JlServerStore *store)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  /* Attachments' bytes live next to the database unless configured. */
  g_autofree char *blob_dir = o->blob_dir || is_postgresql (o) ? g_strdup (o->blob_dir)
                                                                 : g_strconcat (o->db, ".blobs", NULL);
  JlServerConfig config = {
    .listen = o->listen,
    .port = (guint) MAX (o->port, 0),
    .allow_remote_plain = o->allow_remote_plain,
    .tls_cert = o->tls_cert,
    .tls_key = o->tls_key,
    .max_body = o->max_body > 0 ? (gsize) o->max_body : 0,
    .test_clock_file = o->test_clock_file,
    .blob_dir = blob_dir,
    .blob_max = o->blob_max,
  };
  JlServer *server;

  /* A PostgreSQL database has no folder next to it. */
  if (blob_dir == NULL)
    {
      g_printerr ("jinlin-server: with PostgreSQL, give --blob-dir DIR (or “blob-dir” in the config file)"
                  " for the files of attachments\n");
      return 2;
    }
  server = jl_server_new (store, &config);
  if (!jl_server_listen (server, &error))
    {
      g_printerr ("jinlin-server: %s\n", error->message);
      jl_server_free (server);
      return 1;
    }
  /* Before the line that tells a supervisor (or a test) we are up, so a
   * SIGTERM right after it stops the server cleanly. */
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  url = jl_server_get_url (server);
  g_print ("listening on %s\n", url);
  fflush (stdout);
  /* The URL may hold a password: only the backend is logged. */
  g_message ("event=start url=%s db=%s version=%s", url, is_postgresql (o) ? "postgresql" : o->db,
             PACKAGE_VERSION);

  g_main_loop_run (loop);

  jl_server_free (server);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  Options o = { .port = -1 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  JlServerStore *store;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config_file, "Read settings from the [server] and [database] groups of FILE", "FILE" },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &o.db, "The server database (SQLite, created when missing)", "FILE" },
    { "database-url", 0, 0, G_OPTION_ARG_STRING, &o.database_url,
      "Use PostgreSQL: postgresql://USER@HOST/DB or \"host=… dbname=…\" (the database must exist)", "URL" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &o.listen, "Address to listen on (default 127.0.0.1)", "ADDR" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &o.port, "Port (0: any free port; default 8470)", "N" },
    { "allow-remote-plain-http", 0, 0, G_OPTION_ARG_NONE, &o.allow_remote_plain,
      "Allow plain HTTP on an address other than loopback", NULL },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &o.tls_cert, "TLS certificate (PEM); enables HTTPS", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &o.tls_key, "TLS private key (PEM)", "FILE" },
    { "max-body-bytes", 0, 0, G_OPTION_ARG_INT64, &o.max_body, "Largest request body, after gunzip", "N" },
    { "blob-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.blob_dir,
      "Folder for the files of attachments (default: the database path + .blobs)", "DIR" },
    { "blob-max-bytes", 0, 0, G_OPTION_ARG_INT64, &o.blob_max, "Largest attachment (default 50 MB)", "N" },
    { "test-clock-file", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &o.test_clock_file,
      "Tests only: milliseconds to add to the clock, read from FILE per request", "FILE" },
    { NULL }
  };
  gboolean cli_db = FALSE, cli_url = FALSE;
  int status;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("[user|device COMMAND …] — the Jinlin sync server");
  g_option_context_add_main_entries (context, entries, NULL);
  /* The admin commands have options of their own. */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (g_option_context_parse (context, &argc, &argv, &error))
    {
      cli_db = o.db != NULL;
      cli_url = o.database_url != NULL;
    }
  if (error != NULL || !load_config (&o, &error) || !choose_database (&o, cli_db, cli_url, &error))
    {
      g_printerr ("jinlin-server: %s\n", error->message);
      options_clear (&o);
      return 2;
    }
  if (o.port < 0)
    o.port = 8470;
  if (o.port > 65535)
    {
      g_printerr ("jinlin-server: --port must be 0 to 65535\n");
      options_clear (&o);
      return 2;
    }
  if (argc == 1 || (argc > 1 && strcmp (argv[1], "user") != 0 && strcmp (argv[1], "device") != 0))
    for (int i = 1; i < argc; i++)
      {
        g_printerr ("jinlin-server: unexpected “%s” (see --help)\n", argv[i]);
        options_clear (&o);
        return 2;
      }
  if (!jl_server_auth_init ())
    {
      g_printerr ("jinlin-server: libsodium failed to initialise\n");
      options_clear (&o);
      return 1;
    }

  store = open_store (&o, &error);
  if (store == NULL)
    {
      g_printerr ("jinlin-server: %s\n", error->message);
      options_clear (&o);
      return 1;
    }
  if (argc > 1)
    status = jl_server_admin_run (store, argc - 1, argv + 1);
  else
    status = serve (&o, store);
  jl_server_store_close (store);
  options_clear (&o);
  return status;
}
