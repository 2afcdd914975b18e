/* jl-store-order.h: putting records of one parent in a new order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"

G_BEGIN_DECLS

gboolean jl_store_set_order (JlStore           *self,
                             const char        *kind,
                             const char *const *ids,
                             GError           **error);

G_END_DECLS
