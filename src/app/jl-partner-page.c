/* jl-partner-page.c: the partner units section
 *
 * The list shows every unit with filters by community, type and status;
 * the editor covers every field (the credit code is checked as it is
 * typed) and the unit's linked estates, part-time committee members, joint
 * projects and prominent problems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlPartnerPage"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-a11y.h"
#include "jl-child-list.h"
#include "jl-confirm.h"
#include "jl-filter-bar.h"
#include "jl-partner-page.h"
#include "jl-record-view.h"
#include "jl-store-async.h"

struct _JlPartnerPage
{
  JlPage          parent_instance;

  GtkStack       *stack;
  JlRecordView   *view;
  JlFilterBar    *filters;
  GtkWidget      *editor_box;
  AdwWindowTitle *editor_title;
  GtkWidget      *delete_button;
  JlRecordEditor *editor;
  GtkWidget      *children_box;
};

G_DEFINE_FINAL_TYPE (JlPartnerPage, jl_partner_page, JL_TYPE_PAGE)

static const char *const list_columns[] = {
  "name", "community_id", "unit_type", "category", "uscc", "liaison", "liaison_phone", "status", NULL
};

static const char *const link_fields[] = { "estate_id", "since", "until", "is_primary", NULL };
static const char *const link_subtitle[] = { "since", "until", NULL };
static const char *const ptm_fields[] = { "name", "post", "unit_post", "rank", "term_start", "term_end", "mobile", NULL };
static const char *const ptm_subtitle[] = { "post", "term_start", "term_end", NULL };
static const char *const project_fields[] = { "year", "lian_type", "title", "estate_id", "description",
                                              "start_on", "end_on", "budget", "status", NULL };
static const char *const project_subtitle[] = { "year", "lian_type", "status", NULL };
static const char *const problem_fields[] = { "year", "seq", "title", "estate_id", "source", "description",
                                              "status", "started_on", "solved_on", "result_text",
                                              "resident_rating", NULL };
static const char *const problem_subtitle[] = { "year", "status", NULL };

static void
filters_changed_cb (JlPartnerPage *self)
{
  JlQuery query = { 0 };

  jl_filter_bar_fill_query (self->filters, &query);
  jl_record_view_set_query (self->view, &query);
}

static void
editor_saved_cb (JlPartnerPage *self,
                 JlRecord      *record)
{
  adw_window_title_set_title (self->editor_title, jl_record_get_title (record));
  gtk_widget_set_visible (self->delete_button, TRUE);

  /* A new unit: now that it has an id, it can own children. */
  if (gtk_widget_get_first_child (self->children_box) == NULL)
    {
      const char *id = jl_record_get_id (record);

      gtk_box_append (GTK_BOX (self->children_box),
                      jl_child_list_new (jl_page_get_store (JL_PAGE (self)), "unit_estate_link", id, link_fields, link_subtitle));
      gtk_box_append (GTK_BOX (self->children_box),
                      jl_child_list_new (jl_page_get_store (JL_PAGE (self)), "part_time_member", id, ptm_fields, ptm_subtitle));
      gtk_box_append (GTK_BOX (self->children_box),
                      jl_child_list_new (jl_page_get_store (JL_PAGE (self)), "project", id, project_fields, project_subtitle));
      gtk_box_append (GTK_BOX (self->children_box),
                      jl_child_list_new (jl_page_get_store (JL_PAGE (self)), "problem", id, problem_fields, problem_subtitle));
    }
}

static JlRecordEditor *
open_editor (JlPartnerPage *self,
             JlRecord      *unit,
             JsonObject    *defaults)
{
  static const char *const new_fields[] = {
    "community_id", "name", "uscc", "category", "unit_type", "party_org_name", "party_members", "staff",
    "address", "chief", "chief_mobile", "liaison", "liaison_phone", "agreement_signed_on",
    "agreement_term_end", "resources", "demands", "status", "note", NULL
  };
  GtkWidget *editor;
  GtkWidget *child;

  jl_partner_page_close_editor (self);

  while ((child = gtk_widget_get_first_child (self->children_box)))
    gtk_box_remove (GTK_BOX (self->children_box), child);

  editor = jl_record_editor_new (jl_page_get_store (JL_PAGE (self)), "partner_unit", unit, defaults,
                                 unit ? new_fields + 1 : new_fields);
  self->editor = JL_RECORD_EDITOR (editor);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_box_prepend (GTK_BOX (self->editor_box), editor);

  adw_window_title_set_title (self->editor_title, unit ? jl_record_get_title (unit) : _("New Partner Unit"));
  gtk_widget_set_visible (self->delete_button, unit != NULL);
  if (unit != NULL)
    editor_saved_cb (self, unit);

  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (jl_record_editor_get_row (self->editor, "name"));
  return self->editor;
}

JlRecordEditor *
jl_partner_page_edit_new (JlPartnerPage *self,
                          const char    *community_id)
{
  g_autoptr(JsonObject) defaults = json_object_new ();

  g_return_val_if_fail (JL_IS_PARTNER_PAGE (self), NULL);

  json_object_set_string_member (defaults, "status", "active");
  if (community_id != NULL)
    json_object_set_string_member (defaults, "community_id", community_id);
  return open_editor (self, NULL, defaults);
}

