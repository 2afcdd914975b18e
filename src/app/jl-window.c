/* jl-window.c: the main window: a sidebar of sections and their pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jl-account-dialog.h"
#include "jl-child-list.h"
#include "jl-conflicts-page.h"
#include "jl-eval-page.h"
#include "jl-minutes-page.h"
#include "jl-org-page.h"
#include "jl-overview-page.h"
#include "jl-partner-page.h"
#include "jl-record-view.h"
#include "jl-secret-token-store.h"
#include "jl-store-async.h"
#include "jl-sync-indicator.h"
#include "jl-window.h"

struct _JlWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkLabel             *db_label;
  AdwWindowTitle       *content_title;
  AdwHeaderBar         *content_header;
  GtkStack             *stack;
  AdwStatusPage        *status_page;

  /* Owned */
  GSettings            *settings;
  JlStore              *store;
  GCancellable         *cancellable;
  JlSyncController     *sync;
  GtkWidget            *sync_indicator;
  GtkWidget            *conflicts_badge;
  JlAccountDialog      *account_dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (JlWindow, jl_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  const char *name;
  const char *title;
  const char *icon;
  GType     (*get_type) (void);
} Section;

static const Section sections[] = {
  { "overview", N_("Overview"), "view-grid-symbolic", jl_overview_page_get_type },
  { "organisation", N_("Organisation"), "system-users-symbolic", jl_org_page_get_type },
  { "partners", N_("Partner Units"), "emblem-shared-symbolic", jl_partner_page_get_type },
  { "minutes", N_("Meeting Minutes"), "x-office-document-symbolic", jl_minutes_page_get_type },
  { "evaluation", N_("Evaluation Scoring"), "starred-symbolic", jl_eval_page_get_type },
  { "conflicts", N_("Conflicts"), "emblem-synchronizing-symbolic", jl_conflicts_page_get_type },
};

static const Section *
find_section (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].name, name) == 0)
      return &sections[i];
  return NULL;
}

static GtkWidget *
make_sidebar_row (const Section *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (section->icon);
  GtkWidget *label = gtk_label_new (_(section->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  /* Conflicts to review: a count badge, hidden at zero. */
  if (g_strcmp0 (section->name, "conflicts") == 0)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (badge, "jl-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (badge, FALSE);
      gtk_box_append (GTK_BOX (box), badge);
      g_object_set_data (G_OBJECT (row), "badge", badge);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, section->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  return row;
}

void
jl_window_show_section (JlWindow   *self,
                        const char *name)
{
  const Section *section = find_section (name);
  GtkListBoxRow *row;

  g_return_if_fail (JL_IS_WINDOW (self));

  if (section == NULL)
    section = &sections[0];
  if (self->store == NULL)
    return;

  gtk_stack_set_visible_child_name (self->stack, section->name);
  adw_window_title_set_title (self->content_title, _(section->title));
  g_settings_set_string (self->settings, "last-section", section->name);

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)); i++)
    if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), section->name) == 0 &&
        gtk_list_box_get_selected_row (self->sidebar_list) != row)
      gtk_list_box_select_row (self->sidebar_list, row);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

const char *
jl_window_get_section (JlWindow *self)
{
  g_return_val_if_fail (JL_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
jl_window_get_page (JlWindow   *self,
                    const char *section)
{
  g_return_val_if_fail (JL_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, section);
}

static void
sidebar_row_selected_cb (JlWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  if (row != NULL)
    jl_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
sidebar_row_activated_cb (JlWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME=1 (bench/bench-app-start.c): at the
 * first frame painted once the store is open and the first page shown,
 * print the monotonic time and the peak memory, and quit. */
static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GtkWidget     *widget)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, widget);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  hwm = status ? strstr (status, "VmHWM:") : NULL;
  g_print ("JINLIN_BENCH first-frame-us=%" G_GINT64_FORMAT " vmhwm-kb=%" G_GINT64_FORMAT "\n",
           g_get_monotonic_time (), hwm ? g_ascii_strtoll (hwm + 6, NULL, 10) : (gint64) -1);
  /* =overview: the overview page quits once its figures are painted. */
  if (g_strcmp0 (g_getenv ("JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME"), "overview") != 0)
    g_application_quit (g_application_get_default ());
}

static gboolean
bench_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), widget);
  return G_SOURCE_REMOVE;
}

