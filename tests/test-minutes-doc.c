/* test-minutes-doc.c: the printed minutes' text, line by line, in Chinese
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-minutes-doc.h"
#include "jl-test-util.h"

typedef struct
{
  char    *dir;
  JlStore *store;
  char    *community;
  char    *host;
  char    *recorder;
  char    *unit;
  char    *meeting;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = jl_test_store_new (&f->dir);
  f->community = jl_test_put_ok (f->store, "community", "{\"name\": \"莲前社区\"}");
  f->host = jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"张书记\"}", f->community);
  f->recorder = jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"李明\"}", f->community);
  f->unit = jl_test_putf_ok (f->store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"思明区税务局\"}",
                             f->community);
  f->meeting = jl_test_putf_ok (f->store, "meeting",
                                "{\"community_id\": \"%s\", \"meeting_type\": \"joint\","
                                " \"title\": \"2025年第一季度党建联席会议\","
                                " \"held_at\": \"2025-03-05 09:00\", \"ended_at\": \"2025-03-05 11:00\","
                                " \"place\": \"社区党群服务中心三楼会议室\","
                                " \"host_id\": \"%s\", \"recorder_id\": \"%s\","
                                " \"observers\": \"街道办刘科长\"}",
                                f->community, f->host, f->recorder);
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
  g_free (f->unit);
  g_free (f->meeting);
}

static void
attend (Fixture    *f,
        const char *name,
        const char *role,
        const char *status,
        const char *reason)
{
  g_autofree char *reason_json = reason ? g_strdup_printf (", \"reason\": \"%s\"", reason) : g_strdup ("");

  g_free (jl_test_putf_ok (f->store, "attendance",
                           "{\"meeting_id\": \"%s\", \"name\": \"%s\", \"role\": \"%s\", \"status\": \"%s\"%s}",
                           f->meeting, name, role, status, reason_json));
}

static GPtrArray *
attendance (Fixture *f)
{
  JlQuery query = { .filters = { { "meeting_id", f->meeting } }, .order_by = "id" };
  GPtrArray *rows = jl_store_list (f->store, "attendance", &query, NULL);

  g_assert_nonnull (rows);
  return rows;
}

static void
check_time (const char *held_at,
            const char *ended_at,
            const char *expected)
{
  g_autofree char *text = jl_minutes_format_time (held_at, ended_at);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_time (void)
{
  g_autofree char *date = jl_minutes_format_date ("2025-03-05");
  g_autofree char *other = jl_minutes_format_date ("不是日期");

  check_time ("2025-03-05 09:00", "2025-03-05 11:00", "2025年3月5日（星期三）上午9:00—11:00");
  check_time ("2025-03-05 14:30", "2025-03-05 16:00", "2025年3月5日（星期三）下午2:30—4:00");
  check_time ("2025-03-05 09:00", "2025-03-05 14:00", "2025年3月5日（星期三）上午9:00—下午2:00");
  check_time ("2025-03-05 12:00", "2025-03-05 13:30", "2025年3月5日（星期三）中午12:00—下午1:30");
  check_time ("2025-03-09 19:30", "2025-03-09 21:00", "2025年3月9日（星期日）晚上7:30—9:00");
  check_time ("2025-03-05 09:00", NULL, "2025年3月5日（星期三）上午9:00");
  check_time ("2025-03-05", NULL, "2025年3月5日（星期三）");
  check_time ("2025-03-05 09:00", "2025-03-06 11:00",
              "2025年3月5日（星期三）上午9:00—2025年3月6日（星期四）上午11:00");
  /* An end before the start is not printed as a range. */
  check_time ("2025-03-05 09:00", "2025-03-04 11:00", "2025年3月5日（星期三）上午9:00");
  g_assert_cmpstr (date, ==, "2025年3月5日");
  g_assert_cmpstr (other, ==, "不是日期");
}

