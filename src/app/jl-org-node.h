/* jl-org-node.h: a node of the organisation tree: a community or a Party
 * organisation, with the text its row shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-record.h"

G_BEGIN_DECLS

#define JL_TYPE_ORG_NODE (jl_org_node_get_type ())

G_DECLARE_FINAL_TYPE (JlOrgNode, jl_org_node, JL, ORG_NODE, GObject)

JlOrgNode  *jl_org_node_new            (JlRecord   *record,
                                        const char *subtitle);
JlRecord   *jl_org_node_get_record     (JlOrgNode  *self);
/* Replaces the record (after an edit); notifies "title" and "subtitle". */
void        jl_org_node_set_record     (JlOrgNode  *self,
                                        JlRecord   *record,
                                        const char *subtitle);
const char *jl_org_node_get_id         (JlOrgNode  *self);
const char *jl_org_node_get_title      (JlOrgNode  *self);
const char *jl_org_node_get_subtitle   (JlOrgNode  *self);
gboolean    jl_org_node_is_community   (JlOrgNode  *self);
/* The party_org level ("committee", "branch"…), NULL for a community. */
const char *jl_org_node_get_level      (JlOrgNode  *self);
/* The key of the level this node lies in: the parent organisation's id,
 * or the community's id for a top-level organisation, or NULL for a
 * community. */
const char *jl_org_node_get_parent_key (JlOrgNode  *self);
/* Whether the node can hold sub-organisations (communities, committees
 * and branches; not groups or centre households). */
gboolean    jl_org_node_can_have_children (JlOrgNode *self);
/* How many sub-organisations it has, -1 when not counted (communities). */
int         jl_org_node_get_n_children (JlOrgNode  *self);
void        jl_org_node_set_n_children (JlOrgNode  *self,
                                        int         n_children);
/* Whether its row opens: it can have sub-organisations and has some, or
 * they were not counted. */
gboolean    jl_org_node_get_expandable (JlOrgNode  *self);

G_END_DECLS
