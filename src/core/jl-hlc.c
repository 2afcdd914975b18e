/* jl-hlc.c: hybrid logical clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-hlc.h"

/* Largest millisecond value that fits in the upper 48 bits. */
#define HLC_MS_MAX (((gint64) 1 << (64 - JL_HLC_COUNTER_BITS)) - 1)

/* The stamp (@ms, @counter), where a counter past its 16 bits moves on to
 * the next millisecond instead. */
static JlHlc
make_checked (gint64 ms,
              guint  counter)
{
  if (counter > JL_HLC_COUNTER_MAX)
    {
      ms++;
      counter = 0;
    }

  return jl_hlc_make (MIN (ms, HLC_MS_MAX), counter);
}

/**
 * jl_hlc_next:
 * @last: the last stamp this device handed out (0 for none)
 * @wall_ms: the wall clock, in Unix milliseconds
 *
 * The stamp for a local event: the wall clock when it is ahead of @last,
 * else @last's millisecond with the counter bumped.
 *
 * Returns: a stamp greater than @last
 */
JlHlc
jl_hlc_next (JlHlc  last,
             gint64 wall_ms)
{
  gint64 last_ms = jl_hlc_get_ms (last);

  if (wall_ms > last_ms)
    return make_checked (wall_ms, 0);

  return make_checked (last_ms, jl_hlc_get_counter (last) + 1);
}

/**
 * jl_hlc_receive:
 * @last: the last stamp this device handed out (0 for none)
 * @remote: a stamp received from another device
 * @wall_ms: the wall clock, in Unix milliseconds
 *
 * The receive rule of Kulkarni et al.'s hybrid logical clock: the
 * millisecond part is the largest of the three, and the counter continues
 * from whichever stamps share it.
 *
 * Returns: a stamp greater than both @last and @remote
 */
JlHlc
jl_hlc_receive (JlHlc  last,
                JlHlc  remote,
                gint64 wall_ms)
{
  gint64 last_ms = jl_hlc_get_ms (last);
  gint64 remote_ms = jl_hlc_get_ms (remote);
  gint64 ms = MAX (MAX (last_ms, remote_ms), wall_ms);
  guint last_counter = jl_hlc_get_counter (last);
  guint remote_counter = jl_hlc_get_counter (remote);

  if (ms == last_ms && ms == remote_ms)
    return make_checked (ms, MAX (last_counter, remote_counter) + 1);
  if (ms == last_ms)
    return make_checked (ms, last_counter + 1);
  if (ms == remote_ms)
    return make_checked (ms, remote_counter + 1);

  return make_checked (ms, 0);
}

/**
 * jl_hlc_to_string:
 * @hlc: a stamp
 *
 * Formats @hlc as UTC time with milliseconds and the counter, such as
 * "2025-03-05T06:30:00.123Z/0007", for logs and the conflict view.
 *
 * Returns: (transfer full): the text
 */
char *
jl_hlc_to_string (JlHlc hlc)
{
  gint64 ms = jl_hlc_get_ms (hlc);
  guint counter = jl_hlc_get_counter (hlc);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *date = NULL;

  /* Past year 9999 GDateTime gives up; such a stamp is garbage anyway. */
  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT "/%04u", ms, counter);

  date = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ/%04u", date, (int) (ms % 1000), counter);
}
