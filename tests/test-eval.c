/* test-eval.c: evaluation results, checked against hand-worked examples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "jl-eval.h"

#define EPSILON 1e-9

typedef struct
{
  JlEvalSpec spec;
} TestSpec;

static void
test_spec_free (TestSpec *ts)
{
  for (guint i = 0; i < ts->spec.n_criteria; i++)
    g_free (ts->spec.criteria[i].id);
  g_free (ts->spec.criteria);
  jl_eval_bands_free (ts->spec.bands, ts->spec.n_bands);
  g_free (ts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestSpec, test_spec_free)

/* A spec with default bands, dropping from 5 sheets, 2 decimals; @max and
 * @weight give @n_criteria criteria. */
static TestSpec *
test_spec_new (JlEvalScale   scale,
               guint         n_criteria,
               const double *max,
               const double *weight)
{
  TestSpec *ts = g_new0 (TestSpec, 1);

  ts->spec.scale = scale;
  ts->spec.drop_extremes = TRUE;
  ts->spec.drop_min_sheets = 5;
  ts->spec.decimals = 2;
  ts->spec.n_criteria = n_criteria;
  ts->spec.criteria = g_new0 (JlEvalCriterionSpec, n_criteria);
  for (guint i = 0; i < n_criteria; i++)
    {
      ts->spec.criteria[i].id = g_strdup_printf ("c%u", i + 1);
      ts->spec.criteria[i].max_points = max[i];
      ts->spec.criteria[i].weight = weight[i];
    }
  ts->spec.bands = jl_eval_bands_default (&ts->spec.n_bands);

  return ts;
}

/* One criterion, max 100, weight 100: a sheet's total is its points. */
static TestSpec *
test_spec_new_simple (void)
{
  const double max[] = { 100 };
  const double weight[] = { 100 };

  return test_spec_new (JL_EVAL_SCALE_SCORE, 1, max, weight);
}

static JlEvalTargetInput *
target_with_totals (const char   *target_id,
                    const double *totals,
                    guint         n_totals)
{
  JlEvalTargetInput *target = jl_eval_target_input_new (target_id);

  for (guint i = 0; i < n_totals; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-s%u", target_id, i + 1);
      JlEvalSheetInput *sheet = jl_eval_sheet_input_new (id, 1);

      sheet->points[0] = totals[i];
      g_ptr_array_add (target->sheets, sheet);
    }

  return target;
}

static JlEvalSheetInput *
add_sheet (JlEvalTargetInput *target,
           const char        *sheet_id,
           guint              n_criteria)
{
  JlEvalSheetInput *sheet = jl_eval_sheet_input_new (sheet_id, n_criteria);

  g_ptr_array_add (target->sheets, sheet);

  return sheet;
}

static void
add_choices (JlEvalTargetInput *target,
             JlEvalChoice       choice,
             guint              count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%d-%u", target->target_id, choice, i);

      add_sheet (target, id, 0)->choice = choice;
    }
}

static GPtrArray *
targets_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) jl_eval_target_input_free);
}

/* Computes the single target's result; @target is consumed. */
static JlEvalResult *
compute_one (const JlEvalSpec  *spec,
             JlEvalTargetInput *target)
{
  g_autoptr(GPtrArray) targets = targets_new ();
  g_autoptr(GPtrArray) results = NULL;

  g_ptr_array_add (targets, target);
  results = jl_eval_compute (spec, targets);
  g_assert_cmpuint (results->len, ==, 1);

  return g_ptr_array_steal_index (results, 0);
}

static void
assert_ids (GPtrArray   *ids,
            const char **expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, expected[i]);
}

