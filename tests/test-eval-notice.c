/* test-eval-notice.c: the words of the results notice and the results
 * table, from a stored round and from hand-made results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jl-eval-notice.h"
#include "jl-test-util.h"

typedef struct
{
  char    *dir;
  JlStore *store;
  char    *community;
  char    *round;
} Fixture;

static void
put_sheet (Fixture    *f,
           const char *target,
           const char *criterion,
           guint       ballot,
           const char *extra)
{
  g_free (jl_test_putf_ok (f->store, "eval_sheet",
                           "{\"round_id\": \"%s\", \"target_id\": \"%s\", \"ballot_no\": %u%s}",
                           f->round, target, ballot, extra));
}

static void
put_scored_sheet (Fixture    *f,
                  const char *target,
                  const char *criterion,
                  guint       ballot,
                  double      points)
{
  g_autofree char *extra = g_strdup_printf (", \"eval_score\": [{\"criterion_id\": \"%s\", \"points\": %g}]",
                                            criterion, points);

  put_sheet (f, target, criterion, ballot, extra);
}

/* 莲前社区: one criterion (100 points, weight 100); 鹭城物业 has the six
 * hand-worked sheets 70 82 91 88 79 95 (raw 84.17, final 85.00, 良好),
 * 嘉禾物业 has 60 70 80, a void sheet and one left blank. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const double first[] = { 70, 82, 91, 88, 79, 95 };
  static const double second[] = { 60, 70, 80 };
  g_autofree char *tpl = NULL;
  g_autofree char *criterion = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  guint ballot = 0;

  f->store = jl_test_store_new (&f->dir);
  f->community = jl_test_put_ok (f->store, "community",
                                 "{\"name\": \"莲前社区\", \"committee_name\": \"中共莲前社区委员会\","
                                 " \"phone\": \"0592-5551234\", \"address\": \"思明区莲前西路1号\"}");
  tpl = jl_test_putf_ok (f->store, "eval_template",
                         "{\"community_id\": \"%s\", \"name\": \"红色物业考评表\"}", f->community);
  criterion = jl_test_putf_ok (f->store, "eval_criterion",
                               "{\"template_id\": \"%s\", \"content\": \"物业服务\", \"max_points\": 100,"
                               " \"weight\": 100}", tpl);
  f->round = jl_test_putf_ok (f->store, "eval_round",
                              "{\"community_id\": \"%s\", \"template_id\": \"%s\", \"title\": \"2024年度红色物业考评\","
                              " \"period_from\": \"2024-01-01\", \"period_to\": \"2024-12-31\"}",
                              f->community, tpl);
  t1 = jl_test_putf_ok (f->store, "eval_target",
                        "{\"round_id\": \"%s\", \"name\": \"鹭城物业（莲花新村）\", \"position\": 1}", f->round);
  t2 = jl_test_putf_ok (f->store, "eval_target",
                        "{\"round_id\": \"%s\", \"name\": \"嘉禾物业\", \"position\": 2}", f->round);

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    put_scored_sheet (f, t1, criterion, ++ballot, first[i]);
  for (guint i = 0; i < G_N_ELEMENTS (second); i++)
    put_scored_sheet (f, t2, criterion, ++ballot, second[i]);
  put_sheet (f, t2, criterion, ++ballot, ", \"is_void\": true, \"void_reason\": \"涂改\"");
  put_sheet (f, t2, criterion, ++ballot, "");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->community);
  g_free (f->round);
  jl_test_dir_free (f->dir);
}

static void
test_stored_round (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = jl_store_eval_results (f->store, f->round, &error);
  g_autoptr(JlRecord) round = jl_test_get_ok (f->store, "eval_round", f->round);
  g_autoptr(JlRecord) tpl = jl_test_get_ok (f->store, "eval_template", jl_record_get_string (round, "template_id"));
  g_autoptr(JlRecord) community = jl_test_get_ok (f->store, "community", f->community);
  g_autoptr(JlEvalNotice) notice = NULL;
  g_autofree char *text = NULL;
  JlEvalNoticeInfo info;
  GStrv row;

  g_assert_no_error (error);
  jl_eval_notice_info_init (&info, round, tpl, community);
  info.notice_from = "2025-03-05";
  info.notice_to = "2025-03-11";
  info.issue_date = "2025-03-05";
  notice = jl_eval_notice_new (&info, results);

  g_assert_cmpstr (notice->title, ==, "关于2024年度红色物业考评结果的公示");
  g_assert_cmpuint (notice->intro->len, ==, 1);
  g_assert_cmpstr (notice->intro->pdata[0], ==,
                   "按照工作安排，莲前社区于2024年1月1日至2024年12月31日组织开展了2024年度红色物业考评，"
                   "评议对象2个，收回评分表11份，其中有效9份，废票1份，未填写完整1份。"
                   "废票和未填写完整的评分表不计入结果。"
                   "有效评分表达到5份的，去掉一个最高分和一个最低分后取平均分作为最终得分；得分保留2位小数。"
                   "现将结果公示如下：");

  g_assert_cmpuint (g_strv_length (notice->header), ==, 6);
  g_assert_cmpstr (notice->header[0], ==, "名次");
  g_assert_cmpstr (notice->header[1], ==, "被评议对象");
  g_assert_cmpstr (notice->header[2], ==, "有效票数");
  g_assert_cmpstr (notice->header[3], ==, "平均分");
  g_assert_cmpstr (notice->header[4], ==, "最终得分");
  g_assert_cmpstr (notice->header[5], ==, "等次");
  g_assert_cmpuint (notice->rows->len, ==, 2);
  row = notice->rows->pdata[0];
  g_assert_cmpstr (row[0], ==, "1");
  g_assert_cmpstr (row[1], ==, "鹭城物业（莲花新村）");
  g_assert_cmpstr (row[2], ==, "6");
  g_assert_cmpstr (row[3], ==, "84.17");
  g_assert_cmpstr (row[4], ==, "85.00");
  g_assert_cmpstr (row[5], ==, "良好");
  row = notice->rows->pdata[1];
  g_assert_cmpstr (row[0], ==, "2");
  g_assert_cmpstr (row[1], ==, "嘉禾物业");
  g_assert_cmpstr (row[2], ==, "3");
  g_assert_cmpstr (row[3], ==, "70.00");
  g_assert_cmpstr (row[4], ==, "70.00");
  g_assert_cmpstr (row[5], ==, "合格");

  g_assert_cmpuint (notice->closing->len, ==, 2);
  g_assert_cmpstr (notice->closing->pdata[0], ==, "公示期：2025年3月5日至2025年3月11日。");
  g_assert_cmpstr (notice->closing->pdata[1], ==,
                   "公示期间，如有异议，请以书面或电话形式向中共莲前社区委员会反映。"
                   "联系电话：0592-5551234；地址：思明区莲前西路1号。");
  g_assert_cmpstr (notice->issuer, ==, "中共莲前社区委员会");
  g_assert_cmpstr (notice->date, ==, "2025年3月5日");

  text = jl_eval_notice_to_text (notice);
  g_assert_true (g_str_has_prefix (text, "关于2024年度红色物业考评结果的公示\n按照工作安排，"));
  g_assert_nonnull (strstr (text, "\n名次\t被评议对象\t有效票数\t平均分\t最终得分\t等次\n"
                                  "1\t鹭城物业（莲花新村）\t6\t84.17\t85.00\t良好\n"));
  g_assert_true (g_str_has_suffix (text, "\n中共莲前社区委员会\n2025年3月5日\n"));
}

static void
test_stored_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = jl_store_eval_results (f->store, f->round, &error);
  g_autoptr(JlRecord) round = jl_test_get_ok (f->store, "eval_round", f->round);
  g_autoptr(JlRecord) tpl = jl_test_get_ok (f->store, "eval_template", jl_record_get_string (round, "template_id"));
  g_autoptr(JlCsv) csv = NULL;
  JlEvalNoticeInfo info;
  const char *expected =
    "\xEF\xBB\xBF"
    "名次,被评议对象,总票数,有效票数,废票数,未填写完整,平均分,去掉的最高分,去掉的最低分,最终得分,等次\r\n"
    "1,鹭城物业（莲花新村）,6,6,0,0,84.17,95.00,70.00,85.00,良好\r\n"
    "2,嘉禾物业,5,3,1,1,70.00,,,70.00,合格\r\n";
  const char *data_out;
  gsize len;

  g_assert_no_error (error);
  jl_eval_notice_info_init (&info, round, tpl, NULL);
  csv = jl_eval_results_csv (&info, results);
  data_out = jl_csv_get_data (csv, &len);
  g_assert_cmpmem (data_out, len, expected, strlen (expected));
}

/* Hand-made results, without a store
 */

