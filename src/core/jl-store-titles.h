/* jl-store-titles.h: the names of records, without loading the records
 *
 * Pickers and tables need "莲前社区" for an id, not the whole record. These
 * calls read only the id, community and title column, so that names can be
 * fetched a kind or a community at a time, when a screen needs them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *title;          /* the kind's title field, else the id */
  char *community_id;
} JlTitle;

JlTitle   *jl_title_new               (const char         *id,
                                       const char         *title,
                                       const char         *community_id);
void       jl_title_free              (JlTitle            *title);

/* Live records of @kind (and @community_id when not NULL). Returns a
 * GPtrArray of JlTitle* that frees them. */
GPtrArray *jl_store_list_titles       (JlStore            *self,
                                       const char         *kind,
                                       const char         *community_id,
                                       GError            **error);
/* The live records of @kind among @ids (NULL-terminated); unknown or
 * deleted ids are left out. */
GPtrArray *jl_store_get_titles        (JlStore            *self,
                                       const char         *kind,
                                       const char * const *ids,
                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlTitle, jl_title_free)

G_END_DECLS
