/* jl-cli-sync.h: jinlin-cli login, sync and conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-cli.h"

G_BEGIN_DECLS

/* Exit codes of the sync commands, beyond JlExit (documented in
 * `jinlin-cli --help` and docs/cli.md). */
#define JL_EXIT_NETWORK 8   /* the server cannot be reached or failed; try again later */
#define JL_EXIT_AUTH    9   /* not logged in, wrong password, revoked device, not allowed */
#define JL_EXIT_UPGRADE 10  /* the server needs a newer Jinlin */
#define JL_EXIT_DEMO    11  /* the database holds the demo city: never synced */
#define JL_EXIT_DIVERGED 12 /* the records still differ from the server's after a full download */

int jl_cli_cmd_login     (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_sync      (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_conflicts (JlCliGlobals *globals, int argc, char **argv);

G_END_DECLS
