/* test-export-import.c: the whole database as JSON and back: export →
 * import → export is byte-identical, bad files are refused with nothing
 * stored, and imported records go to the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-store-private.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

typedef struct
{
  char    *dir;
  JlStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = jl_test_store_new (&f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  jl_test_dir_free (f->dir);
}

static char *
child_of (JlStore    *store,
          const char *kind,
          const char *field,
          const char *value)
{
  JlQuery query = { .filters = { { field, value } } };
  g_autoptr(GPtrArray) list = jl_store_list (store, kind, &query, NULL);

  g_assert_cmpuint (list->len, >=, 1);
  return g_strdup (jl_record_get_id (list->pdata[0]));
}

static void
update (JlStore    *store,
        const char *kind,
        const char *id,
        const char *json)
{
  g_autoptr(JlRecord) record = jl_test_update_ok (store, kind, id, json);
}

/* One record of every kind (two communities), with Chinese text, text that
 * needs escaping, lists, booleans true and false, reals, cleared fields,
 * approved minutes with an amendment, and a deleted record. */
static void
fill_everything (JlStore *store)
{
  g_autofree char *community = NULL, *other = NULL, *committee = NULL, *branch = NULL;
  g_autofree char *estate = NULL, *gone = NULL, *person = NULL, *unit = NULL, *meeting = NULL;
  g_autofree char *draft = NULL, *item = NULL, *tpl = NULL, *sat_tpl = NULL, *round = NULL;
  g_autofree char *target = NULL, *scorer = NULL, *sheet = NULL, *crit = NULL, *json = NULL;

  community = jl_test_put_ok (store, "community",
                              "{\"name\": \"鹭江社区\", \"street\": \"鹭江街道\", \"district\": \"思明区\", \"city\": \"厦门市\","
                              " \"committee_name\": \"中共厦门市思明区鹭江街道鹭江社区委员会\", \"households\": 3200,"
                              " \"population\": 8100, \"party_members\": 215, \"area_km2\": 1.25, \"as_of\": \"2025-01-01\","
                              " \"phone\": \"0592-2345678\"}");
  other = jl_test_put_ok (store, "community", "{\"name\": \"中华社区\", \"area_km2\": 0.8}");
  committee = jl_test_putf_ok (store, "party_org",
                               "{\"community_id\": \"%s\", \"level\": \"committee\", \"name\": \"鹭江社区党委\","
                               " \"founded_on\": \"1998-07-01\", \"term_start\": \"2021-06-01\", \"term_end\": \"2026-05-31\","
                               " \"position\": 0}", community);
  branch = jl_test_putf_ok (store, "party_org",
                            "{\"community_id\": \"%s\", \"parent_id\": \"%s\", \"level\": \"branch\","
                            " \"org_kind\": \"estate_branch\", \"name\": \"鹭江花园党支部\", \"members_count\": 42,"
                            " \"building_nos\": \"1-6号楼\", \"position\": 1}", community, committee);
  estate = jl_test_putf_ok (store, "estate",
                            "{\"community_id\": \"%s\", \"code\": \"LJ-01\", \"name\": \"鹭江花园\", \"households\": 420,"
                            " \"buildings\": 6, \"is_old_estate\": true, \"branch_id\": \"%s\","
                            " \"has_owners_committee\": true, \"red_owners_committee\": false, \"oc_party_majority\": true,"
                            " \"property_company\": \"厦门鹭江物业管理有限公司\", \"property_uscc\": \"91350203MA31ABCD7E\","
                            " \"property_phone\": \"0592-1234567\", \"red_property\": true, \"joint_mechanism\": false}",
                            community, branch);
  gone = jl_test_putf_ok (store, "estate", "{\"community_id\": \"%s\", \"name\": \"已拆迁小区\"}", community);
  g_assert_true (jl_store_delete (store, "estate", gone, NULL));
  person = jl_test_putf_ok (store, "person",
                            "{\"community_id\": \"%s\", \"name\": \"陈美丽\", \"gender\": \"female\","
                            " \"id_no\": \"11010519491231002X\", \"birth_date\": \"1949-12-31\", \"ethnicity\": \"汉族\","
                            " \"mobile\": \"13812345678\", \"member_type\": \"full\", \"joined_on\": \"1975-07-01\","
                            " \"org_id\": \"%s\", \"work_status\": \"retired\", \"estate_id\": \"%s\", \"building\": \"3号楼\","
                            " \"room\": \"502\", \"is_cadre\": false, \"is_volunteer\": true,"
                            " \"skills\": [\"理发\", \"调解纠纷\", \"书法\"]}", community, branch, estate);
  json = g_strdup_printf ("{\"secretary_id\": \"%s\"}", person);
  update (store, "community", community, json);
  g_free (jl_test_putf_ok (store, "person", "{\"community_id\": \"%s\", \"name\": \"林志强\", \"gender\": \"male\"}", other));
  g_free (jl_test_putf_ok (store, "grid",
                           "{\"community_id\": \"%s\", \"code\": \"001\", \"name\": \"第一网格\", \"grid_type\": \"city\","
                           " \"estate_ids\": [\"%s\"], \"households\": 420, \"leader\": \"王芳\","
                           " \"workers\": [\"李娜\", \"张伟\"], \"boundary_note\": \"东至湖滨南路，西至鹭江道\","
                           " \"party_org_type\": \"grid_branch\"}", community, estate));

  unit = jl_test_putf_ok (store, "partner_unit",
                          "{\"community_id\": \"%s\", \"name\": \"厦门市自来水有限公司\", \"uscc\": \"91110000802100433B\","
                          " \"category\": \"resident\", \"unit_type\": \"soe\", \"party_org_name\": \"自来水公司党委\","
                          " \"party_members\": 120, \"staff\": 800, \"address\": \"厦门市思明区湖滨南路1号\","
                          " \"chief\": \"林志强\", \"chief_mobile\": \"13912345678\", \"liaison\": \"黄晓明\","
                          " \"liaison_phone\": \"0592-5556666\", \"agreement_signed_on\": \"2024-03-01\","
                          " \"agreement_term_end\": \"2026-02-28\", \"resources\": [\"场地\", \"志愿者\", \"专业技术\"],"
                          " \"demands\": [\"宣传\"], \"status\": \"active\", \"note\": \"第一行\\n第二行，含“引号”、\\\"quotes\\\" 与 \\\\ 反斜杠 🏠\","
                          " \"unit_estate_link\": [{\"estate_id\": \"%s\", \"since\": \"2024-03-01\", \"is_primary\": true}],"
                          " \"part_time_member\": [{\"person_id\": \"%s\", \"name\": \"陈美丽\", \"post\": \"member\","
                          "   \"unit_post\": \"工会主席\", \"rank\": \"正科\", \"term_start\": \"2024-01-01\","
                          "   \"term_end\": \"2026-12-31\", \"mobile\": \"13812345678\"}],"
                          " \"project\": [{\"estate_id\": \"%s\", \"year\": 2025, \"lian_type\": \"environment\","
                          "   \"title\": \"二次供水设施改造\", \"description\": \"改造老旧水箱\", \"start_on\": \"2025-03-01\","
                          "   \"end_on\": \"2025-09-30\", \"budget\": 125000.75, \"status\": \"in_progress\"}]}",
                          community, estate, person, estate);

  meeting = jl_test_putf_ok (store, "meeting",
                             "{\"community_id\": \"%s\", \"org_id\": \"%s\", \"meeting_type\": \"joint\","
                             " \"title\": \"2025年第一季度党建联席会议\", \"held_at\": \"2025-03-05 14:30\","
                             " \"ended_at\": \"2025-03-05 16:30\", \"place\": \"社区党群服务中心\", \"host_id\": \"%s\","
                             " \"recorder_id\": \"%s\", \"observers\": \"街道党工委\", \"summary\": \"讨论加装电梯。\","
                             " \"is_public\": true,"
                             " \"attendance\": [{\"person_id\": \"%s\", \"name\": \"陈美丽\", \"role\": \"due\", \"status\": \"present\"},"
                             "   {\"unit_id\": \"%s\", \"name\": \"黄晓明\", \"status\": \"leave\", \"reason\": \"出差\"}],"
                             " \"agenda_item\": [{\"position\": 1, \"title\": \"加装电梯\", \"presenter\": \"林志强\","
                             "   \"item_kind\": \"vote\", \"step_consult\": \"三方会商\", \"step_plan\": \"物业牵头\","
                             "   \"step_execute\": \"分楼栋实施\", \"votes_yes\": 11, \"votes_no\": 0, \"votes_abstain\": 1}]}",
                             community, committee, person, person, person, unit);
  item = child_of (store, "agenda_item", "meeting_id", meeting);
  g_free (jl_test_putf_ok (store, "decision",
                           "{\"agenda_item_id\": \"%s\", \"text\": \"由物业牵头征集意见\", \"lead_unit_id\": \"%s\","
                           " \"lead_org_id\": \"%s\", \"owner\": \"王五\", \"due_on\": \"2025-06-30\","
                           " \"status\": \"in_progress\", \"progress\": 37.5, \"decision_disclosed_on\": \"2025-03-06\"}",
                           item, unit, branch));
  update (store, "meeting", meeting, "{\"state\": \"submitted\"}");
  update (store, "meeting", meeting, "{\"state\": \"approved\", \"approved_by\": \"街道党工委\", \"approved_at\": \"2025-03-08 10:00\"}");
  g_free (jl_test_putf_ok (store, "amendment",
                           "{\"meeting_id\": \"%s\", \"target_kind\": \"meeting\", \"target_id\": \"%s\", \"field\": \"summary\","
                           " \"old_value\": \"讨论加装电梯。\", \"new_value\": \"讨论加装电梯及资金筹措。\", \"reason\": \"漏记\","
                           " \"author\": \"陈美丽\", \"made_on\": \"2025-03-10\"}", meeting, meeting));
  /* The signed scan's record (its bytes are a blob, not part of exports). */
  g_free (jl_test_putf_ok (store, "attachment",
                           "{\"meeting_id\": \"%s\", \"file_name\": \"签字版.pdf\", \"mime_type\": \"application/pdf\","
                           " \"size\": 2048, \"sha256\": \"%s\", \"note\": \"扫描件\"}", meeting,
                           "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  draft = jl_test_putf_ok (store, "meeting",
                           "{\"community_id\": \"%s\", \"meeting_type\": \"lecture\", \"title\": \"党课\","
                           " \"held_at\": \"2025-04-01 09:00\", \"lecturer\": \"林书记\", \"summary\": \"草稿\\t待补充\"}",
                           community);
  /* A cleared field. */
  update (store, "meeting", draft, "{\"summary\": null}");
  g_free (jl_test_putf_ok (store, "problem",
                           "{\"unit_id\": \"%s\", \"estate_id\": \"%s\", \"year\": 2025, \"seq\": 1, \"title\": \"停车难\","
                           " \"description\": \"夜间停车位不足\", \"source\": \"joint_meeting\", \"agreed_in_meeting_id\": \"%s\","
                           " \"status\": \"solved\", \"started_on\": \"2025-03-06\", \"solved_on\": \"2025-05-20\","
                           " \"result_text\": \"新增车位 40 个\", \"resident_rating\": \"satisfied\"}", unit, estate, meeting));

  tpl = jl_test_putf_ok (store, "eval_template",
                         "{\"community_id\": \"%s\", \"name\": \"物业服务测评\", \"target_kind\": \"property\","
                         " \"eval_criterion\": [{\"position\": 1, \"category\": \"环境\", \"content\": \"保洁\","
                         "   \"standard\": \"每日清扫\", \"max_points\": 40, \"weight\": 40},"
                         "  {\"position\": 2, \"content\": \"安保\", \"max_points\": 60, \"weight\": 60}]}", community);
  /* Options cleared after the defaults were filled in. */
  update (store, "eval_template", tpl, "{\"decimals\": null, \"drop_min_sheets\": null}");
  sat_tpl = jl_test_putf_ok (store, "eval_template",
                             "{\"community_id\": \"%s\", \"name\": \"满意度测评\", \"scale\": \"satisfaction\","
                             " \"drop_extremes\": false}", community);
  round = jl_test_putf_ok (store, "eval_round",
                           "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度物业测评\","
                           " \"period_from\": \"2025-01-01\", \"period_to\": \"2025-12-31\", \"anonymous\": false,"
                           " \"published_on\": \"2026-01-15\"}", community, tpl);
  g_free (jl_test_putf_ok (store, "eval_round",
                           "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"业委会满意度\","
                           " \"anonymous\": true}", community, sat_tpl));
  target = jl_test_putf_ok (store, "eval_target",
                            "{\"round_id\": \"%s\", \"name\": \"厦门鹭江物业管理有限公司\", \"ref_id\": \"%s\", \"position\": 1}",
                            round, estate);
  scorer = jl_test_putf_ok (store, "eval_scorer", "{\"round_id\": \"%s\", \"name\": \"居民代表\", \"person_id\": \"%s\"}",
                            round, person);
  sheet = jl_test_putf_ok (store, "eval_sheet",
                           "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"scorer_id\": \"%s\", \"ballot_no\": 1,"
                           " \"is_void\": false, \"comment\": \"总体满意\"}", round, target, scorer);
  crit = child_of (store, "eval_criterion", "template_id", tpl);
  g_free (jl_test_putf_ok (store, "eval_score",
                           "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 35.5, \"comment\": \"楼道偶有杂物\"}",
                           sheet, crit));
}

/* Like g_assert_cmpstr, but shows only the first line that differs. */
static void
assert_same_text (const char *a,
                  const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);

  for (guint i = 0; la[i] != NULL || lb[i] != NULL; i++)
    if (la[i] == NULL || lb[i] == NULL || strcmp (la[i], lb[i]) != 0)
      g_error ("texts differ at line %u: “%s” versus “%s”", i + 1,
               la[i] ? la[i] : "(end)", lb[i] ? lb[i] : "(end)");
  g_assert_cmpstr (a, ==, b);
}

