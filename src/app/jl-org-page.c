/* jl-org-page.c: the organisation section
 *
 * On the left, the tree of communities and their Party organisations
 * (社区党委 → 党支部 → 党小组), each level listed from the store on a worker
 * when it is first expanded. On the right, for the chosen node, its
 * estates (with the owners' committee, the property company and the red
 * linkage criteria), its people and its grids, each a list that opens an
 * editor in place. Organisations are added, edited and deleted through a
 * record dialog; the secretary is picked from the community's people.
 * On a narrow window the two sides fold into one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlOrgPage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jl-org-page-private.h"
#include "jl-store-async.h"

G_DEFINE_FINAL_TYPE (JlOrgPage, jl_org_page, JL_TYPE_PAGE)

static const char *const estate_columns[] = {
  "name", "branch_id", "households", "has_owners_committee", "red_owners_committee",
  "property_company", "red_property", "joint_mechanism", NULL
};
static const char *const person_columns[] = {
  "name", "gender", "member_type", "org_id", "estate_id", "mobile", "work_status", NULL
};
static const char *const grid_columns[] = {
  "code", "name", "grid_type", "leader", "households", "party_org_type", NULL
};
static const char *const org_fields[] = {
  "level", "org_kind", "name", "parent_id", "org_code", "founded_on", "secretary_id", "deputy_id",
  "term_start", "term_end", "members_count", "building_nos", "position", NULL
};

/* The level a new sub-organisation usually has. */
static const struct
{
  const char *parent;
  const char *child;
} child_levels[] = {
  { NULL, "committee" },
  { "committee", "branch" },
  { "general_branch", "branch" },
  { "branch", "group" },
};

static const char *
child_level (JlOrgNode *node)
{
  const char *level = jl_org_node_get_level (node);

  for (guint i = 0; i < G_N_ELEMENTS (child_levels); i++)
    if (g_strcmp0 (child_levels[i].parent, level) == 0)
      return child_levels[i].child;
  return NULL;
}

/* The selection
 */

static JlOrgNode *
selected_node (JlOrgPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row ? gtk_tree_list_row_get_item (row) : NULL;
}


static void
update_actions (JlOrgPage *self,
                JlOrgNode *node)
{
  gtk_widget_set_sensitive (self->add_button, node != NULL && child_level (node) != NULL);
  gtk_widget_set_sensitive (self->edit_button, node != NULL);
  gtk_widget_set_sensitive (self->delete_button, node != NULL && !jl_org_node_is_community (node));
}

/* Estates of a branch, people of a branch or group; the whole community
 * for a community or its committee. */
static void
update_panes (JlOrgPage *self,
              JlOrgNode *node)
{
  JlRecord *record = node ? jl_org_node_get_record (node) : NULL;
  const char *community = record ? jl_record_get_community_id (record) : NULL;
  const char *level = node ? jl_org_node_get_level (node) : NULL;
  const char *id = node ? jl_org_node_get_id (node) : NULL;
  gboolean branch = g_strcmp0 (level, "branch") == 0 || g_strcmp0 (level, "general_branch") == 0;
  gboolean member_org = branch || g_strcmp0 (level, "group") == 0 || g_strcmp0 (level, "center_household") == 0;

  /* Nothing chosen yet: not the whole city's estates at start. */
  if (node == NULL)
    return;
  jl_record_pane_set_scope (self->estates, community, branch ? "branch_id" : NULL, branch ? id : NULL);
  jl_record_pane_set_scope (self->people, community, member_org ? "org_id" : NULL, member_org ? id : NULL);
  jl_record_pane_set_scope (self->grids, community, NULL, NULL);
}

static void update_details (JlOrgPage *self);

static void
selection_changed_cb (JlOrgPage *self)
{
  g_autoptr(JlOrgNode) node = selected_node (self);

  update_details (self);
  update_actions (self, node);
  update_panes (self, node);
}

