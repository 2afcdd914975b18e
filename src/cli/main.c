/* main.c: jinlin-cli, the command line for administrators, scripts,
 * tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "jl-cli.h"
#include "jl-cli-attach.h"
#include "jl-cli-overview.h"
#include "jl-cli-sync.h"

typedef struct
{
  const char   *name;
  JlCliCommand  run;
  const char   *synopsis;
  const char   *summary;
} Command;

static const Command commands[] = {
  { "demo", jl_cli_cmd_demo, "demo [--scale N] [--seed N]", N_("Fill the database with demo data (scale 1 = the seed report's city)") },
  { "summary", jl_cli_cmd_summary, "summary", N_("Print how many records of each kind there are") },
  { "kinds", jl_cli_cmd_kinds, "kinds [KIND]", N_("List the record kinds, or the fields of one kind") },
  { "list", jl_cli_cmd_list, "list KIND [--community ID] [--where FIELD=VALUE]… [--order FIELD] [--desc] [--limit N] [--offset N]", N_("List records") },
  { "get", jl_cli_cmd_get, "get KIND ID", N_("Print one record as JSON") },
  { "put", jl_cli_cmd_put, "put KIND JSON|@FILE|- [--id ID]", N_("Create a record, or update only the fields given") },
  { "delete", jl_cli_cmd_delete, "delete KIND ID", N_("Delete a record (and the records it owns)") },
  { "search", jl_cli_cmd_search, "search TEXT [--kind KIND] [--community ID] [--limit N]", N_("Full-text search, Chinese included") },
  { "results", jl_cli_cmd_results, "results ROUND-ID", N_("Compute the results of an evaluation round") },
  { "overview", jl_cli_cmd_overview, "overview [--community ID] [--today YYYY-MM-DD]", N_("The seed report's figures and the warnings, for all communities or one") },
  { "export", jl_cli_cmd_export, "export --format json FILE", N_("Export the whole database") },
  { "import", jl_cli_cmd_import, "import FILE", N_("Import an export (all or nothing)") },
  { "login", jl_cli_cmd_login, "login --server URL --user NAME [--password-file FILE] [--device-name NAME]", N_("Sign this database in to a sync server (password from the file, standard input or a prompt)") },
  { "sync", jl_cli_cmd_sync, "sync [--attempts N]", N_("Push local changes, then pull; prints “pushed N, pulled N, conflicts N”") },
  { "conflicts", jl_cli_cmd_conflicts, "conflicts [--community ID] [--all]", N_("List the sync conflict log (overwritten and quarantined values)") },
  { "attach", jl_cli_cmd_attach, "attach MEETING-ID FILE [--note TEXT]", N_("Attach a file (e.g. the signed scan) to minutes; prints the attachment's id") },
  { "attachment-path", jl_cli_cmd_attachment_path, "attachment-path ID", N_("Print where the file of an attachment is (exit 3 while it is not downloaded yet)") },
  { "sync-files", jl_cli_cmd_sync_files, "sync-files [--budget BYTES]", N_("Upload and download the files of attachments, resuming where the last run stopped") },
};

static void
print_help (FILE *out)
{
  g_autofree char *db = jl_store_default_path ();

  fprintf (out, "%s\n\n", _("Usage: jinlin-cli [--db PATH] [--json] COMMAND [ARGUMENTS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n      %s\n", commands[i].synopsis, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --db PATH   %s\n", _("the database file"));
  fprintf (out, "              (%s: %s)\n", _("default"), db);
  fprintf (out, "  --json      %s\n", _("print JSON instead of text (list, search, results, summary, demo)"));
  fprintf (out, "  --version   %s\n", _("print the version"));
  fprintf (out, "\n%s\n", _("KIND is one of the names printed by “jinlin-cli kinds”; field names in JSON are the schema's."));
  fprintf (out, "\n%s\n", _("Exit status:"));
  fprintf (out, "  0  %s\n", _("success"));
  fprintf (out, "  1  %s\n", _("other failure"));
  fprintf (out, "  2  %s\n", _("wrong usage"));
  fprintf (out, "  3  %s\n", _("no such record"));
  fprintf (out, "  4  %s\n", _("invalid input (a field, JSON, a kind); nothing was written"));
  fprintf (out, "  5  %s\n", _("refused: the record is read-only (approved minutes, amendments)"));
  fprintf (out, "  6  %s\n", _("the database cannot be used (not a Jinlin database, damaged, or newer); it was left untouched"));
  fprintf (out, "  7  %s\n", _("a file could not be read or written"));
  fprintf (out, "  8  %s\n", _("sync: the server cannot be reached or failed; the changes wait, try again later"));
  fprintf (out, "  9  %s\n", _("sync: not logged in, wrong password, device revoked or not allowed; log in again"));
  fprintf (out, "  10 %s\n", _("sync: the server needs a newer Jinlin"));
  fprintf (out, "  11 %s\n", _("sync: refused, the database holds the invented demo city"));
  fprintf (out, "  12 %s\n", _("sync: the records still differ from the server’s after a full download"));
}

int
main (int    argc,
      char **argv)
{
  JlCliGlobals globals = { 0 };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *localedir = g_getenv ("JINLIN_LOCALEDIR");
  g_autofree char *db_path = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options may stand anywhere; the rest goes to the command. */
  g_ptr_array_add (rest, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--db") == 0)
        {
          if (i + 1 >= argc)
            return jl_cli_usage (_("--db needs a path"));
          db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        db_path = g_strdup (argv[i] + 5);
      else if (strcmp (argv[i], "--json") == 0)
        globals.json = TRUE;
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_help (stdout);
          return JL_EXIT_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("jinlin-cli %s\n", PACKAGE_VERSION);
          return JL_EXIT_OK;
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  g_ptr_array_add (rest, NULL);

  if (db_path == NULL)
    db_path = g_strdup (g_getenv ("JINLIN_DB"));
  if (db_path == NULL)
    db_path = jl_store_default_path ();
  globals.db_path = db_path;

  if (rest->len < 3)
    {
      print_help (stderr);
      return JL_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, rest->pdata[1]) == 0)
      return commands[i].run (&globals, rest->len - 2, (char **) rest->pdata + 1);

  {
    g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”"), (char *) rest->pdata[1]);
    return jl_cli_usage (msg);
  }
}
