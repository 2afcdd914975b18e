/* jl-schema-private.h: shorthands for the kind descriptor files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "jl-schema.h"

#define REQ    JL_FIELD_REQUIRED
#define SEARCH JL_FIELD_SEARCHABLE
#define TITLE  JL_FIELD_TITLE
#define PARENT JL_FIELD_PARENT
#define FROZEN JL_FIELD_FROZEN
#define UNIQUE JL_FIELD_UNIQUE

#define FIELDS(arr) .fields = arr, .n_fields = G_N_ELEMENTS (arr)

/* Natural keys: kinds whose id is a UUIDv5 of these fields' values, so two
 * clerks creating "the same" record offline converge on one row. */
typedef struct
{
  const char *kind;
  const char *fields[3];
} JlNaturalKey;

extern const JlKind jl_kind_community;
extern const JlKind jl_kind_estate;
extern const JlKind jl_kind_grid;
extern const JlKind jl_kind_party_org;
extern const JlKind jl_kind_person;
extern const JlKind jl_kind_partner_unit;
extern const JlKind jl_kind_unit_estate_link;
extern const JlKind jl_kind_part_time_member;
extern const JlKind jl_kind_project;
extern const JlKind jl_kind_problem;
extern const JlKind jl_kind_meeting;
extern const JlKind jl_kind_attendance;
extern const JlKind jl_kind_agenda_item;
extern const JlKind jl_kind_decision;
extern const JlKind jl_kind_amendment;
extern const JlKind jl_kind_attachment;
extern const JlKind jl_kind_eval_template;
extern const JlKind jl_kind_eval_criterion;
extern const JlKind jl_kind_eval_round;
extern const JlKind jl_kind_eval_target;
extern const JlKind jl_kind_eval_scorer;
extern const JlKind jl_kind_eval_sheet;
extern const JlKind jl_kind_eval_score;
