/* test-overview.c: the overview's figures and warnings on a small city
 * made by hand (exact numbers, the quarter and year boundaries, deleted
 * records), the CLI command, and the seed's figures on the demo city
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jl-demo.h"
#include "jl-overview.h"
#include "jl-test-util.h"

typedef struct
{
  char    *dir;
  JlStore *store;
  char    *a, *b;                     /* 莲前社区, 鹭江社区 */
  char    *u1, *u2, *u3, *u4;         /* partner units */
  char    *round;                     /* the open round with sheet problems */
  char    *d1, *d5;                   /* overdue decisions */
} City;

static GDate
day (int y,
     int m,
     int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return date;
}

static void
delete_ok (JlStore    *store,
           const char *kind,
           const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jl_store_delete (store, kind, id, &error));
  g_assert_no_error (error);
}

#define PUT(kind, ...) jl_test_putf_ok (c->store, kind, __VA_ARGS__)

/* Two committees, three live branches (one deleted), a group; estates
 * with every combination of branch, owners' committee and property
 * company. */
static void
make_organisation (City *c)
{
  g_autofree char *committee = PUT ("party_org", "{\"community_id\": \"%s\", \"level\": \"committee\", \"name\": \"莲前社区党委\"}", c->a);
  g_autofree char *b1 = PUT ("party_org", "{\"community_id\": \"%s\", \"parent_id\": \"%s\", \"level\": \"branch\", \"name\": \"第一支部\"}", c->a, committee);
  g_autofree char *b2 = PUT ("party_org", "{\"community_id\": \"%s\", \"parent_id\": \"%s\", \"level\": \"branch\", \"name\": \"第二支部\"}", c->a, committee);
  g_autofree char *b3 = PUT ("party_org", "{\"community_id\": \"%s\", \"parent_id\": \"%s\", \"level\": \"branch\", \"name\": \"第三支部\"}", c->a, committee);
  g_autofree char *group = PUT ("party_org", "{\"community_id\": \"%s\", \"parent_id\": \"%s\", \"level\": \"group\", \"name\": \"1号楼党小组\"}", c->a, b1);
  g_autofree char *committee_b = PUT ("party_org", "{\"community_id\": \"%s\", \"level\": \"committee\", \"name\": \"鹭江社区党委\"}", c->b);
  g_autofree char *b4 = PUT ("party_org", "{\"community_id\": \"%s\", \"parent_id\": \"%s\", \"level\": \"branch\", \"name\": \"鹭江花园党支部\"}", c->b, committee_b);
  g_autofree char *e5 = NULL;

  g_free (PUT ("estate", "{\"community_id\": \"%s\", \"name\": \"莲花一村\", \"branch_id\": \"%s\","
               " \"has_owners_committee\": true, \"red_owners_committee\": true,"
               " \"has_property_company\": true, \"red_property\": false}", c->a, b1));
  g_free (PUT ("estate", "{\"community_id\": \"%s\", \"name\": \"莲花二村\", \"branch_id\": \"%s\","
               " \"has_owners_committee\": true, \"red_owners_committee\": false,"
               " \"has_property_company\": false}", c->a, b1));
  /* Red without an owners' committee counts in neither share. */
  g_free (PUT ("estate", "{\"community_id\": \"%s\", \"name\": \"莲花三村\", \"branch_id\": \"%s\","
               " \"has_owners_committee\": false, \"red_owners_committee\": true,"
               " \"has_property_company\": true, \"red_property\": true}", c->a, b3));
  g_free (PUT ("estate", "{\"community_id\": \"%s\", \"name\": \"莲花四村\","
               " \"has_property_company\": true, \"red_property\": true}", c->a));
  e5 = PUT ("estate", "{\"community_id\": \"%s\", \"name\": \"莲花五村\", \"branch_id\": \"%s\","
            " \"has_owners_committee\": true, \"red_owners_committee\": true}", c->a, b2);
  g_free (PUT ("estate", "{\"community_id\": \"%s\", \"name\": \"鹭江花园\", \"branch_id\": \"%s\"}", c->b, b4));

  /* A deleted branch no longer covers its estate; a deleted estate is
   * no longer counted. */
  delete_ok (c->store, "party_org", b3);
  delete_ok (c->store, "estate", e5);
  (void) group;
}

