/* jl-server-admin.h: jinlin-server user … and device … commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-server-store.h"

G_BEGIN_DECLS

/* argv[0] is "user" or "device". Returns the exit status. */
int jl_server_admin_run (JlServerStore  *store,
                         int             argc,
                         char          **argv);

G_END_DECLS