static void
test_round (void)
{
  const struct
  {
    double value;
    guint  decimals;
    double expected;
  } cases[] = {
    { 84.165, 2, 84.17 },
    { 2.675, 2, 2.68 },
    { -1.005, 2, -1.01 },
    { 1.005, 2, 1.01 },
    { 84.16499, 2, 84.16 },
    { 89.995, 2, 90.00 },
    { 89.994, 2, 89.99 },
    { 84.1666666666667, 2, 84.17 },
    { 86.6666666666667, 2, 86.67 },
    { 0.5, 0, 1 },
    { -0.5, 0, -1 },
    { 2.5, 0, 3 },
    { 1.4999999, 0, 1 },
    { 0.05, 1, 0.1 },
    { 0.15, 1, 0.2 },
    { 0.25, 1, 0.3 },
    { 0.35, 1, 0.4 },
    { 66.66666, 1, 66.7 },
    { 1.0000000000000002, 2, 1 },
    { 0, 2, 0 },
    { 123456.785, 2, 123456.79 },
    { 1e300, 2, 1e300 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double r = jl_eval_round (cases[i].value, cases[i].decimals);

      /* The nearest double to the expected decimal, exactly. */
      if (r != cases[i].expected)
        g_error ("round (%.17g, %u) = %.17g, expected %.17g",
                 cases[i].value, cases[i].decimals, r, cases[i].expected);
    }

  g_assert_true (isnan (jl_eval_round (NAN, 2)));
  g_assert_true (isinf (jl_eval_round (INFINITY, 2)));
}

static void
test_bands_default (void)
{
  guint n = 0;
  JlEvalBand *bands = jl_eval_bands_default (&n);

  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (bands[0].label, ==, "优秀");
  g_assert_cmpfloat (bands[0].min_score, ==, 90);
  g_assert_cmpstr (bands[1].label, ==, "良好");
  g_assert_cmpfloat (bands[1].min_score, ==, 80);
  g_assert_cmpstr (bands[2].label, ==, "合格");
  g_assert_cmpfloat (bands[2].min_score, ==, 60);
  g_assert_cmpstr (bands[3].label, ==, "不合格");
  g_assert_cmpfloat (bands[3].min_score, ==, 0);
  jl_eval_bands_free (bands, n);
}

static void
test_inputs (void)
{
  g_autoptr(JlEvalSheetInput) sheet = jl_eval_sheet_input_new ("s1", 3);
  g_autoptr(JlEvalSheetInput) no_criteria = jl_eval_sheet_input_new ("s2", 0);
  g_autoptr(JlEvalTargetInput) target = jl_eval_target_input_new ("t1");

  g_assert_cmpstr (sheet->sheet_id, ==, "s1");
  g_assert_false (sheet->is_void);
  g_assert_cmpint (sheet->choice, ==, JL_EVAL_CHOICE_NONE);
  for (guint i = 0; i < 3; i++)
    g_assert_true (isnan (sheet->points[i]));
  g_assert_null (no_criteria->points);
  g_assert_cmpstr (target->target_id, ==, "t1");
  g_assert_cmpuint (target->sheets->len, ==, 0);

  /* NULL-safe frees. */
  jl_eval_sheet_input_free (NULL);
  jl_eval_target_input_free (NULL);
  jl_eval_result_free (NULL);
}

static void
test_sheet_total (void)
{
  /* 40 points scaled to weight 40, 10 points scaled to weight 60. */
  const double max[] = { 40, 10 };
  const double weight[] = { 40, 60 };
  g_autoptr(TestSpec) ts = test_spec_new (JL_EVAL_SCALE_SCORE, 2, max, weight);
  g_autoptr(JlEvalSheetInput) sheet = jl_eval_sheet_input_new ("s1", 2);

  sheet->points[0] = 30;
  sheet->points[1] = 5;
  g_assert_cmpfloat_with_epsilon (jl_eval_sheet_total (&ts->spec, sheet), 30 + 30, EPSILON);

  sheet->points[0] = 40;
  sheet->points[1] = 10;
  g_assert_cmpfloat_with_epsilon (jl_eval_sheet_total (&ts->spec, sheet), 100, EPSILON);

  sheet->points[0] = 20;
  sheet->points[1] = 7.5;
  g_assert_cmpfloat_with_epsilon (jl_eval_sheet_total (&ts->spec, sheet), 20 + 45, EPSILON);

  sheet->points[0] = 0;
  sheet->points[1] = 0;
  g_assert_cmpfloat (jl_eval_sheet_total (&ts->spec, sheet), ==, 0);

  /* A missing score makes the whole total unknown, not smaller. */
  sheet->points[1] = NAN;
  g_assert_true (isnan (jl_eval_sheet_total (&ts->spec, sheet)));
}

/* The hand example: six sheets, one highest and one lowest dropped.
 *   raw   = (70 + 82 + 91 + 88 + 79 + 95) / 6 = 505 / 6 = 84.1666… → 84.17
 *   final = (82 + 91 + 88 + 79) / 4 = 340 / 4 = 85.00 → 良好 */
static void
test_drop_extremes (void)
{
  const double totals[] = { 70, 82, 91, 88, 79, 95 };
  g_autoptr(TestSpec) ts = test_spec_new_simple ();
  g_autoptr(JlEvalResult) result = NULL;

  result = compute_one (&ts->spec, target_with_totals ("m1", totals, G_N_ELEMENTS (totals)));

  g_assert_cmpstr (result->target_id, ==, "m1");
  g_assert_cmpuint (result->n_sheets, ==, 6);
  g_assert_cmpuint (result->n_valid, ==, 6);
  g_assert_cmpuint (result->n_void, ==, 0);
  g_assert_cmpuint (result->n_incomplete, ==, 0);
  g_assert_cmpfloat (result->raw_mean, ==, 84.17);
  g_assert_true (result->dropped);
  g_assert_cmpfloat (result->dropped_high, ==, 95);
  g_assert_cmpfloat (result->dropped_low, ==, 70);
  g_assert_cmpfloat (result->final_score, ==, 85.00);
  g_assert_cmpstr (result->band, ==, "良好");
  g_assert_cmpuint (result->rank, ==, 1);
  g_assert_cmpuint (result->n_criteria, ==, 1);
  g_assert_cmpfloat (result->criterion_means[0], ==, 84.17);
  g_assert_true (isnan (result->satisfaction_rate));
  g_assert_true (isnan (result->dissatisfaction_rate));
}

static void
test_drop_needs_min_sheets (void)
{
  const double totals[] = { 70, 82, 91, 88 };
  g_autoptr(TestSpec) ts = test_spec_new_simple ();

  {
    /* Four sheets, minimum five: nothing dropped.
     * (70 + 82 + 91 + 88) / 4 = 331 / 4 = 82.75 */
    g_autoptr(JlEvalResult) result =
      compute_one (&ts->spec, target_with_totals ("m1", totals, 4));

    g_assert_cmpuint (result->n_valid, ==, 4);
    g_assert_false (result->dropped);
    g_assert_true (isnan (result->dropped_high));
    g_assert_true (isnan (result->dropped_low));
    g_assert_cmpfloat (result->raw_mean, ==, 82.75);
    g_assert_cmpfloat (result->final_score, ==, 82.75);
    g_assert_cmpstr (result->band, ==, "良好");
  }

  {
    /* Schemes that drop from 3 sheets: (82 + 88) / 2 = 85 */
    g_autoptr(JlEvalResult) result = NULL;

    ts->spec.drop_min_sheets = 3;
    result = compute_one (&ts->spec, target_with_totals ("m1", totals, 4));
    g_assert_true (result->dropped);
    g_assert_cmpfloat (result->dropped_high, ==, 91);
    g_assert_cmpfloat (result->dropped_low, ==, 70);
    g_assert_cmpfloat (result->raw_mean, ==, 82.75);
    g_assert_cmpfloat (result->final_score, ==, 85);
  }

  {
    /* Never drop when fewer than 3 sheets would be left with one. */
    g_autoptr(JlEvalResult) result = NULL;

    ts->spec.drop_min_sheets = 0;
    result = compute_one (&ts->spec, target_with_totals ("m1", totals, 2));
    g_assert_false (result->dropped);
    g_assert_cmpfloat (result->final_score, ==, 76);
  }

  {
    /* drop_extremes off: the raw mean, whatever the count. */
    const double six[] = { 70, 82, 91, 88, 79, 95 };
    g_autoptr(JlEvalResult) result = NULL;

    ts->spec.drop_min_sheets = 5;
    ts->spec.drop_extremes = FALSE;
    result = compute_one (&ts->spec, target_with_totals ("m1", six, 6));
    g_assert_false (result->dropped);
    g_assert_cmpfloat (result->final_score, ==, 84.17);
    g_assert_cmpfloat (result->raw_mean, ==, 84.17);
  }
}

static void
test_drop_ties (void)
{
  g_autoptr(TestSpec) ts = test_spec_new_simple ();

  {
    /* Exactly one of the 90s and one of the 80s go:
     * (90 + 90 + 80) / 3 = 86.666… → 86.67; raw 430 / 5 = 86 */
    const double totals[] = { 90, 90, 90, 80, 80 };
    g_autoptr(JlEvalResult) result =
      compute_one (&ts->spec, target_with_totals ("m1", totals, 5));

    g_assert_true (result->dropped);
    g_assert_cmpfloat (result->dropped_high, ==, 90);
    g_assert_cmpfloat (result->dropped_low, ==, 80);
    g_assert_cmpfloat (result->final_score, ==, 86.67);
    g_assert_cmpfloat (result->raw_mean, ==, 86);
    g_assert_cmpstr (result->band, ==, "良好");
  }

  {
    /* All equal: two sheets still go, the mean is unchanged. */
    const double totals[] = { 85, 85, 85, 85, 85 };
    g_autoptr(JlEvalResult) result =
      compute_one (&ts->spec, target_with_totals ("m1", totals, 5));

    g_assert_true (result->dropped);
    g_assert_cmpfloat (result->dropped_high, ==, 85);
    g_assert_cmpfloat (result->dropped_low, ==, 85);
    g_assert_cmpfloat (result->final_score, ==, 85);
  }

  {
    /* Extremes at the ends of the list: (60 + 70 + 80) / 3 = 70 */
    const double totals[] = { 100, 60, 70, 80, 50 };
    g_autoptr(JlEvalResult) result =
      compute_one (&ts->spec, target_with_totals ("m1", totals, 5));

    g_assert_cmpfloat (result->dropped_high, ==, 100);
    g_assert_cmpfloat (result->dropped_low, ==, 50);
    g_assert_cmpfloat (result->final_score, ==, 70);
    g_assert_cmpstr (result->band, ==, "合格");
  }
}

static void
test_void_and_incomplete (void)
{
  g_autoptr(TestSpec) ts = test_spec_new_simple ();
  g_autoptr(JlEvalResult) result = NULL;
  JlEvalTargetInput *target = jl_eval_target_input_new ("m1");
  JlEvalSheetInput *sheet;
  const char *void_ids[] = { "v1", "v2", NULL };
  const char *incomplete_ids[] = { "i1", "i2", NULL };

  add_sheet (target, "s1", 1)->points[0] = 70;
  /* A void sheet with a score: never counted. */
  sheet = add_sheet (target, "v1", 1);
  sheet->is_void = TRUE;
  sheet->points[0] = 100;
  add_sheet (target, "i1", 1);
  add_sheet (target, "s2", 1)->points[0] = 90;
  /* Void and blank: void wins. */
  add_sheet (target, "v2", 1)->is_void = TRUE;
  add_sheet (target, "s3", 1)->points[0] = 80;
  add_sheet (target, "s4", 1)->points[0] = 60;
  /* A choice does not complete a score sheet. */
  add_sheet (target, "i2", 1)->choice = JL_EVAL_CHOICE_EXCELLENT;

  result = compute_one (&ts->spec, target);

  /* Eight sheets, four valid: too few to drop; (70+90+80+60)/4 = 75. */
  g_assert_cmpuint (result->n_sheets, ==, 8);
  g_assert_cmpuint (result->n_valid, ==, 4);
  g_assert_cmpuint (result->n_void, ==, 2);
  g_assert_cmpuint (result->n_incomplete, ==, 2);
  assert_ids (result->void_sheet_ids, void_ids);
  assert_ids (result->incomplete_sheet_ids, incomplete_ids);
  g_assert_false (result->dropped);
  g_assert_cmpfloat (result->raw_mean, ==, 75);
  g_assert_cmpfloat (result->final_score, ==, 75);
  g_assert_cmpfloat (result->criterion_means[0], ==, 75);
  g_assert_cmpstr (result->band, ==, "合格");
}

static void
test_no_valid_sheet (void)
{
  g_autoptr(TestSpec) ts = test_spec_new_simple ();
  g_autoptr(JlEvalResult) result = NULL;
  JlEvalTargetInput *target = jl_eval_target_input_new ("m1");

  add_sheet (target, "v1", 1)->is_void = TRUE;
  add_sheet (target, "i1", 1);

  result = compute_one (&ts->spec, target);
  g_assert_cmpuint (result->n_sheets, ==, 2);
  g_assert_cmpuint (result->n_valid, ==, 0);
  g_assert_true (isnan (result->raw_mean));
  g_assert_true (isnan (result->final_score));
  g_assert_true (isnan (result->criterion_means[0]));
  g_assert_false (result->dropped);
  g_assert_null (result->band);
  g_assert_cmpuint (result->rank, ==, 0);
}

static void
test_criteria_scaling (void)
{
  const double max[] = { 40, 10 };
  const double weight[] = { 40, 60 };
  g_autoptr(TestSpec) ts = test_spec_new (JL_EVAL_SCALE_SCORE, 2, max, weight);
  g_autoptr(JlEvalResult) result = NULL;
  JlEvalTargetInput *target = jl_eval_target_input_new ("u1");
  JlEvalSheetInput *sheet;

  /* Totals 30 + 30 = 60, 40 + 60 = 100, 20 + 36 = 56: mean 72. */
  sheet = add_sheet (target, "s1", 2);
  sheet->points[0] = 30;
  sheet->points[1] = 5;
  sheet = add_sheet (target, "s2", 2);
  sheet->points[0] = 40;
  sheet->points[1] = 10;
  sheet = add_sheet (target, "s3", 2);
  sheet->points[0] = 20;
  sheet->points[1] = 6;
  /* Excluded from the criterion means too. */
  sheet = add_sheet (target, "v1", 2);
  sheet->is_void = TRUE;
  sheet->points[0] = 0;
  sheet->points[1] = 0;
  sheet = add_sheet (target, "i1", 2);
  sheet->points[0] = 0;

  result = compute_one (&ts->spec, target);
  g_assert_cmpuint (result->n_valid, ==, 3);
  g_assert_cmpfloat (result->raw_mean, ==, 72);
  g_assert_cmpfloat (result->final_score, ==, 72);
  g_assert_cmpstr (result->band, ==, "合格");
  /* Means of the raw points, not of the scaled ones:
   * (30 + 40 + 20) / 3 = 30; (5 + 10 + 6) / 3 = 7. */
  g_assert_cmpuint (result->n_criteria, ==, 2);
  g_assert_cmpfloat (result->criterion_means[0], ==, 30);
  g_assert_cmpfloat (result->criterion_means[1], ==, 7);
}

static void
test_unrounded (void)
{
  g_autoptr(TestSpec) ts = test_spec_new_simple ();

  {
    /* Rounding each total first would give (1.00 + 1.01) / 2 = 1.005 →
     * 1.01; the true mean is 1.0045 → 1.00. */
    const double totals[] = { 1.004, 1.005 };
    g_autoptr(JlEvalResult) result =
      compute_one (&ts->spec, target_with_totals ("m1", totals, 2));

    g_assert_cmpfloat (result->raw_mean, ==, 1.00);
  }

  {
    /* Displayed numbers are rounded, dropped totals included:
     * trimmed (77.777 + 77.778 + 77.779) / 3 = 77.778. */
    const double totals[] = { 77.777, 77.778, 77.779, 99.999, 11.111 };
    g_autoptr(JlEvalResult) result =
      compute_one (&ts->spec, target_with_totals ("m1", totals, 5));

    g_assert_cmpfloat (result->dropped_high, ==, 100.00);
    g_assert_cmpfloat (result->dropped_low, ==, 11.11);
    g_assert_cmpfloat (result->final_score, ==, 77.78);
    /* 344.444 / 5 = 68.8888 */
    g_assert_cmpfloat (result->raw_mean, ==, 68.89);
    g_assert_cmpfloat (result->criterion_means[0], ==, 68.89);
  }

  {
    /* One decimal. */
    const double totals[] = { 84, 84, 85 };
    g_autoptr(JlEvalResult) result = NULL;

    ts->spec.decimals = 1;
    result = compute_one (&ts->spec, target_with_totals ("m1", totals, 3));
    g_assert_cmpfloat (result->final_score, ==, 84.3);
  }
}

static void
test_bands (void)
{
  const struct
  {
    double      total;
    double      final;
    const char *band;
  } cases[] = {
    { 100, 100, "优秀" },
    { 90, 90, "优秀" },
    /* Prints as 90.00, so it is 优秀. */
    { 89.995, 90, "优秀" },
    { 89.994, 89.99, "良好" },
    { 80, 80, "良好" },
    { 79.999, 80, "良好" },
    { 79.99, 79.99, "合格" },
    { 60, 60, "合格" },
    { 59.99, 59.99, "不合格" },
    { 0, 0, "不合格" },
  };
  g_autoptr(TestSpec) ts = test_spec_new_simple ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JlEvalResult) result =
        compute_one (&ts->spec, target_with_totals ("m1", &cases[i].total, 1));

      g_assert_cmpfloat (result->final_score, ==, cases[i].final);
      g_assert_cmpstr (result->band, ==, cases[i].band);
    }
}

