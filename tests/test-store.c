/* test-store.c: create, read, update and delete of every kind of record,
 * validation of bad input, tombstones, the outbox, the clock, lists and
 * Chinese search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

/* Valid identifiers (see test-validate.c). */
#define USCC_1   "91350203MA31ABCD7E"
#define USCC_2   "91110000802100433B"
#define USCC_3   "91440300708461136T"
#define ID_CARD  "11010519491231002X"
#define MOBILE   "13812345678"

typedef struct
{
  char    *dir;
  JlStore *store;
  char    *community;   /* 鹭江社区 */
  char    *other;       /* 中华社区 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = jl_test_store_new (&f->dir);
  f->community = jl_test_put_ok (f->store, "community",
                                 "{\"name\": \"鹭江社区\", \"street\": \"鹭江街道\", \"district\": \"思明区\","
                                 " \"city\": \"厦门市\", \"households\": 3200, \"area_km2\": 1.25,"
                                 " \"as_of\": \"2025-01-01\", \"phone\": \"0592-2345678\"}");
  f->other = jl_test_put_ok (f->store, "community", "{\"name\": \"中华社区\"}");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  _jl_store_set_fake_wall_ms (0);
  g_clear_object (&f->store);
  jl_test_dir_free (f->dir);
  g_free (f->community);
  g_free (f->other);
}

/* Helpers
 */

static void
assert_not_found (JlStore    *store,
                  const char *kind,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) record = jl_store_get (store, kind, id, &error);

  g_assert_null (record);
  g_assert_error (error, JL_ERROR, JL_ERROR_NOT_FOUND);
}

static gint64
count_where (JlStore    *store,
             const char *kind,
             const char *field,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  JlQuery query = { .filters = { { field, value } } };
  gint64 n = jl_store_count (store, kind, field ? &query : NULL, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count_rows (JlStore    *store,
            const char *table,
            const char *id,
            gboolean    deleted)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE id = '%s' AND deleted = %d",
                                          table, id, deleted ? 1 : 0);
  return jl_test_sql_int (store, sql);
}

static GPtrArray *
outbox (JlStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = jl_store_outbox_peek (store, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  g_assert_cmpint (changes->len, ==, jl_store_outbox_count (store, NULL));
  return changes;
}

/* The outbox entries of one row, keyed by field. */
static GHashTable *
outbox_of_row (JlStore    *store,
               const char *row_id)
{
  g_autoptr(GPtrArray) changes = outbox (store);
  GHashTable *by_field = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) jl_change_free);

  for (guint i = 0; i < changes->len; i++)
    {
      JlChange *c = changes->pdata[i];

      if (strcmp (c->row_id, row_id) != 0)
        continue;
      /* At most one unsent entry per field. */
      g_assert_false (g_hash_table_contains (by_field, c->field));
      changes->pdata[i] = NULL;
      g_hash_table_insert (by_field, g_strdup (c->field), c);
    }
  return by_field;
}

static gboolean
error_mentions (const GError *error,
                const char   *text)
{
  return strstr (error->message, text) != NULL;
}

static JlRecord *
put_json (JlStore     *store,
          const char  *kind,
          const char  *id,
          const char  *json,
          GPtrArray  **warnings,
          GError     **error)
{
  g_autoptr(JsonObject) obj = jl_test_json (json);

  return jl_store_put (store, kind, id, obj, warnings, error);
}

/* Opening
 */

static void
test_open_new (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "test.db", NULL);

  g_assert_cmpint (jl_store_get_schema_version (f->store), ==, JL_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (jl_store_get_path (f->store), ==, path);
  g_assert_true (jl_uuid_is_valid (jl_store_get_device_id (f->store)));
  g_assert_cmpint (jl_test_sql_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (jl_test_sql_int (f->store, "PRAGMA synchronous"), ==, 2);  /* FULL */
}

static void
test_open_new_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = jl_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "jinlin.db", NULL);
  g_autoptr(JlStore) store = jl_store_open (path, &error);
  g_autofree char *device = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  device = g_strdup (jl_store_get_device_id (store));
  g_clear_object (&store);

  /* The device keeps its identity across opens. */
  store = jl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jl_store_get_device_id (store), ==, device);
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

/* Create, read, update, delete per kind family
 */

static void
test_crud_community (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JlRecord) record = jl_test_get_ok (f->store, "community", f->community);
  g_autoptr(JlRecord) updated = NULL;
  g_autoptr(JlRecord) cleared = NULL;
  g_autoptr(JlRecord) again = NULL;

  g_assert_cmpstr (jl_record_get_id (record), ==, f->community);
  g_assert_cmpstr (jl_record_get_kind_name (record), ==, "community");
  g_assert_cmpstr (jl_record_get_community_id (record), ==, f->community);
  g_assert_cmpstr (jl_record_get_title (record), ==, "鹭江社区");
  g_assert_cmpstr (jl_record_get_string (record, "street"), ==, "鹭江街道");
  g_assert_cmpint (jl_record_get_int (record, "households", -1), ==, 3200);
  g_assert_cmpfloat_with_epsilon (jl_record_get_double (record, "area_km2", 0), 1.25, 1e-9);
  g_assert_cmpstr (jl_record_get_string (record, "as_of"), ==, "2025-01-01");
  g_assert_cmpstr (jl_record_get_string (record, "phone"), ==, "0592-2345678");
  g_assert_false (jl_record_has_value (record, "committee_name"));
  g_assert_false (jl_record_get_deleted (record));
  g_assert_nonnull (jl_record_get_created_at (record));
  g_assert_cmpstr (jl_record_get_created_at (record), ==, jl_record_get_updated_at (record));
  g_assert_cmpuint (jl_record_get_hlc (record), >, 0);

  /* Update only the given fields. */
  updated = jl_test_update_ok (f->store, "community", f->community,
                               "{\"street\": \"中华街道\", \"population\": 8100}");
  g_assert_cmpstr (jl_record_get_string (updated, "street"), ==, "中华街道");
  g_assert_cmpint (jl_record_get_int (updated, "population", -1), ==, 8100);
  g_assert_cmpstr (jl_record_get_string (updated, "name"), ==, "鹭江社区");
  g_assert_cmpstr (jl_record_get_string (updated, "district"), ==, "思明区");
  g_assert_cmpint (jl_record_get_int (updated, "households", -1), ==, 3200);
  g_assert_cmpstr (jl_record_get_created_at (updated), ==, jl_record_get_created_at (record));
  g_assert_cmpuint (jl_record_get_hlc (updated), >, jl_record_get_hlc (record));

  /* null clears a field, and so does an empty text; others stay. */
  cleared = jl_test_update_ok (f->store, "community", f->community,
                               "{\"phone\": null, \"district\": \"  \", \"area_km2\": null}");
  g_assert_false (jl_record_has_value (cleared, "phone"));
  g_assert_false (jl_record_has_value (cleared, "district"));
  g_assert_false (jl_record_has_value (cleared, "area_km2"));
  g_assert_cmpstr (jl_record_get_string (cleared, "city"), ==, "厦门市");

  /* What put returned is what get reads back. */
  again = jl_test_get_ok (f->store, "community", f->community);
  g_assert_false (jl_record_has_value (again, "phone"));
  g_assert_cmpint (jl_record_get_int (again, "population", -1), ==, 8100);
  g_assert_cmpstr (jl_record_get_string (again, "street"), ==, "中华街道");

  g_assert_true (jl_store_delete (f->store, "community", f->other, NULL));
  assert_not_found (f->store, "community", f->other);
}

