/* jl-record-private.h: construction of records by the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-record.h"

G_BEGIN_DECLS

JlRecord *_jl_record_new (const JlKind *kind,
                          const char   *id,
                          const char   *community_id,
                          JsonObject   *values,
                          const char   *created_at,
                          const char   *updated_at,
                          JlHlc         hlc,
                          gboolean      deleted);

G_END_DECLS
