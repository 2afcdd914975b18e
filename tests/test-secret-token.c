/* test-secret-token.c: the app's token store, with and without a keyring
 *
 * Run twice by meson: under run-with-keyring.sh (a private session bus
 * and an unlocked gnome-keyring: JINLIN_TEST_KEYRING=1), where the token
 * must live in the keyring and never in the file; and with a session bus
 * address that leads nowhere (JINLIN_TEST_KEYRING=none), where it must
 * fall back to the 0600 file and say so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jl-secret-token-store.h"
#include "jl-test-util.h"

static const char *
mode (void)
{
  const char *m = g_getenv ("JINLIN_TEST_KEYRING");
  return m ? m : "";
}

static void
test_keyring (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autoptr(JlTokenStore) tokens = NULL;
  g_autoptr(JlTokenStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  g_autofree char *where = NULL;
  g_autofree char *after = NULL;

  if (g_strcmp0 (mode (), "1") != 0)
    {
      g_test_skip ("no keyring here (run through tests/run-with-keyring.sh)");
      return;
    }
  dir = jl_test_dir_new ();
  db = g_build_filename (dir, "jinlin.db", NULL);
  file = jl_token_file_path (db);
  tokens = jl_secret_token_store_new (TRUE);

  g_assert_true (jl_token_store_save (tokens, db, "http://127.0.0.1:1/", "dev-1", "keyring-token", &error));
  g_assert_no_error (error);
  where = jl_token_store_describe (tokens, db);
  g_assert_cmpstr (where, ==, _("Saved in the keyring"));
  /* One home only: no copy in a file. */
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  /* Another run of the app finds it (nothing remembered in memory). */
  fresh = jl_secret_token_store_new (TRUE);
  token = jl_token_store_load (fresh, db, "dev-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "keyring-token");
  other = jl_token_store_load (fresh, db, "dev-2", &error);
  g_assert_null (other);

  g_assert_true (jl_token_store_clear (fresh, db, &error));
  again = jl_token_store_load (fresh, db, "dev-1", &error);
  g_assert_no_error (error);
  g_assert_null (again);
  after = jl_token_store_describe (fresh, db);
  g_assert_nonnull (strstr (after, file));
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
test_no_keyring_uses_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *file = NULL;
  g_autoptr(JlTokenStore) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *where = NULL;
  GStatBuf st;

  if (g_strcmp0 (mode (), "none") != 0)
    {
      g_test_skip ("a session bus may answer here (run with JINLIN_TEST_KEYRING=none)");
      return;
    }
  dir = jl_test_dir_new ();
  db = g_build_filename (dir, "jinlin.db", NULL);
  file = jl_token_file_path (db);
  tokens = jl_secret_token_store_new (TRUE);

  g_assert_true (jl_token_store_save (tokens, db, "http://127.0.0.1:1/", "dev-1", "file-token", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  where = jl_token_store_describe (tokens, db);
  g_assert_nonnull (strstr (where, file));
  token = jl_token_store_load (tokens, db, "dev-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "file-token");
  g_assert_true (jl_token_store_clear (tokens, db, &error));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  jl_test_init (&argc, &argv);
  g_test_add_func ("/secret-token/keyring", test_keyring);
  g_test_add_func ("/secret-token/no-keyring-uses-file", test_no_keyring_uses_file);
  return g_test_run ();
}
