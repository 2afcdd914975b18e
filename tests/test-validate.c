/* test-validate.c: checks of Chinese identifiers and formats
 *
 * The check characters are computed here by a second, independent
 * implementation of the two standards, and also taken from fixed vectors
 * (real published codes and the examples of GB 11643-1999), all of which
 * were cross-checked with a Python script.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-validate.h"

static const char uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 32100-2015 written differently from the library: the weight of
 * position i is 3^i mod 31. */
static char
ref_uscc_check (const char *body)
{
  guint weight = 1;
  guint sum = 0;

  for (guint i = 0; i < 17; i++)
    {
      guint value = 0;

      while (uscc_set[value] != body[i])
        value++;
      g_assert_cmpuint (value, <, 31);
      sum += value * weight;
      weight = weight * 3 % 31;
    }

  return uscc_set[(31 - sum % 31) % 31];
}

/* GB 11643-1999 written differently: the weight of position i is
 * 2^(17-i) mod 11, and the check c satisfies (sum + c) mod 11 == 1 with X
 * standing for 10. */
static char
ref_id_check (const char *body)
{
  guint sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (guint) (body[i] - '0') * ((1u << (17 - i)) % 11);

  for (guint c = 0; c <= 10; c++)
    {
      if ((sum + c) % 11 == 1)
        return c == 10 ? 'X' : (char) ('0' + c);
    }
  g_assert_not_reached ();
}

static char *
make_id (const char *body17)
{
  g_assert_cmpuint (strlen (body17), ==, 17);

  return g_strdup_printf ("%s%c", body17, ref_id_check (body17));
}

static GDate *
date_new (guint year,
          guint month,
          guint day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
test_uscc_known (void)
{
  /* Published codes (the first three are large companies' codes as
   * printed on their licences) and made-up bodies with computed checks. */
  const char *good[] = {
    "91110000802100433B",
    "91440300708461136T",
    "91110108551385082Q",
    "91350203MA31ABCD7E",
    "11350000003591077X",
    "51350203MJB1234564",
    "92350203MA8T8C0X1C",
    "91350200MA2XXXXXXF",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (jl_validate_uscc (good[i]));
      g_assert_cmpint (jl_uscc_expected_check (good[i]), ==, good[i][17]);
      g_assert_cmpint (ref_uscc_check (good[i]), ==, good[i][17]);
    }
}

static void
test_uscc_wrong_check (void)
{
  char code[] = "91350203MA31ABCD7E";

  /* Every other character of the set in the check position fails. */
  for (const char *c = uscc_set; *c != '\0'; c++)
    {
      code[17] = *c;
      if (*c == 'E')
        g_assert_true (jl_validate_uscc (code));
      else
        g_assert_false (jl_validate_uscc (code));
    }

  /* A published-looking code with a wrong check. */
  g_assert_false (jl_validate_uscc ("911100001000005957"));
  g_assert_cmpint (jl_uscc_expected_check ("911100001000005957"), ==, 'Y');
  g_assert_true (jl_validate_uscc ("91110000100000595Y"));

  /* One changed body character is caught. */
  g_assert_false (jl_validate_uscc ("91350203MA31ABCD8E"));
  /* Two swapped neighbours are caught. */
  g_assert_false (jl_validate_uscc ("91350203AM31ABCD7E"));
}

static void
test_uscc_format (void)
{
  /* Wrong length. */
  g_assert_false (jl_validate_uscc ("91350203MA31ABCD7"));
  g_assert_false (jl_validate_uscc ("91350203MA31ABCD7EE"));
  g_assert_false (jl_validate_uscc (""));
  g_assert_false (jl_validate_uscc (NULL));
  g_assert_false (jl_validate_uscc (" 91350203MA31ABCD7E"));
  g_assert_false (jl_validate_uscc ("91350203MA31ABCD7E "));
  /* Lowercase is not accepted. */
  g_assert_false (jl_validate_uscc ("91350203ma31abcd7e"));
  g_assert_false (jl_validate_uscc ("91350203MA31ABCD7e"));
  g_assert_false (jl_validate_uscc ("91440300708461136t"));
  /* Full-width characters. */
  g_assert_false (jl_validate_uscc ("９1350203MA31ABCD7E"));

  /* I, O, S, V and Z are not in the code set, wherever they are. */
  for (const char *letter = "IOSVZ"; *letter != '\0'; letter++)
    {
      for (guint pos = 0; pos < 18; pos++)
        {
          char code[] = "91350203MA31ABCD7E";

          code[pos] = *letter;
          g_assert_false (jl_validate_uscc (code));
          if (pos < 17)
            g_assert_cmpint (jl_uscc_expected_check (code), ==, 0);
        }
    }
}

static void
test_uscc_expected_check (void)
{
  g_assert_cmpint (jl_uscc_expected_check ("91350203MA31ABCD7"), ==, 'E');
  g_assert_cmpint (jl_uscc_expected_check ("91350203MA31ABCD70"), ==, 'E');
  g_assert_cmpint (jl_uscc_expected_check ("91110000802100433"), ==, 'B');
  /* Too short or outside the code set. */
  g_assert_cmpint (jl_uscc_expected_check ("9135020"), ==, 0);
  g_assert_cmpint (jl_uscc_expected_check (""), ==, 0);
  g_assert_cmpint (jl_uscc_expected_check ("91350203ma31abcd7"), ==, 0);
  g_assert_cmpint (jl_uscc_expected_check ("91350203-A31ABCD7"), ==, 0);
  /* A sum divisible by 31 maps to '0', not to a 32nd character. */
  g_assert_cmpint (jl_uscc_expected_check ("00000000000000000"), ==, '0');
  g_assert_true (jl_validate_uscc ("000000000000000000"));
}

static void
test_uscc_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (32100);
  guint checks_seen[31] = { 0 };

  for (guint n = 0; n < 5000; n++)
    {
      char code[19];

      for (guint i = 0; i < 17; i++)
        code[i] = uscc_set[g_rand_int_range (rand, 0, 31)];
      code[17] = ref_uscc_check (code);
      code[18] = '\0';
      checks_seen[strchr (uscc_set, code[17]) - uscc_set]++;

      g_assert_true (jl_validate_uscc (code));
      g_assert_cmpint (jl_uscc_expected_check (code), ==, code[17]);

      /* Any single substitution in the body is detected (the weights
       * are all nonzero mod the prime 31). */
      code[n % 17] = uscc_set[(strchr (uscc_set, code[n % 17]) - uscc_set + 1 + n % 30) % 31];
      g_assert_false (jl_validate_uscc (code));
    }

  /* Every check character turns up. */
  for (guint i = 0; i < 31; i++)
    g_assert_cmpuint (checks_seen[i], >, 0);
}