static char *
estate_id (City       *c,
           const char *name)
{
  JlQuery query = { .filters = { { "name", name } } };
  g_autoptr(GPtrArray) estates = jl_store_list (c->store, "estate", &query, NULL);

  g_assert_cmpuint (estates->len, ==, 1);
  return g_strdup (jl_record_get_id (estates->pdata[0]));
}

static void
make_partners (City *c)
{
  g_autofree char *e1 = estate_id (c, "莲花一村");
  g_autofree char *e2 = estate_id (c, "莲花二村");
  g_autofree char *e3 = estate_id (c, "莲花三村");
  g_autofree char *e4 = estate_id (c, "莲花四村");
  g_autofree char *u5 = NULL;
  g_autofree char *p4 = NULL;

  c->u1 = PUT ("partner_unit", "{\"community_id\": \"%s\", \"name\": \"思明区税务局\", \"status\": \"active\"}", c->a);
  c->u2 = PUT ("partner_unit", "{\"community_id\": \"%s\", \"name\": \"厦门市第一医院\", \"status\": \"active\"}", c->a);
  c->u3 = PUT ("partner_unit", "{\"community_id\": \"%s\", \"name\": \"厦门公交集团\", \"status\": \"paused\"}", c->a);
  c->u4 = PUT ("partner_unit", "{\"community_id\": \"%s\", \"name\": \"厦门港务集团\"}", c->b);
  u5 = PUT ("partner_unit", "{\"community_id\": \"%s\", \"name\": \"鹭江小学\"}", c->b);
  delete_ok (c->store, "partner_unit", u5);

  g_free (PUT ("project", "{\"unit_id\": \"%s\", \"year\": 2025, \"lian_type\": \"party_work\", \"title\": \"共上一堂党课\"}", c->u1));
  g_free (PUT ("project", "{\"unit_id\": \"%s\", \"year\": 2024, \"lian_type\": \"service\", \"title\": \"义诊进小区\"}", c->u2));
  {
    g_autofree char *p = PUT ("project", "{\"unit_id\": \"%s\", \"year\": 2025, \"lian_type\": \"civility\", \"title\": \"文明楼道\"}", c->u4);
    delete_ok (c->store, "project", p);
  }

  /* u1: three active links; u2: two, plus one that ended on 30 June. */
  g_free (PUT ("unit_estate_link", "{\"unit_id\": \"%s\", \"estate_id\": \"%s\", \"since\": \"2025-01-01\"}", c->u1, e1));
  g_free (PUT ("unit_estate_link", "{\"unit_id\": \"%s\", \"estate_id\": \"%s\", \"since\": \"2025-01-01\"}", c->u1, e2));
  g_free (PUT ("unit_estate_link", "{\"unit_id\": \"%s\", \"estate_id\": \"%s\", \"since\": \"2025-01-01\"}", c->u1, e3));
  g_free (PUT ("unit_estate_link", "{\"unit_id\": \"%s\", \"estate_id\": \"%s\"}", c->u2, e1));
  g_free (PUT ("unit_estate_link", "{\"unit_id\": \"%s\", \"estate_id\": \"%s\"}", c->u2, e2));
  g_free (PUT ("unit_estate_link", "{\"unit_id\": \"%s\", \"estate_id\": \"%s\", \"since\": \"2025-01-01\","
               " \"until\": \"2025-06-30\"}", c->u2, e4));

  g_free (PUT ("part_time_member", "{\"unit_id\": \"%s\", \"name\": \"张伟\", \"term_start\": \"2024-01-01\"}", c->u1));
  g_free (PUT ("part_time_member", "{\"unit_id\": \"%s\", \"name\": \"李娜\", \"term_start\": \"2020-07-01\","
               " \"term_end\": \"2025-06-30\"}", c->u1));
  g_free (PUT ("part_time_member", "{\"unit_id\": \"%s\", \"name\": \"王强\", \"term_start\": \"2023-07-01\","
               " \"term_end\": \"2025-07-01\"}", c->u4));

  g_free (PUT ("problem", "{\"unit_id\": \"%s\", \"year\": 2025, \"title\": \"加装电梯\", \"status\": \"solved\"}", c->u1));
  g_free (PUT ("problem", "{\"unit_id\": \"%s\", \"year\": 2025, \"title\": \"停车难\", \"status\": \"in_progress\"}", c->u1));
  g_free (PUT ("problem", "{\"unit_id\": \"%s\", \"year\": 2025, \"title\": \"雨后积水\", \"status\": \"solved\"}", c->u4));
  g_free (PUT ("problem", "{\"unit_id\": \"%s\", \"year\": 2024, \"title\": \"夜间噪音\", \"status\": \"solved\"}", c->u2));

  g_free (PUT ("person", "{\"community_id\": \"%s\", \"name\": \"陈晓东\"}", c->b));
  p4 = PUT ("person", "{\"community_id\": \"%s\", \"name\": \"林小红\"}", c->a);
  delete_ok (c->store, "person", p4);
}

