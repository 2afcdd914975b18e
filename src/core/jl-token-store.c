/* jl-token-store.c: the token store interface and its file implementation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlSync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jl-error.h"
#include "jl-token-store.h"

G_DEFINE_INTERFACE (JlTokenStore, jl_token_store, G_TYPE_OBJECT)

static void
jl_token_store_default_init (JlTokenStoreInterface *iface)
{
}

/**
 * jl_token_store_load:
 * @self: a #JlTokenStore
 * @db_path: the database the token belongs to
 * @device_id: the device the account names (a token of another device is
 *   stale and not returned)
 * @error: on failure
 *
 * Blocks.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL without an
 *   error when none is kept
 */
char *
jl_token_store_load (JlTokenStore  *self,
                     const char    *db_path,
                     const char    *device_id,
                     GError       **error)
{
  g_return_val_if_fail (JL_IS_TOKEN_STORE (self), NULL);
  return JL_TOKEN_STORE_GET_IFACE (self)->load (self, db_path, device_id, error);
}

/**
 * jl_token_store_save:
 *
 * Keeps @token of @device_id for @db_path, replacing any other. Blocks.
 */
gboolean
jl_token_store_save (JlTokenStore  *self,
                     const char    *db_path,
                     const char    *server_url,
                     const char    *device_id,
                     const char    *token,
                     GError       **error)
{
  g_return_val_if_fail (JL_IS_TOKEN_STORE (self), FALSE);
  return JL_TOKEN_STORE_GET_IFACE (self)->save (self, db_path, server_url, device_id, token, error);
}

/**
 * jl_token_store_clear:
 *
 * Forgets the token of @db_path; no token is not an error. Blocks.
 */
gboolean
jl_token_store_clear (JlTokenStore  *self,
                      const char    *db_path,
                      GError       **error)
{
  g_return_val_if_fail (JL_IS_TOKEN_STORE (self), FALSE);
  return JL_TOKEN_STORE_GET_IFACE (self)->clear (self, db_path, error);
}

/**
 * jl_token_store_describe:
 *
 * Returns: (transfer full): where the token of @db_path is kept, for the
 *   user ("Saved in the keyring")
 */
char *
jl_token_store_describe (JlTokenStore *self,
                         const char   *db_path)
{
  g_return_val_if_fail (JL_IS_TOKEN_STORE (self), NULL);
  return JL_TOKEN_STORE_GET_IFACE (self)->describe (self, db_path);
}

/* The file
 */

struct _JlTokenFile
{
  GObject parent_instance;
};

static void jl_token_file_iface_init (JlTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlTokenFile, jl_token_file, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (JL_TYPE_TOKEN_STORE, jl_token_file_iface_init))

char *
jl_token_file_path (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);
  return g_strconcat (db_path, ".account", NULL);
}

static char *
file_load (JlTokenStore  *store,
           const char    *db_path,
           const char    *device_id,
           GError       **error)
{
  g_autofree char *path = jl_token_file_path (db_path);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stored_device = NULL;
  char *token;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local_error))
    {
      /* No file: never logged in here, or logged out. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot read %s: %s"), path, local_error->message);
      return NULL;
    }
  stored_device = g_key_file_get_string (kf, "account", "device_id", NULL);
  token = g_key_file_get_string (kf, "account", "token", NULL);
  if (token != NULL && g_strcmp0 (stored_device, device_id) != 0)
    {
      memset (token, 0, strlen (token));
      g_clear_pointer (&token, g_free);
    }
  return token;
}

static gboolean
file_save (JlTokenStore  *store,
           const char    *db_path,
           const char    *server_url,
           const char    *device_id,
           const char    *token,
           GError       **error)
{
  g_autofree char *path = jl_token_file_path (db_path);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize len = 0;

  g_key_file_set_comment (kf, NULL, NULL, " Jinlin sync: the device token of this database. Keep it secret.", NULL);
  g_key_file_set_string (kf, "account", "server", server_url);
  g_key_file_set_string (kf, "account", "device_id", device_id);
  g_key_file_set_string (kf, "account", "token", token);
  data = g_key_file_to_data (kf, &len, NULL);
  if (!g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      memset (data, 0, len);
      return FALSE;
    }
  /* An existing file keeps its mode through the rename; make sure. */
  g_chmod (path, 0600);
  memset (data, 0, len);
  return TRUE;
}

static gboolean
file_clear (JlTokenStore  *store,
            const char    *db_path,
            GError       **error)
{
  g_autofree char *path = jl_token_file_path (db_path);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, JL_ERROR, JL_ERROR_IO, _("Cannot remove %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static char *
file_describe (JlTokenStore *store,
               const char   *db_path)
{
  g_autofree char *path = jl_token_file_path (db_path);

  return g_strdup_printf (_("Saved in a file readable only by you: %s"), path);
}

static void
jl_token_file_iface_init (JlTokenStoreInterface *iface)
{
  iface->load = file_load;
  iface->save = file_save;
  iface->clear = file_clear;
  iface->describe = file_describe;
}

static void
jl_token_file_class_init (JlTokenFileClass *klass)
{
}

static void
jl_token_file_init (JlTokenFile *self)
{
}

/**
 * jl_token_file_new:
 *
 * Returns: (transfer full): the token store that keeps each database's
 *   token in "DB.account" (mode 0600)
 */
JlTokenStore *
jl_token_file_new (void)
{
  return g_object_new (JL_TYPE_TOKEN_FILE, NULL);
}
