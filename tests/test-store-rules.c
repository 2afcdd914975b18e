/* test-store-rules.c: rules beyond single fields: the minutes workflow and
 * the freezing of approved minutes, amendments, reasons for absence, date
 * order, the estates-per-unit warning, and evaluation scoring from template
 * to computed results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jl-store-private.h"
#include "jl-test-util.h"
#include "jl-uuid.h"

typedef struct
{
  char    *dir;
  JlStore *store;
  char    *community;
  char    *host;
  char    *recorder;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = jl_test_store_new (&f->dir);
  f->community = jl_test_put_ok (f->store, "community", "{\"name\": \"鹭江社区\"}");
  f->host = jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"林书记\"}", f->community);
  f->recorder = jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"黄委员\"}", f->community);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  jl_test_dir_free (f->dir);
  g_free (f->community);
  g_free (f->host);
  g_free (f->recorder);
}

/* Helpers
 */

static gint64
count (JlStore    *store,
       const char *kind)
{
  g_autoptr(GError) error = NULL;
  gint64 n = jl_store_count (store, kind, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* The id of the only live child of @kind whose @field is @value. */
static char *
only_child (JlStore    *store,
            const char *kind,
            const char *field,
            const char *value)
{
  JlQuery query = { .filters = { { field, value } } };
  g_autoptr(GPtrArray) list = jl_store_list (store, kind, &query, NULL);

  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 1);
  return g_strdup (jl_record_get_id (list->pdata[0]));
}

static void
assert_read_only (JlStore    *store,
                  const char *kind,
                  const char *id,
                  const char *json)
{
  g_autoptr(GError) error = jl_test_put_fails (store, kind, id, json, JL_ERROR_READ_ONLY);

  g_test_message ("%s %s → %s", kind, json, error->message);
}

static void
assert_delete_read_only (JlStore    *store,
                         const char *kind,
                         const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) still_there = NULL;

  g_assert_false (jl_store_delete (store, kind, id, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_READ_ONLY);
  still_there = jl_store_get (store, kind, id, NULL);
  g_assert_nonnull (still_there);
}

/* Minutes
 */

/* A draft meeting with place, host and recorder; with one attendance row,
 * one agenda item and one decision when @full. */
static char *
make_meeting (Fixture  *f,
              gboolean  full)
{
  return jl_test_putf_ok (f->store, "meeting",
                          "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"党建联席会议\","
                          " \"held_at\": \"2025-03-05 14:30\", \"place\": \"党群服务中心\","
                          " \"host_id\": \"%s\", \"recorder_id\": \"%s\", \"summary\": \"会议纪要正文\"%s}",
                          f->community, f->host, f->recorder,
                          full ? ", \"attendance\": [{\"name\": \"张三\", \"status\": \"present\"}],"
                                 " \"agenda_item\": [{\"position\": 1, \"title\": \"加装电梯\","
                                 "   \"step_consult\": \"三方会商\", \"decision\": [{\"text\": \"物业牵头\","
                                 "   \"owner\": \"王五\", \"due_on\": \"2025-06-30\"}]}]" : "");
}

static void
set_state (Fixture    *f,
           const char *meeting,
           const char *json)
{
  g_autoptr(JlRecord) rec = jl_test_update_ok (f->store, "meeting", meeting, json);
}

static void
test_submit_needs (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *bare = jl_test_putf_ok (f->store, "meeting",
                                           "{\"community_id\": \"%s\", \"meeting_type\": \"committee\","
                                           " \"title\": \"支委会\", \"held_at\": \"2025-04-01 09:00\"}",
                                           f->community);
  g_autofree char *host = g_strdup_printf ("{\"host_id\": \"%s\"}", f->host);
  g_autofree char *recorder = g_strdup_printf ("{\"recorder_id\": \"%s\"}", f->recorder);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) submitted = NULL;
  const char *submit = "{\"state\": \"submitted\"}";

  rec = jl_test_get_ok (f->store, "meeting", bare);
  g_assert_cmpstr (jl_record_get_string (rec, "state"), ==, JL_MEETING_DRAFT);

  e1 = jl_test_put_fails (f->store, "meeting", bare, submit, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "place");
  g_clear_object (&rec);
  rec = jl_test_update_ok (f->store, "meeting", bare, "{\"place\": \"会议室\"}");

  e2 = jl_test_put_fails (f->store, "meeting", bare, submit, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "host_id");
  g_clear_object (&rec);
  rec = jl_test_update_ok (f->store, "meeting", bare, host);

  e3 = jl_test_put_fails (f->store, "meeting", bare, submit, JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "recorder_id");
  g_clear_object (&rec);
  rec = jl_test_update_ok (f->store, "meeting", bare, recorder);

  /* Everything but the attendance. */
  e4 = jl_test_put_fails (f->store, "meeting", bare, submit, JL_ERROR_INVALID);
  g_test_message ("%s", e4->message);
  g_clear_object (&rec);
  rec = jl_test_get_ok (f->store, "meeting", bare);
  g_assert_cmpstr (jl_record_get_string (rec, "state"), ==, JL_MEETING_DRAFT);

  g_free (jl_test_putf_ok (f->store, "attendance", "{\"meeting_id\": \"%s\", \"name\": \"张三\", \"status\": \"present\"}",
                           bare));
  submitted = jl_test_update_ok (f->store, "meeting", bare, submit);
  g_assert_cmpstr (jl_record_get_string (submitted, "state"), ==, JL_MEETING_SUBMITTED);
  g_assert_false (jl_record_has_value (submitted, "approved_at"));

  /* A nested put submits once its attendance is in. */
  {
    g_autofree char *nested = jl_test_putf_ok (f->store, "meeting",
                                               "{\"community_id\": \"%s\", \"meeting_type\": \"general\","
                                               " \"title\": \"党员大会\", \"held_at\": \"2025-04-02 09:00\","
                                               " \"place\": \"礼堂\", \"host_id\": \"%s\", \"recorder_id\": \"%s\","
                                               " \"state\": \"submitted\","
                                               " \"attendance\": [{\"name\": \"李四\", \"status\": \"present\"}]}",
                                               f->community, f->host, f->recorder);
    g_autoptr(JlRecord) n = jl_test_get_ok (f->store, "meeting", nested);

    g_assert_cmpstr (jl_record_get_string (n, "state"), ==, JL_MEETING_SUBMITTED);
  }
}