/* Joint meetings on both sides of the 30 June / 1 July boundary, approved
 * minutes with decisions in every state, and a draft whose decision does
 * not count. */
static void
make_meetings (City *c)
{
  g_autofree char *host = PUT ("person", "{\"community_id\": \"%s\", \"name\": \"黄建国\"}", c->a);
  g_autofree char *recorder = PUT ("person", "{\"community_id\": \"%s\", \"name\": \"吴丽华\"}", c->a);
  g_autofree char *minutes = PUT ("meeting", "{\"community_id\": \"%s\", \"meeting_type\": \"committee\","
                                  " \"title\": \"五月支委会\", \"held_at\": \"2025-05-10 09:00\", \"place\": \"会议室\","
                                  " \"host_id\": \"%s\", \"recorder_id\": \"%s\","
                                  " \"attendance\": [{\"name\": \"黄建国\", \"status\": \"present\"}]}",
                                  c->a, host, recorder);
  g_autofree char *item = PUT ("agenda_item", "{\"meeting_id\": \"%s\", \"title\": \"小区停车\"}", minutes);
  g_autofree char *draft = PUT ("meeting", "{\"community_id\": \"%s\", \"meeting_type\": \"co_gov\","
                                " \"title\": \"共治议事\", \"held_at\": \"2025-02-01 15:00\"}", c->a);
  g_autofree char *draft_item = PUT ("agenda_item", "{\"meeting_id\": \"%s\", \"title\": \"垃圾分类\"}", draft);
  g_autoptr(JlRecord) submitted = NULL;
  g_autoptr(JlRecord) approved = NULL;

  g_free (PUT ("meeting", "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"二季度联席会议\","
               " \"held_at\": \"2025-06-30 23:30\"}", c->a));
  g_free (PUT ("meeting", "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"三季度联席会议\","
               " \"held_at\": \"2025-07-01 09:00\"}", c->b));
  g_free (PUT ("meeting", "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"去年四季度联席会议\","
               " \"held_at\": \"2024-12-31 20:00\"}", c->a));

  c->d1 = PUT ("decision", "{\"agenda_item_id\": \"%s\", \"text\": \"六月底前划定临时停车位\","
               " \"due_on\": \"2025-06-30\", \"status\": \"in_progress\"}", item);
  g_free (PUT ("decision", "{\"agenda_item_id\": \"%s\", \"text\": \"七月一日公示方案\", \"due_on\": \"2025-07-01\","
               " \"status\": \"not_started\"}", item));
  g_free (PUT ("decision", "{\"agenda_item_id\": \"%s\", \"text\": \"五月完成摸底\", \"due_on\": \"2025-05-01\","
               " \"status\": \"done\"}", item));
  g_free (PUT ("decision", "{\"agenda_item_id\": \"%s\", \"text\": \"取消的事项\", \"due_on\": \"2025-05-01\","
               " \"status\": \"cancelled\"}", item));
  c->d5 = PUT ("decision", "{\"agenda_item_id\": \"%s\", \"text\": \"五月召开业主大会\", \"due_on\": \"2025-05-01\"}", item);
  g_free (PUT ("decision", "{\"agenda_item_id\": \"%s\", \"text\": \"草稿中的决定\", \"due_on\": \"2025-01-01\","
               " \"status\": \"in_progress\"}", draft_item));

  submitted = jl_test_update_ok (c->store, "meeting", minutes, "{\"state\": \"submitted\"}");
  approved = jl_test_update_ok (c->store, "meeting", minutes, "{\"state\": \"approved\"}");
  g_assert_cmpstr (jl_record_get_string (approved, "state"), ==, JL_MEETING_APPROVED);
}

