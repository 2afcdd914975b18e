/* jl-eval.c: evaluation (两评) result computation
 *
 * Rules (DOMAIN.md §c.6):
 *  - a void sheet (废票) is counted as void, never as a zero and never in
 *    a mean; a sheet missing a score (score scale) or a choice of its
 *    scale (satisfaction and grade scales) is counted as incomplete;
 *  - with drop_extremes and at least drop_min_sheets valid sheets, exactly
 *    one highest and one lowest total are dropped, even when several
 *    sheets tie there;
 *  - numbers are computed unrounded and rounded once for display; the band
 *    and the rank use the rounded final score, so that they agree with
 *    what is printed;
 *  - satisfaction targets are ranked by their (rounded) satisfaction rate;
 *    grade-scale targets have no score and no rank: the tally is input to
 *    the 支委会's determination.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-eval.h"

#include <math.h>
#include <string.h>

/* Decimals of the satisfaction and dissatisfaction rates. */
#define RATE_DECIMALS 1

/**
 * jl_eval_sheet_input_new:
 * @sheet_id: the sheet's id, for reporting void and incomplete sheets
 * @n_criteria: number of criteria of the template
 *
 * Returns: (transfer full): a sheet with every point NAN (not filled in)
 *   and no choice
 */
JlEvalSheetInput *
jl_eval_sheet_input_new (const char *sheet_id,
                         guint       n_criteria)
{
  JlEvalSheetInput *sheet = g_new0 (JlEvalSheetInput, 1);

  sheet->sheet_id = g_strdup (sheet_id);
  sheet->choice = JL_EVAL_CHOICE_NONE;
  if (n_criteria > 0)
    {
      sheet->points = g_new (double, n_criteria);
      for (guint i = 0; i < n_criteria; i++)
        sheet->points[i] = NAN;
    }

  return sheet;
}

/**
 * jl_eval_sheet_input_free:
 * @sheet: (nullable): the one to free
 *
 * Frees a sheet.
 */
void
jl_eval_sheet_input_free (JlEvalSheetInput *sheet)
{
  if (sheet == NULL)
    return;

  g_free (sheet->sheet_id);
  g_free (sheet->points);
  g_free (sheet);
}

/**
 * jl_eval_target_input_new:
 * @target_id: the id of the person or unit evaluated
 *
 * Returns: (transfer full): a target with an empty, owning array of sheets
 */
JlEvalTargetInput *
jl_eval_target_input_new (const char *target_id)
{
  JlEvalTargetInput *target = g_new0 (JlEvalTargetInput, 1);

  target->target_id = g_strdup (target_id);
  target->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_eval_sheet_input_free);

  return target;
}

/**
 * jl_eval_target_input_free:
 * @target: (nullable): the one to free
 *
 * Frees a target and its sheets.
 */
void
jl_eval_target_input_free (JlEvalTargetInput *target)
{
  if (target == NULL)
    return;

  g_free (target->target_id);
  g_clear_pointer (&target->sheets, g_ptr_array_unref);
  g_free (target);
}

/**
 * jl_eval_result_free:
 * @result: (nullable): the one to free
 *
 * Frees a result.
 */
void
jl_eval_result_free (JlEvalResult *result)
{
  if (result == NULL)
    return;

  g_free (result->target_id);
  g_clear_pointer (&result->void_sheet_ids, g_ptr_array_unref);
  g_clear_pointer (&result->incomplete_sheet_ids, g_ptr_array_unref);
  g_free (result->criterion_means);
  g_free (result->band);
  g_free (result);
}

/**
 * jl_eval_bands_default:
 * @n_bands: (out): where to store the number of bands, 4
 *
 * Returns: (transfer full): the bands 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60 and
 *   不合格 ≥ 0, highest first; free with jl_eval_bands_free()
 */