static void
test_id_card_known (void)
{
  g_autoptr(GDate) today = date_new (2025, 3, 5);
  const char *good[] = {
    "11010519491231002X",   /* example of GB 11643-1999 */
    "11010519491231002x",   /* lowercase x accepted */
    "440524188001010014",   /* example of GB 11643-1999 */
    "350203199003071236",
    "350203200002290010",   /* 29 February of a leap year */
    "810000199501010015",   /* Hong Kong residents' permit */
    "830000200109111232",   /* Taiwan residents' permit */
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (jl_validate_id_card (good[i], today));
      g_assert_cmpint (ref_id_check (good[i]), ==, g_ascii_toupper (good[i][17]));
    }

  /* NULL means today's local date. */
  g_assert_true (jl_validate_id_card ("11010519491231002X", NULL));
}

static void
test_id_card_wrong_check (void)
{
  g_autoptr(GDate) today = date_new (2025, 3, 5);
  char id[] = "350203199003071236";
  const char *checks = "0123456789Xx";

  for (const char *c = checks; *c != '\0'; c++)
    {
      id[17] = *c;
      if (*c == '6')
        g_assert_true (jl_validate_id_card (id, today));
      else
        g_assert_false (jl_validate_id_card (id, today));
    }

  /* X only in the check position. */
  g_assert_false (jl_validate_id_card ("11010519491231X02X", today));
  g_assert_false (jl_validate_id_card ("11010519491231002Y", today));
  /* Swapped digits. */
  g_assert_false (jl_validate_id_card ("350203199003071326", today));
}

static void
test_id_card_format (void)
{
  g_autoptr(GDate) today = date_new (2025, 3, 5);

  /* Legacy 15-digit numbers are rejected. */
  g_assert_false (jl_validate_id_card ("350203900307123", today));
  g_assert_false (jl_validate_id_card ("35020319900307123", today));
  g_assert_false (jl_validate_id_card ("3502031990030712366", today));
  g_assert_false (jl_validate_id_card ("", today));
  g_assert_false (jl_validate_id_card (NULL, today));
  g_assert_false (jl_validate_id_card (" 350203199003071236", today));
  g_assert_false (jl_validate_id_card ("350203-1990030712", today));
  g_assert_false (jl_validate_id_card ("３50203199003071236", today));
}

