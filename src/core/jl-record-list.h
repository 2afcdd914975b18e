/* jl-record-list.h: a GListModel of records, loaded from the store in pages
 *
 * Loading runs on a worker thread; each page of records is appended on the
 * main context with one items-changed emission, so a list of tens of
 * thousands of rows fills in without freezing the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_RECORD_LIST (jl_record_list_get_type ())

G_DECLARE_FINAL_TYPE (JlRecordList, jl_record_list, JL, RECORD_LIST, GObject)

JlRecordList *jl_record_list_new          (JlStore       *store,
                                           const char    *kind);
const char   *jl_record_list_get_kind     (JlRecordList  *self);
/* Replaces the query (copied) and reloads. NULL: every live record. */
void          jl_record_list_set_query    (JlRecordList  *self,
                                           const JlQuery *query);
/* Only records whose text contains @text (full-text search); NULL or ""
 * turns the search off. Reloads. */
void          jl_record_list_set_search   (JlRecordList  *self,
                                           const char    *text);
void          jl_record_list_reload       (JlRecordList  *self);
gboolean      jl_record_list_get_loading  (JlRecordList  *self);
/* Items per page (default 1000); for tests and benchmarks. */
void          jl_record_list_set_page_size (JlRecordList *self,
                                            guint         page_size);
/* While paused (nobody looks at the list), a reload only empties it and
 * waits: the load runs when the pause ends. Lists of sections not shown
 * then load nothing at start. */
void          jl_record_list_set_paused    (JlRecordList *self,
                                            gboolean      paused);
/* The last loading error, or NULL. */
const GError *jl_record_list_get_error    (JlRecordList  *self);

G_END_DECLS
