/* test-sync-restore.c: what a clerk does with the conflict log, without a
 * server: restoring an overwritten value (a normal edit that syncs),
 * bringing back a record deleted under someone's edit, dismissing, and
 * that these choices survive a re-pull. Also the store's "changed"
 * notification and the token store the sync client keeps its token in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-store-sync.h"
#include "jl-sync-client.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

#define C1     "0190a6e2-7c1b-7d3e-8f00-00000000c001"
#define REMOTE "0190a6e2-7c1b-7d3e-8f00-0000000000dd"

static JlSyncRow *
row_new (const char *kind,
         const char *id,
         gint64      seq)
{
  JlSyncRow *row = jl_sync_row_new (kind, id);

  row->row_seq = seq;
  return row;
}

static void
row_add (JlSyncRow  *row,
         const char *name,
         const char *json,
         gint64      ver)
{
  g_ptr_array_add (row->fields, jl_sync_field_new (name, json_from_string (json, NULL), ver,
                                                   jl_hlc_make (1764300000000, 0), REMOTE));
}

/* Pulls one conflict entry as the server would send it; returns its id. */
static char *
pull_conflict (JlStore    *store,
               const char *conflict_kind,
               const char *tbl,
               const char *row_id,
               const char *field,
               const char *winner_json,
               const char *loser_json,
               gint64      seq)
{
  g_autoptr(JlSyncPage) page = jl_sync_page_new ();
  g_autoptr(GError) error = NULL;
  char *id = jl_uuid_v7_new ();
  g_autofree char *kind_json = g_strdup_printf ("\"%s\"", conflict_kind);
  g_autofree char *tbl_json = g_strdup_printf ("\"%s\"", tbl);
  g_autofree char *row_json = g_strdup_printf ("\"%s\"", row_id);
  g_autofree char *field_json = g_strdup_printf ("\"%s\"", field);
  JlSyncRow *row = row_new ("sync_conflict", id, seq);

  row_add (row, "conflict_kind", kind_json, seq);
  row_add (row, "tbl", tbl_json, seq);
  row_add (row, "row_id", row_json, seq);
  row_add (row, "field", field_json, seq);
  row_add (row, "winner_value", winner_json, seq);
  row_add (row, "winner_user", "\"alice\"", seq);
  row_add (row, "winner_device", "\"" REMOTE "\"", seq);
  row_add (row, "loser_value", loser_json, seq);
  row_add (row, "loser_user", "\"bob\"", seq);
  row_add (row, "status", "\"open\"", seq);
  g_ptr_array_add (page->rows, row);
  page->next = seq;
  g_assert_true (_jl_store_sync_apply_page (store, C1, page, NULL, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static const char *
conflict_status (JlStore    *store,
                 const char *id,
                 GPtrArray **keep)
{
  *keep = jl_store_sync_conflicts (store, NULL, FALSE, NULL);
  for (guint i = 0; i < (*keep)->len; i++)
    if (strcmp (((JlSyncConflict *) (*keep)->pdata[i])->id, id) == 0)
      return ((JlSyncConflict *) (*keep)->pdata[i])->status;
  return NULL;
}

static gint64
outbox_for (JlStore    *store,
            const char *row_id,
            const char *field,
            const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE row_id = '%s' AND field = '%s'"
                                          " AND value = '%s'", row_id, field, value);
  return jl_test_sql_int (store, sql);
}

static char *
new_unit (JlStore    *store,
          const char *name)
{
  g_free (jl_test_putf_ok (store, "community", "{\"id\": \"%s\", \"name\": \"鹭江社区\"}", C1));
  return jl_test_putf_ok (store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"%s\"}", C1, name);
}

/* Scenario 4: the other clerk's value won; Restore writes ours back as a
 * normal edit (outbox, so it syncs) and closes the entry. */
static void
test_restore_concurrent (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = new_unit (store, "自来水公司");
  g_autofree char *conflict = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;

  g_assert_true (_jl_store_exec (store, "DELETE FROM outbox", NULL));
  g_object_unref (jl_test_update_ok (store, "partner_unit", unit, "{\"address\": \"湖滨南路1号\"}"));
  g_assert_true (_jl_store_exec (store, "DELETE FROM outbox", NULL));
  conflict = pull_conflict (store, "concurrent", "partner_unit", unit, "address",
                            "\"湖滨南路1号\"", "\"厦禾路88号\"", 20);

  g_assert_true (jl_store_sync_restore_conflict (store, conflict, &error));
  g_assert_no_error (error);
  record = jl_test_get_ok (store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "address"), ==, "厦禾路88号");
  g_assert_cmpint (outbox_for (store, unit, "address", "\"厦禾路88号\""), ==, 1);
  g_assert_cmpstr (conflict_status (store, conflict, &keep), ==, "restored");
  open = jl_store_sync_conflicts (store, NULL, TRUE, NULL);
  g_assert_cmpuint (open->len, ==, 0);

  /* Twice is refused, and changes nothing. */
  g_assert_false (jl_store_sync_restore_conflict (store, conflict, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_INVALID);
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, 1);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* Scenario 9: one clerk deleted the unit, another edited it; Restore
 * brings the unit back with the edit, in search again, and the undelete
 * goes to the outbox. */
static void
test_restore_edited_after_delete (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = new_unit (store, "净水科技公司");
  g_autofree char *title = NULL;
  g_autofree char *conflict = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;

  g_assert_true (jl_store_delete (store, "partner_unit", unit, &error));
  g_assert_true (_jl_store_exec (store, "DELETE FROM outbox", NULL));
  conflict = pull_conflict (store, "edited_after_delete", "partner_unit", unit, "note", "true",
                            "\"周三上午可提供场地\"", 21);
  title = jl_store_sync_row_title (store, "partner_unit", unit);
  g_assert_cmpstr (title, ==, "净水科技公司");

  g_assert_true (jl_store_sync_restore_conflict (store, conflict, &error));
  g_assert_no_error (error);
  record = jl_test_get_ok (store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "note"), ==, "周三上午可提供场地");
  g_assert_cmpint (outbox_for (store, unit, "_deleted", "false"), ==, 1);
  g_assert_cmpint (outbox_for (store, unit, "note", "\"周三上午可提供场地\""), ==, 1);
  hits = jl_store_search (store, "净水", NULL, NULL, 0, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (conflict_status (store, conflict, &keep), ==, "restored");
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* A member of a deleted unit cannot come back alone: a clear error and
 * nothing changed. */
static void
test_restore_needs_parent (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = new_unit (store, "供电公司");
  g_autofree char *member = jl_test_putf_ok (store, "part_time_member",
                                             "{\"unit_id\": \"%s\", \"name\": \"林志强\", \"term_start\": \"2025-01-01\"}",
                                             unit);
  g_autofree char *conflict = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox;

  g_assert_true (jl_store_delete (store, "partner_unit", unit, &error));
  conflict = pull_conflict (store, "edited_after_delete", "part_time_member", member, "unit_post", "true",
                            "\"副经理\"", 22);
  outbox = jl_store_outbox_count (store, NULL);
  g_assert_false (jl_store_sync_restore_conflict (store, conflict, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "供电公司"));
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, outbox);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT deleted FROM part_time_member"), ==, 1);
  g_assert_cmpstr (conflict_status (store, conflict, &keep), ==, "open");
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* Dismiss keeps the value and writes nothing; frozen and rejected entries
 * cannot be restored; a re-pull (after a cursor reset) keeps the clerk's
 * choice. */
static void
test_dismiss_and_repull (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = new_unit (store, "燃气公司");
  g_autofree char *dismissed = NULL;
  g_autofree char *frozen = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GPtrArray) keep2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;
  gint64 outbox;

  g_assert_true (_jl_store_exec (store, "DELETE FROM outbox", NULL));
  dismissed = pull_conflict (store, "concurrent", "partner_unit", unit, "name", "\"燃气公司\"", "\"华润燃气\"", 30);
  frozen = pull_conflict (store, "frozen", "partner_unit", unit, "name", "\"燃气公司\"", "\"港华燃气\"", 31);

  g_assert_false (jl_store_sync_restore_conflict (store, frozen, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (jl_store_sync_dismiss_conflict (store, dismissed, &error));
  g_assert_no_error (error);
  g_assert_true (jl_store_sync_dismiss_conflict (store, frozen, &error));
  g_assert_no_error (error);
  record = jl_test_get_ok (store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "燃气公司");
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, 0);

  /* The server still says "open" (v1 does not sync the status): pulling
   * the entry again leaves it dismissed. */
  outbox = jl_store_outbox_count (store, NULL);
  g_free (pull_conflict (store, "concurrent", "partner_unit", unit, "name", "\"x\"", "\"y\"", 32));
  {
    g_autoptr(JlSyncPage) page = jl_sync_page_new ();
    JlSyncRow *row = row_new ("sync_conflict", dismissed, 30);

    row_add (row, "conflict_kind", "\"concurrent\"", 30);
    row_add (row, "tbl", "\"partner_unit\"", 30);
    row_add (row, "row_id", "\"x\"", 30);
    row_add (row, "field", "\"name\"", 30);
    row_add (row, "status", "\"open\"", 30);
    g_ptr_array_add (page->rows, row);
    page->next = 33;
    g_assert_true (_jl_store_sync_apply_page (store, C1, page, NULL, NULL, &error));
  }
  g_assert_cmpstr (conflict_status (store, dismissed, &keep), ==, "dismissed");
  g_assert_cmpstr (conflict_status (store, frozen, &keep2), ==, "dismissed");
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, outbox);
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
count_cb (JlStore *store,
          guint   *count)
{
  (*count)++;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Local writes give one "changed" on the main loop, after the commit;
 * pulled pages and failed writes give none. */
static void
test_changed_signal (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = new_unit (store, "邮政支局");
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_signal_connect (store, "changed", G_CALLBACK (count_cb), &count);
  g_object_unref (jl_test_update_ok (store, "partner_unit", unit, "{\"address\": \"一\"}"));
  g_object_unref (jl_test_update_ok (store, "partner_unit", unit, "{\"address\": \"二\"}"));
  g_assert_cmpuint (count, ==, 0);   /* never from inside the write */
  spin (50);
  g_assert_cmpuint (count, ==, 1);   /* two commits, one emission */

  g_free (pull_conflict (store, "concurrent", "partner_unit", unit, "name", "\"a\"", "\"b\"", 40));
  g_clear_error (&error);
  error = jl_test_put_fails (store, "partner_unit", unit, "{\"chief_mobile\": \"123\"}", JL_ERROR_INVALID);
  g_clear_error (&error);
  spin (50);
  g_assert_cmpuint (count, ==, 1);

  g_assert_true (jl_store_delete (store, "partner_unit", unit, &error));
  spin (50);
  g_assert_cmpuint (count, ==, 2);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* The default token store: a 0600 file next to the database; a token of
 * another device is not handed out; clear removes it. */
static void
test_token_file (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *db = g_build_filename (dir, "jinlin.db", NULL);
  g_autofree char *path = jl_token_file_path (db);
  g_autoptr(JlTokenStore) tokens = jl_token_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *where = NULL;
  GStatBuf st;

  g_assert_null (jl_token_store_load (tokens, db, "dev-1", &error));
  g_assert_no_error (error);
  g_assert_true (jl_token_store_save (tokens, db, "http://127.0.0.1:1/", "dev-1", "secret-token", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  token = jl_token_store_load (tokens, db, "dev-1", &error);
  g_assert_cmpstr (token, ==, "secret-token");
  other = jl_token_store_load (tokens, db, "dev-2", &error);
  g_assert_null (other);
  g_assert_no_error (error);
  where = jl_token_store_describe (tokens, db);
  g_assert_nonnull (strstr (where, path));
  g_assert_true (jl_token_store_clear (tokens, db, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (jl_token_store_clear (tokens, db, &error));
  g_assert_no_error (error);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* A token store the app can plug in (the keyring): the client reads the
 * token from it, never from the file, and logging out clears it while the
 * account and the outbox stay. */
#define TEST_TYPE_MEMORY_TOKENS (test_memory_tokens_get_type ())
G_DECLARE_FINAL_TYPE (TestMemoryTokens, test_memory_tokens, TEST, MEMORY_TOKENS, GObject)

struct _TestMemoryTokens
{
  GObject  parent_instance;
  char    *device_id;
  char    *token;
};

static void test_memory_tokens_iface_init (JlTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMemoryTokens, test_memory_tokens, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (JL_TYPE_TOKEN_STORE, test_memory_tokens_iface_init))

static char *
mem_load (JlTokenStore *store, const char *db, const char *device_id, GError **error)
{
  TestMemoryTokens *self = TEST_MEMORY_TOKENS (store);
  return g_strcmp0 (device_id, self->device_id) == 0 ? g_strdup (self->token) : NULL;
}

static gboolean
mem_save (JlTokenStore *store, const char *db, const char *url, const char *device_id, const char *token,
          GError **error)
{
  TestMemoryTokens *self = TEST_MEMORY_TOKENS (store);
  g_free (self->device_id);
  g_free (self->token);
  self->device_id = g_strdup (device_id);
  self->token = g_strdup (token);
  return TRUE;
}

static gboolean
mem_clear (JlTokenStore *store, const char *db, GError **error)
{
  TestMemoryTokens *self = TEST_MEMORY_TOKENS (store);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->token, g_free);
  return TRUE;
}

static char *
mem_describe (JlTokenStore *store, const char *db)
{
  return g_strdup ("memory");
}

static void
test_memory_tokens_iface_init (JlTokenStoreInterface *iface)
{
  iface->load = mem_load;
  iface->save = mem_save;
  iface->clear = mem_clear;
  iface->describe = mem_describe;
}

static void
test_memory_tokens_finalize (GObject *object)
{
  mem_clear (JL_TOKEN_STORE (object), NULL, NULL);
  G_OBJECT_CLASS (test_memory_tokens_parent_class)->finalize (object);
}

static void
test_memory_tokens_class_init (TestMemoryTokensClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_memory_tokens_finalize;
}

static void
test_memory_tokens_init (TestMemoryTokens *self)
{
}

static void
test_pluggable_token_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autoptr(JlSyncClient) client = jl_sync_client_new (store);
  g_autoptr(JlTokenStore) tokens = g_object_new (TEST_TYPE_MEMORY_TOKENS, NULL);
  g_autoptr(JlTokenStore) file = jl_token_file_new ();
  g_autoptr(JlSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *communities[] = { C1, NULL };
  JlSyncAccount a = { .server_url = (char *) "http://127.0.0.1:1/", .user_name = (char *) "wang",
                      .remote_device_id = (char *) "dev-1", .role = (char *) "clerk",
                      .communities = (GStrv) communities };

  g_free (new_unit (store, "税务所"));
  g_assert_true (_jl_store_sync_set_account (store, &a, &error));
  g_assert_no_error (error);
  /* The file holds a token, but the client was told to use the keyring. */
  g_assert_true (jl_token_store_save (file, jl_store_get_path (store), a.server_url, "dev-1", "file-token", NULL));
  jl_sync_client_set_token_store (client, tokens);
  g_assert_true (jl_sync_client_get_token_store (client) == tokens);
  g_assert_false (jl_sync_client_is_logged_in (client));
  g_assert_true (jl_token_store_save (tokens, jl_store_get_path (store), a.server_url, "dev-1", "t", NULL));
  g_assert_true (jl_sync_client_is_logged_in (client));

  g_assert_true (jl_sync_client_logout_sync (client, &error));
  g_assert_no_error (error);
  g_assert_false (jl_sync_client_is_logged_in (client));
  account = jl_store_sync_get_account (store, NULL);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->user_name, ==, "wang");
  g_assert_cmpint (jl_store_outbox_count (store, NULL), >, 0);
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  jl_test_init (&argc, &argv);
  g_test_add_func ("/sync-restore/concurrent", test_restore_concurrent);
  g_test_add_func ("/sync-restore/edited-after-delete", test_restore_edited_after_delete);
  g_test_add_func ("/sync-restore/needs-parent", test_restore_needs_parent);
  g_test_add_func ("/sync-restore/dismiss-and-repull", test_dismiss_and_repull);
  g_test_add_func ("/sync-restore/store-changed-signal", test_changed_signal);
  g_test_add_func ("/sync-restore/token-file", test_token_file);
  g_test_add_func ("/sync-restore/pluggable-token-store", test_pluggable_token_store);
  return g_test_run ();
}
