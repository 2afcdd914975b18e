/* jl-server-auth.c: passwords, device tokens and failed-login limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "jl-server-auth.h"

#define TOKEN_BYTES 32

gboolean
jl_server_auth_init (void)
{
  return sodium_init () >= 0;
}

char *
jl_server_hash_password_weak (const char *password,
                              gboolean    weak)
{
  char hash[crypto_pwhash_STRBYTES];

  /* The cost is stored in the hash, so verifying follows it. */
  if (crypto_pwhash_str (hash, password, strlen (password),
                         weak ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         weak ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return NULL;
  return g_strdup (hash);
}

char *
jl_server_hash_password (const char *password)
{
  return jl_server_hash_password_weak (password, FALSE);
}

gboolean
jl_server_verify_password (const char *hash,
                           const char *password)
{
  if (hash == NULL || password == NULL)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

void
jl_server_verify_dummy (const char *password)
{
  static char *dummy = NULL;

  if (dummy == NULL)
    dummy = jl_server_hash_password ("jinlin-dummy-password");
  jl_server_verify_password (dummy, password);
}

char *
jl_server_new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  char *text;

  randombytes_buf (bytes, sizeof bytes);
  text = g_base64_encode (bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);
  /* base64url, no padding */
  for (char *p = text; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        *p = '\0';
    }
  return text;
}

char *
jl_server_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/* Rate limiting
 */

struct _JlRateLimit
{
  guint       max_failures;
  gint64      window_ms;
  GHashTable *failures;   /* key → GArray of gint64 times */
};

JlRateLimit *
jl_rate_limit_new (guint  max_failures,
                   gint64 window_ms)
{
  JlRateLimit *self = g_new0 (JlRateLimit, 1);

  self->max_failures = max_failures;
  self->window_ms = window_ms;
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  return self;
}

void
jl_rate_limit_free (JlRateLimit *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->failures);
  g_free (self);
}

/* Drops failures older than the window; returns how many are left. */
static guint
prune (JlRateLimit *self,
       GArray      *times,
       gint64       now_ms)
{
  guint keep = 0;

  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, gint64, i) > now_ms - self->window_ms)
      g_array_index (times, gint64, keep++) = g_array_index (times, gint64, i);
  g_array_set_size (times, keep);
  return keep;
}

gboolean
jl_rate_limit_allowed (JlRateLimit *self,
                       const char  *key,
                       gint64       now_ms)
{
  GArray *times = g_hash_table_lookup (self->failures, key);

  return times == NULL || prune (self, times, now_ms) < self->max_failures;
}

void
jl_rate_limit_fail (JlRateLimit *self,
                    const char  *key,
                    gint64       now_ms)
{
  GArray *times = g_hash_table_lookup (self->failures, key);

  /* Keep the table small: an attacker trying many names fills it. */
  if (times == NULL && g_hash_table_size (self->failures) > 10000)
    g_hash_table_remove_all (self->failures);
  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->failures, g_strdup (key), times);
    }
  g_array_append_val (times, now_ms);
}

void
jl_rate_limit_reset (JlRateLimit *self,
                     const char  *key)
{
  g_hash_table_remove (self->failures, key);
}
