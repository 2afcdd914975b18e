/* jl-eval-template-view.h: editing an evaluation template: its name,
 * scale and drop-extremes rule, its grade bands and its criteria with the
 * live weight total
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-bands-editor.h"
#include "jl-criteria-table.h"
#include "jl-record-editor.h"

G_BEGIN_DECLS

#define JL_TYPE_EVAL_TEMPLATE_VIEW (jl_eval_template_view_get_type ())

G_DECLARE_FINAL_TYPE (JlEvalTemplateView, jl_eval_template_view, JL, EVAL_TEMPLATE_VIEW, GtkWidget)

/* Edits @tpl, or a new template of @community_id. */
GtkWidget       *jl_eval_template_view_new          (JlStore            *store,
                                                     JlRecord           *tpl,
                                                     const char         *community_id);
JlRecordEditor  *jl_eval_template_view_get_editor   (JlEvalTemplateView *self);
JlBandsEditor   *jl_eval_template_view_get_bands    (JlEvalTemplateView *self);
/* NULL until the template is stored (criteria need its id). */
JlCriteriaTable *jl_eval_template_view_get_criteria (JlEvalTemplateView *self);
void             jl_eval_template_view_save_now     (JlEvalTemplateView *self);

/* Signals: "back" (leave the editor), "deleted". */

G_END_DECLS