static char *
make_template (City       *c,
               const char *scale,
               char      **criteria,
               guint       n)
{
  static const double weights[] = { 60, 40 };
  g_autofree char *tpl = PUT ("eval_template", "{\"community_id\": \"%s\", \"name\": \"%s测评表\", \"scale\": \"%s\"}",
                              c->a, scale, scale);

  for (guint i = 0; i < n; i++)
    criteria[i] = PUT ("eval_criterion", "{\"template_id\": \"%s\", \"position\": %u, \"content\": \"指标%u\","
                       " \"max_points\": %g, \"weight\": %g}",
                       tpl, i + 1, i + 1, n == 1 ? 100 : weights[i], n == 1 ? 100 : weights[i]);
  return g_steal_pointer (&tpl);
}

static void
make_evaluation (City *c)
{
  char *crit[2], *sat_crit[1];
  g_autofree char *tpl = make_template (c, "score", crit, 2);
  g_autofree char *sat = make_template (c, "satisfaction", sat_crit, 1);
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL, *s1 = NULL, *s3 = NULL, *s4 = NULL;
  g_autofree char *published = NULL, *preparing = NULL, *tp = NULL;

  c->round = PUT ("eval_round", "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度红色物业考评\","
                  " \"state\": \"scoring\"}", c->a, tpl);
  t1 = PUT ("eval_target", "{\"round_id\": \"%s\", \"name\": \"莲花一村物业\"}", c->round);
  t2 = PUT ("eval_target", "{\"round_id\": \"%s\", \"name\": \"莲花三村物业\"}", c->round);
  t3 = PUT ("eval_target", "{\"round_id\": \"%s\", \"name\": \"莲花四村物业\"}", c->round);

  s1 = PUT ("eval_sheet", "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 1}", c->round, t1);
  g_free (PUT ("eval_score", "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 50}", s1, crit[0]));
  g_free (PUT ("eval_score", "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 30}", s1, crit[1]));
  g_free (PUT ("eval_sheet", "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 2, \"is_void\": true,"
               " \"void_reason\": \"字迹无法辨认\"}", c->round, t1));
  s3 = PUT ("eval_sheet", "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 3}", c->round, t1);
  g_free (PUT ("eval_score", "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 40}", s3, crit[0]));
  s4 = PUT ("eval_sheet", "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 4}", c->round, t2);
  g_free (PUT ("eval_score", "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 55}", s4, crit[0]));
  g_free (PUT ("eval_score", "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 35}", s4, crit[1]));

  /* Published: its void ballot is history. Preparing: no sheets yet. */
  published = PUT ("eval_round", "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2024年度业委会测评\","
                   " \"state\": \"published\"}", c->a, sat);
  tp = PUT ("eval_target", "{\"round_id\": \"%s\", \"name\": \"莲花一村业委会\"}", published);
  g_free (PUT ("eval_sheet", "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 1, \"is_void\": true}",
               published, tp));
  preparing = PUT ("eval_round", "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度业委会测评\","
                   " \"state\": \"preparing\"}", c->a, sat);
  g_free (PUT ("eval_target", "{\"round_id\": \"%s\", \"name\": \"莲花二村业委会\"}", preparing));

  g_free (crit[0]);
  g_free (crit[1]);
  g_free (sat_crit[0]);
}

static void
city_setup (City          *c,
            gconstpointer  data)
{
  c->store = jl_test_store_new (&c->dir);
  c->a = PUT ("community", "{\"name\": \"莲前社区\"}");
  c->b = PUT ("community", "{\"name\": \"鹭江社区\"}");
  make_organisation (c);
  make_partners (c);
  make_meetings (c);
  make_evaluation (c);
}

static void
city_teardown (City          *c,
               gconstpointer  data)
{
  g_clear_object (&c->store);
  jl_test_dir_free (c->dir);
  g_free (c->a);
  g_free (c->b);
  g_free (c->u1);
  g_free (c->u2);
  g_free (c->u3);
  g_free (c->u4);
  g_free (c->round);
  g_free (c->d1);
  g_free (c->d5);
}

static JlOverview *
compute_ok (City       *c,
            const char *community,
            GDate       today)
{
  g_autoptr(GError) error = NULL;
  JlOverview *ov = jl_overview_compute (c->store, community, &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ov);
  return ov;
}

