/* jl-eval-notice.c
 *
 * The notice is a Chinese administrative document posted on a community
 * notice board, so its wording is Chinese whatever the language of the
 * screen, the way a form's printed text does not follow the clerk's
 * desktop language. Everything the user sees on screen stays translatable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jl-eval-notice.h"

#define MISSING_NOTICE "—"

/**
 * jl_eval_notice_format_date:
 * @iso: (nullable): "2025-03-05", optionally followed by a time
 *
 * Returns: (transfer full): "2025年3月5日", @iso itself when it is not a
 *   date, or "" for NULL
 */
char *
jl_eval_notice_format_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL)
    return g_strdup ("");
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return g_strdup_printf ("%d年%d月%d日", y, m, d);
  return g_strdup (iso);
}

static char *
format_number (double      value,
               guint       decimals,
               const char *missing)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup (missing);
  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 6));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static char *
format_rate (double      value,
             const char *missing)
{
  g_autofree char *number = format_number (value, 1, NULL);

  return number ? g_strconcat (number, "%", NULL) : g_strdup (missing);
}

static const char *
sheet_word (JlEvalScale scale)
{
  switch (scale)
    {
    case JL_EVAL_SCALE_SATISFACTION:
      return "测评票";
    case JL_EVAL_SCALE_GRADE:
      return "评议票";
    case JL_EVAL_SCALE_SCORE:
    default:
      return "评分表";
    }
}

/**
 * jl_eval_notice_info_init:
 * @info: (out caller-allocates): what to fill in
 * @round: an eval_round record
 * @tpl: (nullable): the round's eval_template record
 * @community: (nullable): the round's community record
 *
 * Fills @info from the records. The strings are borrowed from the
 * records, which must outlive @info. The disclosure period and the date
 * are left unset; the contact is the community's phone and address.
 */
void
jl_eval_notice_info_init (JlEvalNoticeInfo *info,
                          JlRecord         *round,
                          JlRecord         *tpl,
                          JlRecord         *community)
{
  const char *scale;

  g_return_if_fail (info != NULL);
  g_return_if_fail (JL_IS_RECORD (round));

  memset (info, 0, sizeof *info);
  info->round_title = jl_record_get_string (round, "title");
  info->period_from = jl_record_get_string (round, "period_from");
  info->period_to = jl_record_get_string (round, "period_to");
  info->drop_min_sheets = 5;
  info->decimals = 2;
  if (tpl != NULL)
    {
      scale = jl_record_get_string (tpl, "scale");
      info->scale = g_strcmp0 (scale, "satisfaction") == 0 ? JL_EVAL_SCALE_SATISFACTION
                  : g_strcmp0 (scale, "grade") == 0 ? JL_EVAL_SCALE_GRADE : JL_EVAL_SCALE_SCORE;
      info->drop_extremes = jl_record_get_bool (tpl, "drop_extremes");
      info->drop_min_sheets = jl_record_get_int (tpl, "drop_min_sheets", 5);
      info->decimals = jl_record_get_int (tpl, "decimals", 2);
    }
  if (community != NULL)
    {
      info->community = jl_record_get_string (community, "name");
      info->issuer = jl_record_get_string (community, "committee_name");
      info->phone = jl_record_get_string (community, "phone");
      info->address = jl_record_get_string (community, "address");
    }
}

/* The table
 */

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const JlTargetResult *x = *(JlTargetResult * const *) a;
  const JlTargetResult *y = *(JlTargetResult * const *) b;
  guint rx = x->result->rank ? x->result->rank : G_MAXUINT;
  guint ry = y->result->rank ? y->result->rank : G_MAXUINT;

  return rx < ry ? -1 : rx > ry ? 1 : 0;
}