static guint
count_all (JlStore *store)
{
  const JlKind *const *kinds;
  guint n_kinds;
  gint64 total = 0;

  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    total += jl_store_count (store, kinds[k]->name, NULL, NULL);
  return (guint) total;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *path2 = g_build_filename (f->dir, "export2.json", NULL);
  g_autofree char *dir2 = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *on_disk2 = NULL;
  g_autoptr(JlStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *records;
  const JlKind *const *kinds;
  guint n_kinds, n_records = 0, n_fields = 0, n_in_file = 0, n_deleted = 0;

  fill_everything (f->store);
  first = jl_store_export_json_data (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (jl_store_export_json (f->store, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &on_disk, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (on_disk, ==, first);

  /* Every kind is there, with records; the deleted estate is not. */
  root = json_from_string (first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "format"), ==, "jinlin-export");
  records = json_object_get_object_member (json_node_get_object (root), "records");
  kinds = jl_schema_get_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      JsonArray *list = json_object_get_array_member (records, kinds[k]->name);

      if (list == NULL || json_array_get_length (list) == 0)
        g_error ("the export has no %s", kinds[k]->name);
      n_in_file += json_array_get_length (list);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *rec = json_array_get_object_element (list, i);

          n_fields += json_object_get_size (rec) - 1;
          n_deleted += json_object_get_boolean_member_with_default (rec, "_deleted", FALSE);
        }
    }
  /* The deleted estate is there, as a tombstone. */
  g_assert_cmpuint (n_deleted, ==, 1);
  g_assert_nonnull (strstr (first, "已拆迁小区"));
  g_assert_nonnull (strstr (first, "\"_deleted\" : true"));
  g_assert_cmpuint (n_in_file, ==, count_all (f->store) + 1);

  copy = jl_test_store_new (&dir2);
  g_assert_true (jl_store_import_json (copy, path, &n_records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, n_in_file);
  g_assert_cmpuint (count_all (copy), ==, count_all (f->store));
  g_assert_cmpint (jl_store_count (copy, "estate", NULL, NULL), ==, 1);

  second = jl_store_export_json_data (copy, &error);
  g_assert_no_error (error);
  assert_same_text (second, first);
  g_assert_true (jl_store_export_json (copy, path2, NULL));
  g_file_get_contents (path2, &on_disk2, NULL, NULL);
  assert_same_text (on_disk2, on_disk);

  /* The import is a set of local writes: one outbox entry per field. */
  g_assert_cmpint (jl_store_outbox_count (copy, NULL), ==, n_fields);
  {
    g_autoptr(GPtrArray) changes = jl_store_outbox_peek (copy, 0, NULL);
    JlChange *c = NULL;

    for (guint i = 0; i < changes->len && c == NULL; i++)
      if (strcmp (((JlChange *) changes->pdata[i])->tbl, "meeting") == 0 &&
          strcmp (((JlChange *) changes->pdata[i])->field, "state") == 0)
        c = changes->pdata[i];
    g_assert_nonnull (c);
    g_assert_cmpstr (c->value, ==, "\"approved\"");
    g_assert_cmpstr (c->community_id, !=, NULL);
  }

  /* What came in behaves like what went out. */
  {
    g_autoptr(GPtrArray) hits = jl_store_search (copy, "供水", NULL, NULL, 0, NULL);
    g_autoptr(GPtrArray) meetings = NULL;
    JlQuery query = { .filters = { { "state", "approved" } } };
    g_autoptr(GError) frozen = NULL;

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((JlSearchHit *) hits->pdata[0])->kind, ==, "project");
    meetings = jl_store_list (copy, "meeting", &query, NULL);
    g_assert_cmpuint (meetings->len, ==, 1);
    frozen = jl_test_put_fails (copy, "meeting", jl_record_get_id (meetings->pdata[0]),
                                "{\"title\": \"改\"}", JL_ERROR_READ_ONLY);
  }

  g_clear_object (&copy);
  jl_test_dir_free (g_steal_pointer (&dir2));
}

/* Deleting records that others still point to is everyday work (a branch
 * merged away, a host who moved): the export must still import. */
static void
test_round_trip_deletions (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *dir2 = NULL;
  g_autofree char *community = jl_test_put_ok (f->store, "community", "{\"name\": \"鹭江社区\"}");
  g_autofree char *branch = jl_test_putf_ok (f->store, "party_org",
                                             "{\"community_id\": \"%s\", \"level\": \"branch\", \"name\": \"第一支部\"}",
                                             community);
  g_autofree char *host = jl_test_putf_ok (f->store, "person",
                                           "{\"community_id\": \"%s\", \"name\": \"林书记\", \"org_id\": \"%s\"}",
                                           community, branch);
  g_autofree char *member = jl_test_putf_ok (f->store, "person",
                                             "{\"community_id\": \"%s\", \"name\": \"陈美丽\", \"org_id\": \"%s\"}",
                                             community, branch);
  g_autofree char *meeting = jl_test_putf_ok (f->store, "meeting",
                                              "{\"community_id\": \"%s\", \"meeting_type\": \"committee\","
                                              " \"title\": \"支委会\", \"held_at\": \"2025-02-01 09:00\", \"place\": \"会议室\","
                                              " \"host_id\": \"%s\", \"recorder_id\": \"%s\","
                                              " \"attendance\": [{\"person_id\": \"%s\", \"name\": \"林书记\", \"status\": \"present\"}]}",
                                              community, host, member, host);
  g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit",
                                           "{\"community_id\": \"%s\", \"name\": \"自来水公司\","
                                           " \"project\": [{\"year\": 2025, \"lian_type\": \"service\", \"title\": \"管网改造\"}]}",
                                           community);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JlStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) m = NULL;
  g_autoptr(JlRecord) p = NULL;

  update (f->store, "meeting", meeting, "{\"state\": \"submitted\"}");
  update (f->store, "meeting", meeting, "{\"state\": \"approved\"}");
  /* The branch is merged away, the host moves, the unit leaves; and a new
   * unit takes the old one's name. */
  g_assert_true (jl_store_delete (f->store, "party_org", branch, NULL));
  g_assert_true (jl_store_delete (f->store, "person", host, NULL));
  g_assert_true (jl_store_delete (f->store, "partner_unit", unit, NULL));
  g_free (jl_test_putf_ok (f->store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"自来水公司\"}", community));

  first = jl_store_export_json_data (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (jl_store_export_json (f->store, path, NULL));

  copy = jl_test_store_new (&dir2);
  g_assert_true (jl_store_import_json (copy, path, NULL, &error));
  g_assert_no_error (error);
  second = jl_store_export_json_data (copy, NULL);
  assert_same_text (second, first);

  /* Deleted stays deleted, and what pointed at it still does. */
  g_assert_null (jl_store_get (copy, "person", host, NULL));
  g_assert_null (jl_store_get (copy, "party_org", branch, NULL));
  g_assert_null (jl_store_get (copy, "partner_unit", unit, NULL));
  g_assert_cmpint (jl_store_count (copy, "project", NULL, NULL), ==, 0);
  g_assert_cmpint (jl_store_count (copy, "partner_unit", NULL, NULL), ==, 1);
  m = jl_store_get (copy, "meeting", meeting, NULL);
  g_assert_cmpstr (jl_record_get_string (m, "host_id"), ==, host);
  g_assert_cmpstr (jl_record_get_string (m, "state"), ==, JL_MEETING_APPROVED);
  p = jl_store_get (copy, "person", member, NULL);
  g_assert_cmpstr (jl_record_get_string (p, "org_id"), ==, branch);
  {
    g_autoptr(GPtrArray) hits = jl_store_search (copy, "林书记", "person", NULL, 0, NULL);

    g_assert_cmpuint (hits->len, ==, 0);
  }

  /* Importing the export into the store it came from changes nothing. */
  g_assert_true (jl_store_import_json (f->store, path, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&second, g_free);
  second = jl_store_export_json_data (f->store, NULL);
  assert_same_text (second, first);

  /* Restoring from the export brings back what was deleted since. */
  g_assert_true (jl_store_delete (f->store, "person", member, NULL));
  g_assert_null (jl_store_get (f->store, "person", member, NULL));
  g_assert_true (jl_store_import_json (f->store, path, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&p);
  p = jl_store_get (f->store, "person", member, NULL);
  g_assert_nonnull (p);
  g_assert_cmpstr (jl_record_get_string (p, "name"), ==, "陈美丽");
  {
    g_autoptr(GPtrArray) hits = jl_store_search (f->store, "美丽", NULL, NULL, 0, NULL);

    g_assert_cmpuint (hits->len, ==, 1);
  }

  g_clear_object (&copy);
  jl_test_dir_free (g_steal_pointer (&dir2));
}

static void
test_empty_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.json", NULL);
  g_autofree char *first = jl_store_export_json_data (f->store, NULL);
  g_autofree char *second = NULL;
  guint n = 99;

  g_assert_true (jl_store_export_json (f->store, path, NULL));
  g_assert_true (jl_store_import_json (f->store, path, &n, NULL));
  g_assert_cmpuint (n, ==, 0);
  second = jl_store_export_json_data (f->store, NULL);
  g_assert_cmpstr (second, ==, first);
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, 0);
}

