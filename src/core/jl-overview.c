/* jl-overview.c: the overview's period, sentences and JSON; the SQL lives
 * in jl-store-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlOverview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "jl-eval.h"
#include "jl-overview-private.h"

static const struct
{
  const char *key;
  const char *label;
} warning_kinds[JL_OVERVIEW_N_WARNING_KINDS] = {
  [JL_OVERVIEW_WARNING_NO_JOINT_MEETING] = { "no_joint_meeting", N_("Communities without a joint meeting this quarter") },
  [JL_OVERVIEW_WARNING_UNIT_NO_PROJECT] = { "unit_no_project", N_("Partner units without a project this year") },
  [JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES] = { "unit_many_estates", N_("Partner units linked to more than two estates") },
  [JL_OVERVIEW_WARNING_ROUND_SHEETS] = { "round_sheets", N_("Evaluation rounds with void, incomplete or missing sheets") },
  [JL_OVERVIEW_WARNING_DECISION_OVERDUE] = { "decision_overdue", N_("Overdue decisions of approved minutes") },
};

const char *
jl_overview_warning_kind_to_string (JlOverviewWarningKind kind)
{
  g_return_val_if_fail (kind < JL_OVERVIEW_N_WARNING_KINDS, NULL);
  return warning_kinds[kind].key;
}

const char *
jl_overview_warning_kind_get_label (JlOverviewWarningKind kind)
{
  g_return_val_if_fail (kind < JL_OVERVIEW_N_WARNING_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, warning_kinds[kind].label);
}

JlOverviewWarning *
_jl_overview_warning_new (JlOverviewWarningKind  kind,
                          const char            *record_kind,
                          const char            *record_id,
                          const char            *community_id,
                          const char            *community_name)
{
  JlOverviewWarning *w = g_new0 (JlOverviewWarning, 1);

  w->kind = kind;
  w->record_kind = g_strdup (record_kind);
  w->record_id = g_strdup (record_id);
  w->community_id = g_strdup (community_id);
  w->community_name = g_strdup (community_name ? community_name : "");
  return w;
}

void
jl_overview_warning_free (JlOverviewWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->record_kind);
  g_free (warning->record_id);
  g_free (warning->community_id);
  g_free (warning->community_name);
  g_free (warning->title);
  g_free (warning->detail);
  g_free (warning->meeting_id);
  g_free (warning);
}

void
jl_overview_free (JlOverview *overview)
{
  if (overview == NULL)
    return;
  g_free (overview->community_id);
  g_free (overview->community_name);
  g_free (overview->today);
  g_free (overview->quarter_start);
  g_free (overview->quarter_end);
  g_clear_pointer (&overview->warnings, g_ptr_array_unref);
  g_free (overview);
}

static void
format_day (char        buf[11],
            const GDate *date)
{
  g_snprintf (buf, 11, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
}

/* The year and quarter of @today as half-open ranges of ISO days. */
static void
scope_init (JlOverviewScope *scope,
            JlOverview      *ov,
            const GDate     *today)
{
  GDate start, next;
  GDateMonth first_month = (GDateMonth) ((g_date_get_month (today) - 1) / 3 * 3 + 1);
  char buf[11];

  scope->year = g_date_get_year (today);
  format_day (scope->today, today);

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, (GDateYear) scope->year);
  format_day (scope->year_start, &start);
  next = start;
  g_date_add_years (&next, 1);
  format_day (scope->year_next, &next);

  g_date_set_dmy (&start, 1, first_month, (GDateYear) scope->year);
  format_day (scope->quarter_start, &start);
  next = start;
  g_date_add_months (&next, 3);
  format_day (scope->quarter_next, &next);
  g_date_subtract_days (&next, 1);
  format_day (buf, &next);

  ov->today = g_strdup (scope->today);
  ov->year = scope->year;
  ov->quarter = (first_month - 1) / 3 + 1;
  ov->quarter_start = g_strdup (scope->quarter_start);
  ov->quarter_end = g_strdup (buf);
}

/**
 * jl_overview_compute:
 * @store: the store
 * @community_id: (nullable): one community, or %NULL for all of them
 * @today: (nullable): the day that sets "this year" and "this quarter";
 *   %NULL for the local date
 * @error: return location for a #GError
 *
 * Counts, shares and warnings over @store's live records. Blocks on the
 * disk: the app runs it with jl_store_run_async().
 *
 * Returns: (transfer full): the overview, or %NULL with @error set (an
 *   unknown community gives %JL_ERROR_NOT_FOUND)
 */
