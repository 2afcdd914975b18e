/* jl-org-page.c: the organisation section (first version: the list)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-filter-bar.h"
#include "jl-org-page.h"
#include "jl-record-view.h"

struct _JlOrgPage
{
  JlPage        parent_instance;

  JlRecordView *view;
  JlFilterBar  *filters;
};

G_DEFINE_FINAL_TYPE (JlOrgPage, jl_org_page, JL_TYPE_PAGE)

static void
filters_changed_cb (JlOrgPage *self)
{
  JlQuery query = { .order_by = "name" };

  jl_filter_bar_fill_query (self->filters, &query);
  jl_record_view_set_query (self->view, &query);
}

static void
jl_org_page_store_ready (JlPage *page)
{
  static const char *const columns[] = { "name", "community_id", "branch_id", "households", "red_owners_committee", "red_property", NULL };
  JlOrgPage *self = JL_ORG_PAGE (page);

  self->view = JL_RECORD_VIEW (jl_record_view_new (jl_page_get_store (page), "estate", columns));
  self->filters = jl_filter_bar_new (jl_page_get_store (page), "estate");
  jl_filter_bar_add_community (self->filters);
  
  
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (jl_record_view_get_toolbar (self->view), GTK_WIDGET (self->filters));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
  filters_changed_cb (self);
}

static void
jl_org_page_class_init (JlOrgPageClass *klass)
{
  JL_PAGE_CLASS (klass)->store_ready = jl_org_page_store_ready;
}

static void
jl_org_page_init (JlOrgPage *self)
{
}