/* Importing @text into the empty store fails with @code, and nothing at
 * all is stored. */
static void
assert_import_fails (Fixture    *f,
                     const char *text,
                     int         code,
                     const char *needle)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.json", NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_false (jl_store_import_json (f->store, path, &n, &error));
  g_assert_error (error, JL_ERROR, code);
  g_test_message ("%s", error->message);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention %s", error->message, needle);

  g_assert_cmpuint (count_all (f->store), ==, 0);
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM community"), ==, 0);
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM search_doc"), ==, 0);
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, 0);

  /* The store is fine afterwards. */
  {
    g_autofree char *id = jl_test_put_ok (f->store, "community", "{\"name\": \"试写\"}");

    g_assert_true (jl_store_delete (f->store, "community", id, NULL));
    jl_test_sql_int (f->store, "DELETE FROM community");
    jl_test_sql_int (f->store, "DELETE FROM outbox");
  }
}

#define HEAD "{\"format\": \"jinlin-export\", \"version\": 1, \"schema\": 5, \"records\": "
#define C1 "01958f5e-7c1b-7d3e-8f00-1a2b3c4d5e01"
#define C2 "01958f5e-7c1b-7d3e-8f00-1a2b3c4d5e02"
#define P1 "01958f5e-7c1b-7d3e-8f00-1a2b3c4d5e03"
#define O1 "01958f5e-7c1b-7d3e-8f00-1a2b3c4d5e04"
#define U1 "01958f5e-7c1b-7d3e-8f00-1a2b3c4d5e05"

