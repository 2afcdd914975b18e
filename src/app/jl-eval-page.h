/* jl-eval-page.h: Evaluation scoring (评议打分): rounds, their setup,
 * score entry with live results, templates
 *
 * The section starts on the list of rounds. A round opens on its setup
 * (title, template, period, anonymous, state, evaluated parties and
 * scorers), from which "Enter Scores" leads to the score grid and the live
 * results, with the results notice and the CSV export. Templates have
 * their own list and editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-eval-scoring-view.h"
#include "jl-eval-template-view.h"
#include "jl-page.h"
#include "jl-record-editor.h"

G_BEGIN_DECLS

#define JL_TYPE_EVAL_PAGE (jl_eval_page_get_type ())

G_DECLARE_FINAL_TYPE (JlEvalPage, jl_eval_page, JL, EVAL_PAGE, JlPage)

/* "rounds", "templates", "template", "round" or "scoring". */
const char         *jl_eval_page_get_view       (JlEvalPage *self);
void                jl_eval_page_show_rounds    (JlEvalPage *self);
void                jl_eval_page_show_templates (JlEvalPage *self);
GtkWidget          *jl_eval_page_get_list       (JlEvalPage *self,
                                                 const char *view);
/* Opens the editor on @tpl, or on a new template of @community_id. */
JlEvalTemplateView *jl_eval_page_edit_template  (JlEvalPage *self,
                                                 JlRecord   *tpl,
                                                 const char *community_id);
/* Opens the setup of @round, or of a new round of @community_id. */
JlRecordEditor     *jl_eval_page_edit_round     (JlEvalPage *self,
                                                 JlRecord   *round,
                                                 const char *community_id);
/* Opens score entry for @round on @target_id (NULL: the first party). */
JlEvalScoringView  *jl_eval_page_score          (JlEvalPage *self,
                                                 JlRecord   *round,
                                                 const char *target_id);

G_END_DECLS