static void
test_no_direct_approval (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *meeting = make_meeting (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) nested_error = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autofree char *json = NULL;

  error = jl_test_put_fails (f->store, "meeting", meeting, "{\"state\": \"approved\"}", JL_ERROR_INVALID);
  jl_test_assert_error (error, JL_ERROR_INVALID, "state");
  rec = jl_test_get_ok (f->store, "meeting", meeting);
  g_assert_cmpstr (jl_record_get_string (rec, "state"), ==, JL_MEETING_DRAFT);
  g_assert_false (jl_record_has_value (rec, "approved_at"));

  /* Nor by creating it approved, children and all: nothing is stored. */
  json = g_strdup_printf ("{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"直接通过\","
                          " \"held_at\": \"2025-03-05 14:30\", \"place\": \"中心\", \"host_id\": \"%s\","
                          " \"recorder_id\": \"%s\", \"state\": \"approved\","
                          " \"attendance\": [{\"name\": \"张三\", \"status\": \"present\"}]}",
                          f->community, f->host, f->recorder);
  nested_error = jl_test_put_fails (f->store, "meeting", NULL, json, JL_ERROR_INVALID);
  jl_test_assert_error (nested_error, JL_ERROR_INVALID, "state");
  g_assert_cmpint (count (f->store, "meeting"), ==, 1);
  g_assert_cmpint (count (f->store, "attendance"), ==, 1);
}

static void
test_return_needs_reason (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *meeting = make_meeting (f, TRUE);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(JlRecord) rec = NULL;

  set_state (f, meeting, "{\"state\": \"submitted\"}");
  e1 = jl_test_put_fails (f->store, "meeting", meeting, "{\"state\": \"draft\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "return_reason");

  rec = jl_test_update_ok (f->store, "meeting", meeting,
                           "{\"state\": \"draft\", \"return_reason\": \"缺少表决结果\"}");
  g_assert_cmpstr (jl_record_get_string (rec, "state"), ==, JL_MEETING_DRAFT);
  g_assert_cmpstr (jl_record_get_string (rec, "return_reason"), ==, "缺少表决结果");

  /* Returned a second time: the reviewer says why again; last time's
   * reason does not count (resubmitting clears it). */
  set_state (f, meeting, "{\"state\": \"submitted\"}");
  g_clear_object (&rec);
  rec = jl_test_get_ok (f->store, "meeting", meeting);
  g_assert_false (jl_record_has_value (rec, "return_reason"));
  e2 = jl_test_put_fails (f->store, "meeting", meeting, "{\"state\": \"draft\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "return_reason");
  /* Even when it is the same reason as last time. */
  set_state (f, meeting, "{\"state\": \"draft\", \"return_reason\": \"缺少表决结果\"}");
  g_clear_object (&rec);
  rec = jl_test_get_ok (f->store, "meeting", meeting);
  g_assert_cmpstr (jl_record_get_string (rec, "return_reason"), ==, "缺少表决结果");
}

static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *meeting = make_meeting (f, TRUE);
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) given = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const char *approved_at;
  gboolean sent = FALSE;

  set_state (f, meeting, "{\"state\": \"submitted\"}");
  rec = jl_test_update_ok (f->store, "meeting", meeting, "{\"state\": \"approved\", \"approved_by\": \"街道党工委\"}");
  g_assert_cmpstr (jl_record_get_string (rec, "state"), ==, JL_MEETING_APPROVED);
  approved_at = jl_record_get_string (rec, "approved_at");
  g_assert_nonnull (approved_at);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$", approved_at, 0, 0));

  /* The filled-in date goes out with the rest. */
  changes = jl_store_outbox_peek (f->store, 0, NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      JlChange *c = changes->pdata[i];

      if (strcmp (c->row_id, meeting) == 0 && strcmp (c->field, "approved_at") == 0)
        {
          g_autofree char *expected = g_strdup_printf ("\"%s\"", approved_at);

          g_assert_cmpstr (c->value, ==, expected);
          sent = TRUE;
        }
    }
  g_assert_true (sent);

  /* A date given by the clerk is kept. */
  {
    g_autofree char *m2 = make_meeting (f, TRUE);

    set_state (f, m2, "{\"state\": \"submitted\"}");
    given = jl_test_update_ok (f->store, "meeting", m2,
                               "{\"state\": \"approved\", \"approved_at\": \"2025-03-10 10:00\"}");
    g_assert_cmpstr (jl_record_get_string (given, "approved_at"), ==, "2025-03-10 10:00");
  }
}