static void
add_header (GPtrArray        *header,
            const JlEvalNoticeInfo *info,
            gboolean          detailed)
{
  g_ptr_array_add (header, g_strdup (info->scale == JL_EVAL_SCALE_GRADE ? "序号" : "名次"));
  g_ptr_array_add (header, g_strdup ("被评议对象"));
  if (detailed)
    g_ptr_array_add (header, g_strdup ("总票数"));
  g_ptr_array_add (header, g_strdup ("有效票数"));
  if (detailed)
    {
      g_ptr_array_add (header, g_strdup ("废票数"));
      g_ptr_array_add (header, g_strdup ("未填写完整"));
    }

  switch (info->scale)
    {
    case JL_EVAL_SCALE_SATISFACTION:
      g_ptr_array_add (header, g_strdup ("满意"));
      g_ptr_array_add (header, g_strdup ("基本满意"));
      g_ptr_array_add (header, g_strdup ("不满意"));
      g_ptr_array_add (header, g_strdup ("满意率"));
      if (detailed)
        g_ptr_array_add (header, g_strdup ("不满意率"));
      break;
    case JL_EVAL_SCALE_GRADE:
      g_ptr_array_add (header, g_strdup ("优秀"));
      g_ptr_array_add (header, g_strdup ("合格"));
      g_ptr_array_add (header, g_strdup ("基本合格"));
      g_ptr_array_add (header, g_strdup ("不合格"));
      break;
    case JL_EVAL_SCALE_SCORE:
    default:
      if (detailed)
        {
          g_ptr_array_add (header, g_strdup ("平均分"));
          g_ptr_array_add (header, g_strdup ("去掉的最高分"));
          g_ptr_array_add (header, g_strdup ("去掉的最低分"));
          g_ptr_array_add (header, g_strdup ("最终得分"));
        }
      else if (info->drop_extremes)
        {
          g_ptr_array_add (header, g_strdup ("平均分"));
          g_ptr_array_add (header, g_strdup ("最终得分"));
        }
      else
        g_ptr_array_add (header, g_strdup ("得分"));
      g_ptr_array_add (header, g_strdup ("等次"));
      break;
    }
}

static void
add_votes (GPtrArray          *row,
           const JlEvalResult *r,
           JlEvalChoice        first,
           JlEvalChoice        last)
{
  for (JlEvalChoice c = first; c <= last; c++)
    g_ptr_array_add (row, g_strdup_printf ("%u", r->votes[c]));
}

static GStrv
make_row (const JlEvalNoticeInfo *info,
          const JlTargetResult   *target,
          guint                   position,
          gboolean                detailed)
{
  const JlEvalResult *r = target->result;
  const char *missing = detailed ? "" : MISSING_NOTICE;
  GPtrArray *row = g_ptr_array_new ();

  if (info->scale == JL_EVAL_SCALE_GRADE)
    g_ptr_array_add (row, g_strdup_printf ("%u", position));
  else
    g_ptr_array_add (row, r->rank ? g_strdup_printf ("%u", r->rank) : g_strdup (missing));
  g_ptr_array_add (row, g_strdup (target->target_name ? target->target_name : ""));
  if (detailed)
    g_ptr_array_add (row, g_strdup_printf ("%u", r->n_sheets));
  g_ptr_array_add (row, g_strdup_printf ("%u", r->n_valid));
  if (detailed)
    {
      g_ptr_array_add (row, g_strdup_printf ("%u", r->n_void));
      g_ptr_array_add (row, g_strdup_printf ("%u", r->n_incomplete));
    }

  switch (info->scale)
    {
    case JL_EVAL_SCALE_SATISFACTION:
      add_votes (row, r, JL_EVAL_CHOICE_SATISFIED, JL_EVAL_CHOICE_UNSATISFIED);
      g_ptr_array_add (row, format_rate (r->satisfaction_rate, missing));
      if (detailed)
        g_ptr_array_add (row, format_rate (r->dissatisfaction_rate, missing));
      break;
    case JL_EVAL_SCALE_GRADE:
      add_votes (row, r, JL_EVAL_CHOICE_EXCELLENT, JL_EVAL_CHOICE_FAIL);
      break;
    case JL_EVAL_SCALE_SCORE:
    default:
      if (detailed || info->drop_extremes)
        g_ptr_array_add (row, format_number (r->raw_mean, info->decimals, missing));
      if (detailed)
        {
          g_ptr_array_add (row, format_number (r->dropped ? r->dropped_high : NAN, info->decimals, missing));
          g_ptr_array_add (row, format_number (r->dropped ? r->dropped_low : NAN, info->decimals, missing));
        }
      g_ptr_array_add (row, format_number (r->final_score, info->decimals, missing));
      g_ptr_array_add (row, g_strdup (r->band ? r->band : missing));
      break;
    }
  g_ptr_array_add (row, NULL);
  return (GStrv) g_ptr_array_free (row, FALSE);
}

