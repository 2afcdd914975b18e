/* jl-eval-publish.h: getting a round's results out: the printed notice
 * (评议结果公示), its PDF, and the CSV for Excel and WPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"

G_BEGIN_DECLS

/* Loads the results, asks for the disclosure period, the date under the
 * signature and the contact, then prints the notice or exports it as a
 * PDF. */
void  jl_eval_publish_notice     (JlPage     *page,
                                  const char *round_id);
/* Asks where, then writes the results as CSV (UTF-8 with a BOM). */
void  jl_eval_publish_csv        (JlPage     *page,
                                  const char *round_id);

/* The disclosure period's end: the fifth working day from @from, with the
 * statutory holidays and 调休 of jl-workdays (weekends only in years the
 * table does not cover, so the clerk checks those). */
char *jl_eval_publish_period_end (const char *from);

G_END_DECLS