static void
test_bands_custom (void)
{
  /* The 85/75/65/60 preset, given lowest first. */
  JlEvalBand bands[] = {
    { (char *) "较差", 60 },
    { (char *) "一般", 65 },
    { (char *) "良好", 75 },
    { (char *) "优秀", 85 },
  };
  const struct
  {
    double      total;
    const char *band;
  } cases[] = {
    { 85, "优秀" }, { 84.99, "良好" }, { 75, "良好" }, { 70, "一般" },
    { 65, "一般" }, { 64.999, "一般" }, { 60, "较差" }, { 59, NULL },
  };
  g_autoptr(TestSpec) ts = test_spec_new_simple ();
  JlEvalBand *saved = ts->spec.bands;
  guint n_saved = ts->spec.n_bands;

  ts->spec.bands = bands;
  ts->spec.n_bands = G_N_ELEMENTS (bands);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JlEvalResult) result =
        compute_one (&ts->spec, target_with_totals ("m1", &cases[i].total, 1));

      g_assert_cmpstr (result->band, ==, cases[i].band);
    }
  ts->spec.bands = saved;
  ts->spec.n_bands = n_saved;
}

static void
test_rank (void)
{
  const double a[] = { 85 };
  const double b[] = { 90 };
  const double c[] = { 85 };
  const double d[] = { 70 };
  /* 85.004 and 84.996 both print as 85.00: they tie with a and c. */
  const double f[] = { 85.004 };
  const double g[] = { 84.996 };
  const double h[] = { 84.994 };
  g_autoptr(TestSpec) ts = test_spec_new_simple ();
  g_autoptr(GPtrArray) targets = targets_new ();
  g_autoptr(GPtrArray) results = NULL;
  const struct
  {
    const char *id;
    guint       rank;
  } expected[] = {
    { "a", 2 }, { "b", 1 }, { "c", 2 }, { "d", 7 }, { "e", 0 },
    { "f", 2 }, { "g", 2 }, { "h", 6 },
  };

  g_ptr_array_add (targets, target_with_totals ("a", a, 1));
  g_ptr_array_add (targets, target_with_totals ("b", b, 1));
  g_ptr_array_add (targets, target_with_totals ("c", c, 1));
  g_ptr_array_add (targets, target_with_totals ("d", d, 1));
  /* No sheet at all: unranked. */
  g_ptr_array_add (targets, jl_eval_target_input_new ("e"));
  g_ptr_array_add (targets, target_with_totals ("f", f, 1));
  g_ptr_array_add (targets, target_with_totals ("g", g, 1));
  g_ptr_array_add (targets, target_with_totals ("h", h, 1));

  results = jl_eval_compute (&ts->spec, targets);

  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JlEvalResult *result = g_ptr_array_index (results, i);

      /* In input order. */
      g_assert_cmpstr (result->target_id, ==, expected[i].id);
      g_assert_cmpuint (result->rank, ==, expected[i].rank);
    }
}