static JlTargetResult *
target_result (const char   *name,
               JlEvalResult *result)
{
  JlTargetResult *t = g_new0 (JlTargetResult, 1);

  t->target_id = g_strdup (name);
  t->target_name = g_strdup (name);
  t->result = result;
  return t;
}

/* Results of @scale for targets with the given choices per sheet ('s'
 * 满意, 'b' 基本满意, 'u' 不满意, 'e' 优秀, 'p' 合格, 'q' 基本合格, 'f'
 * 不合格, 'v' void, '-' blank). */
static GPtrArray *
choice_results (JlEvalScale         scale,
                const char * const *names,
                const char * const *ballots)
{
  JlEvalSpec spec = { .scale = scale, .decimals = 2, .drop_min_sheets = 5 };
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_eval_target_input_free);
  g_autoptr(GPtrArray) computed = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_target_result_free);

  spec.bands = jl_eval_bands_default (&spec.n_bands);
  for (guint i = 0; names[i]; i++)
    {
      JlEvalTargetInput *t = jl_eval_target_input_new (names[i]);

      for (const char *c = ballots[i]; *c; c++)
        {
          JlEvalSheetInput *sheet = jl_eval_sheet_input_new ("s", 0);

          sheet->is_void = *c == 'v';
          sheet->choice = *c == 's' ? JL_EVAL_CHOICE_SATISFIED : *c == 'b' ? JL_EVAL_CHOICE_BASIC
                        : *c == 'u' ? JL_EVAL_CHOICE_UNSATISFIED : *c == 'e' ? JL_EVAL_CHOICE_EXCELLENT
                        : *c == 'p' ? JL_EVAL_CHOICE_PASS : *c == 'q' ? JL_EVAL_CHOICE_BASIC_PASS
                        : *c == 'f' ? JL_EVAL_CHOICE_FAIL : JL_EVAL_CHOICE_NONE;
          g_ptr_array_add (t->sheets, sheet);
        }
      g_ptr_array_add (inputs, t);
    }
  computed = jl_eval_compute (&spec, inputs);
  for (guint i = 0; i < computed->len; i++)
    g_ptr_array_add (out, target_result (names[i], g_steal_pointer (&computed->pdata[i])));
  jl_eval_bands_free (spec.bands, spec.n_bands);
  return out;
}

