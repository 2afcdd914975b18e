/* jl-minutes-page-private.h: what jl-minutes-page.c (list, editor, parts)
 * and jl-minutes-page-actions.c (workflow, printing) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-filter-bar.h"
#include "jl-minutes-page.h"
#include "jl-record-view.h"

G_BEGIN_DECLS

struct _JlMinutesPage
{
  JlPage                parent_instance;

  /* List */
  GtkStack             *stack;
  JlRecordView         *view;
  JlFilterBar          *filters;

  /* Editor */
  AdwWindowTitle       *editor_title;
  GtkWidget            *print_button;
  GtkWidget            *export_button;
  GtkWidget            *delete_button;
  AdwActionRow         *status_row;
  GtkImage             *status_icon;
  GtkWidget            *submit_button;
  GtkWidget            *approve_button;
  GtkWidget            *return_button;
  GtkLabel             *workflow_label;
  GtkWidget            *editor_slot;
  GtkWidget            *parts_box;
  GtkWidget            *parts_hint;
  JlRecordEditor       *editor;
  JlMinutesAttendance  *attendance;
  JlMinutesAgenda      *agenda;
  JlMinutesAmendments  *amendments;
  JlMinutesAttachments *attachments;

  /* Owned */
  JlRecord             *meeting;        /* as last stored; NULL for new minutes */
  JsonObject           *defaults;       /* of new minutes */
  char                 *workflow_message;
  GtkFileChooserNative *chooser;
  gboolean              busy;           /* a workflow step is running */
  gboolean              frozen;         /* approved minutes are shown */
};

/* The meeting's state; new minutes are drafts. */
const char *_jl_minutes_page_state                (JlMinutesPage *self);
GtkWindow  *_jl_minutes_page_window               (JlMinutesPage *self);
/* Shows the state: the row, the buttons, what is frozen. */
void        _jl_minutes_page_update_state         (JlMinutesPage *self);
void        _jl_minutes_page_set_workflow_message (JlMinutesPage *self,
                                                   const char    *message);
void        _jl_minutes_page_save_all_now         (JlMinutesPage *self);
GtkWidget  *_jl_minutes_page_build_status_group   (JlMinutesPage *self);
void        _jl_minutes_page_print_clicked        (JlMinutesPage *self);
void        _jl_minutes_page_export_clicked       (JlMinutesPage *self);

G_END_DECLS
