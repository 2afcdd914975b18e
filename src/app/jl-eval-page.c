/* jl-eval-page.c: the evaluation section (first version: the list)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-filter-bar.h"
#include "jl-eval-page.h"
#include "jl-record-view.h"

struct _JlEvalPage
{
  JlPage        parent_instance;

  JlRecordView *view;
  JlFilterBar  *filters;
};

G_DEFINE_FINAL_TYPE (JlEvalPage, jl_eval_page, JL_TYPE_PAGE)

static void
filters_changed_cb (JlEvalPage *self)
{
  JlQuery query = { .order_by = "period_from", .descending = TRUE };

  jl_filter_bar_fill_query (self->filters, &query);
  jl_record_view_set_query (self->view, &query);
}

static void
jl_eval_page_store_ready (JlPage *page)
{
  static const char *const columns[] = { "title", "community_id", "period_from", "period_to", "state", NULL };
  JlEvalPage *self = JL_EVAL_PAGE (page);

  self->view = JL_RECORD_VIEW (jl_record_view_new (jl_page_get_store (page), "eval_round", columns));
  self->filters = jl_filter_bar_new (jl_page_get_store (page), "eval_round");
  jl_filter_bar_add_community (self->filters);
  
  jl_filter_bar_add_enum (self->filters, "state");
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (jl_record_view_get_toolbar (self->view), GTK_WIDGET (self->filters));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
  filters_changed_cb (self);
}

static void
jl_eval_page_class_init (JlEvalPageClass *klass)
{
  JL_PAGE_CLASS (klass)->store_ready = jl_eval_page_store_ready;
}

static void
jl_eval_page_init (JlEvalPage *self)
{
}