static void
test_broken_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nope.json", NULL);
  g_autoptr(GError) error = NULL;

  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\"}", JL_ERROR_BAD_JSON, NULL);
  assert_import_fails (f, "这不是 JSON", JL_ERROR_BAD_JSON, NULL);
  assert_import_fails (f, "", JL_ERROR_BAD_JSON, NULL);

  g_assert_false (jl_store_import_json (f->store, missing, NULL, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_IO);
}

static void
test_wrong_shape (Fixture       *f,
                  gconstpointer  data)
{
  assert_import_fails (f, "[]", JL_ERROR_BAD_JSON, NULL);
  assert_import_fails (f, "{\"records\": {}}", JL_ERROR_BAD_JSON, NULL);
  assert_import_fails (f, "{\"format\": \"something-else\", \"version\": 1, \"records\": {}}", JL_ERROR_BAD_JSON, NULL);
  assert_import_fails (f, HEAD "[]}", JL_ERROR_BAD_JSON, NULL);
  assert_import_fails (f, HEAD "{\"community\": {\"id\": \"" C1 "\"}}}", JL_ERROR_BAD_JSON, "community");
  assert_import_fails (f, HEAD "{\"community\": [\"鹭江社区\"]}}", JL_ERROR_BAD_JSON, NULL);
  assert_import_fails (f, HEAD "{\"community\": [{\"name\": \"鹭江社区\"}]}}", JL_ERROR_BAD_JSON, NULL);
  /* Bad records after good ones: the good ones are not kept either. */
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\"},"
                          " {\"id\": \"" C2 "\", \"name\": \"中华社区\", \"households\": \"很多\"}]}}",
                       JL_ERROR_INVALID, "households");
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\", \"shoe\": 1}]}}",
                       JL_ERROR_INVALID, "shoe");
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"not-an-id\", \"name\": \"鹭江社区\"}]}}",
                       JL_ERROR_INVALID, "not-an-id");
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\", \"_deleted\": \"yes\"}]}}",
                       JL_ERROR_BAD_JSON, NULL);
  /* From a newer Jinlin. */
  assert_import_fails (f, "{\"format\": \"jinlin-export\", \"version\": 1, \"schema\": 99, \"records\": {}}",
                       JL_ERROR_TOO_NEW, NULL);
}

