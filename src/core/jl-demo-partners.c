/* jl-demo-partners.c: demo partner units, projects, part-time members and problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "JlDemo"

#include <string.h>

#include "jl-demo-private.h"

/* Partner units
 */

static const UnitKind *
pick_unit_kind (Rng *r)
{
  guint total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (_jl_demo_unit_kinds); i++)
    total += _jl_demo_unit_kinds[i].weight;
  pick = rng_below (r, total);
  for (guint i = 0; i < G_N_ELEMENTS (_jl_demo_unit_kinds); i++)
    {
      if (pick < _jl_demo_unit_kinds[i].weight)
        return &_jl_demo_unit_kinds[i];
      pick -= _jl_demo_unit_kinds[i].weight;
    }
  return &_jl_demo_unit_kinds[0];
}

static const char *
unit_name (Demo           *d,
           Community      *c,
           const UnitKind *kind)
{
  g_autofree char *street = g_strndup (c->street, strlen (c->street) - strlen ("街道"));
  const char *values[] = { c->district->name, c->district->short_name, street, c->stem, NULL };
  guint n = 0;
  const char *name = NULL;

  while (n < G_N_ELEMENTS (kind->names) && kind->names[n] != NULL)
    n++;
  for (guint tries = 0; tries < 10; tries++)
    {
      values[4] = PICK (&d->rng, _jl_demo_company_stems);
      name = _jl_demo_expand (d, kind->names[rng_below (&d->rng, n)], "DdSCX", values);
      if (_jl_demo_reserve (d, name))
        return name;
    }
  return _jl_demo_reserve_numbered (d, name);
}

static void
add_links (Demo       *d,
           Community  *c,
           JsonObject *obj,
           Unit       *u,
           const GDate *since)
{
  u->n_estates = rng_range (&d->rng, 1, 2);
  _jl_demo_pick_distinct (&d->rng, c->n_estates, u->n_estates, u->estates);
  for (guint i = 0; i < u->n_estates; i++)
    {
      JsonObject *link = _jl_demo_child_new (d, obj, "unit_estate_link", FALSE, NULL);

      _jl_demo_set_str (link, "estate_id", g_array_index (c->estates, Estate, u->estates[i]).id);
      _jl_demo_set_date (d, link, "since", since);
      _jl_demo_set_bool (link, "is_primary", i == 0);
    }
}

static void
add_projects (Demo       *d,
              Community  *c,
              JsonObject *obj,
              Unit       *u)
{
  guint n = rng_range (&d->rng, 1, 3);
  guint types[3];
  GDate jan1 = _jl_demo_make_date (g_date_get_year (&d->today), 1, 1);

  _jl_demo_pick_distinct (&d->rng, G_N_ELEMENTS (_jl_demo_lian_types), n, types);
  for (guint i = 0; i < n; i++)
    {
      const LianType *lt = &_jl_demo_lian_types[types[i]];
      guint estate = u->estates[rng_below (&d->rng, u->n_estates)];
      const Estate *e = &g_array_index (c->estates, Estate, estate);
      JsonObject *p = _jl_demo_child_new (d, obj, "project", TRUE, NULL);
      const char *title = PICK (&d->rng, lt->titles);
      GDate start = _jl_demo_random_day (d, &jan1, &d->today);
      GDate end = _jl_demo_days_from (&start, (int) rng_range (&d->rng, 30, 240));

      if (strcmp (lt->key, "environment") == 0)
        title = _jl_demo_keepf (d, "%s%s", e->name, title);
      _jl_demo_set_str (p, "estate_id", e->id);
      _jl_demo_set_int (p, "year", g_date_get_year (&d->today));
      _jl_demo_set_str (p, "lian_type", lt->key);
      _jl_demo_set_str (p, "title", title);
      _jl_demo_set_str (p, "description",
                        _jl_demo_keepf (d, "%s与%s结对共建，围绕“%s”开展%s，预计惠及居民%u户。",
                                        u->name, c->name, lt->label, title, rng_range (&d->rng, 50, 800)));
      if (rng_chance (&d->rng, 60))
        _jl_demo_set_real (p, "budget", rng_range (&d->rng, 5, 200) * 1000.0);
      if (rng_chance (&d->rng, 12))
        {
          _jl_demo_set_str (p, "status", "planned");
          continue;
        }
      _jl_demo_set_date (d, p, "start_on", &start);
      _jl_demo_set_date (d, p, "end_on", &end);
      if (g_date_compare (&end, &d->today) >= 0)
        _jl_demo_set_str (p, "status", "in_progress");
      else
        _jl_demo_set_str (p, "status", rng_chance (&d->rng, 92) ? "done" : "stopped");
    }
}

