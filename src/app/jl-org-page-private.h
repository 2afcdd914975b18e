/* jl-org-page-private.h: what the organisation page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-org-node.h"
#include "jl-org-page.h"

G_BEGIN_DECLS

/* The key of the top level (the communities) in the levels table. */
#define JL_ORG_ROOT_KEY ""

struct _JlOrgPage
{
  JlPage              parent_instance;

  AdwLeaflet         *leaflet;
  GtkListView        *tree_view;
  GtkSingleSelection *selection;
  GListStore         *root;
  GtkTreeListModel   *tree;
  GHashTable         *levels;        /* parent key → GListStore (unowned) */
  GtkWidget          *add_button;
  GtkWidget          *edit_button;
  GtkWidget          *delete_button;
  GtkWidget          *back_button;
  GtkLabel           *details_title;
  GtkLabel           *details_subtitle;
  JlRecordPane       *estates;
  JlRecordPane       *people;
  JlRecordPane       *grids;
  GCancellable       *cancellable;
  char               *pending_expand;  /* a parent to open once it can */
  guint               scroll_source;
};

/* jl-org-page-tree.c: the levels of the tree, loaded on workers */
void                _jl_org_page_tree_init        (JlOrgPage  *self);
GtkListItemFactory *_jl_org_page_row_factory_new  (void);
void                _jl_org_page_load_level       (JlOrgPage  *self,
                                                   GListStore *store);
/* Lists the level of @key again, if it is shown. */
void                _jl_org_page_reload_level     (JlOrgPage  *self,
                                                   const char *key);
/* The shown row of the node with @id (a new reference), or NULL. */
GtkTreeListRow     *_jl_org_page_find_row         (JlOrgPage  *self,
                                                   const char *id,
                                                   guint      *position);
guint               _jl_org_page_find_in_store    (GListModel *model,
                                                   const char *id);
/* Brings @store (of JlOrgNode) in line with @nodes in linear time,
 * keeping the rows that stay in place (and so their expanded state). */
void                _jl_org_page_merge_level      (GListStore *store,
                                                   GPtrArray  *nodes);
/* Opens self->pending_expand once its row has an expander. */
void                _jl_org_page_expand_pending   (JlOrgPage  *self);

G_END_DECLS
