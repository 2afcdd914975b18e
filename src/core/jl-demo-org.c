/* jl-demo-org.c: demo communities, Party committees, estates, branches and grids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "JlDemo"

#include <string.h>

#include "jl-demo-private.h"

/* Communities and their organisation
 */

static const District *
pick_district (Rng *r)
{
  guint total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (_jl_demo_districts); i++)
    total += _jl_demo_districts[i].weight;
  pick = rng_below (r, total);
  for (guint i = 0; i < G_N_ELEMENTS (_jl_demo_districts); i++)
    {
      if (pick < _jl_demo_districts[i].weight)
        return &_jl_demo_districts[i];
      pick -= _jl_demo_districts[i].weight;
    }
  return &_jl_demo_districts[0];
}

static const char *
pick_street (Rng            *r,
             const District *district)
{
  guint n = 0;

  while (district->streets[n] != NULL)
    n++;
  return district->streets[rng_below (r, n)];
}

/* Community names are unique in the whole city. */
static void
name_community (Demo      *d,
                Community *c)
{
  const char *stem = NULL;

  for (guint tries = 0; stem == NULL; tries++)
    {
      const char *a = PICK (&d->rng, _jl_demo_place_first);
      const char *b = PICK (&d->rng, _jl_demo_place_second);
      g_autofree char *candidate = NULL;

      if (strcmp (a, b) == 0)
        continue;
      candidate = tries < 50 ? g_strconcat (a, b, NULL)
                             : g_strdup_printf ("%s%s%u", a, b, tries);
      if (!g_hash_table_contains (d->community_names, candidate))
        {
          stem = g_string_chunk_insert (d->city_chunk, candidate);
          g_hash_table_add (d->community_names, (gpointer) stem);
        }
    }
  c->stem = stem;
  c->name = _jl_demo_keepf (d, "%s社区", stem);
}

const char *
_jl_demo_address (Demo      *d,
                  Community *c)
{
  const char *road = PICK (&d->rng, _jl_demo_roads);

  return _jl_demo_keepf (d, "%s%s%u号", c->district->name, road, rng_range (&d->rng, 1, 999));
}

gboolean
_jl_demo_put_community (Demo       *d,
                        Community  *c,
                        GError    **error)
{
  g_autoptr(JsonObject) obj = _jl_demo_record_new (d, &c->id);
  guint households = rng_range (&d->rng, 1800, 9000);
  guint population = households * rng_range (&d->rng, 240, 300) / 100;
  GDate as_of = _jl_demo_make_date (g_date_get_year (&d->today) - 1, 12, 31);
  const char *full_name;

  c->district = pick_district (&d->rng);
  c->street = pick_street (&d->rng, c->district);
  name_community (d, c);
  c->code = _jl_demo_keepf (d, "%s%04u", c->district->code, c->index + 1);
  full_name = _jl_demo_keepf (d, "中共" CITY "%s%s%s委员会", c->district->name, c->street, c->name);

  _jl_demo_set_str (obj, "name", c->name);
  _jl_demo_set_str (obj, "street", c->street);
  _jl_demo_set_str (obj, "district", c->district->name);
  _jl_demo_set_str (obj, "city", CITY);
  _jl_demo_set_str (obj, "committee_name", full_name);
  _jl_demo_set_int (obj, "households", households);
  _jl_demo_set_int (obj, "population", population);
  _jl_demo_set_int (obj, "registered_population", population * rng_range (&d->rng, 50, 80) / 100);
  _jl_demo_set_int (obj, "party_members", rng_range (&d->rng, 120, 600));
  _jl_demo_set_real (obj, "area_km2", rng_range (&d->rng, 30, 400) / 100.0);
  _jl_demo_set_date (d, obj, "as_of", &as_of);
  _jl_demo_set_str (obj, "address", _jl_demo_address (d, c));
  _jl_demo_set_str (obj, "phone", _jl_demo_landline (d));
  _jl_demo_set_str (obj, "seal_text", full_name);
  d->stats.communities++;
  return _jl_demo_put (d, "community", NULL, obj, error);
}