static void
test_invalid_record (Fixture       *f,
                     gconstpointer  data)
{
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\"}],"
                          " \"partner_unit\": [{\"id\": \"" U1 "\", \"community_id\": \"" C1 "\","
                          "   \"name\": \"自来水公司\", \"uscc\": \"91110000802100433C\"}]}}",
                       JL_ERROR_INVALID, "uscc");
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\"},"
                          " {\"id\": \"" C2 "\", \"name\": \"鹭江社区\"}]}}",
                       JL_ERROR_INVALID, "name");
}

static void
test_dangling_reference (Fixture       *f,
                         gconstpointer  data)
{
  /* A plain reference to a record that is not in the file. */
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\"}],"
                          " \"person\": [{\"id\": \"" P1 "\", \"community_id\": \"" C1 "\", \"name\": \"陈美丽\","
                          "   \"org_id\": \"" O1 "\"}]}}",
                       JL_ERROR_INVALID, O1);
  /* One that comes later in the file is fine (community → its secretary). */
  {
    g_autofree char *path = g_build_filename (f->dir, "ok.json", NULL);
    g_autoptr(GError) error = NULL;
    guint n = 0;

    g_assert_true (g_file_set_contents (path, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\","
                                        " \"secretary_id\": \"" P1 "\"}],"
                                        " \"person\": [{\"id\": \"" P1 "\", \"community_id\": \"" C1 "\", \"name\": \"林书记\"}]}}",
                                        -1, NULL));
    g_assert_true (jl_store_import_json (f->store, path, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 2);
    jl_test_sql_int (f->store, "DELETE FROM community");
    jl_test_sql_int (f->store, "DELETE FROM person");
    jl_test_sql_int (f->store, "DELETE FROM search_index");
    jl_test_sql_int (f->store, "DELETE FROM search_doc");
    jl_test_sql_int (f->store, "DELETE FROM outbox");
  }
  /* A reference into another community. */
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\"},"
                          " {\"id\": \"" C2 "\", \"name\": \"中华社区\"}],"
                          " \"person\": [{\"id\": \"" P1 "\", \"community_id\": \"" C1 "\", \"name\": \"陈美丽\","
                          "   \"org_id\": \"" O1 "\"}],"
                          " \"party_org\": [{\"id\": \"" O1 "\", \"community_id\": \"" C2 "\", \"level\": \"branch\","
                          "   \"name\": \"中华支部\"}]}}",
                       JL_ERROR_INVALID, "org_id");
  /* An owner that is not in the file. */
  assert_import_fails (f, HEAD "{\"person\": [{\"id\": \"" P1 "\", \"community_id\": \"" C1 "\", \"name\": \"陈美丽\"}]}}",
                       JL_ERROR_INVALID, "community_id");
}

static void
test_unknown_kind (Fixture       *f,
                   gconstpointer  data)
{
  assert_import_fails (f, HEAD "{\"community\": [{\"id\": \"" C1 "\", \"name\": \"鹭江社区\"}],"
                          " \"village\": [{\"id\": \"" C2 "\"}]}}",
                       JL_ERROR_UNKNOWN_KIND, "village");
}

int
main (int   argc,
      char *argv[])
{
  jl_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/jinlin/export-import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("round-trip-deletions", test_round_trip_deletions);
  ADD ("empty-round-trip", test_empty_round_trip);
  ADD ("refuse/broken-json", test_broken_json);
  ADD ("refuse/wrong-shape", test_wrong_shape);
  ADD ("refuse/invalid-record", test_invalid_record);
  ADD ("refuse/dangling-reference", test_dangling_reference);
  ADD ("refuse/unknown-kind", test_unknown_kind);

#undef ADD

  return g_test_run ();
}
