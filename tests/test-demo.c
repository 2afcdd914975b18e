/* test-demo.c: the demo city reproduces the seed report's figures, is the
 * same for the same seed, and is made quickly
 *
 * One city at scale 1 is generated once and shared by the tests that only
 * read it; the determinism test makes a second one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jl-demo.h"
#include "jl-store-sync.h"
#include "jl-test-util.h"

#define SEED 20240607

/* Sanitizers make the store several times slower: the time bound does not
 * apply and the second city of the determinism test would not fit in the
 * test's time limit. */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_SANITIZER 1
# endif
#endif
#ifndef UNDER_SANITIZER
# define UNDER_SANITIZER 0
#endif

typedef struct
{
  char        *dir;
  JlStore     *store;
  JlDemoStats  stats;
  double       seconds;
} City;

static City *shared_city;

static City *
city_new (guint32 seed)
{
  g_autoptr(GError) error = NULL;
  City *city = g_new0 (City, 1);
  gint64 start;

  city->store = jl_test_store_new (&city->dir);
  start = g_get_monotonic_time ();
  g_assert_true (jl_demo_generate (city->store, 1, seed, &city->stats, &error));
  g_assert_no_error (error);
  /* Marked, and never synced: nothing waits to be sent. */
  g_assert_true (jl_store_holds_demo (city->store));
  g_assert_cmpint (jl_store_outbox_count (city->store, NULL), ==, 0);
  city->seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("scale 1 generated in %.1f s: %u records", city->seconds, city->stats.records);
  return city;
}

static void
city_free (City *city)
{
  if (city == NULL)
    return;
  g_clear_object (&city->store);
  jl_test_dir_free (city->dir);
  g_free (city);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (City, city_free)

static City *
get_city (void)
{
  if (shared_city == NULL)
    shared_city = city_new (SEED);
  return shared_city;
}

static gint64
count (JlStore    *store,
       const char *kind,
       const char *field,
       const char *value)
{
  g_autoptr(GError) error = NULL;
  JlQuery query = { .filters = { { field, value } } };
  gint64 n = jl_store_count (store, kind, field ? &query : NULL, &error);

  g_assert_no_error (error);
  return n;
}

static GPtrArray *
list (JlStore    *store,
      const char *kind,
      const char *field,
      const char *value)
{
  g_autoptr(GError) error = NULL;
  JlQuery query = { .filters = { { field, value } } };
  GPtrArray *records = jl_store_list (store, kind, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

/* The counts the seed report gives, exactly, both in the stats and in
 * the store; meetings and score sheets in the thousands. */
static void
test_counts (void)
{
  City *city = get_city ();
  JlStore *store = city->store;

  /* Generous: the target is under 15 s, but CI machines are busy. */
  if (!UNDER_SANITIZER)
    g_assert_cmpfloat (city->seconds, <, 90);

  g_assert_cmpuint (city->stats.communities, ==, 159);
  g_assert_cmpuint (city->stats.estates, ==, 1521);
  g_assert_cmpuint (city->stats.branches, ==, 1219);
  g_assert_cmpuint (city->stats.partner_units, ==, 902);
  g_assert_cmpuint (city->stats.part_time_members, ==, 222);

  g_assert_cmpint (count (store, "community", NULL, NULL), ==, 159);
  g_assert_cmpint (count (store, "estate", NULL, NULL), ==, 1521);
  g_assert_cmpint (count (store, "party_org", "level", "branch"), ==, 1219);
  g_assert_cmpint (count (store, "party_org", "level", "committee"), ==, 159);
  g_assert_cmpint (count (store, "partner_unit", NULL, NULL), ==, 902);
  g_assert_cmpint (count (store, "part_time_member", NULL, NULL), ==, 222);
  g_assert_cmpint (count (store, "person", NULL, NULL), ==, city->stats.people);

  g_assert_cmpint (count (store, "meeting", NULL, NULL), ==, city->stats.meetings);
  g_assert_cmpuint (city->stats.meetings, >=, 1000);
  g_assert_cmpint (count (store, "eval_sheet", NULL, NULL), ==, city->stats.score_sheets);
  g_assert_cmpuint (city->stats.score_sheets, >=, 1000);
  g_assert_cmpuint (city->stats.records, >, city->stats.score_sheets + city->stats.meetings);
}

/* Every estate is covered by a branch of its own community, every branch
 * covers one or two estates, and the red shares are the report's. */
static void
test_estates (void)
{
  JlStore *store = get_city ()->store;
  g_autoptr(GPtrArray) estates = list (store, "estate", NULL, NULL);
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  guint oc = 0, red_oc = 0, pc = 0, red_pc = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < estates->len; i++)
    {
      JlRecord *e = estates->pdata[i];
      const char *branch_id = jl_record_get_string (e, "branch_id");
      g_autoptr(JlRecord) branch = NULL;

      g_assert_nonnull (branch_id);
      branch = jl_store_get (store, "party_org", branch_id, NULL);
      g_assert_nonnull (branch);
      g_assert_cmpstr (jl_record_get_string (branch, "level"), ==, "branch");
      g_assert_cmpstr (jl_record_get_community_id (branch), ==, jl_record_get_community_id (e));
      g_hash_table_insert (covered, (gpointer) branch_id,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (covered, branch_id)) + 1));

      oc += jl_record_get_bool (e, "has_owners_committee");
      red_oc += jl_record_get_bool (e, "red_owners_committee");
      pc += jl_record_get_bool (e, "has_property_company");
      red_pc += jl_record_get_bool (e, "red_property");
      /* Red means at least one of the practice's criteria is met. */
      if (jl_record_get_bool (e, "red_owners_committee"))
        g_assert_true (jl_record_get_bool (e, "has_owners_committee") &&
                       (jl_record_get_bool (e, "oc_party_majority") ||
                        jl_record_get_bool (e, "oc_cross_post") ||
                        jl_record_get_bool (e, "oc_party_group")));
      if (jl_record_get_bool (e, "red_property"))
        g_assert_true (jl_record_get_bool (e, "has_property_company") &&
                       (jl_record_get_bool (e, "pc_party_org") ||
                        jl_record_get_bool (e, "pc_manager_member") ||
                        jl_record_get_bool (e, "pc_members_identified")));
    }

  g_assert_cmpuint (g_hash_table_size (covered), ==, 1219);
  g_hash_table_iter_init (&iter, covered);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpuint (GPOINTER_TO_UINT (value), >=, 1);
      g_assert_cmpuint (GPOINTER_TO_UINT (value), <=, 2);
    }

  g_test_message ("owners' committees %u (red %u), property companies %u (red %u)", oc, red_oc, pc, red_pc);
  g_assert_cmpuint (red_oc, ==, 485);
  g_assert_cmpuint (red_pc, ==, 400);
  g_assert_cmpfloat (fabs (100.0 * red_oc / oc - 72.0), <=, 0.5);
  g_assert_cmpfloat (fabs (100.0 * red_pc / pc - 68.6), <=, 0.5);
}