static void
test_crud_organisation (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *committee = NULL;
  g_autofree char *branch = NULL;
  g_autofree char *estate = NULL;
  g_autofree char *person = NULL;
  g_autofree char *grid = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) upd = NULL;
  g_autoptr(JlRecord) upd2 = NULL;
  g_autoptr(JlRecord) org = NULL;
  g_autoptr(JlRecord) grid_rec = NULL;
  g_autoptr(JlRecord) estate_rec = NULL;
  JsonArray *skills;

  committee = jl_test_putf_ok (f->store, "party_org",
                               "{\"community_id\": \"%s\", \"level\": \"committee\", \"name\": \"鹭江社区党委\","
                               " \"term_start\": \"2021-06-01\", \"term_end\": \"2026-05-31\", \"position\": 1}",
                               f->community);
  branch = jl_test_putf_ok (f->store, "party_org",
                            "{\"community_id\": \"%s\", \"parent_id\": \"%s\", \"level\": \"branch\","
                            " \"org_kind\": \"estate_branch\", \"name\": \"第一党支部\", \"members_count\": 35}",
                            f->community, committee);
  estate = jl_test_putf_ok (f->store, "estate",
                            "{\"community_id\": \"%s\", \"name\": \"鹭江花园\", \"households\": 420,"
                            " \"is_old_estate\": true, \"red_property\": false, \"branch_id\": \"%s\","
                            " \"property_company\": \"厦门鹭江物业管理有限公司\", \"property_uscc\": \"%s\","
                            " \"property_phone\": \"0592-1234567\"}",
                            f->community, branch, USCC_1);
  person = jl_test_putf_ok (f->store, "person",
                            "{\"community_id\": \"%s\", \"name\": \"陈美丽\", \"gender\": \"female\","
                            " \"id_no\": \"11010519491231002x\", \"mobile\": \"%s\", \"member_type\": \"full\","
                            " \"org_id\": \"%s\", \"estate_id\": \"%s\", \"is_volunteer\": true,"
                            " \"skills\": [\" 理发 \", \"\", \"水电维修\"]}",
                            f->community, MOBILE, branch, estate);
  grid = jl_test_putf_ok (f->store, "grid",
                          "{\"community_id\": \"%s\", \"code\": \"001\", \"name\": \"第一网格\","
                          " \"grid_type\": \"city\", \"estate_ids\": [\"%s\"], \"workers\": [\"李娜\", \"王芳\"]}",
                          f->community, estate);

  rec = jl_test_get_ok (f->store, "person", person);
  g_assert_cmpstr (jl_record_get_community_id (rec), ==, f->community);
  g_assert_cmpstr (jl_record_get_string (rec, "gender"), ==, "female");
  /* A lowercase x check character is stored in capitals. */
  g_assert_cmpstr (jl_record_get_string (rec, "id_no"), ==, ID_CARD);
  g_assert_true (jl_record_get_bool (rec, "is_volunteer"));
  /* Lists are trimmed and empty items dropped. */
  skills = json_node_get_array (json_object_get_member (jl_record_get_values (rec), "skills"));
  g_assert_cmpuint (json_array_get_length (skills), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (skills, 0), ==, "理发");
  g_assert_cmpstr (json_array_get_string_element (skills, 1), ==, "水电维修");

  estate_rec = jl_test_get_ok (f->store, "estate", estate);
  g_assert_true (jl_record_get_bool (estate_rec, "is_old_estate"));
  /* false is a value, not an absent one. */
  g_assert_true (jl_record_has_value (estate_rec, "red_property"));
  g_assert_false (jl_record_get_bool (estate_rec, "red_property"));
  g_assert_false (jl_record_has_value (estate_rec, "red_owners_committee"));
  g_assert_cmpstr (jl_record_get_string (estate_rec, "branch_id"), ==, branch);

  org = jl_test_get_ok (f->store, "party_org", branch);
  g_assert_cmpstr (jl_record_get_string (org, "parent_id"), ==, committee);
  g_assert_cmpint (jl_record_get_int (org, "members_count", 0), ==, 35);

  grid_rec = jl_test_get_ok (f->store, "grid", grid);
  g_assert_cmpstr (jl_record_get_string (grid_rec, "code"), ==, "001");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_object_get_member (jl_record_get_values (grid_rec), "workers"))), ==, 2);

  /* Updates: a boolean to false, a list emptied, a reference cleared. */
  upd = jl_test_update_ok (f->store, "estate", estate, "{\"is_old_estate\": false, \"households\": 430}");
  g_assert_true (jl_record_has_value (upd, "is_old_estate"));
  g_assert_false (jl_record_get_bool (upd, "is_old_estate"));
  g_assert_cmpint (jl_record_get_int (upd, "households", 0), ==, 430);
  g_assert_cmpstr (jl_record_get_string (upd, "property_uscc"), ==, USCC_1);

  upd2 = jl_test_update_ok (f->store, "person", person, "{\"skills\": [], \"org_id\": null, \"is_cadre\": 1}");
  g_assert_false (jl_record_has_value (upd2, "skills"));
  g_assert_false (jl_record_has_value (upd2, "org_id"));
  g_assert_true (jl_record_get_bool (upd2, "is_cadre"));
  g_assert_cmpstr (jl_record_get_string (upd2, "name"), ==, "陈美丽");

  /* Deleting the committee takes nothing else with it (the branch is
   * linked by parent_id, a plain reference). */
  g_assert_true (jl_store_delete (f->store, "grid", grid, NULL));
  assert_not_found (f->store, "grid", grid);
  g_clear_object (&rec);
  rec = jl_test_get_ok (f->store, "estate", estate);
}

static void
test_crud_partner_unit (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *estate = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *json = NULL;
  g_autofree char *project = NULL;
  g_autofree char *member = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) upd = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  static const char *const children[] = { "unit_estate_link", "part_time_member", "project", "problem" };
  JlQuery query = { 0 };

  estate = jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"鹭江花园\"}", f->community);
  json = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"厦门市自来水有限公司\", \"uscc\": \"%s\","
                          " \"category\": \"resident\", \"unit_type\": \"soe\", \"party_members\": 120,"
                          " \"chief\": \"林志强\", \"chief_mobile\": \"%s\", \"liaison_phone\": \"0592-5556666\","
                          " \"agreement_signed_on\": \"2024-03-01\", \"resources\": [\"场地\", \"志愿者\"],"
                          " \"status\": \"active\","
                          " \"unit_estate_link\": [{\"estate_id\": \"%s\", \"since\": \"2024-03-01\", \"is_primary\": true}],"
                          " \"part_time_member\": [{\"name\": \"王强\", \"post\": \"member\", \"term_start\": \"2024-01-01\","
                          "   \"term_end\": \"2026-12-31\", \"mobile\": \"13912345678\"}],"
                          " \"project\": [{\"year\": 2025, \"lian_type\": \"service\", \"title\": \"老旧管网改造\","
                          "   \"budget\": 50000.5, \"estate_id\": \"%s\"}],"
                          " \"problem\": [{\"year\": 2025, \"seq\": 1, \"title\": \"停车难\", \"status\": \"claimed\"}]}",
                          f->community, USCC_2, MOBILE, estate, estate);
  unit = jl_test_put_ok (f->store, "partner_unit", json);

  rec = jl_test_get_ok (f->store, "partner_unit", unit);
  g_assert_cmpstr (jl_record_get_string (rec, "uscc"), ==, USCC_2);
  g_assert_cmpstr (jl_record_get_string (rec, "unit_type"), ==, "soe");
  g_assert_cmpint (jl_record_get_int (rec, "party_members", 0), ==, 120);
  g_assert_false (json_object_has_member (jl_record_get_values (rec), "project"));

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    g_assert_cmpint (count_where (f->store, children[i], "unit_id", unit), ==, 1);

  query.filters[0].field = "unit_id";
  query.filters[0].value = unit;
  projects = jl_store_list (f->store, "project", &query, NULL);
  g_assert_cmpuint (projects->len, ==, 1);
  project = g_strdup (jl_record_get_id (projects->pdata[0]));
  g_assert_cmpstr (jl_record_get_community_id (projects->pdata[0]), ==, f->community);
  g_assert_cmpfloat_with_epsilon (jl_record_get_double (projects->pdata[0], "budget", 0), 50000.5, 1e-9);
  g_assert_cmpint (jl_record_get_int (projects->pdata[0], "year", 0), ==, 2025);

  /* A child put on its own. */
  member = jl_test_putf_ok (f->store, "part_time_member",
                            "{\"unit_id\": \"%s\", \"name\": \"赵敏\", \"post\": \"deputy_secretary\","
                            " \"term_start\": \"2025-01-01\"}", unit);
  g_assert_cmpint (count_where (f->store, "part_time_member", "unit_id", unit), ==, 2);

  upd = jl_test_update_ok (f->store, "project", project, "{\"status\": \"done\", \"end_on\": \"2025-10-01\"}");
  g_assert_cmpstr (jl_record_get_string (upd, "status"), ==, "done");
  g_assert_cmpstr (jl_record_get_string (upd, "title"), ==, "老旧管网改造");

  /* The parent of a child cannot move. */
  {
    g_autofree char *other_unit = jl_test_putf_ok (f->store, "partner_unit",
                                                   "{\"community_id\": \"%s\", \"name\": \"另一单位\"}",
                                                   f->community);
    g_autofree char *move = g_strdup_printf ("{\"unit_id\": \"%s\"}", other_unit);
    g_autoptr(GError) error = jl_test_put_fails (f->store, "project", project, move, JL_ERROR_INVALID);

    jl_test_assert_error (error, JL_ERROR_INVALID, "unit_id");
  }

  /* Deleting the unit tombstones what it owns. */
  g_assert_true (jl_store_delete (f->store, "partner_unit", unit, NULL));
  assert_not_found (f->store, "partner_unit", unit);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    g_assert_cmpint (count_where (f->store, children[i], "unit_id", unit), ==, 0);
  g_assert_cmpint (count_rows (f->store, "project", project, TRUE), ==, 1);
  g_assert_cmpint (count_rows (f->store, "part_time_member", member, TRUE), ==, 1);
  assert_not_found (f->store, "part_time_member", member);
  /* The estate is only linked, not owned. */
  g_clear_object (&rec);
  rec = jl_test_get_ok (f->store, "estate", estate);
}

static void
test_crud_meeting (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *item = NULL;
  g_autofree char *decision = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) upd = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  JlQuery query = { .filters = { { "meeting_id", NULL } } };

  json = g_strdup_printf ("{\"community_id\": \"%s\", \"meeting_type\": \"joint\","
                          " \"title\": \"2025年第一季度党建联席会议\", \"held_at\": \"2025-03-05T14:30\","
                          " \"place\": \"社区党群服务中心\", \"summary\": \"讨论老旧小区加装电梯。\","
                          " \"attendance\": [{\"name\": \"张三\", \"status\": \"present\", \"role\": \"due\"},"
                          "                  {\"name\": \"李四\", \"status\": \"leave\", \"reason\": \"出差\"}],"
                          " \"agenda_item\": [{\"position\": 1, \"title\": \"加装电梯\", \"item_kind\": \"deliberation\","
                          "   \"step_consult\": \"三方共同会商\","
                          "   \"decision\": [{\"text\": \"由物业牵头征集意见\", \"owner\": \"王五\","
                          "                   \"due_on\": \"2025-06-30\", \"progress\": 20, \"status\": \"in_progress\"}]}]}",
                          f->community);
  meeting = jl_test_put_ok (f->store, "meeting", json);

  rec = jl_test_get_ok (f->store, "meeting", meeting);
  g_assert_cmpstr (jl_record_get_string (rec, "state"), ==, JL_MEETING_DRAFT);
  /* "T" in a date-time is stored as a space. */
  g_assert_cmpstr (jl_record_get_string (rec, "held_at"), ==, "2025-03-05 14:30");

  query.filters[0].value = meeting;
  attendance = jl_store_list (f->store, "attendance", &query, NULL);
  g_assert_cmpuint (attendance->len, ==, 2);
  items = jl_store_list (f->store, "agenda_item", &query, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_strdup (jl_record_get_id (items->pdata[0]));
  g_assert_cmpstr (jl_record_get_community_id (items->pdata[0]), ==, f->community);

  query.filters[0].field = "agenda_item_id";
  query.filters[0].value = item;
  decisions = jl_store_list (f->store, "decision", &query, NULL);
  g_assert_cmpuint (decisions->len, ==, 1);
  decision = g_strdup (jl_record_get_id (decisions->pdata[0]));
  g_assert_cmpstr (jl_record_get_community_id (decisions->pdata[0]), ==, f->community);
  g_assert_cmpfloat_with_epsilon (jl_record_get_double (decisions->pdata[0], "progress", 0), 20, 1e-9);

  upd = jl_test_update_ok (f->store, "decision", decision, "{\"progress\": 55.5, \"feedback\": \"已完成意见征集\"}");
  g_assert_cmpfloat_with_epsilon (jl_record_get_double (upd, "progress", 0), 55.5, 1e-9);
  g_assert_cmpstr (jl_record_get_string (upd, "text"), ==, "由物业牵头征集意见");

  g_assert_true (jl_store_delete (f->store, "meeting", meeting, NULL));
  assert_not_found (f->store, "meeting", meeting);
  assert_not_found (f->store, "agenda_item", item);
  assert_not_found (f->store, "decision", decision);
  g_assert_cmpint (count_where (f->store, "attendance", "meeting_id", meeting), ==, 0);
  g_assert_cmpint (count_rows (f->store, "decision", decision, TRUE), ==, 1);
}

