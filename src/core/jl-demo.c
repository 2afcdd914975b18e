/* jl-demo.c: realistic Chinese demo data
 *
 * Builds a city modelled on the seed report (a Fujian city's "red
 * close-neighbour" Party building): communities with their Party
 * committees, estates, branches and building groups, grids, people,
 * partner units with their linked estates, projects, problems and
 * part-time committee members, meetings with minutes, and evaluation
 * rounds with score sheets. The seed's figures come out exactly when they
 * are computed from the data (1,219 branches covering all 1,521 estates,
 * 485 red owners' committees of 674 = 72%, 400 red property companies of
 * 583 = 68.6%, 902 partner units, 222 part-time members).
 *
 * Per community: a joint meeting a quarter for the last four quarters
 * (this quarter's is missing in ten communities × scale, so the app has
 * something to warn about), monthly committee meetings, a general meeting
 * and a few residents' consultations; last year's evaluation rounds are
 * published with their sheets, this year's are being prepared. At scale
 * 1 that is about 1,600 meetings, 7,700 score sheets and 60,000 records.
 *
 * The plan (who gets a red committee, which communities miss a meeting)
 * is drawn first from its own random stream; then each community draws
 * from its own stream and numbers its own ids, so changing what one
 * community gets changes nothing in the others.
 *
 * Everything goes through jl_store_put, so every rule the store enforces
 * holds for the demo data too. Record ids are UUIDv5 of the seed, the
 * scale, the community and a counter, and every value derives from the
 * seed and today's date, so one seed gives the same export on any store
 * created the same day.
 *
 * This file draws the plan and puts each community together; the rest is
 * split by area behind jl-demo-private.h: jl-demo-org.c (communities,
 * committees, estates, branches, grids), jl-demo-partners.c (partner
 * units and their problems), jl-demo-meetings.c, jl-demo-eval.c, the
 * helpers in jl-demo-util.c and the word lists in jl-demo-words.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "JlDemo"

#include "jl-demo-private.h"
#include "jl-store-sync.h"
#include "jl-uuid.h"

static void
demo_free (Demo *d)
{
  g_string_chunk_free (d->chunk);
  g_string_chunk_free (d->city_chunk);
  g_hash_table_unref (d->used);
  g_hash_table_unref (d->community_names);
  g_free (d->estates_per);
  g_free (d->pairs_per);
  g_free (d->grids_per);
  g_free (d->units_per);
  g_free (d->estate_flags);
  g_free (d->unit_ptm);
  g_free (d->missing_joint);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

/* The plan
 */

static void
plan_draw (Demo *d)
{
  guint S = d->scale;
  guint n_c = N_COMMUNITIES * S, n_e = N_ESTATES * S, n_u = N_UNITS * S;
  guint first = 0;
  Rng r;

  rng_init (&r, d->seed, 1);
  d->estates_per = g_new0 (guint, n_c);
  d->pairs_per = g_new0 (guint, n_c);
  d->grids_per = g_new0 (guint, n_c);
  d->units_per = g_new0 (guint, n_c);
  d->estate_flags = g_new0 (guint8, n_e);
  d->unit_ptm = g_new0 (guint8, n_u);
  d->missing_joint = g_new0 (guint8, n_c);

  _jl_demo_distribute (&r, n_e, n_c, 4, 24, d->estates_per);
  _jl_demo_distribute (&r, N_GRIDS * S, n_c, 3, 24, d->grids_per);
  _jl_demo_distribute (&r, n_u, n_c, 3, 16, d->units_per);

  /* Branches: one per estate, except (estates − branches) that cover two. */
  for (guint k = 0; k < (N_ESTATES - N_BRANCHES) * S; k++)
    {
      guint c;

      do
        c = rng_below (&r, n_c);
      while (2 * (d->pairs_per[c] + 1) > d->estates_per[c]);
      d->pairs_per[c]++;
    }

  /* Every community gets a few owners' committees and property
   * companies, the rest go anywhere; then the red ones among them. */
  for (guint c = 0; c < n_c; c++)
    {
      _jl_demo_choose_exact (&r, d->estate_flags + first, d->estates_per[c], 0, MIN_PER_COMMUNITY, FLAG_OC);
      _jl_demo_choose_exact (&r, d->estate_flags + first, d->estates_per[c], 0, MIN_PER_COMMUNITY, FLAG_PC);
      first += d->estates_per[c];
    }
  for (guint i = 0; i < n_e; i++)
    {
      /* Temporary marks: "may still get one". */
      if (!(d->estate_flags[i] & FLAG_OC))
        d->estate_flags[i] |= FLAG_OC << 4;
      if (!(d->estate_flags[i] & FLAG_PC))
        d->estate_flags[i] |= FLAG_PC << 4;
    }
  _jl_demo_choose_exact (&r, d->estate_flags, n_e, FLAG_OC << 4,
                         (N_OWNERS_COMMITTEES - MIN_PER_COMMUNITY * N_COMMUNITIES) * S, FLAG_OC);
  _jl_demo_choose_exact (&r, d->estate_flags, n_e, FLAG_PC << 4,
                         (N_PROPERTY - MIN_PER_COMMUNITY * N_COMMUNITIES) * S, FLAG_PC);
  for (guint i = 0; i < n_e; i++)
    d->estate_flags[i] &= 0x0f;
  _jl_demo_choose_exact (&r, d->estate_flags, n_e, FLAG_OC, N_RED_OC * S, FLAG_RED_OC);
  _jl_demo_choose_exact (&r, d->estate_flags, n_e, FLAG_PC, N_RED_PROPERTY * S, FLAG_RED_PC);

  _jl_demo_choose_exact (&r, d->unit_ptm, n_u, 0, N_PART_TIME * S, 1);
  _jl_demo_choose_exact (&r, d->missing_joint, n_c, 0, N_MISSING_JOINT * S, 1);

  for (guint i = 0; i < N_COMPANIES; i++)
    {
      char code[19];
      const char *suffix = i % 3 == 2 ? "物业管理有限公司" : "物业服务有限公司";
      g_autofree char *name = g_strconcat ("厦门", _jl_demo_company_stems[i], suffix, NULL);

      d->companies[i].name = g_string_chunk_insert (d->city_chunk, name);
      d->companies[i].uscc = g_string_chunk_insert (d->city_chunk, _jl_demo_uscc (&r, "91", "350200", code));
    }
}

