/* jl-eval-scoring-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlEvalScoringView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-eval-publish.h"
#include "jl-eval-scoring-view.h"
#include "jl-store-async.h"

struct _JlEvalScoringView
{
  GtkWidget          parent_instance;

  JlStore           *store;
  JlRecord          *round;
  GPtrArray         *target_ids;   /* char*, in the drop-down's order */
  char              *wanted;       /* target to show once loaded */
  gboolean           filling;

  GtkWidget         *box;
  AdwWindowTitle    *title;
  GtkDropDown       *targets;
  JlScoreGrid       *grid;
  JlEvalResultsView *results;
  GtkWidget         *paned;
  GtkWidget         *empty;
  GtkStack          *stack;
};

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlEvalScoringView, jl_eval_scoring_view, GTK_TYPE_WIDGET)

/* Targets
 */

static void
show_target (JlEvalScoringView *self,
             const char        *target_id)
{
  jl_score_grid_load (self->grid, jl_record_get_id (self->round), target_id);
  jl_eval_results_view_set_current (self->results, target_id);
}

static void
target_selected_cb (JlEvalScoringView *self)
{
  guint pos = gtk_drop_down_get_selected (self->targets);

  if (self->filling || pos >= self->target_ids->len)
    return;
  show_target (self, self->target_ids->pdata[pos]);
}

void
jl_eval_scoring_view_set_target (JlEvalScoringView *self,
                                 const char        *target_id)
{
  g_return_if_fail (JL_IS_EVAL_SCORING_VIEW (self));

  for (guint i = 0; i < self->target_ids->len; i++)
    if (g_strcmp0 (self->target_ids->pdata[i], target_id) == 0)
      {
        if (gtk_drop_down_get_selected (self->targets) == i)
          show_target (self, target_id);
        else
          gtk_drop_down_set_selected (self->targets, i);
        return;
      }
}

static gpointer
list_targets_func (JlStore   *store,
                   gpointer   data,
                   GError   **error)
{
  JlQuery query = { .filters = { { "round_id", data } }, .order_by = "position" };

  return jl_store_list (store, "eval_target", &query, error);
}

static void
targets_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(JlEvalScoringView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = jl_store_run_finish (JL_STORE (source), result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  if (self->box == NULL)
    return;
  if (targets == NULL)
    {
      g_warning ("Could not list the evaluated parties: %s", error->message);
      return;
    }
  g_ptr_array_set_size (self->target_ids, 0);
  for (guint i = 0; i < targets->len; i++)
    {
      const char *id = jl_record_get_id (targets->pdata[i]);

      g_ptr_array_add (self->target_ids, g_strdup (id));
      gtk_string_list_append (names, jl_record_get_title (targets->pdata[i]));
      if (g_strcmp0 (id, self->wanted) == 0)
        selected = i;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->targets, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->targets, selected);
  self->filling = FALSE;

  gtk_stack_set_visible_child (self->stack, targets->len > 0 ? self->paned : self->empty);
  gtk_widget_set_sensitive (GTK_WIDGET (self->targets), targets->len > 0);
  if (targets->len > 0)
    show_target (self, self->target_ids->pdata[selected]);
}

void
jl_eval_scoring_view_set_round (JlEvalScoringView *self,
                                JlRecord          *round,
                                const char        *target_id)
{
  g_return_if_fail (JL_IS_EVAL_SCORING_VIEW (self));
  g_return_if_fail (JL_IS_RECORD (round));

  g_set_object (&self->round, round);
  g_free (self->wanted);
  self->wanted = g_strdup (target_id);
  adw_window_title_set_title (self->title, jl_record_get_title (round));
  jl_eval_results_view_set_round (self->results, jl_record_get_id (round));
  jl_store_run_async (self->store, list_targets_func, g_strdup (jl_record_get_id (round)), g_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL, targets_listed_cb, g_object_ref (self));
}

/* Actions
 */

static void
step_target (JlEvalScoringView *self,
             int                delta)
{
  guint n = self->target_ids->len;
  guint pos = gtk_drop_down_get_selected (self->targets);

  if (n == 0)
    return;
  gtk_drop_down_set_selected (self->targets, (pos + n + delta) % n);
}

static void
next_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  step_target (JL_EVAL_SCORING_VIEW (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  step_target (JL_EVAL_SCORING_VIEW (widget), -1);
}

static void
add_ballot_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  jl_score_grid_add_ballot (JL_EVAL_SCORING_VIEW (widget)->grid);
}

static JlPage *
find_page (JlEvalScoringView *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), JL_TYPE_PAGE);
  return page ? JL_PAGE (page) : NULL;
}

static void
notice_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  JlEvalScoringView *self = JL_EVAL_SCORING_VIEW (widget);
  JlPage *page = find_page (self);

  jl_score_grid_save_now (self->grid);
  if (page != NULL && self->round != NULL)
    jl_eval_publish_notice (page, jl_record_get_id (self->round));
}

static void
csv_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  JlEvalScoringView *self = JL_EVAL_SCORING_VIEW (widget);
  JlPage *page = find_page (self);

  jl_score_grid_save_now (self->grid);
  if (page != NULL && self->round != NULL)
    jl_eval_publish_csv (page, jl_record_get_id (self->round));
}

static void
back_clicked_cb (JlEvalScoringView *self)
{
  jl_score_grid_save_now (self->grid);
  g_signal_emit (self, signals[BACK], 0);
}

