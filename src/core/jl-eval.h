/* jl-eval.h: evaluation (两评) result computation
 *
 * Pure computation over plain structs so that it can be tested by hand
 * examples and used by the store, the CLI, the app and the server alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JL_EVAL_SCALE_SCORE,          /* 分数制: points per criterion */
  JL_EVAL_SCALE_SATISFACTION,   /* 满意度: one choice per sheet */
  JL_EVAL_SCALE_GRADE,          /* 等次制: one grade vote per sheet */
} JlEvalScale;

/* Choices on a satisfaction or grade sheet. */
typedef enum
{
  JL_EVAL_CHOICE_NONE = 0,
  JL_EVAL_CHOICE_SATISFIED,     /* 满意 */
  JL_EVAL_CHOICE_BASIC,         /* 基本满意 */
  JL_EVAL_CHOICE_UNSATISFIED,   /* 不满意 */
  JL_EVAL_CHOICE_EXCELLENT,     /* 优秀 */
  JL_EVAL_CHOICE_PASS,          /* 合格 */
  JL_EVAL_CHOICE_BASIC_PASS,    /* 基本合格 */
  JL_EVAL_CHOICE_FAIL,          /* 不合格 */
  JL_EVAL_N_CHOICES
} JlEvalChoice;

typedef struct
{
  char   *label;      /* "优秀" */
  double  min_score;  /* inclusive lower bound */
} JlEvalBand;

typedef struct
{
  char   *id;
  double  max_points;
  double  weight;     /* weights of a template total 100 */
} JlEvalCriterionSpec;

typedef struct
{
  JlEvalScale          scale;
  gboolean             drop_extremes;
  guint                drop_min_sheets;   /* default 5 */
  guint                decimals;          /* default 2 */
  JlEvalCriterionSpec *criteria;
  guint                n_criteria;
  JlEvalBand          *bands;             /* sorted by min_score, highest first */
  guint                n_bands;
} JlEvalSpec;

typedef struct
{
  char         *sheet_id;
  gboolean      is_void;
  JlEvalChoice  choice;
  double       *points;     /* n_criteria entries; NAN = not filled in */
} JlEvalSheetInput;

typedef struct
{
  char      *target_id;
  GPtrArray *sheets;        /* of JlEvalSheetInput*, owned */
} JlEvalTargetInput;

typedef struct
{
  char     *target_id;
  guint     n_sheets;               /* every sheet */
  guint     n_valid;                /* counted */
  guint     n_void;                 /* 废票 */
  guint     n_incomplete;           /* missing a score or choice: reported, not counted */
  GPtrArray *void_sheet_ids;        /* of char* */
  GPtrArray *incomplete_sheet_ids;  /* of char* */
  double   *criterion_means;        /* n_criteria entries (score scale), NAN when no valid sheet */
  guint     n_criteria;
  double    raw_mean;               /* NAN when no valid sheet */
  gboolean  dropped;                /* one highest and one lowest sheet dropped */
  double    dropped_high;
  double    dropped_low;
  double    final_score;            /* trimmed mean when dropped, else raw mean */
  char     *band;                   /* NULL when no valid sheet */
  guint     rank;                   /* 1-based, ties share; 0 = unranked */
  guint     votes[JL_EVAL_N_CHOICES];
  double    satisfaction_rate;      /* percent, (满意+基本满意)/valid; NAN unless satisfaction */
  double    dissatisfaction_rate;   /* percent; NAN unless satisfaction */
} JlEvalResult;

JlEvalSheetInput  *jl_eval_sheet_input_new   (const char *sheet_id,
                                              guint       n_criteria);
void               jl_eval_sheet_input_free  (JlEvalSheetInput *sheet);
JlEvalTargetInput *jl_eval_target_input_new  (const char *target_id);
void               jl_eval_target_input_free (JlEvalTargetInput *target);
void               jl_eval_result_free       (JlEvalResult *result);

/* Default bands 优秀 ≥90, 良好 ≥80, 合格 ≥60, 不合格 ≥0 (a newly allocated
 * array of 4; free labels and array with jl_eval_bands_free). */
JlEvalBand        *jl_eval_bands_default     (guint      *n_bands);
void               jl_eval_bands_free        (JlEvalBand *bands,
                                              guint       n_bands);

/* Total of one sheet on the 100 scale: sum of points/max*weight. */
double             jl_eval_sheet_total       (const JlEvalSpec       *spec,
                                              const JlEvalSheetInput *sheet);

/* Round half away from zero to @decimals places, robust to binary
 * representation (84.165 → 84.17). */
double             jl_eval_round             (double value,
                                              guint  decimals);

/* Results in the order of @targets, ranks filled in. Returns a GPtrArray of
 * JlEvalResult* with a free func. */
GPtrArray         *jl_eval_compute           (const JlEvalSpec *spec,
                                              GPtrArray        *targets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlEvalSheetInput, jl_eval_sheet_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlEvalTargetInput, jl_eval_target_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlEvalResult, jl_eval_result_free)

G_END_DECLS