static void
test_crud_eval (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *tpl = NULL;
  g_autofree char *round = NULL;
  g_autofree char *target = NULL;
  g_autofree char *scorer = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *score = NULL;
  g_autofree char *c1 = NULL;
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) upd = NULL;
  JlQuery query = { .filters = { { "template_id", NULL } } };

  tpl = jl_test_putf_ok (f->store, "eval_template",
                         "{\"community_id\": \"%s\", \"name\": \"物业服务满意度测评\", \"target_kind\": \"property\","
                         " \"eval_criterion\": [{\"position\": 1, \"content\": \"保洁\", \"max_points\": 40, \"weight\": 40},"
                         "                      {\"position\": 2, \"content\": \"安保\", \"max_points\": 60, \"weight\": 60}]}",
                         f->community);
  query.filters[0].value = tpl;
  criteria = jl_store_list (f->store, "eval_criterion", &query, NULL);
  g_assert_cmpuint (criteria->len, ==, 2);
  /* Default order: position. */
  g_assert_cmpstr (jl_record_get_string (criteria->pdata[0], "content"), ==, "保洁");
  c1 = g_strdup (jl_record_get_id (criteria->pdata[0]));
  g_assert_cmpfloat (jl_store_template_weight (f->store, tpl, NULL), ==, 100);

  round = jl_test_putf_ok (f->store, "eval_round",
                           "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度物业测评\","
                           " \"period_from\": \"2025-01-01\", \"period_to\": \"2025-12-31\"}",
                           f->community, tpl);
  rec = jl_test_get_ok (f->store, "eval_round", round);
  g_assert_cmpstr (jl_record_get_string (rec, "state"), ==, "preparing");
  target = jl_test_putf_ok (f->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"鹭江物业\"}", round);
  scorer = jl_test_putf_ok (f->store, "eval_scorer", "{\"round_id\": \"%s\", \"name\": \"居民代表甲\"}", round);
  sheet = jl_test_putf_ok (f->store, "eval_sheet",
                           "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"scorer_id\": \"%s\", \"ballot_no\": 1}",
                           round, target, scorer);
  score = jl_test_putf_ok (f->store, "eval_score",
                           "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 35}", sheet, c1);

  upd = jl_test_update_ok (f->store, "eval_score", score, "{\"points\": 38.5}");
  g_assert_cmpfloat_with_epsilon (jl_record_get_double (upd, "points", 0), 38.5, 1e-9);
  g_assert_cmpstr (jl_record_get_community_id (upd), ==, f->community);

  g_assert_true (jl_store_delete (f->store, "eval_round", round, NULL));
  assert_not_found (f->store, "eval_target", target);
  assert_not_found (f->store, "eval_scorer", scorer);
  assert_not_found (f->store, "eval_sheet", sheet);
  assert_not_found (f->store, "eval_score", score);
  /* The template outlives its rounds. */
  g_clear_object (&rec);
  rec = jl_test_get_ok (f->store, "eval_template", tpl);

  g_assert_true (jl_store_delete (f->store, "eval_template", tpl, NULL));
  g_assert_cmpint (count_where (f->store, "eval_criterion", "template_id", tpl), ==, 0);
}

/* Bad input
 */

static void
test_wrong_types (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit",
                                           "{\"community_id\": \"%s\", \"name\": \"某单位\"}", f->community);
  g_autofree char *estate = jl_test_putf_ok (f->store, "estate",
                                             "{\"community_id\": \"%s\", \"name\": \"某小区\"}", f->community);
  struct
  {
    const char *kind;
    const char *id;
    const char *json;
    const char *field;
  } cases[] = {
    { "community", f->community, "{\"households\": \"many\"}", "households" },
    { "community", f->community, "{\"households\": 12.5}", "households" },
    { "community", f->community, "{\"households\": -1}", "households" },
    { "community", f->community, "{\"households\": 1e30}", "households" },
    { "community", f->community, "{\"households\": true}", "households" },
    { "community", f->community, "{\"area_km2\": \"1.5\"}", "area_km2" },
    { "community", f->community, "{\"as_of\": \"2025-02-30\"}", "as_of" },
    { "community", f->community, "{\"as_of\": \"05/03/2025\"}", "as_of" },
    { "community", f->community, "{\"name\": 42}", "name" },
    { "community", f->community, "{\"name\": {\"zh\": \"社区\"}}", "name" },
    { "community", f->community, "{\"name\": [\"社区\"]}", "name" },
    { "estate", estate, "{\"is_old_estate\": \"yes\"}", "is_old_estate" },
    { "estate", estate, "{\"is_old_estate\": 2}", "is_old_estate" },
    { "estate", estate, "{\"branch_id\": \"branch-1\"}", "branch_id" },
    { "estate", estate, "{\"branch_id\": 7}", "branch_id" },
    { "partner_unit", unit, "{\"resources\": \"场地\"}", "resources" },
    { "partner_unit", unit, "{\"resources\": [\"场地\", 3]}", "resources" },
    { "partner_unit", unit, "{\"status\": \"在建\"}", "status" },
    { "partner_unit", unit, "{\"status\": 1}", "status" },
    { "project", NULL, NULL, "year" },
  };
  g_autofree char *project_json = g_strdup_printf ("{\"unit_id\": \"%s\", \"year\": 2025.5, \"lian_type\": \"service\","
                                                   " \"title\": \"项目\"}", unit);
  gint64 n_outbox = jl_store_outbox_count (f->store, NULL);
  g_autoptr(JlRecord) after = NULL;

  cases[G_N_ELEMENTS (cases) - 1].json = project_json;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = jl_test_put_fails (f->store, cases[i].kind, cases[i].id, cases[i].json,
                                                   JL_ERROR_INVALID);

      g_test_message ("%s %s → %s", cases[i].kind, cases[i].json, error->message);
      jl_test_assert_error (error, JL_ERROR_INVALID, cases[i].field);
    }

  /* Nothing was written. */
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n_outbox);
  after = jl_test_get_ok (f->store, "community", f->community);
  g_assert_cmpint (jl_record_get_int (after, "households", 0), ==, 3200);
  g_assert_cmpstr (jl_record_get_string (after, "name"), ==, "鹭江社区");
  g_assert_cmpint (count_where (f->store, "project", NULL, NULL), ==, 0);

  /* Whole numbers written as reals, and 0/1 for booleans, are fine. */
  g_clear_object (&after);
  after = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 3300.0}");
  g_assert_cmpint (jl_record_get_int (after, "households", 0), ==, 3300);
}

static void
test_unknown_field_and_kind (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(GError) e5 = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonObject) obj = jl_test_json ("{\"name\": \"x\"}");

  e1 = jl_test_put_fails (f->store, "community", f->community, "{\"nmae\": \"鹭江\"}", JL_ERROR_INVALID);
  g_assert_true (error_mentions (e1, "nmae"));

  rec = jl_store_put (f->store, "village", NULL, obj, NULL, &e2);
  g_assert_null (rec);
  g_assert_error (e2, JL_ERROR, JL_ERROR_UNKNOWN_KIND);
  g_assert_true (error_mentions (e2, "village"));

  rec = jl_store_get (f->store, "village", f->community, &e3);
  g_assert_null (rec);
  g_assert_error (e3, JL_ERROR, JL_ERROR_UNKNOWN_KIND);

  g_assert_false (jl_store_delete (f->store, "village", f->community, &e4));
  g_assert_error (e4, JL_ERROR, JL_ERROR_UNKNOWN_KIND);

  list = jl_store_list (f->store, "village", NULL, &e5);
  g_assert_null (list);
  g_assert_error (e5, JL_ERROR, JL_ERROR_UNKNOWN_KIND);

  /* get with an id of another kind is not found, not a crash. */
  assert_not_found (f->store, "estate", f->community);
}

static void
test_missing_required (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *no_parent = NULL;
  g_autofree char *no_status = NULL;
  g_autofree char *no_term = NULL;
  g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit",
                                           "{\"community_id\": \"%s\", \"name\": \"某单位\"}", f->community);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(GError) e5 = NULL;

  e1 = jl_test_put_fails (f->store, "community", NULL, "{\"street\": \"鹭江街道\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "name");

  no_parent = g_strdup ("{\"name\": \"无主小区\"}");
  e2 = jl_test_put_fails (f->store, "estate", NULL, no_parent, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "community_id");

  no_term = g_strdup_printf ("{\"unit_id\": \"%s\", \"name\": \"王强\"}", unit);
  e3 = jl_test_put_fails (f->store, "part_time_member", NULL, no_term, JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "term_start");

  /* A required field cannot be cleared either. */
  e4 = jl_test_put_fails (f->store, "community", f->community, "{\"name\": null}", JL_ERROR_INVALID);
  jl_test_assert_error (e4, JL_ERROR_INVALID, "name");

  /* A child in a nested put: the error names the field too. */
  no_status = g_strdup_printf ("{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"会\","
                               " \"held_at\": \"2025-03-05 14:30\", \"attendance\": [{\"name\": \"张三\"}]}",
                               f->community);
  e5 = jl_test_put_fails (f->store, "meeting", NULL, no_status, JL_ERROR_INVALID);
  jl_test_assert_error (e5, JL_ERROR_INVALID, "status");
  g_assert_cmpint (count_where (f->store, "meeting", NULL, NULL), ==, 0);
  g_assert_cmpint (count_where (f->store, "community", NULL, NULL), ==, 2);
}

