/* jl-cli-attach.h: jinlin-cli attach, attachment-path, sync-files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-cli.h"

G_BEGIN_DECLS

int jl_cli_cmd_attach          (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_attachment_path (JlCliGlobals *globals, int argc, char **argv);
int jl_cli_cmd_sync_files      (JlCliGlobals *globals, int argc, char **argv);

G_END_DECLS
