/* test-sync-store.c: the store's side of sync without a server: the
 * migration to schema 6 of a database holding data, batches, push replies
 * and pulled pages applied in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-store-sync.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

#define C1     "0190a6e2-7c1b-7d3e-8f00-00000000c001"
#define REMOTE "0190a6e2-7c1b-7d3e-8f00-0000000000dd"

static void
update_ok (JlStore    *store,
           const char *kind,
           const char *id,
           const char *json)
{
  g_autoptr(JlRecord) record = jl_test_update_ok (store, kind, id, json);
}

static char *
fill (JlStore *store)
{
  g_autofree char *person = NULL;

  g_free (jl_test_putf_ok (store, "community", "{\"id\": \"%s\", \"name\": \"鹭江社区\", \"households\": 3200}", C1));
  person = jl_test_putf_ok (store, "person", "{\"community_id\": \"%s\", \"name\": \"陈美丽\"}", C1);
  g_free (jl_test_putf_ok (store, "meeting",
                           "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"第一季度联席会议\","
                           " \"held_at\": \"2025-03-05 14:30\", \"host_id\": \"%s\","
                           " \"attendance\": [{\"name\": \"陈美丽\", \"status\": \"present\"}]}", C1, person));
  return jl_test_putf_ok (store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"自来水公司\"}", C1);
}

/* A schema 5 database with data and a full outbox upgrades to the
 * current version: same device, same outbox, empty sync bookkeeping, a
 * backup of the old file. */
static void
test_migrate_v5 (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "jinlin.db", NULL);
  g_autofree char *backup = g_strdup_printf ("%s.pre-v%d.bak", path, JL_STORE_SCHEMA_VERSION);
  g_autofree char *device = NULL;
  g_autofree char *unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = _jl_store_open_at_version (path, 5, &error);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(JlRecord) record = NULL;
  gint64 n_outbox;

  g_assert_no_error (error);
  g_assert_cmpint (jl_store_get_schema_version (store), ==, 5);
  unit = fill (store);
  device = g_strdup (jl_store_get_device_id (store));
  n_outbox = jl_store_outbox_count (store, NULL);
  g_assert_cmpint (n_outbox, >, 10);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'sync_cursor'"), ==, 0);
  g_clear_object (&store);

  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jl_store_get_schema_version (store), ==, JL_STORE_SCHEMA_VERSION);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (jl_store_get_device_id (store), ==, device);
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, n_outbox);
  record = jl_store_get (store, "partner_unit", unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "自来水公司");

  /* The new tables are there and empty. */
  g_assert_null (jl_store_sync_get_account (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jl_store_sync_get_cursor (store, C1, NULL), ==, 0);
  conflicts = jl_store_sync_conflicts (store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM sync_remote"), ==, 0);

  /* The old outbox is pushable. */
  batch = _jl_store_sync_take_batch (store, "batch-1", (const char *[]) { C1, NULL }, 500, 1 << 20, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch->len, ==, n_outbox);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM outbox WHERE batch = 'batch-1'"), ==, n_outbox);

  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* Schema 8 adds the demo mark and the pulled-row notes: a schema 7
 * database keeps its data, outbox and cursor, is not taken for a demo,
 * and has no notes yet (its next pull is a full one). */
static void
test_migrate_v7 (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "jinlin.db", NULL);
  g_autofree char *unit = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = _jl_store_open_at_version (path, 7, &error);
  g_autoptr(JlRecord) record = NULL;
  gint64 n_outbox, count = -1, epoch = -1, max_dseq = -1;

  g_assert_no_error (error);
  unit = fill (store);
  n_outbox = jl_store_outbox_count (store, NULL);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'sync_row'"), ==, 0);
  g_clear_object (&store);

  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jl_store_get_schema_version (store), ==, JL_STORE_SCHEMA_VERSION);
  g_assert_false (jl_store_holds_demo (store));
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, n_outbox);
  record = jl_store_get (store, "partner_unit", unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "自来水公司");
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM sync_row"), ==, 0);
  g_assert_true (_jl_store_sync_summary (store, C1, &count, &hash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 0);
  g_assert_cmpstr (hash, ==, "0000000000000000");
  g_assert_true (_jl_store_sync_get_epoch (store, &epoch, &max_dseq, &error));
  g_assert_cmpint (epoch, ==, 0);
  g_assert_cmpint (max_dseq, >=, n_outbox);

  g_assert_true (_jl_store_mark_demo (store, &error));
  g_assert_true (jl_store_holds_demo (store));

  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* SYNC.md scenario 18: values an older version kept aside (a field or a
 * kind it did not know) are written into their tables by the version
 * that knows them, when it opens the database; what it still cannot
 * store stays, and a pending local edit keeps its value. */
static void
test_take_up_remote (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = fill (store);
  g_autofree char *person = jl_uuid_v7_new ();
  g_autofree char *path = g_strdup (jl_store_get_path (store));
  g_autoptr(JlRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 n_outbox;

  update_ok (store, "partner_unit", unit, "{\"address\": \"本地待推送\"}");
  /* What an older version would have written while pulling. */
  sql = g_strdup_printf ("INSERT INTO sync_remote (row_id, field, tbl, community_id, value, ver, hlc, device_id)"
                         " VALUES ('%s', 'chief', 'partner_unit', '%s', '\"王主任\"', 21, 5, 'dev-b'),"
                         " ('%s', 'address', 'partner_unit', '%s', '\"服务器地址\"', 22, 5, 'dev-b'),"
                         " ('%s', 'not_yet_known', 'partner_unit', '%s', '{\"x\": 1}', 23, 5, 'dev-b'),"
                         " ('%s', 'name', 'person', '%s', '\"李四\"', 24, 5, 'dev-b'),"
                         " ('%s', '_deleted', 'person', '%s', 'false', 24, 5, 'dev-b')",
                         unit, C1, unit, C1, unit, C1, person, C1, person, C1);
  g_assert_true (_jl_store_exec (store, sql, NULL));
  n_outbox = jl_store_outbox_count (store, NULL);
  g_clear_object (&store);

  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  record = jl_store_get (store, "partner_unit", unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jl_record_get_string (record, "chief"), ==, "王主任");
  g_assert_cmpstr (jl_record_get_string (record, "address"), ==, "本地待推送");
  g_clear_object (&record);
  record = jl_store_get (store, "person", person, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "李四");
  g_assert_cmpint (jl_test_sql_int (store, "SELECT ver FROM field_version WHERE field = 'chief'"), ==, 21);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM sync_remote"), ==, 2);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM sync_remote WHERE field IN"
                                           " ('not_yet_known', 'address')"), ==, 2);
  /* Nothing of it is a local edit to push. */
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, n_outbox);
}