static void
test_empty (void)
{
  g_autoptr(TestSpec) ts = test_spec_new_simple ();
  g_autoptr(GPtrArray) targets = targets_new ();
  g_autoptr(GPtrArray) results = jl_eval_compute (&ts->spec, targets);

  g_assert_cmpuint (results->len, ==, 0);
}

/* 6 满意, 3 基本满意, 1 不满意: 满意率 90.0 %, 不满意率 10.0 %. */
static void
test_satisfaction (void)
{
  g_autoptr(TestSpec) ts = test_spec_new (JL_EVAL_SCALE_SATISFACTION, 0, NULL, NULL);
  g_autoptr(GPtrArray) targets = targets_new ();
  g_autoptr(GPtrArray) results = NULL;
  JlEvalTargetInput *estate = jl_eval_target_input_new ("物业A");
  JlEvalTargetInput *other = jl_eval_target_input_new ("物业B");
  JlEvalResult *r;
  const char *void_ids[] = { "void", NULL };
  const char *incomplete_ids[] = { "blank", "wrong-scale", NULL };

  add_choices (estate, JL_EVAL_CHOICE_SATISFIED, 6);
  add_choices (estate, JL_EVAL_CHOICE_BASIC, 3);
  add_choices (estate, JL_EVAL_CHOICE_UNSATISFIED, 1);
  add_sheet (estate, "void", 0)->is_void = TRUE;
  add_sheet (estate, "blank", 0);
  add_sheet (estate, "wrong-scale", 0)->choice = JL_EVAL_CHOICE_EXCELLENT;
  g_ptr_array_add (targets, estate);

  /* 1 + 1 of 3 = 66.666… → 66.7 %; 1 of 3 → 33.3 %. */
  add_choices (other, JL_EVAL_CHOICE_SATISFIED, 1);
  add_choices (other, JL_EVAL_CHOICE_BASIC, 1);
  add_choices (other, JL_EVAL_CHOICE_UNSATISFIED, 1);
  g_ptr_array_add (targets, other);

  g_ptr_array_add (targets, jl_eval_target_input_new ("物业C"));

  results = jl_eval_compute (&ts->spec, targets);

  r = g_ptr_array_index (results, 0);
  g_assert_cmpuint (r->n_sheets, ==, 13);
  g_assert_cmpuint (r->n_valid, ==, 10);
  g_assert_cmpuint (r->n_void, ==, 1);
  g_assert_cmpuint (r->n_incomplete, ==, 2);
  assert_ids (r->void_sheet_ids, void_ids);
  assert_ids (r->incomplete_sheet_ids, incomplete_ids);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_SATISFIED], ==, 6);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_BASIC], ==, 3);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_UNSATISFIED], ==, 1);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_NONE], ==, 0);
  g_assert_cmpuint (r->votes[JL_EVAL_CHOICE_EXCELLENT], ==, 0);
  g_assert_cmpfloat (r->satisfaction_rate, ==, 90.0);
  g_assert_cmpfloat (r->dissatisfaction_rate, ==, 10.0);
  g_assert_cmpuint (r->rank, ==, 1);
  /* No score on this scale. */
  g_assert_true (isnan (r->raw_mean));
  g_assert_true (isnan (r->final_score));
  g_assert_null (r->band);
  g_assert_null (r->criterion_means);
  g_assert_cmpuint (r->n_criteria, ==, 0);

  r = g_ptr_array_index (results, 1);
  g_assert_cmpfloat (r->satisfaction_rate, ==, 66.7);
  g_assert_cmpfloat (r->dissatisfaction_rate, ==, 33.3);
  g_assert_cmpuint (r->rank, ==, 2);

  r = g_ptr_array_index (results, 2);
  g_assert_cmpuint (r->n_valid, ==, 0);
  g_assert_true (isnan (r->satisfaction_rate));
  g_assert_true (isnan (r->dissatisfaction_rate));
  g_assert_cmpuint (r->rank, ==, 0);
}

