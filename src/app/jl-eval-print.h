/* jl-eval-print.h: the results notice (评议结果公示) laid out on A4
 *
 * GB/T 9704-2012 proportions (DOMAIN.md §c.4): margins 37 mm top and
 * 28 mm left, a 156 × 225 mm text block of 22 lines; the title in 22 pt
 * 小标宋 centred, the body in 16 pt 仿宋 with a two-character first-line
 * indent, the table of results, the disclosure period and where to raise
 * objections, then the issuer centred over the date, which ends four
 * characters from the right margin. Space is left for the red seal; no
 * seal is drawn. Fonts fall back to Noto Serif CJK SC when 仿宋 or 小标宋
 * are missing, and the caller is told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jl-eval-notice.h"

G_BEGIN_DECLS

/* A print operation drawing @notice (copied). @font_warning, if not NULL,
 * receives a translated warning when a fallback font is used, or NULL. */
GtkPrintOperation *jl_eval_print_operation_new (JlEvalNotice  *notice,
                                                char         **font_warning);
/* Writes @notice as a PDF at @path, now. */
gboolean           jl_eval_print_to_pdf        (JlEvalNotice  *notice,
                                                const char    *path,
                                                GError       **error);

G_END_DECLS
