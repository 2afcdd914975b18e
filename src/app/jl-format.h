/* jl-format.h: field values as people read them
 *
 * Tables show ISO dates (2025-03-05); documents show 2025年3月5日.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-record.h"
#include "jl-title-cache.h"

G_BEGIN_DECLS

/* The value of @field in @record for a table cell: enum labels, 是/否,
 * names of referenced records (from @titles), lists joined with "、". */
char *jl_format_field        (JlRecord       *record,
                              const JlField  *field,
                              JlTitleCache   *titles);
/* "2025-03-05" or "2025-03-05 14:30" → "2025年3月5日" (+ " 14:30"). */
char *jl_format_date_document (const char    *iso);
/* "2025年第一季度" for a date. */
char *jl_format_quarter       (const char    *iso);

G_END_DECLS
