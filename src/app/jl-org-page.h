/* jl-org-page.h: Organisation: the tree community → 社区党委 → 党支部 →
 * 党小组, and the estates, people and grids of the chosen node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"
#include "jl-record-dialog.h"
#include "jl-record-pane.h"

G_BEGIN_DECLS

#define JL_TYPE_ORG_PAGE (jl_org_page_get_type ())

G_DECLARE_FINAL_TYPE (JlOrgPage, jl_org_page, JL, ORG_PAGE, JlPage)

/* Selects the loaded tree row of a community or organisation; FALSE when
 * it is not shown (not loaded yet, or its parent is collapsed). */
gboolean        jl_org_page_select      (JlOrgPage  *self,
                                         const char *id);
/* Expands a shown row; its children load on a worker. */
gboolean        jl_org_page_expand      (JlOrgPage  *self,
                                         const char *id);
/* The id of the selected community or organisation, or NULL. */
const char     *jl_org_page_get_selected (JlOrgPage *self);
/* Opens the dialog for a new organisation under the selected node (a
 * committee under a community, a branch under a committee, a group under
 * a branch); NULL when the node cannot have one. */
JlRecordDialog *jl_org_page_add_child   (JlOrgPage  *self);
/* "estate", "person" or "grid". */
JlRecordPane   *jl_org_page_get_pane    (JlOrgPage  *self,
                                         const char *kind);

G_END_DECLS