static void
test_satisfaction (void)
{
  static const char *const names[] = { "莲花新村业主委员会", "瑞景业主委员会", NULL };
  static const char *const ballots[] = { "sssbu", "ssssbbv-", NULL };
  g_autoptr(GPtrArray) results = choice_results (JL_EVAL_SCALE_SATISFACTION, names, ballots);
  JlEvalNoticeInfo info = {
    .community = "莲前社区", .round_title = "2025年度业委会履职满意度测评",
    .scale = JL_EVAL_SCALE_SATISFACTION, .decimals = 2,
    .notice_from = "2026-01-10", .notice_to = "2026-01-16", .issue_date = "2026-01-10",
  };
  g_autoptr(JlEvalNotice) notice = jl_eval_notice_new (&info, results);
  g_autoptr(JlCsv) csv = jl_eval_results_csv (&info, results);
  const char *expected_csv =
    "\xEF\xBB\xBF"
    "名次,被评议对象,总票数,有效票数,废票数,未填写完整,满意,基本满意,不满意,满意率,不满意率\r\n"
    "1,瑞景业主委员会,8,6,1,1,4,2,0,100.0%,0.0%\r\n"
    "2,莲花新村业主委员会,5,5,0,0,3,1,1,80.0%,20.0%\r\n";
  const char *data;
  gsize len;
  GStrv row;

  g_assert_cmpstr (notice->title, ==, "关于2025年度业委会履职满意度测评结果的公示");
  g_assert_cmpstr (notice->intro->pdata[0], ==,
                   "按照工作安排，莲前社区组织开展了2025年度业委会履职满意度测评，"
                   "评议对象2个，收回测评票13份，其中有效11份，废票1份，未填写完整1份。"
                   "废票和未填写完整的测评票不计入结果。"
                   "满意率按（满意票数＋基本满意票数）÷有效票数计算。现将结果公示如下：");
  g_assert_cmpstr (notice->header[3], ==, "满意");
  g_assert_cmpstr (notice->header[6], ==, "满意率");
  g_assert_null (notice->header[7]);
  row = notice->rows->pdata[0];
  g_assert_cmpstr (row[1], ==, "瑞景业主委员会");
  g_assert_cmpstr (row[6], ==, "100.0%");
  row = notice->rows->pdata[1];
  g_assert_cmpstr (row[0], ==, "2");
  g_assert_cmpstr (row[6], ==, "80.0%");

  /* No committee name: the community signs; no contact given. */
  g_assert_cmpstr (notice->issuer, ==, "莲前社区");
  g_assert_cmpstr (notice->closing->pdata[1], ==, "公示期间，如有异议，请以书面或电话形式向莲前社区反映。");

  data = jl_csv_get_data (csv, &len);
  g_assert_cmpmem (data, len, expected_csv, strlen (expected_csv));
}