static void
test_grade (void)
{
  g_autoptr(TestSpec) ts = test_spec_new (JL_EVAL_SCALE_GRADE, 0, NULL, NULL);
  g_autoptr(JlEvalResult) result = NULL;
  JlEvalTargetInput *member = jl_eval_target_input_new ("党员甲");

  add_choices (member, JL_EVAL_CHOICE_EXCELLENT, 7);
  add_choices (member, JL_EVAL_CHOICE_PASS, 12);
  add_choices (member, JL_EVAL_CHOICE_BASIC_PASS, 2);
  add_choices (member, JL_EVAL_CHOICE_FAIL, 1);
  add_sheet (member, "blank", 0);
  add_sheet (member, "satisfied", 0)->choice = JL_EVAL_CHOICE_SATISFIED;
  add_sheet (member, "void", 0)->is_void = TRUE;

  result = compute_one (&ts->spec, member);
  g_assert_cmpuint (result->n_sheets, ==, 25);
  g_assert_cmpuint (result->n_valid, ==, 22);
  g_assert_cmpuint (result->n_void, ==, 1);
  g_assert_cmpuint (result->n_incomplete, ==, 2);
  g_assert_cmpuint (result->votes[JL_EVAL_CHOICE_EXCELLENT], ==, 7);
  g_assert_cmpuint (result->votes[JL_EVAL_CHOICE_PASS], ==, 12);
  g_assert_cmpuint (result->votes[JL_EVAL_CHOICE_BASIC_PASS], ==, 2);
  g_assert_cmpuint (result->votes[JL_EVAL_CHOICE_FAIL], ==, 1);
  g_assert_cmpuint (result->votes[JL_EVAL_CHOICE_SATISFIED], ==, 0);
  /* The tally is input to the 支委会: no score, band or rank. */
  g_assert_true (isnan (result->final_score));
  g_assert_null (result->band);
  g_assert_cmpuint (result->rank, ==, 0);
  g_assert_true (isnan (result->satisfaction_rate));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jinlin/eval/round", test_round);
  g_test_add_func ("/jinlin/eval/bands-default", test_bands_default);
  g_test_add_func ("/jinlin/eval/inputs", test_inputs);
  g_test_add_func ("/jinlin/eval/sheet-total", test_sheet_total);
  g_test_add_func ("/jinlin/eval/drop-extremes", test_drop_extremes);
  g_test_add_func ("/jinlin/eval/drop-min-sheets", test_drop_needs_min_sheets);
  g_test_add_func ("/jinlin/eval/drop-ties", test_drop_ties);
  g_test_add_func ("/jinlin/eval/void-incomplete", test_void_and_incomplete);
  g_test_add_func ("/jinlin/eval/no-valid-sheet", test_no_valid_sheet);
  g_test_add_func ("/jinlin/eval/criteria-scaling", test_criteria_scaling);
  g_test_add_func ("/jinlin/eval/unrounded", test_unrounded);
  g_test_add_func ("/jinlin/eval/bands", test_bands);
  g_test_add_func ("/jinlin/eval/bands-custom", test_bands_custom);
  g_test_add_func ("/jinlin/eval/rank", test_rank);
  g_test_add_func ("/jinlin/eval/empty", test_empty);
  g_test_add_func ("/jinlin/eval/satisfaction", test_satisfaction);
  g_test_add_func ("/jinlin/eval/grade", test_grade);

  return g_test_run ();
}