static const char *const skills[] = {
  "政策宣传", "环境卫生", "矛盾调解", "助老服务", "法律咨询", "医疗保健", "文艺表演", "心理疏导",
};

typedef struct
{
  const char *org_id;
  const char *estate_id;
  guint       min_age;
  guint       max_age;
  gboolean    cadre;
  const char *employer;
  const char *name;      /* NULL: make one up */
} PersonSpec;

static gboolean
put_person (Demo              *d,
            Community         *c,
            const PersonSpec  *spec,
            Participant       *out,
            GError           **error)
{
  g_autoptr(JsonObject) obj = _jl_demo_record_new (d, &out->person_id);
  gboolean male = rng_chance (&d->rng, 55);
  guint age_days = rng_range (&d->rng, spec->min_age * 365, spec->max_age * 365);
  GDate birth = _jl_demo_days_from (&d->today, -(int) age_days);
  GDate joined = _jl_demo_days_from (&birth, (int) rng_range (&d->rng, 20 * 365, 35 * 365));
  GDate last_month = _jl_demo_days_from (&d->today, -30);
  gboolean retired = age_days > 60 * 365;
  guint picked[2];
  const char *chosen[2];

  out->name = spec->name ? spec->name : _jl_demo_person_name (d, male);
  out->unit_id = NULL;
  _jl_demo_set_str (obj, "community_id", c->id);
  _jl_demo_set_str (obj, "name", out->name);
  _jl_demo_set_str (obj, "gender", male ? "male" : "female");
  if (spec->cadre || rng_chance (&d->rng, 30))
    _jl_demo_set_str (obj, "id_no", _jl_demo_id_card (d, c, &birth, male));
  _jl_demo_set_date (d, obj, "birth_date", &birth);
  _jl_demo_set_str (obj, "ethnicity", rng_chance (&d->rng, 97) ? "汉族" : "畲族");
  if (rng_chance (&d->rng, 85))
    _jl_demo_set_str (obj, "mobile", _jl_demo_mobile (d));
  _jl_demo_set_str (obj, "member_type", "full");
  _jl_demo_set_date (d, obj, "joined_on", _jl_demo_earlier (&joined, &last_month));
  _jl_demo_set_str (obj, "org_id", spec->org_id);
  _jl_demo_set_str (obj, "work_status", retired && !spec->cadre ? "retired" : "employed");
  if (!retired || spec->cadre)
    _jl_demo_set_str (obj, "employer", spec->employer);
  _jl_demo_set_str (obj, "estate_id", spec->estate_id);
  if (spec->estate_id != NULL)
    {
      guint floor;

      _jl_demo_set_str (obj, "building", _jl_demo_keepf (d, "%u号楼", rng_range (&d->rng, 1, 30)));
      floor = rng_range (&d->rng, 1, 18);
      _jl_demo_set_str (obj, "room", _jl_demo_keepf (d, "%u0%u", floor, rng_range (&d->rng, 1, 4)));
    }
  _jl_demo_set_bool (obj, "is_cadre", spec->cadre);
  _jl_demo_set_bool (obj, "is_volunteer", TRUE);
  _jl_demo_pick_distinct (&d->rng, G_N_ELEMENTS (skills), 2, picked);
  chosen[0] = skills[picked[0]];
  chosen[1] = skills[picked[1]];
  _jl_demo_set_list (obj, "skills", chosen, rng_range (&d->rng, 1, 2));
  d->stats.people++;
  return _jl_demo_put (d, "person", NULL, obj, error);
}

/* Start and end of a five-year term that began in the last five years. */
static void
set_term (Demo       *d,
          JsonObject *obj,
          const char *start_name,
          const char *end_name)
{
  GDate from = _jl_demo_days_from (&d->today, -(int) rng_range (&d->rng, 60, 5 * 365 - 30));
  GDate to = from;

  g_date_add_years (&to, 5);
  _jl_demo_set_date (d, obj, start_name, &from);
  _jl_demo_set_date (d, obj, end_name, &to);
}