JlEvalBand *
jl_eval_bands_default (guint *n_bands)
{
  static const struct
  {
    const char *label;
    double      min_score;
  } defaults[] = {
    { "优秀", 90 },
    { "良好", 80 },
    { "合格", 60 },
    { "不合格", 0 },
  };
  JlEvalBand *bands;

  g_return_val_if_fail (n_bands != NULL, NULL);

  bands = g_new0 (JlEvalBand, G_N_ELEMENTS (defaults));
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      bands[i].label = g_strdup (defaults[i].label);
      bands[i].min_score = defaults[i].min_score;
    }
  *n_bands = G_N_ELEMENTS (defaults);

  return bands;
}

/**
 * jl_eval_bands_free:
 * @bands: (nullable): an array of bands
 * @n_bands: the number of bands in @bands
 *
 * Frees the labels and the array.
 */
void
jl_eval_bands_free (JlEvalBand *bands,
                    guint       n_bands)
{
  if (bands == NULL)
    return;

  for (guint i = 0; i < n_bands; i++)
    g_free (bands[i].label);
  g_free (bands);
}

/**
 * jl_eval_sheet_total:
 * @spec: the template
 * @sheet: a score sheet
 *
 * The sheet's total on the 100 scale: Σ points / max_points × weight.
 * A criterion without a positive maximum adds nothing.
 *
 * Returns: the total, or NAN when a point is not filled in
 */
double
jl_eval_sheet_total (const JlEvalSpec       *spec,
                     const JlEvalSheetInput *sheet)
{
  double total = 0;

  g_return_val_if_fail (spec != NULL, NAN);
  g_return_val_if_fail (sheet != NULL, NAN);

  if (spec->n_criteria > 0 && sheet->points == NULL)
    return NAN;

  for (guint i = 0; i < spec->n_criteria; i++)
    {
      const JlEvalCriterionSpec *criterion = &spec->criteria[i];

      if (isnan (sheet->points[i]))
        return NAN;
      if (criterion->max_points > 0)
        total += sheet->points[i] / criterion->max_points * criterion->weight;
    }

  return total;
}

/**
 * jl_eval_round:
 * @value: a number
 * @decimals: decimal places to keep, at most 15
 *
 * Rounds half away from zero as people do on paper. The scaled value is
 * first taken to 15 significant digits, which undoes the binary
 * representation error: 84.165 is stored as 84.16499999…, yet rounds to
 * 84.17, and 2.675 to 2.68.
 *
 * Returns: the rounded value (NAN and infinities unchanged)
 */
double
jl_eval_round (double value,
               guint  decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double scale;
  double scaled;

  if (!isfinite (value) || decimals > 15)
    return value;

  scale = pow (10, decimals);
  scaled = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.15g", value * scale), NULL);

  return round (scaled) / scale;
}

static gboolean
choice_fits_scale (JlEvalScale  scale,
                   JlEvalChoice choice)
{
  switch (scale)
    {
    case JL_EVAL_SCALE_SATISFACTION:
      return choice >= JL_EVAL_CHOICE_SATISFIED && choice <= JL_EVAL_CHOICE_UNSATISFIED;
    case JL_EVAL_SCALE_GRADE:
      return choice >= JL_EVAL_CHOICE_EXCELLENT && choice <= JL_EVAL_CHOICE_FAIL;
    case JL_EVAL_SCALE_SCORE:
    default:
      return TRUE;
    }
}

/* Label of the band with the highest minimum at or below @score, so that
 * the order of @spec's bands does not matter; NULL when none fits. */
static char *
find_band (const JlEvalSpec *spec,
           double            score)
{
  const JlEvalBand *best = NULL;

  for (guint i = 0; i < spec->n_bands; i++)
    {
      const JlEvalBand *band = &spec->bands[i];

      if (score >= band->min_score && (best == NULL || band->min_score > best->min_score))
        best = band;
    }

  return best != NULL ? g_strdup (best->label) : NULL;
}

/* Mean of @totals, with one highest and one lowest dropped when the spec
 * asks for it and there are enough sheets; fills in the result's raw_mean,
 * dropped, dropped_high, dropped_low and final_score, unrounded. */
