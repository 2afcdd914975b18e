/* jl-confirm.c: the delete confirmation and the icon buttons around it
 *
 * Lists, editors and the minutes all delete the same way: a flat trash
 * button, then a dialog whose safe answer is the default. Written once, the
 * wording, the destructive style and the accessible names stay alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "jl-confirm.h"

GtkWidget *
jl_icon_button_new (const char *icon,
                    const char *label)
{
  GtkWidget *button;

  g_return_val_if_fail (icon != NULL && label != NULL, NULL);

  button = gtk_button_new_from_icon_name (icon);
  gtk_widget_set_tooltip_text (button, label);
  /* An icon says nothing to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

GtkWidget *
jl_row_button_new (const char *icon,
                   const char *label)
{
  GtkWidget *button = jl_icon_button_new (icon, label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

GtkWidget *
jl_confirm_delete_new (GtkWidget  *widget,
                       const char *heading,
                       const char *body,
                       const char *action)
{
  GtkWidget *dialog;

  g_return_val_if_fail (heading != NULL && action != NULL, NULL);

  dialog = adw_message_dialog_new (window_of (widget), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", action, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter on a stray dialog must not delete anything. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

void
jl_confirm_show_error (GtkWidget    *widget,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (heading != NULL && error != NULL);

  dialog = adw_message_dialog_new (window_of (widget), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