static void
test_frozen (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *meeting = make_meeting (f, TRUE);
  g_autofree char *attendance = only_child (f->store, "attendance", "meeting_id", meeting);
  g_autofree char *item = only_child (f->store, "agenda_item", "meeting_id", meeting);
  g_autofree char *decision = only_child (f->store, "decision", "agenda_item_id", item);
  g_autofree char *new_attendance = g_strdup_printf ("{\"meeting_id\": \"%s\", \"name\": \"补签\", \"status\": \"present\"}", meeting);
  g_autofree char *new_item = g_strdup_printf ("{\"meeting_id\": \"%s\", \"title\": \"临时议题\"}", meeting);
  g_autofree char *new_decision = g_strdup_printf ("{\"agenda_item_id\": \"%s\", \"text\": \"补充决议\"}", item);
  g_autofree char *nested = g_strdup ("{\"attendance\": [{\"name\": \"补签\", \"status\": \"present\"}]}");
  g_autoptr(JlRecord) before = NULL;
  g_autoptr(JlRecord) after = NULL;
  g_autoptr(JlRecord) ok1 = NULL;
  g_autoptr(JlRecord) ok2 = NULL;
  g_autoptr(JlRecord) ok3 = NULL;
  g_autoptr(JlRecord) ok4 = NULL;
  gint64 n_outbox;

  set_state (f, meeting, "{\"state\": \"submitted\"}");
  set_state (f, meeting, "{\"state\": \"approved\"}");
  before = jl_test_get_ok (f->store, "meeting", meeting);
  n_outbox = jl_store_outbox_count (f->store, NULL);

  /* The minutes themselves. */
  assert_read_only (f->store, "meeting", meeting, "{\"title\": \"改过的标题\"}");
  assert_read_only (f->store, "meeting", meeting, "{\"summary\": \"悄悄改写的纪要\"}");
  assert_read_only (f->store, "meeting", meeting, "{\"place\": \"别处\"}");
  assert_read_only (f->store, "meeting", meeting, "{\"state\": \"draft\", \"return_reason\": \"想改\"}");
  assert_read_only (f->store, "meeting", meeting, nested);
  assert_delete_read_only (f->store, "meeting", meeting);

  /* Attendance: no additions, edits or deletions. */
  assert_read_only (f->store, "attendance", NULL, new_attendance);
  assert_read_only (f->store, "attendance", attendance, "{\"status\": \"late\"}");
  assert_read_only (f->store, "attendance", attendance, "{\"name\": \"张叁\"}");
  assert_delete_read_only (f->store, "attendance", attendance);

  /* Agenda items and decisions: the recorded parts are frozen. */
  assert_read_only (f->store, "agenda_item", NULL, new_item);
  assert_read_only (f->store, "agenda_item", item, "{\"title\": \"改议题\"}");
  assert_read_only (f->store, "agenda_item", item, "{\"step_plan\": \"补写方案\"}");
  assert_delete_read_only (f->store, "agenda_item", item);
  assert_read_only (f->store, "decision", NULL, new_decision);
  assert_read_only (f->store, "decision", decision, "{\"text\": \"改决议\"}");
  assert_read_only (f->store, "decision", decision, "{\"due_on\": \"2025-12-31\"}");
  assert_read_only (f->store, "decision", decision, "{\"owner\": \"别人\", \"progress\": 10}");
  assert_delete_read_only (f->store, "decision", decision);

  /* Nothing of that was written. */
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n_outbox);
  after = jl_test_get_ok (f->store, "meeting", meeting);
  g_assert_cmpstr (jl_record_get_string (after, "title"), ==, "党建联席会议");
  g_assert_cmpstr (jl_record_get_string (after, "summary"), ==, "会议纪要正文");
  g_assert_cmpuint (jl_record_get_hlc (after), ==, jl_record_get_hlc (before));
  g_assert_cmpint (count (f->store, "attendance"), ==, 1);
  g_assert_cmpint (count (f->store, "agenda_item"), ==, 1);
  g_assert_cmpint (count (f->store, "decision"), ==, 1);

  /* Follow-up stays editable: 落实反馈, decision progress, disclosure. */
  ok1 = jl_test_update_ok (f->store, "agenda_item", item, "{\"step_feedback\": \"电梯已开工\"}");
  g_assert_cmpstr (jl_record_get_string (ok1, "step_feedback"), ==, "电梯已开工");
  ok2 = jl_test_update_ok (f->store, "decision", decision,
                           "{\"status\": \"in_progress\", \"progress\": 40, \"feedback\": \"进行中\","
                           " \"decision_disclosed_on\": \"2025-03-06\", \"result_disclosed_on\": \"2025-07-01\"}");
  g_assert_cmpstr (jl_record_get_string (ok2, "status"), ==, "in_progress");
  g_assert_cmpfloat (jl_record_get_double (ok2, "progress", 0), ==, 40);
  g_assert_cmpstr (jl_record_get_string (ok2, "decision_disclosed_on"), ==, "2025-03-06");
  g_assert_cmpstr (jl_record_get_string (ok2, "text"), ==, "物业牵头");
  ok3 = jl_test_update_ok (f->store, "meeting", meeting, "{\"is_public\": true}");
  g_assert_true (jl_record_get_bool (ok3, "is_public"));
  /* Writing a frozen field's own value is no change, so it is fine. */
  ok4 = jl_test_update_ok (f->store, "decision", decision, "{\"text\": \"物业牵头\", \"progress\": 60}");
  g_assert_cmpfloat (jl_record_get_double (ok4, "progress", 0), ==, 60);
}

static void
test_amendments (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *draft = make_meeting (f, TRUE);
  g_autofree char *approved = make_meeting (f, TRUE);
  g_autofree char *on_draft = g_strdup_printf ("{\"meeting_id\": \"%s\", \"new_value\": \"更正\", \"reason\": \"笔误\"}", draft);
  g_autofree char *no_reason = g_strdup_printf ("{\"meeting_id\": \"%s\", \"new_value\": \"更正\"}", approved);
  g_autofree char *amendment = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(JlRecord) rec = NULL;
  g_autoptr(JlRecord) meeting = NULL;

  e1 = jl_test_put_fails (f->store, "amendment", NULL, on_draft, JL_ERROR_INVALID);
  g_test_message ("%s", e1->message);

  set_state (f, approved, "{\"state\": \"submitted\"}");
  set_state (f, approved, "{\"state\": \"approved\"}");
  e2 = jl_test_put_fails (f->store, "amendment", NULL, no_reason, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "reason");

  amendment = jl_test_putf_ok (f->store, "amendment",
                               "{\"meeting_id\": \"%s\", \"target_kind\": \"meeting\", \"target_id\": \"%s\","
                               " \"field\": \"summary\", \"old_value\": \"会议纪要正文\","
                               " \"new_value\": \"会议纪要正文（更正：参会人数为 12 人）\", \"reason\": \"人数记错\","
                               " \"author\": \"黄委员\", \"made_on\": \"2025-03-12\"}",
                               approved, approved);
  rec = jl_test_get_ok (f->store, "amendment", amendment);
  g_assert_cmpstr (jl_record_get_community_id (rec), ==, f->community);
  /* The minutes themselves stay as approved. */
  meeting = jl_test_get_ok (f->store, "meeting", approved);
  g_assert_cmpstr (jl_record_get_string (meeting, "summary"), ==, "会议纪要正文");

  /* Amendments are never edited or deleted. */
  assert_read_only (f->store, "amendment", amendment, "{\"reason\": \"改理由\"}");
  assert_read_only (f->store, "amendment", amendment, "{\"new_value\": \"再改\"}");
  assert_delete_read_only (f->store, "amendment", amendment);

  /* A second one is just added. */
  g_free (jl_test_putf_ok (f->store, "amendment",
                           "{\"meeting_id\": \"%s\", \"new_value\": \"再更正\", \"reason\": \"补充\"}", approved));
  g_assert_cmpint (count (f->store, "amendment"), ==, 2);

  /* Nor can they be slipped in with a nested put. */
  e3 = jl_test_put_fails (f->store, "meeting", draft,
                          "{\"amendment\": [{\"new_value\": \"x\", \"reason\": \"y\"}]}", JL_ERROR_INVALID);
  g_assert_cmpint (count (f->store, "amendment"), ==, 2);
}