/**
 * jl_eval_results_table:
 * @info: the round's description
 * @results: (element-type JlTargetResult): jl_store_eval_results()
 * @detailed: every count and figure (for the CSV) rather than those a
 *   notice shows
 * @header: (out) (optional) (transfer full): the column titles
 *
 * Returns: (transfer full) (element-type GStrv): one row per target, best
 *   rank first; targets without a rank follow in round order. Grade-scale
 *   rounds are not ranked and keep the round's order.
 */
GPtrArray *
jl_eval_results_table (const JlEvalNoticeInfo *info,
                       GPtrArray              *results,
                       gboolean                detailed,
                       GStrv                  *header)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GPtrArray *rows;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  if (header != NULL)
    {
      GPtrArray *h = g_ptr_array_new ();

      add_header (h, info, detailed);
      g_ptr_array_add (h, NULL);
      *header = (GStrv) g_ptr_array_free (h, FALSE);
    }

  /* Not g_ptr_array_copy(): the copy would free the results too. */
  sorted = g_ptr_array_sized_new (results->len);
  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (sorted, results->pdata[i]);
  /* A stable sort: equal ranks keep the round's order. */
  if (info->scale != JL_EVAL_SCALE_GRADE)
    g_ptr_array_sort (sorted, compare_rank);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (rows, make_row (info, sorted->pdata[i], i + 1, detailed));
  return rows;
}

/**
 * jl_eval_results_csv:
 * @info: the round's description
 * @results: (element-type JlTargetResult): jl_store_eval_results()
 *
 * Returns: (transfer full): a header row and one row per target, as
 *   jl_eval_results_table() with @detailed
 */
JlCsv *
jl_eval_results_csv (const JlEvalNoticeInfo *info,
                     GPtrArray              *results)
{
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JlCsv *csv;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  rows = jl_eval_results_table (info, results, TRUE, &header);
  csv = jl_csv_new ();
  jl_csv_add_row (csv, (const char * const *) header, -1);
  for (guint i = 0; i < rows->len; i++)
    jl_csv_add_row (csv, rows->pdata[i], -1);
  return csv;
}

/* The words
 */

static char *
format_period (const char *from,
               const char *to)
{
  g_autofree char *a = jl_eval_notice_format_date (from);
  g_autofree char *b = jl_eval_notice_format_date (to);

  if (from != NULL && to != NULL)
    return g_strdup_printf ("%s至%s", a, b);
  if (from != NULL)
    return g_strdup_printf ("%s起", a);
  return NULL;
}

static char *
make_title (const JlEvalNoticeInfo *info)
{
  const char *title = info->round_title ? info->round_title : "";

  /* "关于……结果的公示", without saying 结果 twice. */
  if (g_str_has_suffix (title, "结果"))
    return g_strdup_printf ("关于%s的公示", title);
  return g_strdup_printf ("关于%s结果的公示", title);
}

static char *
make_rule (const JlEvalNoticeInfo *info)
{
  switch (info->scale)
    {
    case JL_EVAL_SCALE_SATISFACTION:
      return g_strdup ("满意率按（满意票数＋基本满意票数）÷有效票数计算。");
    case JL_EVAL_SCALE_GRADE:
      return g_strdup ("下表为各等次得票情况，评议等次由党组织研究确定。");
    case JL_EVAL_SCALE_SCORE:
    default:
      if (info->drop_extremes)
        return g_strdup_printf ("有效评分表达到%u份的，去掉一个最高分和一个最低分后取平均分作为最终得分；"
                                "得分保留%u位小数。",
                                MAX (info->drop_min_sheets, 3), info->decimals);
      return g_strdup_printf ("以有效评分表的平均分作为最终得分，保留%u位小数。", info->decimals);
    }
}

static char *
make_intro (const JlEvalNoticeInfo *info,
            GPtrArray              *results)
{
  g_autoptr(GString) s = g_string_new ("按照工作安排，");
  g_autofree char *period = format_period (info->period_from, info->period_to);
  g_autofree char *rule = make_rule (info);
  const char *word = sheet_word (info->scale);
  guint n = 0, valid = 0, n_void = 0, incomplete = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const JlEvalResult *r = ((JlTargetResult *) results->pdata[i])->result;

      n += r->n_sheets;
      valid += r->n_valid;
      n_void += r->n_void;
      incomplete += r->n_incomplete;
    }

  g_string_append (s, info->community ? info->community : "");
  if (period != NULL)
    g_string_append_printf (s, "于%s", period);
  g_string_append_printf (s, "组织开展了%s，评议对象%u个，收回%s%u份，其中有效%u份",
                          info->round_title ? info->round_title : "", results->len, word, n, valid);
  if (n_void > 0)
    g_string_append_printf (s, "，废票%u份", n_void);
  if (incomplete > 0)
    g_string_append_printf (s, "，未填写完整%u份", incomplete);
  g_string_append (s, "。");
  if (n_void > 0 && incomplete > 0)
    g_string_append_printf (s, "废票和未填写完整的%s不计入结果。", word);
  else if (n_void > 0)
    g_string_append (s, "废票不计入结果。");
  else if (incomplete > 0)
    g_string_append_printf (s, "未填写完整的%s不计入结果。", word);
  g_string_append (s, rule);
  g_string_append (s, "现将结果公示如下：");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
