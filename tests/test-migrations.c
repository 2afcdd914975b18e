/* test-migrations.c: upgrading databases of every earlier schema version
 * that hold data, refusing files that are not Jinlin databases (and leaving
 * them untouched), and the schema descriptors agreeing with the tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jl-attachment.h"
#include "jl-store-private.h"
#include "jl-test-util.h"

/* Which migration brought which kinds. */
#define V_ORGANISATION 1
#define V_PARTNERS     2
#define V_MEETINGS     3
#define V_EVALUATION   4
#define V_ATTACHMENTS  7

typedef struct
{
  char *community;
  char *person;
  char *org;
  char *estate;
  char *grid;
  char *unit;
  char *project;
  char *meeting;
  char *approved;
  char *decision;
  char *tpl;
  char *round;
  char *target;
  char *attachment;
} Ids;

static void
ids_clear (Ids *ids)
{
  char **fields = (char **) ids;

  for (guint i = 0; i < sizeof (Ids) / sizeof (char *); i++)
    g_free (fields[i]);
}

static char *
first_child (JlStore    *store,
             const char *kind,
             const char *field,
             const char *value)
{
  JlQuery query = { .filters = { { field, value } } };
  g_autoptr(GPtrArray) list = jl_store_list (store, kind, &query, NULL);

  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, >, 0);
  return g_strdup (jl_record_get_id (list->pdata[0]));
}

/* Totals 70, 82, 91, 88, 79, 95 over criteria of 40 and 60 points. */
static const double hand_points[][2] = {
  { 28, 42 }, { 32, 50 }, { 36, 55 }, { 35, 53 }, { 31, 48 }, { 38, 57 },
};

static void
fill_organisation (JlStore *store,
                   Ids     *ids)
{
  ids->community = jl_test_put_ok (store, "community",
                                   "{\"name\": \"鹭江社区\", \"households\": 3200, \"area_km2\": 1.25,"
                                   " \"committee_name\": \"中共鹭江社区委员会\"}");
  ids->org = jl_test_putf_ok (store, "party_org",
                              "{\"community_id\": \"%s\", \"level\": \"committee\", \"name\": \"鹭江社区党委\","
                              " \"term_start\": \"2021-06-01\", \"term_end\": \"2026-05-31\"}", ids->community);
  ids->estate = jl_test_putf_ok (store, "estate",
                                 "{\"community_id\": \"%s\", \"name\": \"鹭江花园\", \"is_old_estate\": true,"
                                 " \"branch_id\": \"%s\"}", ids->community, ids->org);
  ids->person = jl_test_putf_ok (store, "person",
                                 "{\"community_id\": \"%s\", \"name\": \"陈美丽\", \"gender\": \"female\","
                                 " \"skills\": [\"理发\", \"维修\"], \"org_id\": \"%s\"}", ids->community, ids->org);
  ids->grid = jl_test_putf_ok (store, "grid",
                               "{\"community_id\": \"%s\", \"code\": \"001\", \"name\": \"第一网格\","
                               " \"estate_ids\": [\"%s\"]}", ids->community, ids->estate);
}

static void
fill_partners (JlStore *store,
               Ids     *ids)
{
  ids->unit = jl_test_putf_ok (store, "partner_unit",
                               "{\"community_id\": \"%s\", \"name\": \"厦门市自来水有限公司\","
                               " \"uscc\": \"91350203MA31ABCD7E\", \"status\": \"active\","
                               " \"unit_estate_link\": [{\"estate_id\": \"%s\"}],"
                               " \"part_time_member\": [{\"name\": \"王强\", \"term_start\": \"2024-01-01\"}],"
                               " \"project\": [{\"year\": 2025, \"lian_type\": \"service\", \"title\": \"管网改造\","
                               "   \"budget\": 50000.5}],"
                               " \"problem\": [{\"year\": 2025, \"title\": \"停车难\"}]}",
                               ids->community, ids->estate);
  ids->project = first_child (store, "project", "unit_id", ids->unit);
}

