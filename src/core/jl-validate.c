/* jl-validate.c: checks of Chinese identifiers and formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-validate.h"

#include <string.h>
#include <time.h>

/* GB 32100-2015: the code set (no I, O, S, V, Z) and the weights of the
 * first 17 positions. */
static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const guint uscc_weights[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

/* GB 11643-1999: weights of the first 17 digits, and the check character
 * for each value of the weighted sum mod 11. */
static const guint id_weights[17] = {
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};
static const char id_check_chars[] = "10X98765432";

static gboolean
all_digits (const char *str,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
    }

  return TRUE;
}

/* Number of leading ASCII digits of @str. */
static gsize
count_digits (const char *str)
{
  gsize n = 0;

  while (g_ascii_isdigit (str[n]))
    n++;

  return n;
}

/* Value of @len decimal digits at @str, which the caller has checked. */
static guint
digits_value (const char *str,
              gsize       len)
{
  guint value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (guint) (str[i] - '0');

  return value;
}

/**
 * jl_uscc_expected_check:
 * @str: a unified social credit code, at least its first 17 characters
 *
 * Returns: the check character the code needs in position 18, or 0 when
 *   @str is shorter than 17 characters or one of the first 17 is outside
 *   the code set (lowercase letters are outside it)
 */
char
jl_uscc_expected_check (const char *str)
{
  guint sum = 0;
  guint check;

  g_return_val_if_fail (str != NULL, 0);

  for (guint i = 0; i < 17; i++)
    {
      const char *pos;

      if (str[i] == '\0')
        return 0;
      pos = strchr (uscc_charset, str[i]);
      if (pos == NULL)
        return 0;
      sum += (guint) (pos - uscc_charset) * uscc_weights[i];
    }

  check = 31 - sum % 31;

  return uscc_charset[check == 31 ? 0 : check];
}

/**
 * jl_validate_uscc:
 * @str: (nullable): a unified social credit code
 *
 * Checks a unified social credit code (统一社会信用代码, GB 32100-2015):
 * 18 characters of the code set, uppercase only, with the right check
 * character.
 *
 * Returns: %TRUE when @str is valid
 */
gboolean
jl_validate_uscc (const char *str)
{
  char expected;

  if (str == NULL || strlen (str) != 18)
    return FALSE;

  expected = jl_uscc_expected_check (str);

  return expected != 0 && str[17] == expected;
}

static gboolean
id_birth_date_ok (const char *str,
                  GDate      *today)
{
  GDate birth;
  GDate now;
  guint year = digits_value (str + 6, 4);
  guint month = digits_value (str + 10, 2);
  guint day = digits_value (str + 12, 2);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  if (today == NULL)
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
      today = &now;
    }

  return g_date_compare (&birth, today) <= 0;
}

/**
 * jl_validate_id_card:
 * @str: (nullable): a resident ID number
 * @today: (nullable): the date birth dates may not be after, or %NULL for
 *   the current local date
 *
 * Checks an 18-character resident ID number (居民身份证号码, GB 11643-1999):
 * 17 digits and a check character (0–9, X or x), a birth date in digits
 * 7–14 that exists and is not after @today, and a first digit that starts
 * a region code of GB/T 2260 (1–7) or one of the prefixes 810000, 820000
 * and 830000 of the residence permits for Hong Kong, Macau and Taiwan
 * residents. Legacy 15-digit numbers are rejected.
 *
 * Returns: %TRUE when @str is valid
 */
gboolean
jl_validate_id_card (const char *str,
                     GDate      *today)
{
  guint sum = 0;
  char check;

  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);

  if (str == NULL || strlen (str) != 18 || !all_digits (str, 17))
    return FALSE;

  if (str[0] == '8')
    {
      if (!g_str_has_prefix (str, "810000") && !g_str_has_prefix (str, "820000")
          && !g_str_has_prefix (str, "830000"))
        return FALSE;
    }
  else if (str[0] < '1' || str[0] > '7')
    {
      return FALSE;
    }

  for (guint i = 0; i < 17; i++)
    sum += (guint) (str[i] - '0') * id_weights[i];
  check = g_ascii_toupper (str[17]);
  if (check != id_check_chars[sum % 11])
    return FALSE;

  return id_birth_date_ok (str, today);
}

/**
 * jl_validate_mobile:
 * @str: (nullable): a phone number
 *
 * Returns: %TRUE when @str is a mainland mobile number, 11 digits matching
 *   `^1[3-9]\d{9}$`
 */
gboolean
jl_validate_mobile (const char *str)
{
  if (str == NULL || strlen (str) != 11 || !all_digits (str, 11))
    return FALSE;

  return str[0] == '1' && str[1] >= '3';
}