static void
test_attendance_reason (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *meeting = make_meeting (f, FALSE);
  g_autofree char *leave = g_strdup_printf ("{\"meeting_id\": \"%s\", \"name\": \"李四\", \"status\": \"leave\"}", meeting);
  g_autofree char *absent = g_strdup_printf ("{\"meeting_id\": \"%s\", \"name\": \"王五\", \"status\": \"absent\", \"reason\": \" \"}", meeting);
  g_autofree char *present = jl_test_putf_ok (f->store, "attendance",
                                              "{\"meeting_id\": \"%s\", \"name\": \"张三\", \"status\": \"present\"}",
                                              meeting);
  g_autofree char *with_reason = jl_test_putf_ok (f->store, "attendance",
                                                  "{\"meeting_id\": \"%s\", \"name\": \"赵六\", \"status\": \"leave\","
                                                  " \"reason\": \"住院\"}", meeting);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(JlRecord) late = NULL;

  e1 = jl_test_put_fails (f->store, "attendance", NULL, leave, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "reason");
  e2 = jl_test_put_fails (f->store, "attendance", NULL, absent, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "reason");
  /* Changing someone present to absent needs the reason too. */
  e3 = jl_test_put_fails (f->store, "attendance", present, "{\"status\": \"absent\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "reason");
  /* And the reason cannot be removed while they are on leave. */
  e4 = jl_test_put_fails (f->store, "attendance", with_reason, "{\"reason\": null}", JL_ERROR_INVALID);
  jl_test_assert_error (e4, JL_ERROR_INVALID, "reason");

  late = jl_test_update_ok (f->store, "attendance", present, "{\"status\": \"late\"}");
  g_assert_cmpstr (jl_record_get_string (late, "status"), ==, "late");
  g_assert_cmpint (count (f->store, "attendance"), ==, 2);
}

static void
test_date_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *bad_org = g_strdup_printf ("{\"community_id\": \"%s\", \"level\": \"branch\", \"name\": \"支部\","
                                              " \"term_start\": \"2024-06-01\", \"term_end\": \"2021-05-31\"}",
                                              f->community);
  g_autofree char *org = jl_test_putf_ok (f->store, "party_org",
                                          "{\"community_id\": \"%s\", \"level\": \"branch\", \"name\": \"支部\","
                                          " \"term_start\": \"2024-06-01\", \"term_end\": \"2024-06-01\"}",
                                          f->community);
  g_autofree char *meeting = make_meeting (f, FALSE);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(JlRecord) ok = NULL;

  e1 = jl_test_put_fails (f->store, "party_org", NULL, bad_org, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "term_end");
  /* An update that puts the end before the stored start. */
  e2 = jl_test_put_fails (f->store, "party_org", org, "{\"term_end\": \"2024-05-31\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "term_end");
  e3 = jl_test_put_fails (f->store, "meeting", meeting, "{\"ended_at\": \"2025-03-05 14:00\"}", JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "ended_at");
  {
    g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"单位\"}",
                                             f->community);
    g_autofree char *member = g_strdup_printf ("{\"unit_id\": \"%s\", \"name\": \"王强\", \"term_start\": \"2025-01-01\","
                                               " \"term_end\": \"2024-12-31\"}", unit);

    e4 = jl_test_put_fails (f->store, "part_time_member", NULL, member, JL_ERROR_INVALID);
    jl_test_assert_error (e4, JL_ERROR_INVALID, "term_end");
  }
  ok = jl_test_update_ok (f->store, "meeting", meeting, "{\"ended_at\": \"2025-03-05 16:30\"}");
  g_assert_cmpstr (jl_record_get_string (ok, "ended_at"), ==, "2025-03-05 16:30");
}

/* Partner units
 */

static void
test_third_estate_warning (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *unit = jl_test_putf_ok (f->store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"自来水公司\"}",
                                           f->community);
  g_autofree char *unit2 = jl_test_putf_ok (f->store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"供电公司\"}",
                                            f->community);
  const char *names[] = { "鹭江花园", "鹭江新村", "海景苑" };
  char *estates[3];

  for (guint i = 0; i < 3; i++)
    estates[i] = jl_test_putf_ok (f->store, "estate", "{\"community_id\": \"%s\", \"name\": \"%s\"}",
                                  f->community, names[i]);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"unit_id\": \"%s\", \"estate_id\": \"%s\"}", unit, estates[i]);
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) obj = jl_test_json (json);
      g_autoptr(JlRecord) link = jl_store_put (f->store, "unit_estate_link", NULL, obj, &warnings, &error);

      g_assert_no_error (error);
      g_assert_nonnull (link);
      g_assert_nonnull (warnings);
      if (i < 2)
        g_assert_cmpuint (warnings->len, ==, 0);
      else
        {
          /* Allowed, but flagged. */
          g_assert_cmpuint (warnings->len, ==, 1);
          g_test_message ("%s", (const char *) warnings->pdata[0]);
          g_assert_nonnull (strstr (warnings->pdata[0], "3"));
        }
    }
  g_assert_cmpint (count (f->store, "unit_estate_link"), ==, 3);

  /* Links that ended do not count; another unit is counted apart. */
  {
    g_autofree char *json = g_strdup_printf ("{\"unit_id\": \"%s\", \"estate_id\": \"%s\","
                                             " \"since\": \"2020-01-01\", \"until\": \"2021-01-01\"}",
                                             unit2, estates[0]);
    g_autofree char *json2 = g_strdup_printf ("{\"unit_id\": \"%s\", \"estate_id\": \"%s\"}", unit2, estates[1]);
    g_autofree char *json3 = g_strdup_printf ("{\"unit_id\": \"%s\", \"estate_id\": \"%s\"}", unit2, estates[2]);
    g_autoptr(GPtrArray) w1 = NULL;
    g_autoptr(GPtrArray) w2 = NULL;
    g_autoptr(GPtrArray) w3 = NULL;
    g_autoptr(JsonObject) o1 = jl_test_json (json);
    g_autoptr(JsonObject) o2 = jl_test_json (json2);
    g_autoptr(JsonObject) o3 = jl_test_json (json3);
    g_autoptr(JlRecord) r1 = jl_store_put (f->store, "unit_estate_link", NULL, o1, &w1, NULL);
    g_autoptr(JlRecord) r2 = jl_store_put (f->store, "unit_estate_link", NULL, o2, &w2, NULL);
    g_autoptr(JlRecord) r3 = jl_store_put (f->store, "unit_estate_link", NULL, o3, &w3, NULL);

    g_assert_nonnull (r3);
    g_assert_cmpuint (w1->len + w2->len + w3->len, ==, 0);
  }

  for (guint i = 0; i < 3; i++)
    g_free (estates[i]);
}

