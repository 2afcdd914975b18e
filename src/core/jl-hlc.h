/* jl-hlc.h: hybrid logical clock
 *
 * A stamp is 64 bits: the upper 48 are Unix milliseconds, the lower 16 a
 * counter. Stamps from one device never go backwards, even when the wall
 * clock does (a CMOS reset after a power cut); the caller persists the
 * last stamp it handed out and passes it back in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef guint64 JlHlc;

#define JL_HLC_COUNTER_BITS 16
#define JL_HLC_COUNTER_MAX  G_MAXUINT16

static inline gint64
jl_hlc_get_ms (JlHlc hlc)
{
  return (gint64) (hlc >> JL_HLC_COUNTER_BITS);
}

static inline guint
jl_hlc_get_counter (JlHlc hlc)
{
  return (guint) (hlc & JL_HLC_COUNTER_MAX);
}

static inline JlHlc
jl_hlc_make (gint64 ms,
             guint  counter)
{
  return ((JlHlc) ms << JL_HLC_COUNTER_BITS) | (counter & JL_HLC_COUNTER_MAX);
}

/* Next local stamp: max(wall, last) with the counter bumped on ties.
 * A counter overflow advances the millisecond part instead of failing. */
JlHlc  jl_hlc_next    (JlHlc   last,
                       gint64  wall_ms);

/* Stamp after receiving @remote: greater than both @last and @remote. */
JlHlc  jl_hlc_receive (JlHlc   last,
                       JlHlc   remote,
                       gint64  wall_ms);

/* "2025-03-05T06:30:00.123Z/0007" for logs and the conflict view. */
char  *jl_hlc_to_string (JlHlc hlc);

G_END_DECLS
