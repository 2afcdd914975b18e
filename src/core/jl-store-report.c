/* jl-store-report.c: the overview's figures and warnings in SQL
 *
 * A handful of aggregate queries, each answered from the tables' indexes
 * (community_id, parent ids) or one pass over a table, so the overview of
 * a city ten times the seed's takes a fraction of a second and never
 * loads the records themselves. Each query is written once with "{x}"
 * marking where "AND x.community_id = :c" goes for one community's
 * overview; both variants end up in the store's statement cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jl-overview-private.h"
#include "jl-store-private.h"

/* Decisions are shown by their text, cut to this many characters. */
#define DECISION_TITLE_CHARS 40

/* Replaces each "{alias}" of @sql by a community condition on that alias,
 * or by nothing when @scoped is FALSE. */
static char *
expand_scope (const char *sql,
              gboolean    scoped)
{
  GString *out = g_string_sized_new (strlen (sql) + 64);

  for (const char *p = sql; *p; p++)
    {
      const char *end;

      if (*p != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (scoped)
        {
          g_string_append (out, " AND ");
          g_string_append_len (out, p + 1, end - p - 1);
          g_string_append (out, ".community_id = :c");
        }
      p = end;
    }
  return g_string_free (out, FALSE);
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int idx = sqlite3_bind_parameter_index (stmt, name);

  if (idx > 0)
    sqlite3_bind_text (stmt, idx, value, -1, SQLITE_TRANSIENT);
}

/* The statement for @sql in @scope, with every parameter it names bound. */
static sqlite3_stmt *
prepare (JlStore                *self,
         const JlOverviewScope  *scope,
         const char             *sql,
         GError                **error)
{
  g_autofree char *text = expand_scope (sql, scope->community_id != NULL);
  sqlite3_stmt *stmt = _jl_store_prepare (self, text, error);
  int idx;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, ":c", scope->community_id);
  bind_text (stmt, ":today", scope->today);
  bind_text (stmt, ":ystart", scope->year_start);
  bind_text (stmt, ":ynext", scope->year_next);
  bind_text (stmt, ":qstart", scope->quarter_start);
  bind_text (stmt, ":qnext", scope->quarter_next);
  if ((idx = sqlite3_bind_parameter_index (stmt, ":year")) > 0)
    sqlite3_bind_int (stmt, idx, scope->year);
  return stmt;
}

/* One step; FALSE with @error set on an SQLite error, and *has_row tells
 * whether a row came back. */