static void
test_tally (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *empty = jl_minutes_format_tally (NULL);
  g_autofree char *text = NULL;

  g_assert_cmpstr (empty, ==, "应到0人，实到0人");

  attend (f, "张书记", "due", "present", NULL);
  attend (f, "李明", "due", "late", NULL);
  attend (f, "王主任", "due", "leave", "外出开会");
  attend (f, "赵六", "due", "absent", "联系不上");
  attend (f, "孙七", "due", "absent", "住院");
  attend (f, "陈代表", "guest", "present", NULL);
  attend (f, "刘科长", "observer", "present", NULL);
  rows = attendance (f);
  text = jl_minutes_format_tally (rows);
  g_assert_cmpstr (text, ==,
                   "应到5人，实到2人，请假1人（王主任：外出开会），缺席2人（赵六：联系不上；孙七：住院），迟到1人（李明）");
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (strcmp (lines[i], line) == 0)
      return TRUE;
  g_test_message ("missing line: %s\nin:\n%s", line, text);
  return FALSE;
}

static char *
add_item (Fixture    *f,
          int         position,
          const char *title,
          const char *step)
{
  return jl_test_putf_ok (f->store, "agenda_item",
                          "{\"meeting_id\": \"%s\", \"position\": %d, \"title\": \"%s\","
                          " \"presenter\": \"张书记\", \"item_kind\": \"deliberation\","
                          " \"step_consult\": \"%s：居民代表提出诉求\", \"step_plan\": \"%s：方案一\","
                          " \"step_execute\": \"%s：牵头落实\", \"step_feedback\": \"%s：已完成\"}",
                          f->meeting, position, title, step, step, step, step);
}