static void
test_grades (void)
{
  static const char *const names[] = { "张明", "李华", NULL };
  static const char *const ballots[] = { "eepf", "ppqv", NULL };
  g_autoptr(GPtrArray) results = choice_results (JL_EVAL_SCALE_GRADE, names, ballots);
  JlEvalNoticeInfo info = {
    .community = "莲前社区", .round_title = "2025年度民主评议党员结果",
    .scale = JL_EVAL_SCALE_GRADE, .address = "莲前西路1号",
  };
  g_autoptr(JlEvalNotice) notice = jl_eval_notice_new (&info, results);
  GStrv row;

  /* The title says 结果 once. */
  g_assert_cmpstr (notice->title, ==, "关于2025年度民主评议党员结果的公示");
  g_assert_true (g_str_has_suffix (notice->intro->pdata[0],
                                   "其中有效7份，废票1份。废票不计入结果。"
                                   "下表为各等次得票情况，评议等次由党组织研究确定。现将结果公示如下："));
  g_assert_cmpstr (notice->header[0], ==, "序号");
  g_assert_cmpstr (notice->header[3], ==, "优秀");
  g_assert_cmpstr (notice->header[6], ==, "不合格");
  row = notice->rows->pdata[0];
  g_assert_cmpstr (row[0], ==, "1");
  g_assert_cmpstr (row[1], ==, "张明");
  g_assert_cmpstr (row[2], ==, "4");
  g_assert_cmpstr (row[3], ==, "2");
  g_assert_cmpstr (row[4], ==, "1");
  g_assert_cmpstr (row[5], ==, "0");
  g_assert_cmpstr (row[6], ==, "1");
  row = notice->rows->pdata[1];
  g_assert_cmpstr (row[2], ==, "3");

  /* No disclosure period, no date: neither is invented. */
  g_assert_cmpuint (notice->closing->len, ==, 1);
  g_assert_cmpstr (notice->closing->pdata[0], ==,
                   "公示期间，如有异议，请以书面或电话形式向莲前社区反映。地址：莲前西路1号。");
  g_assert_null (notice->date);
}

