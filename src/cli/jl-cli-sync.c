/* jl-cli-sync.c: jinlin-cli login, sync and conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "jl-cli-sync.h"
#include "jl-store-sync.h"
#include "jl-sync-client.h"

static int
exit_for_sync_error (const GError *error)
{
  if (error == NULL || error->domain != JL_SYNC_ERROR)
    return jl_cli_exit_for_error (error);
  switch ((JlSyncError) error->code)
    {
    case JL_SYNC_ERROR_UNAUTHORIZED:
    case JL_SYNC_ERROR_FORBIDDEN:
    case JL_SYNC_ERROR_NOT_LOGGED_IN:
    case JL_SYNC_ERROR_RATE_LIMITED:
      return JL_EXIT_AUTH;
    case JL_SYNC_ERROR_UPGRADE:
      return JL_EXIT_UPGRADE;
    case JL_SYNC_ERROR_DEMO_DATA:
      return JL_EXIT_DEMO;
    case JL_SYNC_ERROR_DIVERGED:
      return JL_EXIT_DIVERGED;
    case JL_SYNC_ERROR_CURSOR_TOO_OLD:
    case JL_SYNC_ERROR_NETWORK:
    case JL_SYNC_ERROR_SERVER:
    case JL_SYNC_ERROR_BAD_MESSAGE:
    case JL_SYNC_ERROR_TOO_LARGE:
    case JL_SYNC_ERROR_EPOCH:
    default:
      return JL_EXIT_NETWORK;
    }
}

static int
sync_fail (const GError *error)
{
  g_printerr ("jinlin-cli: %s\n", error->message);
  return exit_for_sync_error (error);
}

static gboolean
parse (const char    *synopsis,
       GOptionEntry  *entries,
       int           *argc,
       char        ***argv,
       int           *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (synopsis);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = jl_cli_usage (error->message);
      return FALSE;
    }
  if (*argc != 1)
    {
      g_autofree char *msg = g_strdup_printf (_("Usage: jinlin-cli %s"), synopsis);
      *exit_code = jl_cli_usage (msg);
      return FALSE;
    }
  return TRUE;
}

/* The password: the first line of @file, of standard input when it is not
 * a terminal, or typed at a prompt without echo. */
static char *
read_password (const char  *file,
               GError     **error)
{
  char buffer[1024] = "";
  g_autofree char *text = NULL;
  char *password;

  if (file != NULL)
    {
      if (!g_file_get_contents (file, &text, NULL, error))
        return NULL;
      return g_strndup (text, strcspn (text, "\r\n"));
    }
  if (isatty (STDIN_FILENO))
    {
      struct termios old, quiet;

      fprintf (stderr, "%s", _("Password: "));
      fflush (stderr);
      tcgetattr (STDIN_FILENO, &old);
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
      if (fgets (buffer, sizeof buffer, stdin) == NULL)
        buffer[0] = '\0';
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
      fprintf (stderr, "\n");
    }
  else if (fgets (buffer, sizeof buffer, stdin) == NULL)
    buffer[0] = '\0';
  password = g_strndup (buffer, strcspn (buffer, "\r\n"));
  memset (buffer, 0, sizeof buffer);
  return password;
}

int
jl_cli_cmd_login (JlCliGlobals  *globals,
                  int            argc,
                  char         **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *device_name = NULL;
  g_autofree char *password = NULL;
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JlSyncClient) client = NULL;
  g_autoptr(JlSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  int rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("the server, e.g. https://jinlin.example.cn/"), "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("the user name"), "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("read the password from FILE"), "FILE" },
    { "device-name", 0, 0, G_OPTION_ARG_STRING, &device_name, N_("how the server lists this computer"), "NAME" },
    { NULL }
  };

  if (!parse ("login --server URL --user NAME [--password-file FILE]", entries, &argc, &argv, &rc))
    return rc;
  if (server == NULL || user == NULL)
    return jl_cli_usage (_("login needs --server URL and --user NAME"));
  if ((password = read_password (password_file, &error)) == NULL)
    return jl_cli_fail (error);
  if (*password == '\0')
    return jl_cli_usage (_("no password given"));
  if ((store = jl_cli_open_store (globals, &rc)) == NULL)
    return rc;

  client = jl_sync_client_new (store);
  jl_sync_client_set_ca_file (client, g_getenv ("JINLIN_SYNC_CA_FILE"));
  if (!jl_sync_client_login_sync (client, server, user, password, device_name, NULL, &error))
    {
      memset (password, 0, strlen (password));
      return sync_fail (error);
    }
  memset (password, 0, strlen (password));

  account = jl_store_sync_get_account (store, NULL);
  g_print (_("Logged in to %s as %s (%s); device %s; %u communities.\n"), account->server_url,
           account->user_name, account->role, account->remote_device_id,
           g_strv_length (account->communities));
  return JL_EXIT_OK;
}

