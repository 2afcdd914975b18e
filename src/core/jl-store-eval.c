/* jl-store-eval.c: evaluation results from the stored sheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jl-store-private.h"

static const struct
{
  const char   *key;
  JlEvalChoice  choice;
} choice_keys[] = {
  { "satisfied", JL_EVAL_CHOICE_SATISFIED },
  { "basic", JL_EVAL_CHOICE_BASIC },
  { "unsatisfied", JL_EVAL_CHOICE_UNSATISFIED },
  { "excellent", JL_EVAL_CHOICE_EXCELLENT },
  { "pass", JL_EVAL_CHOICE_PASS },
  { "basic_pass", JL_EVAL_CHOICE_BASIC_PASS },
  { "fail", JL_EVAL_CHOICE_FAIL },
};

static JlEvalChoice
parse_choice (const char *key)
{
  for (guint i = 0; key && i < G_N_ELEMENTS (choice_keys); i++)
    if (strcmp (choice_keys[i].key, key) == 0)
      return choice_keys[i].choice;
  return JL_EVAL_CHOICE_NONE;
}

void
jl_target_result_free (JlTargetResult *result)
{
  if (result == NULL)
    return;
  g_free (result->target_id);
  g_free (result->target_name);
  g_clear_pointer (&result->result, jl_eval_result_free);
  g_free (result);
}

static GPtrArray *
list_children (JlStore     *self,
               const char  *kind,
               const char  *field,
               const char  *value,
               GError     **error)
{
  JlQuery query = { .filters = { { field, value } } };

  return jl_store_list (self, kind, &query, error);
}

static JlEvalBand *
parse_bands (const char *text,
             guint      *n_bands)
{
  g_autoptr(JsonNode) node = text ? json_from_string (text, NULL) : NULL;
  JsonArray *array;
  JlEvalBand *bands;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return jl_eval_bands_default (n_bands);

  array = json_node_get_array (node);
  *n_bands = json_array_get_length (array);
  bands = g_new0 (JlEvalBand, *n_bands);
  for (guint i = 0; i < *n_bands; i++)
    {
      JsonObject *b = json_array_get_object_element (array, i);

      bands[i].label = g_strdup (json_object_get_string_member_with_default (b, "label", ""));
      bands[i].min_score = json_object_get_double_member_with_default (b, "min", 0);
    }
  return bands;
}

GPtrArray *
jl_store_eval_results (JlStore     *self,
                       const char  *round_id,
                       GError     **error)
{
  g_autoptr(JlRecord) round = NULL;
  g_autoptr(JlRecord) tpl = NULL;
  g_autoptr(GPtrArray) criteria = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GHashTable) criterion_index = NULL;
  g_autoptr(GHashTable) target_index = NULL;
  GPtrArray *out;
  JlEvalSpec spec = { 0 };
  const char *scale;
  double total_weight = 0;

  g_return_val_if_fail (JL_IS_STORE (self), NULL);

  round = jl_store_get (self, "eval_round", round_id, error);
  if (round == NULL)
    return NULL;
  tpl = jl_store_get (self, "eval_template", jl_record_get_string (round, "template_id"), error);
  if (tpl == NULL)
    return NULL;
  if (!(criteria = list_children (self, "eval_criterion", "template_id", jl_record_get_id (tpl), error)) ||
      !(targets = list_children (self, "eval_target", "round_id", round_id, error)) ||
      !(sheets = list_children (self, "eval_sheet", "round_id", round_id, error)))
    return NULL;

  scale = jl_record_get_string (tpl, "scale");
  spec.scale = g_strcmp0 (scale, "satisfaction") == 0 ? JL_EVAL_SCALE_SATISFACTION
             : g_strcmp0 (scale, "grade") == 0 ? JL_EVAL_SCALE_GRADE : JL_EVAL_SCALE_SCORE;
  spec.drop_extremes = jl_record_get_bool (tpl, "drop_extremes");
  spec.drop_min_sheets = jl_record_get_int (tpl, "drop_min_sheets", 5);
  spec.decimals = jl_record_get_int (tpl, "decimals", 2);
  spec.n_criteria = criteria->len;
  spec.criteria = g_new0 (JlEvalCriterionSpec, criteria->len);
  criterion_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < criteria->len; i++)
    {
      JlRecord *c = criteria->pdata[i];

      spec.criteria[i].id = (char *) jl_record_get_id (c);
      spec.criteria[i].max_points = jl_record_get_double (c, "max_points", 100);
      spec.criteria[i].weight = jl_record_get_double (c, "weight", 0);
      total_weight += spec.criteria[i].weight;
      g_hash_table_insert (criterion_index, (gpointer) jl_record_get_id (c), GUINT_TO_POINTER (i));
    }
  spec.bands = parse_bands (jl_record_get_string (tpl, "bands"), &spec.n_bands);

  if (spec.scale == JL_EVAL_SCALE_SCORE && fabs (total_weight - 100) > 0.001)
    {
      g_set_error (error, JL_ERROR, JL_ERROR_INVALID,
                   _("The weights of the criteria of “%s” total %g; they must total 100."),
                   jl_record_get_title (tpl), total_weight);
      jl_eval_bands_free (spec.bands, spec.n_bands);
      g_free (spec.criteria);
      return NULL;
    }

  inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_eval_target_input_free);
  target_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < targets->len; i++)
    {
      g_ptr_array_add (inputs, jl_eval_target_input_new (jl_record_get_id (targets->pdata[i])));
      g_hash_table_insert (target_index, (gpointer) jl_record_get_id (targets->pdata[i]), inputs->pdata[i]);
    }

  for (guint i = 0; i < sheets->len; i++)
    {
      JlRecord *sheet = sheets->pdata[i];
      JlEvalTargetInput *target = g_hash_table_lookup (target_index, jl_record_get_string (sheet, "target_id"));
      g_autoptr(GPtrArray) scores = NULL;
      JlEvalSheetInput *in;

      if (target == NULL)
        continue;
      in = jl_eval_sheet_input_new (jl_record_get_id (sheet), spec.n_criteria);
      in->is_void = jl_record_get_bool (sheet, "is_void");
      in->choice = parse_choice (jl_record_get_string (sheet, "choice"));
      scores = list_children (self, "eval_score", "sheet_id", jl_record_get_id (sheet), error);
      if (scores == NULL)
        {
          jl_eval_sheet_input_free (in);
          jl_eval_bands_free (spec.bands, spec.n_bands);
          g_free (spec.criteria);
          return NULL;
        }
      for (guint j = 0; j < scores->len; j++)
        {
          JlRecord *score = scores->pdata[j];
          gpointer idx;

          if (g_hash_table_lookup_extended (criterion_index, jl_record_get_string (score, "criterion_id"),
                                            NULL, &idx) &&
              jl_record_has_value (score, "points"))
            in->points[GPOINTER_TO_UINT (idx)] = jl_record_get_double (score, "points", NAN);
        }
      g_ptr_array_add (target->sheets, in);
    }

  results = jl_eval_compute (&spec, inputs);
  jl_eval_bands_free (spec.bands, spec.n_bands);
  g_free (spec.criteria);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) jl_target_result_free);
  for (guint i = 0; i < targets->len; i++)
    {
      JlTargetResult *r = g_new0 (JlTargetResult, 1);

      r->target_id = g_strdup (jl_record_get_id (targets->pdata[i]));
      r->target_name = g_strdup (jl_record_get_title (targets->pdata[i]));
      r->result = g_steal_pointer (&results->pdata[i]);
      g_ptr_array_add (out, r);
    }
  return out;
}