static void
row_activated_cb (JlOrgPage   *self,
                  guint        position,
                  GtkListView *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Folded, a click opens the details; unfolded, it only selects. */
static void
folded_changed_cb (JlOrgPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_list_view_set_single_click_activate (self->tree_view, folded);
  gtk_widget_set_visible (self->back_button, folded);
}

static gboolean
scroll_to_selected_cb (gpointer data)
{
  JlOrgPage *self = data;
  guint position = gtk_single_selection_get_selected (self->selection);

  self->scroll_source = 0;
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self->tree_view)))
    gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

gboolean
jl_org_page_select (JlOrgPage  *self,
                    const char *id)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  guint position;

  g_return_val_if_fail (JL_IS_ORG_PAGE (self), FALSE);

  row = _jl_org_page_find_row (self, id, &position);
  if (row == NULL)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_list_view_scroll_to (); the list's action does
   * it, once the list has its size. */
  if (self->scroll_source == 0)
    self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_selected_cb, self, NULL);
  return TRUE;
}

gboolean
jl_org_page_expand (JlOrgPage  *self,
                    const char *id)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (JL_IS_ORG_PAGE (self), FALSE);

  row = _jl_org_page_find_row (self, id, NULL);
  if (row == NULL || !gtk_tree_list_row_is_expandable (row))
    return FALSE;
  gtk_tree_list_row_set_expanded (row, TRUE);
  return TRUE;
}

