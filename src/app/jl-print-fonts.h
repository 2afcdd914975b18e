/* jl-print-fonts.h: which font families printed documents can use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Families holding Simplified Chinese, best first, NULL-terminated. */
extern const char *const jl_print_fonts_cjk[];

char *jl_print_fonts_pick              (const char *const *wanted,
                                        const char        *fallback,
                                        gboolean          *fell_back);
char *jl_print_fonts_minutes_warning   (void);

G_END_DECLS
