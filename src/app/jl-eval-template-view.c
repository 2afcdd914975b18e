/* jl-eval-template-view.c
 *
 * The record editor covers the template's own fields; its "bands" row is
 * hidden and filled by the bands editor, so that bands are checked and
 * saved with the rest of the template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlEvalTemplateView"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-eval-template-view.h"
#include "jl-page.h"
#include "jl-store-async.h"

struct _JlEvalTemplateView
{
  GtkWidget        parent_instance;

  JlStore         *store;
  JlRecordEditor  *editor;
  JlBandsEditor   *bands;
  JlCriteriaTable *criteria;

  GtkWidget       *box;
  GtkWidget       *content;
  AdwWindowTitle  *title;
  GtkWidget       *delete_button;
};

enum {
  BACK,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlEvalTemplateView, jl_eval_template_view, GTK_TYPE_WIDGET)

static const char *const new_fields[] = {
  "community_id", "name", "target_kind", "scale", "drop_extremes", "drop_min_sheets", "decimals", "bands", NULL
};

static void
bands_changed_cb (JlEvalTemplateView *self,
                  const char         *json)
{
  jl_record_editor_set_text (self->editor, "bands", json);
}

static void
saved_cb (JlEvalTemplateView *self,
          JlRecord           *tpl)
{
  adw_window_title_set_title (self->title, jl_record_get_title (tpl));
  gtk_widget_set_visible (self->delete_button, TRUE);

  /* A new template: now that it has an id, it can have criteria. */
  if (self->criteria == NULL)
    {
      self->criteria = JL_CRITERIA_TABLE (jl_criteria_table_new (self->store, jl_record_get_id (tpl)));
      gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->criteria));
    }
  jl_criteria_table_set_scale (self->criteria, jl_record_get_string (tpl, "scale"));
}

void
jl_eval_template_view_save_now (JlEvalTemplateView *self)
{
  g_return_if_fail (JL_IS_EVAL_TEMPLATE_VIEW (self));

  jl_record_editor_save_now (self->editor);
  if (self->criteria != NULL)
    jl_criteria_table_save_now (self->criteria);
}

/* Deleting
 */

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlEvalTemplateView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), JL_TYPE_PAGE);

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      if (page != NULL)
        jl_page_show_error (JL_PAGE (page), _("Could not delete"), error);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0);
}

static void
delete_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    JlEvalTemplateView *self)
{
  JlRecord *tpl = jl_record_editor_get_record (self->editor);

  if (g_strcmp0 (response, "delete") != 0 || tpl == NULL)
    return;
  jl_store_delete_async (self->store, "eval_template", jl_record_get_id (tpl), NULL, deleted_cb,
                         g_object_ref (self));
}

static void
delete_clicked_cb (JlEvalTemplateView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JlRecord *tpl = jl_record_editor_get_record (self->editor);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (tpl == NULL)
    return;
  body = g_strdup_printf (_("“%s” and its criteria will be deleted. Rounds that use it can no longer be tallied."),
                          jl_record_get_title (tpl));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete this template?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_clicked_cb (JlEvalTemplateView *self)
{
  jl_eval_template_view_save_now (self);
  g_signal_emit (self, signals[BACK], 0);
}

/* Building
 */

static GtkWidget *
make_bar (JlEvalTemplateView *self,
          JlRecord           *tpl)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_widget_set_tooltip_text (back, _("Back to the templates"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the templates"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (tpl ? jl_record_get_title (tpl) : _("New Template"),
                                                        _("Saved automatically")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  self->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (self->delete_button, _("Delete this template"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete this template"), -1);
  gtk_widget_set_visible (self->delete_button, tpl != NULL);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);

  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (bar), self->delete_button);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  return bar;
}

GtkWidget *
jl_eval_template_view_new (JlStore    *store,
                           JlRecord   *tpl,
                           const char *community_id)
{
  JlEvalTemplateView *self;
  g_autoptr(JsonObject) defaults = NULL;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *viewport;
  GtkWidget *bands_row;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);

  self = g_object_new (JL_TYPE_EVAL_TEMPLATE_VIEW, NULL);
  self->store = g_object_ref (store);
  if (tpl == NULL)
    {
      defaults = json_object_new ();
      json_object_set_string_member (defaults, "scale", "score");
      json_object_set_boolean_member (defaults, "drop_extremes", TRUE);
      json_object_set_int_member (defaults, "drop_min_sheets", 5);
      json_object_set_int_member (defaults, "decimals", 2);
      if (community_id != NULL)
        json_object_set_string_member (defaults, "community_id", community_id);
    }

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), make_bar (self, tpl));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 12);
  gtk_widget_set_margin_bottom (self->content, 24);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);

  self->editor = JL_RECORD_EDITOR (jl_record_editor_new (store, "eval_template", tpl, defaults,
                                                         tpl ? new_fields + 1 : new_fields));
  bands_row = jl_record_editor_get_row (self->editor, "bands");
  gtk_widget_set_visible (bands_row, FALSE);
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->editor));

  self->bands = JL_BANDS_EDITOR (jl_bands_editor_new ());
  jl_bands_editor_set_json (self->bands, tpl ? jl_record_get_string (tpl, "bands") : NULL);
  g_signal_connect_object (self->bands, "changed", G_CALLBACK (bands_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->bands));
  if (tpl != NULL)
    saved_cb (self, tpl);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  /* Tabbing through the criteria keeps the focused one in view. */
  viewport = gtk_viewport_new (NULL, NULL);
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), clamp);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), viewport);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);
  return GTK_WIDGET (self);
}

JlRecordEditor *
jl_eval_template_view_get_editor (JlEvalTemplateView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_TEMPLATE_VIEW (self), NULL);
  return self->editor;
}

JlBandsEditor *
jl_eval_template_view_get_bands (JlEvalTemplateView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_TEMPLATE_VIEW (self), NULL);
  return self->bands;
}

JlCriteriaTable *
jl_eval_template_view_get_criteria (JlEvalTemplateView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_TEMPLATE_VIEW (self), NULL);
  return self->criteria;
}

static void
jl_eval_template_view_dispose (GObject *object)
{
  JlEvalTemplateView *self = JL_EVAL_TEMPLATE_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jl_eval_template_view_parent_class)->dispose (object);
}

static void
jl_eval_template_view_class_init (JlEvalTemplateViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_eval_template_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /**
   * JlEvalTemplateView::back:
   *
   * The user leaves the editor (what is pending is being saved).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * JlEvalTemplateView::deleted:
   *
   * The template was deleted.
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_eval_template_view_init (JlEvalTemplateView *self)
{
}
