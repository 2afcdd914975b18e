/* jl-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jl-test-ui.h"

static JlApplication *app;

gboolean
jl_test_ui_init (int    *argc,
                 char ***argv)
{
  const char *localedir = g_getenv ("JINLIN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
jl_test_ui_wait (gboolean (*cond) (gpointer data),
                 gpointer   data,
                 guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return cond (data);
}

void
jl_test_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
window_ready (gpointer data)
{
  return jl_window_get_store (data) != NULL && jl_window_get_page (data, "partners") != NULL;
}

JlWindow *
jl_test_ui_open_window (const char *db_path)
{
  JlWindow *window;

  g_setenv ("JINLIN_DB", db_path, TRUE);
  if (app == NULL)
    {
      app = jl_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, NULL);
    }
  jl_application_set_db_path (app, db_path);
  window = jl_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (jl_test_ui_wait (window_ready, window, 10000));
  return window;
}