static const char *
org_code (Demo *d)
{
  guint high = rng_below (&d->rng, 100000);

  return _jl_demo_keepf (d, "0%05u%06u", high, rng_below (&d->rng, 1000000));
}

/* The community Party committee and its members; the secretary is then
 * set on the community and the committee. */
gboolean
_jl_demo_put_committee (Demo       *d,
                        Community  *c,
                        GError    **error)
{
  g_autoptr(JsonObject) obj = _jl_demo_record_new (d, &c->committee_id);
  g_autoptr(JsonObject) community = json_object_new ();
  g_autoptr(JsonObject) committee = json_object_new ();
  GDate founded = _jl_demo_random_founding (d, 1998, 2015);
  guint n_members = rng_range (&d->rng, 5, 7);
  PersonSpec spec = { .org_id = c->committee_id, .min_age = 32, .max_age = 56, .cadre = TRUE,
                      .employer = _jl_demo_keepf (d, "%s居民委员会", c->name) };

  _jl_demo_set_str (obj, "community_id", c->id);
  _jl_demo_set_str (obj, "level", "committee");
  _jl_demo_set_str (obj, "name", _jl_demo_keepf (d, "%s党委", c->name));
  _jl_demo_set_str (obj, "org_code", org_code (d));
  _jl_demo_set_date (d, obj, "founded_on", &founded);
  set_term (d, obj, "term_start", "term_end");
  _jl_demo_set_int (obj, "members_count", rng_range (&d->rng, 120, 600));
  _jl_demo_set_int (obj, "position", 0);
  if (!_jl_demo_put (d, "party_org", NULL, obj, error))
    return FALSE;

  for (guint i = 0; i < n_members; i++)
    {
      Participant p;

      if (!put_person (d, c, &spec, &p, error))
        return FALSE;
      g_array_append_val (c->members, p);
    }

  _jl_demo_set_str (community, "secretary_id",
                    g_array_index (c->members, Participant, 0).person_id);
  _jl_demo_set_str (committee, "secretary_id",
                    g_array_index (c->members, Participant, 0).person_id);
  _jl_demo_set_str (committee, "deputy_id",
                    g_array_index (c->members, Participant, 1).person_id);
  return _jl_demo_put (d, "community", c->id, community, error) &&
         _jl_demo_put (d, "party_org", c->committee_id, committee, error);
}

/* Estates and branches are drawn first: branches are named after their
 * estates, estates point at their branch, and a red owners' committee is
 * often chaired by the branch secretary. */
void
_jl_demo_plan_estates (Demo      *d,
                       Community *c)
{
  for (guint i = 0; i < c->n_estates; i++)
    {
      Estate e = { 0 };
      g_autofree char *name = NULL;

      do
        {
          const char *stem = PICK (&d->rng, _jl_demo_estate_stems);
          const char *suffix = PICK (&d->rng, _jl_demo_estate_suffixes);
          const char *phase = rng_chance (&d->rng, 20) ? PICK (&d->rng, _jl_demo_estate_phases) : "";

          g_clear_pointer (&name, g_free);
          name = g_strconcat (stem, suffix, phase, NULL);
        }
      while (g_hash_table_contains (d->used, name));
      e.name = _jl_demo_keep (d, g_steal_pointer (&name));
      _jl_demo_reserve (d, e.name);
      e.flags = d->estate_flags[c->first_estate + i];
      e.branch = i < 2 * c->n_pairs ? i / 2 : i - c->n_pairs;
      if (e.flags & FLAG_PC)
        {
          e.company = &d->companies[rng_below (&d->rng, N_COMPANIES)];
          e.manager = _jl_demo_person_name (d, rng_chance (&d->rng, 60));
        }
      g_array_append_val (c->estates, e);
    }

  for (guint b = 0; b < c->n_estates - c->n_pairs; b++)
    {
      Branch br = { 0 };

      br.first_estate = b < c->n_pairs ? 2 * b : b + c->n_pairs;
      br.n_estates = b < c->n_pairs ? 2 : 1;
      br.secretary.name = _jl_demo_person_name (d, rng_chance (&d->rng, 55));
      g_array_append_val (c->branches, br);
    }

  for (guint i = 0; i < c->n_estates; i++)
    {
      Estate *e = &g_array_index (c->estates, Estate, i);

      if ((e->flags & FLAG_RED_OC) && rng_chance (&d->rng, 60))
        e->oc_chair = g_array_index (c->branches, Branch, e->branch).secretary.name;
      else if (e->flags & FLAG_OC)
        e->oc_chair = _jl_demo_person_name (d, rng_chance (&d->rng, 55));
    }
}

