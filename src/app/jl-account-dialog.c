/* jl-account-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlAccountDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-account-dialog.h"

struct _JlAccountDialog
{
  AdwWindow         parent_instance;

  JlSyncController *controller;
  GtkWidget        *server;
  GtkWidget        *user;
  GtkWidget        *password;
  GtkWidget        *message;
  GtkWidget        *location;
  GtkWidget        *login;
  GtkWidget        *logout;
  GtkWidget        *spinner;
  gboolean          busy;
};

G_DEFINE_FINAL_TYPE (JlAccountDialog, jl_account_dialog, ADW_TYPE_WINDOW)

static void
set_message (JlAccountDialog *self,
             const char      *text,
             gboolean         is_error)
{
  gtk_label_set_text (GTK_LABEL (self->message), text ? text : "");
  gtk_widget_set_visible (self->message, text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (self->message, "error");
  else
    gtk_widget_remove_css_class (self->message, "error");
}

static void
update (JlAccountDialog *self)
{
  gboolean logged_in = jl_sync_controller_is_logged_in (self->controller);
  g_autofree char *where = NULL;

  gboolean demo = jl_sync_controller_holds_demo (self->controller);

  gtk_widget_set_sensitive (self->login, !self->busy && !demo);
  gtk_widget_set_visible (self->logout, logged_in);
  gtk_widget_set_sensitive (self->logout, !self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_button_set_label (GTK_BUTTON (self->login), logged_in ? _("Log In _Again") : _("_Log In"));
  if (logged_in)
    {
      where = jl_sync_controller_describe_token (self->controller);
      gtk_label_set_text (GTK_LABEL (self->location), where);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->location), _("Not logged in: nothing is kept."));
  if (demo)
    set_message (self, _("This database holds the invented demo city, which must never reach a server, so it "
                         "cannot log in. To sync your community’s real records, start Jinlin on a new, empty "
                         "database (for example: jinlin --db ~/jinlin-real.db) and log in there."), FALSE);
}

static void
fill_from_account (JlAccountDialog *self)
{
  const char *server = jl_sync_controller_get_server (self->controller);
  const char *user = jl_sync_controller_get_user (self->controller);

  if (server != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->server)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->server), server);
  if (user != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->user)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->user), user);
}

static void
controller_changed_cb (JlAccountDialog *self)
{
  fill_from_account (self);
  update (self);
}

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JlAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!jl_sync_controller_login_finish (JL_SYNC_CONTROLLER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, error->message, TRUE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Logged in as %s. The first sync has started; the top of the main window shows how it went."),
                                               gtk_editable_get_text (GTK_EDITABLE (self->user)));
      set_message (self, text, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->password), "");
    }
  update (self);
}

static void
login_clicked_cb (JlAccountDialog *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password));

  if (*server == '\0' || *user == '\0' || *password == '\0')
    {
      set_message (self, _("Enter the server address, your user name and your password."), TRUE);
      return;
    }
  self->busy = TRUE;
  set_message (self, _("Logging in…"), FALSE);
  update (self);
  jl_sync_controller_login_async (self->controller, server, user, password, login_done_cb, g_object_ref (self));
}

static void
logout_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JlAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!jl_sync_controller_logout_finish (JL_SYNC_CONTROLLER (source), result, &error))
    set_message (self, error->message, TRUE);
  else
    set_message (self, _("Logged out. Your changes stay on this computer and are sent after the next login."), FALSE);
  update (self);
}

static void
logout_clicked_cb (JlAccountDialog *self)
{
  self->busy = TRUE;
  update (self);
  jl_sync_controller_logout_async (self->controller, logout_done_cb, g_object_ref (self));
}

static void
jl_account_dialog_dispose (GObject *object)
{
  JlAccountDialog *self = JL_ACCOUNT_DIALOG (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  G_OBJECT_CLASS (jl_account_dialog_parent_class)->dispose (object);
}

static void
jl_account_dialog_class_init (JlAccountDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jl_account_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jl_account_dialog_init (JlAccountDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *status = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("Sync Account"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Sync Server"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Your community's administrator gives you the address and your account. "
                                           "Everything you enter stays usable offline."));
  self->server = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->server), _("Server address"));
  gtk_editable_set_text (GTK_EDITABLE (self->server), "");
  self->user = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user), _("User name"));
  self->password = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password), _("Password"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->server);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->user);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->password);

  self->login = gtk_button_new_with_mnemonic (_("_Log In"));
  gtk_widget_add_css_class (self->login, "suggested-action");
  gtk_widget_add_css_class (self->login, "pill");
  self->logout = gtk_button_new_with_mnemonic (_("Log _Out"));
  gtk_widget_add_css_class (self->logout, "destructive-action");
  gtk_widget_add_css_class (self->logout, "pill");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), self->spinner);
  gtk_box_append (GTK_BOX (buttons), self->login);
  gtk_box_append (GTK_BOX (buttons), self->logout);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);

  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->message), TRUE);
  gtk_widget_set_visible (self->message, FALSE);
  self->location = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->location), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->location), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->location), TRUE);
  gtk_widget_add_css_class (self->location, "dim-label");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (status), _("Device Token"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (status), self->message);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (status), self->location);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (status));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  g_signal_connect_swapped (self->login, "clicked", G_CALLBACK (login_clicked_cb), self);
  g_signal_connect_swapped (self->logout, "clicked", G_CALLBACK (logout_clicked_cb), self);
  g_signal_connect_swapped (self->password, "entry-activated", G_CALLBACK (login_clicked_cb), self);
}

JlAccountDialog *
jl_account_dialog_new (GtkWindow        *parent,
                       JlSyncController *controller,
                       const char       *reason)
{
  JlAccountDialog *self = g_object_new (JL_TYPE_ACCOUNT_DIALOG, "transient-for", parent, NULL);

  self->controller = g_object_ref (controller);
  g_signal_connect_swapped (controller, "state-changed", G_CALLBACK (controller_changed_cb), self);
  fill_from_account (self);
  if (reason != NULL)
    set_message (self, reason, TRUE);
  update (self);
  return self;
}

GtkEditable *
jl_account_dialog_get_server (JlAccountDialog *self)
{
  return GTK_EDITABLE (self->server);
}

GtkEditable *
jl_account_dialog_get_user (JlAccountDialog *self)
{
  return GTK_EDITABLE (self->user);
}

GtkEditable *
jl_account_dialog_get_password (JlAccountDialog *self)
{
  return GTK_EDITABLE (self->password);
}

GtkButton *
jl_account_dialog_get_login (JlAccountDialog *self)
{
  return GTK_BUTTON (self->login);
}

GtkButton *
jl_account_dialog_get_logout (JlAccountDialog *self)
{
  return GTK_BUTTON (self->logout);
}

const char *
jl_account_dialog_get_message (JlAccountDialog *self)
{
  return gtk_label_get_text (GTK_LABEL (self->message));
}

const char *
jl_account_dialog_get_location (JlAccountDialog *self)
{
  return gtk_label_get_text (GTK_LABEL (self->location));
}

gboolean
jl_account_dialog_is_busy (JlAccountDialog *self)
{
  return self->busy;
}
