/* jl-minutes-agenda.h: a meeting's agenda items, edited in place
 *
 * Each item is a card with its own autosaving editor: title, presenter,
 * kind and the four steps 共同会商 / 提出方案 / 协同执行 / 落实反馈, then
 * the item's decisions. "Add Agenda Item" appends a card and puts the
 * cursor in its title; Move up / Move down (Alt+Up / Alt+Down inside a
 * card) reorder the items through their "position".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-child-list.h"
#include "jl-record-editor.h"

G_BEGIN_DECLS

#define JL_TYPE_MINUTES_AGENDA (jl_minutes_agenda_get_type ())

G_DECLARE_FINAL_TYPE (JlMinutesAgenda, jl_minutes_agenda, JL, MINUTES_AGENDA, AdwBin)

GtkWidget      *jl_minutes_agenda_new           (JlStore         *store,
                                                 const char      *meeting_id);
/* A new card; its item is stored once its title is typed. */
JlRecordEditor *jl_minutes_agenda_add_item      (JlMinutesAgenda *self);
guint           jl_minutes_agenda_get_n_items   (JlMinutesAgenda *self);
JlRecordEditor *jl_minutes_agenda_get_editor    (JlMinutesAgenda *self,
                                                 guint            index);
/* NULL until the item was first stored. */
JlChildList    *jl_minutes_agenda_get_decisions (JlMinutesAgenda *self,
                                                 guint            index);
/* The card of item @index (it holds the Alt+Up / Alt+Down shortcuts) and
 * its Move up / Move down buttons; a move is stored through the core
 * before the card moves on screen. */
GtkWidget      *jl_minutes_agenda_get_card      (JlMinutesAgenda *self,
                                                 guint            index);
GtkWidget      *jl_minutes_agenda_get_move_button (JlMinutesAgenda *self,
                                                   guint            index,
                                                   gboolean         up);
/* Approved minutes: FROZEN fields read-only, no adding or deleting;
 * 落实反馈 and decision follow-up stay editable. */
void            jl_minutes_agenda_set_frozen    (JlMinutesAgenda *self,
                                                 gboolean         frozen);
void            jl_minutes_agenda_save_now      (JlMinutesAgenda *self);
gboolean        jl_minutes_agenda_has_pending   (JlMinutesAgenda *self);

G_END_DECLS