gboolean
_jl_demo_put_branches (Demo       *d,
                       Community  *c,
                       GError    **error)
{
  for (guint b = 0; b < c->branches->len; b++)
    {
      Branch *br = &g_array_index (c->branches, Branch, b);
      const Estate *first = &g_array_index (c->estates, Estate, br->first_estate);
      g_autoptr(JsonObject) obj = _jl_demo_record_new (d, &br->id);
      GDate founded = _jl_demo_random_founding (d, 2012, 2023);
      const char *kind;

      if (br->n_estates == 2 && rng_chance (&d->rng, 80))
        {
          kind = "joint";
          br->name = _jl_demo_keepf (d, "%s%s联合党支部", first->name, first[1].name);
        }
      else if (rng_chance (&d->rng, 12))
        {
          kind = "grid_branch";
          br->name = _jl_demo_keepf (d, "%s第%u网格党支部", c->stem, b + 1);
        }
      else
        {
          kind = "estate_branch";
          br->name = _jl_demo_keepf (d, "%s党支部", first->name);
        }

      _jl_demo_set_str (obj, "community_id", c->id);
      _jl_demo_set_str (obj, "parent_id", c->committee_id);
      _jl_demo_set_str (obj, "level", "branch");
      _jl_demo_set_str (obj, "org_kind", kind);
      _jl_demo_set_str (obj, "name", br->name);
      _jl_demo_set_str (obj, "org_code", org_code (d));
      _jl_demo_set_date (d, obj, "founded_on", &founded);
      set_term (d, obj, "term_start", "term_end");
      _jl_demo_set_int (obj, "members_count", rng_range (&d->rng, 8, 60));
      _jl_demo_set_int (obj, "position", b + 1);
      d->stats.branches++;
      if (!_jl_demo_put (d, "party_org", NULL, obj, error))
        return FALSE;
    }
  return TRUE;
}

/* A red owners' committee or property company ticks at least one of the
 * three checkboxes that make it red; the others tick none. */
static void
set_owners_committee (Demo       *d,
                      JsonObject *obj,
                      Estate     *e,
                      Community  *c)
{
  GDate term_end = _jl_demo_days_from (&d->today, (int) rng_range (&d->rng, 0, 5 * 365) - 90);
  gboolean red = (e->flags & FLAG_RED_OC) != 0;
  /* Cross-posting is what the chair's name says; a red committee without
   * it has a Party majority. */
  gboolean cross = red && e->oc_chair == g_array_index (c->branches, Branch, e->branch).secretary.name;
  gboolean majority = red && (!cross || rng_chance (&d->rng, 60));

  _jl_demo_set_bool (obj, "has_owners_committee", TRUE);
  _jl_demo_set_str (obj, "owners_committee_chair", e->oc_chair);
  _jl_demo_set_date (d, obj, "owners_committee_term_end", &term_end);
  _jl_demo_set_bool (obj, "red_owners_committee", red);
  _jl_demo_set_bool (obj, "oc_party_majority", majority);
  _jl_demo_set_bool (obj, "oc_cross_post", cross);
  _jl_demo_set_bool (obj, "oc_party_group", red && rng_chance (&d->rng, 50));
}