/* Putting it together
 */

static gboolean
put_community_all (Demo       *d,
                   guint       index,
                   guint       first_estate,
                   guint       first_unit,
                   GError    **error)
{
  Community c = { 0 };
  gboolean ok;

  rng_init (&d->rng, d->seed, 1000 + (guint64) index);
  d->community = index;
  d->next_id = 0;
  c.index = index;
  c.n_estates = d->estates_per[index];
  c.n_pairs = d->pairs_per[index];
  c.n_grids = d->grids_per[index];
  c.n_units = d->units_per[index];
  c.first_estate = first_estate;
  c.first_unit = first_unit;
  c.members = g_array_new (FALSE, TRUE, sizeof (Participant));
  c.estates = g_array_new (FALSE, TRUE, sizeof (Estate));
  c.branches = g_array_new (FALSE, TRUE, sizeof (Branch));
  c.units = g_array_new (FALSE, TRUE, sizeof (Unit));

  ok = _jl_demo_put_community (d, &c, error) &&
       _jl_demo_put_committee (d, &c, error);
  if (ok)
    _jl_demo_plan_estates (d, &c);
  ok = ok &&
       _jl_demo_put_branches (d, &c, error) &&
       _jl_demo_put_estates (d, &c, error) &&
       _jl_demo_put_branch_people (d, &c, error) &&
       _jl_demo_put_grids (d, &c, error) &&
       _jl_demo_put_units (d, &c, error) &&
       _jl_demo_put_meetings (d, &c, error) &&
       _jl_demo_put_problems (d, &c, error) &&
       _jl_demo_put_evaluation (d, &c, error);

  g_array_unref (c.members);
  g_array_unref (c.estates);
  g_array_unref (c.branches);
  g_array_unref (c.units);
  g_hash_table_remove_all (d->used);
  g_string_chunk_clear (d->chunk);
  return ok;
}

static Demo *
demo_new (JlStore *store,
          guint    scale,
          guint32  seed)
{
  Demo *d = g_new0 (Demo, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  d->store = store;
  d->seed = seed;
  d->scale = scale;
  g_date_clear (&d->today, 1);
  g_date_set_dmy (&d->today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  d->chunk = g_string_chunk_new (64 * 1024);
  d->city_chunk = g_string_chunk_new (4 * 1024);
  d->used = g_hash_table_new (g_str_hash, g_str_equal);
  d->community_names = g_hash_table_new (g_str_hash, g_str_equal);
  return d;
}

/* The first id a run with this seed and scale makes: if it is there, the
 * demo data is already in the store. */
static gboolean
already_generated (Demo *d)
{
  g_autofree char *name = g_strdup_printf ("jinlin-demo/%u/%u/0/0", d->seed, d->scale);
  g_autofree char *id = jl_uuid_v5_new (JL_UUID_NAMESPACE, name);
  g_autoptr(JlRecord) record = jl_store_get (d->store, "community", id, NULL);

  return record != NULL;
}

/**
 * jl_demo_generate:
 * @store: the store to fill
 * @scale: how many times the seed report's city, at least 1
 * @seed: the random seed; the same seed gives the same data
 * @stats: (out caller-allocates) (optional): what was written
 * @error: return location for a #GError
 *
 * Fills @store with a city of @scale × the seed report's figures, in one
 * transaction: on error nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
jl_demo_generate (JlStore      *store,
                  guint         scale,
                  guint32       seed,
                  JlDemoStats  *stats,
                  GError      **error)
{
  g_autoptr(Demo) d = NULL;
  guint first_estate = 0, first_unit = 0;

  g_return_val_if_fail (JL_IS_STORE (store), FALSE);
  g_return_val_if_fail (scale >= 1 && scale <= 1000, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  d = demo_new (store, scale, seed);
  if (already_generated (d))
    {
      g_set_error (error, JL_ERROR, JL_ERROR_FAILED,
                   "This database already holds the demo data of seed %u at scale %u", seed, scale);
      return FALSE;
    }
  plan_draw (d);

  if (!jl_store_begin (store, error))
    return FALSE;
  /* An invented city must never reach a sync server: marked first, so its
   * records fill no outbox (4 million entries at scale 10). */
  if (!_jl_store_mark_demo (store, error))
    goto failed;
  for (guint i = 0; i < N_COMMUNITIES * scale; i++)
    {
      if (!put_community_all (d, i, first_estate, first_unit, error))
        goto failed;
      first_estate += d->estates_per[i];
      first_unit += d->units_per[i];
    }
  if (!jl_store_commit (store, error))
    {
      _jl_store_load_demo_mark (store, NULL);
      return FALSE;
    }

  if (stats != NULL)
    *stats = d->stats;
  return TRUE;

failed:
  jl_store_rollback (store);
  _jl_store_load_demo_mark (store, NULL);
  return FALSE;
}