static gboolean
has_sentence_with (JlOverview *ov,
                   const char *needle)
{
  g_auto(GStrv) sentences = jl_overview_get_sentences (ov);

  for (guint i = 0; sentences[i]; i++)
    if (strstr (sentences[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static const JlOverviewWarning *
warning_at (JlOverview *ov,
            guint       i)
{
  g_assert_cmpuint (i, <, ov->warnings->len);
  return ov->warnings->pdata[i];
}

static void
assert_warning (JlOverview            *ov,
                guint                  i,
                JlOverviewWarningKind  kind,
                const char            *record_id)
{
  const JlOverviewWarning *w = warning_at (ov, i);

  g_assert_cmpint (w->kind, ==, kind);
  g_assert_cmpstr (w->record_id, ==, record_id);
  g_assert_nonnull (w->title);
  g_assert_nonnull (w->detail);
}

static void
test_figures (City          *c,
              gconstpointer  data)
{
  g_autoptr(JlOverview) ov = compute_ok (c, NULL, day (2025, 7, 1));

  g_assert_cmpstr (ov->today, ==, "2025-07-01");
  g_assert_cmpint (ov->year, ==, 2025);
  g_assert_cmpint (ov->quarter, ==, 3);
  g_assert_cmpstr (ov->quarter_start, ==, "2025-07-01");
  g_assert_cmpstr (ov->quarter_end, ==, "2025-09-30");

  g_assert_cmpint (ov->communities, ==, 2);
  g_assert_cmpint (ov->estates, ==, 5);
  g_assert_cmpint (ov->branches, ==, 3);
  g_assert_cmpint (ov->groups, ==, 1);
  g_assert_cmpint (ov->partner_units, ==, 4);
  g_assert_cmpint (ov->part_time_members, ==, 2);   /* 李娜's term ended on 30 June */
  g_assert_cmpint (ov->people, ==, 3);
  g_assert_cmpint (ov->meetings_this_year, ==, 4);  /* not 2024-12-31 20:00 */
  g_assert_cmpint (ov->joint_meetings_this_quarter, ==, 1);

  g_assert_cmpint (ov->estates_covered, ==, 3);
  g_assert_cmpint (ov->estates_with_oc, ==, 2);
  g_assert_cmpint (ov->red_owners_committees, ==, 1);
  g_assert_cmpint (ov->estates_with_pc, ==, 3);
  g_assert_cmpint (ov->red_property_companies, ==, 2);

  g_assert_cmpfloat_with_epsilon (ov->units_per_community, 2.0, 1e-9);
  g_assert_cmpint (ov->units_per_community_min, ==, 1);
  g_assert_cmpint (ov->units_per_community_max, ==, 3);
  g_assert_cmpint (ov->problems_this_year, ==, 3);
  g_assert_cmpint (ov->problems_solved, ==, 2);

  g_assert_true (has_sentence_with (ov, "60.0%"));
  g_assert_true (has_sentence_with (ov, "50.0%"));
  g_assert_true (has_sentence_with (ov, "66.7%"));
}

/* 1 July: the first day of the third quarter. */
static void
test_warnings_q3 (City          *c,
                  gconstpointer  data)
{
  g_autoptr(JlOverview) ov = compute_ok (c, NULL, day (2025, 7, 1));
  const JlOverviewWarning *w;

  g_assert_cmpuint (ov->warnings->len, ==, 7);
  /* 莲前's joint meeting was at 23:30 on 30 June: last quarter. */
  assert_warning (ov, 0, JL_OVERVIEW_WARNING_NO_JOINT_MEETING, c->a);
  g_assert_cmpstr (warning_at (ov, 0)->community_name, ==, "莲前社区");
  g_assert_nonnull (strstr (warning_at (ov, 0)->title, "莲前社区"));
  /* No project this year: u2 (only 2024), u4 (deleted project); u3 is paused. */
  assert_warning (ov, 1, JL_OVERVIEW_WARNING_UNIT_NO_PROJECT, c->u2);
  assert_warning (ov, 2, JL_OVERVIEW_WARNING_UNIT_NO_PROJECT, c->u4);
  g_assert_cmpstr (warning_at (ov, 2)->community_id, ==, c->b);
  /* u2's third link ended on 30 June. */
  assert_warning (ov, 3, JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES, c->u1);
  g_assert_cmpint (warning_at (ov, 3)->numbers[0], ==, 3);
  assert_warning (ov, 4, JL_OVERVIEW_WARNING_ROUND_SHEETS, c->round);
  w = warning_at (ov, 4);
  g_assert_cmpint (w->numbers[0], ==, 1);
  g_assert_cmpint (w->numbers[1], ==, 1);
  g_assert_cmpint (w->numbers[2], ==, 1);
  g_assert_cmpstr (w->title, ==, "2025年度红色物业考评");
  /* Oldest deadline first; due today is not overdue yet. */
  assert_warning (ov, 5, JL_OVERVIEW_WARNING_DECISION_OVERDUE, c->d5);
  assert_warning (ov, 6, JL_OVERVIEW_WARNING_DECISION_OVERDUE, c->d1);
  g_assert_nonnull (warning_at (ov, 6)->meeting_id);
  g_assert_nonnull (strstr (warning_at (ov, 6)->detail, "2025-06-30"));

  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_NO_JOINT_MEETING], ==, 1);
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_UNIT_NO_PROJECT], ==, 2);
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES], ==, 1);
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_ROUND_SHEETS], ==, 1);
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_DECISION_OVERDUE], ==, 2);
}

