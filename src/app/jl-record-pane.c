/* jl-record-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlRecordPane"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-confirm.h"
#include "jl-record-pane.h"
#include "jl-store-async.h"

struct _JlRecordPane
{
  AdwBin          parent_instance;

  JlStore        *store;
  const JlKind   *kind;
  GStrv           fields;
  char           *community_id;
  char           *field;
  char           *value;

  GtkStack       *stack;
  JlRecordView   *view;
  GtkWidget      *new_button;
  GtkWidget      *editor_box;
  AdwWindowTitle *editor_title;
  GtkWidget      *delete_button;
  JlRecordEditor *editor;
};

G_DEFINE_FINAL_TYPE (JlRecordPane, jl_record_pane, ADW_TYPE_BIN)

static void
editor_saved_cb (JlRecordPane *self,
                 JlRecord     *record)
{
  adw_window_title_set_title (self->editor_title, jl_record_get_title (record));
  gtk_widget_set_visible (self->delete_button, TRUE);
}

/* The editor's fields: the community too when no community is chosen. */
static GStrv
editor_fields (JlRecordPane *self,
               gboolean      is_new)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (is_new && self->community_id == NULL && jl_kind_lookup_field (self->kind, "community_id"))
    g_strv_builder_add (builder, "community_id");
  g_strv_builder_addv (builder, (const char **) self->fields);
  return g_strv_builder_end (builder);
}

static JlRecordEditor *
open_editor (JlRecordPane *self,
             JlRecord     *record,
             JsonObject   *defaults)
{
  g_auto(GStrv) fields = editor_fields (self, record == NULL);
  const JlField *title_field = jl_kind_title_field (self->kind);
  GtkWidget *focus;
  /* TRANSLATORS: title of an editor for a new record, e.g. "New Estate" */
  g_autofree char *new_title = g_strdup_printf (_("New %s"), jl_kind_get_label (self->kind));

  jl_record_pane_close_editor (self);

  self->editor = JL_RECORD_EDITOR (jl_record_editor_new (self->store, self->kind->name, record, defaults,
                                                         (const char * const *) fields));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->editor_box), GTK_WIDGET (self->editor));

  adw_window_title_set_title (self->editor_title, record ? jl_record_get_title (record) : new_title);
  gtk_widget_set_visible (self->delete_button, record != NULL);
  gtk_stack_set_visible_child_name (self->stack, "editor");

  focus = title_field ? jl_record_editor_get_row (self->editor, title_field->name) : NULL;
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  return self->editor;
}

JlRecordEditor *
jl_record_pane_edit_new (JlRecordPane *self)
{
  g_autoptr(JsonObject) defaults = json_object_new ();

  g_return_val_if_fail (JL_IS_RECORD_PANE (self), NULL);

  if (self->community_id != NULL)
    json_object_set_string_member (defaults, "community_id", self->community_id);
  if (self->field != NULL && self->value != NULL)
    json_object_set_string_member (defaults, self->field, self->value);
  return open_editor (self, NULL, defaults);
}

JlRecordEditor *
jl_record_pane_edit (JlRecordPane *self,
                     JlRecord     *record)
{
  g_return_val_if_fail (JL_IS_RECORD_PANE (self), NULL);
  g_return_val_if_fail (JL_IS_RECORD (record), NULL);
  return open_editor (self, record, NULL);
}

void
jl_record_pane_close_editor (JlRecordPane *self)
{
  g_return_if_fail (JL_IS_RECORD_PANE (self));

  if (self->editor != NULL)
    {
      jl_record_editor_save_now (self->editor);
      gtk_box_remove (GTK_BOX (self->editor_box), GTK_WIDGET (self->editor));
      self->editor = NULL;
      jl_record_view_reload (self->view);
    }
  gtk_stack_set_visible_child_name (self->stack, "list");
}

void
jl_record_pane_set_scope (JlRecordPane *self,
                          const char   *community_id,
                          const char   *field,
                          const char   *value)
{
  JlQuery query = { 0 };

  g_return_if_fail (JL_IS_RECORD_PANE (self));

  jl_record_pane_close_editor (self);
  g_free (self->community_id);
  g_free (self->field);
  g_free (self->value);
  self->community_id = g_strdup (community_id);
  self->field = g_strdup (field);
  self->value = g_strdup (value);

  query.community_id = self->community_id;
  query.filters[0].field = self->field;
  query.filters[0].value = self->value;
  jl_record_view_set_query (self->view, &query);
}

JlRecordView *
jl_record_pane_get_view (JlRecordPane *self)
{
  g_return_val_if_fail (JL_IS_RECORD_PANE (self), NULL);
  return self->view;
}

