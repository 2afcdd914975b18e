/* crash-pull.h: what crash-writer --pull and test-crash-safety agree on
 *
 * The pulled meetings' ids are made from their row_seq, so that the test
 * can tell from an id which page a row came in; the counter meeting is
 * rewritten by every page with the page's cursor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#define CRASH_REMOTE_DEVICE    "0195f000-0000-7000-8000-00000000d0d0"
#define CRASH_COUNTER_ID       "0195f000-0000-7000-8000-00000000c0c0"
#define CRASH_PULLED_PREFIX    "0195f001-0000-7000-8000-"
#define CRASH_PULLED_ID_FORMAT CRASH_PULLED_PREFIX "%012" G_GINT64_MODIFIER "x"

/* A pulled meeting's summary: "P<next>|" and as many characters as
 * @seq % 100, so that a text is either whole or not there. */
static inline char *
crash_pulled_summary (gint64 next,
                      gint64 seq)
{
  GString *s = g_string_new (NULL);

  g_string_printf (s, "P%" G_GINT64_FORMAT "|", next);
  for (gint64 i = 0; i < seq % 100; i++)
    g_string_append (s, "页");
  return g_string_free (s, FALSE);
}