/* Evaluation
 */

/* A template with criteria of @n weights (max points = weight), put one
 * by one; returns the template id, criterion ids in @criteria. */
static char *
make_template (Fixture      *f,
               const char   *extra,
               const double *weights,
               guint         n,
               char        **criteria)
{
  g_autofree char *tpl = jl_test_putf_ok (f->store, "eval_template",
                                          "{\"community_id\": \"%s\", \"name\": \"物业服务测评\"%s}",
                                          f->community, extra ? extra : "");

  for (guint i = 0; i < n; i++)
    {
      char *id = jl_test_putf_ok (f->store, "eval_criterion",
                                  "{\"template_id\": \"%s\", \"position\": %u, \"content\": \"指标%u\","
                                  " \"max_points\": %g, \"weight\": %g}",
                                  tpl, i + 1, i + 1, weights[i], weights[i]);
      if (criteria != NULL)
        criteria[i] = id;
      else
        g_free (id);
    }
  return g_steal_pointer (&tpl);
}

static char *
make_round (Fixture    *f,
            const char *tpl,
            const char *extra)
{
  return jl_test_putf_ok (f->store, "eval_round",
                          "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2025年度测评\"%s}",
                          f->community, tpl, extra ? extra : "");
}

static void
test_template_defaults (Fixture       *f,
                        gconstpointer  data)
{
  static const double w[] = { 100 };
  g_autofree char *tpl = make_template (f, NULL, w, 1, NULL);
  g_autoptr(JlRecord) rec = jl_test_get_ok (f->store, "eval_template", tpl);
  g_autoptr(JsonNode) bands = NULL;
  JsonArray *array;
  static const struct { const char *label; double min; } expected[] = {
    { "优秀", 90 }, { "良好", 80 }, { "合格", 60 }, { "不合格", 0 },
  };

  g_assert_cmpstr (jl_record_get_string (rec, "scale"), ==, "score");
  g_assert_true (jl_record_has_value (rec, "drop_extremes"));
  g_assert_true (jl_record_get_bool (rec, "drop_extremes"));
  g_assert_cmpint (jl_record_get_int (rec, "drop_min_sheets", 0), ==, 5);
  g_assert_cmpint (jl_record_get_int (rec, "decimals", -1), ==, 2);

  bands = json_from_string (jl_record_get_string (rec, "bands"), NULL);
  g_assert_nonnull (bands);
  array = json_node_get_array (bands);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *band = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (band, "label"), ==, expected[i].label);
      g_assert_cmpfloat (json_object_get_double_member (band, "min"), ==, expected[i].min);
    }

  /* Options given are kept, not replaced by defaults. */
  {
    g_autofree char *tpl2 = jl_test_putf_ok (f->store, "eval_template",
                                             "{\"community_id\": \"%s\", \"name\": \"满意度\", \"scale\": \"satisfaction\","
                                             " \"drop_extremes\": false, \"drop_min_sheets\": 7, \"decimals\": 1}",
                                             f->community);
    g_autoptr(JlRecord) rec2 = jl_test_get_ok (f->store, "eval_template", tpl2);

    g_assert_cmpstr (jl_record_get_string (rec2, "scale"), ==, "satisfaction");
    g_assert_true (jl_record_has_value (rec2, "drop_extremes"));
    g_assert_false (jl_record_get_bool (rec2, "drop_extremes"));
    g_assert_cmpint (jl_record_get_int (rec2, "drop_min_sheets", 0), ==, 7);
    g_assert_cmpint (jl_record_get_int (rec2, "decimals", -1), ==, 1);
  }
}

static void
put_bands (Fixture    *f,
           const char *tpl,
           const char *bands,
           gboolean    ok)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) rec = NULL;

  json_object_set_string_member (obj, "bands", bands);
  rec = jl_store_put (f->store, "eval_template", tpl, obj, NULL, &error);
  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (jl_record_get_string (rec, "bands"), ==, bands);
    }
  else
    {
      g_assert_null (rec);
      g_test_message ("%s → %s", bands, error->message);
      jl_test_assert_error (error, JL_ERROR_INVALID, "bands");
    }
}

static void
test_bad_bands (Fixture       *f,
                gconstpointer  data)
{
  static const double w[] = { 100 };
  g_autofree char *tpl = make_template (f, NULL, w, 1, NULL);
  g_autoptr(JlRecord) rec = NULL;
  g_autofree char *bad_new = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"坏模板\", \"bands\": \"优秀≥90\"}",
                                              f->community);
  g_autoptr(GError) error = NULL;

  put_bands (f, tpl, "优秀≥90，良好≥80", FALSE);
  put_bands (f, tpl, "[]", FALSE);
  put_bands (f, tpl, "{\"label\": \"优秀\", \"min\": 90}", FALSE);
  put_bands (f, tpl, "[{\"label\": \"合格\", \"min\": 60}, {\"label\": \"优秀\", \"min\": 90}]", FALSE);
  put_bands (f, tpl, "[{\"label\": \"优秀\", \"min\": 90}, {\"label\": \"也优秀\", \"min\": 90}]", FALSE);
  put_bands (f, tpl, "[{\"min\": 90}]", FALSE);
  put_bands (f, tpl, "[{\"label\": \"优秀\", \"min\": \"90\"}]", FALSE);
  put_bands (f, tpl, "[{\"label\": \"优秀\", \"min\": 90}, {\"label\": \"差\", \"min\": -10}]", FALSE);
  put_bands (f, tpl, "[\"优秀\", \"良好\"]", FALSE);

  /* The defaults are still in place. */
  rec = jl_test_get_ok (f->store, "eval_template", tpl);
  g_assert_nonnull (strstr (jl_record_get_string (rec, "bands"), "良好"));

  /* Two bands of one's own are fine. */
  put_bands (f, tpl, "[{\"label\": \"达标\", \"min\": 75}, {\"label\": \"不达标\", \"min\": 0}]", TRUE);

  error = jl_test_put_fails (f->store, "eval_template", NULL, bad_new, JL_ERROR_INVALID);
  jl_test_assert_error (error, JL_ERROR_INVALID, "bands");
}