/* Each partner unit is linked to one or two estates of its community. */
static void
test_links (void)
{
  JlStore *store = get_city ()->store;
  g_autoptr(GPtrArray) units = list (store, "partner_unit", NULL, NULL);
  g_autoptr(GPtrArray) links = list (store, "unit_estate_link", NULL, NULL);
  g_autoptr(GHashTable) per_unit = g_hash_table_new (g_str_hash, g_str_equal);
  guint with_uscc = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const char *unit_id = jl_record_get_string (links->pdata[i], "unit_id");

      g_hash_table_insert (per_unit, (gpointer) unit_id,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_unit, unit_id)) + 1));
    }
  for (guint i = 0; i < units->len; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_unit, jl_record_get_id (units->pdata[i])));

      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, 2);
      with_uscc += jl_record_has_value (units->pdata[i], "uscc");
    }
  /* Most units have a credit code (all valid, or the store would have
   * refused them). */
  g_assert_cmpuint (with_uscc, >, units->len * 3 / 4);
  g_assert_cmpint (count (store, "project", NULL, NULL), >=, 902);
  g_assert_cmpint (count (store, "problem", NULL, NULL), >=, 2 * 902);
}

/* The minutes: a joint meeting per community per quarter except this
 * quarter in ten communities; all three states present. */
