/* jl-demo-eval.c: demo evaluation templates, rounds and score sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "JlDemo"

#include "jl-demo-private.h"

/* Evaluation (两评)
 */

typedef struct
{
  const char *id;
  const char *criteria[G_N_ELEMENTS (_jl_demo_property_criteria)];
  double      max_points[G_N_ELEMENTS (_jl_demo_property_criteria)];
  guint       n_criteria;
  gboolean    satisfaction;
} Template;

static gboolean
put_templates (Demo       *d,
               Community  *c,
               Template   *score,
               Template   *satisfaction,
               GError    **error)
{
  g_autoptr(JsonObject) obj = _jl_demo_record_new (d, &score->id);
  g_autoptr(JsonObject) sat = _jl_demo_record_new (d, &satisfaction->id);
  const double *weights = _jl_demo_weight_sets[rng_below (&d->rng, G_N_ELEMENTS (_jl_demo_weight_sets))];
  JsonObject *criterion;

  _jl_demo_set_str (obj, "community_id", c->id);
  _jl_demo_set_str (obj, "name", "红色物业考评表");
  _jl_demo_set_str (obj, "target_kind", "property");
  _jl_demo_set_str (obj, "scale", "score");
  score->n_criteria = G_N_ELEMENTS (_jl_demo_property_criteria);
  for (guint i = 0; i < score->n_criteria; i++)
    {
      criterion = _jl_demo_child_new (d, obj, "eval_criterion", TRUE, &score->criteria[i]);
      _jl_demo_set_int (criterion, "position", i + 1);
      _jl_demo_set_str (criterion, "category", _jl_demo_property_criteria[i].category);
      _jl_demo_set_str (criterion, "content", _jl_demo_property_criteria[i].content);
      _jl_demo_set_str (criterion, "standard", _jl_demo_property_criteria[i].standard);
      _jl_demo_set_real (criterion, "max_points", weights[i]);
      _jl_demo_set_real (criterion, "weight", weights[i]);
      score->max_points[i] = weights[i];
    }

  _jl_demo_set_str (sat, "community_id", c->id);
  _jl_demo_set_str (sat, "name", "业委会履职满意度测评表");
  _jl_demo_set_str (sat, "target_kind", "owners_committee");
  _jl_demo_set_str (sat, "scale", "satisfaction");
  _jl_demo_set_bool (sat, "drop_extremes", FALSE);
  criterion = _jl_demo_child_new (d, sat, "eval_criterion", TRUE, &satisfaction->criteria[0]);
  _jl_demo_set_int (criterion, "position", 1);
  _jl_demo_set_str (criterion, "content", "业委会依法履职、公开透明、服务业主的总体评价");
  _jl_demo_set_real (criterion, "max_points", 100);
  _jl_demo_set_real (criterion, "weight", 100);
  satisfaction->n_criteria = 1;
  satisfaction->satisfaction = TRUE;

  return _jl_demo_put (d, "eval_template", NULL, obj, error) &&
         _jl_demo_put (d, "eval_template", NULL, sat, error);
}

static void
add_scores (Demo           *d,
            JsonObject     *sheet,
            const Template *tpl,
            double          quality,
            gboolean        incomplete)
{
  guint skipped = incomplete ? rng_below (&d->rng, tpl->n_criteria) : G_MAXUINT;

  for (guint i = 0; i < tpl->n_criteria; i++)
    {
      JsonObject *cell;
      double noise = (rng_unit (&d->rng) - 0.6) * 0.2;
      double q = CLAMP (quality + noise, 0.4, 1.0);

      if (i == skipped)
        continue;
      cell = _jl_demo_child_new (d, sheet, "eval_score", FALSE, NULL);
      _jl_demo_set_str (cell, "criterion_id", tpl->criteria[i]);
      /* Half points, never above the maximum. */
      _jl_demo_set_real (cell, "points", MIN (tpl->max_points[i],
                                              (double) (guint) (tpl->max_points[i] * q * 2 + 0.5) / 2));
    }
}

