/* bench-bare-window.c: the baseline of bench-app-start
 *
 * The least a libadwaita application shows: an AdwApplicationWindow with a
 * header bar and a label. With JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME set it
 * reports its first frame exactly as the Jinlin window does
 * (src/app/jl-window.c) and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *widget)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, widget);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  hwm = status ? strstr (status, "VmHWM:") : NULL;
  g_print ("JINLIN_BENCH first-frame-us=%" G_GINT64_FORMAT " vmhwm-kb=%" G_GINT64_FORMAT "\n",
           g_get_monotonic_time (), hwm ? g_ascii_strtoll (hwm + 6, NULL, 10) : (gint64) -1);
  g_application_quit (g_application_get_default ());
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), widget);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("近邻");

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);  /* as Jinlin's GSettings default */
  gtk_window_present (GTK_WINDOW (window));
  if (g_getenv ("JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME") != NULL)
    gtk_widget_add_tick_callback (window, tick_cb, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  setlocale (LC_ALL, "");
  app = adw_application_new ("cn.jinlin.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