static void
test_uscc (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *ok_json = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"甲\", \"uscc\": \"%s\"}",
                                              f->community, "91350203ma31abcd7e");
  g_autofree char *wrong = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"乙\", \"uscc\": \"%s\"}",
                                            f->community, "91110000802100433C");
  g_autofree char *wrong2 = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"乙\", \"uscc\": \"%s\"}",
                                             f->community, "911100001000005957");
  g_autofree char *short_code = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"乙\", \"uscc\": \"%s\"}",
                                                 f->community, "9135020");
  g_autofree char *bad_chars = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"乙\", \"uscc\": \"%s\"}",
                                                f->community, "9135020IMA31ABCD7E");
  g_autoptr(JlRecord) rec = put_json (f->store, "partner_unit", NULL, ok_json, NULL, NULL);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(GError) e5 = NULL;

  /* Lowercase input is stored in capitals. */
  g_assert_nonnull (rec);
  g_assert_cmpstr (jl_record_get_string (rec, "uscc"), ==, USCC_1);

  e1 = jl_test_put_fails (f->store, "partner_unit", NULL, wrong, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "uscc");
  /* The message tells the clerk which check character would be right. */
  g_assert_nonnull (strchr (e1->message, 'B'));
  g_assert_null (strstr (e1->message, "433C"));

  e2 = jl_test_put_fails (f->store, "partner_unit", NULL, wrong2, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "uscc");
  g_assert_nonnull (strchr (e2->message, 'Y'));

  e3 = jl_test_put_fails (f->store, "partner_unit", NULL, short_code, JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "uscc");
  g_assert_nonnull (strstr (e3->message, "18"));

  e4 = jl_test_put_fails (f->store, "partner_unit", NULL, bad_chars, JL_ERROR_INVALID);
  jl_test_assert_error (e4, JL_ERROR_INVALID, "uscc");

  /* The property company's code on an estate is checked the same way. */
  {
    g_autofree char *estate = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"某小区\", \"property_uscc\": \"%s\"}",
                                               f->community, "91350203MA31ABCD7F");
    e5 = jl_test_put_fails (f->store, "estate", NULL, estate, JL_ERROR_INVALID);
    jl_test_assert_error (e5, JL_ERROR_INVALID, "property_uscc");
    g_assert_nonnull (strchr (e5->message, 'E'));
  }
  g_assert_cmpint (count_where (f->store, "partner_unit", NULL, NULL), ==, 1);
}

static void
test_id_card_mobile_phone (Fixture       *f,
                           gconstpointer  data)
{
  struct
  {
    const char *kind;
    const char *json;
    const char *field;
  } bad[] = {
    { "person", "{\"id_no\": \"110105194912310021\"}", "id_no" },   /* wrong check character */
    { "person", "{\"id_no\": \"11010519491331002X\"}", "id_no" },   /* month 13 */
    { "person", "{\"id_no\": \"1101051949123100\"}", "id_no" },     /* too short */
    { "person", "{\"mobile\": \"12345678901\"}", "mobile" },
    { "person", "{\"mobile\": \"1381234567\"}", "mobile" },
    { "person", "{\"mobile\": \"0592-1234567\"}", "mobile" },
    { "community", "{\"phone\": \"123\"}", "phone" },
    { "community", "{\"phone\": \"电话0592\"}", "phone" },
  };
  g_autofree char *person = jl_test_putf_ok (f->store, "person",
                                             "{\"community_id\": \"%s\", \"name\": \"张三\", \"id_no\": \"%s\","
                                             " \"mobile\": \"%s\"}", f->community, ID_CARD, MOBILE);
  g_autoptr(JlRecord) phone = NULL;
  g_autoptr(JlRecord) rec = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *id = strcmp (bad[i].kind, "person") == 0 ? person : f->community;
      g_autoptr(GError) error = jl_test_put_fails (f->store, bad[i].kind, id, bad[i].json, JL_ERROR_INVALID);

      g_test_message ("%s → %s", bad[i].json, error->message);
      jl_test_assert_error (error, JL_ERROR_INVALID, bad[i].field);
    }

  rec = jl_test_get_ok (f->store, "person", person);
  g_assert_cmpstr (jl_record_get_string (rec, "id_no"), ==, ID_CARD);
  g_assert_cmpstr (jl_record_get_string (rec, "mobile"), ==, MOBILE);

  /* A phone field takes a mobile number as well as a landline. */
  phone = jl_test_update_ok (f->store, "community", f->community, "{\"phone\": \"13912345678\"}");
  g_assert_cmpstr (jl_record_get_string (phone, "phone"), ==, "13912345678");
}

static void
test_enum_labels (Fixture       *f,
                  gconstpointer  data)
{
  const JlKind *kind = jl_schema_lookup ("partner_unit");
  const JlField *status = jl_kind_lookup_field (kind, "status");
  const char *label = jl_enum_get_label (status, "paused");
  g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit",
                                           "{\"community_id\": \"%s\", \"name\": \"某单位\", \"status\": \"active\"}",
                                           f->community);
  g_autoptr(JlRecord) by_english = NULL;
  g_autoptr(GError) error = NULL;

  /* By key (above) and by English label; stored as the key. */
  by_english = jl_test_update_ok (f->store, "partner_unit", unit, "{\"status\": \"Ended\"}");
  g_assert_cmpstr (jl_record_get_string (by_english, "status"), ==, "ended");

  /* By the translated label, when the catalogue translates it. */
  g_assert_nonnull (label);
  if (strcmp (label, "Paused") != 0)
    {
      g_autofree char *json = g_strdup_printf ("{\"status\": \"%s\"}", label);
      g_autoptr(JlRecord) by_label = jl_test_update_ok (f->store, "partner_unit", unit, json);

      g_test_message ("translated label of paused: %s", label);
      g_assert_cmpstr (jl_record_get_string (by_label, "status"), ==, "paused");
    }
  else
    g_test_message ("zh_CN catalogue does not translate “Paused”; skipped the Chinese label");

  /* Meeting state by its English label. */
  g_assert_cmpstr (jl_enum_parse (jl_kind_lookup_field (jl_schema_lookup ("meeting"), "state"), "Approved"),
                   ==, JL_MEETING_APPROVED);

  /* Not a value: the message lists what is allowed. */
  error = jl_test_put_fails (f->store, "partner_unit", unit, "{\"status\": \"在建\"}", JL_ERROR_INVALID);
  jl_test_assert_error (error, JL_ERROR_INVALID, "status");
  g_assert_nonnull (strstr (error->message, "active"));
  g_assert_nonnull (strstr (error->message, "在建"));
}

static void
test_too_long (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) rec = NULL;

  /* 100 Chinese characters fit (the limit counts characters, not bytes). */
  for (guint i = 0; i < 100; i++)
    g_string_append (name, "社");
  json = g_strdup_printf ("{\"name\": \"%s\"}", name->str);
  rec = jl_test_update_ok (f->store, "community", f->community, json);
  g_assert_cmpuint (g_utf8_strlen (jl_record_get_string (rec, "name"), -1), ==, 100);

  g_string_append (name, "区");
  g_free (json);
  json = g_strdup_printf ("{\"name\": \"%s\"}", name->str);
  error = jl_test_put_fails (f->store, "community", f->community, json, JL_ERROR_INVALID);
  jl_test_assert_error (error, JL_ERROR_INVALID, "name");
  g_assert_nonnull (strstr (error->message, "100"));
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing = jl_uuid_v7_new ();
  g_autofree char *other_org = jl_test_putf_ok (f->store, "party_org",
                                                "{\"community_id\": \"%s\", \"level\": \"branch\", \"name\": \"中华支部\"}",
                                                f->other);
  g_autofree char *gone_org = jl_test_putf_ok (f->store, "party_org",
                                               "{\"community_id\": \"%s\", \"level\": \"branch\", \"name\": \"撤销支部\"}",
                                               f->community);
  g_autofree char *j1 = NULL;
  g_autofree char *j2 = NULL;
  g_autofree char *j3 = NULL;
  g_autofree char *j4 = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  g_assert_true (jl_store_delete (f->store, "party_org", gone_org, NULL));

  j1 = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"张三\", \"org_id\": \"%s\"}", f->community, missing);
  e1 = jl_test_put_fails (f->store, "person", NULL, j1, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "org_id");

  j2 = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"张三\", \"org_id\": \"%s\"}", f->community, other_org);
  e2 = jl_test_put_fails (f->store, "person", NULL, j2, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "org_id");
  g_assert_nonnull (strstr (e2->message, "中华支部"));

  j3 = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"张三\", \"org_id\": \"%s\"}", f->community, gone_org);
  e3 = jl_test_put_fails (f->store, "person", NULL, j3, JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "org_id");

  /* The owner must exist too. */
  j4 = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"张三\"}", missing);
  e4 = jl_test_put_fails (f->store, "person", NULL, j4, JL_ERROR_INVALID);
  jl_test_assert_error (e4, JL_ERROR_INVALID, "community_id");

  g_assert_cmpint (count_where (f->store, "person", NULL, NULL), ==, 0);
}