static void
set_property (Demo       *d,
              JsonObject *obj,
              Estate     *e)
{
  const char *basis[3] = { "pc_party_org", "pc_manager_member", "pc_members_identified" };
  gboolean red = (e->flags & FLAG_RED_PC) != 0;
  guint forced = rng_below (&d->rng, 3);

  _jl_demo_set_bool (obj, "has_property_company", TRUE);
  _jl_demo_set_str (obj, "property_company", e->company->name);
  _jl_demo_set_str (obj, "property_uscc", e->company->uscc);
  _jl_demo_set_str (obj, "property_manager", e->manager);
  _jl_demo_set_str (obj, "property_phone", rng_chance (&d->rng, 50) ? _jl_demo_landline (d) : _jl_demo_mobile (d));
  _jl_demo_set_bool (obj, "red_property", red);
  for (guint i = 0; i < 3; i++)
    _jl_demo_set_bool (obj, basis[i], red && (i == forced || rng_chance (&d->rng, 50)));
}

gboolean
_jl_demo_put_estates (Demo       *d,
                      Community  *c,
                      GError    **error)
{
  for (guint i = 0; i < c->estates->len; i++)
    {
      Estate *e = &g_array_index (c->estates, Estate, i);
      g_autoptr(JsonObject) obj = _jl_demo_record_new (d, &e->id);
      guint households = rng_range (&d->rng, 150, 2500);

      _jl_demo_set_str (obj, "community_id", c->id);
      _jl_demo_set_str (obj, "code", _jl_demo_keepf (d, "%s-%02u", c->code, i + 1));
      _jl_demo_set_str (obj, "name", e->name);
      _jl_demo_set_str (obj, "address", _jl_demo_address (d, c));
      _jl_demo_set_int (obj, "households", households);
      _jl_demo_set_int (obj, "population", households * rng_range (&d->rng, 220, 310) / 100);
      _jl_demo_set_int (obj, "buildings", households / rng_range (&d->rng, 40, 120) + 1);
      _jl_demo_set_bool (obj, "is_old_estate", rng_chance (&d->rng, 35));
      _jl_demo_set_str (obj, "branch_id", g_array_index (c->branches, Branch, e->branch).id);
      if (e->flags & FLAG_OC)
        set_owners_committee (d, obj, e, c);
      else
        _jl_demo_set_bool (obj, "has_owners_committee", FALSE);
      if (e->flags & FLAG_PC)
        set_property (d, obj, e);
      else
        _jl_demo_set_bool (obj, "has_property_company", FALSE);
      _jl_demo_set_bool (obj, "joint_mechanism",
                         (e->flags & (FLAG_RED_OC | FLAG_RED_PC)) || rng_chance (&d->rng, 40));
      d->stats.estates++;
      if (!_jl_demo_put (d, "estate", NULL, obj, error))
        return FALSE;
    }
  return TRUE;
}

static const char *const employers[] = {
  "厦门市第一医院", "厦门大学", "厦门港务集团", "厦门公交集团", "中国建设银行厦门分行",
  "厦门水务集团", "厦门市税务局", "厦门航空有限公司", "厦门国贸集团", "厦门市教育局",
};

/* Branch secretaries live in the first estate of their branch; building
 * groups hang under some branches. */