/* 30 June: still the second quarter, so the other community lacks one. */
static void
test_warnings_q2 (City          *c,
                  gconstpointer  data)
{
  g_autoptr(JlOverview) ov = compute_ok (c, NULL, day (2025, 6, 30));

  g_assert_cmpint (ov->quarter, ==, 2);
  g_assert_cmpstr (ov->quarter_start, ==, "2025-04-01");
  g_assert_cmpstr (ov->quarter_end, ==, "2025-06-30");
  g_assert_cmpint (ov->joint_meetings_this_quarter, ==, 1);
  g_assert_cmpint (ov->part_time_members, ==, 3);

  g_assert_cmpuint (ov->warnings->len, ==, 7);
  assert_warning (ov, 0, JL_OVERVIEW_WARNING_NO_JOINT_MEETING, c->b);
  assert_warning (ov, 1, JL_OVERVIEW_WARNING_UNIT_NO_PROJECT, c->u2);
  assert_warning (ov, 2, JL_OVERVIEW_WARNING_UNIT_NO_PROJECT, c->u4);
  /* Sorted by name: 厦门市第一医院 before 思明区税务局. */
  assert_warning (ov, 3, JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES, c->u2);
  assert_warning (ov, 4, JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES, c->u1);
  assert_warning (ov, 5, JL_OVERVIEW_WARNING_ROUND_SHEETS, c->round);
  assert_warning (ov, 6, JL_OVERVIEW_WARNING_DECISION_OVERDUE, c->d5);
}

/* The year turns: last year's figures drop out. */
static void
test_new_year (City          *c,
               gconstpointer  data)
{
  g_autoptr(JlOverview) ov = compute_ok (c, NULL, day (2026, 1, 1));

  g_assert_cmpint (ov->meetings_this_year, ==, 0);
  g_assert_cmpint (ov->problems_this_year, ==, 0);
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_NO_JOINT_MEETING], ==, 2);
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_UNIT_NO_PROJECT], ==, 3);
  {
    /* No problems this year: no solved-rate sentence. */
    g_autoptr(JlOverview) july = compute_ok (c, NULL, day (2025, 7, 1));
    g_auto(GStrv) before = jl_overview_get_sentences (july);
    g_auto(GStrv) after = jl_overview_get_sentences (ov);

    g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before) - 1);
  }
}

static void
test_one_community (City          *c,
                    gconstpointer  data)
{
  g_autoptr(JlOverview) ov = compute_ok (c, c->b, day (2025, 7, 1));
  g_autoptr(GError) error = NULL;
  g_autoptr(JlOverview) missing = NULL;
  g_autofree char *pct = NULL;

  g_assert_cmpstr (ov->community_id, ==, c->b);
  g_assert_cmpstr (ov->community_name, ==, "鹭江社区");
  g_assert_cmpint (ov->communities, ==, 1);
  g_assert_cmpint (ov->estates, ==, 1);
  g_assert_cmpint (ov->estates_covered, ==, 1);
  g_assert_cmpint (ov->branches, ==, 1);
  g_assert_cmpint (ov->estates_with_oc, ==, 0);
  g_assert_cmpint (ov->partner_units, ==, 1);
  g_assert_cmpint (ov->part_time_members, ==, 1);
  g_assert_cmpint (ov->people, ==, 1);
  g_assert_cmpint (ov->problems_this_year, ==, 1);
  g_assert_cmpint (ov->units_per_community_min, ==, 1);
  g_assert_cmpint (ov->units_per_community_max, ==, 1);
  g_assert_cmpuint (ov->warnings->len, ==, 1);
  assert_warning (ov, 0, JL_OVERVIEW_WARNING_UNIT_NO_PROJECT, c->u4);

  /* No owners' committee: no share, so no sentence claiming one. */
  pct = jl_overview_format_percent (ov->red_owners_committees, ov->estates_with_oc);
  g_assert_cmpstr (pct, ==, "—");
  g_assert_true (has_sentence_with (ov, "100.0%"));
  g_assert_true (has_sentence_with (ov, "鹭江社区"));

  missing = jl_overview_compute (c->store, "no-such-community", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, JL_ERROR, JL_ERROR_NOT_FOUND);
}

