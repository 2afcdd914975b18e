/* jl-record-pane.h: the records of one kind within a community (a list
 * that opens an editor in place, with New and Delete), as the partner
 * page does for units; the organisation page has one each for estates,
 * people and grids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-record-editor.h"
#include "jl-record-view.h"

G_BEGIN_DECLS

#define JL_TYPE_RECORD_PANE (jl_record_pane_get_type ())

G_DECLARE_FINAL_TYPE (JlRecordPane, jl_record_pane, JL, RECORD_PANE, AdwBin)

/* @columns: fields shown in the list; @fields: fields of the editor
 * (without community_id, which the scope gives); @new_label: the New
 * button's mnemonic label. */
GtkWidget      *jl_record_pane_new          (JlStore            *store,
                                             const char         *kind,
                                             const char * const *columns,
                                             const char * const *fields,
                                             const char         *new_label);
/* Lists the records of @community_id (NULL: of every community), narrowed
 * to @field = @value when @field is not NULL; new records start with these
 * values. Closes an open editor (saving it). */
void            jl_record_pane_set_scope    (JlRecordPane       *self,
                                             const char         *community_id,
                                             const char         *field,
                                             const char         *value);
JlRecordEditor *jl_record_pane_edit_new     (JlRecordPane       *self);
JlRecordEditor *jl_record_pane_edit         (JlRecordPane       *self,
                                             JlRecord           *record);
void            jl_record_pane_close_editor (JlRecordPane       *self);
JlRecordView   *jl_record_pane_get_view     (JlRecordPane       *self);
/* NULL while the list is shown. */
JlRecordEditor *jl_record_pane_get_editor   (JlRecordPane       *self);

G_END_DECLS
