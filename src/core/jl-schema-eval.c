/* jl-schema-eval.c: evaluation scoring (两评): templates and criteria,
 * rounds with targets and scorers, score sheets and score cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-schema-private.h"

static const JlEnumValue target_kinds[] = {
  { "owners_committee", N_("Owners' committee") },
  { "property", N_("Property company") },
  { "unit", N_("Organ or partner unit") },
  { "in_service_member", N_("In-service Party member") },
  { "party_member", N_("Party member") },
  { "branch", N_("Party branch") },
  { NULL, NULL }
};

static const JlEnumValue scales[] = {
  { "score", N_("Points") },
  { "satisfaction", N_("Satisfaction") },
  { "grade", N_("Grades") },
  { NULL, NULL }
};

static const JlField eval_template_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Template name"), .flags = REQ | TITLE | SEARCH, .max_len = 200 },
  { .name = "target_kind", .type = JL_FIELD_ENUM, .label = N_("Evaluated"), .values = target_kinds },
  { .name = "scale", .type = JL_FIELD_ENUM, .label = N_("Scale"), .values = scales },
  { .name = "drop_extremes", .type = JL_FIELD_BOOL, .label = N_("Drop the highest and the lowest sheet") },
  { .name = "drop_min_sheets", .type = JL_FIELD_INT, .label = N_("Minimum sheets for dropping"), .min = 3, .max = 1000 },
  { .name = "decimals", .type = JL_FIELD_INT, .label = N_("Decimal places"), .min = 0, .max = 4 },
  { .name = "bands", .type = JL_FIELD_TEXT, .label = N_("Grade bands"), .max_len = 2000 },
};

const JlKind jl_kind_eval_template = {
  .name = "eval_template", .label = N_("Evaluation template"), .label_plural = N_("Evaluation templates"),
  FIELDS (eval_template_fields), .order_by = "name",
};

static const JlField eval_criterion_fields[] = {
  { .name = "template_id", .type = JL_FIELD_REF, .label = N_("Template"), .flags = REQ | PARENT, .ref_kind = "eval_template" },
  { .name = "position", .type = JL_FIELD_INT, .label = N_("Position"), .min = 0, .max = 1000 },
  { .name = "category", .type = JL_FIELD_TEXT, .label = N_("Category"), .max_len = 100 },
  { .name = "content", .type = JL_FIELD_TEXT, .label = N_("Criterion"), .flags = REQ | TITLE | SEARCH, .max_len = 500 },
  { .name = "standard", .type = JL_FIELD_TEXT, .label = N_("Scoring standard"), .max_len = 2000 },
  { .name = "max_points", .type = JL_FIELD_REAL, .label = N_("Maximum points"), .flags = REQ, .min = 0.5, .max = 1000 },
  { .name = "weight", .type = JL_FIELD_REAL, .label = N_("Weight"), .flags = REQ, .min = 0.01, .max = 100 },
};

const JlKind jl_kind_eval_criterion = {
  .name = "eval_criterion", .label = N_("Criterion"), .label_plural = N_("Criteria"),
  FIELDS (eval_criterion_fields), .order_by = "position",
};

static const JlEnumValue round_states[] = {
  { "preparing", N_("Preparing") },
  { "scoring", N_("Scoring") },
  { "tallied", N_("Tallied") },
  { "published", N_("Published") },
  { "archived", N_("Archived") },
  { NULL, NULL }
};

static const JlField eval_round_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "template_id", .type = JL_FIELD_REF, .label = N_("Template"), .flags = REQ, .ref_kind = "eval_template" },
  { .name = "title", .type = JL_FIELD_TEXT, .label = N_("Round"), .flags = REQ | TITLE | SEARCH, .max_len = 200 },
  { .name = "period_from", .type = JL_FIELD_DATE, .label = N_("Period from") },
  { .name = "period_to", .type = JL_FIELD_DATE, .label = N_("Period to") },
  { .name = "anonymous", .type = JL_FIELD_BOOL, .label = N_("Anonymous") },
  { .name = "state", .type = JL_FIELD_ENUM, .label = N_("State"), .values = round_states },
  { .name = "published_on", .type = JL_FIELD_DATE, .label = N_("Results published on") },
};

const JlKind jl_kind_eval_round = {
  .name = "eval_round", .label = N_("Evaluation round"), .label_plural = N_("Evaluation rounds"),
  FIELDS (eval_round_fields), .order_by = "period_from",
};

static const JlField eval_target_fields[] = {
  { .name = "round_id", .type = JL_FIELD_REF, .label = N_("Round"), .flags = REQ | PARENT, .ref_kind = "eval_round" },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Evaluated"), .flags = REQ | TITLE | SEARCH, .max_len = 200 },
  { .name = "ref_id", .type = JL_FIELD_TEXT, .label = N_("Evaluated record"), .max_len = 36 },
  { .name = "position", .type = JL_FIELD_INT, .label = N_("Position"), .min = 0, .max = 100000 },
};

const JlKind jl_kind_eval_target = {
  .name = "eval_target", .label = N_("Evaluated party"), .label_plural = N_("Evaluated parties"),
  FIELDS (eval_target_fields), .order_by = "position",
};

static const JlField eval_scorer_fields[] = {
  { .name = "round_id", .type = JL_FIELD_REF, .label = N_("Round"), .flags = REQ | PARENT, .ref_kind = "eval_round" },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Scorer"), .flags = REQ | TITLE, .max_len = 100 },
  { .name = "person_id", .type = JL_FIELD_REF, .label = N_("Person"), .ref_kind = "person" },
};

const JlKind jl_kind_eval_scorer = {
  .name = "eval_scorer", .label = N_("Scorer"), .label_plural = N_("Scorers"),
  FIELDS (eval_scorer_fields), .order_by = "name",
};

static const JlEnumValue choices[] = {
  { "satisfied", N_("Satisfied") },
  { "basic", N_("Basically satisfied") },
  { "unsatisfied", N_("Unsatisfied") },
  { "excellent", N_("Excellent") },
  { "pass", N_("Qualified") },
  { "basic_pass", N_("Basically qualified") },
  { "fail", N_("Unqualified") },
  { NULL, NULL }
};

static const JlField eval_sheet_fields[] = {
  { .name = "round_id", .type = JL_FIELD_REF, .label = N_("Round"), .flags = REQ | PARENT, .ref_kind = "eval_round" },
  { .name = "target_id", .type = JL_FIELD_REF, .label = N_("Evaluated"), .flags = REQ, .ref_kind = "eval_target" },
  { .name = "scorer_id", .type = JL_FIELD_REF, .label = N_("Scorer"), .ref_kind = "eval_scorer" },
  { .name = "ballot_no", .type = JL_FIELD_INT, .label = N_("Ballot number"), .flags = TITLE, .min = 1, .max = 1000000 },
  { .name = "is_void", .type = JL_FIELD_BOOL, .label = N_("Void ballot") },
  { .name = "void_reason", .type = JL_FIELD_TEXT, .label = N_("Why void"), .max_len = 500 },
  { .name = "choice", .type = JL_FIELD_ENUM, .label = N_("Choice"), .values = choices },
  { .name = "comment", .type = JL_FIELD_TEXT, .label = N_("Comment"), .max_len = 2000 },
};

const JlKind jl_kind_eval_sheet = {
  .name = "eval_sheet", .label = N_("Score sheet"), .label_plural = N_("Score sheets"),
  FIELDS (eval_sheet_fields), .order_by = "ballot_no",
};

static const JlField eval_score_fields[] = {
  { .name = "sheet_id", .type = JL_FIELD_REF, .label = N_("Score sheet"), .flags = REQ | PARENT, .ref_kind = "eval_sheet" },
  { .name = "criterion_id", .type = JL_FIELD_REF, .label = N_("Criterion"), .flags = REQ, .ref_kind = "eval_criterion" },
  { .name = "points", .type = JL_FIELD_REAL, .label = N_("Points"), .min = 0, .max = 1000 },
  { .name = "comment", .type = JL_FIELD_TEXT, .label = N_("Comment"), .max_len = 2000 },
};

const JlKind jl_kind_eval_score = {
  .name = "eval_score", .label = N_("Score"), .label_plural = N_("Scores"),
  FIELDS (eval_score_fields), .order_by = "criterion_id",
};
