/* jl-uuid.c: record identifiers made offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-uuid.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/random.h>

/* Offsets of the dashes in the 36-character form. */
static const guint dash_pos[] = { 8, 13, 18, 23 };

/* State that keeps the ids of one process sorted when several are made in
 * the same millisecond (RFC 9562 §6.2, method 1: rand_a as a counter). */
static GMutex v7_lock;
static gint64 v7_last_ms = -1;
static guint  v7_counter;

#define V7_COUNTER_MAX 0xfff

static void
fill_random_direct (guint8 *buf,
                    gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n > 0)
        {
          done += (gsize) n;
        }
      else if (n < 0 && errno != EINTR)
        {
          /* No getrandom(2) (very old kernel or a seccomp filter): GLib's
           * generator is seeded from /dev/urandom, which is good enough
           * for the random part of an identifier. */
          for (; done < len; done++)
            buf[done] = (guint8) g_random_int_range (0, 256);
        }
    }
}

/* Random bytes come from a pool refilled 256 bytes at a time: one
 * getrandom(2) per id was a fifteenth of a bulk write (bench-store-write).
 * A forked child forgets the pool, so parent and child never share bytes. */
static GMutex pool_lock;
static guint8 pool[256];
static gsize  pool_left;

static void
pool_prepare_fork (void)
{
  g_mutex_lock (&pool_lock);
}

static void
pool_parent_fork (void)
{
  g_mutex_unlock (&pool_lock);
}

static void
pool_child_fork (void)
{
  pool_left = 0;
  g_mutex_unlock (&pool_lock);
}

static void
fill_random (guint8 *buf,
             gsize   len)
{
  static gsize atfork_done = 0;

  if (g_once_init_enter (&atfork_done))
    {
      pthread_atfork (pool_prepare_fork, pool_parent_fork, pool_child_fork);
      g_once_init_leave (&atfork_done, 1);
    }

  g_assert (len <= sizeof pool);
  g_mutex_lock (&pool_lock);
  if (pool_left < len)
    {
      fill_random_direct (pool, sizeof pool);
      pool_left = sizeof pool;
    }
  memcpy (buf, pool + sizeof pool - pool_left, len);
  memset (pool + sizeof pool - pool_left, 0, len);
  pool_left -= len;
  g_mutex_unlock (&pool_lock);
}

static char *
format_bytes (const guint8 bytes[16])
{
  static const char hex[] = "0123456789abcdef";
  char *str = g_malloc (JL_UUID_STRING_LEN + 1);
  guint pos = 0;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        str[pos++] = '-';
      str[pos++] = hex[bytes[i] >> 4];
      str[pos++] = hex[bytes[i] & 0xf];
    }
  str[pos] = '\0';

  return str;
}

/* Parses the canonical form into bytes; FALSE when @str is not one. */
static gboolean
parse_bytes (const char *str,
             guint8      bytes[16])
{
  guint n = 0;

  if (!jl_uuid_is_valid (str))
    return FALSE;

  for (guint i = 0; i < JL_UUID_STRING_LEN; i += 2)
    {
      if (str[i] == '-')
        i++;
      bytes[n++] = (guint8) ((g_ascii_xdigit_value (str[i]) << 4)
                             | g_ascii_xdigit_value (str[i + 1]));
    }
  g_assert (n == 16);

  return TRUE;
}

static char *
build_v7 (gint64 unix_ms,
          guint  rand_a)
{
  guint8 bytes[16];

  fill_random (bytes + 8, 8);

  for (guint i = 0; i < 6; i++)
    bytes[i] = (guint8) ((guint64) unix_ms >> (8 * (5 - i)));
  bytes[6] = (guint8) (0x70 | ((rand_a >> 8) & 0x0f));
  bytes[7] = (guint8) (rand_a & 0xff);
  bytes[8] = (guint8) (0x80 | (bytes[8] & 0x3f));

  return format_bytes (bytes);
}

/* A random starting value for the counter, in the lower half of its range
 * so that many ids can follow in the same millisecond. */
static guint
random_counter_seed (void)
{
  guint8 r[2];

  fill_random (r, sizeof r);

  return ((guint) r[0] << 8 | r[1]) & (V7_COUNTER_MAX >> 1);
}

/**
 * jl_uuid_v7_new:
 *
 * Makes a time-ordered UUID (version 7, RFC 9562) from the current time
 * and random bits. Ids made by one process are strictly increasing, even
 * when several are made in the same millisecond or the wall clock steps
 * back: the timestamp then stays at the last one used.
 *
 * Returns: (transfer full): the canonical lowercase form
 */