static void
test_round_weights (Fixture       *f,
                    gconstpointer  data)
{
  static const double w[] = { 40, 50 };
  g_autofree char *tpl = make_template (f, NULL, w, 2, NULL);
  g_autofree char *json = g_strdup_printf ("{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"测评\"}",
                                           f->community, tpl);
  g_autoptr(GError) error = NULL;
  g_autofree char *round = NULL;
  g_autofree char *last = NULL;

  g_assert_cmpfloat_with_epsilon (jl_store_template_weight (f->store, tpl, NULL), 90, 1e-9);
  error = jl_test_put_fails (f->store, "eval_round", NULL, json, JL_ERROR_INVALID);
  jl_test_assert_error (error, JL_ERROR_INVALID, "template_id");
  /* The message says what the weights add up to. */
  g_assert_nonnull (strstr (error->message, "90"));
  g_assert_nonnull (strstr (error->message, "100"));
  g_assert_cmpint (count (f->store, "eval_round"), ==, 0);

  last = jl_test_putf_ok (f->store, "eval_criterion",
                          "{\"template_id\": \"%s\", \"content\": \"补充指标\", \"max_points\": 10, \"weight\": 10}", tpl);
  round = jl_test_put_ok (f->store, "eval_round", json);
  g_assert_nonnull (round);

  /* Deleted criteria do not count. */
  g_assert_true (jl_store_delete (f->store, "eval_criterion", last, NULL));
  g_assert_cmpfloat_with_epsilon (jl_store_template_weight (f->store, tpl, NULL), 90, 1e-9);
  g_clear_error (&error);
  error = jl_test_put_fails (f->store, "eval_round", NULL, json, JL_ERROR_INVALID);
  jl_test_assert_error (error, JL_ERROR_INVALID, "template_id");
}

static void
test_nested_template_weights (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *json = g_strdup_printf ("{\"community_id\": \"%s\", \"name\": \"班子测评\","
                                           " \"eval_criterion\": ["
                                           "  {\"content\": \"德\", \"max_points\": 30, \"weight\": 30},"
                                           "  {\"content\": \"能\", \"max_points\": 30, \"weight\": 30},"
                                           "  {\"content\": \"勤\", \"max_points\": 25, \"weight\": 25}]}",
                                           f->community);
  g_autoptr(GError) error = NULL;
  gint64 n_outbox = jl_store_outbox_count (f->store, NULL);
  g_autofree char *fixed = NULL;

  error = jl_test_put_fails (f->store, "eval_template", NULL, json, JL_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "85"));
  g_assert_cmpint (count (f->store, "eval_template"), ==, 0);
  g_assert_cmpint (count (f->store, "eval_criterion"), ==, 0);
  g_assert_cmpint (jl_test_sql_int (f->store, "SELECT count(*) FROM eval_criterion"), ==, 0);
  g_assert_cmpint (jl_store_outbox_count (f->store, NULL), ==, n_outbox);

  fixed = jl_test_putf_ok (f->store, "eval_template",
                           "{\"community_id\": \"%s\", \"name\": \"班子测评\","
                           " \"eval_criterion\": [{\"content\": \"德\", \"max_points\": 30, \"weight\": 30},"
                           "  {\"content\": \"能\", \"max_points\": 30, \"weight\": 30},"
                           "  {\"content\": \"勤\", \"max_points\": 40, \"weight\": 40}]}",
                           f->community);
  g_assert_cmpint (count (f->store, "eval_criterion"), ==, 3);
}

static void
test_score_rules (Fixture       *f,
                  gconstpointer  data)
{
  static const double w[] = { 40, 60 };
  char *crit[2];
  g_autofree char *tpl = make_template (f, NULL, w, 2, crit);
  g_autofree char *round = make_round (f, tpl, NULL);
  g_autofree char *target = jl_test_putf_ok (f->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"物业\"}", round);
  g_autofree char *sheet = jl_test_putf_ok (f->store, "eval_sheet",
                                            "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 1}",
                                            round, target);
  g_autofree char *over = g_strdup_printf ("{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 40.5}", sheet, crit[0]);
  g_autofree char *negative = g_strdup_printf ("{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": -1}", sheet, crit[0]);
  g_autofree char *choice = g_strdup_printf ("{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 2,"
                                             " \"choice\": \"satisfied\"}", round, target);
  g_autofree char *score = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  e1 = jl_test_put_fails (f->store, "eval_score", NULL, over, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "points");
  g_assert_nonnull (strstr (e1->message, "40"));
  e2 = jl_test_put_fails (f->store, "eval_score", NULL, negative, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "points");

  score = jl_test_putf_ok (f->store, "eval_score", "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 40}",
                           sheet, crit[0]);
  /* Raising it over the maximum later is refused too. */
  e3 = jl_test_put_fails (f->store, "eval_score", score, "{\"points\": 41}", JL_ERROR_INVALID);
  jl_test_assert_error (e3, JL_ERROR_INVALID, "points");

  /* A satisfaction choice on a points sheet. */
  e4 = jl_test_put_fails (f->store, "eval_sheet", NULL, choice, JL_ERROR_INVALID);
  jl_test_assert_error (e4, JL_ERROR_INVALID, "choice");

  /* A criterion of another template. */
  {
    static const double w2[] = { 100 };
    char *other_crit[1];
    g_autofree char *other_tpl = make_template (f, NULL, w2, 1, other_crit);
    g_autofree char *foreign = g_strdup_printf ("{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": 10}",
                                                sheet, other_crit[0]);
    g_autoptr(GError) e5 = jl_test_put_fails (f->store, "eval_score", NULL, foreign, JL_ERROR_INVALID);

    jl_test_assert_error (e5, JL_ERROR_INVALID, "criterion_id");
    g_free (other_crit[0]);
  }

  g_free (crit[0]);
  g_free (crit[1]);
}