static void
add_part_time_member (Demo       *d,
                      JsonObject *obj,
                      const char *chief)
{
  JsonObject *m = _jl_demo_child_new (d, obj, "part_time_member", TRUE, NULL);
  GDate start = _jl_demo_days_from (&d->today, -(int) rng_range (&d->rng, 60, 4 * 365));
  GDate end = start;

  g_date_add_years (&end, 5);
  _jl_demo_set_str (m, "name", rng_chance (&d->rng, 40) ? chief
                                                        : _jl_demo_person_name (d, rng_chance (&d->rng, 60)));
  _jl_demo_set_str (m, "post", rng_chance (&d->rng, 10) ? "deputy_secretary" : "member");
  _jl_demo_set_str (m, "unit_post", PICK (&d->rng, _jl_demo_unit_posts));
  _jl_demo_set_str (m, "rank", PICK (&d->rng, _jl_demo_ranks));
  _jl_demo_set_date (d, m, "term_start", &start);
  _jl_demo_set_date (d, m, "term_end", &end);
  _jl_demo_set_str (m, "mobile", _jl_demo_mobile (d));
  d->stats.part_time_members++;
}

static void
set_unit_fields (Demo           *d,
                 Community      *c,
                 JsonObject     *obj,
                 const UnitKind *kind,
                 Unit           *u,
                 const GDate    *signed_on)
{
  gboolean gov = strcmp (kind->unit_type, "party_gov") == 0;
  GDate term_end = *signed_on;
  guint picked[3];
  guint n_resources = rng_range (&d->rng, 2, 3), n_demands = rng_range (&d->rng, 1, 2);
  const char *chosen[3];

  g_date_add_years (&term_end, 3);
  _jl_demo_set_str (obj, "community_id", c->id);
  _jl_demo_set_str (obj, "name", u->name);
  if (kind->uscc_prefix != NULL && rng_chance (&d->rng, gov ? 85 : 95))
    {
      char code[19];

      _jl_demo_set_str (obj, "uscc",
                        _jl_demo_uscc (&d->rng, kind->uscc_prefix,
                                       g_str_has_prefix (u->name, "厦门") ? "350200" : c->district->code,
                                       code));
    }
  _jl_demo_set_str (obj, "category", gov ? (rng_chance (&d->rng, 70) ? "linked" : "co_building")
                                         : (rng_chance (&d->rng, 55) ? "resident" : "co_building"));
  _jl_demo_set_str (obj, "unit_type", kind->unit_type);
  _jl_demo_set_str (obj, "party_org_name",
                    gov ? _jl_demo_keepf (d, "中共%s机关委员会", u->name) : _jl_demo_keepf (d, "中共%s支部委员会", u->name));
  _jl_demo_set_int (obj, "party_members", rng_range (&d->rng, 5, 300));
  _jl_demo_set_int (obj, "staff", rng_range (&d->rng, 20, 2000));
  _jl_demo_set_str (obj, "address", _jl_demo_address (d, c));
  _jl_demo_set_str (obj, "chief", _jl_demo_person_name (d, rng_chance (&d->rng, 70)));
  _jl_demo_set_str (obj, "chief_mobile", _jl_demo_mobile (d));
  _jl_demo_set_str (obj, "liaison", u->liaison);
  _jl_demo_set_str (obj, "liaison_phone", rng_chance (&d->rng, 60) ? _jl_demo_mobile (d) : _jl_demo_landline (d));
  _jl_demo_set_date (d, obj, "agreement_signed_on", signed_on);
  _jl_demo_set_date (d, obj, "agreement_term_end", &term_end);
  _jl_demo_pick_distinct (&d->rng, G_N_ELEMENTS (_jl_demo_resources), n_resources, picked);
  for (guint i = 0; i < n_resources; i++)
    chosen[i] = _jl_demo_resources[picked[i]];
  _jl_demo_set_list (obj, "resources", chosen, n_resources);
  _jl_demo_pick_distinct (&d->rng, G_N_ELEMENTS (_jl_demo_demands), n_demands, picked);
  for (guint i = 0; i < n_demands; i++)
    chosen[i] = _jl_demo_demands[picked[i]];
  _jl_demo_set_list (obj, "demands", chosen, n_demands);
  _jl_demo_set_str (obj, "status", rng_chance (&d->rng, 95) ? "active" : "paused");
}

gboolean
_jl_demo_put_units (Demo       *d,
                    Community  *c,
                    GError    **error)
{
  for (guint i = 0; i < c->n_units; i++)
    {
      const UnitKind *kind = pick_unit_kind (&d->rng);
      Unit u = { 0 };
      g_autoptr(JsonObject) obj = _jl_demo_record_new (d, &u.id);
      GDate signed_on = _jl_demo_days_from (&d->today, -(int) rng_range (&d->rng, 30, 3 * 365 - 30));

      u.name = unit_name (d, c, kind);
      u.liaison = _jl_demo_person_name (d, rng_chance (&d->rng, 50));
      set_unit_fields (d, c, obj, kind, &u, &signed_on);
      add_links (d, c, obj, &u, &signed_on);
      add_projects (d, c, obj, &u);
      if (d->unit_ptm[c->first_unit + i])
        add_part_time_member (d, obj, json_object_get_string_member (obj, "chief"));
      d->stats.partner_units++;
      if (!_jl_demo_put (d, "partner_unit", NULL, obj, error))
        return FALSE;
      g_array_append_val (c->units, u);
    }
  return TRUE;
}

