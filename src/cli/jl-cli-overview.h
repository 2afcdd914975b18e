/* jl-cli-overview.h: jinlin-cli overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-cli.h"

G_BEGIN_DECLS

int jl_cli_cmd_overview (JlCliGlobals *globals, int argc, char **argv);

G_END_DECLS
