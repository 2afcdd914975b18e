/* jl-conflicts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlConflictsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-conflicts-page.h"
#include "jl-store-async.h"
#include "jl-store-sync.h"
#include "jl-window.h"

struct _JlConflictsPage
{
  JlPage        parent_instance;

  GtkWidget    *stack;
  GtkWidget    *list;
  GtkWidget    *empty;
  GPtrArray    *rows;      /* GtkWidget*, AdwActionRow */
  GCancellable *cancellable;
  gboolean      loading;
  gboolean      reload_again;
};

G_DEFINE_FINAL_TYPE (JlConflictsPage, jl_conflicts_page, JL_TYPE_PAGE)

/* One entry as shown: the log entry plus what the store knows of it. */
typedef struct
{
  JlSyncConflict *conflict;
  char           *title;       /* the record's title, if it is here */
} Entry;

typedef struct
{
  GPtrArray *entries;          /* Entry* */
  char      *own_device;       /* our device id on the server */
} Loaded;

static void
entry_free (Entry *e)
{
  jl_sync_conflict_free (e->conflict);
  g_free (e->title);
  g_free (e);
}

static void
loaded_free (Loaded *l)
{
  g_ptr_array_unref (l->entries);
  g_free (l->own_device);
  g_free (l);
}

static gpointer
load_conflicts (JlStore   *store,
                gpointer   data,
                GError   **error)
{
  g_autoptr(GPtrArray) list = jl_store_sync_conflicts (store, NULL, TRUE, error);
  g_autoptr(JlSyncAccount) account = NULL;
  Loaded *l;

  if (list == NULL)
    return NULL;
  account = jl_store_sync_get_account (store, NULL);
  l = g_new0 (Loaded, 1);
  l->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  l->own_device = account ? g_strdup (account->remote_device_id) : NULL;
  while (list->len > 0)
    {
      Entry *e = g_new0 (Entry, 1);

      e->conflict = g_ptr_array_steal_index (list, 0);
      e->title = jl_store_sync_row_title (store, e->conflict->tbl, e->conflict->row_id);
      g_ptr_array_add (l->entries, e);
    }
  return l;
}

/* Formatting
 */