static void
fill_meetings (JlStore *store,
               Ids     *ids)
{
  g_autofree char *item = NULL;
  g_autoptr(JlRecord) submitted = NULL;
  g_autoptr(JlRecord) approved = NULL;

  ids->meeting = jl_test_putf_ok (store, "meeting",
                                  "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"第一季度联席会议\","
                                  " \"held_at\": \"2025-03-05 14:30\", \"summary\": \"讨论老旧小区加装电梯的资金筹措。\","
                                  " \"agenda_item\": [{\"title\": \"加装电梯\","
                                  "   \"decision\": [{\"text\": \"由物业牵头完成意见征集\", \"progress\": 20}]}]}",
                                  ids->community);
  item = first_child (store, "agenda_item", "meeting_id", ids->meeting);
  ids->decision = first_child (store, "decision", "agenda_item_id", item);

  ids->approved = jl_test_putf_ok (store, "meeting",
                                   "{\"community_id\": \"%s\", \"meeting_type\": \"committee\", \"title\": \"支委会\","
                                   " \"held_at\": \"2025-02-01 09:00\", \"place\": \"会议室\", \"host_id\": \"%s\","
                                   " \"recorder_id\": \"%s\", \"summary\": \"已审定的纪要\","
                                   " \"attendance\": [{\"name\": \"陈美丽\", \"status\": \"present\"}]}",
                                   ids->community, ids->person, ids->person);
  submitted = jl_test_update_ok (store, "meeting", ids->approved, "{\"state\": \"submitted\"}");
  approved = jl_test_update_ok (store, "meeting", ids->approved, "{\"state\": \"approved\"}");
}

static void
fill_evaluation (JlStore *store,
                 Ids     *ids)
{
  g_autoptr(GPtrArray) criteria = NULL;
  JlQuery query = { .filters = { { "template_id", NULL } }, .order_by = "position" };

  ids->tpl = jl_test_putf_ok (store, "eval_template",
                              "{\"community_id\": \"%s\", \"name\": \"物业服务测评\","
                              " \"eval_criterion\": [{\"position\": 1, \"content\": \"保洁\", \"max_points\": 40, \"weight\": 40},"
                              "  {\"position\": 2, \"content\": \"安保\", \"max_points\": 60, \"weight\": 60}]}",
                              ids->community);
  query.filters[0].value = ids->tpl;
  criteria = jl_store_list (store, "eval_criterion", &query, NULL);
  g_assert_cmpuint (criteria->len, ==, 2);
  ids->round = jl_test_putf_ok (store, "eval_round",
                                "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度测评\"}",
                                ids->community, ids->tpl);
  ids->target = jl_test_putf_ok (store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"鹭江物业\"}", ids->round);
  for (guint i = 0; i < G_N_ELEMENTS (hand_points); i++)
    {
      g_autofree char *sheet = jl_test_putf_ok (store, "eval_sheet",
                                                "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": %u}",
                                                ids->round, ids->target, i + 1);

      for (guint c = 0; c < 2; c++)
        g_free (jl_test_putf_ok (store, "eval_score",
                                 "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": %g}",
                                 sheet, jl_record_get_id (criteria->pdata[c]), hand_points[i][c]));
    }
}

