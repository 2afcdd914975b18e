/* jl-schema-org.c: organisation kinds: community, 小区, 网格, party
 * organisation nodes and people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-schema-private.h"

static const JlField community_fields[] = {
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Community name"), .flags = REQ | TITLE | SEARCH | UNIQUE, .max_len = 100 },
  { .name = "street", .type = JL_FIELD_TEXT, .label = N_("Sub-district"), .max_len = 100 },
  { .name = "district", .type = JL_FIELD_TEXT, .label = N_("District"), .max_len = 100 },
  { .name = "city", .type = JL_FIELD_TEXT, .label = N_("City"), .max_len = 100 },
  { .name = "committee_name", .type = JL_FIELD_TEXT, .label = N_("Party committee full name"), .flags = SEARCH, .max_len = 200 },
  { .name = "secretary_id", .type = JL_FIELD_REF, .label = N_("Secretary"), .ref_kind = "person" },
  { .name = "households", .type = JL_FIELD_INT, .label = N_("Households"), .min = 0, .max = 10000000 },
  { .name = "population", .type = JL_FIELD_INT, .label = N_("Resident population"), .min = 0, .max = 10000000 },
  { .name = "registered_population", .type = JL_FIELD_INT, .label = N_("Registered population"), .min = 0, .max = 10000000 },
  { .name = "party_members", .type = JL_FIELD_INT, .label = N_("Party members"), .min = 0, .max = 1000000 },
  { .name = "area_km2", .type = JL_FIELD_REAL, .label = N_("Area (km²)"), .min = 0, .max = 100000 },
  { .name = "as_of", .type = JL_FIELD_DATE, .label = N_("Figures as of") },
  { .name = "address", .type = JL_FIELD_TEXT, .label = N_("Address"), .max_len = 200 },
  { .name = "phone", .type = JL_FIELD_TEXT, .label = N_("Phone"), .check = JL_CHECK_PHONE },
  { .name = "seal_text", .type = JL_FIELD_TEXT, .label = N_("Seal text"), .max_len = 100 },
};

const JlKind jl_kind_community = {
  .name = "community", .label = N_("Community"), .label_plural = N_("Communities"),
  FIELDS (community_fields), .order_by = "name",
};

static const JlField estate_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "code", .type = JL_FIELD_TEXT, .label = N_("Estate code"), .max_len = 50 },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Estate name"), .flags = REQ | TITLE | SEARCH | UNIQUE, .max_len = 100 },
  { .name = "address", .type = JL_FIELD_TEXT, .label = N_("Address"), .flags = SEARCH, .max_len = 200 },
  { .name = "households", .type = JL_FIELD_INT, .label = N_("Households"), .min = 0, .max = 1000000 },
  { .name = "population", .type = JL_FIELD_INT, .label = N_("Population"), .min = 0, .max = 1000000 },
  { .name = "buildings", .type = JL_FIELD_INT, .label = N_("Buildings"), .min = 0, .max = 10000 },
  { .name = "is_old_estate", .type = JL_FIELD_BOOL, .label = N_("Old estate") },
  { .name = "branch_id", .type = JL_FIELD_REF, .label = N_("Covering Party branch"), .ref_kind = "party_org" },
  { .name = "has_owners_committee", .type = JL_FIELD_BOOL, .label = N_("Has an owners' committee") },
  { .name = "owners_committee_chair", .type = JL_FIELD_TEXT, .label = N_("Owners' committee chair"), .max_len = 50 },
  { .name = "owners_committee_term_end", .type = JL_FIELD_DATE, .label = N_("Owners' committee term ends") },
  { .name = "red_owners_committee", .type = JL_FIELD_BOOL, .label = N_("Red owners' committee") },
  { .name = "oc_party_majority", .type = JL_FIELD_BOOL, .label = N_("Party members are at least half of the owners' committee") },
  { .name = "oc_cross_post", .type = JL_FIELD_BOOL, .label = N_("Branch secretary chairs the owners' committee") },
  { .name = "oc_party_group", .type = JL_FIELD_BOOL, .label = N_("Owners' committee has a Party group") },
  { .name = "has_property_company", .type = JL_FIELD_BOOL, .label = N_("Has a property company") },
  { .name = "property_company", .type = JL_FIELD_TEXT, .label = N_("Property company"), .flags = SEARCH, .max_len = 200 },
  { .name = "property_uscc", .type = JL_FIELD_TEXT, .label = N_("Property company credit code"), .check = JL_CHECK_USCC },
  { .name = "property_manager", .type = JL_FIELD_TEXT, .label = N_("Property project manager"), .max_len = 50 },
  { .name = "property_phone", .type = JL_FIELD_TEXT, .label = N_("Property company phone"), .check = JL_CHECK_PHONE },
  { .name = "red_property", .type = JL_FIELD_BOOL, .label = N_("Red property company") },
  { .name = "pc_party_org", .type = JL_FIELD_BOOL, .label = N_("Property company has a Party organisation") },
  { .name = "pc_manager_member", .type = JL_FIELD_BOOL, .label = N_("Project manager is a Party member") },
  { .name = "pc_members_identified", .type = JL_FIELD_BOOL, .label = N_("Party members on staff show their identity") },
  { .name = "joint_mechanism", .type = JL_FIELD_BOOL, .label = N_("Three-party joint meeting mechanism") },
};

const JlKind jl_kind_estate = {
  .name = "estate", .label = N_("Estate"), .label_plural = N_("Estates"),
  FIELDS (estate_fields), .order_by = "name",
};

static const JlEnumValue grid_types[] = {
  { "city", N_("City grid") },
  { "dedicated", N_("Dedicated grid") },
  { NULL, NULL }
};

static const JlEnumValue grid_org_types[] = {
  { "grid_branch", N_("Grid Party branch") },
  { "building_group", N_("Building Party group") },
  { "center_household", N_("Party member centre household") },
  { "none", N_("None") },
  { NULL, NULL }
};

static const JlField grid_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "code", .type = JL_FIELD_TEXT, .label = N_("Grid code"), .flags = REQ | UNIQUE, .max_len = 50 },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Grid name"), .flags = TITLE | SEARCH, .max_len = 100 },
  { .name = "grid_type", .type = JL_FIELD_ENUM, .label = N_("Grid type"), .values = grid_types },
  { .name = "estate_ids", .type = JL_FIELD_LIST, .label = N_("Estates in the grid") },
  { .name = "households", .type = JL_FIELD_INT, .label = N_("Households"), .min = 0, .max = 1000000 },
  { .name = "population", .type = JL_FIELD_INT, .label = N_("Population"), .min = 0, .max = 1000000 },
  { .name = "leader", .type = JL_FIELD_TEXT, .label = N_("Grid leader"), .flags = SEARCH, .max_len = 50 },
  { .name = "workers", .type = JL_FIELD_LIST, .label = N_("Grid workers") },
  { .name = "boundary_note", .type = JL_FIELD_TEXT, .label = N_("Boundaries"), .max_len = 500 },
  { .name = "party_org_type", .type = JL_FIELD_ENUM, .label = N_("Party organisation in the grid"), .values = grid_org_types },
};

const JlKind jl_kind_grid = {
  .name = "grid", .label = N_("Grid"), .label_plural = N_("Grids"),
  FIELDS (grid_fields), .order_by = "code",
};

static const JlEnumValue org_levels[] = {
  { "committee", N_("Community Party committee") },
  { "general_branch", N_("General Party branch") },
  { "branch", N_("Party branch") },
  { "group", N_("Party group") },
  { "center_household", N_("Party member centre household") },
  { NULL, NULL }
};

static const JlEnumValue org_kinds[] = {
  { "estate_branch", N_("Estate branch") },
  { "grid_branch", N_("Grid branch") },
  { "building_group", N_("Building group") },
  { "functional", N_("Functional") },
  { "joint", N_("Joint") },
  { NULL, NULL }
};

static const JlField party_org_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "parent_id", .type = JL_FIELD_REF, .label = N_("Parent organisation"), .ref_kind = "party_org" },
  { .name = "level", .type = JL_FIELD_ENUM, .label = N_("Level"), .flags = REQ, .values = org_levels },
  { .name = "org_kind", .type = JL_FIELD_ENUM, .label = N_("Kind"), .values = org_kinds },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Organisation name"), .flags = REQ | TITLE | SEARCH, .max_len = 100 },
  { .name = "org_code", .type = JL_FIELD_TEXT, .label = N_("Organisation code"), .max_len = 50 },
  { .name = "founded_on", .type = JL_FIELD_DATE, .label = N_("Founded on") },
  { .name = "secretary_id", .type = JL_FIELD_REF, .label = N_("Secretary"), .ref_kind = "person" },
  { .name = "deputy_id", .type = JL_FIELD_REF, .label = N_("Deputy secretary"), .ref_kind = "person" },
  { .name = "term_start", .type = JL_FIELD_DATE, .label = N_("Term starts") },
  { .name = "term_end", .type = JL_FIELD_DATE, .label = N_("Term ends") },
  { .name = "members_count", .type = JL_FIELD_INT, .label = N_("Party members"), .min = 0, .max = 100000 },
  { .name = "building_nos", .type = JL_FIELD_TEXT, .label = N_("Buildings"), .max_len = 200 },
  { .name = "position", .type = JL_FIELD_INT, .label = N_("Sort number"), .min = 0, .max = 100000 },
};

const JlKind jl_kind_party_org = {
  .name = "party_org", .label = N_("Party organisation"), .label_plural = N_("Party organisations"),
  FIELDS (party_org_fields), .order_by = "position",
};

static const JlEnumValue genders[] = {
  { "male", N_("Male") },
  { "female", N_("Female") },
  { NULL, NULL }
};

static const JlEnumValue member_types[] = {
  { "full", N_("Full Party member") },
  { "probationary", N_("Probationary Party member") },
  { "non_member", N_("Not a Party member") },
  { NULL, NULL }
};

static const JlEnumValue work_statuses[] = {
  { "employed", N_("In service") },
  { "retired", N_("Retired") },
  { "unemployed", N_("No fixed occupation") },
  { "student", N_("Student") },
  { NULL, NULL }
};

static const JlField person_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Name"), .flags = REQ | TITLE | SEARCH, .max_len = 50 },
  { .name = "gender", .type = JL_FIELD_ENUM, .label = N_("Gender"), .values = genders },
  { .name = "id_no", .type = JL_FIELD_TEXT, .label = N_("ID card number"), .flags = UNIQUE, .check = JL_CHECK_ID_CARD },
  { .name = "birth_date", .type = JL_FIELD_DATE, .label = N_("Date of birth") },
  { .name = "ethnicity", .type = JL_FIELD_TEXT, .label = N_("Ethnicity"), .max_len = 20 },
  { .name = "mobile", .type = JL_FIELD_TEXT, .label = N_("Mobile"), .check = JL_CHECK_MOBILE },
  { .name = "member_type", .type = JL_FIELD_ENUM, .label = N_("Party membership"), .values = member_types },
  { .name = "joined_on", .type = JL_FIELD_DATE, .label = N_("Joined the Party on") },
  { .name = "org_id", .type = JL_FIELD_REF, .label = N_("Party branch or group"), .ref_kind = "party_org" },
  { .name = "work_status", .type = JL_FIELD_ENUM, .label = N_("Work status"), .values = work_statuses },
  { .name = "employer", .type = JL_FIELD_TEXT, .label = N_("Employer"), .flags = SEARCH, .max_len = 200 },
  { .name = "estate_id", .type = JL_FIELD_REF, .label = N_("Estate of residence"), .ref_kind = "estate" },
  { .name = "building", .type = JL_FIELD_TEXT, .label = N_("Building"), .max_len = 20 },
  { .name = "room", .type = JL_FIELD_TEXT, .label = N_("Room"), .max_len = 20 },
  { .name = "is_cadre", .type = JL_FIELD_BOOL, .label = N_("Cadre") },
  { .name = "is_volunteer", .type = JL_FIELD_BOOL, .label = N_("Volunteer") },
  { .name = "skills", .type = JL_FIELD_LIST, .label = N_("Skills") },
};

const JlKind jl_kind_person = {
  .name = "person", .label = N_("Person"), .label_plural = N_("People"),
  FIELDS (person_fields), .order_by = "name",
};