static void
score_means (const JlEvalSpec *spec,
             GArray           *totals,
             JlEvalResult     *result)
{
  double sum = 0;
  guint i_high = 0;
  guint i_low = 0;

  for (guint i = 0; i < totals->len; i++)
    {
      double total = g_array_index (totals, double, i);

      sum += total;
      if (total > g_array_index (totals, double, i_high))
        i_high = i;
      if (total < g_array_index (totals, double, i_low))
        i_low = i;
    }

  result->raw_mean = sum / totals->len;
  result->final_score = result->raw_mean;

  /* At least 3 sheets, so that one is left over whatever the setting. */
  if (!spec->drop_extremes || totals->len < MAX (spec->drop_min_sheets, 3))
    return;

  /* All totals equal: still drop two different sheets. */
  if (i_low == i_high)
    i_low = i_high == 0 ? 1 : 0;

  result->dropped = TRUE;
  result->dropped_high = g_array_index (totals, double, i_high);
  result->dropped_low = g_array_index (totals, double, i_low);
  sum = 0;
  for (guint i = 0; i < totals->len; i++)
    {
      if (i != i_high && i != i_low)
        sum += g_array_index (totals, double, i);
    }
  result->final_score = sum / (totals->len - 2);
}

/* Whether @sheet counts, and if not, why (void or incomplete). */
static gboolean
sheet_is_valid (const JlEvalSpec       *spec,
                const JlEvalSheetInput *sheet,
                JlEvalResult           *result)
{
  if (sheet->is_void)
    {
      result->n_void++;
      g_ptr_array_add (result->void_sheet_ids, g_strdup (sheet->sheet_id));
      return FALSE;
    }

  if (spec->scale == JL_EVAL_SCALE_SCORE
      ? isnan (jl_eval_sheet_total (spec, sheet))
      : !choice_fits_scale (spec->scale, sheet->choice))
    {
      result->n_incomplete++;
      g_ptr_array_add (result->incomplete_sheet_ids, g_strdup (sheet->sheet_id));
      return FALSE;
    }

  return TRUE;
}

static JlEvalResult *
result_new (const JlEvalSpec        *spec,
            const JlEvalTargetInput *target)
{
  JlEvalResult *result = g_new0 (JlEvalResult, 1);

  result->target_id = g_strdup (target->target_id);
  result->n_sheets = target->sheets != NULL ? target->sheets->len : 0;
  result->void_sheet_ids = g_ptr_array_new_with_free_func (g_free);
  result->incomplete_sheet_ids = g_ptr_array_new_with_free_func (g_free);
  result->raw_mean = NAN;
  result->dropped_high = NAN;
  result->dropped_low = NAN;
  result->final_score = NAN;
  result->satisfaction_rate = NAN;
  result->dissatisfaction_rate = NAN;

  if (spec->scale == JL_EVAL_SCALE_SCORE)
    {
      result->n_criteria = spec->n_criteria;
      result->criterion_means = g_new0 (double, spec->n_criteria);
    }

  return result;
}

static void
compute_scores (const JlEvalSpec *spec,
                GPtrArray        *valid,
                JlEvalResult     *result)
{
  g_autoptr(GArray) totals = g_array_sized_new (FALSE, FALSE, sizeof (double), valid->len);
  guint decimals = spec->decimals;

  for (guint i = 0; i < valid->len; i++)
    {
      const JlEvalSheetInput *sheet = g_ptr_array_index (valid, i);
      double total = jl_eval_sheet_total (spec, sheet);

      g_array_append_val (totals, total);
      for (guint c = 0; c < spec->n_criteria; c++)
        result->criterion_means[c] += sheet->points[c];
    }

  for (guint c = 0; c < spec->n_criteria; c++)
    {
      result->criterion_means[c] = valid->len > 0
        ? jl_eval_round (result->criterion_means[c] / valid->len, decimals)
        : NAN;
    }

  if (valid->len == 0)
    return;

  score_means (spec, totals, result);
  result->raw_mean = jl_eval_round (result->raw_mean, decimals);
  result->final_score = jl_eval_round (result->final_score, decimals);
  result->dropped_high = jl_eval_round (result->dropped_high, decimals);
  result->dropped_low = jl_eval_round (result->dropped_low, decimals);
  result->band = find_band (spec, result->final_score);
}

