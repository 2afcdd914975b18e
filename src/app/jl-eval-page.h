/* jl-eval-page.h: Evaluation scoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"

G_BEGIN_DECLS

#define JL_TYPE_EVAL_PAGE (jl_eval_page_get_type ())

G_DECLARE_FINAL_TYPE (JlEvalPage, jl_eval_page, JL, EVAL_PAGE, JlPage)

G_END_DECLS
