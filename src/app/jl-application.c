/* jl-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-application.h"
#include "jl-window.h"

struct _JlApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
};

G_DEFINE_FINAL_TYPE (JlApplication, jl_application, ADW_TYPE_APPLICATION)

static void
jl_application_activate (GApplication *app)
{
  JlApplication *self = JL_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (jl_window_new (self));
  gtk_window_present (window);
}

static int
jl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  JlApplication *self = JL_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("jinlin %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Jinlin developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Jinlin"),
                        "developer-name", _("The Jinlin developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Community Party-building work: organisation, partner units, meeting minutes and evaluations, fully usable offline."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri (parent, "help:jinlin", GDK_CURRENT_TIME);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing through close-request lets each window save its state. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

static void
jl_application_startup (GApplication *app)
{
  static const char *help_accels[] = { "F1", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (jl_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
jl_application_finalize (GObject *object)
{
  JlApplication *self = (JlApplication *) object;

  g_clear_pointer (&self->db_path, g_free);
  G_OBJECT_CLASS (jl_application_parent_class)->finalize (object);
}

static void
jl_application_class_init (JlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = jl_application_finalize;
  app_class->activate = jl_application_activate;
  app_class->startup = jl_application_startup;
  app_class->handle_local_options = jl_application_handle_local_options;
}

static void
jl_application_init (JlApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database file"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);

  if (g_getenv ("JINLIN_DB") != NULL)
    self->db_path = g_strdup (g_getenv ("JINLIN_DB"));
  else
    self->db_path = jl_store_default_path ();
}

JlApplication *
jl_application_new (void)
{
  return g_object_new (JL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/cn/jinlin/Jinlin",
                       NULL);
}

const char *
jl_application_get_db_path (JlApplication *self)
{
  g_return_val_if_fail (JL_IS_APPLICATION (self), NULL);
  return self->db_path;
}

void
jl_application_set_db_path (JlApplication *self,
                            const char    *path)
{
  g_return_if_fail (JL_IS_APPLICATION (self));
  g_free (self->db_path);
  self->db_path = g_strdup (path);
}