static gboolean
put_sheets (Demo           *d,
            const char     *round_id,
            const char     *target_id,
            const Template *tpl,
            guint          *ballot,
            GError        **error)
{
  double quality = 0.70 + 0.27 * rng_unit (&d->rng);

  for (guint n = rng_range (&d->rng, 5, 9); n > 0; n--)
    {
      g_autoptr(JsonObject) sheet = json_object_new ();
      guint roll = rng_below (&d->rng, 100);

      d->stats.records++;
      _jl_demo_set_str (sheet, "round_id", round_id);
      _jl_demo_set_str (sheet, "target_id", target_id);
      _jl_demo_set_int (sheet, "ballot_no", ++*ballot);
      if (roll < 3)
        {
          _jl_demo_set_bool (sheet, "is_void", TRUE);
          _jl_demo_set_str (sheet, "void_reason", PICK (&d->rng, _jl_demo_void_reasons));
        }
      else if (tpl->satisfaction)
        {
          double x = rng_unit (&d->rng);

          /* roll 3–5: left blank, an incomplete sheet */
          if (roll >= 6)
            _jl_demo_set_str (sheet, "choice", x < quality ? "satisfied"
                                               : x < quality + (1 - quality) * 0.7 ? "basic"
                                               : "unsatisfied");
        }
      else
        add_scores (d, sheet, tpl, quality, roll < 6);
      if (roll >= 3 && rng_chance (&d->rng, 12))
        _jl_demo_set_str (sheet, "comment", PICK (&d->rng, _jl_demo_sheet_comments));
      d->stats.score_sheets++;
      if (!_jl_demo_put (d, "eval_sheet", NULL, sheet, error))
        return FALSE;
    }
  return TRUE;
}

/* A round with three to five estates' property companies or owners'
 * committees and anonymous ballots. Last year's is published, with five
 * to nine sheets per target; this year's is being prepared. */
static gboolean
put_round (Demo            *d,
           Community       *c,
           const Template  *tpl,
           guint            year,
           GError         **error)
{
  g_autoptr(JsonObject) obj = NULL;
  guint candidates[MAX_LOCAL], order[MAX_LOCAL];
  const char *target_ids[5];
  guint n_candidates = 0, n_targets, ballot = 0;
  guint8 flag = tpl->satisfaction ? FLAG_OC : FLAG_PC;
  GDate from = _jl_demo_make_date (year, 1, 1), to = _jl_demo_make_date (year, 12, 31);
  GDate published = _jl_demo_make_date (year + 1, 1, rng_range (&d->rng, 10, 25));
  const char *round_id;

  for (guint i = 0; i < c->estates->len; i++)
    if (g_array_index (c->estates, Estate, i).flags & flag)
      candidates[n_candidates++] = i;
  n_targets = rng_range (&d->rng, 3, 5);
  n_targets = MIN (n_targets, n_candidates);
  _jl_demo_pick_distinct (&d->rng, n_candidates, n_targets, order);

  obj = _jl_demo_record_new (d, &round_id);
  _jl_demo_set_str (obj, "community_id", c->id);
  _jl_demo_set_str (obj, "template_id", tpl->id);
  _jl_demo_set_str (obj, "title", _jl_demo_keepf (d, tpl->satisfaction ? "%u年度业委会履职满意度测评"
                                                                       : "%u年度红色物业考评", year));
  _jl_demo_set_date (d, obj, "period_from", &from);
  _jl_demo_set_date (d, obj, "period_to", &to);
  _jl_demo_set_bool (obj, "anonymous", TRUE);
  if (year < g_date_get_year (&d->today))
    {
      _jl_demo_set_str (obj, "state", "published");
      _jl_demo_set_date (d, obj, "published_on", _jl_demo_earlier (&published, &d->today));
    }
  else
    _jl_demo_set_str (obj, "state", "preparing");

  for (guint i = 0; i < n_targets; i++)
    {
      const Estate *e = &g_array_index (c->estates, Estate, candidates[order[i]]);
      JsonObject *target = _jl_demo_child_new (d, obj, "eval_target", TRUE, &target_ids[i]);

      if (tpl->satisfaction)
        _jl_demo_set_str (target, "name", _jl_demo_keepf (d, "%s业主委员会", e->name));
      else
        _jl_demo_set_str (target, "name", _jl_demo_keepf (d, "%s（%s）", e->name, e->company->name));
      _jl_demo_set_str (target, "ref_id", e->id);
      _jl_demo_set_int (target, "position", i + 1);
    }
  if (!_jl_demo_put (d, "eval_round", NULL, obj, error))
    return FALSE;

  for (guint i = 0; i < n_targets && year < g_date_get_year (&d->today); i++)
    if (!put_sheets (d, round_id, target_ids[i], tpl, &ballot, error))
      return FALSE;
  return TRUE;
}

gboolean
_jl_demo_put_evaluation (Demo       *d,
                         Community  *c,
                         GError    **error)
{
  Template score = { 0 }, satisfaction = { 0 };
  guint year = g_date_get_year (&d->today);

  return put_templates (d, c, &score, &satisfaction, error) &&
         put_round (d, c, &score, year - 1, error) &&
         put_round (d, c, &satisfaction, year - 1, error) &&
         put_round (d, c, &score, year, error) &&
         put_round (d, c, &satisfaction, year, error);
}