static void
test_no_valid_sheets (void)
{
  static const char *const names[] = { "甲物业", "乙物业", NULL };
  JlEvalSpec spec = { .scale = JL_EVAL_SCALE_SCORE, .decimals = 1, .drop_extremes = FALSE };
  JlEvalCriterionSpec criterion = { (char *) "c", 100, 100 };
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_eval_target_input_free);
  g_autoptr(GPtrArray) computed = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_target_result_free);
  JlEvalNoticeInfo info = { .community = "莲前社区", .round_title = "测评", .decimals = 1 };
  g_autoptr(JlEvalNotice) notice = NULL;
  JlEvalSheetInput *sheet;
  GStrv row;

  spec.criteria = &criterion;
  spec.n_criteria = 1;
  spec.bands = jl_eval_bands_default (&spec.n_bands);
  g_ptr_array_add (inputs, jl_eval_target_input_new (names[0]));
  g_ptr_array_add (inputs, jl_eval_target_input_new (names[1]));
  sheet = jl_eval_sheet_input_new ("s1", 1);
  sheet->points[0] = 66.66;
  g_ptr_array_add (((JlEvalTargetInput *) inputs->pdata[1])->sheets, sheet);
  computed = jl_eval_compute (&spec, inputs);
  for (guint i = 0; i < computed->len; i++)
    g_ptr_array_add (results, target_result (names[i], g_steal_pointer (&computed->pdata[i])));
  jl_eval_bands_free (spec.bands, spec.n_bands);

  notice = jl_eval_notice_new (&info, results);
  g_assert_true (g_str_has_suffix (notice->intro->pdata[0],
                                   "其中有效1份。以有效评分表的平均分作为最终得分，保留1位小数。现将结果公示如下："));
  g_assert_cmpstr (notice->header[3], ==, "得分");
  g_assert_cmpstr (notice->header[4], ==, "等次");
  /* The unranked target goes last, with dashes rather than zeros. */
  row = notice->rows->pdata[0];
  g_assert_cmpstr (row[1], ==, "乙物业");
  g_assert_cmpstr (row[3], ==, "66.7");
  g_assert_cmpstr (row[4], ==, "合格");
  row = notice->rows->pdata[1];
  g_assert_cmpstr (row[0], ==, "—");
  g_assert_cmpstr (row[1], ==, "甲物业");
  g_assert_cmpstr (row[2], ==, "0");
  g_assert_cmpstr (row[3], ==, "—");
  g_assert_cmpstr (row[4], ==, "—");
}

static void
test_format_date (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "2025-03-05", "2025年3月5日" },
    { "2025-12-31", "2025年12月31日" },
    { "2025-03-05 14:30", "2025年3月5日" },
    { "明天", "明天" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jl_eval_notice_format_date (cases[i].in);
      g_assert_cmpstr (text, ==, cases[i].out);
    }
  {
    g_autofree char *text = jl_eval_notice_format_date (NULL);
    g_assert_cmpstr (text, ==, "");
  }
}

int
main (int    argc,
      char **argv)
{
  jl_test_init (&argc, &argv);

  g_test_add ("/eval-notice/stored-round", Fixture, NULL, fixture_setup, test_stored_round, fixture_teardown);
  g_test_add ("/eval-notice/stored-csv", Fixture, NULL, fixture_setup, test_stored_csv, fixture_teardown);
  g_test_add_func ("/eval-notice/satisfaction", test_satisfaction);
  g_test_add_func ("/eval-notice/grades", test_grades);
  g_test_add_func ("/eval-notice/no-valid-sheets", test_no_valid_sheets);
  g_test_add_func ("/eval-notice/format-date", test_format_date);

  return g_test_run ();
}
