/* jl-title-cache.h: names of records by id, for showing references
 *
 * Lists show "莲前社区", not a UUID. The cache is filled on a worker thread
 * when the store opens and updated by editors after each save, so rows can
 * show names without touching the disk on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_TITLE_CACHE (jl_title_cache_get_type ())

G_DECLARE_FINAL_TYPE (JlTitleCache, jl_title_cache, JL, TITLE_CACHE, GObject)

/* The cache of @store, created and loaded on first use. */
JlTitleCache *jl_title_cache_get_for_store (JlStore      *store);
/* NULL while unknown or not loaded yet. */
const char   *jl_title_cache_lookup        (JlTitleCache *self,
                                            const char   *id);
void          jl_title_cache_set           (JlTitleCache *self,
                                            JlRecord     *record);
gboolean      jl_title_cache_get_loaded    (JlTitleCache *self);
/* Ids and titles of every loaded record of @kind (and @community_id when
 * not NULL), sorted by title: for pickers. Returns a GPtrArray of
 * JlTitleEntry* that the cache owns: valid until the next change. */
typedef struct
{
  char *id;
  char *title;
  char *community_id;
} JlTitleEntry;

GPtrArray    *jl_title_cache_list          (JlTitleCache *self,
                                            const char   *kind,
                                            const char   *community_id);

G_END_DECLS
