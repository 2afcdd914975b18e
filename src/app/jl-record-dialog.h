/* jl-record-dialog.h: a small window editing one record (a child of the
 * record on the page: a linked estate, a project, an agenda item…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-record-editor.h"

G_BEGIN_DECLS

#define JL_TYPE_RECORD_DIALOG (jl_record_dialog_get_type ())

G_DECLARE_FINAL_TYPE (JlRecordDialog, jl_record_dialog, JL, RECORD_DIALOG, AdwWindow)

JlRecordDialog *jl_record_dialog_new        (GtkWindow          *parent,
                                             JlStore            *store,
                                             const char         *kind,
                                             JlRecord           *record,
                                             JsonObject         *defaults,
                                             const char * const *fields);
JlRecordEditor *jl_record_dialog_get_editor (JlRecordDialog     *self);

G_END_DECLS