char *
jl_uuid_v7_new (void)
{
  gint64 now = g_get_real_time () / 1000;
  gint64 ms;
  guint counter;

  g_mutex_lock (&v7_lock);
  if (now > v7_last_ms)
    {
      v7_last_ms = now;
      v7_counter = random_counter_seed ();
    }
  else if (v7_counter < V7_COUNTER_MAX)
    {
      v7_counter++;
    }
  else
    {
      /* 4096 ids in one millisecond: borrow the next one. */
      v7_last_ms++;
      v7_counter = random_counter_seed ();
    }
  ms = v7_last_ms;
  counter = v7_counter;
  g_mutex_unlock (&v7_lock);

  return build_v7 (ms, counter);
}

/**
 * jl_uuid_v7_new_at:
 * @unix_ms: milliseconds since the Unix epoch, 0 to 2^48 − 1
 *
 * Makes a version 7 UUID for a given time, with all other bits random.
 * Unlike jl_uuid_v7_new() it keeps no state, so two ids made for the same
 * millisecond are in random order. Meant for tests and imports.
 *
 * Returns: (transfer full): the canonical lowercase form
 */
char *
jl_uuid_v7_new_at (gint64 unix_ms)
{
  guint8 r[2];

  g_return_val_if_fail (unix_ms >= 0 && unix_ms < ((gint64) 1 << 48), NULL);

  fill_random (r, sizeof r);

  return build_v7 (unix_ms, ((guint) r[0] << 8 | r[1]) & V7_COUNTER_MAX);
}

/**
 * jl_uuid_v5_new:
 * @namespace_uuid: the namespace, in canonical form
 * @name: the name inside the namespace (UTF-8)
 *
 * Makes a name-based UUID (version 5, SHA-1), so that the same natural key
 * gives the same id on every device.
 *
 * Returns: (transfer full) (nullable): the canonical lowercase form, or
 *   %NULL when @namespace_uuid is not a UUID
 */
char *
jl_uuid_v5_new (const char *namespace_uuid,
                const char *name)
{
  g_autoptr(GChecksum) sha1 = NULL;
  guint8 ns[16];
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (namespace_uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!parse_bytes (namespace_uuid, ns))
    {
      g_critical ("%s: “%s” is not a UUID", G_STRFUNC, namespace_uuid);
      return NULL;
    }

  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, ns, sizeof ns);
  g_checksum_update (sha1, (const guchar *) name, (gssize) strlen (name));
  g_checksum_get_digest (sha1, digest, &digest_len);
  g_assert (digest_len == 20);

  digest[6] = (guint8) (0x50 | (digest[6] & 0x0f));
  digest[8] = (guint8) (0x80 | (digest[8] & 0x3f));

  return format_bytes (digest);
}

/**
 * jl_uuid_is_valid:
 * @str: (nullable): a string
 *
 * Checks the 8-4-4-4-12 hexadecimal form (either case); the version and
 * variant are not checked.
 *
 * Returns: %TRUE when @str is a UUID in canonical form
 */
gboolean
jl_uuid_is_valid (const char *str)
{
  guint next_dash = 0;

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < JL_UUID_STRING_LEN; i++)
    {
      if (next_dash < G_N_ELEMENTS (dash_pos) && i == dash_pos[next_dash])
        {
          if (str[i] != '-')
            return FALSE;
          next_dash++;
        }
      else if (!g_ascii_isxdigit (str[i]))
        {
          /* Also stops at the terminating NUL of a short string. */
          return FALSE;
        }
    }

  return str[JL_UUID_STRING_LEN] == '\0';
}

/**
 * jl_uuid_v7_get_ms:
 * @uuid: (nullable): a UUID string
 *
 * Returns: the Unix milliseconds of a version 7 UUID, or -1 when @uuid is
 *   not a valid version 7 UUID
 */
gint64
jl_uuid_v7_get_ms (const char *uuid)
{
  guint8 bytes[16];
  gint64 ms = 0;

  if (!parse_bytes (uuid, bytes))
    return -1;
  if ((bytes[6] >> 4) != 7 || (bytes[8] & 0xc0) != 0x80)
    return -1;

  for (guint i = 0; i < 6; i++)
    ms = (ms << 8) | bytes[i];

  return ms;
}
