/* jl-sync-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlSyncIndicator"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-sync-indicator.h"

struct _JlSyncIndicator
{
  GtkBox            parent_instance;

  JlSyncController *controller;
  GtkWidget        *menu_button;
  GtkWidget        *spinner;
  GtkWidget        *icon;
  GtkWidget        *label;
  GtkWidget        *details;
  GtkWidget        *conflicts_button;
  GtkWidget        *sync_button;
};

G_DEFINE_FINAL_TYPE (JlSyncIndicator, jl_sync_indicator, GTK_TYPE_BOX)

static const char *
icon_for (JlSyncState   state,
          JlSyncProblem problem)
{
  switch (state)
    {
    case JL_SYNC_STATE_SIGNED_OUT: return "network-offline-symbolic";
    case JL_SYNC_STATE_OFFLINE:    return "network-offline-symbolic";
    case JL_SYNC_STATE_ERROR:      return problem == JL_SYNC_PROBLEM_AUTH ? "dialog-password-symbolic"
                                                                          : "dialog-warning-symbolic";
    case JL_SYNC_STATE_SYNCING:
    case JL_SYNC_STATE_IDLE:
    default:                       return problem == JL_SYNC_PROBLEM_CLOCK ? "dialog-warning-symbolic"
                                                                           : "emblem-ok-symbolic";
    }
}

static void
update (JlSyncIndicator *self)
{
  JlSyncState state = jl_sync_controller_get_state (self->controller);
  JlSyncProblem problem = jl_sync_controller_get_problem (self->controller);
  g_autofree char *summary = jl_sync_controller_get_summary (self->controller);
  g_autofree char *details = jl_sync_controller_get_details (self->controller);
  guint conflicts = jl_sync_controller_get_conflicts (self->controller);
  gboolean syncing = state == JL_SYNC_STATE_SYNCING;

  gtk_label_set_text (GTK_LABEL (self->label), summary);
  gtk_label_set_text (GTK_LABEL (self->details), details);
  gtk_widget_set_tooltip_text (self->menu_button, details);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_for (state, problem));
  /* The spinner turns only while a request runs. */
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), syncing);
  gtk_widget_set_visible (self->spinner, syncing);
  gtk_widget_set_visible (self->icon, !syncing);
  if (state == JL_SYNC_STATE_ERROR)
    gtk_widget_add_css_class (self->label, "error");
  else
    gtk_widget_remove_css_class (self->label, "error");
  /* Signed out, the button opens the account dialog (win.sync-now). */
  gtk_widget_set_sensitive (self->sync_button, !syncing);
  gtk_widget_set_tooltip_text (self->sync_button, jl_sync_controller_is_logged_in (self->controller)
                                                  ? _("Sync Now") : _("Log In to Sync…"));
  gtk_widget_set_visible (self->conflicts_button, conflicts > 0);
  if (conflicts > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u conflict to review", "%u conflicts to review",
                                                         conflicts), conflicts);
      gtk_button_set_label (GTK_BUTTON (self->conflicts_button), text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
}

static GtkWidget *
popover_button (const char *label,
                const char *action,
                GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
popover_clicked_cb (GtkWidget *button,
                    GtkWidget *menu_button)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
}

static void
jl_sync_indicator_dispose (GObject *object)
{
  JlSyncIndicator *self = JL_SYNC_INDICATOR (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  G_OBJECT_CLASS (jl_sync_indicator_parent_class)->dispose (object);
}

static void
jl_sync_indicator_class_init (JlSyncIndicatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_sync_indicator_dispose;
}

static void
jl_sync_indicator_init (JlSyncIndicator *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *account;

  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->spinner = gtk_spinner_new ();
  self->icon = gtk_image_new ();
  self->label = gtk_label_new (NULL);
  /* Never ellipsized: the summary is short by design (the details are
   * in the popover), and a cut "2 changes wai…" hides the count. */
  gtk_box_append (GTK_BOX (content), self->spinner);
  gtk_box_append (GTK_BOX (content), self->icon);
  gtk_box_append (GTK_BOX (content), self->label);

  self->details = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->details), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->details), 40);
  gtk_label_set_xalign (GTK_LABEL (self->details), 0);
  /* Not selectable: a selectable label takes the focus and opens with
   * all its text selected. The tooltip says the same. */
  gtk_widget_set_margin_bottom (self->details, 6);
  gtk_box_append (GTK_BOX (box), self->details);
  self->conflicts_button = popover_button ("", "win.show-section", g_variant_new_string ("conflicts"));
  gtk_box_append (GTK_BOX (box), self->conflicts_button);
  account = popover_button (_("_Account…"), "win.sync-account", NULL);
  gtk_box_append (GTK_BOX (box), account);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->menu_button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);
  gtk_widget_add_css_class (self->menu_button, "flat");
  g_signal_connect (self->conflicts_button, "clicked", G_CALLBACK (popover_clicked_cb), self->menu_button);
  g_signal_connect (account, "clicked", G_CALLBACK (popover_clicked_cb), self->menu_button);

  self->sync_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_tooltip_text (self->sync_button, _("Sync Now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync Now"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sync_button), "win.sync-now");

  gtk_box_append (GTK_BOX (self), self->menu_button);
  gtk_box_append (GTK_BOX (self), self->sync_button);
}

GtkWidget *
jl_sync_indicator_new (JlSyncController *controller)
{
  JlSyncIndicator *self = g_object_new (JL_TYPE_SYNC_INDICATOR, NULL);

  self->controller = g_object_ref (controller);
  g_signal_connect_swapped (controller, "state-changed", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

const char *
jl_sync_indicator_get_text (JlSyncIndicator *self)
{
  g_return_val_if_fail (JL_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->label));
}

gboolean
jl_sync_indicator_is_spinning (JlSyncIndicator *self)
{
  g_return_val_if_fail (JL_IS_SYNC_INDICATOR (self), FALSE);
  return gtk_widget_get_visible (self->spinner);
}

GtkButton *
jl_sync_indicator_get_sync_button (JlSyncIndicator *self)
{
  g_return_val_if_fail (JL_IS_SYNC_INDICATOR (self), NULL);
  return GTK_BUTTON (self->sync_button);
}