static void
test_id_card_birth_date (void)
{
  g_autoptr(GDate) today = date_new (2025, 3, 5);
  const struct
  {
    const char *body;
    gboolean    valid;
  } cases[] = {
    { "35020320230230001", FALSE },  /* 30 February */
    { "35020320230229001", FALSE },  /* 2023 is not a leap year */
    { "35020320240229001", TRUE },
    { "35020319000229001", FALSE },  /* 1900 is not a leap year */
    { "35020319901301001", FALSE },  /* month 13 */
    { "35020319900001001", FALSE },  /* month 0 */
    { "35020319900100001", FALSE },  /* day 0 */
    { "35020319900431001", FALSE },  /* 31 April */
    { "35020300000101001", FALSE },  /* year 0 */
    { "35020320991231001", FALSE },  /* far future */
    { "35020320250306001", FALSE },  /* tomorrow */
    { "35020320250305001", TRUE },   /* born today */
    { "35020320250304001", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = make_id (cases[i].body);

      g_assert_cmpint (jl_validate_id_card (id, today), ==, cases[i].valid);
    }

  {
    /* The future is judged against the real date when @today is NULL. */
    g_autofree char *future = make_id ("35020320991231001");
    g_autofree char *past = make_id ("35020320000101001");

    g_assert_false (jl_validate_id_card (future, NULL));
    g_assert_true (jl_validate_id_card (past, NULL));
  }
}

static void
test_id_card_region (void)
{
  g_autoptr(GDate) today = date_new (2025, 3, 5);
  const struct
  {
    const char *body;
    gboolean    valid;
  } cases[] = {
    { "11010519491231002", TRUE },
    { "65010219800101001", TRUE },
    { "71000019800101001", TRUE },   /* 台湾省 in GB/T 2260 */
    { "81000019950101001", TRUE },   /* 香港 */
    { "82000019950101001", TRUE },   /* 澳门 */
    { "83000020010911123", TRUE },   /* 台湾 */
    { "84000019950101001", FALSE },
    { "81000119950101001", FALSE },  /* not a permit prefix */
    { "01010519491231002", FALSE },
    { "91010519491231002", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = make_id (cases[i].body);

      g_assert_cmpint (jl_validate_id_card (id, today), ==, cases[i].valid);
    }
}

static void
test_id_card_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11643);
  g_autoptr(GDate) today = date_new (2025, 3, 5);
  guint x_seen = 0;

  for (guint n = 0; n < 5000; n++)
    {
      g_autofree char *body = g_strdup_printf ("%d%05d%04d%02d%02d%03d",
                                               g_rand_int_range (rand, 1, 7),
                                               g_rand_int_range (rand, 0, 100000),
                                               g_rand_int_range (rand, 1900, 2025),
                                               g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29),
                                               g_rand_int_range (rand, 0, 1000));
      g_autofree char *id = make_id (body);

      if (id[17] == 'X')
        {
          x_seen++;
          id[17] = 'x';
          g_assert_true (jl_validate_id_card (id, today));
          id[17] = 'X';
        }
      g_assert_true (jl_validate_id_card (id, today));
      /* Change the last body digit: the check no longer fits. */
      id[16] = (char) ('0' + (id[16] - '0' + 1) % 10);
      g_assert_false (jl_validate_id_card (id, today));
    }
  g_assert_cmpuint (x_seen, >, 0);
}

