/* jl-eval-page.c: the evaluation scoring section
 *
 * A stack of views: the rounds and templates lists, a template's editor
 * (jl-eval-template-view.c), a round's setup (here) and score entry
 * (jl-eval-scoring-view.c). Editors are made anew each time they open and
 * save what is pending when they close.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlEvalPage"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-child-list.h"
#include "jl-eval-page.h"
#include "jl-filter-bar.h"
#include "jl-record-view.h"
#include "jl-store-async.h"

struct _JlEvalPage
{
  JlPage              parent_instance;

  GtkStack           *stack;
  JlRecordView       *rounds;
  JlFilterBar        *round_filters;
  JlRecordView       *templates;
  JlFilterBar        *template_filters;
  JlEvalTemplateView *template_view;
  JlEvalScoringView  *scoring;

  /* The round's setup */
  GtkWidget          *round_box;
  GtkWidget          *round_content;
  AdwWindowTitle     *round_title;
  GtkWidget          *round_delete;
  GtkWidget          *score_button;
  JlRecordEditor     *round_editor;
};

G_DEFINE_FINAL_TYPE (JlEvalPage, jl_eval_page, JL_TYPE_PAGE)

static const char *const round_columns[] = {
  "title", "community_id", "template_id", "period_from", "period_to", "state", NULL
};
static const char *const template_columns[] = { "name", "community_id", "target_kind", "scale", NULL };
static const char *const round_new_fields[] = {
  "community_id", "title", "template_id", "period_from", "period_to", "anonymous", "state", NULL
};
static const char *const round_fields[] = {
  "title", "template_id", "period_from", "period_to", "anonymous", "state", "published_on", NULL
};
static const char *const target_fields[] = { "name", "position", NULL };
static const char *const target_subtitle[] = { "position", NULL };
static const char *const scorer_fields[] = { "name", "person_id", NULL };
static const char *const scorer_subtitle[] = { "person_id", NULL };