/* Marked entries are never coalesced with later edits; only the
 * account's communities are taken, the rest wait. */
static void
test_batch (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = fill (store);
  g_autofree char *other = jl_test_put_ok (store, "community", "{\"name\": \"别的社区\"}");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = jl_store_outbox_count (store, NULL);
  first = _jl_store_sync_take_batch (store, "b1", (const char *[]) { C1, NULL }, 500, 1 << 20, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->len, ==, n - 1);
  g_assert_cmpint (jl_store_sync_pending_count (store, (const char *[]) { other, NULL }, NULL), ==, 1);

  /* An edit while b1 is in flight: a new entry. */
  update_ok (store, "partner_unit", unit, "{\"name\": \"新名称\"}");
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, n + 1);
  /* Size limits cut batches, but never to nothing. */
  second = _jl_store_sync_take_batch (store, "b2", (const char *[]) { C1, NULL }, 3, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 1);
  jl_test_dir_free (g_steal_pointer (&dir));
}

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

/* A pulled page: known rows are written (search too), a pending local
 * edit keeps its value, unknown kinds and fields are kept aside, conflict
 * entries are stored, nothing reaches the outbox, the cursor moves. */
static void
test_apply_page (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = fill (store);
  g_autofree char *new_unit = jl_uuid_v7_new ();
  g_autofree char *future = jl_uuid_v7_new ();
  g_autofree char *conflict = jl_uuid_v7_new ();
  g_autoptr(JlSyncPage) page = jl_sync_page_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;
  JlSyncRow *row;
  guint n_rows = 0, n_conflicts = 0;
  gint64 n_outbox;

  /* Everything local so far is acknowledged, except one edit. */
  g_assert_true (_jl_store_exec (store, "DELETE FROM outbox", NULL));
  update_ok (store, "partner_unit", unit, "{\"address\": \"本地地址\"}");
  n_outbox = jl_store_outbox_count (store, NULL);
  g_assert_cmpint (n_outbox, ==, 1);

  row = row_new ("partner_unit", unit, 10);
  row_add (row, "name", "\"服务器的名称\"", 10);
  row_add (row, "address", "\"服务器的地址\"", 9);
  row_add (row, "future_field", "{\"x\": 1}", 8);
  row_add (row, "status", "\"no-such-status\"", 7);
  g_ptr_array_add (page->rows, row);
  row = row_new ("partner_unit", new_unit, 11);
  row_add (row, "community_id", "\"" C1 "\"", 11);
  row_add (row, "name", "\"净水科技公司\"", 11);
  row_add (row, "resources", "[\"场地\"]", 11);
  g_ptr_array_add (page->rows, row);
  row = row_new ("future_kind", future, 12);
  row_add (row, "title", "\"来自新版本\"", 12);
  g_ptr_array_add (page->rows, row);
  row = row_new ("sync_conflict", conflict, 13);
  row_add (row, "conflict_kind", "\"concurrent\"", 13);
  row_add (row, "tbl", "\"partner_unit\"", 13);
  row_add (row, "row_id", "\"" C1 "\"", 13);
  row_add (row, "field", "\"name\"", 13);
  row_add (row, "winner_value", "\"赢\"", 13);
  row_add (row, "loser_value", "\"输\"", 13);
  row_add (row, "loser_user", "\"bob\"", 13);
  row_add (row, "status", "\"open\"", 13);
  g_ptr_array_add (page->rows, row);
  page->next = 13;

  g_assert_true (_jl_store_sync_apply_page (store, C1, page, &n_rows, &n_conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_cmpuint (n_conflicts, ==, 1);
  g_assert_cmpint (jl_store_sync_get_cursor (store, C1, NULL), ==, 13);
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, n_outbox);

  record = jl_store_get (store, "partner_unit", unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "服务器的名称");
  g_assert_cmpstr (jl_record_get_string (record, "address"), ==, "本地地址");
  g_clear_object (&record);
  record = jl_store_get (store, "partner_unit", new_unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jl_record_get_community_id (record), ==, C1);
  hits = jl_store_search (store, "净水", NULL, NULL, 0, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  /* Kept, not dropped: the unknown field, the value this version cannot
   * read, the unknown kind. */
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM sync_remote"), ==, 3);
  list = jl_store_sync_conflicts (store, C1, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((JlSyncConflict *) list->pdata[0])->loser_value, ==, "\"输\"");

  /* The same page again changes nothing (a crash before the cursor moved
   * replays it). */
  g_assert_true (_jl_store_sync_apply_page (store, C1, page, &n_rows, &n_conflicts, &error));
  g_assert_cmpuint (n_rows, ==, 0);
  g_assert_cmpuint (n_conflicts, ==, 0);

  /* A tombstone: deleted and out of search. */
  g_clear_pointer (&page, jl_sync_page_free);
  page = jl_sync_page_new ();
  row = row_new ("partner_unit", new_unit, 14);
  row_add (row, "_deleted", "true", 14);
  g_ptr_array_add (page->rows, row);
  page->next = 14;
  g_assert_true (_jl_store_sync_apply_page (store, C1, page, NULL, NULL, &error));
  g_clear_object (&record);
  record = jl_store_get (store, "partner_unit", new_unit, &error);
  g_assert_null (record);
  g_assert_error (error, JL_ERROR, JL_ERROR_NOT_FOUND);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = jl_store_search (store, "净水", NULL, NULL, 0, NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* A push reply: acknowledged entries leave, the winner replaces a
 * superseded value, field versions move. */
static void
test_apply_push (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *unit = fill (store);
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(JlSyncPushReply) reply = jl_sync_push_reply_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (_jl_store_exec (store, "DELETE FROM outbox", NULL));
  update_ok (store, "partner_unit", unit, "{\"name\": \"我的名称\", \"chief\": \"李\"}");
  batch = _jl_store_sync_take_batch (store, "b1", NULL, 500, 1 << 20, &error);
  g_assert_cmpuint (batch->len, ==, 2);
  for (guint i = 0; i < batch->len; i++)
    {
      JlSyncChange *c = batch->pdata[i];
      JlSyncResult *r = jl_sync_result_new (c->change_id, JL_SYNC_STATUS_APPLIED);

      r->seq = r->ver = 20 + i;
      r->device = g_strdup (REMOTE);
      if (strcmp (c->field, "name") == 0)
        {
          r->status = JL_SYNC_STATUS_SUPERSEDED;
          r->ver = 5;
          r->winner = json_from_string ("\"别人的名称\"", NULL);
        }
      g_ptr_array_add (reply->results, r);
    }
  g_assert_true (_jl_store_sync_apply_push (store, batch, reply, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, 0);
  record = jl_store_get (store, "partner_unit", unit, NULL);
  g_assert_cmpstr (jl_record_get_string (record, "name"), ==, "别人的名称");
  g_assert_cmpstr (jl_record_get_string (record, "chief"), ==, "李");
  sql = g_strdup_printf ("SELECT ver FROM field_version WHERE row_id = '%s' AND field = 'name'", unit);
  g_assert_cmpint (jl_test_sql_int (store, sql), ==, 5);
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

  g_test_add_func ("/sync-store/migrate-v5", test_migrate_v5);
  g_test_add_func ("/sync-store/migrate-v7", test_migrate_v7);
  g_test_add_func ("/sync-store/take-up-remote", test_take_up_remote);
  g_test_add_func ("/sync-store/batch", test_batch);
  g_test_add_func ("/sync-store/apply-page", test_apply_page);
  g_test_add_func ("/sync-store/apply-push", test_apply_push);
  return g_test_run ();
}
