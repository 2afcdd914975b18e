/* test-uuid-hlc.c: record identifiers and the hybrid logical clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-hlc.h"
#include "jl-uuid.h"

/* 2025-03-05T06:30:00.123Z */
#define MS_2025_03_05 G_GINT64_CONSTANT (1741156200123)

static void
assert_v7_shape (const char *id)
{
  g_assert_nonnull (id);
  g_assert_cmpuint (strlen (id), ==, JL_UUID_STRING_LEN);
  g_assert_true (jl_uuid_is_valid (id));
  g_assert_cmpint (id[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", id[19]));
  for (const char *p = id; *p != '\0'; p++)
    g_assert_false (g_ascii_isupper (*p));
}

static void
test_uuid_v7_format (void)
{
  g_autofree char *id = jl_uuid_v7_new ();
  gint64 now = g_get_real_time () / 1000;
  gint64 ms;

  assert_v7_shape (id);
  ms = jl_uuid_v7_get_ms (id);
  /* Within a minute of now (the process-wide counter may have borrowed a
   * few milliseconds at most). */
  g_assert_cmpint (ms, >, now - 60000);
  g_assert_cmpint (ms, <, now + 60000);
}

static void
test_uuid_v7_at (void)
{
  const gint64 cases[] = { 0, 1, MS_2025_03_05, ((gint64) 1 << 48) - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = jl_uuid_v7_new_at (cases[i]);

      assert_v7_shape (id);
      g_assert_cmpint (jl_uuid_v7_get_ms (id), ==, cases[i]);
    }

  {
    g_autofree char *id = jl_uuid_v7_new_at (MS_2025_03_05);

    /* 1741156200123 = 0x019564ff2ebb: the first 48 bits, big-endian. */
    g_assert_true (g_str_has_prefix (id, "019564ff-2ebb-7"));
  }

  {
    /* The random part differs between two ids of the same millisecond. */
    g_autofree char *a = jl_uuid_v7_new_at (MS_2025_03_05);
    g_autofree char *b = jl_uuid_v7_new_at (MS_2025_03_05);

    g_assert_cmpstr (a, !=, b);
  }

  {
    /* Ids of later milliseconds sort after. */
    g_autofree char *a = jl_uuid_v7_new_at (MS_2025_03_05);
    g_autofree char *b = jl_uuid_v7_new_at (MS_2025_03_05 + 1);

    g_assert_cmpint (strcmp (a, b), <, 0);
  }
}

static void
test_uuid_v7_monotonic (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *prev = jl_uuid_v7_new ();

  /* Far more ids than milliseconds pass: many share one. */
  for (guint i = 0; i < 20000; i++)
    {
      char *id = jl_uuid_v7_new ();

      assert_v7_shape (id);
      g_assert_cmpint (strcmp (prev, id), <, 0);
      g_assert_cmpint (jl_uuid_v7_get_ms (prev), <=, jl_uuid_v7_get_ms (id));
      g_assert_true (g_hash_table_add (seen, g_strdup (id)));
      g_free (prev);
      prev = id;
    }
}

static gpointer
make_ids_thread (gpointer data)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (ids, jl_uuid_v7_new ());

  return ids;
}

static void
test_uuid_v7_threads (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("uuid", make_ids_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_ptr_array_add (all, g_thread_join (threads[i]));

  for (guint t = 0; t < all->len; t++)
    {
      GPtrArray *ids = g_ptr_array_index (all, t);

      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);

          /* Unique across threads, increasing within each thread. */
          g_assert_true (g_hash_table_add (seen, (gpointer) id));
          if (i > 0)
            g_assert_cmpint (strcmp (g_ptr_array_index (ids, i - 1), id), <, 0);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 4 * 2000);
}

static void
test_uuid_v5 (void)
{
  /* Vectors from Python's uuid.uuid5. */
  const struct
  {
    const char *ns;
    const char *name;
    const char *expected;
  } cases[] = {
    { "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com",
      "2ed6657d-e927-568b-95e1-2665a8aea6a2" },
    /* Uppercase namespace: same bytes. */
    { "6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "www.example.com",
      "2ed6657d-e927-568b-95e1-2665a8aea6a2" },
    { "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "",
      "4ebd0208-8328-5d69-8c44-ec50939c0967" },
    { "6ba7b811-9dad-11d1-80b4-00c04fd430c8", "https://example.org/",
      "527dda32-a0de-5105-a042-cb475b5f7d11" },
    /* Jinlin's namespace and a UTF-8 name. */
    { JL_UUID_NAMESPACE, "社区党委",
      "81d0f52e-09c7-5c26-8f3b-a51f79784992" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = jl_uuid_v5_new (cases[i].ns, cases[i].name);

      g_assert_cmpstr (id, ==, cases[i].expected);
      g_assert_true (jl_uuid_is_valid (id));
      /* Not a version 7 id. */
      g_assert_cmpint (jl_uuid_v7_get_ms (id), ==, -1);
    }

  {
    g_autofree char *a = jl_uuid_v5_new (JL_UUID_NAMESPACE, "a");
    g_autofree char *b = jl_uuid_v5_new (JL_UUID_NAMESPACE, "b");

    g_assert_cmpstr (a, !=, b);
  }
}

static void
test_uuid_v5_bad_namespace (void)
{
  if (g_test_subprocess ())
    {
      char *id = jl_uuid_v5_new ("not-a-uuid", "x");

      g_assert_null (id);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*not a UUID*");
}

static void
test_uuid_is_valid (void)
{
  const char *good[] = {
    "0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6f",
    "017F22E2-79B0-7CC3-98C4-DC0C0C07398F",
    "00000000-0000-0000-0000-000000000000",
    "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  };
  const char *bad[] = {
    "",
    "0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6",     /* 35 chars */
    "0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6f0",   /* 37 chars */
    "0190a6e27c1b-7d3e-8f00-1a2b3c4d5e6f0",    /* dash missing */
    "0190a6e2-7c1b-7d3e-8f001a2b3c4d5e6f",
    "0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6g",    /* not hex */
    "{0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6f}",
    "0190a6e2_7c1b_7d3e_8f00_1a2b3c4d5e6f",
    " 0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6f",
    "0190a6e2-7c1b-7d3e-8f00-1a2b3c4d5e6f ",
    "0190a6e27c1b7d3e8f001a2b3c4d5e6f",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (jl_uuid_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (jl_uuid_is_valid (bad[i]));
  g_assert_false (jl_uuid_is_valid (NULL));
}

static void
test_uuid_v7_get_ms (void)
{
  /* RFC 9562 appendix A.6: 2022-02-22T19:22:22Z. */
  g_assert_cmpint (jl_uuid_v7_get_ms ("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"), ==,
                   G_GINT64_CONSTANT (1645557742000));
  g_assert_cmpint (jl_uuid_v7_get_ms ("017f22e2-79b0-7cc3-98c4-dc0c0c07398f"), ==,
                   G_GINT64_CONSTANT (1645557742000));
  /* Version 4. */
  g_assert_cmpint (jl_uuid_v7_get_ms ("919108f7-52d1-4320-9bac-f847db4148a8"), ==, -1);
  /* Version 7 nibble, but the variant bits are 0b11. */
  g_assert_cmpint (jl_uuid_v7_get_ms ("017f22e2-79b0-7cc3-d8c4-dc0c0c07398f"), ==, -1);
  g_assert_cmpint (jl_uuid_v7_get_ms ("017f22e2-79b0-7cc3-98c4"), ==, -1);
  g_assert_cmpint (jl_uuid_v7_get_ms (NULL), ==, -1);
}

static void
test_hlc_make (void)
{
  JlHlc hlc = jl_hlc_make (MS_2025_03_05, 7);

  g_assert_cmpint (jl_hlc_get_ms (hlc), ==, MS_2025_03_05);
  g_assert_cmpuint (jl_hlc_get_counter (hlc), ==, 7);
  /* Stamps order by time first, then counter. */
  g_assert_cmpuint (jl_hlc_make (1000, JL_HLC_COUNTER_MAX), <, jl_hlc_make (1001, 0));
  g_assert_cmpuint (jl_hlc_make (1000, 1), <, jl_hlc_make (1000, 2));
}

static void
test_hlc_next (void)
{
  JlHlc last = jl_hlc_make (1000, 5);
  JlHlc next;

  /* The wall clock is ahead: take it, counter 0. */
  next = jl_hlc_next (last, 2000);
  g_assert_cmpint (jl_hlc_get_ms (next), ==, 2000);
  g_assert_cmpuint (jl_hlc_get_counter (next), ==, 0);

  /* Same millisecond: bump the counter. */
  next = jl_hlc_next (last, 1000);
  g_assert_cmpint (jl_hlc_get_ms (next), ==, 1000);
  g_assert_cmpuint (jl_hlc_get_counter (next), ==, 6);

  /* The wall clock went back (CMOS reset): keep the last millisecond. */
  next = jl_hlc_next (last, 5);
  g_assert_cmpint (jl_hlc_get_ms (next), ==, 1000);
  g_assert_cmpuint (jl_hlc_get_counter (next), ==, 6);
  next = jl_hlc_next (last, -1);
  g_assert_cmpuint (next, ==, jl_hlc_make (1000, 6));

  /* The counter is full: move on to the next millisecond. */
  next = jl_hlc_next (jl_hlc_make (1000, JL_HLC_COUNTER_MAX), 1000);
  g_assert_cmpint (jl_hlc_get_ms (next), ==, 1001);
  g_assert_cmpuint (jl_hlc_get_counter (next), ==, 0);

  /* From nothing. */
  next = jl_hlc_next (0, MS_2025_03_05);
  g_assert_cmpuint (next, ==, jl_hlc_make (MS_2025_03_05, 0));
}

static void
test_hlc_next_sequence (void)
{
  JlHlc last = 0;
  gint64 wall = MS_2025_03_05;

  /* A clock that stands still, jumps and runs backwards: stamps always
   * increase. */
  for (guint i = 0; i < 200000; i++)
    {
      JlHlc next;

      if (i % 1000 == 0)
        wall -= 5000;
      else if (i % 7 == 0)
        wall++;
      next = jl_hlc_next (last, wall);
      g_assert_cmpuint (next, >, last);
      g_assert_cmpint (jl_hlc_get_ms (next), >=, wall);
      last = next;
    }
}

static void
test_hlc_receive (void)
{
  JlHlc next;

  /* Wall clock ahead of both. */
  next = jl_hlc_receive (jl_hlc_make (1000, 3), jl_hlc_make (1500, 9), 2000);
  g_assert_cmpuint (next, ==, jl_hlc_make (2000, 0));

  /* Remote ahead: continue the remote counter. */
  next = jl_hlc_receive (jl_hlc_make (1000, 3), jl_hlc_make (1500, 9), 1200);
  g_assert_cmpuint (next, ==, jl_hlc_make (1500, 10));

  /* Local ahead: continue the local counter. */
  next = jl_hlc_receive (jl_hlc_make (1500, 3), jl_hlc_make (1000, 9), 1200);
  g_assert_cmpuint (next, ==, jl_hlc_make (1500, 4));

  /* Both at the same millisecond: the larger counter plus one. */
  next = jl_hlc_receive (jl_hlc_make (1500, 3), jl_hlc_make (1500, 9), 1200);
  g_assert_cmpuint (next, ==, jl_hlc_make (1500, 10));
  next = jl_hlc_receive (jl_hlc_make (1500, 12), jl_hlc_make (1500, 9), 1500);
  g_assert_cmpuint (next, ==, jl_hlc_make (1500, 13));

  /* Wall equal to the remote millisecond only. */
  next = jl_hlc_receive (jl_hlc_make (1000, 3), jl_hlc_make (1500, 9), 1500);
  g_assert_cmpuint (next, ==, jl_hlc_make (1500, 10));

  /* Counter overflow moves to the next millisecond. */
  next = jl_hlc_receive (jl_hlc_make (1000, 3), jl_hlc_make (1500, JL_HLC_COUNTER_MAX), 1200);
  g_assert_cmpuint (next, ==, jl_hlc_make (1501, 0));
}

static void
test_hlc_receive_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250305);

  for (guint i = 0; i < 100000; i++)
    {
      gint64 base = MS_2025_03_05;
      JlHlc last = jl_hlc_make (base + g_rand_int_range (rand, 0, 20),
                                (guint) g_rand_int_range (rand, 0, JL_HLC_COUNTER_MAX + 1));
      JlHlc remote = jl_hlc_make (base + g_rand_int_range (rand, 0, 20),
                                  (guint) g_rand_int_range (rand, 0, JL_HLC_COUNTER_MAX + 1));
      gint64 wall = base + g_rand_int_range (rand, -10, 30);
      JlHlc next = jl_hlc_receive (last, remote, wall);

      g_assert_cmpuint (next, >, last);
      g_assert_cmpuint (next, >, remote);
      g_assert_cmpint (jl_hlc_get_ms (next), >=, wall);
      /* Never further ahead than needed. */
      g_assert_cmpint (jl_hlc_get_ms (next), <=,
                       MAX (MAX (jl_hlc_get_ms (last), jl_hlc_get_ms (remote)) + 1, wall));
    }
}

static void
test_hlc_to_string (void)
{
  g_autofree char *a = jl_hlc_to_string (jl_hlc_make (MS_2025_03_05, 7));
  g_autofree char *b = jl_hlc_to_string (jl_hlc_make (0, 0));
  g_autofree char *c = jl_hlc_to_string (jl_hlc_make (MS_2025_03_05 - 123 + 5, 65535));
  g_autofree char *d = jl_hlc_to_string (G_MAXUINT64);

  g_assert_cmpstr (a, ==, "2025-03-05T06:30:00.123Z/0007");
  g_assert_cmpstr (b, ==, "1970-01-01T00:00:00.000Z/0000");
  g_assert_cmpstr (c, ==, "2025-03-05T06:30:00.005Z/65535");
  /* Beyond year 9999: still some text. */
  g_assert_nonnull (d);
  g_assert_true (g_str_has_suffix (d, "/65535"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jinlin/uuid/v7/format", test_uuid_v7_format);
  g_test_add_func ("/jinlin/uuid/v7/at", test_uuid_v7_at);
  g_test_add_func ("/jinlin/uuid/v7/monotonic", test_uuid_v7_monotonic);
  g_test_add_func ("/jinlin/uuid/v7/threads", test_uuid_v7_threads);
  g_test_add_func ("/jinlin/uuid/v7/get-ms", test_uuid_v7_get_ms);
  g_test_add_func ("/jinlin/uuid/v5", test_uuid_v5);
  g_test_add_func ("/jinlin/uuid/v5/bad-namespace", test_uuid_v5_bad_namespace);
  g_test_add_func ("/jinlin/uuid/is-valid", test_uuid_is_valid);
  g_test_add_func ("/jinlin/hlc/make", test_hlc_make);
  g_test_add_func ("/jinlin/hlc/next", test_hlc_next);
  g_test_add_func ("/jinlin/hlc/next-sequence", test_hlc_next_sequence);
  g_test_add_func ("/jinlin/hlc/receive", test_hlc_receive);
  g_test_add_func ("/jinlin/hlc/receive-random", test_hlc_receive_random);
  g_test_add_func ("/jinlin/hlc/to-string", test_hlc_to_string);

  return g_test_run ();
}
