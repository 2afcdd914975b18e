/* jl-record-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-record-dialog.h"

struct _JlRecordDialog
{
  AdwWindow       parent_instance;

  JlRecordEditor *editor;
};

G_DEFINE_FINAL_TYPE (JlRecordDialog, jl_record_dialog, ADW_TYPE_WINDOW)

static gboolean
jl_record_dialog_close_request (GtkWindow *window)
{
  JlRecordDialog *self = JL_RECORD_DIALOG (window);

  jl_record_editor_save_now (self->editor);
  return GTK_WINDOW_CLASS (jl_record_dialog_parent_class)->close_request (window);
}

static void
done_clicked_cb (JlRecordDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
jl_record_dialog_class_init (JlRecordDialogClass *klass)
{
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  window_class->close_request = jl_record_dialog_close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jl_record_dialog_init (JlRecordDialog *self)
{
}

JlRecordDialog *
jl_record_dialog_new (GtkWindow          *parent,
                      JlStore            *store,
                      const char         *kind,
                      JlRecord           *record,
                      JsonObject         *defaults,
                      const char * const *fields)
{
  JlRecordDialog *self = g_object_new (JL_TYPE_RECORD_DIALOG,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       "default-width", 560,
                                       "default-height", 620,
                                       NULL);
  const JlKind *k = jl_schema_lookup (kind);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *done = jl_button_new_with_mnemonic (_("_Done"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_window_set_title (GTK_WINDOW (self), jl_kind_get_label (k));
  gtk_widget_add_css_class (done, "suggested-action");
  g_signal_connect_swapped (done, "clicked", G_CALLBACK (done_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  gtk_box_append (GTK_BOX (box), header);

  self->editor = JL_RECORD_EDITOR (jl_record_editor_new (store, kind, record, defaults, fields));
  gtk_widget_set_margin_top (GTK_WIDGET (self->editor), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->editor), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->editor), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->editor), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->editor));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
  return self;
}

JlRecordEditor *
jl_record_dialog_get_editor (JlRecordDialog *self)
{
  g_return_val_if_fail (JL_IS_RECORD_DIALOG (self), NULL);
  return self->editor;
}