const char *
jl_org_page_get_selected (JlOrgPage *self)
{
  GtkTreeListRow *row;
  g_autoptr(JlOrgNode) node = NULL;

  g_return_val_if_fail (JL_IS_ORG_PAGE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  node = gtk_tree_list_row_get_item (row);
  /* The record, and with it the id, lives as long as the row. */
  return jl_org_node_get_id (node);
}

JlRecordPane *
jl_org_page_get_pane (JlOrgPage  *self,
                      const char *kind)
{
  g_return_val_if_fail (JL_IS_ORG_PAGE (self), NULL);

  if (g_strcmp0 (kind, "estate") == 0)
    return self->estates;
  if (g_strcmp0 (kind, "person") == 0)
    return self->people;
  if (g_strcmp0 (kind, "grid") == 0)
    return self->grids;
  g_return_val_if_reached (NULL);
}

/* Adding, editing and deleting organisations
 */

static GtkWindow *
parent_window (JlOrgPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_details (JlOrgPage *self)
{
  g_autoptr(JlOrgNode) node = selected_node (self);

  gtk_label_set_text (self->details_title, node ? jl_org_node_get_title (node) : _("Nothing selected"));
  gtk_label_set_text (self->details_subtitle, node ? jl_org_node_get_subtitle (node) : "");
}

/* After each save in a dialog: the levels the record was and is in. */
static void
dialog_saved_cb (JlRecordDialog *dialog,
                 JlRecord       *record)
{
  JlOrgPage *self = g_object_get_data (G_OBJECT (dialog), "jl-page");
  const char *old_key = g_object_get_data (G_OBJECT (dialog), "jl-old-key");
  const char *expand = g_object_get_data (G_OBJECT (dialog), "jl-expand");
  const char *new_key;

  if (strcmp (jl_record_get_kind_name (record), "community") == 0)
    new_key = JL_ORG_ROOT_KEY;
  else
    new_key = jl_record_get_string (record, "parent_id") ? jl_record_get_string (record, "parent_id")
                                                        : jl_record_get_community_id (record);
  _jl_org_page_reload_level (self, new_key);
  if (old_key != NULL && g_strcmp0 (old_key, new_key) != 0)
    _jl_org_page_reload_level (self, old_key);
  g_object_set_data_full (G_OBJECT (dialog), "jl-old-key", g_strdup (new_key), g_free);

  /* A new child shows under its parent, which opens if it was closed;
   * a parent without children so far gets its expander first. */
  if (expand != NULL)
    {
      g_free (self->pending_expand);
      self->pending_expand = g_strdup (expand);
      _jl_org_page_reload_level (self, g_object_get_data (G_OBJECT (dialog), "jl-expand-level"));
      _jl_org_page_expand_pending (self);
      g_object_set_data (G_OBJECT (dialog), "jl-expand", NULL);
    }
  update_details (self);

  if (g_object_get_data (G_OBJECT (dialog), "jl-closing") &&
      !jl_record_editor_has_pending (jl_record_dialog_get_editor (dialog)))
    gtk_window_close (GTK_WINDOW (dialog));
}

/* The dialog saves on closing, but a save that finishes after the dialog
 * is gone goes unreported: so stay until it is done. A second Done closes
 * even when the record cannot be saved (the message says why). */
static gboolean
dialog_close_request_cb (JlRecordDialog *dialog)
{
  JlRecordEditor *editor = jl_record_dialog_get_editor (dialog);

  if (g_object_get_data (G_OBJECT (dialog), "jl-closing") || !jl_record_editor_has_pending (editor))
    return FALSE;
  g_object_set_data (G_OBJECT (dialog), "jl-closing", GINT_TO_POINTER (TRUE));
  jl_record_editor_save_now (editor);
  return jl_record_editor_has_pending (editor);
}

static JlRecordDialog *
open_dialog (JlOrgPage  *self,
             const char *kind,
             JlRecord   *record,
             JsonObject *defaults,
             const char *old_key,
             const char *expand)
{
  JlRecordDialog *dialog = jl_record_dialog_new (parent_window (self), jl_page_get_store (JL_PAGE (self)), kind,
                                                 record, defaults,
                                                 strcmp (kind, "party_org") == 0 ? org_fields : NULL);

  g_object_set_data (G_OBJECT (dialog), "jl-page", self);
  g_object_set_data_full (G_OBJECT (dialog), "jl-old-key", g_strdup (old_key), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "jl-expand", g_strdup (expand), g_free);
  g_signal_connect_object (jl_record_dialog_get_editor (dialog), "saved", G_CALLBACK (dialog_saved_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "close-request", G_CALLBACK (dialog_close_request_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

JlRecordDialog *
jl_org_page_add_child (JlOrgPage *self)
{
  g_autoptr(JlOrgNode) node = NULL;
  g_autoptr(JsonObject) defaults = json_object_new ();
  JlRecordDialog *dialog;
  JlRecord *record;
  const char *level;

  g_return_val_if_fail (JL_IS_ORG_PAGE (self), NULL);

  node = selected_node (self);
  if (node == NULL || (level = child_level (node)) == NULL)
    return NULL;
  record = jl_org_node_get_record (node);
  json_object_set_string_member (defaults, "community_id", jl_record_get_community_id (record));
  if (!jl_org_node_is_community (node))
    json_object_set_string_member (defaults, "parent_id", jl_org_node_get_id (node));
  json_object_set_string_member (defaults, "level", level);
  dialog = open_dialog (self, "party_org", NULL, defaults, NULL, jl_org_node_get_id (node));
  g_object_set_data_full (G_OBJECT (dialog), "jl-expand-level",
                          g_strdup (jl_org_node_is_community (node) ? JL_ORG_ROOT_KEY : jl_org_node_get_parent_key (node)),
                          g_free);
  return dialog;
}

static void
add_clicked_cb (JlOrgPage *self)
{
  jl_org_page_add_child (self);
}

static void
edit_clicked_cb (JlOrgPage *self)
{
  g_autoptr(JlOrgNode) node = selected_node (self);

  if (node == NULL)
    return;
  open_dialog (self, jl_org_node_is_community (node) ? "community" : "party_org", jl_org_node_get_record (node),
               NULL, jl_org_node_is_community (node) ? JL_ORG_ROOT_KEY : jl_org_node_get_parent_key (node), NULL);
}

static void
new_community_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  open_dialog (JL_ORG_PAGE (widget), "community", NULL, NULL, JL_ORG_ROOT_KEY, NULL);
}

typedef struct
{
  JlOrgPage *self;
  JlOrgNode *node;
} DeleteCheck;

static void
delete_check_free (DeleteCheck *check)
{
  g_object_unref (check->self);
  g_object_unref (check->node);
  g_free (check);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteCheck *check = user_data;
  g_autoptr(GError) error = NULL;

  if (jl_store_delete_finish (JL_STORE (source), result, &error))
    jl_page_toast (JL_PAGE (check->self), _("Party organisation deleted"));
  else
    {
      jl_page_show_error (JL_PAGE (check->self), _("Could not delete"), error);
      _jl_org_page_reload_level (check->self, jl_org_node_get_parent_key (check->node));
    }
  delete_check_free (check);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JlOrgPage        *self)
{
  JlOrgNode *node = g_object_get_data (G_OBJECT (dialog), "jl-node");
  DeleteCheck *check;
  GListStore *store;
  guint position;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  check = g_new0 (DeleteCheck, 1);
  check->self = g_object_ref (self);
  check->node = g_object_ref (node);
  jl_store_delete_async (jl_page_get_store (JL_PAGE (self)), "party_org", jl_org_node_get_id (node), NULL,
                         deleted_cb, check);
  /* Off the tree at once; the store's tombstone follows. */
  store = g_hash_table_lookup (self->levels, jl_org_node_get_parent_key (node));
  if (store != NULL && (position = _jl_org_page_find_in_store (G_LIST_MODEL (store), jl_org_node_get_id (node))) != G_MAXUINT)
    g_list_store_remove (store, position);
}

static gpointer
count_children_func (JlStore   *store,
                     gpointer   data,
                     GError   **error)
{
  JlQuery query = { .filters = { { "parent_id", data } } };
  gint64 n = jl_store_count (store, "party_org", &query, error);

  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

/* Sub-organisations would be left without a parent: they go first. */
static void
children_counted_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DeleteCheck *check = user_data;
  JlOrgPage *self = check->self;
  JlOrgNode *node = check->node;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *n = jl_store_run_finish (JL_STORE (source), result, &error);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (n == NULL)
    {
      jl_page_show_error (JL_PAGE (self), _("Could not delete"), error);
      delete_check_free (check);
      return;
    }
  heading = g_strdup_printf (_("Delete “%s”?"), jl_org_node_get_title (node));
  if (*n > 0)
    {
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "It has %d sub-organisation. Delete or move it first.",
                                           "It has %d sub-organisations. Delete or move them first.", *n),
                              (int) *n);
      dialog = adw_message_dialog_new (parent_window (self), heading, body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      delete_check_free (check);
      return;
    }
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Estates it covers and people in it stay, without this organisation."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jl-node", g_object_ref (node), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  delete_check_free (check);
}

static void
delete_clicked_cb (JlOrgPage *self)
{
  JlOrgNode *node = selected_node (self);
  DeleteCheck *check;

  if (node == NULL || jl_org_node_is_community (node))
    {
      g_clear_object (&node);
      return;
    }
  check = g_new0 (DeleteCheck, 1);
  check->self = g_object_ref (self);
  check->node = node;
  jl_store_run_async (jl_page_get_store (JL_PAGE (self)), count_children_func,
                      g_strdup (jl_org_node_get_id (node)), g_free, g_free, NULL, children_counted_cb, check);
}

/* Building the page
 */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static GtkWidget *
build_tree_toolbar (JlOrgPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *title = gtk_label_new (_("Party Organisations"));
  GtkWidget *more = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_max_width_chars (GTK_LABEL (title), 8);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (bar), title);

  self->add_button = icon_button ("list-add-symbolic", _("Add a sub-organisation"));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->add_button);
  self->edit_button = icon_button ("document-edit-symbolic", _("Edit"));
  g_signal_connect_swapped (self->edit_button, "clicked", G_CALLBACK (edit_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->edit_button);
  self->delete_button = icon_button ("user-trash-symbolic", _("Delete this organisation"));
  gtk_widget_set_name (self->delete_button, "org-delete");
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->delete_button);

  g_menu_append (menu, _("_New Community"), "org.new-community");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_tooltip_text (more, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More"), -1);
  gtk_box_append (GTK_BOX (bar), more);

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  update_actions (self, NULL);
  return bar;
}

static GtkWidget *
build_tree (JlOrgPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = _jl_org_page_row_factory_new ();

  _jl_org_page_tree_init (self);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->tree_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->tree_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tree_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Communities and Party organisations"), -1);
  g_signal_connect_object (self->tree_view, "activate", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->tree_view));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), build_tree_toolbar (self));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_widget_set_size_request (box, 260, -1);
  return box;
}