/* The signed scan of the approved minutes: attached after approval. */
static void
fill_attachments (JlStore *store,
                  Ids     *ids)
{
  g_autofree char *file = g_strconcat (jl_store_get_path (store), "-签字纪要.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = NULL;

  g_file_set_contents (file, "%PDF-1.4\n% 签字纪要\n", -1, &error);
  g_assert_no_error (error);
  record = jl_store_attach_file (store, ids->approved, file, "签字扫描件", &error);
  g_assert_no_error (error);
  ids->attachment = g_strdup (jl_record_get_id (record));
}

static void
fill (JlStore *store,
      int      version,
      Ids     *ids)
{
  if (version >= V_ORGANISATION)
    fill_organisation (store, ids);
  if (version >= V_PARTNERS)
    fill_partners (store, ids);
  if (version >= V_MEETINGS)
    fill_meetings (store, ids);
  if (version >= V_EVALUATION)
    fill_evaluation (store, ids);
  if (version >= V_ATTACHMENTS)
    fill_attachments (store, ids);
}

static void
assert_found (JlStore    *store,
              const char *text,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = jl_store_search (store, text, NULL, NULL, 0, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    found |= strcmp (((JlSearchHit *) hits->pdata[i])->id, id) == 0;
  if (!found)
    g_error ("search for “%s” did not find %s", text, id);
}

/* The data written at @version, read back after the upgrade. */
static void
check_data (JlStore *store,
            int      version,
            Ids     *ids)
{
  {
    g_autoptr(JlRecord) c = jl_test_get_ok (store, "community", ids->community);
    g_autoptr(JlRecord) p = jl_test_get_ok (store, "person", ids->person);
    g_autoptr(JlRecord) e = jl_test_get_ok (store, "estate", ids->estate);
    g_autoptr(JlRecord) o = jl_test_get_ok (store, "party_org", ids->org);
    g_autoptr(JlRecord) g = jl_test_get_ok (store, "grid", ids->grid);
    JsonArray *skills;

    g_assert_cmpstr (jl_record_get_string (c, "name"), ==, "鹭江社区");
    g_assert_cmpint (jl_record_get_int (c, "households", 0), ==, 3200);
    g_assert_cmpfloat (jl_record_get_double (c, "area_km2", 0), ==, 1.25);
    g_assert_cmpstr (jl_record_get_string (p, "gender"), ==, "female");
    g_assert_cmpstr (jl_record_get_community_id (p), ==, ids->community);
    skills = json_node_get_array (json_object_get_member (jl_record_get_values (p), "skills"));
    g_assert_cmpuint (json_array_get_length (skills), ==, 2);
    g_assert_true (jl_record_get_bool (e, "is_old_estate"));
    g_assert_cmpstr (jl_record_get_string (e, "branch_id"), ==, ids->org);
    g_assert_cmpstr (jl_record_get_string (o, "term_end"), ==, "2026-05-31");
    g_assert_cmpstr (jl_record_get_string (g, "code"), ==, "001");
    assert_found (store, "鹭江", ids->community);
    assert_found (store, "美丽", ids->person);
    assert_found (store, "社区党委", ids->org);
  }

  if (version >= V_PARTNERS)
    {
      g_autoptr(JlRecord) u = jl_test_get_ok (store, "partner_unit", ids->unit);
      g_autoptr(JlRecord) pr = jl_test_get_ok (store, "project", ids->project);

      g_assert_cmpstr (jl_record_get_string (u, "uscc"), ==, "91350203MA31ABCD7E");
      g_assert_cmpfloat (jl_record_get_double (pr, "budget", 0), ==, 50000.5);
      g_assert_cmpint (jl_store_count (store, "unit_estate_link", NULL, NULL), ==, 1);
      g_assert_cmpint (jl_store_count (store, "part_time_member", NULL, NULL), ==, 1);
      g_assert_cmpint (jl_store_count (store, "problem", NULL, NULL), ==, 1);
      assert_found (store, "自来水", ids->unit);
      assert_found (store, "管网", ids->project);
    }

  if (version >= V_MEETINGS)
    {
      g_autoptr(JlRecord) m = jl_test_get_ok (store, "meeting", ids->meeting);
      g_autoptr(JlRecord) a = jl_test_get_ok (store, "meeting", ids->approved);
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (jl_record_get_string (m, "state"), ==, JL_MEETING_DRAFT);
      g_assert_cmpstr (jl_record_get_string (a, "state"), ==, JL_MEETING_APPROVED);
      g_assert_true (jl_record_has_value (a, "approved_at"));
      /* Approved minutes stay frozen across the upgrade. */
      error = jl_test_put_fails (store, "meeting", ids->approved, "{\"summary\": \"改写\"}", JL_ERROR_READ_ONLY);
      assert_found (store, "加装电梯", ids->meeting);
      assert_found (store, "意见征集", ids->decision);
    }

  if (version >= V_EVALUATION)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = jl_store_eval_results (store, ids->round, &error);
      JlEvalResult *r;

      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, 1);
      r = ((JlTargetResult *) results->pdata[0])->result;
      g_assert_cmpuint (r->n_valid, ==, 6);
      g_assert_cmpfloat_with_epsilon (r->final_score, 85.00, 1e-9);
      g_assert_cmpfloat_with_epsilon (r->raw_mean, 84.17, 1e-9);
      g_assert_cmpstr (r->band, ==, "良好");
      assert_found (store, "物业服务", ids->tpl);
    }

  if (version >= V_ATTACHMENTS)
    {
      g_autoptr(JlRecord) at = jl_test_get_ok (store, "attachment", ids->attachment);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *sum = NULL;
      gboolean downloaded = FALSE;

      g_assert_cmpstr (jl_record_get_string (at, "file_name"), ==, "jinlin.db-签字纪要.pdf");
      g_assert_cmpstr (jl_record_get_string (at, "meeting_id"), ==, ids->approved);
      path = jl_store_attachment_path (store, ids->attachment, &downloaded, &error);
      g_assert_no_error (error);
      g_assert_true (downloaded);
      sum = jl_test_file_checksum (path);
      g_assert_cmpstr (sum, ==, jl_record_get_string (at, "sha256"));
      assert_found (store, "签字扫描件", ids->attachment);
    }
}