static void
test_unique (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *estate = jl_test_putf_ok (f->store, "estate",
                                             "{\"community_id\": \"%s\", \"name\": \"鹭江花园\"}", f->community);
  g_autofree char *twin = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"鹭江花园\"}", f->community);
  g_autofree char *elsewhere = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  g_autofree char *unit_json = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(JlRecord) same = NULL;

  e1 = jl_test_put_fails (f->store, "estate", NULL, twin, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "name");

  /* Same name in another community is fine. */
  elsewhere = jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"鹭江花园\"}", f->other);

  /* Renaming onto a taken name is refused; writing one's own name is not. */
  second = jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"鹭江新村\"}", f->community);
  e2 = jl_test_put_fails (f->store, "estate", second, "{\"name\": \"鹭江花园\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "name");
  same = jl_test_update_ok (f->store, "estate", estate, "{\"name\": \"鹭江花园\", \"households\": 10}");

  /* Community names are unique across the database. */
  e3 = jl_test_put_fails (f->store, "community", NULL, "{\"name\": \"中华社区\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "name");

  /* Credit codes within a community. */
  unit_json = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"单位乙\", \"uscc\": \"%s\"}", f->community, USCC_3);
  g_free (jl_test_putf_ok (f->store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"单位甲\", \"uscc\": \"%s\"}",
                           f->community, USCC_3));
  e4 = jl_test_put_fails (f->store, "partner_unit", NULL, unit_json, JL_ERROR_INVALID);
  jl_test_assert_error (e4, JL_ERROR_INVALID, "uscc");

  /* A deleted record frees its name. */
  g_assert_true (jl_store_delete (f->store, "estate", estate, NULL));
  again = jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"鹭江花园\"}", f->community);
  g_assert_cmpstr (again, !=, estate);
}

/* Tombstones
 */

static void
test_delete_tombstone (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *estate = jl_test_putf_ok (f->store, "estate",
                                             "{\"community_id\": \"%s\", \"name\": \"鹭江花园\"}", f->community);
  g_autofree char *kept = jl_test_putf_ok (f->store, "estate",
                                           "{\"community_id\": \"%s\", \"name\": \"鹭江新村\"}", f->community);
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  JlQuery with_deleted = { .include_deleted = TRUE };
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) survivor = NULL;

  g_assert_cmpint (count_where (f->store, "estate", NULL, NULL), ==, 2);
  g_assert_true (jl_store_delete (f->store, "estate", estate, NULL));

  assert_not_found (f->store, "estate", estate);
  g_assert_cmpint (count_where (f->store, "estate", NULL, NULL), ==, 1);
  live = jl_store_list (f->store, "estate", NULL, NULL);
  g_assert_cmpuint (live->len, ==, 1);
  g_assert_cmpstr (jl_record_get_id (live->pdata[0]), ==, kept);

  /* The row stays, marked deleted, for sync. */
  g_assert_cmpint (count_rows (f->store, "estate", estate, TRUE), ==, 1);
  all = jl_store_list (f->store, "estate", &with_deleted, NULL);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (jl_store_count (f->store, "estate", &with_deleted, NULL), ==, 2);

  /* Deleting twice, or a record that never was, is NOT_FOUND. */
  g_assert_false (jl_store_delete (f->store, "estate", estate, &e1));
  g_assert_error (e1, JL_ERROR, JL_ERROR_NOT_FOUND);
  {
    g_autofree char *nobody = jl_uuid_v7_new ();
    g_assert_false (jl_store_delete (f->store, "estate", nobody, &e2));
    g_assert_error (e2, JL_ERROR, JL_ERROR_NOT_FOUND);
  }

  /* An update does not bring a deleted record back silently. */
  rec = put_json (f->store, "estate", estate, "{\"households\": 5}", NULL, &e3);
  g_assert_null (rec);
  g_assert_error (e3, JL_ERROR, JL_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (f->store, "estate", estate, TRUE), ==, 1);

  /* Cascades go down every level: community → partner unit → project. */
  {
    g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit",
                                             "{\"community_id\": \"%s\", \"name\": \"单位\"}", f->other);
    g_autofree char *project = jl_test_putf_ok (f->store, "project",
                                                "{\"unit_id\": \"%s\", \"year\": 2025, \"lian_type\": \"civility\","
                                                " \"title\": \"文明共建\"}", unit);
    g_autofree char *estate2 = jl_test_putf_ok (f->store, "estate",
                                                "{\"community_id\": \"%s\", \"name\": \"小区\"}", f->other);

    g_assert_true (jl_store_delete (f->store, "community", f->other, NULL));
    assert_not_found (f->store, "partner_unit", unit);
    assert_not_found (f->store, "project", project);
    assert_not_found (f->store, "estate", estate2);
    g_assert_cmpint (count_rows (f->store, "project", project, TRUE), ==, 1);
  }
  survivor = jl_test_get_ok (f->store, "estate", kept);
}

/* The outbox
 */

static void
test_outbox_create (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) entries = outbox_of_row (f->store, f->community);
  g_autoptr(JlRecord) rec = jl_test_get_ok (f->store, "community", f->community);
  static const char *const fields[] = { "name", "street", "district", "city", "households", "area_km2", "as_of", "phone" };
  JlChange *c;

  /* One entry per field given, nothing for the fields left out. */
  g_assert_cmpuint (g_hash_table_size (entries), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      c = g_hash_table_lookup (entries, fields[i]);
      g_assert_nonnull (c);
      g_assert_cmpstr (c->tbl, ==, "community");
      g_assert_cmpstr (c->row_id, ==, f->community);
      g_assert_cmpstr (c->community_id, ==, f->community);
      g_assert_cmpuint (c->hlc, ==, jl_record_get_hlc (rec));
      g_assert_cmpint (c->base, ==, 0);
      g_assert_true (jl_uuid_is_valid (c->change_id));
    }

  /* Values are JSON. */
  c = g_hash_table_lookup (entries, "name");
  g_assert_cmpstr (c->value, ==, "\"鹭江社区\"");
  c = g_hash_table_lookup (entries, "households");
  g_assert_cmpstr (c->value, ==, "3200");
  c = g_hash_table_lookup (entries, "area_km2");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (c->value, NULL), 1.25, 1e-9);

  /* A null given on create is no change either. */
  {
    g_autofree char *id = jl_test_putf_ok (f->store, "estate",
                                           "{\"community_id\": \"%s\", \"name\": \"鹭江花园\", \"address\": null,"
                                           " \"code\": \"\", \"is_old_estate\": false, \"buildings\": 0}",
                                           f->community);
    g_autoptr(GHashTable) estate_entries = outbox_of_row (f->store, id);

    g_assert_cmpuint (g_hash_table_size (estate_entries), ==, 4);
    g_assert_true (g_hash_table_contains (estate_entries, "community_id"));
    g_assert_true (g_hash_table_contains (estate_entries, "name"));
    g_assert_cmpstr (((JlChange *) g_hash_table_lookup (estate_entries, "is_old_estate"))->value, ==, "false");
    g_assert_cmpstr (((JlChange *) g_hash_table_lookup (estate_entries, "buildings"))->value, ==, "0");
    g_assert_false (g_hash_table_contains (estate_entries, "address"));
    g_assert_false (g_hash_table_contains (estate_entries, "code"));
  }
}

static void
test_outbox_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JlRecord) before = jl_test_get_ok (f->store, "community", f->community);
  g_autoptr(JlRecord) after = NULL;
  g_autoptr(JlRecord) noop = NULL;
  g_autoptr(GPtrArray) all_after = NULL;
  gint64 n;
  JlChange *c;

  /* Pretend everything so far was sent: new edits get entries of their own. */
  jl_test_sql_int (f->store, "UPDATE outbox SET batch = 'sent'");
  n = jl_store_outbox_count (f->store, NULL);

  /* name is unchanged, street and population change, phone is cleared. */
  after = jl_test_update_ok (f->store, "community", f->community,
                             "{\"name\": \"鹭江社区\", \"street\": \"中华街道\", \"population\": 9000, \"phone\": null}");
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n + 3);
  all_after = outbox (f->store);
  for (guint i = n; i < all_after->len; i++)
    {
      c = all_after->pdata[i];
      g_assert_cmpstr (c->row_id, ==, f->community);
      g_assert_cmpuint (c->hlc, ==, jl_record_get_hlc (after));
      g_assert_cmpuint (c->hlc, >, jl_record_get_hlc (before));
      if (strcmp (c->field, "street") == 0)
        g_assert_cmpstr (c->value, ==, "\"中华街道\"");
      else if (strcmp (c->field, "population") == 0)
        g_assert_cmpstr (c->value, ==, "9000");
      else if (strcmp (c->field, "phone") == 0)
        g_assert_cmpstr (c->value, ==, "null");
      else
        g_assert_not_reached ();
    }

  /* A no-op update adds nothing and does not touch the record. */
  noop = jl_test_update_ok (f->store, "community", f->community,
                            "{\"name\": \"鹭江社区\", \"street\": \" 中华街道 \", \"phone\": null, \"households\": 3200.0}");
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n + 3);
  g_assert_cmpuint (jl_record_get_hlc (noop), ==, jl_record_get_hlc (after));
  g_assert_cmpstr (jl_record_get_updated_at (noop), ==, jl_record_get_updated_at (after));

  /* A failed write leaves no entries behind. */
  {
    g_autoptr(GError) error = jl_test_put_fails (f->store, "community", f->community,
                                                 "{\"street\": \"又一条街\", \"households\": \"many\"}",
                                                 JL_ERROR_INVALID);
  }
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n + 3);
}

static void
test_outbox_coalesce (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JlRecord) last = NULL;
  g_autoptr(GHashTable) entries = NULL;
  gint64 n = jl_store_outbox_count (f->store, NULL);
  JlChange *c;

  /* Unsent edits of one field become one entry with the latest value. */
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"households\": %u}", 3200 + i);

      g_clear_object (&last);
      last = jl_test_update_ok (f->store, "community", f->community, json);
    }
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n);

  entries = outbox_of_row (f->store, f->community);
  c = g_hash_table_lookup (entries, "households");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->value, ==, "3205");
  g_assert_cmpuint (c->hlc, ==, jl_record_get_hlc (last));

  /* Once the entry is on its way (in a batch), a new edit gets a new entry. */
  jl_test_sql_int (f->store, "UPDATE outbox SET batch = 'b1'");
  g_clear_object (&last);
  last = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 3300}");
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n + 1);
}