static void
test_choice_scales (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *tpl = jl_test_putf_ok (f->store, "eval_template",
                                          "{\"community_id\": \"%s\", \"name\": \"满意度测评\", \"scale\": \"satisfaction\"}",
                                          f->community);
  g_autofree char *round = make_round (f, tpl, NULL);
  g_autofree char *target = jl_test_putf_ok (f->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"业委会\"}", round);
  g_autofree char *grade = g_strdup_printf ("{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": 2,"
                                            " \"choice\": \"excellent\"}", round, target);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  JlEvalResult *r;
  static const char *const votes[] = { "satisfied", "satisfied", "basic", "unsatisfied" };

  for (guint i = 0; i < G_N_ELEMENTS (votes); i++)
    g_free (jl_test_putf_ok (f->store, "eval_sheet",
                             "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": %u, \"choice\": \"%s\"}",
                             round, target, 10 + i, votes[i]));
  error = jl_test_put_fails (f->store, "eval_sheet", NULL, grade, JL_ERROR_INVALID);
  jl_test_assert_error (error, JL_ERROR_INVALID, "choice");

  /* 满意率: (满意 + 基本满意) / valid. */
  results = jl_store_eval_results (f->store, round, NULL);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 1);
  r = ((JlTargetResult *) results->pdata[0])->result;
  g_assert_cmpuint (r->n_valid, ==, 4);
  g_assert_cmpfloat_with_epsilon (r->satisfaction_rate, 75.0, 1e-9);
}

static void
test_anonymous_scorer (Fixture       *f,
                       gconstpointer  data)
{
  static const double w[] = { 100 };
  g_autofree char *tpl = make_template (f, NULL, w, 1, NULL);
  g_autofree char *anon = make_round (f, tpl, ", \"anonymous\": true");
  g_autofree char *named = make_round (f, tpl, ", \"anonymous\": false");
  g_autofree char *t1 = jl_test_putf_ok (f->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"物业\"}", anon);
  g_autofree char *t2 = jl_test_putf_ok (f->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"物业\"}", named);
  g_autofree char *s1 = jl_test_putf_ok (f->store, "eval_scorer", "{\"round_id\": \"%s\", \"name\": \"代表甲\"}", anon);
  g_autofree char *s2 = jl_test_putf_ok (f->store, "eval_scorer", "{\"round_id\": \"%s\", \"name\": \"代表乙\"}", named);
  g_autofree char *bad = g_strdup_printf ("{\"round_id\": \"%s\", \"target_id\": \"%s\", \"scorer_id\": \"%s\"}", anon, t1, s1);
  g_autofree char *wrong_round = g_strdup_printf ("{\"round_id\": \"%s\", \"target_id\": \"%s\", \"scorer_id\": \"%s\"}",
                                                  named, t2, s1);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  e1 = jl_test_put_fails (f->store, "eval_sheet", NULL, bad, JL_ERROR_INVALID);
  jl_test_assert_error (e1, JL_ERROR_INVALID, "scorer_id");
  e2 = jl_test_put_fails (f->store, "eval_sheet", NULL, wrong_round, JL_ERROR_INVALID);
  jl_test_assert_error (e2, JL_ERROR_INVALID, "scorer_id");

  g_free (jl_test_putf_ok (f->store, "eval_sheet", "{\"round_id\": \"%s\", \"target_id\": \"%s\"}", anon, t1));
  g_free (jl_test_putf_ok (f->store, "eval_sheet", "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"scorer_id\": \"%s\"}",
                           named, t2, s2));
  g_assert_cmpint (count (f->store, "eval_sheet"), ==, 2);
}

/* Six totals 70, 82, 91, 88, 79, 95 as (criterion 1 of 40, criterion 2 of
 * 60) points. */
static const double hand_points[][2] = {
  { 28, 42 }, { 32, 50 }, { 36, 55 }, { 35, 53 }, { 31, 48 }, { 38, 57 },
};

static char *
put_sheet (Fixture     *f,
           const char  *round,
           const char  *target,
           guint        ballot,
           const char  *extra,
           char       **crit,
           const double *points,
           guint        n_points)
{
  g_autofree char *sheet = jl_test_putf_ok (f->store, "eval_sheet",
                                            "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": %u%s}",
                                            round, target, ballot, extra ? extra : "");

  for (guint c = 0; c < n_points; c++)
    g_free (jl_test_putf_ok (f->store, "eval_score",
                             "{\"sheet_id\": \"%s\", \"criterion_id\": \"%s\", \"points\": %g}",
                             sheet, crit[c], points[c]));
  return g_steal_pointer (&sheet);
}