static void
grid_saved_cb (JlEvalScoringView *self)
{
  jl_eval_results_view_refresh (self->results);
}

/* Building
 */

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
make_bar (JlEvalScoringView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_widget_set_tooltip_text (back, _("Back to the round"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the round"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", _("Scores are saved as you type")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);

  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (bar), icon_button ("x-office-spreadsheet-symbolic", _("_CSV"),
                                              _("Export the results for Excel or WPS"), "scoring.csv"));
  gtk_box_append (GTK_BOX (bar), icon_button ("printer-symbolic", _("_Notice…"),
                                              _("Print or export the results notice"), "scoring.notice"));
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  return bar;
}

static GtkWidget *
make_target_bar (JlEvalScoringView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Evaluated party"));
  GtkWidget *previous = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-down-symbolic");
  GtkWidget *add;

  self->targets = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->targets), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->targets));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->targets), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Evaluated party"), -1);
  g_signal_connect_object (self->targets, "notify::selected", G_CALLBACK (target_selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (previous, _("Previous party (Ctrl+Page Up)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (previous), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Previous party"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (previous), "scoring.previous-target");
  gtk_widget_set_tooltip_text (next, _("Next party (Ctrl+Page Down)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Next party"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "scoring.next-target");

  add = jl_button_new_with_mnemonic (_("_Add Ballot"));
  gtk_widget_set_tooltip_text (add, _("Start the next ballot (Ctrl+Enter)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "scoring.add-ballot");

  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->targets));
  gtk_box_append (GTK_BOX (bar), previous);
  gtk_box_append (GTK_BOX (bar), next);
  gtk_box_append (GTK_BOX (bar), add);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  return bar;
}

GtkWidget *
jl_eval_scoring_view_new (JlStore *store)
{
  JlEvalScoringView *self;
  GtkWidget *paned;
  GtkWidget *grid_box;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);

  self = g_object_new (JL_TYPE_EVAL_SCORING_VIEW, NULL);
  self->store = g_object_ref (store);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), make_bar (self));
  gtk_box_append (GTK_BOX (self->box), make_target_bar (self));

  self->grid = JL_SCORE_GRID (jl_score_grid_new (store));
  g_signal_connect_object (self->grid, "saved", G_CALLBACK (grid_saved_cb), self, G_CONNECT_SWAPPED);
  self->results = JL_EVAL_RESULTS_VIEW (jl_eval_results_view_new (store));
  /* Room for a handful of parties; the divider gives more. */
  gtk_widget_set_size_request (GTK_WIDGET (self->results), -1, 140);

  /* The grid on top, the results below; the divider can be moved. */
  paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  grid_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (grid_box), GTK_WIDGET (self->grid));
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  gtk_paned_set_start_child (GTK_PANED (paned), grid_box);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->results));
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  /* As low as the results' minimum allows: the grid gets the room. */
  gtk_paned_set_position (GTK_PANED (paned), G_MAXINT / 2);
  self->paned = paned;

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Evaluated Parties"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("Add the parties to evaluate in the round's setup first."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_child (self->stack, paned);
  gtk_stack_add_child (self->stack, self->empty);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  return GTK_WIDGET (self);
}

const char *
jl_eval_scoring_view_get_round_id (JlEvalScoringView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_SCORING_VIEW (self), NULL);
  return self->round ? jl_record_get_id (self->round) : NULL;
}

JlScoreGrid *
jl_eval_scoring_view_get_grid (JlEvalScoringView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_SCORING_VIEW (self), NULL);
  return self->grid;
}

JlEvalResultsView *
jl_eval_scoring_view_get_results (JlEvalScoringView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_SCORING_VIEW (self), NULL);
  return self->results;
}

guint
jl_eval_scoring_view_get_n_targets (JlEvalScoringView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_SCORING_VIEW (self), 0);
  return self->target_ids->len;
}

static void
jl_eval_scoring_view_dispose (GObject *object)
{
  JlEvalScoringView *self = JL_EVAL_SCORING_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->round);
  G_OBJECT_CLASS (jl_eval_scoring_view_parent_class)->dispose (object);
}

static void
jl_eval_scoring_view_finalize (GObject *object)
{
  JlEvalScoringView *self = JL_EVAL_SCORING_VIEW (object);

  g_clear_pointer (&self->target_ids, g_ptr_array_unref);
  g_free (self->wanted);
  G_OBJECT_CLASS (jl_eval_scoring_view_parent_class)->finalize (object);
}

static void
jl_eval_scoring_view_class_init (JlEvalScoringViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jl_eval_scoring_view_dispose;
  object_class->finalize = jl_eval_scoring_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "scoring.next-target", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "scoring.previous-target", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "scoring.notice", NULL, notice_action);
  gtk_widget_class_install_action (widget_class, "scoring.csv", NULL, csv_action);
  gtk_widget_class_install_action (widget_class, "scoring.add-ballot", NULL, add_ballot_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "scoring.next-target", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "scoring.previous-target", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "scoring.notice", NULL);

  /**
   * JlEvalScoringView::back:
   *
   * The user leaves score entry (what is typed is being saved).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_eval_scoring_view_init (JlEvalScoringView *self)
{
  self->target_ids = g_ptr_array_new_with_free_func (g_free);
}