static void
test_outbox_delete (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit",
                                           "{\"community_id\": \"%s\", \"name\": \"单位\","
                                           " \"project\": [{\"year\": 2025, \"lian_type\": \"party_work\", \"title\": \"党建联做\"}]}",
                                           f->community);
  JlQuery query = { .filters = { { "unit_id", unit } } };
  g_autoptr(GPtrArray) projects = jl_store_list (f->store, "project", &query, NULL);
  g_autofree char *project = g_strdup (jl_record_get_id (projects->pdata[0]));
  g_autoptr(GHashTable) unit_entries = NULL;
  g_autoptr(GHashTable) project_entries = NULL;
  JlChange *c;

  g_assert_true (jl_store_delete (f->store, "partner_unit", unit, NULL));

  unit_entries = outbox_of_row (f->store, unit);
  c = g_hash_table_lookup (unit_entries, "_deleted");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->value, ==, "true");
  g_assert_cmpstr (c->tbl, ==, "partner_unit");
  g_assert_cmpstr (c->community_id, ==, f->community);

  /* Cascaded deletes are sent too. */
  project_entries = outbox_of_row (f->store, project);
  c = g_hash_table_lookup (project_entries, "_deleted");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->tbl, ==, "project");
  /* The stamps match the rows. */
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM outbox o JOIN project p ON p.id = o.row_id"
                                              " WHERE o.field = '_deleted' AND o.hlc = p.hlc"), ==, 1);
}

/* The clock
 */

static void
test_hlc_monotonic (Fixture       *f,
                    gconstpointer  data)
{
  /* An hour ahead of the real clock, so the fixture's stamps are older. */
  const gint64 t1 = g_get_real_time () / 1000 + 3600 * 1000;
  g_autoptr(JlRecord) r1 = NULL;
  g_autoptr(JlRecord) r2 = NULL;
  g_autoptr(JlRecord) r3 = NULL;
  g_autoptr(JlRecord) r4 = NULL;
  g_autoptr(JlRecord) r5 = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (jl_store_get_path (f->store));
  JlHlc deleted_hlc = 0;

  _jl_store_set_fake_wall_ms (t1);
  r1 = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 1}");
  g_assert_cmpint (jl_hlc_get_ms (jl_record_get_hlc (r1)), ==, t1);
  _jl_store_set_fake_wall_ms (t1 + 1000);
  r2 = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 2}");
  g_assert_cmpint (jl_hlc_get_ms (jl_record_get_hlc (r2)), ==, t1 + 1000);

  /* The clock jumps back a year (a CMOS reset after a power cut). */
  _jl_store_set_fake_wall_ms (t1 - G_GINT64_CONSTANT (365) * 24 * 3600 * 1000);
  r3 = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 3}");
  g_assert_cmpuint (jl_record_get_hlc (r3), >, jl_record_get_hlc (r2));
  g_assert_cmpint (jl_hlc_get_ms (jl_record_get_hlc (r3)), ==, t1 + 1000);

  /* Still after closing and reopening: the last stamp is persisted. */
  g_clear_object (&f->store);
  f->store = jl_store_open (path, &error);
  g_assert_no_error (error);
  r4 = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 4}");
  g_assert_cmpuint (jl_record_get_hlc (r4), >, jl_record_get_hlc (r3));
  /* And with the real clock, which is behind the stamps too. */
  _jl_store_set_fake_wall_ms (0);
  r5 = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 5}");
  g_assert_cmpuint (jl_record_get_hlc (r5), >, jl_record_get_hlc (r4));
  g_assert_true (jl_store_delete (f->store, "community", f->other, NULL));

  /* The outbox carries the stamps: the households entry (coalesced) has the
   * last edit's, the delete a later one. */
  changes = outbox (f->store);
  for (guint i = 0; i < changes->len; i++)
    {
      JlChange *c = changes->pdata[i];

      if (strcmp (c->row_id, f->community) == 0 && strcmp (c->field, "households") == 0)
        g_assert_cmpuint (c->hlc, ==, jl_record_get_hlc (r5));
      if (strcmp (c->row_id, f->other) == 0 && strcmp (c->field, "_deleted") == 0)
        deleted_hlc = c->hlc;
    }
  g_assert_cmpuint (deleted_hlc, >, jl_record_get_hlc (r5));
}

/* The app and the CLI open the same database: one device, one clock. */
static void
test_hlc_two_processes (Fixture       *f,
                        gconstpointer  data)
{
  const gint64 t1 = g_get_real_time () / 1000 + 3600 * 1000;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) other = jl_store_open (jl_store_get_path (f->store), &error);
  g_autoptr(JlRecord) a = NULL;
  g_autoptr(JlRecord) b = NULL;
  g_autoptr(JlRecord) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (jl_store_get_device_id (other), ==, jl_store_get_device_id (f->store));

  _jl_store_set_fake_wall_ms (t1);
  a = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 1}");
  /* The clock goes back; the other process writes next. */
  _jl_store_set_fake_wall_ms (t1 - 60 * 1000);
  b = jl_test_update_ok (other, "community", f->other, "{\"households\": 2}");
  g_assert_cmpuint (jl_record_get_hlc (b), >, jl_record_get_hlc (a));
  c = jl_test_update_ok (f->store, "community", f->community, "{\"households\": 3}");
  g_assert_cmpuint (jl_record_get_hlc (c), >, jl_record_get_hlc (b));
}

typedef struct
{
  JlStore    *store;
  const char *community;
  guint       thread;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *w = user_data;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *id = jl_test_putf_ok (w->store, "person",
                                             "{\"community_id\": \"%s\", \"name\": \"居民%u-%u\"}",
                                             w->community, w->thread, i);
      g_autoptr(JlRecord) rec = jl_test_update_ok (w->store, "person", id, "{\"mobile\": \"13812345678\"}");
      g_autoptr(GPtrArray) hits = jl_store_search (w->store, "居民", NULL, NULL, 5, NULL);

      g_assert_nonnull (hits);
    }
  return NULL;
}

/* Worker threads of the app share one store. */
static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  WriterData w[4];
  GThread *threads[4];
  gint64 n_outbox = jl_store_outbox_count (f->store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      w[i].store = f->store;
      w[i].community = f->community;
      w[i].thread = i;
      threads[i] = g_thread_new ("writer", writer_thread, &w[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (count_where (f->store, "person", NULL, NULL), ==, 100);
  /* community_id, name and mobile of each. */
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n_outbox + 300);
}

/* Natural keys
 */

static void
test_natural_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *tpl = jl_test_putf_ok (f->store, "eval_template",
                                          "{\"community_id\": \"%s\", \"name\": \"测评\","
                                          " \"eval_criterion\": [{\"content\": \"服务\", \"max_points\": 100, \"weight\": 100}]}",
                                          f->community);
  JlQuery query = { .filters = { { "template_id", tpl } } };
  g_autoptr(GPtrArray) criteria = jl_store_list (f->store, "eval_criterion", &query, NULL);
  const char *criterion = jl_record_get_id (criteria->pdata[0]);
  g_autofree char *round = jl_test_putf_ok (f->store, "eval_round",
                                            "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"一轮\"}",
                                            f->community, tpl);
  g_autofree char *target = jl_test_putf_ok (f->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"物业\"}", round);
  g_autofree char *sheet = jl_test_putf_ok (f->store, "eval_sheet",
                                            "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 7}",
                                            round, target);
  g_autofree char *sheet2 = jl_test_putf_ok (f->store, "eval_sheet",
                                             "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 7, \"comment\": \"重录\"}",
                                             round, target);
  g_autofree char *s1 = jl_test_putf_ok (f->store, "eval_score",
                                         "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 80}",
                                         sheet, criterion);
  g_autofree char *s2 = jl_test_putf_ok (f->store, "eval_score",
                                         "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 85}",
                                         sheet, criterion);
  g_autofree char *s3 = NULL;
  g_autoptr(JlRecord) score = NULL;
  g_autoptr(JlRecord) sheet_rec = NULL;

  /* Two clerks typing the same cell converge on one row (a UUIDv5). */
  g_assert_cmpstr (s1, ==, s2);
  g_assert_cmpint (s1[14], ==, '5');
  g_assert_cmpint (count_where (f->store, "eval_score", "sheet_id", sheet), ==, 1);
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM eval_score"), ==, 1);
  score = jl_test_get_ok (f->store, "eval_score", s1);
  g_assert_cmpfloat (jl_record_get_double (score, "points", 0), ==, 85);

  /* Same for sheets (round, target, ballot number): the second put merged. */
  g_assert_cmpstr (sheet, ==, sheet2);
  sheet_rec = jl_test_get_ok (f->store, "eval_sheet", sheet);
  g_assert_cmpstr (jl_record_get_string (sheet_rec, "comment"), ==, "重录");

  /* A deleted cell can be typed in again: a new record in the tombstone's
   * place, without the old comment. */
  g_clear_object (&score);
  score = jl_test_update_ok (f->store, "eval_score", s1, "{\"comment\": \"字迹不清\"}");
  g_assert_true (jl_store_delete (f->store, "eval_score", s1, NULL));
  assert_not_found (f->store, "eval_score", s1);
  /* The server has acknowledged everything so far. */
  jl_test_sql_int (f->store, "DELETE FROM outbox");
  s3 = jl_test_putf_ok (f->store, "eval_score",
                        "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 60}", sheet, criterion);
  g_assert_cmpstr (s3, ==, s1);
  g_clear_object (&score);
  score = jl_test_get_ok (f->store, "eval_score", s3);
  g_assert_cmpfloat (jl_record_get_double (score, "points", 0), ==, 60);
  g_assert_false (jl_record_has_value (score, "comment"));
  g_assert_cmpint (count_where (f->store, "eval_score", "sheet_id", sheet), ==, 1);
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM eval_score"), ==, 1);
  /* Devices that hold the tombstone learn that it lives again. */
  {
    g_autoptr(GHashTable) entries = outbox_of_row (f->store, s3);
    JlChange *c = g_hash_table_lookup (entries, "_deleted");

    g_assert_nonnull (c);
    g_assert_cmpstr (c->value, ==, "false");
    c = g_hash_table_lookup (entries, "comment");
    g_assert_nonnull (c);
    g_assert_cmpstr (c->value, ==, "null");
    c = g_hash_table_lookup (entries, "points");
    g_assert_nonnull (c);
    g_assert_cmpstr (c->value, ==, "60.0");
    g_assert_cmpuint (c->hlc, ==, jl_record_get_hlc (score));
  }
}

/* Lists
 */

