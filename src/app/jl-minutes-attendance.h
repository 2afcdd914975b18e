/* jl-minutes-attendance.h: who came to a meeting, typed as people arrive
 *
 * One line to type into: a name (completed from the community's people
 * and partner units), the role, the status (出席/请假/缺席/迟到) and the
 * reason; Enter stores the row. Below, the rows recorded so far, and the
 * tally "应到8人，实到7人，请假1人（王主任：外出开会）" kept up to date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_MINUTES_ATTENDANCE (jl_minutes_attendance_get_type ())

G_DECLARE_FINAL_TYPE (JlMinutesAttendance, jl_minutes_attendance, JL, MINUTES_ATTENDANCE, AdwBin)

GtkWidget  *jl_minutes_attendance_new              (JlStore             *store,
                                                    const char          *meeting_id,
                                                    const char          *community_id);
void        jl_minutes_attendance_reload           (JlMinutesAttendance *self);
/* Approved minutes: no typing line, rows can only be viewed. */
void        jl_minutes_attendance_set_frozen       (JlMinutesAttendance *self,
                                                    gboolean             frozen);
/* The typing line (tests fill it in and emit "activate" on an entry). */
GtkEntry   *jl_minutes_attendance_get_name_entry   (JlMinutesAttendance *self);
GtkEntry   *jl_minutes_attendance_get_reason_entry (JlMinutesAttendance *self);
/* Chooses a status ("present", "leave", "absent", "late") on the line. */
void        jl_minutes_attendance_set_status       (JlMinutesAttendance *self,
                                                    const char          *status);
/* Stores what the line holds, as Enter does. */
void        jl_minutes_attendance_add              (JlMinutesAttendance *self);
/* The problem with the last entry ("" when none), in the user's language. */
const char *jl_minutes_attendance_get_message      (JlMinutesAttendance *self);
const char *jl_minutes_attendance_get_tally        (JlMinutesAttendance *self);
/* Rows shown (after the last reload). */
guint       jl_minutes_attendance_get_count        (JlMinutesAttendance *self);

/* Signal "changed" after the rows were reloaded. */

G_END_DECLS
