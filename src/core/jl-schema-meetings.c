/* jl-schema-meetings.c: meetings and their minutes: attendance, agenda
 * items with the four steps, decisions, amendments
 *
 * FROZEN fields become read-only once the minutes are approved; what is
 * followed up afterwards (落实反馈, decision progress, disclosure dates)
 * stays editable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jl-schema-private.h"

static const JlEnumValue meeting_types[] = {
  { "joint", N_("Party-building joint meeting") },
  { "self_gov", N_("Residents' deliberation (self-governance)") },
  { "co_gov", N_("Co-governance consultation") },
  { "general", N_("General Party member meeting") },
  { "committee", N_("Branch committee meeting") },
  { "group", N_("Party group meeting") },
  { "lecture", N_("Party lecture") },
  { "theme_day", N_("Theme Party day") },
  { "life", N_("Organisational life meeting") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const JlEnumValue meeting_states[] = {
  { JL_MEETING_DRAFT, N_("Draft") },
  { JL_MEETING_SUBMITTED, N_("Submitted for review") },
  { JL_MEETING_APPROVED, N_("Approved") },
  { NULL, NULL }
};

static const JlField meeting_fields[] = {
  { .name = "community_id", .type = JL_FIELD_REF, .label = N_("Community"), .flags = REQ | PARENT, .ref_kind = "community" },
  { .name = "org_id", .type = JL_FIELD_REF, .label = N_("Convening organisation"), .flags = FROZEN, .ref_kind = "party_org" },
  { .name = "meeting_type", .type = JL_FIELD_ENUM, .label = N_("Meeting type"), .flags = REQ | FROZEN, .values = meeting_types },
  { .name = "title", .type = JL_FIELD_TEXT, .label = N_("Title"), .flags = REQ | TITLE | SEARCH | FROZEN, .max_len = 200 },
  { .name = "held_at", .type = JL_FIELD_DATETIME, .label = N_("Held at"), .flags = REQ | FROZEN },
  { .name = "ended_at", .type = JL_FIELD_DATETIME, .label = N_("Ended at"), .flags = FROZEN },
  { .name = "place", .type = JL_FIELD_TEXT, .label = N_("Place"), .flags = SEARCH | FROZEN, .max_len = 200 },
  { .name = "host_id", .type = JL_FIELD_REF, .label = N_("Host"), .flags = FROZEN, .ref_kind = "person" },
  { .name = "recorder_id", .type = JL_FIELD_REF, .label = N_("Recorder"), .flags = FROZEN, .ref_kind = "person" },
  { .name = "lecturer", .type = JL_FIELD_TEXT, .label = N_("Lecturer"), .flags = FROZEN, .max_len = 50 },
  { .name = "observers", .type = JL_FIELD_TEXT, .label = N_("Observers"), .flags = SEARCH | FROZEN, .max_len = 2000 },
  { .name = "summary", .type = JL_FIELD_TEXT, .label = N_("Minutes"), .flags = SEARCH | FROZEN, .max_len = 100000 },
  { .name = "state", .type = JL_FIELD_ENUM, .label = N_("State"), .values = meeting_states },
  { .name = "return_reason", .type = JL_FIELD_TEXT, .label = N_("Reason for returning"), .max_len = 2000 },
  { .name = "approved_by", .type = JL_FIELD_TEXT, .label = N_("Approved by"), .max_len = 50 },
  { .name = "approved_at", .type = JL_FIELD_DATETIME, .label = N_("Approved at") },
  { .name = "is_public", .type = JL_FIELD_BOOL, .label = N_("Public") },
};

const JlKind jl_kind_meeting = {
  .name = "meeting", .label = N_("Meeting"), .label_plural = N_("Meetings"),
  FIELDS (meeting_fields), .order_by = "held_at",
};

static const JlEnumValue attendance_roles[] = {
  { "due", N_("Expected") },
  { "observer", N_("Observer") },
  { "guest", N_("Invited guest") },
  { NULL, NULL }
};

static const JlEnumValue attendance_statuses[] = {
  { "present", N_("Present") },
  { "leave", N_("On leave") },
  { "absent", N_("Absent") },
  { "late", N_("Late") },
  { NULL, NULL }
};

static const JlField attendance_fields[] = {
  { .name = "meeting_id", .type = JL_FIELD_REF, .label = N_("Meeting"), .flags = REQ | PARENT, .ref_kind = "meeting" },
  { .name = "person_id", .type = JL_FIELD_REF, .label = N_("Person"), .flags = FROZEN, .ref_kind = "person" },
  { .name = "unit_id", .type = JL_FIELD_REF, .label = N_("Partner unit"), .flags = FROZEN, .ref_kind = "partner_unit" },
  { .name = "name", .type = JL_FIELD_TEXT, .label = N_("Name"), .flags = REQ | TITLE | FROZEN, .max_len = 100 },
  { .name = "role", .type = JL_FIELD_ENUM, .label = N_("Role"), .flags = FROZEN, .values = attendance_roles },
  { .name = "status", .type = JL_FIELD_ENUM, .label = N_("Attendance"), .flags = REQ | FROZEN, .values = attendance_statuses },
  { .name = "reason", .type = JL_FIELD_TEXT, .label = N_("Reason"), .flags = FROZEN, .max_len = 500 },
};

const JlKind jl_kind_attendance = {
  .name = "attendance", .label = N_("Attendance"), .label_plural = N_("Attendance"),
  FIELDS (attendance_fields), .order_by = "name",
};

static const JlEnumValue agenda_kinds[] = {
  { "study", N_("Study") },
  { "deliberation", N_("Deliberation") },
  { "briefing", N_("Briefing") },
  { "vote", N_("Vote") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const JlField agenda_item_fields[] = {
  { .name = "meeting_id", .type = JL_FIELD_REF, .label = N_("Meeting"), .flags = REQ | PARENT, .ref_kind = "meeting" },
  { .name = "position", .type = JL_FIELD_INT, .label = N_("Position"), .flags = FROZEN, .min = 0, .max = 1000 },
  { .name = "title", .type = JL_FIELD_TEXT, .label = N_("Agenda item"), .flags = REQ | TITLE | SEARCH | FROZEN, .max_len = 200 },
  { .name = "presenter", .type = JL_FIELD_TEXT, .label = N_("Presenter"), .flags = FROZEN, .max_len = 100 },
  { .name = "item_kind", .type = JL_FIELD_ENUM, .label = N_("Kind"), .flags = FROZEN, .values = agenda_kinds },
  { .name = "step_consult", .type = JL_FIELD_TEXT, .label = N_("Joint consultation"), .flags = SEARCH | FROZEN, .max_len = 20000 },
  { .name = "step_plan", .type = JL_FIELD_TEXT, .label = N_("Proposed plan"), .flags = SEARCH | FROZEN, .max_len = 20000 },
  { .name = "step_execute", .type = JL_FIELD_TEXT, .label = N_("Coordinated execution"), .flags = SEARCH | FROZEN, .max_len = 20000 },
  { .name = "step_feedback", .type = JL_FIELD_TEXT, .label = N_("Implementation feedback"), .flags = SEARCH, .max_len = 20000 },
  { .name = "votes_yes", .type = JL_FIELD_INT, .label = N_("Votes for"), .flags = FROZEN, .min = 0, .max = 100000 },
  { .name = "votes_no", .type = JL_FIELD_INT, .label = N_("Votes against"), .flags = FROZEN, .min = 0, .max = 100000 },
  { .name = "votes_abstain", .type = JL_FIELD_INT, .label = N_("Abstentions"), .flags = FROZEN, .min = 0, .max = 100000 },
};

const JlKind jl_kind_agenda_item = {
  .name = "agenda_item", .label = N_("Agenda item"), .label_plural = N_("Agenda items"),
  FIELDS (agenda_item_fields), .order_by = "position",
};

static const JlEnumValue decision_statuses[] = {
  { "not_started", N_("Not started") },
  { "in_progress", N_("In progress") },
  { "done", N_("Completed") },
  { "delayed", N_("Delayed") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL }
};

static const JlField decision_fields[] = {
  { .name = "agenda_item_id", .type = JL_FIELD_REF, .label = N_("Agenda item"), .flags = REQ | PARENT, .ref_kind = "agenda_item" },
  { .name = "text", .type = JL_FIELD_TEXT, .label = N_("Decision"), .flags = REQ | TITLE | SEARCH | FROZEN, .max_len = 5000 },
  { .name = "lead_unit_id", .type = JL_FIELD_REF, .label = N_("Lead unit"), .flags = FROZEN, .ref_kind = "partner_unit" },
  { .name = "lead_org_id", .type = JL_FIELD_REF, .label = N_("Lead organisation"), .flags = FROZEN, .ref_kind = "party_org" },
  { .name = "owner", .type = JL_FIELD_TEXT, .label = N_("Person responsible"), .flags = SEARCH | FROZEN, .max_len = 100 },
  { .name = "due_on", .type = JL_FIELD_DATE, .label = N_("Deadline"), .flags = FROZEN },
  { .name = "status", .type = JL_FIELD_ENUM, .label = N_("Status"), .values = decision_statuses },
  { .name = "progress", .type = JL_FIELD_REAL, .label = N_("Progress (%)"), .min = 0, .max = 100 },
  { .name = "feedback", .type = JL_FIELD_TEXT, .label = N_("Feedback"), .flags = SEARCH, .max_len = 5000 },
  { .name = "decision_disclosed_on", .type = JL_FIELD_DATE, .label = N_("Decision made public on") },
  { .name = "result_disclosed_on", .type = JL_FIELD_DATE, .label = N_("Result made public on") },
};

const JlKind jl_kind_decision = {
  .name = "decision", .label = N_("Decision"), .label_plural = N_("Decisions"),
  FIELDS (decision_fields), .order_by = "due_on",
};

/* Corrections to approved minutes: append-only, never edited or deleted. */
static const JlField amendment_fields[] = {
  { .name = "meeting_id", .type = JL_FIELD_REF, .label = N_("Meeting"), .flags = REQ | PARENT, .ref_kind = "meeting" },
  { .name = "target_kind", .type = JL_FIELD_TEXT, .label = N_("Corrected record kind"), .max_len = 50 },
  { .name = "target_id", .type = JL_FIELD_TEXT, .label = N_("Corrected record"), .max_len = 36 },
  { .name = "field", .type = JL_FIELD_TEXT, .label = N_("Corrected field"), .max_len = 50 },
  { .name = "old_value", .type = JL_FIELD_TEXT, .label = N_("Recorded text"), .max_len = 100000 },
  { .name = "new_value", .type = JL_FIELD_TEXT, .label = N_("Corrected text"), .flags = REQ | TITLE | SEARCH, .max_len = 100000 },
  { .name = "reason", .type = JL_FIELD_TEXT, .label = N_("Reason for the correction"), .flags = REQ, .max_len = 2000 },
  { .name = "author", .type = JL_FIELD_TEXT, .label = N_("Corrected by"), .max_len = 50 },
  { .name = "made_on", .type = JL_FIELD_DATE, .label = N_("Corrected on") },
};