static void
test_mobile (void)
{
  const char *good[] = {
    "13800138000", "19912345678", "16612345678", "14700000000", "15012345678",
  };
  const char *bad[] = {
    "12345678901",      /* second digit 2 */
    "10012345678",
    "23800138000",
    "1380013800",       /* 10 digits */
    "138001380001",     /* 12 digits */
    "+8613800138000",
    "138-0013-8000",
    "1380013800a",
    "138 0013 8000",
    "１3800138000",     /* full-width digit */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (jl_validate_mobile (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (jl_validate_mobile (bad[i]));
  g_assert_false (jl_validate_mobile (NULL));
}

static void
test_phone (void)
{
  const char *good[] = {
    "0592-1234567",
    "0591-12345678",
    "010-12345678",
    "021-1234567",
    "0592-1234567-8",
    "0592-1234567-123456",
    "13800138000",
  };
  const char *bad[] = {
    "0592-123456",          /* 6-digit number */
    "0592-123456789",       /* 9-digit number */
    "592-1234567",          /* area code without 0 */
    "05-1234567",           /* area code too short */
    "05922-1234567",        /* area code too long */
    "05921234567",          /* no dash */
    "0592 1234567",
    "0592-1234567-",
    "0592-1234567-1234567", /* extension too long */
    "0592-1234567-12a",
    "0592--1234567",
    "0592-1234567x",
    "12345678901",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (jl_validate_phone (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (jl_validate_phone (bad[i]));
  g_assert_false (jl_validate_phone (NULL));
}

static void
test_date (void)
{
  const char *good[] = {
    "2025-03-05", "2024-02-29", "2000-02-29", "1900-01-01", "2025-12-31", "0001-01-01",
  };
  const char *bad[] = {
    "2023-02-29", "1900-02-29", "2025-02-30", "2025-13-01", "2025-00-10",
    "2025-01-00", "2025-04-31", "2025-01-32", "0000-01-01",
    "2025-3-5", "2025/03/05", "20250305", "2025-03-05 ", " 2025-03-05",
    "2025-03-05T10:00", "25-03-05", "２025-03-05", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (jl_validate_date (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (jl_validate_date (bad[i]));
  g_assert_false (jl_validate_date (NULL));
}

static void
test_datetime (void)
{
  const char *good[] = {
    "2025-03-05 14:30",
    "2025-03-05T14:30",
    "2025-03-05 14:30:59",
    "2025-03-05T00:00:00",
    "2025-03-05 23:59",
    "2024-02-29 08:00",
  };
  const char *bad[] = {
    "2025-03-05 24:00",
    "2025-03-05 14:60",
    "2025-03-05 14:30:60",
    "2025-02-30 10:00",
    "2025-03-05",
    "2025-03-05 14",
    "2025-03-05 1:30",
    "2025-03-05x14:30",
    "2025-03-05 14:30:5",
    "2025-03-05T14:30Z",
    "2025-03-05T14:30:00Z",
    "2025-03-05T14:30:00.000",
    "2025-03-05  14:30",
    "2025-03-05 14-30",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (jl_validate_datetime (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (jl_validate_datetime (bad[i]));
  g_assert_false (jl_validate_datetime (NULL));
}

static void
test_mask (void)
{
  const struct
  {
    char *(*func) (const char *str);
    const char *in;
    const char *out;
  } cases[] = {
    { jl_mask_id_card, "350203199003071236", "350203********1236" },
    { jl_mask_id_card, "11010519491231002X", "110105********002X" },
    /* Unexpected lengths keep only the last 4. */
    { jl_mask_id_card, "350203900307123", "***********7123" },
    { jl_mask_id_card, "12345", "*2345" },
    { jl_mask_id_card, "1234", "1234" },
    { jl_mask_id_card, "", "" },
    { jl_mask_mobile, "13800138000", "138****8000" },
    { jl_mask_mobile, "0592-1234567", "********4567" },
    { jl_mask_mobile, "123", "123" },
    /* Characters, not bytes. */
    { jl_mask_mobile, "电话一二三四五六七八", "******五六七八" },
    { jl_mask_mobile, "电话一二三四五六七八九", "电话一****六七八九" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = cases[i].func (cases[i].in);

      g_assert_cmpstr (masked, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jinlin/validate/uscc", test_uscc_known);
  g_test_add_func ("/jinlin/validate/uscc/wrong-check", test_uscc_wrong_check);
  g_test_add_func ("/jinlin/validate/uscc/format", test_uscc_format);
  g_test_add_func ("/jinlin/validate/uscc/expected-check", test_uscc_expected_check);
  g_test_add_func ("/jinlin/validate/uscc/random", test_uscc_random);
  g_test_add_func ("/jinlin/validate/id-card", test_id_card_known);
  g_test_add_func ("/jinlin/validate/id-card/wrong-check", test_id_card_wrong_check);
  g_test_add_func ("/jinlin/validate/id-card/format", test_id_card_format);
  g_test_add_func ("/jinlin/validate/id-card/birth-date", test_id_card_birth_date);
  g_test_add_func ("/jinlin/validate/id-card/region", test_id_card_region);
  g_test_add_func ("/jinlin/validate/id-card/random", test_id_card_random);
  g_test_add_func ("/jinlin/validate/mobile", test_mobile);
  g_test_add_func ("/jinlin/validate/phone", test_phone);
  g_test_add_func ("/jinlin/validate/date", test_date);
  g_test_add_func ("/jinlin/validate/datetime", test_datetime);
  g_test_add_func ("/jinlin/validate/mask", test_mask);

  return g_test_run ();
}
