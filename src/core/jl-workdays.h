/* jl-workdays.h: working days in mainland China (statutory holidays and 调休)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean jl_workdays_year_known       (guint        year);
gboolean jl_workdays_is_working_day   (const GDate *date);
void     jl_workdays_nth              (const GDate *from,
                                       guint        n,
                                       GDate       *out);

G_END_DECLS
