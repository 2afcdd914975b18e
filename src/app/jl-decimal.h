/* jl-decimal.h: numbers as clerks type them
 *
 * Plain decimals ("85", "8.5"), with the full-width digits and point a
 * Chinese input method produces ("８５．５") read as ASCII ones. Not "1e2",
 * "inf" or hex, which g_ascii_strtod() would take.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JL_DECIMAL_EMPTY,     /* nothing but spaces */
  JL_DECIMAL_OK,
  JL_DECIMAL_INVALID,   /* not a plain decimal number */
} JlDecimalResult;

/* @value receives the number (NAN unless OK); negative numbers are OK. */
JlDecimalResult jl_decimal_parse  (const char *text,
                                   double     *value);
/* "%g" without the locale: 85, 8.5, 0.25. */
char           *jl_decimal_format (double      value);

G_END_DECLS