static gboolean
step (JlStore       *self,
      sqlite3_stmt  *stmt,
      gboolean      *has_row,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  _jl_store_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return FALSE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* Figures
 */

/* One pass over each table, every figure of that table at once. */
static const char counts_sql[] =
  "SELECT"
  " (SELECT count (*) FROM community x WHERE x.deleted = 0{x}),"
  " (SELECT count (*) FROM partner_unit x WHERE x.deleted = 0{x}),"
  " (SELECT count (*) FROM part_time_member x WHERE x.deleted = 0"
  "    AND (x.term_end IS NULL OR x.term_end >= :today){x}),"
  " (SELECT count (*) FROM person x WHERE x.deleted = 0{x})";

static const char orgs_sql[] =
  "SELECT coalesce (sum (x.level = 'branch'), 0), coalesce (sum (x.level = 'group'), 0)"
  " FROM party_org x WHERE x.deleted = 0{x}";

static const char meetings_sql[] =
  "SELECT coalesce (sum (x.held_at >= :ystart AND x.held_at < :ynext), 0),"
  " coalesce (sum (x.meeting_type = 'joint' AND x.held_at >= :qstart AND x.held_at < :qnext), 0)"
  " FROM meeting x WHERE x.deleted = 0{x}";

static const char problems_sql[] =
  "SELECT count (*), coalesce (sum (x.status = 'solved'), 0)"
  " FROM problem x WHERE x.deleted = 0 AND x.year = :year{x}";

/* Covered: the estate's branch is a live organisation. The red shares
 * count only estates that have an owners' committee or a property
 * company, which are also the shares' denominators. */
static const char estates_sql[] =
  "SELECT count (*),"
  " coalesce (sum (EXISTS (SELECT 1 FROM party_org o WHERE o.id = x.branch_id AND o.deleted = 0)), 0),"
  " coalesce (sum (x.has_owners_committee = 1), 0),"
  " coalesce (sum (x.has_owners_committee = 1 AND x.red_owners_committee = 1), 0),"
  " coalesce (sum (x.has_property_company = 1), 0),"
  " coalesce (sum (x.has_property_company = 1 AND x.red_property = 1), 0)"
  " FROM estate x WHERE x.deleted = 0{x}";

static const char units_per_community_sql[] =
  "SELECT count (*), min (n), max (n), avg (n) FROM"
  " (SELECT (SELECT count (*) FROM partner_unit u WHERE u.community_id = x.id AND u.deleted = 0) AS n"
  "  FROM community x WHERE x.deleted = 0{x})";

/* Runs @sql, which returns one row, into @values. */
static gboolean
read_row (JlStore                *self,
          const JlOverviewScope  *scope,
          const char             *sql,
          gint64                **values,
          guint                   n_values,
          GError                **error)
{
  sqlite3_stmt *stmt = prepare (self, scope, sql, error);
  gboolean row;

  if (stmt == NULL || !step (self, stmt, &row, error))
    return FALSE;
  for (guint i = 0; row && i < n_values; i++)
    *values[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_counts (JlStore                *self,
             const JlOverviewScope  *scope,
             JlOverview             *ov,
             GError                **error)
{
  gint64 *counts[] = { &ov->communities, &ov->partner_units, &ov->part_time_members, &ov->people };
  gint64 *orgs[] = { &ov->branches, &ov->groups };
  gint64 *meetings[] = { &ov->meetings_this_year, &ov->joint_meetings_this_quarter };
  gint64 *problems[] = { &ov->problems_this_year, &ov->problems_solved };
  gint64 *estates[] = {
    &ov->estates, &ov->estates_covered, &ov->estates_with_oc, &ov->red_owners_committees,
    &ov->estates_with_pc, &ov->red_property_companies,
  };
  sqlite3_stmt *stmt;
  gboolean row;

  if (!read_row (self, scope, counts_sql, counts, G_N_ELEMENTS (counts), error) ||
      !read_row (self, scope, orgs_sql, orgs, G_N_ELEMENTS (orgs), error) ||
      !read_row (self, scope, meetings_sql, meetings, G_N_ELEMENTS (meetings), error) ||
      !read_row (self, scope, problems_sql, problems, G_N_ELEMENTS (problems), error) ||
      !read_row (self, scope, estates_sql, estates, G_N_ELEMENTS (estates), error))
    return FALSE;

  if (!(stmt = prepare (self, scope, units_per_community_sql, error)) || !step (self, stmt, &row, error))
    return FALSE;
  ov->units_per_community = NAN;
  if (row && sqlite3_column_int64 (stmt, 0) > 0)
    {
      ov->units_per_community_min = sqlite3_column_int64 (stmt, 1);
      ov->units_per_community_max = sqlite3_column_int64 (stmt, 2);
      ov->units_per_community = sqlite3_column_double (stmt, 3);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Warnings
 */

static const char no_joint_sql[] =
  "SELECT x.id, x.name,"
  " (SELECT max (m.held_at) FROM meeting m WHERE m.community_id = x.id AND m.deleted = 0"
  "   AND m.meeting_type = 'joint' AND m.held_at < :qnext)"
  " FROM community x"
  " WHERE x.deleted = 0{x} AND NOT EXISTS"
  "  (SELECT 1 FROM meeting m WHERE m.community_id = x.id AND m.deleted = 0"
  "   AND m.meeting_type = 'joint' AND m.held_at >= :qstart AND m.held_at < :qnext)"
  " ORDER BY x.name";

/* Paused and ended partnerships are not expected to run projects. */
static const char no_project_sql[] =
  "SELECT x.id, x.community_id, c.name, x.name FROM partner_unit x"
  " JOIN community c ON c.id = x.community_id"
  " WHERE x.deleted = 0{x} AND coalesce (x.status, 'active') = 'active' AND NOT EXISTS"
  "  (SELECT 1 FROM project p WHERE p.unit_id = x.id AND p.deleted = 0 AND p.year = :year)"
  " ORDER BY c.name, x.name";

/* Active links as the store's own warning counts them (jl-store-rules.c),
 * grouped before the join so that only the few units over the limit are
 * looked up. */
static const char many_estates_sql[] =
  "SELECT u.id, u.community_id, c.name, u.name, l.n FROM"
  " (SELECT x.unit_id, count (*) AS n FROM unit_estate_link x"
  "  WHERE x.deleted = 0{x} AND (x.until IS NULL OR x.until >= :today)"
  "  GROUP BY x.unit_id HAVING count (*) > 2) l"
  " JOIN partner_unit u ON u.id = l.unit_id AND u.deleted = 0"
  " JOIN community c ON c.id = u.community_id"
  " ORDER BY c.name, u.name";

/* Open rounds only: once results are published, their void ballots are
 * history. A sheet is incomplete as jl_eval_compute judges it: a choice
 * that does not fit the scale, or a criterion of the template without
 * points. Sheets of deleted targets are ignored, as the results do. */
static const char round_sheets_sql[] =
  "SELECT x.id, x.community_id, c.name, x.title, coalesce (x.state, 'preparing'),"
  " (SELECT count (*) FROM eval_sheet s JOIN eval_target g ON g.id = s.target_id AND g.deleted = 0"
  "   WHERE s.round_id = x.id AND s.deleted = 0 AND s.is_void = 1),"
  " (SELECT count (*) FROM eval_sheet s JOIN eval_target g ON g.id = s.target_id AND g.deleted = 0"
  "   WHERE s.round_id = x.id AND s.deleted = 0 AND coalesce (s.is_void, 0) = 0 AND"
  "   CASE t.scale"
  "    WHEN 'satisfaction' THEN coalesce (s.choice NOT IN ('satisfied', 'basic', 'unsatisfied'), 1)"
  "    WHEN 'grade' THEN coalesce (s.choice NOT IN ('excellent', 'pass', 'basic_pass', 'fail'), 1)"
  "    ELSE (SELECT count (DISTINCT p.criterion_id) FROM eval_score p"
  "           JOIN eval_criterion k ON k.id = p.criterion_id AND k.deleted = 0 AND k.template_id = x.template_id"
  "           WHERE p.sheet_id = s.id AND p.deleted = 0 AND p.points IS NOT NULL)"
  "       < (SELECT count (*) FROM eval_criterion k WHERE k.template_id = x.template_id AND k.deleted = 0)"
  "   END),"
  " (SELECT count (*) FROM eval_target g WHERE g.round_id = x.id AND g.deleted = 0 AND NOT EXISTS"
  "   (SELECT 1 FROM eval_sheet s WHERE s.target_id = g.id AND s.deleted = 0))"
  " FROM eval_round x"
  " JOIN community c ON c.id = x.community_id"
  " LEFT JOIN eval_template t ON t.id = x.template_id"
  " WHERE x.deleted = 0{x} AND coalesce (x.state, 'preparing') NOT IN ('published', 'archived')"
  " ORDER BY c.name, x.title";

/* Cancelled decisions are not overdue; "delayed" ones still are. */
static const char overdue_sql[] =
  "SELECT x.id, x.community_id, c.name, x.text, x.due_on, x.status, m.id, m.title FROM decision x"
  " JOIN agenda_item a ON a.id = x.agenda_item_id AND a.deleted = 0"
  " JOIN meeting m ON m.id = a.meeting_id AND m.deleted = 0 AND m.state = 'approved'"
  " JOIN community c ON c.id = x.community_id"
  " WHERE x.deleted = 0{x} AND x.due_on < :today"
  "  AND coalesce (x.status, 'not_started') NOT IN ('done', 'cancelled')"
  " ORDER BY c.name, x.due_on, m.held_at";

static JlOverviewWarning *
add_warning (JlOverview            *ov,
             JlOverviewWarningKind  kind,
             const char            *record_kind,
             sqlite3_stmt          *stmt,
             int                    id_col,
             int                    community_col,
             int                    name_col)
{
  JlOverviewWarning *w = _jl_overview_warning_new (kind, record_kind, column_text (stmt, id_col),
                                                   column_text (stmt, community_col),
                                                   column_text (stmt, name_col));

  g_ptr_array_add (ov->warnings, w);
  ov->n_warnings[kind]++;
  return w;
}

static gboolean
warn_no_joint_meeting (JlStore                *self,
                       const JlOverviewScope  *scope,
                       JlOverview             *ov,
                       GError                **error)
{
  sqlite3_stmt *stmt = prepare (self, scope, no_joint_sql, error);
  gboolean ok = TRUE, row = FALSE;

  while (stmt != NULL && (ok = step (self, stmt, &row, error)) && row)
    {
      JlOverviewWarning *w = add_warning (ov, JL_OVERVIEW_WARNING_NO_JOINT_MEETING, "community", stmt, 0, 0, 1);

      w->title = g_strdup_printf (_("%s has held no Party-building joint meeting this quarter"),
                                  column_text (stmt, 1));
      if (column_text (stmt, 2) != NULL)
        w->detail = g_strdup_printf (_("The last one was held on %.10s"), column_text (stmt, 2));
      else
        w->detail = g_strdup (_("No joint meeting on record"));
    }
  if (stmt == NULL || !ok)
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
warn_units (JlStore                *self,
            const JlOverviewScope  *scope,
            JlOverview             *ov,
            GError                **error)
{
  sqlite3_stmt *stmt = prepare (self, scope, no_project_sql, error);
  gboolean ok = TRUE, row = FALSE;

  while (stmt != NULL && (ok = step (self, stmt, &row, error)) && row)
    {
      JlOverviewWarning *w = add_warning (ov, JL_OVERVIEW_WARNING_UNIT_NO_PROJECT, "partner_unit", stmt, 0, 1, 2);

      w->title = g_strdup_printf (_("%s has no joint project in %d"), column_text (stmt, 3), scope->year);
      w->detail = g_strdup (w->community_name);
    }
  if (stmt == NULL || !ok)
    return FALSE;
  sqlite3_reset (stmt);

  stmt = prepare (self, scope, many_estates_sql, error);
  while (stmt != NULL && (ok = step (self, stmt, &row, error)) && row)
    {
      JlOverviewWarning *w = add_warning (ov, JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES, "partner_unit", stmt, 0, 1, 2);
      int n = sqlite3_column_int (stmt, 4);

      w->numbers[0] = n;
      w->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is linked to %d estate",
                                               "%s is linked to %d estates", n),
                                  column_text (stmt, 3), n);
      w->detail = g_strdup_printf (_("%s · the usual practice is one or two estates"), w->community_name);
    }
  if (stmt == NULL || !ok)
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* "2 void sheets, 1 incomplete sheet, 3 evaluated parties without sheets" */
static char *
round_detail (const JlOverviewWarning *w)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (w->numbers[0] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d void sheet", "%d void sheets",
                                                          w->numbers[0]), (int) w->numbers[0]));
  if (w->numbers[1] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d incomplete sheet",
                                                          "%d incomplete sheets", w->numbers[1]),
                                             (int) w->numbers[1]));
  if (w->numbers[2] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d evaluated party without sheets",
                                                          "%d evaluated parties without sheets", w->numbers[2]),
                                             (int) w->numbers[2]));
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates the parts of a list, e.g. "2 void sheets, 1 incomplete sheet" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static gboolean
warn_rounds (JlStore                *self,
             const JlOverviewScope  *scope,
             JlOverview             *ov,
             GError                **error)
{
  sqlite3_stmt *stmt = prepare (self, scope, round_sheets_sql, error);
  gboolean ok = TRUE, row = FALSE;

  while (stmt != NULL && (ok = step (self, stmt, &row, error)) && row)
    {
      gint64 n_void = sqlite3_column_int64 (stmt, 5);
      gint64 n_incomplete = sqlite3_column_int64 (stmt, 6);
      /* Targets wait for their sheets while a round is being prepared. */
      gint64 n_missing = g_strcmp0 (column_text (stmt, 4), "preparing") == 0 ? 0 : sqlite3_column_int64 (stmt, 7);
      JlOverviewWarning *w;

      if (n_void + n_incomplete + n_missing == 0)
        continue;
      w = add_warning (ov, JL_OVERVIEW_WARNING_ROUND_SHEETS, "eval_round", stmt, 0, 1, 2);
      w->numbers[0] = n_void;
      w->numbers[1] = n_incomplete;
      w->numbers[2] = n_missing;
      w->title = g_strdup (column_text (stmt, 3));
      {
        g_autofree char *what = round_detail (w);
        /* TRANSLATORS: community · what is wrong with the round's sheets */
        w->detail = g_strdup_printf (_("%s · %s"), w->community_name, what);
      }
    }
  if (stmt == NULL || !ok)
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
shorten (const char *text,
         glong       max_chars)
{
  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, max_chars - 1);
    return g_strconcat (head, "…", NULL);
  }
}

