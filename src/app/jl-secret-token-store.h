/* jl-secret-token-store.h: the device token in the desktop keyring
 *
 * A JlTokenStore that keeps each database's token with libsecret (the
 * Secret Service: GNOME Keyring, KWallet) and falls back to the core's
 * 0600 file when no keyring answers (no session bus, no service, a locked
 * keyring nobody can unlock). It remembers which one it used, so the
 * account dialog can say where the token is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-token-store.h"

G_BEGIN_DECLS

#define JL_TYPE_SECRET_TOKEN_STORE (jl_secret_token_store_get_type ())

G_DECLARE_FINAL_TYPE (JlSecretTokenStore, jl_secret_token_store, JL, SECRET_TOKEN_STORE, GObject)

/* @use_keyring FALSE: always the file (tests; JINLIN_TOKEN_STORE=file). */
JlTokenStore *jl_secret_token_store_new (gboolean use_keyring);

G_END_DECLS