JlRecordEditor *
jl_partner_page_edit (JlPartnerPage *self,
                      JlRecord      *unit)
{
  g_return_val_if_fail (JL_IS_PARTNER_PAGE (self), NULL);
  return open_editor (self, unit, NULL);
}

void
jl_partner_page_close_editor (JlPartnerPage *self)
{
  g_return_if_fail (JL_IS_PARTNER_PAGE (self));

  if (self->editor != NULL)
    {
      jl_record_editor_save_now (self->editor);
      gtk_box_remove (GTK_BOX (self->editor_box), GTK_WIDGET (self->editor));
      self->editor = NULL;
      jl_record_view_reload (self->view);
    }
  gtk_stack_set_visible_child_name (self->stack, "list");
}

GtkWidget *
jl_partner_page_get_view (JlPartnerPage *self)
{
  g_return_val_if_fail (JL_IS_PARTNER_PAGE (self), NULL);
  return GTK_WIDGET (self->view);
}

static void
record_activated_cb (JlPartnerPage *self,
                     JlRecord      *record)
{
  jl_partner_page_edit (self, record);
}

static void
new_clicked_cb (JlPartnerPage *self)
{
  jl_partner_page_edit_new (self, jl_filter_bar_get_community (self->filters));
}

static void
back_clicked_cb (JlPartnerPage *self)
{
  jl_partner_page_close_editor (self);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JlPartnerPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      jl_page_show_error (JL_PAGE (self), _("Could not delete"), error);
      return;
    }
  jl_page_toast (JL_PAGE (self), _("Partner unit deleted"));
  gtk_stack_set_visible_child_name (self->stack, "list");
  jl_record_view_reload (self->view);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JlPartnerPage    *self)
{
  JlRecord *unit;

  if (g_strcmp0 (response, "delete") != 0 || self->editor == NULL)
    return;
  unit = jl_record_editor_get_record (self->editor);
  if (unit == NULL)
    return;
  jl_store_delete_async (jl_page_get_store (JL_PAGE (self)), "partner_unit", jl_record_get_id (unit),
                         NULL, deleted_cb, g_object_ref (self));
  gtk_box_remove (GTK_BOX (self->editor_box), GTK_WIDGET (self->editor));
  self->editor = NULL;
}

static void
delete_clicked_cb (JlPartnerPage *self)
{
  JlRecord *unit = self->editor ? jl_record_editor_get_record (self->editor) : NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (unit == NULL)
    return;
  body = g_strdup_printf (_("“%s” and its linked estates, part-time committee members, projects and problems will be deleted."),
                          jl_record_get_title (unit));
  dialog = jl_confirm_delete_new (GTK_WIDGET (self), _("Delete this partner unit?"), body, _("_Delete"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
build_editor (JlPartnerPage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = jl_icon_button_new ("go-previous-symbolic", _("Back to the list"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_box_append (GTK_BOX (bar), back);
  self->editor_title = ADW_WINDOW_TITLE (adw_window_title_new ("", _("Saved automatically")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->editor_title), TRUE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->editor_title));
  self->delete_button = jl_icon_button_new ("user-trash-symbolic", _("Delete this partner unit"));
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->delete_button);
  gtk_box_append (GTK_BOX (outer), bar);

  self->editor_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (self->editor_box, 12);
  gtk_widget_set_margin_bottom (self->editor_box, 24);
  gtk_widget_set_margin_start (self->editor_box, 12);
  gtk_widget_set_margin_end (self->editor_box, 12);
  self->children_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (self->editor_box), self->children_box);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->editor_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), scroller);
  return outer;
}

static void
jl_partner_page_store_ready (JlPage *page)
{
  JlPartnerPage *self = JL_PARTNER_PAGE (page);
  JlStore *store = jl_page_get_store (page);
  GtkWidget *new_button;

  self->view = JL_RECORD_VIEW (jl_record_view_new (store, "partner_unit", list_columns));
  g_signal_connect_object (self->view, "record-activated", G_CALLBACK (record_activated_cb), self, G_CONNECT_SWAPPED);

  self->filters = jl_filter_bar_new (store, "partner_unit");
  jl_filter_bar_add_community (self->filters);
  jl_filter_bar_add_enum (self->filters, "unit_type");
  jl_filter_bar_add_enum (self->filters, "status");
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (jl_record_view_get_toolbar (self->view), GTK_WIDGET (self->filters));

  new_button = jl_button_new_with_mnemonic (_("_New Unit"));
  gtk_widget_add_css_class (new_button, "suggested-action");
  g_signal_connect_swapped (new_button, "clicked", G_CALLBACK (new_clicked_cb), self);
  gtk_box_append (jl_record_view_get_toolbar (self->view), new_button);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->view), "list");
  gtk_stack_add_named (self->stack, build_editor (self), "editor");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  jl_record_view_reload (self->view);
}

static void
jl_partner_page_class_init (JlPartnerPageClass *klass)
{
  JL_PAGE_CLASS (klass)->store_ready = jl_partner_page_store_ready;
}

static void
jl_partner_page_init (JlPartnerPage *self)
{
}
