/* jl-cli-attach.c: files attached to minutes, and moving them
 *
 * attach copies a file into the blob folder next to the database and
 * creates its attachment record; attachment-path prints where its bytes
 * are (exit 3 while they are not downloaded yet); sync-files moves the
 * bytes to and from the sync server, apart from `sync`, which moves
 * records only and so is never slowed down by a large scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "jl-attachment.h"
#include "jl-cli-attach.h"
#include "jl-cli-sync.h"
#include "jl-sync-blob.h"

static gboolean
parse (const char    *synopsis,
       GOptionEntry  *entries,
       int            n_args,
       int           *argc,
       char        ***argv,
       int           *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (synopsis);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = jl_cli_usage (error->message);
      return FALSE;
    }
  if (*argc != n_args + 1)
    {
      g_autofree char *msg = g_strdup_printf (_("Usage: jinlin-cli %s"), synopsis);

      *exit_code = jl_cli_usage (msg);
      return FALSE;
    }
  return TRUE;
}

int
jl_cli_cmd_attach (JlCliGlobals  *globals,
                   int            argc,
                   char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  int rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("a note on the file"), "TEXT" },
    { NULL }
  };

  if (!parse ("attach MEETING-ID FILE [--note TEXT]", entries, 2, &argc, &argv, &rc))
    return rc;
  if ((store = jl_cli_open_store (globals, &rc)) == NULL)
    return rc;
  record = jl_store_attach_file (store, argv[1], argv[2], note, &error);
  if (record == NULL)
    return jl_cli_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = jl_record_to_json (record, TRUE);

      jl_cli_print_json (node);
    }
  else
    g_print ("%s\n", jl_record_get_id (record));
  return JL_EXIT_OK;
}

int
jl_cli_cmd_attachment_path (JlCliGlobals  *globals,
                            int            argc,
                            char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean downloaded = FALSE;
  int rc = JL_EXIT_OK;

  if (!parse ("attachment-path ID", NULL, 1, &argc, &argv, &rc))
    return rc;
  if ((store = jl_cli_open_store (globals, &rc)) == NULL)
    return rc;
  path = jl_store_attachment_path (store, argv[1], &downloaded, &error);
  if (path == NULL)
    return jl_cli_fail (error);
  if (!downloaded)
    {
      g_printerr (_("jinlin-cli: the file of this attachment is not downloaded yet (jinlin-cli sync-files)\n"));
      return JL_EXIT_NOT_FOUND;
    }
  g_print ("%s\n", path);
  return JL_EXIT_OK;
}

static int
exit_for_sync_error (const GError *error)
{
  g_printerr ("jinlin-cli: %s\n", error->message);
  if (error->domain != JL_SYNC_ERROR)
    return jl_cli_exit_for_error (error);
  switch (error->code)
    {
    case JL_SYNC_ERROR_NOT_LOGGED_IN:
    case JL_SYNC_ERROR_UNAUTHORIZED:
    case JL_SYNC_ERROR_FORBIDDEN:
      return JL_EXIT_AUTH;
    case JL_SYNC_ERROR_UPGRADE:
      return JL_EXIT_UPGRADE;
    default:
      return JL_EXIT_NETWORK;
    }
}

int
jl_cli_cmd_sync_files (JlCliGlobals  *globals,
                       int            argc,
                       char         **argv)
{
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JlSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  JlBlobStats stats = { 0 };
  gint64 budget = 0;
  int rc = JL_EXIT_OK;
  GOptionEntry entries[] = {
    { "budget", 0, 0, G_OPTION_ARG_INT64, &budget, N_("stop after moving about this many bytes (the rest waits)"), "BYTES" },
    { NULL }
  };

  if (!parse ("sync-files [--budget BYTES]", entries, 0, &argc, &argv, &rc))
    return rc;
  if ((store = jl_cli_open_store (globals, &rc)) == NULL)
    return rc;
  client = jl_sync_client_new (store);
  jl_sync_client_set_ca_file (client, g_getenv ("JINLIN_SYNC_CA_FILE"));
  if (!jl_sync_client_transfer_blobs_sync (client, MAX (budget, 0), &stats, NULL, &error))
    return exit_for_sync_error (error);
  /* Not translated: scripts read this line. */
  g_print ("uploaded %u, downloaded %u, pending %u, failed %u\n",
           stats.uploaded, stats.downloaded, stats.pending, stats.failed);
  if (stats.failed > 0)
    {
      g_printerr (_("jinlin-cli: %u files could not be moved: their bytes did not match their checksum (they were "
                    "discarded; attach them again) or the server keeps no files that large\n"), stats.failed);
      return JL_EXIT_FAILED;
    }
  return JL_EXIT_OK;
}