static gboolean
is_landline (const char *str)
{
  gsize n;

  /* Area code: 0 plus 2 or 3 digits. */
  n = count_digits (str);
  if (str[0] != '0' || n < 3 || n > 4 || str[n] != '-')
    return FALSE;
  str += n + 1;

  /* Number: 7 or 8 digits. */
  n = count_digits (str);
  if (n < 7 || n > 8)
    return FALSE;
  str += n;
  if (*str == '\0')
    return TRUE;

  /* Extension: 1 to 6 digits. */
  if (*str != '-')
    return FALSE;
  str++;
  n = count_digits (str);

  return n >= 1 && n <= 6 && str[n] == '\0';
}

/**
 * jl_validate_phone:
 * @str: (nullable): a phone number
 *
 * Accepts a landline with area code, "0592-1234567" (area code of 3 or 4
 * digits starting with 0, a 7- or 8-digit number, an optional "-" and
 * extension of up to 6 digits), or a mobile number.
 *
 * Returns: %TRUE when @str is valid
 */
gboolean
jl_validate_phone (const char *str)
{
  if (str == NULL)
    return FALSE;

  return is_landline (str) || jl_validate_mobile (str);
}

/* Checks "YYYY-MM-DD" at the start of @str, ignoring what follows. */
static gboolean
date_prefix_ok (const char *str)
{
  if (strlen (str) < 10)
    return FALSE;
  if (!all_digits (str, 4) || str[4] != '-' || !all_digits (str + 5, 2)
      || str[7] != '-' || !all_digits (str + 8, 2))
    return FALSE;

  return g_date_valid_dmy ((GDateDay) digits_value (str + 8, 2),
                           (GDateMonth) digits_value (str + 5, 2),
                           (GDateYear) digits_value (str, 4));
}

/**
 * jl_validate_date:
 * @str: (nullable): a date
 *
 * Returns: %TRUE when @str is an ISO date "2025-03-05" that exists in the
 *   (proleptic Gregorian) calendar
 */
gboolean
jl_validate_date (const char *str)
{
  return str != NULL && strlen (str) == 10 && date_prefix_ok (str);
}

/* Checks a two-digit field at @str in the range 0 to @max. */
static gboolean
two_digits_upto (const char *str,
                 guint       max)
{
  return all_digits (str, 2) && digits_value (str, 2) <= max;
}

/**
 * jl_validate_datetime:
 * @str: (nullable): a date and time
 *
 * Accepts "2025-03-05 14:30", "2025-03-05T14:30" and either with seconds
 * (":00"); no fractions or time zone.
 *
 * Returns: %TRUE when @str is valid
 */
gboolean
jl_validate_datetime (const char *str)
{
  gsize len;

  if (str == NULL)
    return FALSE;

  len = strlen (str);
  if (len != 16 && len != 19)
    return FALSE;
  if (!date_prefix_ok (str) || (str[10] != ' ' && str[10] != 'T'))
    return FALSE;
  if (!two_digits_upto (str + 11, 23) || str[13] != ':' || !two_digits_upto (str + 14, 59))
    return FALSE;
  if (len == 19 && (str[16] != ':' || !two_digits_upto (str + 17, 59)))
    return FALSE;

  return TRUE;
}

/* Copy of @str with each character masked except the first @keep_head and
 * the last @keep_tail; @n_stars, when not 0, replaces the masked part by
 * exactly that many '*'. Works on characters, not bytes. */
static char *
mask_chars (const char *str,
            glong       keep_head,
            glong       keep_tail,
            glong       n_stars)
{
  glong len = g_utf8_strlen (str, -1);
  const char *tail;
  GString *out;

  g_assert (g_utf8_validate (str, -1, NULL));

  if (keep_head + keep_tail >= len)
    return g_strdup (str);

  tail = g_utf8_offset_to_pointer (str, len - keep_tail);
  out = g_string_new_len (str, g_utf8_offset_to_pointer (str, keep_head) - str);
  for (glong i = 0; i < (n_stars != 0 ? n_stars : len - keep_head - keep_tail); i++)
    g_string_append_c (out, '*');
  g_string_append (out, tail);

  return g_string_free (out, FALSE);
}

/**
 * jl_mask_id_card:
 * @str: an ID number
 *
 * Masks an ID number for display, "350203********123X". Text that is not
 * 18 characters long keeps only its last 4 characters.
 *
 * Returns: (transfer full): the masked text
 */
char *
jl_mask_id_card (const char *str)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (str != NULL, NULL);

  valid = g_utf8_make_valid (str, -1);
  if (g_utf8_strlen (valid, -1) == 18)
    return mask_chars (valid, 6, 4, 8);

  return mask_chars (valid, 0, 4, 0);
}

/**
 * jl_mask_mobile:
 * @str: a mobile number
 *
 * Masks a mobile number for display, "138****5678". Text that is not
 * 11 characters long keeps only its last 4 characters.
 *
 * Returns: (transfer full): the masked text
 */
char *
jl_mask_mobile (const char *str)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (str != NULL, NULL);

  valid = g_utf8_make_valid (str, -1);
  if (g_utf8_strlen (valid, -1) == 11)
    return mask_chars (valid, 3, 4, 4);

  return mask_chars (valid, 0, 4, 0);
}
