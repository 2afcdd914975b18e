/* jl-minutes-page.c: the meeting minutes section (first version: the list)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-filter-bar.h"
#include "jl-minutes-page.h"
#include "jl-record-view.h"

struct _JlMinutesPage
{
  JlPage        parent_instance;

  JlRecordView *view;
  JlFilterBar  *filters;
};

G_DEFINE_FINAL_TYPE (JlMinutesPage, jl_minutes_page, JL_TYPE_PAGE)

static void
filters_changed_cb (JlMinutesPage *self)
{
  JlQuery query = { .order_by = "held_at", .descending = TRUE };

  jl_filter_bar_fill_query (self->filters, &query);
  jl_record_view_set_query (self->view, &query);
}

static void
jl_minutes_page_store_ready (JlPage *page)
{
  static const char *const columns[] = { "held_at", "title", "meeting_type", "community_id", "place", "state", NULL };
  JlMinutesPage *self = JL_MINUTES_PAGE (page);

  self->view = JL_RECORD_VIEW (jl_record_view_new (jl_page_get_store (page), "meeting", columns));
  self->filters = jl_filter_bar_new (jl_page_get_store (page), "meeting");
  jl_filter_bar_add_community (self->filters);
  jl_filter_bar_add_enum (self->filters, "meeting_type");
  jl_filter_bar_add_enum (self->filters, "state");
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (jl_record_view_get_toolbar (self->view), GTK_WIDGET (self->filters));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
  filters_changed_cb (self);
}

static void
jl_minutes_page_class_init (JlMinutesPageClass *klass)
{
  JL_PAGE_CLASS (klass)->store_ready = jl_minutes_page_store_ready;
}

static void
jl_minutes_page_init (JlMinutesPage *self)
{
}