JlOverview *
jl_overview_compute (JlStore      *store,
                     const char   *community_id,
                     const GDate  *today,
                     GError      **error)
{
  g_autoptr(JlOverview) ov = NULL;
  JlOverviewScope scope = { .community_id = community_id };
  GDate now;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();

      g_date_clear (&now, 1);
      g_date_set_dmy (&now, (GDateDay) g_date_time_get_day_of_month (dt),
                      (GDateMonth) g_date_time_get_month (dt), (GDateYear) g_date_time_get_year (dt));
      today = &now;
    }

  ov = g_new0 (JlOverview, 1);
  ov->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_overview_warning_free);
  scope_init (&scope, ov, today);

  if (community_id != NULL)
    {
      g_autoptr(JlRecord) community = jl_store_get (store, "community", community_id, error);

      if (community == NULL)
        return NULL;
      ov->community_id = g_strdup (community_id);
      ov->community_name = g_strdup (jl_record_get_title (community));
    }

  if (!_jl_store_report_overview (store, &scope, ov, error))
    return NULL;
  return g_steal_pointer (&ov);
}

double
jl_overview_percent (gint64 numerator,
                     gint64 denominator)
{
  if (denominator == 0)
    return NAN;
  return 100.0 * (double) numerator / (double) denominator;
}

char *
jl_overview_format_percent (gint64 numerator,
                            gint64 denominator)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double pct = jl_overview_percent (numerator, denominator);

  if (isnan (pct))
    return g_strdup ("—");
  /* The C locale's decimal point: reports write 72.0%, never 72,0%. */
  g_ascii_formatd (buf, sizeof buf, "%.1f", jl_eval_round (pct, 1));
  return g_strconcat (buf, "%", NULL);
}

static char *
format_mean (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", jl_eval_round (value, 1)));
}

static void
add_sentences_org (GPtrArray        *out,
                   const JlOverview *ov)
{
  g_autofree char *coverage = jl_overview_format_percent (ov->estates_covered, ov->estates);

  if (ov->community_id == NULL)
    g_ptr_array_add (out, g_strdup_printf (_("%d communities with %d estates in all"),
                                           (int) ov->communities, (int) ov->estates));
  else
    g_ptr_array_add (out, g_strdup_printf (_("%s has %d estates"), ov->community_name, (int) ov->estates));
  g_ptr_array_add (out, g_strdup_printf (_("%d estate Party branches and %d building Party groups set up"),
                                         (int) ov->branches, (int) ov->groups));
  if (ov->estates > 0)
    g_ptr_array_add (out, g_strdup_printf (_("Estate Party branches cover %d estates, a coverage of %s"),
                                           (int) ov->estates_covered, coverage));
}

static void
add_sentences_linkage (GPtrArray        *out,
                       const JlOverview *ov)
{
  g_autofree char *red_oc = jl_overview_format_percent (ov->red_owners_committees, ov->estates_with_oc);
  g_autofree char *red_pc = jl_overview_format_percent (ov->red_property_companies, ov->estates_with_pc);

  if (ov->estates_with_oc > 0)
    g_ptr_array_add (out, g_strdup_printf (_("%d red owners' committees (%s)"),
                                           (int) ov->red_owners_committees, red_oc));
  if (ov->estates_with_pc > 0)
    g_ptr_array_add (out, g_strdup_printf (_("%d red property companies (%s)"),
                                           (int) ov->red_property_companies, red_pc));
}

static void
add_sentences_partners (GPtrArray        *out,
                        const JlOverview *ov)
{
  if (ov->community_id == NULL && ov->communities > 0)
    {
      g_autofree char *mean = format_mean (ov->units_per_community);

      g_ptr_array_add (out, g_strdup_printf (_("%d partner units linked with %d communities, %s per community on average (%d to %d)"),
                                             (int) ov->partner_units, (int) ov->communities, mean,
                                             (int) ov->units_per_community_min,
                                             (int) ov->units_per_community_max));
    }
  else
    g_ptr_array_add (out, g_strdup_printf (_("%d partner units linked with the community"),
                                           (int) ov->partner_units));
  g_ptr_array_add (out, g_strdup_printf (_("%d part-time committee members appointed"),
                                         (int) ov->part_time_members));
  if (ov->problems_this_year > 0)
    {
      g_autofree char *rate = jl_overview_format_percent (ov->problems_solved, ov->problems_this_year);

      g_ptr_array_add (out, g_strdup_printf (_("In %d, %d prominent problems taken on and %d solved, a solved rate of %s"),
                                             ov->year, (int) ov->problems_this_year,
                                             (int) ov->problems_solved, rate));
    }
  g_ptr_array_add (out, g_strdup_printf (_("In %d, %d meetings held; %d Party-building joint meetings this quarter"),
                                         ov->year, (int) ov->meetings_this_year,
                                         (int) ov->joint_meetings_this_quarter));
}