static void
test_upgrade_from (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "jinlin.db", NULL);
  g_autofree char *backup = g_strdup_printf ("%s.pre-v%d.bak", path, JL_STORE_SCHEMA_VERSION);
  g_autofree char *device = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = NULL;
  Ids ids = { 0 };
  gint64 n_outbox;
  JlHlc last_hlc;

  store = _jl_store_open_at_version (path, version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jl_store_get_schema_version (store), ==, version);
  fill (store, version, &ids);
  device = g_strdup (jl_store_get_device_id (store));
  n_outbox = jl_store_outbox_count (store, NULL);
  g_assert_cmpint (n_outbox, >, 0);
  last_hlc = store->last_hlc;
  g_clear_object (&store);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (jl_store_get_schema_version (store), ==, JL_STORE_SCHEMA_VERSION);

  /* A copy of the old database was kept, at its old version. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, version);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Same device, same outbox, the clock goes on. */
  g_assert_cmpstr (jl_store_get_device_id (store), ==, device);
  g_assert_cmpint (jl_store_outbox_count (store, NULL), ==, n_outbox);
  g_assert_cmpuint (store->last_hlc, ==, last_hlc);

  check_data (store, version, &ids);

  /* The tables added since work, search included. */
  if (version < V_PARTNERS)
    fill_partners (store, &ids);
  if (version < V_MEETINGS)
    fill_meetings (store, &ids);
  if (version < V_EVALUATION)
    fill_evaluation (store, &ids);
  if (version < V_ATTACHMENTS)
    fill_attachments (store, &ids);
  check_data (store, V_ATTACHMENTS, &ids);
  {
    g_autoptr(JlRecord) rec = jl_test_update_ok (store, "community", ids.community, "{\"households\": 3300}");

    g_assert_cmpuint (jl_record_get_hlc (rec), >, last_hlc);
  }

  /* Opening again migrates nothing more. */
  g_clear_object (&store);
  g_unlink (backup);
  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  ids_clear (&ids);
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
test_new_database (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "jinlin.db", NULL);
  g_autofree char *backup = g_strdup_printf ("%s.pre-v%d.bak", path, JL_STORE_SCHEMA_VERSION);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (jl_store_get_schema_version (store), ==, JL_STORE_SCHEMA_VERSION);
  /* Nothing to back up in a new database. */
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (jl_test_sql_int (store, "PRAGMA application_id"), ==, 0x4A4C4E31);
  g_assert_cmpint (jl_test_sql_int (store, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* Files that are not Jinlin's
 */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The file names in @dir, sorted, space separated. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Opening @path fails with @code, says something about the file, and
 * leaves it (and its folder) exactly as it was. */
static void
assert_refused (const char *path,
                int         code,
                const char *needle)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *before = jl_test_file_checksum (path);
  g_autofree char *files_before = list_dir (dir);
  g_autofree char *after = NULL;
  g_autofree char *files_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, JL_ERROR, code);
  g_test_message ("%s → %s", base, error->message);
  g_assert_nonnull (strstr (error->message, base));
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));

  after = jl_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  files_after = list_dir (dir);
  g_assert_cmpstr (files_after, ==, files_before);

  /* A second try gives the same answer. */
  g_clear_error (&error);
  store = jl_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, JL_ERROR, code);
}

