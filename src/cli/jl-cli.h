/* jl-cli.h: jinlin-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"

G_BEGIN_DECLS

/* Exit codes: documented in `jinlin-cli --help` and docs/cli.md. */
typedef enum
{
  JL_EXIT_OK = 0,
  JL_EXIT_FAILED = 1,
  JL_EXIT_USAGE = 2,
  JL_EXIT_NOT_FOUND = 3,
  JL_EXIT_INVALID = 4,
  JL_EXIT_READ_ONLY = 5,
  JL_EXIT_DATABASE = 6,
  JL_EXIT_IO = 7,
} JlExit;

typedef struct
{
  const char *db_path;
  gboolean    json;
} JlCliGlobals;

typedef int (*JlCliCommand) (JlCliGlobals *globals,
                             int           argc,
                             char        **argv);

int  jl_cli_exit_for_error (const GError *error);
/* Prints "jinlin-cli: <message>" to stderr and returns the exit code. */
int  jl_cli_fail           (const GError *error);
int  jl_cli_usage          (const char   *message);
JlStore *jl_cli_open_store (JlCliGlobals *globals,
                            int          *exit_code);
void jl_cli_print_json     (JsonNode     *node);

int jl_cli_cmd_demo    (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_summary (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_kinds   (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_list    (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_get     (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_put     (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_delete  (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_search  (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_results (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_export  (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_import  (JlCliGlobals *globals, int argc, char **argv);

G_END_DECLS