const JlKind jl_kind_amendment = {
  .name = "amendment", .label = N_("Amendment"), .label_plural = N_("Amendments"),
  FIELDS (amendment_fields), .order_by = "made_on",
};

/* A file belonging to minutes (the scanned signed minutes, photos). The
 * row syncs like any record; the bytes are a blob named by sha256, moved
 * separately (jl-blob-store.c, jl-sync-blob.c). Attachments stay possible
 * after approval: the signed scan only exists once the minutes are
 * approved. */
static const JlField attachment_fields[] = {
  { .name = "meeting_id", .type = JL_FIELD_REF, .label = N_("Meeting"), .flags = REQ | PARENT, .ref_kind = "meeting" },
  { .name = "file_name", .type = JL_FIELD_TEXT, .label = N_("File name"), .flags = REQ | TITLE | SEARCH, .max_len = 255 },
  { .name = "mime_type", .type = JL_FIELD_TEXT, .label = N_("File type"), .max_len = 255 },
  { .name = "size", .type = JL_FIELD_INT, .label = N_("Size (bytes)"), .flags = REQ, .min = 0, .max = 1e12 },
  { .name = "sha256", .type = JL_FIELD_TEXT, .label = N_("Checksum (SHA-256)"), .flags = REQ, .max_len = 64 },
  { .name = "note", .type = JL_FIELD_TEXT, .label = N_("Note"), .flags = SEARCH, .max_len = 2000 },
};

const JlKind jl_kind_attachment = {
  .name = "attachment", .label = N_("Attachment"), .label_plural = N_("Attachments"),
  FIELDS (attachment_fields), .order_by = "file_name",
};
