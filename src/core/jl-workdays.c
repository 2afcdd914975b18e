/* jl-workdays.c: working days in mainland China (statutory holidays and 调休)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-workdays.h"

/* Days off on weekdays and working days on weekends, as published by the
 * General Office of the State Council each year:
 *   2024: 国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号)
 *   2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)
 *   2026: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号)
 * A holiday range may include weekend days; they are off anyway. A year that
 * is not in the table is counted with weekends only, because no notice has
 * been published for it yet (it appears in November or December of the year
 * before): add the new notice here when it comes out. */
typedef struct
{
  guint16 year;
  guint8  month;
  guint8  day;
  guint8  n_days;   /* days off from month/day on; 0 marks an adjusted working day */
} Entry;

static const Entry entries[] = {
  /* 2024 */
  { 2024, 1, 1, 1 },                                   /* 元旦 */
  { 2024, 2, 4, 0 }, { 2024, 2, 10, 8 }, { 2024, 2, 18, 0 },   /* 春节 */
  { 2024, 4, 4, 3 }, { 2024, 4, 7, 0 },                /* 清明节 */
  { 2024, 4, 28, 0 }, { 2024, 5, 1, 5 }, { 2024, 5, 11, 0 },   /* 劳动节 */
  { 2024, 6, 10, 1 },                                  /* 端午节 */
  { 2024, 9, 14, 0 }, { 2024, 9, 15, 3 },              /* 中秋节 */
  { 2024, 9, 29, 0 }, { 2024, 10, 1, 7 }, { 2024, 10, 12, 0 }, /* 国庆节 */
  /* 2025 */
  { 2025, 1, 1, 1 },                                   /* 元旦 */
  { 2025, 1, 26, 0 }, { 2025, 1, 28, 8 }, { 2025, 2, 8, 0 },   /* 春节 */
  { 2025, 4, 4, 3 },                                   /* 清明节 */
  { 2025, 4, 27, 0 }, { 2025, 5, 1, 5 },               /* 劳动节 */
  { 2025, 5, 31, 3 },                                  /* 端午节 */
  { 2025, 9, 28, 0 }, { 2025, 10, 1, 8 }, { 2025, 10, 11, 0 }, /* 国庆节、中秋节 */
  /* 2026 */
  { 2026, 1, 1, 3 }, { 2026, 1, 4, 0 },                /* 元旦 */
  { 2026, 2, 14, 0 }, { 2026, 2, 15, 9 }, { 2026, 2, 28, 0 },  /* 春节 */
  { 2026, 4, 4, 3 },                                   /* 清明节 */
  { 2026, 5, 1, 5 }, { 2026, 5, 9, 0 },                /* 劳动节 */
  { 2026, 6, 19, 3 },                                  /* 端午节 */
  { 2026, 9, 25, 3 },                                  /* 中秋节 */
  { 2026, 9, 20, 0 }, { 2026, 10, 1, 7 }, { 2026, 10, 10, 0 }, /* 国庆节 */
};

/**
 * jl_workdays_year_known:
 * @year: a year
 *
 * Returns: whether the holiday table covers @year; other years count
 *   weekends only.
 */
gboolean
jl_workdays_year_known (guint year)
{
  return year >= 2024 && year <= 2026;
}

/* Whether the table says anything about @date: TRUE with *working set. */
static gboolean
lookup (const GDate *date,
        gboolean    *working)
{
  guint julian = g_date_get_julian (date);

  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const Entry *e = &entries[i];
      g_autoptr(GDate) start = NULL;
      guint first;

      /* A range never spans more than a fortnight, so only neighbouring
       * years' entries can reach @date. */
      if (e->year + 1 < g_date_get_year (date) || e->year > g_date_get_year (date))
        continue;
      start = g_date_new_dmy (e->day, e->month, e->year);
      first = g_date_get_julian (start);
      if (e->n_days == 0 ? julian == first : julian >= first && julian < first + e->n_days)
        {
          *working = e->n_days == 0;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * jl_workdays_is_working_day:
 * @date: a valid date
 *
 * Returns: whether offices work on @date: Monday to Friday unless it is a
 *   statutory holiday, and the adjusted weekend working days (调休).
 */
gboolean
jl_workdays_is_working_day (const GDate *date)
{
  GDateWeekday weekday;
  gboolean working;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (lookup (date, &working))
    return working;
  weekday = g_date_get_weekday (date);
  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY;
}

/**
 * jl_workdays_nth:
 * @from: the first day of a period
 * @n: how many working days the period runs, at least 1
 * @out: (out caller-allocates): the last day of the period
 *
 * Sets @out to the @n-th working day on or after @from, so a five-day
 * disclosure period starting on a Monday without holidays ends on Friday.
 */
void
jl_workdays_nth (const GDate *from,
                 guint        n,
                 GDate       *out)
{
  guint counted = 0;

  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (n > 0 && out != NULL);

  *out = *from;
  for (;;)
    {
      if (jl_workdays_is_working_day (out) && ++counted == n)
        return;
      g_date_add_days (out, 1);
    }
}