JlRecordEditor *
jl_record_pane_get_editor (JlRecordPane *self)
{
  g_return_val_if_fail (JL_IS_RECORD_PANE (self), NULL);
  return self->editor;
}

/* Deleting
 */

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlRecordPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    jl_confirm_show_error (GTK_WIDGET (self), _("Could not delete"), error);
  jl_record_view_reload (self->view);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JlRecordPane     *self)
{
  JlRecord *record;

  if (g_strcmp0 (response, "delete") != 0 || self->editor == NULL)
    return;
  record = jl_record_editor_get_record (self->editor);
  if (record == NULL)
    return;
  jl_store_delete_async (self->store, self->kind->name, jl_record_get_id (record), NULL,
                         deleted_cb, g_object_ref (self));
  /* Gone: nothing of it is to be saved any more. */
  gtk_box_remove (GTK_BOX (self->editor_box), GTK_WIDGET (self->editor));
  self->editor = NULL;
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
delete_clicked_cb (JlRecordPane *self)
{
  JlRecord *record = self->editor ? jl_record_editor_get_record (self->editor) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (record == NULL)
    return;
  heading = g_strdup_printf (_("Delete this %s?"), jl_kind_get_label (self->kind));
  body = g_strdup_printf (_("“%s” will be deleted."), jl_record_get_title (record));
  dialog = jl_confirm_delete_new (GTK_WIDGET (self), heading, body, _("_Delete"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Building
 */

static void
new_clicked_cb (JlRecordPane *self)
{
  jl_record_pane_edit_new (self);
}

static void
record_activated_cb (JlRecordPane *self,
                     JlRecord     *record)
{
  jl_record_pane_edit (self, record);
}

static GtkWidget *
build_editor (JlRecordPane *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = jl_icon_button_new ("go-previous-symbolic", _("Back to the list"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  g_autofree char *delete_label = g_strdup_printf (_("Delete this %s"), jl_kind_get_label (self->kind));

  g_signal_connect_swapped (back, "clicked", G_CALLBACK (jl_record_pane_close_editor), self);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_box_append (GTK_BOX (bar), back);
  self->editor_title = ADW_WINDOW_TITLE (adw_window_title_new ("", _("Saved automatically")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->editor_title), TRUE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->editor_title));
  self->delete_button = jl_icon_button_new ("user-trash-symbolic", delete_label);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->delete_button);
  gtk_box_append (GTK_BOX (outer), bar);

  self->editor_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (self->editor_box, 12);
  gtk_widget_set_margin_bottom (self->editor_box, 24);
  gtk_widget_set_margin_start (self->editor_box, 12);
  gtk_widget_set_margin_end (self->editor_box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->editor_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), scroller);
  return outer;
}

static void
jl_record_pane_dispose (GObject *object)
{
  JlRecordPane *self = JL_RECORD_PANE (object);

  /* The editor saves what is pending as it goes. */
  self->editor = NULL;
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jl_record_pane_parent_class)->dispose (object);
}

static void
jl_record_pane_finalize (GObject *object)
{
  JlRecordPane *self = JL_RECORD_PANE (object);

  g_strfreev (self->fields);
  g_free (self->community_id);
  g_free (self->field);
  g_free (self->value);
  G_OBJECT_CLASS (jl_record_pane_parent_class)->finalize (object);
}

static void
jl_record_pane_class_init (JlRecordPaneClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_record_pane_dispose;
  G_OBJECT_CLASS (klass)->finalize = jl_record_pane_finalize;
}

static void
jl_record_pane_init (JlRecordPane *self)
{
}

GtkWidget *
jl_record_pane_new (JlStore            *store,
                    const char         *kind,
                    const char * const *columns,
                    const char * const *fields,
                    const char         *new_label)
{
  JlRecordPane *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (jl_schema_lookup (kind) != NULL, NULL);

  self = g_object_new (JL_TYPE_RECORD_PANE, NULL);
  self->store = g_object_ref (store);
  self->kind = jl_schema_lookup (kind);
  self->fields = g_strdupv ((char **) fields);

  self->view = JL_RECORD_VIEW (jl_record_view_new (store, kind, columns));
  g_signal_connect_object (self->view, "record-activated", G_CALLBACK (record_activated_cb), self, G_CONNECT_SWAPPED);
  self->new_button = jl_button_new_with_mnemonic (new_label);
  gtk_widget_add_css_class (self->new_button, "suggested-action");
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (new_clicked_cb), self);
  gtk_box_append (jl_record_view_get_toolbar (self->view), self->new_button);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->view), "list");
  gtk_stack_add_named (self->stack, build_editor (self), "editor");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  return GTK_WIDGET (self);
}
