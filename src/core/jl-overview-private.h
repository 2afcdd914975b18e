/* jl-overview-private.h: what jl-overview.c asks of the store's SQL
 * (jl-store-report.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-overview.h"

G_BEGIN_DECLS

/* The period and community an overview covers; dates are ISO days, the
 * "next" ones exclusive, so that "2025-06-30 23:30" < "2025-07-01". */
typedef struct
{
  const char *community_id;   /* NULL: every community */
  int         year;
  char        today[11];
  char        year_start[11];
  char        year_next[11];
  char        quarter_start[11];
  char        quarter_next[11];
} JlOverviewScope;

/* Fills the counts, shares and warnings of @overview, holding the store's
 * lock for the whole run so that the figures agree with each other. */
gboolean           _jl_store_report_overview (JlStore               *self,
                                              const JlOverviewScope *scope,
                                              JlOverview            *overview,
                                              GError               **error);

JlOverviewWarning *_jl_overview_warning_new  (JlOverviewWarningKind  kind,
                                              const char            *record_kind,
                                              const char            *record_id,
                                              const char            *community_id,
                                              const char            *community_name);

G_END_DECLS