char **
jl_overview_get_sentences (const JlOverview *overview)
{
  GPtrArray *out;

  g_return_val_if_fail (overview != NULL, NULL);

  out = g_ptr_array_new ();
  add_sentences_org (out, overview);
  add_sentences_linkage (out, overview);
  add_sentences_partners (out, overview);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* JSON
 */

static void
set_share (JsonBuilder *b,
           const char  *name,
           gint64       numerator,
           gint64       denominator)
{
  g_autofree char *text = jl_overview_format_percent (numerator, denominator);
  double pct = jl_overview_percent (numerator, denominator);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "numerator");
  json_builder_add_int_value (b, numerator);
  json_builder_set_member_name (b, "denominator");
  json_builder_add_int_value (b, denominator);
  json_builder_set_member_name (b, "percent");
  if (isnan (pct))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, jl_eval_round (pct, 1));
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
}

static void
set_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
set_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_counts_json (JsonBuilder      *b,
                 const JlOverview *ov)
{
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  set_int (b, "communities", ov->communities);
  set_int (b, "estates", ov->estates);
  set_int (b, "branches", ov->branches);
  set_int (b, "groups", ov->groups);
  set_int (b, "partner_units", ov->partner_units);
  set_int (b, "part_time_members", ov->part_time_members);
  set_int (b, "people", ov->people);
  set_int (b, "meetings_this_year", ov->meetings_this_year);
  set_int (b, "joint_meetings_this_quarter", ov->joint_meetings_this_quarter);
  json_builder_end_object (b);

  set_share (b, "branch_coverage", ov->estates_covered, ov->estates);
  set_share (b, "red_owners_committees", ov->red_owners_committees, ov->estates_with_oc);
  set_share (b, "red_property_companies", ov->red_property_companies, ov->estates_with_pc);
  set_share (b, "problems_solved", ov->problems_solved, ov->problems_this_year);

  json_builder_set_member_name (b, "units_per_community");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "mean");
  if (isnan (ov->units_per_community))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, jl_eval_round (ov->units_per_community, 2));
  set_int (b, "min", ov->units_per_community_min);
  set_int (b, "max", ov->units_per_community_max);
  json_builder_end_object (b);
}

static void
add_warning_json (JsonBuilder             *b,
                  const JlOverviewWarning *w)
{
  json_builder_begin_object (b);
  set_string (b, "kind", jl_overview_warning_kind_to_string (w->kind));
  set_string (b, "record_kind", w->record_kind);
  set_string (b, "record_id", w->record_id);
  set_string (b, "community_id", w->community_id);
  set_string (b, "community", w->community_name);
  set_string (b, "title", w->title);
  set_string (b, "detail", w->detail);
  if (w->meeting_id != NULL)
    set_string (b, "meeting_id", w->meeting_id);
  if (w->kind == JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES)
    set_int (b, "links", w->numbers[0]);
  if (w->kind == JL_OVERVIEW_WARNING_ROUND_SHEETS)
    {
      set_int (b, "void_sheets", w->numbers[0]);
      set_int (b, "incomplete_sheets", w->numbers[1]);
      set_int (b, "targets_without_sheets", w->numbers[2]);
    }
  json_builder_end_object (b);
}

JsonNode *
jl_overview_to_json (const JlOverview *overview)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(GStrv) sentences = NULL;

  g_return_val_if_fail (overview != NULL, NULL);

  json_builder_begin_object (b);
  set_string (b, "community_id", overview->community_id);
  set_string (b, "community", overview->community_name);
  set_string (b, "today", overview->today);
  set_int (b, "year", overview->year);
  set_int (b, "quarter", overview->quarter);
  set_string (b, "quarter_start", overview->quarter_start);
  set_string (b, "quarter_end", overview->quarter_end);
  add_counts_json (b, overview);

  json_builder_set_member_name (b, "sentences");
  json_builder_begin_array (b);
  sentences = jl_overview_get_sentences (overview);
  for (guint i = 0; sentences[i]; i++)
    json_builder_add_string_value (b, sentences[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < overview->warnings->len; i++)
    add_warning_json (b, overview->warnings->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
