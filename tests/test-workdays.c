/* test-workdays.c: statutory holidays and adjusted working days (调休)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-workdays.h"

static gboolean
working (guint y,
         guint m,
         guint d)
{
  g_autoptr(GDate) date = g_date_new_dmy (d, m, y);
  return jl_workdays_is_working_day (date);
}

static void
assert_weekday (guint        y,
                guint        m,
                guint        d,
                GDateWeekday expected)
{
  g_autoptr(GDate) date = g_date_new_dmy (d, m, y);
  g_assert_cmpint (g_date_get_weekday (date), ==, expected);
}

static void
test_national_day_2025 (void)
{
  for (guint d = 1; d <= 8; d++)
    g_assert_false (working (2025, 10, d));
  g_assert_true (working (2025, 10, 9));
  /* Adjusted working days: a Sunday before and a Saturday after. */
  assert_weekday (2025, 9, 28, G_DATE_SUNDAY);
  assert_weekday (2025, 10, 11, G_DATE_SATURDAY);
  g_assert_true (working (2025, 9, 28));
  g_assert_true (working (2025, 10, 11));
  g_assert_false (working (2025, 10, 12));   /* an ordinary Sunday */
  g_assert_false (working (2025, 9, 27));    /* an ordinary Saturday */
}

static void
test_spring_festival_2025 (void)
{
  for (guint d = 28; d <= 31; d++)
    g_assert_false (working (2025, 1, d));
  for (guint d = 1; d <= 4; d++)
    g_assert_false (working (2025, 2, d));
  g_assert_true (working (2025, 2, 5));
  assert_weekday (2025, 1, 26, G_DATE_SUNDAY);
  assert_weekday (2025, 2, 8, G_DATE_SATURDAY);
  g_assert_true (working (2025, 1, 26));
  g_assert_true (working (2025, 2, 8));
  g_assert_true (working (2025, 1, 27));
}

static void
test_other_years (void)
{
  /* 2024 Spring Festival 02-10..17, 02-04 and 02-18 (Sundays) worked. */
  g_assert_false (working (2024, 2, 12));
  g_assert_true (working (2024, 2, 4));
  g_assert_true (working (2024, 2, 18));
  g_assert_false (working (2024, 10, 7));
  g_assert_true (working (2024, 10, 12));
  /* 2026 Spring Festival 02-15..23; 02-14 and 02-28 (Saturdays) worked. */
  g_assert_false (working (2026, 2, 23));
  g_assert_true (working (2026, 2, 14));
  g_assert_true (working (2026, 2, 28));
  g_assert_false (working (2026, 1, 2));
  g_assert_true (working (2026, 1, 4));
}

static void
test_outside_table (void)
{
  g_assert_false (jl_workdays_year_known (2023));
  g_assert_true (jl_workdays_year_known (2025));
  g_assert_false (jl_workdays_year_known (2027));
  /* No notice for 2027 yet: weekends only, so 2027-10-01 (a Friday)
   * counts as a working day until the table is extended. */
  assert_weekday (2027, 10, 1, G_DATE_FRIDAY);
  g_assert_true (working (2027, 10, 1));
  g_assert_false (working (2027, 10, 2));
}

static void
assert_period (guint       y,
               guint       m,
               guint       d,
               guint       n,
               const char *expected)
{
  g_autoptr(GDate) from = g_date_new_dmy (d, m, y);
  GDate end;
  char text[16];

  jl_workdays_nth (from, n, &end);
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&end),
              g_date_get_month (&end), g_date_get_day (&end));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_period (void)
{
  /* Five working days from Monday 2025-09-22 without holidays. */
  assert_period (2025, 9, 22, 5, "2025-09-26");
  /* From Thursday 2025-09-25: 25, 26, 28 (Sunday worked), 29, 30. */
  assert_period (2025, 9, 25, 5, "2025-09-30");
  /* From 2025-09-30: 30, then 9, 10, 11 (Saturday worked), 13 October. */
  assert_period (2025, 9, 30, 5, "2025-10-13");
  /* Starting on a holiday counts from the first working day. */
  assert_period (2025, 10, 3, 1, "2025-10-09");
  /* Across the end of the table into weekend-only counting. */
  assert_period (2026, 12, 30, 5, "2027-01-05");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workdays/national-day-2025", test_national_day_2025);
  g_test_add_func ("/workdays/spring-festival-2025", test_spring_festival_2025);
  g_test_add_func ("/workdays/2024-2026", test_other_years);
  g_test_add_func ("/workdays/outside-table", test_outside_table);
  g_test_add_func ("/workdays/period", test_period);
  return g_test_run ();
}
