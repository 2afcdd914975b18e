/* jl-overview-page.h: Overview: the seed report's figures, computed from
 * the records, and what needs attention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-overview.h"
#include "jl-page.h"

G_BEGIN_DECLS

#define JL_TYPE_OVERVIEW_PAGE (jl_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (JlOverviewPage, jl_overview_page, JL, OVERVIEW_PAGE, JlPage)

/* Computes the figures again on a worker (also done whenever the page is
 * shown, so that edits elsewhere show up). */
void              jl_overview_page_refresh        (JlOverviewPage *self);
/* One community's figures, or every community's (NULL). */
void              jl_overview_page_set_community  (JlOverviewPage *self,
                                                   const char     *community_id);
/* The figures shown; NULL until the first computation finished. */
const JlOverview *jl_overview_page_get_overview   (JlOverviewPage *self);
gboolean          jl_overview_page_get_loading    (JlOverviewPage *self);

G_END_DECLS
