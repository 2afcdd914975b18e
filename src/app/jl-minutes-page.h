/* jl-minutes-page.h: the meeting minutes section
 *
 * A list of meetings (newest first, filtered by community, type and
 * state, searchable) and, for one meeting, an editor that saves as the
 * clerk types: the meeting's fields, the attendance, the agenda items with
 * the four steps and their decisions, the review workflow (submit, approve,
 * return), amendments once approved, and printing / PDF export on A4.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-minutes-agenda.h"
#include "jl-minutes-amendments.h"
#include "jl-minutes-attachments.h"
#include "jl-minutes-attendance.h"
#include "jl-page.h"
#include "jl-record-editor.h"

G_BEGIN_DECLS

#define JL_TYPE_MINUTES_PAGE (jl_minutes_page_get_type ())

G_DECLARE_FINAL_TYPE (JlMinutesPage, jl_minutes_page, JL, MINUTES_PAGE, JlPage)

/* Opens the editor on new minutes of @community_id (a joint meeting held
 * now, until changed); they are stored once a title is typed. */
JlRecordEditor      *jl_minutes_page_edit_new            (JlMinutesPage *self,
                                                          const char    *community_id);
JlRecordEditor      *jl_minutes_page_edit                (JlMinutesPage *self,
                                                          JlRecord      *meeting);
/* Saves what is pending and goes back to the list. */
void                 jl_minutes_page_close_editor        (JlMinutesPage *self);
GtkWidget           *jl_minutes_page_get_view            (JlMinutesPage *self);

/* The meeting as last stored; NULL for new minutes not stored yet. */
JlRecord            *jl_minutes_page_get_meeting         (JlMinutesPage *self);
/* The parts below the meeting's fields; NULL until the meeting is stored. */
JlMinutesAttendance *jl_minutes_page_get_attendance      (JlMinutesPage *self);
JlMinutesAgenda     *jl_minutes_page_get_agenda          (JlMinutesPage *self);
JlMinutesAmendments *jl_minutes_page_get_amendments      (JlMinutesPage *self);
JlMinutesAttachments *jl_minutes_page_get_attachments    (JlMinutesPage *self);

/* The workflow, without the confirmation the buttons ask for. Each saves
 * what is pending first; a refusal of the core is shown on the page and
 * returned by jl_minutes_page_get_workflow_message. */
void                 jl_minutes_page_submit              (JlMinutesPage *self);
void                 jl_minutes_page_approve             (JlMinutesPage *self,
                                                          const char    *approved_by);
void                 jl_minutes_page_return              (JlMinutesPage *self,
                                                          const char    *reason);
/* "" when the last workflow step succeeded. */
const char          *jl_minutes_page_get_workflow_message (JlMinutesPage *self);
/* "submit", "approve" or "return": the button (tests click it). */
GtkWidget           *jl_minutes_page_get_workflow_button (JlMinutesPage *self,
                                                          const char    *name);

/* Print… (the print dialog) and Export PDF… without the file chooser. */
void                 jl_minutes_page_print               (JlMinutesPage *self);
void                 jl_minutes_page_export_pdf          (JlMinutesPage *self,
                                                          const char    *path);

G_END_DECLS