static void
back_clicked_cb (JlOrgPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Every field but the community, which the tree gives. */
static GStrv
editable_fields (const char *kind_name)
{
  const JlKind *kind = jl_schema_lookup (kind_name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < kind->n_fields; i++)
    if (!(kind->fields[i].flags & JL_FIELD_PARENT))
      g_strv_builder_add (builder, kind->fields[i].name);
  return g_strv_builder_end (builder);
}

static GtkWidget *
build_details (JlOrgPage *self)
{
  JlStore *store = jl_page_get_store (JL_PAGE (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();
  g_auto(GStrv) ef = editable_fields ("estate");
  g_auto(GStrv) pf = editable_fields ("person");
  g_auto(GStrv) gf = editable_fields ("grid");

  self->back_button = icon_button ("go-previous-symbolic", _("Back to the organisations"));
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_widget_set_valign (self->back_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), self->back_button);
  self->details_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->details_title, 0);
  gtk_label_set_ellipsize (self->details_title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->details_title), "title-3");
  self->details_subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->details_subtitle, 0);
  gtk_label_set_ellipsize (self->details_subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->details_subtitle), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->details_title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->details_subtitle));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 8);
  gtk_box_append (GTK_BOX (box), header);
  /* On a line of its own, so that long branch names keep their room. */
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_START);
  gtk_widget_set_margin_start (switcher, 12);
  gtk_widget_set_margin_end (switcher, 12);
  gtk_widget_set_margin_top (switcher, 8);
  gtk_widget_set_margin_bottom (switcher, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What to show"), -1);
  gtk_box_append (GTK_BOX (box), switcher);

  self->estates = JL_RECORD_PANE (jl_record_pane_new (store, "estate", estate_columns, (const char * const *) ef,
                                                      _("_New Estate")));
  self->people = JL_RECORD_PANE (jl_record_pane_new (store, "person", person_columns, (const char * const *) pf,
                                                     _("New _Person")));
  self->grids = JL_RECORD_PANE (jl_record_pane_new (store, "grid", grid_columns, (const char * const *) gf,
                                                    _("New _Grid")));
  gtk_stack_add_titled (GTK_STACK (stack), GTK_WIDGET (self->estates), "estates", _("Estates"));
  gtk_stack_add_titled (GTK_STACK (stack), GTK_WIDGET (self->people), "people", _("People"));
  gtk_stack_add_titled (GTK_STACK (stack), GTK_WIDGET (self->grids), "grids", _("Grids"));
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_size_request (box, 460, -1);
  return box;
}

