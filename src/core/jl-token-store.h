/* jl-token-store.h: where the sync client keeps a database's device token
 *
 * The token is a password: whoever holds it can sync as this computer.
 * The core keeps it in a 0600 file next to the database (JlTokenFile), so
 * jinlin-cli and the server's host need no keyring; the desktop app plugs
 * in the keyring (libsecret) through this interface with
 * jl_sync_client_set_token_store().
 *
 * Every function may block (disk, D-Bus): the sync client calls them from
 * its worker threads, never from the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JL_TYPE_TOKEN_STORE (jl_token_store_get_type ())

G_DECLARE_INTERFACE (JlTokenStore, jl_token_store, JL, TOKEN_STORE, GObject)

struct _JlTokenStoreInterface
{
  GTypeInterface parent_iface;

  /* The token of @device_id for the database at @db_path, or NULL
   * (without an error) when none is kept. */
  char     *(*load)     (JlTokenStore  *self,
                         const char    *db_path,
                         const char    *device_id,
                         GError       **error);
  gboolean  (*save)     (JlTokenStore  *self,
                         const char    *db_path,
                         const char    *server_url,
                         const char    *device_id,
                         const char    *token,
                         GError       **error);
  /* Forgets the token; no token is not an error. */
  gboolean  (*clear)    (JlTokenStore  *self,
                         const char    *db_path,
                         GError       **error);
  /* Where the token of @db_path is kept, in the user's language. */
  char     *(*describe) (JlTokenStore  *self,
                         const char    *db_path);
};

char         *jl_token_store_load      (JlTokenStore  *self,
                                        const char    *db_path,
                                        const char    *device_id,
                                        GError       **error);
gboolean      jl_token_store_save      (JlTokenStore  *self,
                                        const char    *db_path,
                                        const char    *server_url,
                                        const char    *device_id,
                                        const char    *token,
                                        GError       **error);
gboolean      jl_token_store_clear     (JlTokenStore  *self,
                                        const char    *db_path,
                                        GError       **error);
char         *jl_token_store_describe  (JlTokenStore  *self,
                                        const char    *db_path);

/* The default: a key file readable only by its owner, next to the
 * database ("jinlin.db.account", keys server, device_id, token). */
#define JL_TYPE_TOKEN_FILE (jl_token_file_get_type ())

G_DECLARE_FINAL_TYPE (JlTokenFile, jl_token_file, JL, TOKEN_FILE, GObject)

JlTokenStore *jl_token_file_new        (void);
/* "DB.account" */
char         *jl_token_file_path       (const char    *db_path);

G_END_DECLS