static gboolean
warn_overdue (JlStore                *self,
              const JlOverviewScope  *scope,
              JlOverview             *ov,
              GError                **error)
{
  const JlField *status_field = jl_kind_lookup_field (jl_schema_lookup ("decision"), "status");
  sqlite3_stmt *stmt = prepare (self, scope, overdue_sql, error);
  gboolean ok = TRUE, row = FALSE;

  while (stmt != NULL && (ok = step (self, stmt, &row, error)) && row)
    {
      JlOverviewWarning *w = add_warning (ov, JL_OVERVIEW_WARNING_DECISION_OVERDUE, "decision", stmt, 0, 1, 2);
      const char *status = column_text (stmt, 5);

      w->title = shorten (column_text (stmt, 3), DECISION_TITLE_CHARS);
      w->meeting_id = g_strdup (column_text (stmt, 6));
      /* TRANSLATORS: deadline, decision status, minutes title, community */
      w->detail = g_strdup_printf (_("Due %s · %s · %s · %s"), column_text (stmt, 4),
                                   jl_enum_get_label (status_field, status ? status : "not_started"),
                                   column_text (stmt, 7),
                                   w->community_name);
    }
  if (stmt == NULL || !ok)
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_jl_store_report_overview (JlStore                *self,
                           const JlOverviewScope  *scope,
                           JlOverview             *overview,
                           GError                **error)
{
  gboolean ok;

  g_assert (JL_IS_STORE (self));

  g_rec_mutex_lock (&self->lock);
  ok = read_counts (self, scope, overview, error) &&
       warn_no_joint_meeting (self, scope, overview, error) &&
       warn_units (self, scope, overview, error) &&
       warn_rounds (self, scope, overview, error) &&
       warn_overdue (self, scope, overview, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
