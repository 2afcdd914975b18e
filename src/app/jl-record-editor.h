/* jl-record-editor.h: a form for one record, saved as the user types
 *
 * Rows are made from the kind's field descriptors: entries for text and
 * numbers, switches, drop-downs for enums and references. Every change is
 * checked at once (the message names the field, in Chinese) and, when
 * valid, saved on a worker thread about a second later, so a crash loses at
 * most the last keystrokes. There is no Save button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_RECORD_EDITOR (jl_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (JlRecordEditor, jl_record_editor, JL, RECORD_EDITOR, GtkWidget)

/* Edits @record, or creates a record of @kind with @defaults (e.g. the
 * parent's id) once its required fields are filled. @fields: the field
 * names to show, NULL-terminated; NULL shows every field except the
 * parent. */
GtkWidget   *jl_record_editor_new          (JlStore            *store,
                                            const char         *kind,
                                            JlRecord           *record,
                                            JsonObject         *defaults,
                                            const char * const *fields);
/* NULL until a new record was first saved. */
JlRecord    *jl_record_editor_get_record   (JlRecordEditor     *self);
/* Saves pending changes now (leaving the editor, closing the window). */
void         jl_record_editor_save_now     (JlRecordEditor     *self);
gboolean     jl_record_editor_has_pending  (JlRecordEditor     *self);
/* Makes FROZEN fields read-only (approved minutes) or every field. */
void         jl_record_editor_set_frozen   (JlRecordEditor     *self,
                                            gboolean            frozen);
void         jl_record_editor_set_read_only (JlRecordEditor    *self,
                                             gboolean           read_only);
/* The row widget of a field (tests type into it; pages add suffixes). */
GtkWidget   *jl_record_editor_get_row      (JlRecordEditor     *self,
                                            const char         *field);
/* Sets a field's value as if typed: text for entries, enum key or ref id
 * for drop-downs, "true"/"false" for switches. */
void         jl_record_editor_set_text     (JlRecordEditor     *self,
                                            const char         *field,
                                            const char         *text);
/* Current problems, one per line ("" when all is well). */
const char  *jl_record_editor_get_message  (JlRecordEditor     *self);
/* Extra widgets below the fields (child lists). */
void         jl_record_editor_append       (JlRecordEditor     *self,
                                            GtkWidget          *widget);

/* Signals: "saved" (JlRecord *record) after every successful save. */

G_END_DECLS