static void
test_document (Fixture       *f,
               gconstpointer  data)
{
  const char *present[] = { "张书记", "李明", "黄委员", "陈委员", "林委员", "吴委员", "郑委员" };
  g_autofree char *item1 = NULL;
  g_autofree char *item2 = NULL;
  g_autoptr(JlMinutesDoc) draft = NULL;
  g_autoptr(JlMinutesDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JlRecord) approved = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (present); i++)
    attend (f, present[i], "due", "present", NULL);
  attend (f, "王主任", "due", "leave", "外出开会");
  attend (f, "陈代表", "guest", "present", NULL);

  /* Added out of order: the document follows the positions. */
  item2 = add_item (f, 2, "停车难问题", "乙");
  item1 = add_item (f, 1, "老旧小区加装电梯", "甲");
  g_free (jl_test_putf_ok (f->store, "decision",
                           "{\"agenda_item_id\": \"%s\", \"text\": \"制定加装电梯方案\","
                           " \"lead_unit_id\": \"%s\", \"owner\": \"王主任\", \"due_on\": \"2025-03-31\"}",
                           item1, f->unit));
  g_free (jl_test_putf_ok (f->store, "decision",
                           "{\"agenda_item_id\": \"%s\", \"text\": \"摸排居民意愿\"}", item1));
  g_free (jl_test_putf_ok (f->store, "agenda_item",
                           "{\"meeting_id\": \"%s\", \"position\": 3, \"title\": \"党员发展表决\","
                           " \"votes_yes\": 7, \"votes_no\": 0, \"votes_abstain\": 1}", f->meeting));

  draft = jl_minutes_doc_load (f->store, f->meeting, &error);
  g_assert_no_error (error);
  draft_text = jl_minutes_doc_to_text (draft);
  g_assert_true (has_line (draft_text, "莲前社区 党建联席会议记录（草稿）"));

  g_object_unref (jl_test_update_ok (f->store, "meeting", f->meeting, "{\"state\": \"submitted\"}"));
  approved = jl_test_update_ok (f->store, "meeting", f->meeting,
                                "{\"state\": \"approved\", \"approved_by\": \"张书记\","
                                " \"approved_at\": \"2025-03-06 10:00\"}");
  g_free (jl_test_putf_ok (f->store, "amendment",
                           "{\"meeting_id\": \"%s\", \"field\": \"place\","
                           " \"old_value\": \"社区党群服务中心三楼会议室\","
                           " \"new_value\": \"社区党群服务中心二楼会议室\", \"reason\": \"记录笔误\","
                           " \"author\": \"李明\", \"made_on\": \"2025-03-07\"}", f->meeting));

  doc = jl_minutes_doc_load (f->store, f->meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->title, ==, "2025年第一季度党建联席会议");
  text = jl_minutes_doc_to_text (doc);
  g_test_message ("%s", text);

  {
    const char *expected[] = {
      "2025年第一季度党建联席会议",
      "莲前社区 党建联席会议记录",
      "时间：2025年3月5日（星期三）上午9:00—11:00",
      "地点：社区党群服务中心三楼会议室",
      "主持人：张书记",
      "记录人：李明",
      "参会情况：应到8人，实到7人，请假1人（王主任：外出开会）",
      "出席人员：张书记、李明、黄委员、陈委员、林委员、吴委员、郑委员",
      "列席人员：陈代表、街道办刘科长",
      "会议议题",
      "一、老旧小区加装电梯（汇报人：张书记）",
      "共同会商：甲：居民代表提出诉求",
      "提出方案：甲：方案一",
      "协同执行：甲：牵头落实",
      "落实反馈：甲：已完成",
      "决议：",
      "1. 制定加装电梯方案（牵头单位：思明区税务局；责任人：王主任；完成时限：2025年3月31日）",
      "2. 摸排居民意愿",
      "二、停车难问题（汇报人：张书记）",
      "共同会商：乙：居民代表提出诉求",
      "提出方案：乙：方案一",
      "协同执行：乙：牵头落实",
      "落实反馈：乙：已完成",
      "三、党员发展表决",
      "表决情况：同意7票，反对0票，弃权1票",
      "更正记录",
      "1. 2025年3月7日，“地点”由“社区党群服务中心三楼会议室”更正为“社区党群服务中心二楼会议室”。"
        "原因：记录笔误（更正人：李明）",
      "审核人：张书记　审核日期：2025年3月6日",
      NULL
    };
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    /* Exactly these lines, in this order (the text ends with a newline). */
    for (guint i = 0; expected[i]; i++)
      g_assert_cmpstr (lines[i], ==, expected[i]);
    g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length ((char **) expected) + 1);
  }

  /* Block kinds drive the layout. */
  g_assert_cmpint (((JlMinutesBlock *) doc->blocks->pdata[0])->kind, ==, JL_MINUTES_BLOCK_TITLE);
  g_assert_cmpint (((JlMinutesBlock *) doc->blocks->pdata[2])->kind, ==, JL_MINUTES_BLOCK_FIELD);
  g_assert_cmpstr (((JlMinutesBlock *) doc->blocks->pdata[2])->label, ==, "时间");
}

static void
test_summary_and_names (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JlRecord) meeting = jl_test_update_ok (f->store, "meeting", f->meeting,
                                                   "{\"summary\": \"第一段。\\n\\n  第二段。\"}");
  JlMinutesSource source = { .meeting = meeting };
  g_autoptr(JlMinutesDoc) doc = jl_minutes_doc_build (&source);
  g_autofree char *text = jl_minutes_doc_to_text (doc);
  g_autofree char *host_line = g_strdup_printf ("主持人：%s", f->host);

  /* Without names the ids are printed rather than nothing. */
  g_assert_true (has_line (text, host_line));
  g_assert_true (has_line (text, "会议内容"));
  g_assert_true (has_line (text, "第一段。"));
  g_assert_true (has_line (text, "第二段。"));
  /* No attendance yet: no tally line. */
  g_assert_null (strstr (text, "应到"));
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

  g_test_add_func ("/minutes-doc/time", test_time);
  g_test_add ("/minutes-doc/tally", Fixture, NULL, fixture_set_up, test_tally, fixture_tear_down);
  g_test_add ("/minutes-doc/document", Fixture, NULL, fixture_set_up, test_document, fixture_tear_down);
  g_test_add ("/minutes-doc/summary-and-names", Fixture, NULL, fixture_set_up, test_summary_and_names,
              fixture_tear_down);
  return g_test_run ();
}
