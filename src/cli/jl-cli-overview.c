/* jl-cli-overview.c: jinlin-cli overview, the seed report's figures and
 * the warnings, for one community or all of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "jl-cli-overview.h"
#include "jl-overview.h"

#define SYNOPSIS "overview [--community ID] [--today YYYY-MM-DD]"

static void
print_share (const char *label,
             gint64      numerator,
             gint64      denominator)
{
  g_autofree char *pct = jl_overview_format_percent (numerator, denominator);

  g_print ("  %s: %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT " = %s\n", label, numerator, denominator, pct);
}

static void
print_counts (const JlOverview *ov)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("%s\n", _("Figures:"));
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Communities"), ov->communities);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Estates"), ov->estates);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Party branches"), ov->branches);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Party groups"), ov->groups);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Partner units"), ov->partner_units);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Part-time committee members"), ov->part_time_members);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("People"), ov->people);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Meetings this year"), ov->meetings_this_year);
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Joint meetings this quarter"), ov->joint_meetings_this_quarter);
  print_share (_("Estates covered by a Party branch"), ov->estates_covered, ov->estates);
  print_share (_("Red owners' committees among estates with one"), ov->red_owners_committees, ov->estates_with_oc);
  print_share (_("Red property companies among estates with one"), ov->red_property_companies, ov->estates_with_pc);
  print_share (_("Prominent problems solved this year"), ov->problems_solved, ov->problems_this_year);
  if (!isnan (ov->units_per_community))
    g_print ("  %s: %s (%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ")\n", _("Partner units per community"),
             g_ascii_formatd (buf, sizeof buf, "%.2f", ov->units_per_community),
             ov->units_per_community_min, ov->units_per_community_max);
}

static void
print_text (const JlOverview *ov)
{
  g_auto(GStrv) sentences = jl_overview_get_sentences (ov);
  int last_kind = -1;

  g_print (_("Overview of %s on %s (quarter %d: %s to %s)\n"),
           ov->community_name ? ov->community_name : _("every community"),
           ov->today, ov->quarter, ov->quarter_start, ov->quarter_end);
  print_counts (ov);
  g_print ("%s\n", _("Report:"));
  for (guint i = 0; sentences[i]; i++)
    g_print ("  %s\n", sentences[i]);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u warning\n", "%u warnings\n", ov->warnings->len), ov->warnings->len);
  for (guint i = 0; i < ov->warnings->len; i++)
    {
      const JlOverviewWarning *w = ov->warnings->pdata[i];

      if ((int) w->kind != last_kind)
        g_print ("  %s (%u)\n", jl_overview_warning_kind_get_label (w->kind), ov->n_warnings[w->kind]);
      last_kind = w->kind;
      g_print ("    %s — %s  [%s %s]\n", w->title, w->detail, w->record_kind, w->record_id);
    }
}

static gboolean
parse_today (const char *text,
             GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

int
jl_cli_cmd_overview (JlCliGlobals  *globals,
                     int            argc,
                     char         **argv)
{
  g_autofree char *community = NULL;
  g_autofree char *today_text = NULL;
  GOptionEntry entries[] = {
    { "community", 0, 0, G_OPTION_ARG_STRING, &community, N_("only this community"), "ID" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("the day that sets this year and quarter"), "YYYY-MM-DD" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (SYNOPSIS);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = NULL;
  g_autoptr(JlOverview) ov = NULL;
  GDate today;
  int rc = JL_EXIT_OK;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return jl_cli_usage (error->message);
  if (argc != 1)
    {
      g_autofree char *msg = g_strdup_printf (_("Usage: jinlin-cli %s"), SYNOPSIS);
      return jl_cli_usage (msg);
    }
  if (today_text != NULL && !parse_today (today_text, &today))
    return jl_cli_usage (_("--today needs a date like 2025-07-01"));
  if (!(store = jl_cli_open_store (globals, &rc)))
    return rc;

  ov = jl_overview_compute (store, community, today_text ? &today : NULL, &error);
  if (ov == NULL)
    return jl_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonNode) node = jl_overview_to_json (ov);
      jl_cli_print_json (node);
    }
  else
    print_text (ov);
  return JL_EXIT_OK;
}