static JlTargetResult *
find_result (GPtrArray  *results,
             const char *target)
{
  for (guint i = 0; i < results->len; i++)
    if (strcmp (((JlTargetResult *) results->pdata[i])->target_id, target) == 0)
      return results->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static void
test_results_hand_example (Fixture       *f,
                           gconstpointer  data)
{
  static const double w[] = { 40, 60 };
  static const double void_points[] = { 0, 0 };
  static const double half_points[] = { 10 };
  static const double sixty[] = { 24, 36 };
  char *crit[2];
  g_autofree char *tpl = make_template (f, NULL, w, 2, crit);
  g_autofree char *round = make_round (f, tpl, NULL);
  g_autofree char *target = jl_test_putf_ok (f->store, "eval_target",
                                             "{\"round_id\": \"%s\", \"name\": \"鹭江物业\", \"position\": 1}", round);
  g_autofree char *second = jl_test_putf_ok (f->store, "eval_target",
                                             "{\"round_id\": \"%s\", \"name\": \"海景物业\", \"position\": 2}", round);
  g_autofree char *void_sheet = NULL;
  g_autofree char *incomplete = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  JlTargetResult *tr;
  JlEvalResult *r;

  for (guint i = 0; i < G_N_ELEMENTS (hand_points); i++)
    g_free (put_sheet (f, round, target, i + 1, NULL, crit, hand_points[i], 2));
  /* A void ballot (it would pull the mean down if counted as zero) and an
   * incomplete one. */
  void_sheet = put_sheet (f, round, target, 7, ", \"is_void\": true, \"void_reason\": \"涂改\"", crit, void_points, 2);
  incomplete = put_sheet (f, round, target, 8, NULL, crit, half_points, 1);
  for (guint i = 0; i < 3; i++)
    g_free (put_sheet (f, round, second, 20 + i, NULL, crit, sixty, 2));

  results = jl_store_eval_results (f->store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);

  tr = find_result (results, target);
  g_assert_cmpstr (tr->target_name, ==, "鹭江物业");
  r = tr->result;
  g_assert_cmpuint (r->n_sheets, ==, 8);
  g_assert_cmpuint (r->n_valid, ==, 6);
  g_assert_cmpuint (r->n_void, ==, 1);
  g_assert_cmpuint (r->n_incomplete, ==, 1);
  g_assert_cmpstr (r->void_sheet_ids->pdata[0], ==, void_sheet);
  g_assert_cmpstr (r->incomplete_sheet_ids->pdata[0], ==, incomplete);
  g_assert_true (r->dropped);
  g_assert_cmpfloat_with_epsilon (r->dropped_high, 95, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->dropped_low, 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->final_score, 85.00, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->raw_mean, 84.17, 1e-9);
  g_assert_cmpstr (r->band, ==, "良好");
  g_assert_cmpuint (r->rank, ==, 1);
  g_assert_cmpuint (r->n_criteria, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->criterion_means[0], 33.33, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->criterion_means[1], 50.83, 1e-9);

  r = find_result (results, second)->result;
  g_assert_cmpuint (r->n_valid, ==, 3);
  g_assert_false (r->dropped);
  g_assert_cmpfloat_with_epsilon (r->final_score, 60, 1e-9);
  g_assert_cmpstr (r->band, ==, "合格");
  g_assert_cmpuint (r->rank, ==, 2);

  g_free (crit[0]);
  g_free (crit[1]);
}

static void
test_results_four_sheets (Fixture       *f,
                          gconstpointer  data)
{
  static const double w[] = { 40, 60 };
  char *crit[2];
  g_autofree char *tpl = make_template (f, NULL, w, 2, crit);
  g_autofree char *round = make_round (f, tpl, NULL);
  g_autofree char *target = jl_test_putf_ok (f->store, "eval_target", "{\"round_id\": \"%s\", \"name\": \"鹭江物业\"}", round);
  g_autofree char *fifth = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) after_delete = NULL;
  JlEvalResult *r;

  /* 70, 82, 91, 88: four sheets, fewer than five, nothing dropped. */
  for (guint i = 0; i < 4; i++)
    g_free (put_sheet (f, round, target, i + 1, NULL, crit, hand_points[i], 2));
  results = jl_store_eval_results (f->store, round, NULL);
  r = ((JlTargetResult *) results->pdata[0])->result;
  g_assert_cmpuint (r->n_valid, ==, 4);
  g_assert_false (r->dropped);
  g_assert_cmpfloat_with_epsilon (r->raw_mean, 82.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->final_score, 82.75, 1e-9);
  g_assert_cmpstr (r->band, ==, "良好");

  /* A fifth sheet starts the dropping; deleting it again stops it. */
  fifth = put_sheet (f, round, target, 5, NULL, crit, hand_points[4], 2);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = jl_store_eval_results (f->store, round, NULL);
  r = ((JlTargetResult *) results->pdata[0])->result;
  g_assert_true (r->dropped);
  /* 70, 82, 91, 88, 79 → drop 91 and 70 → (82 + 88 + 79) / 3 = 83. */
  g_assert_cmpfloat_with_epsilon (r->final_score, 83, 1e-9);

  g_assert_true (jl_store_delete (f->store, "eval_sheet", fifth, NULL));
  after_delete = jl_store_eval_results (f->store, round, NULL);
  r = ((JlTargetResult *) after_delete->pdata[0])->result;
  g_assert_cmpuint (r->n_sheets, ==, 4);
  g_assert_false (r->dropped);
  g_assert_cmpfloat_with_epsilon (r->final_score, 82.75, 1e-9);

  /* Custom bands are used. */
  put_bands (f, tpl, "[{\"label\": \"达标\", \"min\": 83}, {\"label\": \"不达标\", \"min\": 0}]", TRUE);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = jl_store_eval_results (f->store, round, NULL);
  g_assert_cmpstr (((JlTargetResult *) results->pdata[0])->result->band, ==, "不达标");

  g_free (crit[0]);
  g_free (crit[1]);
}

static void
test_results_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *nobody = jl_uuid_v7_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = jl_store_eval_results (f->store, nobody, &error);

  g_assert_null (results);
  g_assert_error (error, JL_ERROR, JL_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  jl_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/jinlin/store-rules/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("minutes/submit-needs", test_submit_needs);
  ADD ("minutes/no-direct-approval", test_no_direct_approval);
  ADD ("minutes/return-needs-reason", test_return_needs_reason);
  ADD ("minutes/approve", test_approve);
  ADD ("minutes/frozen", test_frozen);
  ADD ("minutes/amendments", test_amendments);
  ADD ("attendance-reason", test_attendance_reason);
  ADD ("date-order", test_date_order);
  ADD ("partner-unit/third-estate-warning", test_third_estate_warning);
  ADD ("eval/template-defaults", test_template_defaults);
  ADD ("eval/bad-bands", test_bad_bands);
  ADD ("eval/round-weights", test_round_weights);
  ADD ("eval/nested-template-weights", test_nested_template_weights);
  ADD ("eval/score-rules", test_score_rules);
  ADD ("eval/choice-scales", test_choice_scales);
  ADD ("eval/anonymous-scorer", test_anonymous_scorer);
  ADD ("eval/results-hand-example", test_results_hand_example);
  ADD ("eval/results-four-sheets", test_results_four_sheets);
  ADD ("eval/results-errors", test_results_errors);

#undef ADD

  return g_test_run ();
}