static JlEvalResult *
compute_target (const JlEvalSpec        *spec,
                const JlEvalTargetInput *target)
{
  JlEvalResult *result = result_new (spec, target);
  g_autoptr(GPtrArray) valid = g_ptr_array_new ();

  for (guint i = 0; i < result->n_sheets; i++)
    {
      const JlEvalSheetInput *sheet = g_ptr_array_index (target->sheets, i);

      g_assert (sheet != NULL);
      if (!sheet_is_valid (spec, sheet, result))
        continue;
      g_ptr_array_add (valid, (gpointer) sheet);
      if (sheet->choice > JL_EVAL_CHOICE_NONE && sheet->choice < JL_EVAL_N_CHOICES)
        result->votes[sheet->choice]++;
    }
  result->n_valid = valid->len;

  if (spec->scale == JL_EVAL_SCALE_SCORE)
    compute_scores (spec, valid, result);

  if (spec->scale == JL_EVAL_SCALE_SATISFACTION && result->n_valid > 0)
    {
      guint yes = result->votes[JL_EVAL_CHOICE_SATISFIED] + result->votes[JL_EVAL_CHOICE_BASIC];
      guint no = result->votes[JL_EVAL_CHOICE_UNSATISFIED];

      result->satisfaction_rate = jl_eval_round (100.0 * yes / result->n_valid, RATE_DECIMALS);
      result->dissatisfaction_rate = jl_eval_round (100.0 * no / result->n_valid, RATE_DECIMALS);
    }

  return result;
}

/* The number targets are ranked by, NAN when unranked. */
static double
rank_key (const JlEvalSpec   *spec,
          const JlEvalResult *result)
{
  if (result->n_valid == 0)
    return NAN;

  switch (spec->scale)
    {
    case JL_EVAL_SCALE_SCORE:
      return result->final_score;
    case JL_EVAL_SCALE_SATISFACTION:
      return result->satisfaction_rate;
    case JL_EVAL_SCALE_GRADE:
    default:
      return NAN;
    }
}

typedef struct
{
  JlEvalResult *result;
  double        key;
} Ranked;

static int
ranked_compare (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  /* Descending. */
  return (ra->key < rb->key) - (ra->key > rb->key);
}

/* Competition ranking (1, 2, 2, 4) by descending key. */
static void
assign_ranks (const JlEvalSpec *spec,
              GPtrArray        *results)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < results->len; i++)
    {
      Ranked r = { g_ptr_array_index (results, i), NAN };

      r.key = rank_key (spec, r.result);
      if (!isnan (r.key))
        g_array_append_val (ranked, r);
    }

  g_array_sort (ranked, ranked_compare);

  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);
      const Ranked *prev = i > 0 ? &g_array_index (ranked, Ranked, i - 1) : NULL;

      r->result->rank = prev != NULL && prev->key == r->key ? prev->result->rank : i + 1;
    }
}

/**
 * jl_eval_compute:
 * @spec: the template's rules
 * @targets: (element-type JlEvalTargetInput): the targets and their sheets
 *
 * Computes the result of every target of a round: counts, means, dropped
 * extremes, band, rank, vote tallies and satisfaction rates.
 *
 * Returns: (transfer full) (element-type JlEvalResult): one result per
 *   target, in the order of @targets
 */
GPtrArray *
jl_eval_compute (const JlEvalSpec *spec,
                 GPtrArray        *targets)
{
  GPtrArray *results;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (targets != NULL, NULL);
  g_return_val_if_fail (spec->n_criteria == 0 || spec->criteria != NULL, NULL);
  g_return_val_if_fail (spec->n_bands == 0 || spec->bands != NULL, NULL);

  results = g_ptr_array_new_full (targets->len, (GDestroyNotify) jl_eval_result_free);
  for (guint i = 0; i < targets->len; i++)
    g_ptr_array_add (results, compute_target (spec, g_ptr_array_index (targets, i)));

  assign_ranks (spec, results);

  return results;
}