const char *
jl_eval_page_get_view (JlEvalPage *self)
{
  g_return_val_if_fail (JL_IS_EVAL_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
jl_eval_page_get_list (JlEvalPage *self,
                       const char *view)
{
  g_return_val_if_fail (JL_IS_EVAL_PAGE (self), NULL);
  return g_strcmp0 (view, "templates") == 0 ? GTK_WIDGET (self->templates) : GTK_WIDGET (self->rounds);
}

/* A community for a new record: the filter's, or the only one there is. */
static const char *
pick_community (JlEvalPage  *self,
                JlFilterBar *filters)
{
  const char *community = jl_filter_bar_get_community (filters);
  g_autoptr(GPtrArray) all = NULL;

  if (community != NULL)
    return community;
  all = jl_title_cache_list (jl_page_get_titles (JL_PAGE (self)), "community", NULL);
  if (all->len == 1 && jl_title_cache_has_list (jl_page_get_titles (JL_PAGE (self)), "community", NULL))
    return ((JlTitleEntry *) all->pdata[0])->id;
  jl_page_toast (JL_PAGE (self), _("Choose the community in the filter first."));
  return NULL;
}

/* Lists
 */

static void
close_editors (JlEvalPage *self)
{
  if (self->template_view != NULL)
    {
      jl_eval_template_view_save_now (self->template_view);
      gtk_stack_remove (self->stack, GTK_WIDGET (self->template_view));
      self->template_view = NULL;
    }
  if (self->round_editor != NULL)
    {
      GtkWidget *child;

      jl_record_editor_save_now (self->round_editor);
      while ((child = gtk_widget_get_first_child (self->round_content)))
        gtk_box_remove (GTK_BOX (self->round_content), child);
      self->round_editor = NULL;
    }
}

void
jl_eval_page_show_rounds (JlEvalPage *self)
{
  g_return_if_fail (JL_IS_EVAL_PAGE (self));

  close_editors (self);
  jl_record_view_reload (self->rounds);
  gtk_stack_set_visible_child_name (self->stack, "rounds");
}

void
jl_eval_page_show_templates (JlEvalPage *self)
{
  g_return_if_fail (JL_IS_EVAL_PAGE (self));

  close_editors (self);
  jl_record_view_reload (self->templates);
  gtk_stack_set_visible_child_name (self->stack, "templates");
}

static void
round_filters_changed_cb (JlEvalPage *self)
{
  JlQuery query = { .order_by = "period_from", .descending = TRUE };

  jl_filter_bar_fill_query (self->round_filters, &query);
  jl_record_view_set_query (self->rounds, &query);
}

static void
template_filters_changed_cb (JlEvalPage *self)
{
  JlQuery query = { .order_by = "name" };

  jl_filter_bar_fill_query (self->template_filters, &query);
  jl_record_view_set_query (self->templates, &query);
}

/* Templates
 */

static void
template_back_cb (JlEvalPage *self)
{
  jl_eval_page_show_templates (self);
}

static void
template_deleted_cb (JlEvalPage *self)
{
  jl_page_toast (JL_PAGE (self), _("Template deleted"));
  jl_eval_page_show_templates (self);
}

JlEvalTemplateView *
jl_eval_page_edit_template (JlEvalPage *self,
                            JlRecord   *tpl,
                            const char *community_id)
{
  GtkWidget *view;

  g_return_val_if_fail (JL_IS_EVAL_PAGE (self), NULL);

  close_editors (self);
  view = jl_eval_template_view_new (jl_page_get_store (JL_PAGE (self)), tpl, community_id);
  self->template_view = JL_EVAL_TEMPLATE_VIEW (view);
  g_signal_connect_object (view, "back", G_CALLBACK (template_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "deleted", G_CALLBACK (template_deleted_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, view, "template");
  gtk_stack_set_visible_child (self->stack, view);
  gtk_widget_grab_focus (jl_record_editor_get_row (jl_eval_template_view_get_editor (self->template_view), "name"));
  return self->template_view;
}

static void
template_activated_cb (JlEvalPage *self,
                       JlRecord   *tpl)
{
  jl_eval_page_edit_template (self, tpl, NULL);
}

static void
new_template_clicked_cb (JlEvalPage *self)
{
  const char *community = pick_community (self, self->template_filters);

  if (community != NULL)
    jl_eval_page_edit_template (self, NULL, community);
}

/* A round's setup
 */

static void
round_saved_cb (JlEvalPage *self,
                JlRecord   *round)
{
  adw_window_title_set_title (self->round_title, jl_record_get_title (round));
  gtk_widget_set_visible (self->round_delete, TRUE);
  gtk_widget_set_sensitive (self->score_button, TRUE);

  /* A new round: now that it has an id, it can have parties and scorers. */
  if (g_object_get_data (G_OBJECT (self->round_editor), "jl-children") == NULL)
    {
      JlStore *store = jl_page_get_store (JL_PAGE (self));
      const char *id = jl_record_get_id (round);

      jl_record_editor_append (self->round_editor,
                               jl_child_list_new (store, "eval_target", id, target_fields, target_subtitle));
      jl_record_editor_append (self->round_editor,
                               jl_child_list_new (store, "eval_scorer", id, scorer_fields, scorer_subtitle));
      g_object_set_data (G_OBJECT (self->round_editor), "jl-children", GINT_TO_POINTER (TRUE));
    }
}

JlRecordEditor *
jl_eval_page_edit_round (JlEvalPage *self,
                         JlRecord   *round,
                         const char *community_id)
{
  g_autoptr(JsonObject) defaults = NULL;
  GtkWidget *editor;

  g_return_val_if_fail (JL_IS_EVAL_PAGE (self), NULL);

  close_editors (self);
  if (round == NULL)
    {
      defaults = json_object_new ();
      json_object_set_string_member (defaults, "state", "preparing");
      json_object_set_boolean_member (defaults, "anonymous", TRUE);
      if (community_id != NULL)
        json_object_set_string_member (defaults, "community_id", community_id);
    }
  editor = jl_record_editor_new (jl_page_get_store (JL_PAGE (self)), "eval_round", round, defaults,
                                 round ? round_fields : round_new_fields);
  self->round_editor = JL_RECORD_EDITOR (editor);
  g_signal_connect_object (editor, "saved", G_CALLBACK (round_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->round_content), editor);

  adw_window_title_set_title (self->round_title, round ? jl_record_get_title (round) : _("New Round"));
  gtk_widget_set_visible (self->round_delete, round != NULL);
  gtk_widget_set_sensitive (self->score_button, round != NULL);
  if (round != NULL)
    round_saved_cb (self, round);

  gtk_stack_set_visible_child_name (self->stack, "round");
  /* From the list, Enter twice reaches the grid. */
  gtk_widget_grab_focus (round ? self->score_button : jl_record_editor_get_row (self->round_editor, "title"));
  return self->round_editor;
}

static void
round_activated_cb (JlEvalPage *self,
                    JlRecord   *round)
{
  jl_eval_page_edit_round (self, round, NULL);
}

static void
new_round_clicked_cb (JlEvalPage *self)
{
  const char *community = pick_community (self, self->round_filters);

  if (community != NULL)
    jl_eval_page_edit_round (self, NULL, community);
}

static void
round_back_clicked_cb (JlEvalPage *self)
{
  jl_eval_page_show_rounds (self);
}

static void
score_clicked_cb (JlEvalPage *self)
{
  JlRecord *round = self->round_editor ? jl_record_editor_get_record (self->round_editor) : NULL;

  if (round != NULL)
    {
      g_autoptr(JlRecord) keep = g_object_ref (round);

      jl_record_editor_save_now (self->round_editor);
      jl_eval_page_score (self, keep, NULL);
    }
}

static void
round_deleted_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(JlEvalPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      jl_page_show_error (JL_PAGE (self), _("Could not delete"), error);
      return;
    }
  jl_page_toast (JL_PAGE (self), _("Round deleted"));
  jl_eval_page_show_rounds (self);
}

static void
round_delete_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          JlEvalPage       *self)
{
  JlRecord *round = self->round_editor ? jl_record_editor_get_record (self->round_editor) : NULL;

  if (g_strcmp0 (response, "delete") != 0 || round == NULL)
    return;
  jl_store_delete_async (jl_page_get_store (JL_PAGE (self)), "eval_round", jl_record_get_id (round), NULL,
                         round_deleted_cb, g_object_ref (self));
}

static void
round_delete_clicked_cb (JlEvalPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JlRecord *round = self->round_editor ? jl_record_editor_get_record (self->round_editor) : NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (round == NULL)
    return;
  body = g_strdup_printf (_("“%s”, its evaluated parties, scorers and every score sheet will be deleted."),
                          jl_record_get_title (round));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Delete this round?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (round_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
build_round_view (JlEvalPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *viewport;

  gtk_widget_set_tooltip_text (back, _("Back to the rounds"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the rounds"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (round_back_clicked_cb), self);
  self->round_title = ADW_WINDOW_TITLE (adw_window_title_new ("", _("Saved automatically")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->round_title), TRUE);
  self->round_delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (self->round_delete, _("Delete this round"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->round_delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete this round"), -1);
  g_signal_connect_swapped (self->round_delete, "clicked", G_CALLBACK (round_delete_clicked_cb), self);
  self->score_button = jl_button_new_with_mnemonic (_("_Enter Scores"));
  gtk_widget_add_css_class (self->score_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->score_button, _("Type the ballots and see the results"));
  g_signal_connect_swapped (self->score_button, "clicked", G_CALLBACK (score_clicked_cb), self);

  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->round_title));
  gtk_box_append (GTK_BOX (bar), self->round_delete);
  gtk_box_append (GTK_BOX (bar), self->score_button);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);

  self->round_content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (self->round_content, 12);
  gtk_widget_set_margin_bottom (self->round_content, 24);
  gtk_widget_set_margin_start (self->round_content, 12);
  gtk_widget_set_margin_end (self->round_content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->round_content);
  viewport = gtk_viewport_new (NULL, NULL);
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), clamp);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), viewport);
  gtk_widget_set_vexpand (scroller, TRUE);

  self->round_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->round_box), bar);
  gtk_box_append (GTK_BOX (self->round_box), scroller);
  return self->round_box;
}