/* Sync
 */

static void
refresh_widgets (GtkWidget *widget)
{
  if (JL_IS_RECORD_VIEW (widget))
    {
      jl_record_view_reload (JL_RECORD_VIEW (widget));
      return;
    }
  if (JL_IS_CHILD_LIST (widget))
    jl_child_list_reload (JL_CHILD_LIST (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    refresh_widgets (child);
}

/* Rows came from the server: every list reads its rows again, once per
 * sync (the controller emits "pulled" once per run). Open editors keep
 * what they show; their next save goes through the store's merge. */
static void
sync_pulled_cb (JlWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->stack, sections[i].name);

      if (page == NULL)
        continue;
      if (JL_IS_OVERVIEW_PAGE (page))
        jl_overview_page_refresh (JL_OVERVIEW_PAGE (page));
      else if (JL_IS_CONFLICTS_PAGE (page))
        jl_conflicts_page_reload (JL_CONFLICTS_PAGE (page));
      else
        refresh_widgets (page);
    }
}

static void
sync_conflicts_changed_cb (JlWindow *self,
                           guint     count)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "conflicts");

  if (self->conflicts_badge != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u", count);

      gtk_label_set_text (GTK_LABEL (self->conflicts_badge), text);
      gtk_widget_set_visible (self->conflicts_badge, count > 0);
    }
  if (page != NULL)
    jl_conflicts_page_reload (JL_CONFLICTS_PAGE (page));
}

static void
sync_login_needed_cb (JlWindow *self)
{
  jl_window_open_account (self, _("The server did not accept this computer's sign-in any more. "
                                  "Log in again; your changes are kept until then."));
}

static void
sync_clock_skew_cb (JlWindow *self,
                    gint64    skew_ms)
{
  g_autofree char *text = jl_sync_describe_skew (skew_ms);
  AdwToast *toast = adw_toast_new (text);

  /* Nothing was refused; the clerk should still fix the clock. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
start_sync (JlWindow *self)
{
  /* JINLIN_TOKEN_STORE=file: no keyring (tests, kiosks). */
  g_autoptr(JlTokenStore) tokens = jl_secret_token_store_new (g_strcmp0 (g_getenv ("JINLIN_TOKEN_STORE"), "file") != 0);

  self->sync = jl_sync_controller_new (self->store, tokens);
  g_signal_connect_object (self->sync, "pulled", G_CALLBACK (sync_pulled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "conflicts-changed", G_CALLBACK (sync_conflicts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "login-needed", G_CALLBACK (sync_login_needed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "clock-skew", G_CALLBACK (sync_clock_skew_cb), self, G_CONNECT_SWAPPED);
  self->sync_indicator = jl_sync_indicator_new (self->sync);
  adw_header_bar_pack_end (self->content_header, self->sync_indicator);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-account", TRUE);
}

JlSyncController *
jl_window_get_sync_controller (JlWindow *self)
{
  g_return_val_if_fail (JL_IS_WINDOW (self), NULL);
  return self->sync;
}

GtkWidget *
jl_window_get_sync_indicator (JlWindow *self)
{
  g_return_val_if_fail (JL_IS_WINDOW (self), NULL);
  return self->sync_indicator;
}

JlAccountDialog *
jl_window_open_account (JlWindow   *self,
                        const char *reason)
{
  g_return_val_if_fail (JL_IS_WINDOW (self), NULL);

  if (self->sync == NULL)
    return NULL;
  if (self->account_dialog == NULL)
    {
      self->account_dialog = jl_account_dialog_new (GTK_WINDOW (self), self->sync, reason);
      g_object_add_weak_pointer (G_OBJECT (self->account_dialog), (gpointer *) &self->account_dialog);
    }
  gtk_window_present (GTK_WINDOW (self->account_dialog));
  return self->account_dialog;
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  JlWindow *self = JL_WINDOW (widget);

  if (self->sync == NULL)
    return;
  if (!jl_sync_controller_is_logged_in (self->sync))
    jl_window_open_account (self, NULL);
  else
    jl_sync_controller_sync_now (self->sync);
}

static void
sync_account_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  jl_window_open_account (JL_WINDOW (widget), NULL);
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlStore) store = jl_store_open_finish (result, &error);
  g_autofree char *last = NULL;

  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("The database cannot be opened"));
      adw_status_page_set_description (self->status_page, error->message);
      return;
    }

  self->store = g_steal_pointer (&store);
  gtk_label_set_text (self->db_label, jl_store_get_path (self->store));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->db_label), jl_store_get_path (self->store));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *page = g_object_new (sections[i].get_type (), "store", self->store, NULL);
      GtkWidget *row = make_sidebar_row (&sections[i]);

      /* A region a screen reader names after its section. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, _(sections[i].title), -1);
      gtk_stack_add_named (self->stack, page, sections[i].name);
      gtk_list_box_append (self->sidebar_list, row);
      if (g_object_get_data (G_OBJECT (row), "badge") != NULL)
        self->conflicts_badge = g_object_get_data (G_OBJECT (row), "badge");
    }
  start_sync (self);

  /* JINLIN_SECTION opens a given section (screenshots, demos). */
  last = g_strdup (g_getenv ("JINLIN_SECTION"));
  if (last == NULL)
    last = g_settings_get_string (self->settings, "last-section");
  jl_window_show_section (self, last);

  if (g_getenv ("JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME") != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_tick_cb, NULL, NULL);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  JlWindow *self = JL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  jl_window_show_section (JL_WINDOW (widget), g_variant_get_string (param, NULL));
}

