/* jl-server-auth.h: passwords, device tokens and failed-login limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  jl_server_auth_init        (void);
/* argon2id (crypto_pwhash_str), or NULL when out of memory. */
char     *jl_server_hash_password    (const char *password);
/* Tests only: the cheapest argon2id, so that test suites can add many
 * users quickly. */
char     *jl_server_hash_password_weak (const char *password,
                                        gboolean    weak);
gboolean  jl_server_verify_password  (const char *hash,
                                      const char *password);
/* Burns the time of one verification: for unknown users, so that the
 * answer takes as long as for a wrong password. */
void      jl_server_verify_dummy     (const char *password);
/* 256 random bits, base64url without padding. */
char     *jl_server_new_token        (void);
/* SHA-256 of a token, hex: the only form in which tokens are stored. */
char     *jl_server_token_hash       (const char *token);

/* Failed logins: at most @max_failures per @window_ms per key. */
typedef struct _JlRateLimit JlRateLimit;

JlRateLimit *jl_rate_limit_new       (guint        max_failures,
                                      gint64       window_ms);
void         jl_rate_limit_free      (JlRateLimit *self);
gboolean     jl_rate_limit_allowed   (JlRateLimit *self,
                                      const char  *key,
                                      gint64       now_ms);
void         jl_rate_limit_fail      (JlRateLimit *self,
                                      const char  *key,
                                      gint64       now_ms);
void         jl_rate_limit_reset     (JlRateLimit *self,
                                      const char  *key);

G_END_DECLS