static const char *const problem_sources[] = { "hot_issue", "visit", "residents", "other" };

/* Prominent problems: one or two a year per unit, this year and last;
 * this year's are often the ones agreed in a joint meeting. */
static const char *
joint_meeting_in (Community *c,
                  guint      year,
                  GDate     *date)
{
  for (guint k = 0; k < 4; k++)
    if (c->joint[k] != NULL && g_date_get_year (&c->joint_date[k]) == year)
      {
        *date = c->joint_date[k];
        return c->joint[k];
      }
  return NULL;
}

static void
set_problem_outcome (Demo        *d,
                     JsonObject  *obj,
                     gboolean     this_year,
                     const GDate *started,
                     const GDate *year_end,
                     const char  *result)
{
  guint roll = rng_below (&d->rng, 100);
  const char *status;
  GDate solved = _jl_demo_days_from (started, (int) rng_range (&d->rng, 15, 200));

  if (this_year)
    status = roll < 20 ? "claimed" : roll < 60 ? "in_progress" : "solved";
  else
    status = roll < 80 ? "solved" : roll < 90 ? "unsolved" : "transferred";
  if (strcmp (status, "solved") == 0 && g_date_compare (&solved, year_end) > 0)
    solved = *year_end;
  if (strcmp (status, "solved") == 0 && g_date_compare (&solved, started) < 0)
    solved = *started;

  _jl_demo_set_str (obj, "status", status);
  if (strcmp (status, "solved") == 0)
    {
      guint rating = rng_below (&d->rng, 100);

      _jl_demo_set_date (d, obj, "solved_on", &solved);
      _jl_demo_set_str (obj, "result_text", result);
      _jl_demo_set_str (obj, "resident_rating",
                        rating < 75 ? "satisfied" : rating < 95 ? "basic" : "unsatisfied");
    }
}

gboolean
_jl_demo_put_problems (Demo       *d,
                       Community  *c,
                       GError    **error)
{
  guint this_year = g_date_get_year (&d->today);

  for (guint i = 0; i < c->units->len; i++)
    {
      const Unit *u = &g_array_index (c->units, Unit, i);

      for (guint year = this_year - 1; year <= this_year; year++)
        {
          guint n = rng_range (&d->rng, 1, 2);
          guint picked[2];
          GDate jan1 = _jl_demo_make_date (year, 1, 1);
          GDate dec31 = _jl_demo_make_date (year, 12, 31);
          const GDate *year_end = _jl_demo_earlier (&dec31, &d->today);

          _jl_demo_pick_distinct (&d->rng, G_N_ELEMENTS (_jl_demo_problems), n, picked);
          for (guint k = 0; k < n; k++)
            {
              const Estate *e = &g_array_index (c->estates, Estate, u->estates[k % u->n_estates]);
              const char *values[2] = { e->name, u->name };
              g_autoptr(JsonObject) obj = _jl_demo_record_new (d, NULL);
              const char *title = _jl_demo_expand (d, _jl_demo_problems[picked[k]].title, "EU", values);
              GDate started = _jl_demo_random_day (d, &jan1, year_end);
              GDate meeting_date;
              const char *meeting = joint_meeting_in (c, year, &meeting_date);

              _jl_demo_set_str (obj, "unit_id", u->id);
              _jl_demo_set_str (obj, "estate_id", e->id);
              _jl_demo_set_int (obj, "year", year);
              _jl_demo_set_int (obj, "seq", k + 1);
              _jl_demo_set_str (obj, "title", title);
              _jl_demo_set_str (obj, "description",
                                _jl_demo_keepf (d, "居民多次反映%s，影响群众生活，经共同会商确定由%s牵头协调解决。",
                                                title, u->name));
              if (meeting != NULL && rng_chance (&d->rng, 50))
                {
                  _jl_demo_set_str (obj, "source", "joint_meeting");
                  _jl_demo_set_str (obj, "agreed_in_meeting_id", meeting);
                  started = meeting_date;
                }
              else
                _jl_demo_set_str (obj, "source", PICK (&d->rng, problem_sources));
              _jl_demo_set_date (d, obj, "started_on", &started);
              set_problem_outcome (d, obj, year == this_year, &started, year_end,
                                   _jl_demo_expand (d, _jl_demo_problems[picked[k]].result, "EU", values));
              if (!_jl_demo_put (d, "problem", NULL, obj, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}
