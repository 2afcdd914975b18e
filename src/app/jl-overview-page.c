/* jl-overview-page.c: the overview (first version: the list)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-filter-bar.h"
#include "jl-overview-page.h"
#include "jl-record-view.h"

struct _JlOverviewPage
{
  JlPage        parent_instance;

  JlRecordView *view;
  JlFilterBar  *filters;
};

G_DEFINE_FINAL_TYPE (JlOverviewPage, jl_overview_page, JL_TYPE_PAGE)

static void
filters_changed_cb (JlOverviewPage *self)
{
  JlQuery query = { .order_by = "name" };

  jl_filter_bar_fill_query (self->filters, &query);
  jl_record_view_set_query (self->view, &query);
}

static void
jl_overview_page_store_ready (JlPage *page)
{
  static const char *const columns[] = { "name", "district", "street", "households", "population", "party_members", NULL };
  JlOverviewPage *self = JL_OVERVIEW_PAGE (page);

  self->view = JL_RECORD_VIEW (jl_record_view_new (jl_page_get_store (page), "community", columns));
  self->filters = jl_filter_bar_new (jl_page_get_store (page), "community");
  
  
  
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (jl_record_view_get_toolbar (self->view), GTK_WIDGET (self->filters));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
  filters_changed_cb (self);
}

static void
jl_overview_page_class_init (JlOverviewPageClass *klass)
{
  JL_PAGE_CLASS (klass)->store_ready = jl_overview_page_store_ready;
}

static void
jl_overview_page_init (JlOverviewPage *self)
{
}