static char *
format_value (JlConflictsPage *self,
              const JlField   *field,
              const char      *json)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (field == NULL)
    return g_strdup (json);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *item = json_node_get_string (json_array_get_element (array, i));

          if (i > 0)
            g_string_append (text, "、");
          g_string_append (text, item ? item : "");
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (json);
  switch (field->type)
    {
    case JL_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case JL_FIELD_ENUM:
      return g_strdup (jl_enum_get_label (field, json_node_get_string (node)));
    case JL_FIELD_REF:
      {
        const char *id = json_node_get_string (node);
        const char *title = id ? jl_title_cache_lookup (jl_page_get_titles (JL_PAGE (self)), field->ref_kind, id) : NULL;
        return g_strdup (title ? title : id);
      }
    case JL_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case JL_FIELD_REAL:
      return g_strdup_printf ("%g", json_node_get_double (node));
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static char *
format_author (const char *user,
               const char *device,
               JlHlc       hlc,
               const char *own_device)
{
  g_autofree char *who = NULL;
  g_autofree char *computer = NULL;
  g_autofree char *when = NULL;

  who = g_strdup (user && *user ? user : _("unknown user"));
  if (device != NULL && g_strcmp0 (device, own_device) == 0)
    computer = g_strdup (_("this computer"));
  else if (device != NULL)
    /* TRANSLATORS: a computer named by the first characters of its id */
    computer = g_strdup_printf (_("computer %.8s"), device);
  else
    computer = g_strdup (_("unknown computer"));
  if (hlc != 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (jl_hlc_get_ms (hlc) / 1000);
      when = g_date_time_format (dt, "%Y-%m-%d %H:%M");
    }
  /* TRANSLATORS: "wang, this computer, 2025-03-05 14:32" */
  return g_strdup_printf (_("%s, %s, %s"), who, computer, when ? when : "?");
}

static const char *
kind_note (const char *conflict_kind)
{
  if (g_strcmp0 (conflict_kind, "edited_after_delete") == 0)
    return _("Edited after it was deleted");
  if (g_strcmp0 (conflict_kind, "rejected") == 0)
    return _("Refused by the server");
  if (g_strcmp0 (conflict_kind, "frozen") == 0)
    return _("Change to approved minutes, not applied");
  return _("Edited on two computers at once");
}

/* Resolving
 */

static JlWindow *
get_window (JlConflictsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return JL_IS_WINDOW (root) ? JL_WINDOW (root) : NULL;
}

typedef struct
{
  char    *id;
  gboolean restore;
} Resolve;

static void
resolve_free (Resolve *r)
{
  g_free (r->id);
  g_free (r);
}

static gpointer
resolve_run (JlStore   *store,
             gpointer   data,
             GError   **error)
{
  Resolve *r = data;
  gboolean ok = r->restore ? jl_store_sync_restore_conflict (store, r->id, error)
                           : jl_store_sync_dismiss_conflict (store, r->id, error);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
resolve_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JlConflictsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JlWindow *window;

  if (jl_store_run_finish (JL_STORE (source), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      jl_page_show_error (JL_PAGE (self), _("The conflict cannot be resolved"), error);
    }
  jl_conflicts_page_reload (self);
  /* The badge and the header bar count again; a restore is an edit and
   * goes out with the next (debounced) sync. */
  window = get_window (self);
  if (window != NULL && jl_window_get_sync_controller (window) != NULL)
    jl_sync_controller_refresh (jl_window_get_sync_controller (window));
}

static void
resolve (JlConflictsPage *self,
         GtkWidget       *button,
         gboolean         restore)
{
  Resolve *r = g_new0 (Resolve, 1);
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);

  r->id = g_strdup (g_object_get_data (G_OBJECT (button), "conflict-id"));
  r->restore = restore;
  if (row != NULL)
    gtk_widget_set_sensitive (row, FALSE);
  jl_store_run_async (jl_page_get_store (JL_PAGE (self)), resolve_run, r, (GDestroyNotify) resolve_free, NULL,
                      self->cancellable, resolve_done_cb, g_object_ref (self));
}

static void
restore_clicked_cb (GtkWidget       *button,
                    JlConflictsPage *self)
{
  resolve (self, button, TRUE);
}

static void
dismiss_clicked_cb (GtkWidget       *button,
                    JlConflictsPage *self)
{
  resolve (self, button, FALSE);
}

/* Rows
 */

static GtkWidget *
make_row (JlConflictsPage *self,
          Entry           *e,
          const char      *own_device)
{
  JlSyncConflict *c = e->conflict;
  const JlKind *kind = c->tbl ? jl_schema_lookup (c->tbl) : NULL;
  const JlField *field = kind && c->field ? jl_kind_lookup_field (kind, c->field) : NULL;
  gboolean deleted_winner = g_strcmp0 (c->conflict_kind, "edited_after_delete") == 0;
  gboolean can_restore = g_strcmp0 (c->conflict_kind, "rejected") != 0 &&
                         g_strcmp0 (c->conflict_kind, "frozen") != 0 && kind != NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *kept_by = NULL;
  g_autofree char *lost_by = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));
  GtkWidget *dismiss = gtk_button_new_with_mnemonic (_("_Dismiss"));

  /* TRANSLATORS: "Partner unit “自来水公司” · Address" */
  title = g_strdup_printf (_("%s “%s” · %s"), kind ? jl_kind_get_label (kind) : c->tbl,
                           e->title ? e->title : _("(not on this computer)"),
                           field ? jl_field_get_label (field) : (c->field ? c->field : ""));
  kept = deleted_winner ? g_strdup (_("Deleted")) : format_value (self, field, c->winner_value);
  lost = format_value (self, field, c->loser_value);
  kept_by = format_author (c->winner_user, c->winner_device, c->winner_hlc, own_device);
  lost_by = format_author (c->loser_user, c->loser_device, c->loser_hlc, own_device);
  subtitle = g_markup_printf_escaped ("%s\n%s: <b>%s</b> (%s)\n%s: <b>%s</b> (%s)", kind_note (c->conflict_kind),
                                      _("Kept"), kept, kept_by, _("Overwritten"), lost, lost_by);

  /* Markup for the values in bold; the title is escaped like them. */
  escaped_title = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  g_object_set_data_full (G_OBJECT (restore), "conflict-id", g_strdup (c->id), g_free);
  g_object_set_data_full (G_OBJECT (dismiss), "conflict-id", g_strdup (c->id), g_free);
  gtk_widget_set_sensitive (restore, can_restore);
  gtk_widget_set_tooltip_text (restore, can_restore ? (deleted_winner ? _("Bring the record back with this value")
                                                                      : _("Write the overwritten value back"))
                                                    : _("This value cannot be written back"));
  gtk_widget_set_tooltip_text (dismiss, _("Keep the current value"));
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (restore, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), restore);
  gtk_box_append (GTK_BOX (buttons), dismiss);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
  g_object_set_data (G_OBJECT (row), "restore", restore);
  g_object_set_data (G_OBJECT (row), "dismiss", dismiss);
  g_signal_connect (restore, "clicked", G_CALLBACK (restore_clicked_cb), self);
  g_signal_connect (dismiss, "clicked", G_CALLBACK (dismiss_clicked_cb), self);
  return row;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlConflictsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *l = jl_store_run_finish (JL_STORE (source), result, &error);

  self->loading = FALSE;
  if (l == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jl_page_toast (JL_PAGE (self), error->message);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < l->entries->len; i++)
    {
      GtkWidget *row = make_row (self, l->entries->pdata[i], l->own_device);

      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child (GTK_STACK (self->stack),
                               l->entries->len > 0 ? g_object_get_data (G_OBJECT (self->list), "stack-child")
                                                   : self->empty);
  loaded_free (l);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      jl_conflicts_page_reload (self);
    }
}