static void
jl_org_page_store_ready (JlPage *page)
{
  JlOrgPage *self = JL_ORG_PAGE (page);
  AdwLeafletPage *separator;
  GtkWidget *tree = build_tree (self);

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  adw_leaflet_append (self->leaflet, tree);
  separator = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (separator, FALSE);
  adw_leaflet_append (self->leaflet, build_details (self));
  adw_leaflet_set_visible_child (self->leaflet, tree);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  folded_changed_cb (self);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->leaflet));

  selection_changed_cb (self);
  _jl_org_page_load_level (self, self->root);
}

static void
jl_org_page_dispose (GObject *object)
{
  JlOrgPage *self = JL_ORG_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->root);
  G_OBJECT_CLASS (jl_org_page_parent_class)->dispose (object);
}

static void
jl_org_page_finalize (GObject *object)
{
  JlOrgPage *self = JL_ORG_PAGE (object);

  g_clear_pointer (&self->levels, g_hash_table_unref);
  g_free (self->pending_expand);
  G_OBJECT_CLASS (jl_org_page_parent_class)->finalize (object);
}

static void
jl_org_page_class_init (JlOrgPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jl_org_page_dispose;
  object_class->finalize = jl_org_page_finalize;
  JL_PAGE_CLASS (klass)->store_ready = jl_org_page_store_ready;

  gtk_widget_class_install_action (widget_class, "org.new-community", NULL, new_community_action);
}

static void
jl_org_page_init (JlOrgPage *self)
{
  self->levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}
