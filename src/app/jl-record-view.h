/* jl-record-view.h: a searchable, sortable table of records of one kind
 *
 * A GtkColumnView over a JlRecordList (loaded in pages on a worker), with
 * a search entry that uses the store's Chinese full-text search, a box for
 * the page's filters, and a count. Columns are fields of the kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-record-list.h"
#include "jl-title-cache.h"

G_BEGIN_DECLS

#define JL_TYPE_RECORD_VIEW (jl_record_view_get_type ())

G_DECLARE_FINAL_TYPE (JlRecordView, jl_record_view, JL, RECORD_VIEW, GtkWidget)

/* @columns: field names of @kind, NULL-terminated. */
GtkWidget    *jl_record_view_new           (JlStore            *store,
                                            const char         *kind,
                                            const char * const *columns);
JlRecordList *jl_record_view_get_list      (JlRecordView       *self);
/* The row's record, or NULL. */
JlRecord     *jl_record_view_get_selected  (JlRecordView       *self);
void          jl_record_view_set_query     (JlRecordView       *self,
                                            const JlQuery      *query);
void          jl_record_view_reload        (JlRecordView       *self);
/* Where pages put their filter drop-downs and buttons. */
GtkBox       *jl_record_view_get_toolbar   (JlRecordView       *self);
GtkColumnView *jl_record_view_get_column_view (JlRecordView    *self);
GtkSearchEntry *jl_record_view_get_search_entry (JlRecordView  *self);

G_END_DECLS