static void
test_list_query (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { const char *name; const char *gender; int cadre; } people[] = {
    { "王芳", "female", 1 }, { "李强", "male", 0 }, { "张伟", "male", 1 },
    { "刘洋", "female", 0 }, { "陈静", "female", 1 },
  };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) women = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) tail = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GPtrArray) no_gender = NULL;
  g_autoptr(GError) error = NULL;
  JlQuery q = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_free (jl_test_putf_ok (f->store, "person",
                             "{\"community_id\": \"%s\", \"name\": \"%s\", \"gender\": \"%s\", \"is_cadre\": %s}",
                             f->community, people[i].name, people[i].gender, people[i].cadre ? "true" : "false"));
  g_free (jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"赵敏\"}", f->other));

  /* Default order is the name (binary UTF-8 order, stable). */
  all = jl_store_list (f->store, "person", NULL, NULL);
  g_assert_cmpuint (all->len, ==, 6);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (strcmp (jl_record_get_title (all->pdata[i - 1]), jl_record_get_title (all->pdata[i])), <=, 0);
  g_assert_cmpint (jl_store_count (f->store, "person", NULL, NULL), ==, 6);

  q.community_id = f->community;
  q.filters[0].field = "gender";
  q.filters[0].value = "female";
  q.order_by = "name";
  q.descending = TRUE;
  women = jl_store_list (f->store, "person", &q, NULL);
  g_assert_cmpuint (women->len, ==, 3);
  g_assert_cmpint (jl_store_count (f->store, "person", &q, NULL), ==, 3);
  for (guint i = 0; i < women->len; i++)
    g_assert_cmpstr (jl_record_get_string (women->pdata[i], "gender"), ==, "female");
  for (guint i = 1; i < women->len; i++)
    g_assert_cmpint (strcmp (jl_record_get_title (women->pdata[i - 1]), jl_record_get_title (women->pdata[i])), >, 0);

  /* limit and offset page through the same order. */
  q.limit = 2;
  q.offset = 1;
  page = jl_store_list (f->store, "person", &q, NULL);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (jl_record_get_id (page->pdata[0]), ==, jl_record_get_id (women->pdata[1]));
  g_assert_cmpstr (jl_record_get_id (page->pdata[1]), ==, jl_record_get_id (women->pdata[2]));
  /* An offset without a limit skips too. */
  q.limit = 0;
  q.offset = 2;
  tail = jl_store_list (f->store, "person", &q, NULL);
  g_assert_cmpuint (tail->len, ==, 1);
  g_assert_cmpstr (jl_record_get_id (tail->pdata[0]), ==, jl_record_get_id (women->pdata[2]));

  /* Community filter alone. */
  memset (&q, 0, sizeof q);
  q.community_id = f->other;
  other = jl_store_list (f->store, "person", &q, NULL);
  g_assert_cmpuint (other->len, ==, 1);
  g_assert_cmpstr (jl_record_get_title (other->pdata[0]), ==, "赵敏");

  /* Booleans filter as true/false. */
  memset (&q, 0, sizeof q);
  q.filters[0].field = "is_cadre";
  q.filters[0].value = "true";
  cadres = jl_store_list (f->store, "person", &q, NULL);
  g_assert_cmpuint (cadres->len, ==, 3);

  /* A NULL value matches records without the field. */
  memset (&q, 0, sizeof q);
  q.filters[0].field = "gender";
  q.filters[0].value = NULL;
  no_gender = jl_store_list (f->store, "person", &q, NULL);
  g_assert_cmpuint (no_gender->len, ==, 1);

  /* Text that looks like a number is still text: grid code "001". */
  g_free (jl_test_putf_ok (f->store, "grid", "{\"community_id\": \"%s\", \"code\": \"001\"}", f->community));
  g_free (jl_test_putf_ok (f->store, "grid", "{\"community_id\": \"%s\", \"code\": \"1\"}", f->community));
  memset (&q, 0, sizeof q);
  q.filters[0].field = "code";
  q.filters[0].value = "001";
  grids = jl_store_list (f->store, "grid", &q, NULL);
  g_assert_cmpuint (grids->len, ==, 1);
  g_assert_cmpstr (jl_record_get_string (grids->pdata[0], "code"), ==, "001");

  /* Unknown fields are refused, not turned into SQL. */
  memset (&q, 0, sizeof q);
  q.filters[0].field = "name\" OR 1=1 --";
  q.filters[0].value = "x";
  g_assert_null (jl_store_list (f->store, "person", &q, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (jl_store_count (f->store, "person", &q, &error), ==, -1);
  g_assert_error (error, JL_ERROR, JL_ERROR_INVALID);
  g_clear_error (&error);
  memset (&q, 0, sizeof q);
  q.order_by = "shoe_size";
  g_assert_null (jl_store_list (f->store, "person", &q, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_INVALID);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) bad = NULL;
  gint64 n_outbox = jl_store_outbox_count (f->store, NULL);

  /* Rolled back: nothing stays, not even outbox entries. */
  g_assert_true (jl_store_begin (f->store, NULL));
  g_free (jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"甲\"}", f->community));
  g_free (jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"乙\"}", f->community));
  g_assert_cmpint (count_where (f->store, "estate", NULL, NULL), ==, 2);
  jl_store_rollback (f->store);
  g_assert_cmpint (count_where (f->store, "estate", NULL, NULL), ==, 0);
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n_outbox);

  /* A failed write inside a transaction undoes only itself. */
  g_assert_true (jl_store_begin (f->store, NULL));
  g_free (jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"甲\"}", f->community));
  bad = put_json (f->store, "estate", NULL, "{\"name\": \"无主\"}", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, JL_ERROR, JL_ERROR_INVALID);
  g_free (jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"乙\"}", f->community));
  g_assert_true (jl_store_commit (f->store, NULL));
  g_assert_cmpint (count_where (f->store, "estate", NULL, NULL), ==, 2);
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n_outbox + 4);
}

/* A put inside jl_store_begin has no savepoint of its own (see
 * put_in_bulk): a database failure after its first write must not let
 * half a record, or anything else of the transaction, be committed. */
static void
test_transaction_broken (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) commit_error = NULL;
  g_autoptr(JlRecord) bad = NULL;
  g_autoptr(JlRecord) after = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *boom = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"炸\"}", f->community);
  g_autofree char *second = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"乙\"}", f->community);
  g_autoptr(GPtrArray) hits = NULL;
  gint64 n_outbox = jl_store_outbox_count (f->store, NULL);

  /* The row goes in first; its outbox entry then fails, as a full disk
   * would make it. */
  g_assert_cmpint (sqlite3_exec (f->store->db,
                                 "CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox"
                                 " WHEN NEW.value = '\"炸\"'"
                                 " BEGIN SELECT RAISE (FAIL, 'simulated disk failure'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (jl_store_begin (f->store, NULL));
  g_free (jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"甲\"}", f->community));
  bad = put_json (f->store, "estate", NULL, boom, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, JL_ERROR, JL_ERROR_DATABASE);
  g_clear_error (&error);

  /* Nothing more can be written, and the commit refuses. */
  after = put_json (f->store, "estate", NULL, second, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, JL_ERROR, JL_ERROR_DATABASE);
  g_assert_false (jl_store_commit (f->store, &commit_error));
  g_assert_error (commit_error, JL_ERROR, JL_ERROR_DATABASE);
  g_assert_cmpint (count_where (f->store, "estate", NULL, NULL), ==, 0);
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n_outbox);
  hits = jl_store_search (f->store, "甲", "estate", NULL, 0, NULL);
  g_assert_cmpint (hits->len, ==, 0);

  /* The next transaction starts clean. */
  g_assert_true (jl_store_begin (f->store, NULL));
  ok = jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"甲\"}", f->community);
  g_assert_true (jl_store_commit (f->store, NULL));
  g_assert_cmpint (count_where (f->store, "estate", NULL, NULL), ==, 1);
}

/* Search
 */

typedef struct
{
  char *meeting;
  char *decision;
  char *unit;
  char *person;
  char *other_unit;
} SearchData;

static void
search_data_fill (Fixture    *f,
                  SearchData *s)
{
  JlQuery query = { .filters = { { "meeting_id", NULL } } };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) decisions = NULL;

  s->meeting = jl_test_putf_ok (f->store, "meeting",
                                "{\"community_id\": \"%s\", \"meeting_type\": \"joint\","
                                " \"title\": \"第一季度党建联席会议\", \"held_at\": \"2025-03-05 14:30\","
                                " \"summary\": \"会议首先学习了有关文件精神，随后各共建单位汇报了上季度工作情况，"
                                "最后讨论了老旧小区加装电梯的资金筹措问题。\","
                                " \"agenda_item\": [{\"title\": \"议题一\", \"decision\": [{\"text\": \"由鹭江物业公司牵头完成意见征集\"}]}]}",
                                f->community);
  query.filters[0].value = s->meeting;
  items = jl_store_list (f->store, "agenda_item", &query, NULL);
  query.filters[0].field = "agenda_item_id";
  query.filters[0].value = jl_record_get_id (items->pdata[0]);
  decisions = jl_store_list (f->store, "decision", &query, NULL);
  s->decision = g_strdup (jl_record_get_id (decisions->pdata[0]));
  s->unit = jl_test_putf_ok (f->store, "partner_unit",
                             "{\"community_id\": \"%s\", \"name\": \"厦门市自来水有限公司\","
                             " \"note\": \"承担二次供水设施改造\"}", f->community);
  s->person = jl_test_putf_ok (f->store, "person",
                               "{\"community_id\": \"%s\", \"name\": \"陈美丽\", \"employer\": \"厦门大学\"}",
                               f->community);
  s->other_unit = jl_test_putf_ok (f->store, "partner_unit",
                                   "{\"community_id\": \"%s\", \"name\": \"中华电梯维保公司\"}", f->other);
}

static void
search_data_clear (SearchData *s)
{
  g_free (s->meeting);
  g_free (s->decision);
  g_free (s->unit);
  g_free (s->person);
  g_free (s->other_unit);
}