static void
test_meetings (void)
{
  JlStore *store = get_city ()->store;
  g_autoptr(GPtrArray) joint = list (store, "meeting", "meeting_type", "joint");
  g_autoptr(GHashTable) this_quarter = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *quarter_start = g_strdup_printf ("%04d-%02d-01", g_date_time_get_year (now),
                                                   (g_date_time_get_month (now) - 1) / 3 * 3 + 1);

  for (guint i = 0; i < joint->len; i++)
    if (strcmp (jl_record_get_string (joint->pdata[i], "held_at"), quarter_start) >= 0)
      g_hash_table_add (this_quarter, (gpointer) jl_record_get_community_id (joint->pdata[i]));
  g_assert_cmpuint (joint->len, ==, 159 * 4 - 10);
  g_assert_cmpuint (g_hash_table_size (this_quarter), ==, 159 - 10);

  g_assert_cmpint (count (store, "meeting", "state", "approved"), >, count (store, "meeting", NULL, NULL) / 2);
  g_assert_cmpint (count (store, "meeting", "state", "submitted"), >, 0);
  g_assert_cmpint (count (store, "meeting", "state", "draft"), >, 0);
  g_assert_cmpint (count (store, "attendance", NULL, NULL), >=, 5 * count (store, "meeting", NULL, NULL));
  g_assert_cmpint (count (store, "attendance", "status", "leave"), >, 0);
  g_assert_cmpint (count (store, "decision", NULL, NULL), >=, joint->len * 2);
}

/* The evaluation of a generated round computes. */
static void
test_eval (void)
{
  JlStore *store = get_city ()->store;
  g_autoptr(GPtrArray) rounds = list (store, "eval_round", "state", "published");
  g_autoptr(GError) error = NULL;
  guint scored = 0, void_sheets = 0, incomplete = 0;

  g_assert_cmpuint (rounds->len, ==, 2 * 159);
  for (guint r = 0; r < rounds->len; r++)
    {
      g_autoptr(GPtrArray) results = jl_store_eval_results (store, jl_record_get_id (rounds->pdata[r]), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (results->len, >=, 3);
      g_assert_cmpuint (results->len, <=, 5);
      for (guint i = 0; i < results->len; i++)
        {
          JlTargetResult *t = results->pdata[i];

          g_assert_cmpuint (t->result->n_sheets, >=, 5);
          g_assert_cmpuint (t->result->n_sheets, <=, 9);
          void_sheets += t->result->n_void;
          incomplete += t->result->n_incomplete;
          if (t->result->n_valid == 0)
            continue;
          g_assert_cmpuint (t->result->rank, >=, 1);
          if (!isnan (t->result->satisfaction_rate))
            g_assert_cmpfloat (t->result->satisfaction_rate, <=, 100);
          else
            {
              g_assert_cmpfloat (t->result->final_score, >=, 0);
              g_assert_cmpfloat (t->result->final_score, <=, 100);
              g_assert_nonnull (t->result->band);
              scored++;
            }
        }
      if (r > 40)
        break;   /* a sample is enough */
    }
  g_assert_cmpuint (scored, >, 0);
  g_assert_cmpuint (void_sheets, >, 0);
  g_assert_cmpuint (incomplete, >, 0);
}

/* Generating twice into the same store is refused and changes nothing. */
static void
test_again (void)
{
  City *city = get_city ();
  g_autoptr(GError) error = NULL;
  gint64 before = count (city->store, "meeting", NULL, NULL);

  g_assert_false (jl_demo_generate (city->store, 1, SEED, NULL, &error));
  g_assert_error (error, JL_ERROR, JL_ERROR_FAILED);
  g_assert_cmpint (count (city->store, "meeting", NULL, NULL), ==, before);
}

/* The same seed gives the same export on a fresh store. */
static void
test_deterministic (void)
{
  City *city = get_city ();
  g_autoptr(City) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (UNDER_SANITIZER)
    {
      g_test_skip ("a second city takes too long under sanitizers");
      return;
    }
  other = city_new (SEED);
  a = jl_store_export_json_data (city->store, &error);
  g_assert_no_error (error);
  b = jl_store_export_json_data (other->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->stats.records, ==, city->stats.records);
  g_assert_cmpuint (strlen (a), >, 1000000);
  g_assert_true (strcmp (a, b) == 0);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  jl_test_init (&argc, &argv);
  g_test_add_func ("/demo/counts", test_counts);
  g_test_add_func ("/demo/estates", test_estates);
  g_test_add_func ("/demo/links", test_links);
  g_test_add_func ("/demo/meetings", test_meetings);
  g_test_add_func ("/demo/eval", test_eval);
  g_test_add_func ("/demo/again", test_again);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  rc = g_test_run ();
  g_clear_pointer (&shared_city, city_free);
  return rc;
}