void
jl_conflicts_page_reload (JlConflictsPage *self)
{
  g_return_if_fail (JL_IS_CONFLICTS_PAGE (self));

  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  jl_store_run_async (jl_page_get_store (JL_PAGE (self)), load_conflicts, NULL, NULL, (GDestroyNotify) loaded_free,
                      self->cancellable, loaded_cb, g_object_ref (self));
}

static void
jl_conflicts_page_store_ready (JlPage *page)
{
  jl_conflicts_page_reload (JL_CONFLICTS_PAGE (page));
}

static void
jl_conflicts_page_dispose (GObject *object)
{
  JlConflictsPage *self = JL_CONFLICTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_conflicts_page_parent_class)->dispose (object);
}

static void
jl_conflicts_page_class_init (JlConflictsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_conflicts_page_dispose;
  JL_PAGE_CLASS (klass)->store_ready = jl_conflicts_page_store_ready;
}

static void
jl_conflicts_page_init (JlConflictsPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("When two computers changed the same value before syncing, the later edit "
                                      "was kept everywhere and the other one is listed here. Restore writes it "
                                      "back as a new edit, which then syncs to everyone; Dismiss keeps the "
                                      "current value."));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->stack = gtk_stack_new ();

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Conflicts"), -1);
  gtk_box_append (GTK_BOX (box), intro);
  gtk_box_append (GTK_BOX (box), self->list);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Conflicts"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("Values overwritten by another computer's edits appear here for review."));

  gtk_stack_add_child (GTK_STACK (self->stack), self->empty);
  gtk_stack_add_child (GTK_STACK (self->stack), scrolled);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->empty);
  /* The list is in a box in a clamp in the scrolled window: keep a way
   * back to the stack child. */
  g_object_set_data (G_OBJECT (self->list), "stack-child", scrolled);
  adw_bin_set_child (ADW_BIN (self), self->stack);
}

gboolean
jl_conflicts_page_is_loading (JlConflictsPage *self)
{
  g_return_val_if_fail (JL_IS_CONFLICTS_PAGE (self), FALSE);
  return self->loading || self->reload_again;
}

guint
jl_conflicts_page_get_count (JlConflictsPage *self)
{
  g_return_val_if_fail (JL_IS_CONFLICTS_PAGE (self), 0);
  return self->rows->len;
}

GtkWidget *
jl_conflicts_page_get_row (JlConflictsPage *self,
                           guint            index)
{
  g_return_val_if_fail (JL_IS_CONFLICTS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return self->rows->pdata[index];
}

GtkButton *
jl_conflicts_page_get_restore (JlConflictsPage *self,
                               guint            index)
{
  return GTK_BUTTON (g_object_get_data (G_OBJECT (jl_conflicts_page_get_row (self, index)), "restore"));
}

GtkButton *
jl_conflicts_page_get_dismiss (JlConflictsPage *self,
                               guint            index)
{
  return GTK_BUTTON (g_object_get_data (G_OBJECT (jl_conflicts_page_get_row (self, index)), "dismiss"));
}