void
jl_window_toast (JlWindow   *self,
                 const char *title,
                 const char *undo_action,
                 GVariant   *undo_target)
{
  AdwToast *toast;

  g_return_if_fail (JL_IS_WINDOW (self));

  toast = adw_toast_new (title);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
      if (undo_target != NULL)
        adw_toast_set_action_target_value (toast, undo_target);
      adw_toast_set_timeout (toast, 8);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

JlStore *
jl_window_get_store (JlWindow *self)
{
  g_return_val_if_fail (JL_IS_WINDOW (self), NULL);
  return self->store;
}

static gboolean
jl_window_close_request (GtkWindow *window)
{
  JlWindow *self = JL_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  /* A sync in flight is cancelled; what it committed stays committed. */
  if (self->sync != NULL)
    jl_sync_controller_shutdown (self->sync);

  return GTK_WINDOW_CLASS (jl_window_parent_class)->close_request (window);
}

static void
jl_window_dispose (GObject *object)
{
  JlWindow *self = JL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sync != NULL)
    jl_sync_controller_shutdown (self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jl_window_parent_class)->dispose (object);
}

static void
jl_window_class_init (JlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jl_window_dispose;
  window_class->close_request = jl_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/jinlin/Jinlin/jl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JlWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, JlWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, JlWindow, db_label);
  gtk_widget_class_bind_template_child (widget_class, JlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JlWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, JlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JlWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, JlWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.sync-account", NULL, sync_account_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-section", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-section", "s", "organisation");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-section", "s", "partners");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-section", "s", "minutes");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-section", "s", "evaluation");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK, "win.show-section", "s", "conflicts");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync-now", NULL);
}

static void
jl_window_init (JlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Until the database is open there is nothing to sync. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-account", FALSE);

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->sidebar_list, "row-selected",
                           G_CALLBACK (sidebar_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_list, "row-activated",
                           G_CALLBACK (sidebar_row_activated_cb), self, G_CONNECT_SWAPPED);
}

JlWindow *
jl_window_new (JlApplication *app)
{
  JlWindow *self = g_object_new (JL_TYPE_WINDOW, "application", app, NULL);

  jl_store_open_async (jl_application_get_db_path (app), self->cancellable,
                       store_opened_cb, g_object_ref (self));
  return self;
}
