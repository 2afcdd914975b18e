/* jl-org-page.h: Organisation (community, branches, estates)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"

G_BEGIN_DECLS

#define JL_TYPE_ORG_PAGE (jl_org_page_get_type ())

G_DECLARE_FINAL_TYPE (JlOrgPage, jl_org_page, JL, ORG_PAGE, JlPage)

G_END_DECLS