static void
print_stats_json (const JlSyncStats *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pushed");
  json_builder_add_int_value (b, stats->pushed);
  json_builder_set_member_name (b, "pulled");
  json_builder_add_int_value (b, stats->pulled);
  json_builder_set_member_name (b, "resyncs");
  json_builder_add_int_value (b, stats->resyncs);
  json_builder_set_member_name (b, "conflicts");
  json_builder_add_int_value (b, stats->conflicts);
  json_builder_set_member_name (b, "superseded");
  json_builder_add_int_value (b, stats->superseded);
  json_builder_set_member_name (b, "quarantined");
  json_builder_add_int_value (b, stats->quarantined);
  json_builder_set_member_name (b, "pending");
  json_builder_add_int_value (b, stats->pending);
  json_builder_set_member_name (b, "skew_ms");
  json_builder_add_int_value (b, stats->has_skew_warning ? stats->skew_ms : 0);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  jl_cli_print_json (node);
}

static void
warn_skew (gint64 skew_ms)
{
  gint64 minutes = ABS (skew_ms) / 60000;
  g_autofree char *amount = NULL;

  if (minutes >= 2 * 24 * 60)
    amount = g_strdup_printf (_("%lld days"), (long long) (minutes / (24 * 60)));
  else if (minutes >= 120)
    amount = g_strdup_printf (_("%lld hours"), (long long) (minutes / 60));
  else
    amount = g_strdup_printf (_("%lld minutes"), (long long) minutes);
  g_printerr (skew_ms > 0 ? _("jinlin-cli: warning: this computer's clock is %s ahead of the server; please set the date and time.\n")
                          : _("jinlin-cli: warning: this computer's clock is %s behind the server; please set the date and time.\n"),
              amount);
}

int
jl_cli_cmd_sync (JlCliGlobals  *globals,
                 int            argc,
                 char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JlSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  JlSyncStats stats = { 0 };
  int attempts = 4, rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "attempts", 0, 0, G_OPTION_ARG_INT, &attempts, N_("tries on network failures (default 4)"), "N" },
    { NULL }
  };

  if (!parse ("sync [--attempts N]", entries, &argc, &argv, &rc))
    return rc;
  if ((store = jl_cli_open_store (globals, &rc)) == NULL)
    return rc;

  client = jl_sync_client_new (store);
  jl_sync_client_set_ca_file (client, g_getenv ("JINLIN_SYNC_CA_FILE"));
  jl_sync_client_set_retry (client, (guint) CLAMP (attempts, 1, 20), 500, 30000);
  if (!jl_sync_client_run_sync (client, &stats, NULL, &error))
    {
      rc = sync_fail (error);
      if (stats.pushed || stats.pulled)
        g_printerr (_("jinlin-cli: before the failure: pushed %u, pulled %u, conflicts %u\n"),
                    stats.pushed, stats.pulled, stats.conflicts);
      return rc;
    }

  if (globals->json)
    print_stats_json (&stats);
  else
    /* Not translated: scripts read this line. */
    g_print ("pushed %u, pulled %u, conflicts %u\n", stats.pushed, stats.pulled, stats.conflicts);
  if (stats.has_skew_warning)
    warn_skew (stats.skew_ms);
  if (stats.pending > 0)
    g_printerr (_("jinlin-cli: %lld changes wait for communities this account cannot write\n"),
                (long long) stats.pending);
  return JL_EXIT_OK;
}

int
jl_cli_cmd_conflicts (JlCliGlobals  *globals,
                      int            argc,
                      char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *community = NULL;
  gboolean all = FALSE;
  int rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "community", 0, 0, G_OPTION_ARG_STRING, &community, N_("only this community"), "ID" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("resolved entries too"), NULL },
    { NULL }
  };

  if (!parse ("conflicts [--community ID] [--all]", entries, &argc, &argv, &rc))
    return rc;
  if ((store = jl_cli_open_store (globals, &rc)) == NULL)
    return rc;
  if ((list = jl_store_sync_conflicts (store, community, !all, &error)) == NULL)
    return jl_cli_fail (error);

  for (guint i = 0; i < list->len; i++)
    {
      JlSyncConflict *c = list->pdata[i];
      g_autofree char *when = jl_hlc_to_string (c->loser_hlc);

      /* kind, record, field, kept value, overwritten value with its author */
      g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c->conflict_kind, c->tbl ? c->tbl : "-",
               c->row_id ? c->row_id : "-", c->field ? c->field : "-",
               c->winner_value ? c->winner_value : "null", c->loser_value ? c->loser_value : "null",
               c->loser_user && *c->loser_user ? c->loser_user : "-", when);
    }
  g_printerr (_("%u conflict entries\n"), list->len);
  return JL_EXIT_OK;
}
