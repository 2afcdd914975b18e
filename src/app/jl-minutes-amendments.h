/* jl-minutes-amendments.h: corrections to approved minutes
 *
 * Approved minutes are never edited; a correction is recorded as an
 * amendment (what is corrected, the corrected text, why), kept as written
 * and listed under the minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_MINUTES_AMENDMENTS (jl_minutes_amendments_get_type ())

G_DECLARE_FINAL_TYPE (JlMinutesAmendments, jl_minutes_amendments, JL, MINUTES_AMENDMENTS, AdwBin)

GtkWidget  *jl_minutes_amendments_new         (JlStore             *store,
                                               JlRecord            *meeting);
/* The meeting as last stored (the recorded values are taken from it). */
void        jl_minutes_amendments_set_meeting (JlMinutesAmendments *self,
                                               JlRecord            *meeting);
void        jl_minutes_amendments_reload      (JlMinutesAmendments *self);
/* Stores an amendment without asking (what the confirmation does).
 * @field: a meeting field name, a child kind ("attendance", "agenda_item",
 * "decision") or NULL for anything else. */
void        jl_minutes_amendments_add         (JlMinutesAmendments *self,
                                               const char          *field,
                                               const char          *new_value,
                                               const char          *reason,
                                               const char          *author);
guint       jl_minutes_amendments_get_count   (JlMinutesAmendments *self);
/* The problem with the last amendment ("" when none). */
const char *jl_minutes_amendments_get_message (JlMinutesAmendments *self);

G_END_DECLS