static GPtrArray *
search (JlStore    *store,
        const char *text,
        const char *kind,
        const char *community)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = jl_store_search (store, text, kind, community, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gboolean
hits_contain (GPtrArray  *hits,
              const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (strcmp (((JlSearchHit *) hits->pdata[i])->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_search_substrings (Fixture       *f,
                        gconstpointer  data)
{
  SearchData s = { 0 };

  search_data_fill (f, &s);

  {
    /* 1, 2, 3 and 6 characters, in the middle of words. */
    g_autoptr(GPtrArray) h1 = search (f->store, "梯", NULL, NULL);
    g_autoptr(GPtrArray) h2 = search (f->store, "电梯", NULL, NULL);
    g_autoptr(GPtrArray) h3 = search (f->store, "自来水", NULL, NULL);
    g_autoptr(GPtrArray) h6 = search (f->store, "老旧小区加装", NULL, NULL);
    g_autoptr(GPtrArray) hp = search (f->store, "美丽", NULL, NULL);
    g_autoptr(GPtrArray) hd = search (f->store, "意见征集", NULL, NULL);
    g_autoptr(GPtrArray) he = search (f->store, "厦门大学", NULL, NULL);
    g_autoptr(GPtrArray) ht = search (f->store, "联席", NULL, NULL);

    g_assert_true (hits_contain (h1, s.meeting));
    g_assert_true (hits_contain (h1, s.other_unit));
    g_assert_cmpuint (h1->len, ==, 2);
    g_assert_true (hits_contain (h2, s.meeting));
    g_assert_true (hits_contain (h2, s.other_unit));
    g_assert_cmpuint (h2->len, ==, 2);
    g_assert_cmpuint (h3->len, ==, 1);
    g_assert_true (hits_contain (h3, s.unit));
    g_assert_cmpuint (h6->len, ==, 1);
    g_assert_true (hits_contain (h6, s.meeting));
    g_assert_cmpuint (hp->len, ==, 1);
    g_assert_true (hits_contain (hp, s.person));
    g_assert_cmpuint (hd->len, ==, 1);
    g_assert_true (hits_contain (hd, s.decision));
    g_assert_true (hits_contain (he, s.person));
    /* Titles are searched too. */
    g_assert_true (hits_contain (ht, s.meeting));
  }

  {
    /* Characters that occur, but not next to each other, do not match. */
    g_autoptr(GPtrArray) n1 = search (f->store, "电水", NULL, NULL);
    g_autoptr(GPtrArray) n2 = search (f->store, "梯电", NULL, NULL);
    g_autoptr(GPtrArray) n3 = search (f->store, "小区老旧", NULL, NULL);
    g_autoptr(GPtrArray) n4 = search (f->store, "鑫", NULL, NULL);
    g_autoptr(GPtrArray) n5 = search (f->store, "陈美丽丽", NULL, NULL);
    g_autoptr(GPtrArray) empty = search (f->store, "  ，。 ", NULL, NULL);

    g_assert_cmpuint (n1->len, ==, 0);
    g_assert_cmpuint (n2->len, ==, 0);
    g_assert_cmpuint (n3->len, ==, 0);
    g_assert_cmpuint (n4->len, ==, 0);
    g_assert_cmpuint (n5->len, ==, 0);
    g_assert_cmpuint (empty->len, ==, 0);
  }

  {
    /* Several words must all occur. */
    g_autoptr(GPtrArray) both = search (f->store, "电梯 资金", NULL, NULL);
    g_autoptr(GPtrArray) none = search (f->store, "电梯 自来水", NULL, NULL);
    /* FTS5 syntax is searched as text, not run. */
    g_autoptr(GPtrArray) syntax = search (f->store, "\"电梯\" OR NOT *", NULL, NULL);

    g_assert_cmpuint (both->len, ==, 1);
    g_assert_true (hits_contain (both, s.meeting));
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (syntax->len, ==, 0);
  }
  search_data_clear (&s);
}

static void
test_search_filters_snippet (Fixture       *f,
                             gconstpointer  data)
{
  SearchData s = { 0 };
  g_autoptr(GPtrArray) by_kind = NULL;
  g_autoptr(GPtrArray) by_community = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) snip = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  JlSearchHit *hit;

  search_data_fill (f, &s);

  by_kind = search (f->store, "电梯", "partner_unit", NULL);
  g_assert_cmpuint (by_kind->len, ==, 1);
  g_assert_true (hits_contain (by_kind, s.other_unit));
  hit = by_kind->pdata[0];
  g_assert_cmpstr (hit->kind, ==, "partner_unit");
  g_assert_cmpstr (hit->title, ==, "中华电梯维保公司");
  g_assert_cmpstr (hit->community_id, ==, f->other);

  by_community = search (f->store, "电梯", NULL, f->community);
  g_assert_cmpuint (by_community->len, ==, 1);
  g_assert_true (hits_contain (by_community, s.meeting));
  other = search (f->store, "电梯", "meeting", f->other);
  g_assert_cmpuint (other->len, ==, 0);

  /* The snippet shows the match, even deep in a long text. */
  snip = search (f->store, "资金筹措", NULL, NULL);
  g_assert_cmpuint (snip->len, ==, 1);
  hit = snip->pdata[0];
  g_assert_cmpstr (hit->id, ==, s.meeting);
  g_assert_cmpstr (hit->kind, ==, "meeting");
  g_assert_cmpstr (hit->title, ==, "第一季度党建联席会议");
  g_assert_nonnull (strstr (hit->snippet, "资金筹措"));
  g_assert_cmpint (g_utf8_strlen (hit->snippet, -1), <, 60);

  /* Spaces around the words, full-width ones too, change nothing. */
  {
    g_autoptr(GPtrArray) spaced = search (f->store, " \u3000资金筹措　 电梯 ", NULL, NULL);

    g_assert_cmpuint (spaced->len, ==, 1);
    g_assert_nonnull (strstr (((JlSearchHit *) spaced->pdata[0])->snippet, "资金筹措"));
  }

  limited = jl_store_search (f->store, "梯", NULL, NULL, 1, NULL);
  g_assert_cmpuint (limited->len, ==, 1);
  search_data_clear (&s);
}

static void
test_search_follows_writes (Fixture       *f,
                            gconstpointer  data)
{
  SearchData s = { 0 };
  g_autoptr(JlRecord) upd = NULL;

  search_data_fill (f, &s);

  /* Deleted records vanish, also the children of deleted records. */
  g_assert_true (jl_store_delete (f->store, "partner_unit", s.other_unit, NULL));
  {
    g_autoptr(GPtrArray) hits = search (f->store, "电梯", NULL, NULL);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_false (hits_contain (hits, s.other_unit));
  }
  g_assert_true (jl_store_delete (f->store, "meeting", s.meeting, NULL));
  {
    g_autoptr(GPtrArray) hits = search (f->store, "电梯", NULL, NULL);
    g_autoptr(GPtrArray) decision = search (f->store, "意见征集", NULL, NULL);

    g_assert_cmpuint (hits->len, ==, 0);
    g_assert_cmpuint (decision->len, ==, 0);
  }

  /* Edits replace the old text. */
  upd = jl_test_update_ok (f->store, "person", s.person, "{\"employer\": \"集美大学\", \"name\": \"陈丽\"}");
  {
    g_autoptr(GPtrArray) old_text = search (f->store, "厦门大学", NULL, NULL);
    g_autoptr(GPtrArray) old_name = search (f->store, "美丽", NULL, NULL);
    g_autoptr(GPtrArray) new_text = search (f->store, "集美", NULL, NULL);
    g_autoptr(GPtrArray) new_name = search (f->store, "陈丽", "person", NULL);

    g_assert_cmpuint (old_text->len, ==, 0);
    g_assert_cmpuint (old_name->len, ==, 0);
    g_assert_cmpuint (new_text->len, ==, 1);
    g_assert_cmpuint (new_name->len, ==, 1);
    g_assert_cmpstr (((JlSearchHit *) new_name->pdata[0])->title, ==, "陈丽");
  }

  /* A failed write leaves the index as it was. */
  {
    g_autoptr(GError) error = jl_test_put_fails (f->store, "person", s.person,
                                                 "{\"employer\": \"思明区政府\", \"mobile\": \"123\"}",
                                                 JL_ERROR_INVALID);
    g_autoptr(GPtrArray) hits = search (f->store, "思明", NULL, NULL);

    g_assert_cmpuint (hits->len, ==, 0);
  }
  search_data_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  jl_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/jinlin/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("open-new", test_open_new);
  g_test_add_func ("/jinlin/store/open-new-folder", test_open_new_folder);
  ADD ("crud/community", test_crud_community);
  ADD ("crud/organisation", test_crud_organisation);
  ADD ("crud/partner-unit", test_crud_partner_unit);
  ADD ("crud/meeting", test_crud_meeting);
  ADD ("crud/eval", test_crud_eval);
  ADD ("invalid/wrong-types", test_wrong_types);
  ADD ("invalid/unknown-field-kind", test_unknown_field_and_kind);
  ADD ("invalid/missing-required", test_missing_required);
  ADD ("invalid/uscc", test_uscc);
  ADD ("invalid/id-card-mobile-phone", test_id_card_mobile_phone);
  ADD ("invalid/too-long", test_too_long);
  ADD ("invalid/references", test_references);
  ADD ("enum-labels", test_enum_labels);
  ADD ("unique", test_unique);
  ADD ("delete-tombstone", test_delete_tombstone);
  ADD ("outbox/create", test_outbox_create);
  ADD ("outbox/update", test_outbox_update);
  ADD ("outbox/coalesce", test_outbox_coalesce);
  ADD ("outbox/delete", test_outbox_delete);
  ADD ("hlc-monotonic", test_hlc_monotonic);
  ADD ("hlc-two-processes", test_hlc_two_processes);
  ADD ("threads", test_threads);
  ADD ("natural-key", test_natural_key);
  ADD ("list-query", test_list_query);
  ADD ("transactions", test_transactions);
  ADD ("transaction-broken", test_transaction_broken);
  ADD ("search/substrings", test_search_substrings);
  ADD ("search/filters-snippet", test_search_filters_snippet);
  ADD ("search/follows-writes", test_search_follows_writes);

#undef ADD

  return g_test_run ();
}
