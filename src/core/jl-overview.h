/* jl-overview.h: the seed report's figures and the compliance warnings,
 * computed from the records
 *
 * The overview counts what a community Party committee reports upwards
 * (communities, estates, branches, partner units…), the coverage and
 * "red" shares of the three-party linkage with explicit denominators, the
 * prominent problems' solved rate, and lists what needs attention now:
 * communities without this quarter's joint meeting, partner units without
 * a project this year or linked to more than two estates, open evaluation
 * rounds with void, incomplete or missing score sheets, and overdue
 * decisions of approved minutes.
 *
 * Everything is computed by a few aggregate SQL queries, never by loading
 * the records, so it stays fast at ten times the seed's city. "Today" is
 * passed in, so that tests can pin the year and the quarter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jl-store.h"

G_BEGIN_DECLS

typedef enum
{
  JL_OVERVIEW_WARNING_NO_JOINT_MEETING,   /* a community, this quarter */
  JL_OVERVIEW_WARNING_UNIT_NO_PROJECT,    /* an active partner unit, this year */
  JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES,  /* more than two active estate links */
  JL_OVERVIEW_WARNING_ROUND_SHEETS,       /* an open round: void, incomplete or missing sheets */
  JL_OVERVIEW_WARNING_DECISION_OVERDUE,   /* approved minutes, past the deadline, not done */
  JL_OVERVIEW_N_WARNING_KINDS
} JlOverviewWarningKind;

typedef struct
{
  JlOverviewWarningKind  kind;
  char                  *record_kind;     /* "community", "partner_unit", "eval_round", "decision" */
  char                  *record_id;
  char                  *community_id;
  char                  *community_name;
  char                  *title;           /* translated, names the record */
  char                  *detail;          /* translated, what is wrong ("" if nothing more) */
  char                  *meeting_id;      /* DECISION_OVERDUE: the minutes holding it */
  gint64                 numbers[3];      /* UNIT_MANY_ESTATES: links; ROUND_SHEETS: void, incomplete, missing */
} JlOverviewWarning;

typedef struct
{
  char      *community_id;            /* NULL: every community */
  char      *community_name;          /* NULL: every community */
  char      *today;                   /* "2025-07-01" */
  int        year;
  int        quarter;                 /* 1 … 4 */
  char      *quarter_start;           /* first day of the quarter */
  char      *quarter_end;             /* last day of the quarter */

  gint64     communities;
  gint64     estates;
  gint64     branches;                /* party_org of level "branch" */
  gint64     groups;                  /* party_org of level "group" */
  gint64     partner_units;
  gint64     part_time_members;       /* whose term has not ended */
  gint64     people;
  gint64     meetings_this_year;
  gint64     joint_meetings_this_quarter;

  gint64     estates_covered;         /* estates whose branch_id is a live organisation */
  gint64     estates_with_oc;         /* with an owners' committee */
  gint64     red_owners_committees;   /* … that is red */
  gint64     estates_with_pc;         /* with a property company */
  gint64     red_property_companies;  /* … that is red */

  double     units_per_community;     /* mean over the communities; NAN with none */
  gint64     units_per_community_min;
  gint64     units_per_community_max;

  gint64     problems_this_year;
  gint64     problems_solved;

  GPtrArray *warnings;                /* of JlOverviewWarning*, by kind, then community */
  guint      n_warnings[JL_OVERVIEW_N_WARNING_KINDS];
} JlOverview;

JlOverview  *jl_overview_compute            (JlStore            *store,
                                             const char         *community_id,
                                             const GDate        *today,
                                             GError            **error);
void         jl_overview_free               (JlOverview         *overview);
void         jl_overview_warning_free       (JlOverviewWarning  *warning);

/* @numerator / @denominator in percent, NAN when @denominator is 0. */
double       jl_overview_percent            (gint64              numerator,
                                             gint64              denominator);
/* "72.0%": one decimal, halves rounded away from zero; "—" when
 * @denominator is 0. */
char        *jl_overview_format_percent     (gint64              numerator,
                                             gint64              denominator);
/* The report's sentences in the user's language, e.g.
 * "小区党支部覆盖小区1521个，覆盖率达100.0%", "红色业委会485个（占比72.0%）".
 * Returns a NULL-terminated array (g_strfreev). */
char       **jl_overview_get_sentences      (const JlOverview   *overview);
/* Stable key of a warning kind for JSON and scripts ("no_joint_meeting"). */
const char  *jl_overview_warning_kind_to_string (JlOverviewWarningKind kind);
/* Translated heading of a warning kind ("Communities without a joint
 * meeting this quarter"). */
const char  *jl_overview_warning_kind_get_label (JlOverviewWarningKind kind);
/* Every figure, the sentences and the warnings. */
JsonNode    *jl_overview_to_json            (const JlOverview   *overview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlOverview, jl_overview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlOverviewWarning, jl_overview_warning_free)

G_END_DECLS
