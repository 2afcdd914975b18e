/* jl-validate.h: checks of Chinese identifiers and formats
 *
 * Pure functions: no I/O, no locale. Each returns TRUE when @str is valid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Unified social credit code, GB 32100-2015 (18 chars, check digit). */
gboolean  jl_validate_uscc          (const char *str);
/* Resident ID number, GB 11643-1999: 18 chars, check char, real birth date
 * not after @today (pass NULL for the current local date). Also the HK/MO/TW
 * residence permits (810000/820000/830000 prefixes). */
gboolean  jl_validate_id_card       (const char *str,
                                     GDate      *today);
/* Mainland mobile: ^1[3-9]\d{9}$ */
gboolean  jl_validate_mobile        (const char *str);
/* Landline "0592-1234567" (area code 3–4 digits starting with 0, 7–8 digit
 * number, optional "-ext") or a mobile number. */
gboolean  jl_validate_phone         (const char *str);
/* ISO date "2025-03-05" that exists in the calendar. */
gboolean  jl_validate_date          (const char *str);
/* ISO date-time "2025-03-05 14:30" or "2025-03-05T14:30:00" (seconds optional). */
gboolean  jl_validate_datetime      (const char *str);

/* Masks for display: "350203********123X", "138****5678". */
char     *jl_mask_id_card           (const char *str);
char     *jl_mask_mobile            (const char *str);

/* Check character the USCC would need for its first 17 chars, or 0 if they
 * contain a character outside the code set. Used in error messages. */
char      jl_uscc_expected_check    (const char *str);

G_END_DECLS