/* The round's warning agrees with the evaluation results themselves. */
static void
test_round_matches_results (City          *c,
                            gconstpointer  data)
{
  g_autoptr(JlOverview) ov = compute_ok (c, c->a, day (2025, 7, 1));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = jl_store_eval_results (c->store, c->round, &error);
  guint n_void = 0, n_incomplete = 0, n_empty = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      JlTargetResult *r = results->pdata[i];

      n_void += r->result->n_void;
      n_incomplete += r->result->n_incomplete;
      n_empty += r->result->n_sheets == 0;
    }
  for (guint i = 0; i < ov->warnings->len; i++)
    {
      const JlOverviewWarning *w = ov->warnings->pdata[i];

      if (w->kind != JL_OVERVIEW_WARNING_ROUND_SHEETS)
        continue;
      g_assert_cmpstr (w->record_id, ==, c->round);
      g_assert_cmpint (w->numbers[0], ==, n_void);
      g_assert_cmpint (w->numbers[1], ==, n_incomplete);
      g_assert_cmpint (w->numbers[2], ==, n_empty);
    }
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_ROUND_SHEETS], ==, 1);
}

static void
test_percent (void)
{
  static const struct { gint64 n, d; const char *text; } cases[] = {
    { 485, 674, "72.0%" }, { 400, 583, "68.6%" }, { 1521, 1521, "100.0%" }, { 5, 6, "83.3%" },
    { 1, 3, "33.3%" }, { 2, 3, "66.7%" }, { 1, 8, "12.5%" }, { 1, 16, "6.3%" }, { 0, 7, "0.0%" },
    { 0, 0, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jl_overview_format_percent (cases[i].n, cases[i].d);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_true (isnan (jl_overview_percent (3, 0)));
}

static void
test_json (City          *c,
           gconstpointer  data)
{
  g_autoptr(JlOverview) ov = compute_ok (c, NULL, day (2025, 7, 1));
  g_autoptr(JsonNode) node = jl_overview_to_json (ov);
  JsonObject *root = json_node_get_object (node);
  JsonObject *coverage = json_object_get_object_member (root, "branch_coverage");
  JsonObject *red_pc = json_object_get_object_member (root, "red_property_companies");
  JsonArray *warnings = json_object_get_array_member (root, "warnings");

  g_assert_cmpint (json_object_get_int_member (coverage, "numerator"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (coverage, "denominator"), ==, 5);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (coverage, "percent"), 60.0, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (red_pc, "text"), ==, "66.7%");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "counts"), "estates"), ==, 5);
  g_assert_cmpuint (json_array_get_length (warnings), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (warnings, 0), "kind"), ==,
                   "no_joint_meeting");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (warnings, 4), "void_sheets"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sentences")), >, 5);
}

static char *
run_cli (City        *c,
         int         *status,
         const char  *arg1,
         const char  *arg2,
         const char  *arg3)
{
  const char *cli = g_getenv ("JINLIN_CLI");
  const char *argv[] = { cli, "--db", jl_store_get_path (c->store), "--json", "overview",
                         "--today", "2025-07-01", arg1, arg2, arg3, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, status, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_cli (City          *c,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *out_b = NULL;
  g_autofree char *out_bad = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node_b = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  int status = -1;

  if (g_getenv ("JINLIN_CLI") == NULL)
    {
      g_test_skip ("JINLIN_CLI is not set");
      return;
    }

  out = run_cli (c, &status, NULL, NULL, NULL);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "red_owners_committees"), "text"),
                   ==, "50.0%");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "warnings")), ==, 7);

  out_b = run_cli (c, &status, "--community", c->b, NULL);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  node_b = json_from_string (out_b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (node_b), "counts"),
                                               "communities"), ==, 1);

  /* An unknown community is "no such record". */
  out_bad = run_cli (c, &status, "--community", "nope", NULL);
  g_assert_false (g_spawn_check_wait_status (status, &error));
  g_assert_error (error, G_SPAWN_EXIT_ERROR, 3);
}

