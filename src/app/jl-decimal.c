/* jl-decimal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "jl-decimal.h"

/* Full-width digits and point count as ASCII; NULL for anything else. */
static char *
ascii_number (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (s, '0' + (c - 0xFF10));
      else if (c == 0xFF0E)
        g_string_append_c (s, '.');
      else if (c == 0xFF0D)
        g_string_append_c (s, '-');
      else if (c == 0x3000)
        g_string_append_c (s, ' ');
      else if (c < 0x80)
        g_string_append_c (s, (char) c);
      else
        return NULL;
    }
  return g_strstrip (g_string_free (g_steal_pointer (&s), FALSE));
}

static gboolean
is_decimal (const char *s)
{
  guint digits = 0;

  if (*s == '-')
    s++;
  for (; g_ascii_isdigit (*s); s++)
    digits++;
  if (*s == '.')
    for (s++; g_ascii_isdigit (*s); s++)
      digits++;
  return digits > 0 && *s == '\0';
}

JlDecimalResult
jl_decimal_parse (const char *text,
                  double     *value)
{
  g_autofree char *ascii = NULL;

  g_return_val_if_fail (value != NULL, JL_DECIMAL_INVALID);

  *value = NAN;
  if (text == NULL)
    return JL_DECIMAL_EMPTY;
  if (!g_utf8_validate (text, -1, NULL) || (ascii = ascii_number (text)) == NULL)
    return JL_DECIMAL_INVALID;
  if (*ascii == '\0')
    return JL_DECIMAL_EMPTY;
  if (!is_decimal (ascii))
    return JL_DECIMAL_INVALID;
  *value = g_ascii_strtod (ascii, NULL);
  return JL_DECIMAL_OK;
}

char *
jl_decimal_format (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}