gboolean
_jl_demo_put_branch_people (Demo       *d,
                            Community  *c,
                            GError    **error)
{
  guint position = c->branches->len + 1;

  for (guint b = 0; b < c->branches->len; b++)
    {
      Branch *br = &g_array_index (c->branches, Branch, b);
      const Estate *e = &g_array_index (c->estates, Estate, br->first_estate);
      PersonSpec spec = { .org_id = br->id, .estate_id = e->id, .min_age = 35, .max_age = 70,
                          .name = br->secretary.name };
      g_autoptr(JsonObject) update = json_object_new ();
      guint n_groups = rng_chance (&d->rng, 25) ? rng_range (&d->rng, 1, 2) : 0;

      spec.employer = PICK (&d->rng, employers);
      if (!put_person (d, c, &spec, &br->secretary, error))
        return FALSE;
      _jl_demo_set_str (update, "secretary_id", br->secretary.person_id);
      if (!_jl_demo_put (d, "party_org", br->id, update, error))
        return FALSE;

      for (guint g = 0; g < n_groups; g++)
        {
          g_autoptr(JsonObject) obj = _jl_demo_record_new (d, NULL);
          guint building = rng_range (&d->rng, 1, 12) * 2 + g;

          _jl_demo_set_str (obj, "community_id", c->id);
          _jl_demo_set_str (obj, "parent_id", br->id);
          _jl_demo_set_str (obj, "level", "group");
          _jl_demo_set_str (obj, "org_kind", "building_group");
          _jl_demo_set_str (obj, "name", _jl_demo_keepf (d, "%s%u号楼党小组", e->name, building));
          _jl_demo_set_str (obj, "building_nos", _jl_demo_keepf (d, "%u#、%u#", building, building + 2));
          _jl_demo_set_int (obj, "members_count", rng_range (&d->rng, 3, 12));
          _jl_demo_set_int (obj, "position", position++);
          if (!_jl_demo_put (d, "party_org", NULL, obj, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
_jl_demo_put_grids (Demo       *d,
                    Community  *c,
                    GError    **error)
{
  static const char *const org_types[] = {
    "grid_branch", "grid_branch", "building_group", "building_group", "building_group",
    "center_household", "center_household", "none",
  };

  for (guint g = 0; g < c->n_grids; g++)
    {
      g_autoptr(JsonObject) obj = _jl_demo_record_new (d, NULL);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      const char *workers[3];
      const char *sides[4];
      guint n_workers = rng_range (&d->rng, 1, 3);
      gboolean dedicated = rng_chance (&d->rng, 10);

      /* Estates go round-robin; a grid without one shares an estate. */
      for (guint i = g; i < c->n_estates; i += c->n_grids)
        g_ptr_array_add (ids, (gpointer) g_array_index (c->estates, Estate, i).id);
      if (ids->len == 0)
        g_ptr_array_add (ids, (gpointer) g_array_index (c->estates, Estate, g % c->n_estates).id);
      for (guint i = 0; i < n_workers; i++)
        workers[i] = _jl_demo_person_name (d, rng_chance (&d->rng, 40));

      _jl_demo_set_str (obj, "community_id", c->id);
      _jl_demo_set_str (obj, "code", _jl_demo_keepf (d, "%s-G%02u", c->code, g + 1));
      _jl_demo_set_str (obj, "name", dedicated ? _jl_demo_keepf (d, "%s第%u专属网格", c->stem, g + 1)
                                               : _jl_demo_keepf (d, "%s第%u网格", c->stem, g + 1));
      _jl_demo_set_str (obj, "grid_type", dedicated ? "dedicated" : "city");
      _jl_demo_set_list (obj, "estate_ids", (const char *const *) ids->pdata, ids->len);
      _jl_demo_set_int (obj, "households", rng_range (&d->rng, 300, 1200));
      _jl_demo_set_int (obj, "population", rng_range (&d->rng, 800, 3500));
      _jl_demo_set_str (obj, "leader", _jl_demo_person_name (d, rng_chance (&d->rng, 50)));
      _jl_demo_set_list (obj, "workers", workers, n_workers);
      for (guint i = 0; i < 4; i++)
        sides[i] = PICK (&d->rng, _jl_demo_roads);
      _jl_demo_set_str (obj, "boundary_note",
                        _jl_demo_keepf (d, "东至%s，西至%s，南至%s，北至%s", sides[0], sides[1], sides[2], sides[3]));
      _jl_demo_set_str (obj, "party_org_type", PICK (&d->rng, org_types));
      if (!_jl_demo_put (d, "grid", NULL, obj, error))
        return FALSE;
    }
  return TRUE;
}