/* The demo city at scale 1 gives the seed's figures, quickly. */
static void
test_demo_seed (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlOverview) ov = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(GPtrArray) communities = NULL;
  double seconds;
  guint checked = 0;

  g_assert_true (jl_demo_generate (store, 1, 1, NULL, &error));
  g_assert_no_error (error);

  timer = g_timer_new ();
  ov = jl_overview_compute (store, NULL, NULL, &error);
  seconds = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  g_test_message ("overview of the demo city at scale 1: %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 1.0);

  g_assert_cmpint (ov->communities, ==, 159);
  g_assert_cmpint (ov->estates, ==, 1521);
  g_assert_cmpint (ov->branches, ==, 1219);
  g_assert_cmpint (ov->estates_covered, ==, 1521);
  g_assert_cmpint (ov->red_owners_committees, ==, 485);
  g_assert_cmpint (ov->estates_with_oc, ==, 674);
  g_assert_cmpint (ov->red_property_companies, ==, 400);
  g_assert_cmpint (ov->estates_with_pc, ==, 583);
  g_assert_cmpint (ov->partner_units, ==, 902);
  g_assert_cmpint (ov->part_time_members, ==, 222);
  g_assert_cmpfloat_with_epsilon (ov->units_per_community, 902.0 / 159.0, 1e-9);
  g_assert_true (has_sentence_with (ov, "100.0%"));
  g_assert_true (has_sentence_with (ov, "72.0%"));
  g_assert_true (has_sentence_with (ov, "68.6%"));
  /* The demo leaves out this quarter's joint meeting in ten communities. */
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_NO_JOINT_MEETING], ==, 10);
  g_assert_cmpuint (ov->n_warnings[JL_OVERVIEW_WARNING_UNIT_NO_PROJECT], ==, 0);

  /* Round warnings agree with the results of the rounds, for a sample
   * of communities; so do one community's counts with the store's. */
  communities = jl_store_list (store, "community", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < communities->len && checked < 12; i += 13, checked++)
    {
      const char *id = jl_record_get_id (communities->pdata[i]);
      g_autoptr(JlOverview) one = jl_overview_compute (store, id, NULL, &error);
      JlQuery query = { .community_id = id };

      g_assert_no_error (error);
      g_assert_cmpint (one->estates, ==, jl_store_count (store, "estate", &query, NULL));
      g_assert_cmpint (one->partner_units, ==, jl_store_count (store, "partner_unit", &query, NULL));
      for (guint k = 0; k < one->warnings->len; k++)
        {
          const JlOverviewWarning *w = one->warnings->pdata[k];
          g_autoptr(GPtrArray) results = NULL;
          guint n_void = 0, n_incomplete = 0;

          if (w->kind != JL_OVERVIEW_WARNING_ROUND_SHEETS)
            continue;
          results = jl_store_eval_results (store, w->record_id, &error);
          g_assert_no_error (error);
          for (guint j = 0; j < results->len; j++)
            {
              n_void += ((JlTargetResult *) results->pdata[j])->result->n_void;
              n_incomplete += ((JlTargetResult *) results->pdata[j])->result->n_incomplete;
            }
          g_assert_cmpint (w->numbers[0], ==, n_void);
          g_assert_cmpint (w->numbers[1], ==, n_incomplete);
        }
    }
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

  g_test_add_func ("/overview/percent", test_percent);
  g_test_add ("/overview/figures", City, NULL, city_setup, test_figures, city_teardown);
  g_test_add ("/overview/warnings-first-day-of-q3", City, NULL, city_setup, test_warnings_q3, city_teardown);
  g_test_add ("/overview/warnings-last-day-of-q2", City, NULL, city_setup, test_warnings_q2, city_teardown);
  g_test_add ("/overview/new-year", City, NULL, city_setup, test_new_year, city_teardown);
  g_test_add ("/overview/one-community", City, NULL, city_setup, test_one_community, city_teardown);
  g_test_add ("/overview/round-matches-results", City, NULL, city_setup, test_round_matches_results, city_teardown);
  g_test_add ("/overview/json", City, NULL, city_setup, test_json, city_teardown);
  g_test_add ("/overview/cli", City, NULL, city_setup, test_cli, city_teardown);
  g_test_add_func ("/overview/demo-seed-figures", test_demo_seed);
  return g_test_run ();
}