make_objection (const JlEvalNoticeInfo *info,
                const char             *issuer)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "公示期间，如有异议，请以书面或电话形式向%s反映。", issuer);
  if (info->phone != NULL && *info->phone)
    g_string_append_printf (s, "联系电话：%s", info->phone);
  if (info->address != NULL && *info->address)
    g_string_append_printf (s, "%s地址：%s", info->phone && *info->phone ? "；" : "", info->address);
  if ((info->phone && *info->phone) || (info->address && *info->address))
    g_string_append (s, "。");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * jl_eval_notice_new:
 * @info: the round's description, disclosure period, date and contact
 * @results: (element-type JlTargetResult): jl_store_eval_results()
 *
 * Builds the words of the results notice: title, introduction, the table
 * (as jl_eval_results_table() without @detailed), the disclosure period,
 * where to raise objections, the issuer and the date.
 *
 * Returns: (transfer full): the notice
 */
JlEvalNotice *
jl_eval_notice_new (const JlEvalNoticeInfo *info,
                    GPtrArray              *results)
{
  JlEvalNotice *notice;
  const char *issuer;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  issuer = info->issuer && *info->issuer ? info->issuer : info->community ? info->community : "";
  notice = g_new0 (JlEvalNotice, 1);
  notice->title = make_title (info);
  notice->intro = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (notice->intro, make_intro (info, results));
  notice->rows = jl_eval_results_table (info, results, FALSE, &notice->header);

  notice->closing = g_ptr_array_new_with_free_func (g_free);
  if (info->notice_from != NULL && info->notice_to != NULL)
    {
      g_autofree char *period = format_period (info->notice_from, info->notice_to);

      g_ptr_array_add (notice->closing, g_strdup_printf ("公示期：%s。", period));
    }
  g_ptr_array_add (notice->closing, make_objection (info, issuer));

  notice->issuer = g_strdup (issuer);
  notice->date = info->issue_date ? jl_eval_notice_format_date (info->issue_date) : NULL;
  return notice;
}

/**
 * jl_eval_notice_free:
 * @notice: (nullable): a notice
 */
void
jl_eval_notice_free (JlEvalNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->title);
  g_ptr_array_unref (notice->intro);
  g_strfreev (notice->header);
  g_ptr_array_unref (notice->rows);
  g_ptr_array_unref (notice->closing);
  g_free (notice->issuer);
  g_free (notice->date);
  g_free (notice);
}

/**
 * jl_eval_notice_to_text:
 * @notice: a notice
 *
 * Returns: (transfer full): the notice as plain text: the title, each
 *   paragraph, the table with tab-separated cells and the signature, one
 *   per line
 */
char *
jl_eval_notice_to_text (JlEvalNotice *notice)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (notice != NULL, NULL);

  g_string_append_printf (s, "%s\n", notice->title);
  for (guint i = 0; i < notice->intro->len; i++)
    g_string_append_printf (s, "%s\n", (char *) notice->intro->pdata[i]);
  {
    g_autofree char *header = g_strjoinv ("\t", notice->header);
    g_string_append_printf (s, "%s\n", header);
  }
  for (guint i = 0; i < notice->rows->len; i++)
    {
      g_autofree char *row = g_strjoinv ("\t", notice->rows->pdata[i]);
      g_string_append_printf (s, "%s\n", row);
    }
  for (guint i = 0; i < notice->closing->len; i++)
    g_string_append_printf (s, "%s\n", (char *) notice->closing->pdata[i]);
  g_string_append_printf (s, "%s\n", notice->issuer);
  if (notice->date != NULL)
    g_string_append_printf (s, "%s\n", notice->date);
  return g_string_free (g_steal_pointer (&s), FALSE);
}
