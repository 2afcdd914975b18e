/* jl-minutes-page.h: Meeting minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"

G_BEGIN_DECLS

#define JL_TYPE_MINUTES_PAGE (jl_minutes_page_get_type ())

G_DECLARE_FINAL_TYPE (JlMinutesPage, jl_minutes_page, JL, MINUTES_PAGE, JlPage)

G_END_DECLS