static void
write_file (const char *path,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_random_bytes (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "random.db", NULL);
  g_autofree char *small = g_build_filename (dir, "small.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250305);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  write_file (path, bytes, sizeof bytes);
  write_file (small, bytes, 40);

  assert_refused (path, JL_ERROR_NOT_A_DATABASE, NULL);
  assert_refused (small, JL_ERROR_NOT_A_DATABASE, NULL);
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
test_text_file (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (text, "第%u行：鹭江社区党建联席会议纪要草稿。\n", i + 1);
  write_file (path, text->str, text->len);
  assert_refused (path, JL_ERROR_NOT_A_DATABASE, NULL);
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
test_truncated (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "jinlin.db", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.db", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);
  g_autofree char *community = NULL;
  gsize len = 0;

  g_assert_no_error (error);
  community = jl_test_put_ok (store, "community", "{\"name\": \"鹭江社区\"}");
  g_assert_true (jl_store_begin (store, NULL));
  for (guint i = 0; i < 300; i++)
    g_free (jl_test_putf_ok (store, "person",
                             "{\"community_id\": \"%s\", \"name\": \"居民%u\", \"employer\": \"厦门市某某有限公司第%u分公司\"}",
                             community, i, i));
  g_assert_true (jl_store_commit (store, NULL));
  g_clear_object (&store);

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >=, 8 * 4096);
  write_file (cut, data, len / 2);
  assert_refused (cut, JL_ERROR_NOT_A_DATABASE, NULL);

  /* The intact original still opens. */
  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jl_store_count (store, "person", NULL, NULL), ==, 300);
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* The page in @wal's last frame for @pgno, or NULL. */
static const guint8 *
last_wal_frame (const guint8 *wal,
                gsize         len,
                guint32       pgno,
                guint32       page_size)
{
  const guint8 *found = NULL;

  for (gsize off = 32; off + 24 + page_size <= len; off += 24 + page_size)
    if (GUINT32_FROM_BE (*(const guint32 *) (wal + off)) == pgno)
      found = wal + off + 24;
  return found;
}

/* A power cut in the middle of a checkpoint: page 1, already copied from
 * the write-ahead log, says the file is longer than it is yet. The log
 * still holds every page, so SQLite recovers it: Jinlin must open it
 * rather than call it truncated. */
static void
test_interrupted_checkpoint (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "jinlin.db", NULL);
  g_autofree char *wal_path = g_strdup_printf ("%s-wal", path);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *copy_wal = g_strdup_printf ("%s-wal", copy);
  g_autofree char *community = NULL;
  g_autofree guint8 *db_data = NULL;
  g_autofree guint8 *wal_data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);
  gsize db_len = 0, wal_len = 0;
  const guint8 *page1;
  guint32 page_size;

  g_assert_no_error (error);
  community = jl_test_put_ok (store, "community", "{\"name\": \"鹭江社区\"}");
  g_clear_object (&store);

  /* Reopen and write: the new pages are only in the log so far. */
  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (jl_store_begin (store, NULL));
  for (guint i = 0; i < 200; i++)
    g_free (jl_test_putf_ok (store, "person",
                             "{\"community_id\": \"%s\", \"name\": \"居民%u\", \"employer\": \"厦门市某某有限公司第%u分公司\"}",
                             community, i, i));
  g_assert_true (jl_store_commit (store, NULL));

  g_file_get_contents (path, (char **) &db_data, &db_len, &error);
  g_assert_no_error (error);
  g_file_get_contents (wal_path, (char **) &wal_data, &wal_len, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  page_size = GUINT32_FROM_BE (*(guint32 *) (wal_data + 8));
  page1 = last_wal_frame (wal_data, wal_len, 1, page_size);
  g_assert_nonnull (page1);
  /* The checkpoint got as far as page 1. */
  memcpy (db_data, page1, page_size);
  g_assert_cmpuint ((gsize) GUINT32_FROM_BE (*(guint32 *) (db_data + 28)) * page_size, >, db_len);
  write_file (copy, db_data, db_len);
  write_file (copy_wal, wal_data, wal_len);

  store = jl_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jl_store_count (store, "person", NULL, NULL), ==, 200);
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
test_foreign_database (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *versioned = g_build_filename (dir, "versioned.db", NULL);
  g_autofree char *with_id = g_build_filename (dir, "app.db", NULL);

  /* Another program's database, with a table and data. */
  sqlite_exec (path, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                     "INSERT INTO contacts VALUES ('张三', '13812345678');");
  assert_refused (path, JL_ERROR_FOREIGN_DATABASE, NULL);

  /* One that has only set its version so far: no tables, still not ours. */
  sqlite_exec (versioned, "PRAGMA user_version = 3;");
  assert_refused (versioned, JL_ERROR_FOREIGN_DATABASE, NULL);

  /* One with an application id of its own. */
  sqlite_exec (with_id, "PRAGMA application_id = 1234; CREATE TABLE t (x);");
  assert_refused (with_id, JL_ERROR_FOREIGN_DATABASE, NULL);
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
test_too_new (void)
{
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "jinlin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open (path, &error);

  g_assert_no_error (error);
  g_free (jl_test_put_ok (store, "community", "{\"name\": \"鹭江社区\"}"));
  g_clear_object (&store);

  sqlite_exec (path, "PRAGMA user_version = 99;");
  assert_refused (path, JL_ERROR_TOO_NEW, "99");
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* The descriptors and the tables agree
 */

static const char *
column_type (JlFieldType type)
{
  switch (type)
    {
    case JL_FIELD_INT:
    case JL_FIELD_BOOL:
      return "INTEGER";
    case JL_FIELD_REAL:
      return "REAL";
    case JL_FIELD_TEXT:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    case JL_FIELD_ENUM:
    case JL_FIELD_REF:
    case JL_FIELD_LIST:
    default:
      return "TEXT";
    }
}

static void
test_schema_consistency (void)
{
  static const struct { const char *name; const char *type; } meta[] = {
    { "id", "TEXT" }, { "community_id", "TEXT" }, { "created_at", "TEXT" }, { "updated_at", "TEXT" },
    { "hlc", "INTEGER" }, { "device_id", "TEXT" }, { "deleted", "INTEGER" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  const JlKind *const *kinds;
  guint n_kinds;

  kinds = jl_schema_get_kinds (&n_kinds);
  g_assert_cmpuint (n_kinds, >=, 20);
  for (guint k = 0; k < n_kinds; k++)
    {
      const JlKind *kind = kinds[k];
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", kind->name);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      sqlite3_finalize (stmt);
      if (g_hash_table_size (columns) == 0)
        g_error ("kind %s has no table", kind->name);

      for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
        if (g_strcmp0 (g_hash_table_lookup (columns, meta[i].name), meta[i].type) != 0)
          g_error ("%s.%s: expected a %s column", kind->name, meta[i].name, meta[i].type);

      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JlField *f = &kind->fields[i];
          const char *type = g_hash_table_lookup (columns, f->name);

          if (type == NULL)
            g_error ("%s.%s has no column", kind->name, f->name);
          if (g_strcmp0 (type, column_type (f->type)) != 0)
            g_error ("%s.%s is a %s column, the field needs %s", kind->name, f->name, type, column_type (f->type));
          g_assert_nonnull (f->label);
          if (f->type == JL_FIELD_REF)
            g_assert_nonnull (jl_schema_lookup (f->ref_kind));
          if (f->type == JL_FIELD_ENUM)
            g_assert_nonnull (f->values);
        }

      /* And no column is left out of the descriptors (it would never be
       * exported or synced). */
      {
        GHashTableIter iter;
        gpointer name;

        g_hash_table_iter_init (&iter, columns);
        while (g_hash_table_iter_next (&iter, &name, NULL))
          {
            gboolean is_meta = FALSE;

            for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
              is_meta |= strcmp (meta[i].name, name) == 0;
            if (!is_meta && jl_kind_lookup_field (kind, name) == NULL)
              g_error ("column %s.%s has no field descriptor", kind->name, (const char *) name);
          }
      }

      g_assert_nonnull (jl_kind_get_label (kind));
      if (kind->order_by != NULL)
        g_assert_nonnull (jl_kind_lookup_field (kind, kind->order_by));
    }
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  jl_test_init (&argc, &argv);

  for (int v = 1; v < JL_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/jinlin/migrations/upgrade-from-v%d", v);

      g_test_add_data_func (path, GINT_TO_POINTER (v), test_upgrade_from);
    }
  g_test_add_func ("/jinlin/migrations/new-database", test_new_database);
  g_test_add_func ("/jinlin/migrations/refuse/random-bytes", test_random_bytes);
  g_test_add_func ("/jinlin/migrations/refuse/text-file", test_text_file);
  g_test_add_func ("/jinlin/migrations/refuse/truncated", test_truncated);
  g_test_add_func ("/jinlin/migrations/refuse/foreign-database", test_foreign_database);
  g_test_add_func ("/jinlin/migrations/interrupted-checkpoint", test_interrupted_checkpoint);
  g_test_add_func ("/jinlin/migrations/refuse/too-new", test_too_new);
  g_test_add_func ("/jinlin/migrations/schema-consistency", test_schema_consistency);

  return g_test_run ();
}
