/* jl-secret-token-store.c: the device token in the keyring, or the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlSecret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "jl-secret-token-store.h"

struct _JlSecretTokenStore
{
  GObject       parent_instance;

  gboolean      use_keyring;
  JlTokenStore *file;
  GMutex        lock;
  GHashTable   *in_keyring;   /* db path → TRUE when its token is in the keyring */
};

static void jl_secret_token_store_iface_init (JlTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlSecretTokenStore, jl_secret_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (JL_TYPE_TOKEN_STORE, jl_secret_token_store_iface_init))

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "cn.jinlin.Jinlin.DeviceToken", SECRET_SCHEMA_NONE,
    {
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "device", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static void
remember (JlSecretTokenStore *self,
          const char         *db_path,
          gboolean            in_keyring)
{
  g_mutex_lock (&self->lock);
  if (in_keyring)
    g_hash_table_insert (self->in_keyring, g_strdup (db_path), GINT_TO_POINTER (TRUE));
  else
    g_hash_table_remove (self->in_keyring, db_path);
  g_mutex_unlock (&self->lock);
}

static char *
secret_load (JlTokenStore  *store,
             const char    *db_path,
             const char    *device_id,
             GError       **error)
{
  JlSecretTokenStore *self = JL_SECRET_TOKEN_STORE (store);
  g_autoptr(GError) local_error = NULL;
  char *token = NULL;

  if (self->use_keyring)
    {
      token = secret_password_lookup_sync (token_schema (), NULL, &local_error,
                                           "database", db_path, "device", device_id, NULL);
      if (local_error != NULL)
        g_debug ("keyring lookup failed, trying the file: %s", local_error->message);
      if (token != NULL)
        {
          char *copy = g_strdup (token);

          secret_password_free (token);
          remember (self, db_path, TRUE);
          return copy;
        }
    }
  /* A token saved while no keyring ran, or by jinlin-cli. */
  remember (self, db_path, FALSE);
  return jl_token_store_load (self->file, db_path, device_id, error);
}

static gboolean
secret_save (JlTokenStore  *store,
             const char    *db_path,
             const char    *server_url,
             const char    *device_id,
             const char    *token,
             GError       **error)
{
  JlSecretTokenStore *self = JL_SECRET_TOKEN_STORE (store);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  if (self->use_keyring)
    {
      label = g_strdup_printf (_("Jinlin sync token for %s"), db_path);
      secret_password_clear_sync (token_schema (), NULL, NULL, "database", db_path, NULL);
      if (secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, NULL,
                                      &local_error, "database", db_path, "device", device_id, NULL))
        {
          /* One home only: an older token in the file would be stale. */
          jl_token_store_clear (self->file, db_path, NULL);
          remember (self, db_path, TRUE);
          return TRUE;
        }
      g_message ("no keyring for the sync token, using the file: %s", local_error->message);
    }
  remember (self, db_path, FALSE);
  return jl_token_store_save (self->file, db_path, server_url, device_id, token, error);
}

static gboolean
secret_clear (JlTokenStore  *store,
              const char    *db_path,
              GError       **error)
{
  JlSecretTokenStore *self = JL_SECRET_TOKEN_STORE (store);
  g_autoptr(GError) local_error = NULL;

  if (self->use_keyring &&
      !secret_password_clear_sync (token_schema (), NULL, &local_error, "database", db_path, NULL) &&
      local_error != NULL)
    g_debug ("keyring clear failed: %s", local_error->message);
  remember (self, db_path, FALSE);
  return jl_token_store_clear (self->file, db_path, error);
}

static char *
secret_describe (JlTokenStore *store,
                 const char   *db_path)
{
  JlSecretTokenStore *self = JL_SECRET_TOKEN_STORE (store);
  gboolean in_keyring;

  g_mutex_lock (&self->lock);
  in_keyring = g_hash_table_contains (self->in_keyring, db_path);
  g_mutex_unlock (&self->lock);
  if (in_keyring)
    return g_strdup (_("Saved in the keyring"));
  return jl_token_store_describe (self->file, db_path);
}

static void
jl_secret_token_store_iface_init (JlTokenStoreInterface *iface)
{
  iface->load = secret_load;
  iface->save = secret_save;
  iface->clear = secret_clear;
  iface->describe = secret_describe;
}

static void
jl_secret_token_store_finalize (GObject *object)
{
  JlSecretTokenStore *self = JL_SECRET_TOKEN_STORE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->in_keyring, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (jl_secret_token_store_parent_class)->finalize (object);
}

static void
jl_secret_token_store_class_init (JlSecretTokenStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jl_secret_token_store_finalize;
}

static void
jl_secret_token_store_init (JlSecretTokenStore *self)
{
  g_mutex_init (&self->lock);
  self->file = jl_token_file_new ();
  self->in_keyring = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

JlTokenStore *
jl_secret_token_store_new (gboolean use_keyring)
{
  JlSecretTokenStore *self = g_object_new (JL_TYPE_SECRET_TOKEN_STORE, NULL);

  self->use_keyring = use_keyring;
  return JL_TOKEN_STORE (self);
}
