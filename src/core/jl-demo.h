/* jl-demo.h: realistic Chinese demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint communities;
  guint estates;
  guint branches;
  guint partner_units;
  guint part_time_members;
  guint people;
  guint meetings;
  guint score_sheets;
  guint records;          /* everything written */
} JlDemoStats;

/* Fills @store with a city of @scale × the seed's figures (scale 1: 159
 * communities, 1,521 estates, 1,219 branches, 902 partner units, 222
 * part-time members, thousands of meetings and score sheets). The same
 * @seed gives the same data. One transaction: all or nothing. */
gboolean jl_demo_generate (JlStore      *store,
                           guint         scale,
                           guint32       seed,
                           JlDemoStats  *stats,
                           GError      **error);

G_END_DECLS
