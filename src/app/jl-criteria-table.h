/* jl-criteria-table.h: a template's criteria, typed in place
 *
 * One row per criterion: content, maximum points and weight on the first
 * line, category and scoring standard on the second. Rows are checked as
 * typed (messages name the field) and saved about a second later. Above
 * them, "Weights total 95 / 100" follows what is typed and turns to the
 * error style while the weights do not total 100, since the store refuses
 * a round on such a template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_CRITERIA_TABLE (jl_criteria_table_get_type ())

G_DECLARE_FINAL_TYPE (JlCriteriaTable, jl_criteria_table, JL, CRITERIA_TABLE, AdwBin)

GtkWidget  *jl_criteria_table_new              (JlStore         *store,
                                                const char      *template_id);
/* The template's scale: weights matter only on "score". */
void        jl_criteria_table_set_scale        (JlCriteriaTable *self,
                                                const char      *scale);
/* Sum of the weights as typed; the indicator's label and text. */
double      jl_criteria_table_get_weight_total (JlCriteriaTable *self);
GtkWidget  *jl_criteria_table_get_total_label  (JlCriteriaTable *self);
guint       jl_criteria_table_get_n_rows       (JlCriteriaTable *self);
/* The entry of @field ("content", "category", "standard", "max_points",
 * "weight") in @row. */
GtkWidget  *jl_criteria_table_get_entry        (JlCriteriaTable *self,
                                                guint            row,
                                                const char      *field);
/* Adds an empty row and focuses its content entry, which is returned. */
GtkWidget  *jl_criteria_table_add              (JlCriteriaTable *self);
gboolean    jl_criteria_table_is_loaded        (JlCriteriaTable *self);
gboolean    jl_criteria_table_is_idle          (JlCriteriaTable *self);
void        jl_criteria_table_save_now         (JlCriteriaTable *self);
const char *jl_criteria_table_get_message      (JlCriteriaTable *self);

/* Signal "saved" after a criterion was stored. */

G_END_DECLS