/* Score entry
 */

static void
scoring_back_cb (JlEvalPage *self)
{
  const char *round_id = jl_eval_scoring_view_get_round_id (self->scoring);
  JlRecord *round = self->round_editor ? jl_record_editor_get_record (self->round_editor) : NULL;

  /* Back to the round's setup when it was open, else to the list. */
  if (round != NULL && g_strcmp0 (jl_record_get_id (round), round_id) == 0)
    gtk_stack_set_visible_child_name (self->stack, "round");
  else
    jl_eval_page_show_rounds (self);
}

JlEvalScoringView *
jl_eval_page_score (JlEvalPage *self,
                    JlRecord   *round,
                    const char *target_id)
{
  g_return_val_if_fail (JL_IS_EVAL_PAGE (self), NULL);
  g_return_val_if_fail (JL_IS_RECORD (round), NULL);

  jl_eval_scoring_view_set_round (self->scoring, round, target_id);
  gtk_stack_set_visible_child_name (self->stack, "scoring");
  return self->scoring;
}

/* Building the page
 */

static GtkWidget *
toolbar_button (const char *mnemonic,
                gboolean    suggested,
                GCallback   callback,
                gpointer    data)
{
  GtkWidget *button = jl_button_new_with_mnemonic (mnemonic);

  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static void
build_lists (JlEvalPage *self)
{
  JlStore *store = jl_page_get_store (JL_PAGE (self));
  GtkBox *toolbar;

  self->rounds = JL_RECORD_VIEW (jl_record_view_new (store, "eval_round", round_columns));
  g_signal_connect_object (self->rounds, "record-activated", G_CALLBACK (round_activated_cb), self,
                           G_CONNECT_SWAPPED);
  self->round_filters = jl_filter_bar_new (store, "eval_round");
  jl_filter_bar_add_community (self->round_filters);
  jl_filter_bar_add_enum (self->round_filters, "state");
  g_signal_connect_object (self->round_filters, "changed", G_CALLBACK (round_filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  toolbar = jl_record_view_get_toolbar (self->rounds);
  gtk_box_append (toolbar, GTK_WIDGET (self->round_filters));
  gtk_box_append (toolbar, toolbar_button (_("_Templates"), FALSE, G_CALLBACK (jl_eval_page_show_templates), self));
  gtk_box_append (toolbar, toolbar_button (_("_New Round"), TRUE, G_CALLBACK (new_round_clicked_cb), self));

  self->templates = JL_RECORD_VIEW (jl_record_view_new (store, "eval_template", template_columns));
  g_signal_connect_object (self->templates, "record-activated", G_CALLBACK (template_activated_cb), self,
                           G_CONNECT_SWAPPED);
  self->template_filters = jl_filter_bar_new (store, "eval_template");
  jl_filter_bar_add_community (self->template_filters);
  jl_filter_bar_add_enum (self->template_filters, "scale");
  g_signal_connect_object (self->template_filters, "changed", G_CALLBACK (template_filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  toolbar = jl_record_view_get_toolbar (self->templates);
  gtk_box_prepend (toolbar, toolbar_button (_("_Rounds"), FALSE, G_CALLBACK (jl_eval_page_show_rounds), self));
  gtk_box_append (toolbar, GTK_WIDGET (self->template_filters));
  gtk_box_append (toolbar, toolbar_button (_("_New Template"), TRUE, G_CALLBACK (new_template_clicked_cb), self));
}

static void
jl_eval_page_store_ready (JlPage *page)
{
  JlEvalPage *self = JL_EVAL_PAGE (page);

  build_lists (self);
  self->scoring = JL_EVAL_SCORING_VIEW (jl_eval_scoring_view_new (jl_page_get_store (page)));
  g_signal_connect_object (self->scoring, "back", G_CALLBACK (scoring_back_cb), self, G_CONNECT_SWAPPED);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->rounds), "rounds");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->templates), "templates");
  gtk_stack_add_named (self->stack, build_round_view (self), "round");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->scoring), "scoring");
  gtk_stack_set_visible_child_name (self->stack, "rounds");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  round_filters_changed_cb (self);
  template_filters_changed_cb (self);
}

static void
jl_eval_page_class_init (JlEvalPageClass *klass)
{
  JL_PAGE_CLASS (klass)->store_ready = jl_eval_page_store_ready;
}

static void
jl_eval_page_init (JlEvalPage *self)
{
}
