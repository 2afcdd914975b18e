/* jl-overview-page.h: Overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"

G_BEGIN_DECLS

#define JL_TYPE_OVERVIEW_PAGE (jl_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (JlOverviewPage, jl_overview_page, JL, OVERVIEW_PAGE, JlPage)

G_END_DECLS
