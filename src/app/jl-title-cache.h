/* jl-title-cache.h: names of records by id, for showing references
 *
 * Lists show "莲前社区", not a UUID. Names are fetched on a worker when a
 * screen first asks for them: a lookup that misses queues its id (the ids
 * missed in one main-loop turn go in one batch), a picker asks for the
 * names of one kind in one community. Nothing is loaded at start, so a
 * large database opens as fast as a small one. When names arrive the cache
 * emits "changed" with the kind as detail ("changed::person"), and whoever
 * showed "…" or an empty picker shows them again. Editors update the cache
 * after each save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jl-store.h"
#include "jl-store-titles.h"

G_BEGIN_DECLS

#define JL_TYPE_TITLE_CACHE (jl_title_cache_get_type ())

G_DECLARE_FINAL_TYPE (JlTitleCache, jl_title_cache, JL, TITLE_CACHE, GObject)

typedef JlTitle JlTitleEntry;

/* The cache of @store, created on first use. */
JlTitleCache       *jl_title_cache_get_for_store (JlStore      *store);
/* The title of the record @id of @kind; NULL while unknown, and then it is
 * fetched (when @kind is not NULL) and "changed::KIND" follows. */
const char         *jl_title_cache_lookup        (JlTitleCache *self,
                                                  const char   *kind,
                                                  const char   *id);
/* The same, with the record's community. */
const JlTitleEntry *jl_title_cache_lookup_entry  (JlTitleCache *self,
                                                  const char   *kind,
                                                  const char   *id);
void                jl_title_cache_set           (JlTitleCache *self,
                                                  JlRecord     *record);
/* Whether nothing asked for is still being fetched. */
gboolean            jl_title_cache_get_loaded    (JlTitleCache *self);
/* Whether every name of @kind (in @community_id when not NULL) is here. */
gboolean            jl_title_cache_has_list      (JlTitleCache *self,
                                                  const char   *kind,
                                                  const char   *community_id);
/* Ids and titles of the known records of @kind (and @community_id when
 * not NULL), sorted by title: for pickers. The first call for a kind and
 * community fetches all its names; "changed::KIND" says when they are
 * here. Returns a GPtrArray of JlTitleEntry* that the cache owns: valid
 * until the next change. */
GPtrArray          *jl_title_cache_list          (JlTitleCache *self,
                                                  const char   *kind,
                                                  const char   *community_id);

G_END_DECLS
