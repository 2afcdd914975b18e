/* jl-schema-partners.c: partner units (共建单位) and what hangs off them:
 * linked 小区, part-time committee members, joint projects, problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-schema-private.h"

static const JlEnumValue unit_categories[] = {
  { "resident", N_("Resident unit") },
  { "linked", N_("Linked unit") },
  { "co_building", N_("Co-building unit") },
  { NULL, NULL }
};

static const JlEnumValue unit_types[] = {
  { "party_gov", N_("Party or government organ") },
  { "institution", N_("Public institution") },
  { "soe", N_("State-owned enterprise") },
  { "private", N_("Non-public enterprise") },
  { "social_org", N_("Social organisation") },
  { "school", N_("School") },
  { "hospital", N_("Hospital") },
  { "military", N_("Military unit") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const JlEnumValue unit_statuses[] = {
  { "active", N_("Active") },
  { "paused", N_("Paused") },
  { "ended", N_("Ended") },
  { NULL, NULL }
};

static const JlField partner_unit_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Linked community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Unit name"), .flags = REQ | TITLE | SEARCH | UNIQUE, .max_len = 200 },
  { .name = "uscc", .type = JL_FIELD_TEXT, .label = N_("Unified social credit code"), .flags = UNIQUE, .check = JL_CHECK_USCC },
  { .name = "category", .type = JL_FIELD_ENUM, .label = N_("Category"), .values = unit_categories },
  { .name = "unit_type", .type = JL_FIELD_ENUM, .label = N_("Unit type"), .values = unit_types },
  { .name = "party_org_name", .type = JL_FIELD_TEXT, .label = N_("Unit Party organisation"), .flags = SEARCH, .max_len = 200 },
  { .name = "party_members", .type = JL_FIELD_INT, .label = N_("Party members"), .min = 0, .max = 1000000 },
  { .name = "staff", .type = JL_FIELD_INT, .label = N_("Staff"), .min = 0, .max = 10000000 },
  { .name = "address", .type = JL_FIELD_TEXT, .label = N_("Address"), .flags = SEARCH, .max_len = 200 },
  { .name = "chief", .type = JL_FIELD_TEXT, .label = N_("Principal"), .flags = SEARCH, .max_len = 50 },
  { .name = "chief_mobile", .type = JL_FIELD_TEXT, .label = N_("Principal's mobile"), .check = JL_CHECK_MOBILE },
  { .name = "liaison", .type = JL_FIELD_TEXT, .label = N_("Liaison"), .flags = SEARCH, .max_len = 50 },
  { .name = "liaison_phone", .type = JL_FIELD_TEXT, .label = N_("Liaison's phone"), .check = JL_CHECK_PHONE },
  { .name = "agreement_signed_on", .type = JL_FIELD_DATE, .label = N_("Agreement signed on") },
  { .name = "agreement_term_end", .type = JL_FIELD_DATE, .label = N_("Agreement ends") },
  { .name = "resources", .type = JL_FIELD_LIST, .label = N_("Resources offered") },
  { .name = "demands", .type = JL_FIELD_LIST, .label = N_("Needs") },
  { .name = "status", .type = JL_FIELD_ENUM, .label = N_("Status"), .values = unit_statuses },
  { .name = "note", .type = JL_FIELD_TEXT, .label = N_("Notes"), .flags = SEARCH, .max_len = 2000 },
};

const JlKind jl_kind_partner_unit = {
  .name = "partner_unit", .label = N_("Partner unit"), .label_plural = N_("Partner units"),
  FIELDS (partner_unit_fields), .order_by = "name",
};

static const JlField unit_estate_link_fields[] = {
  { .name = "unit_id", .type = JL_FIELD_REF, .label = N_("Partner unit"), .flags = REQ | PARENT, .ref_kind = "partner_unit" },
  { .name = "estate_id", .type = JL_FIELD_REF, .label = N_("Linked estate"), .flags = REQ, .ref_kind = "estate" },
  { .name = "since", .type = JL_FIELD_DATE, .label = N_("Linked since") },
  { .name = "until", .type = JL_FIELD_DATE, .label = N_("Linked until") },
  { .name = "is_primary", .type = JL_FIELD_BOOL, .label = N_("Primary link") },
};

const JlKind jl_kind_unit_estate_link = {
  .name = "unit_estate_link", .label = N_("Linked estate"), .label_plural = N_("Linked estates"),
  FIELDS (unit_estate_link_fields), .order_by = "since",
};

static const JlEnumValue ptm_posts[] = {
  { "member", N_("Part-time committee member") },
  { "deputy_secretary", N_("Part-time deputy secretary") },
  { NULL, NULL }
};

static const JlField part_time_member_fields[] = {
  { .name = "unit_id", .type = JL_FIELD_REF, .label = N_("Partner unit"), .flags = REQ | PARENT, .ref_kind = "partner_unit" },
  { .name = "person_id", .type = JL_FIELD_REF, .label = N_("Person"), .ref_kind = "person" },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Name"), .flags = REQ | TITLE | SEARCH, .max_len = 50 },
  { .name = "post", .type = JL_FIELD_ENUM, .label = N_("Post in the community committee"), .values = ptm_posts },
  { .name = "unit_post", .type = JL_FIELD_TEXT, .label = N_("Post in the unit"), .max_len = 100 },
  { .name = "rank", .type = JL_FIELD_TEXT, .label = N_("Job grade"), .max_len = 50 },
  { .name = "term_start", .type = JL_FIELD_DATE, .label = N_("Term starts"), .flags = REQ },
  { .name = "term_end", .type = JL_FIELD_DATE, .label = N_("Term ends") },
  { .name = "mobile", .type = JL_FIELD_TEXT, .label = N_("Mobile"), .check = JL_CHECK_MOBILE },
};

const JlKind jl_kind_part_time_member = {
  .name = "part_time_member", .label = N_("Part-time committee member"),
  .label_plural = N_("Part-time committee members"),
  FIELDS (part_time_member_fields), .order_by = "name",
};

static const JlEnumValue lian_types[] = {
  { "party_work", N_("Party work done jointly") },
  { "civility", N_("Civility built jointly") },
  { "service", N_("Service problems solved jointly") },
  { "environment", N_("Living environment built jointly") },
  { NULL, NULL }
};

static const JlEnumValue project_statuses[] = {
  { "planned", N_("Planned") },
  { "in_progress", N_("In progress") },
  { "done", N_("Completed") },
  { "stopped", N_("Stopped") },
  { NULL, NULL }
};

static const JlField project_fields[] = {
  { .name = "unit_id", .type = JL_FIELD_REF, .label = N_("Partner unit"), .flags = REQ | PARENT, .ref_kind = "partner_unit" },
  { .name = "estate_id", .type = JL_FIELD_REF, .label = N_("Estate"), .ref_kind = "estate" },
  { .name = "year", .type = JL_FIELD_INT, .label = N_("Year"), .flags = REQ, .min = 2000, .max = 2100 },
  { .name = "lian_type", .type = JL_FIELD_ENUM, .label = N_("Kind of joint work"), .flags = REQ, .values = lian_types },
  { .name = "title", .type = JL_FIELD_TEXT, .label = N_("Project"), .flags = REQ | TITLE | SEARCH, .max_len = 200 },
  { .name = "description", .type = JL_FIELD_TEXT, .label = N_("Description"), .flags = SEARCH, .max_len = 5000 },
  { .name = "start_on", .type = JL_FIELD_DATE, .label = N_("Starts on") },
  { .name = "end_on", .type = JL_FIELD_DATE, .label = N_("Ends on") },
  { .name = "budget", .type = JL_FIELD_REAL, .label = N_("Budget (yuan)"), .min = 0, .max = 1e12 },
  { .name = "status", .type = JL_FIELD_ENUM, .label = N_("Status"), .values = project_statuses },
};

const JlKind jl_kind_project = {
  .name = "project", .label = N_("Joint project"), .label_plural = N_("Joint projects"),
  FIELDS (project_fields), .order_by = "year",
};

static const JlEnumValue problem_sources[] = {
  { "hot_issue", N_("Hot issue") },
  { "visit", N_("Home visit") },
  { "joint_meeting", N_("Joint meeting") },
  { "residents", N_("Residents' deliberation") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const JlEnumValue problem_statuses[] = {
  { "claimed", N_("Claimed") },
  { "in_progress", N_("In progress") },
  { "solved", N_("Solved") },
  { "unsolved", N_("Unsolved") },
  { "transferred", N_("Transferred") },
  { NULL, NULL }
};

static const JlEnumValue ratings[] = {
  { "satisfied", N_("Satisfied") },
  { "basic", N_("Basically satisfied") },
  { "unsatisfied", N_("Unsatisfied") },
  { NULL, NULL }
};

static const JlField problem_fields[] = {
  { .name = "unit_id", .type = JL_FIELD_REF, .label = N_("Partner unit"), .flags = REQ | PARENT, .ref_kind = "partner_unit" },
  { .name = "estate_id", .type = JL_FIELD_REF, .label = N_("Estate"), .ref_kind = "estate" },
  { .name = "year", .type = JL_FIELD_INT, .label = N_("Year"), .flags = REQ, .min = 2000, .max = 2100 },
  { .name = "seq", .type = JL_FIELD_INT, .label = N_("Number in the year"), .min = 1, .max = 99 },
  { .name = "title", .type = JL_FIELD_TEXT, .label = N_("Problem"), .flags = REQ | TITLE | SEARCH, .max_len = 200 },
  { .name = "description", .type = JL_FIELD_TEXT, .label = N_("Description"), .flags = SEARCH, .max_len = 5000 },
  { .name = "source", .type = JL_FIELD_ENUM, .label = N_("Source"), .values = problem_sources },
  { .name = "agreed_in_meeting_id", .type = JL_FIELD_REF, .label = N_("Agreed in meeting"), .ref_kind = "meeting" },
  { .name = "status", .type = JL_FIELD_ENUM, .label = N_("Status"), .values = problem_statuses },
  { .name = "started_on", .type = JL_FIELD_DATE, .label = N_("Started on") },
  { .name = "solved_on", .type = JL_FIELD_DATE, .label = N_("Solved on") },
  { .name = "result_text", .type = JL_FIELD_TEXT, .label = N_("Result"), .flags = SEARCH, .max_len = 5000 },
  { .name = "resident_rating", .type = JL_FIELD_ENUM, .label = N_("Residents' rating"), .values = ratings },
};

const JlKind jl_kind_problem = {
  .name = "problem", .label = N_("Prominent problem"), .label_plural = N_("Prominent problems"),
  FIELDS (problem_fields), .order_by = "year",
};
