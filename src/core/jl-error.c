/* jl-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-error.h"

G_DEFINE_QUARK (jl-error-quark, jl_error)
