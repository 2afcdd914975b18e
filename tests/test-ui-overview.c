/* test-ui-overview.c: the overview and organisation sections, driven
 * through their widgets under Xvfb: the figures and a warning shown, a
 * warning leading to its section, edits elsewhere showing up when the
 * overview is shown again; a Party branch and an estate created through
 * the organisation page's editors, then checked through the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-org-page-private.h"
#include "jl-record-private.h"
#include "jl-overview-page.h"
#include "jl-test-ui.h"
#include "jl-test-util.h"

typedef struct
{
  char    *dir;
  JlStore *store;
  char    *community;
  char    *committee;
  char    *secretary;
} City;

/* 莲前社区: a committee, a secretary, 25 estates with an owners'
 * committee of which 18 are red (72.0%), and no joint meeting. */
static void
city_setup (City          *c,
            gconstpointer  data)
{
  c->store = jl_test_store_new (&c->dir);
  c->community = jl_test_put_ok (c->store, "community", "{\"name\": \"莲前社区\", \"district\": \"思明区\"}");
  c->secretary = jl_test_putf_ok (c->store, "person", "{\"community_id\": \"%s\", \"name\": \"黄建国\"}", c->community);
  c->committee = jl_test_putf_ok (c->store, "party_org",
                                  "{\"community_id\": \"%s\", \"level\": \"committee\", \"name\": \"莲前社区党委\","
                                  " \"secretary_id\": \"%s\"}", c->community, c->secretary);
  g_assert_true (jl_store_begin (c->store, NULL));
  for (guint i = 0; i < 25; i++)
    g_free (jl_test_putf_ok (c->store, "estate",
                             "{\"community_id\": \"%s\", \"name\": \"莲花%02u号院\","
                             " \"has_owners_committee\": true, \"red_owners_committee\": %s}",
                             c->community, i + 1, i < 18 ? "true" : "false"));
  g_assert_true (jl_store_commit (c->store, NULL));
}

static void
city_teardown (City          *c,
               gconstpointer  data)
{
  g_clear_object (&c->store);
  jl_test_dir_free (c->dir);
  g_free (c->community);
  g_free (c->committee);
  g_free (c->secretary);
}

/* Widgets
 */

static void
collect (GtkWidget  *widget,
         gboolean  (*match) (GtkWidget *widget, gconstpointer data),
         gconstpointer data,
         GPtrArray  *out)
{
  if (match (widget, data))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, match, data, out);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static GPtrArray *
find_all (GtkWidget *root,
          gboolean (*match) (GtkWidget *widget, gconstpointer data),
          gconstpointer data)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (root, match, data, out);
  return out;
}

/* Waiting
 */

typedef struct
{
  JlOverviewPage *page;
  gint64          estates;
  guint           joint_warnings;
} OverviewWait;

static gboolean
overview_ready (gpointer data)
{
  OverviewWait *w = data;
  const JlOverview *ov = jl_overview_page_get_overview (w->page);

  return !jl_overview_page_get_loading (w->page) && ov != NULL && ov->estates == w->estates &&
         ov->n_warnings[JL_OVERVIEW_WARNING_NO_JOINT_MEETING] == w->joint_warnings;
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_is_drawable (data) && gtk_widget_get_width (data) > 0;
}

static void
test_overview_figures (City          *c,
                       gconstpointer  data)
{
  JlWindow *window = jl_test_ui_open_window (jl_store_get_path (c->store));
  OverviewWait w = { .estates = 25, .joint_warnings = 1 };
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *held_at = g_date_time_format (now, "%Y-%m-%d 00:00");
  GtkWidget *row;

  jl_window_show_section (window, "overview");
  w.page = JL_OVERVIEW_PAGE (jl_window_get_page (window, "overview"));
  g_assert_true (jl_test_ui_wait (overview_ready, &w, 10000));

  /* The share, as a card and in the report, computed from the records. */
  cards = find_all (GTK_WIDGET (w.page), is_named, "figure-red-oc");
  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_true (jl_test_ui_wait (drawn, cards->pdata[0], 5000));
  labels = find_all (cards->pdata[0], label_contains, "72.0%");
  g_assert_cmpuint (labels->len, ==, 1);
  g_ptr_array_unref (labels);
  labels = find_all (GTK_WIDGET (w.page), is_named, "report");
  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (labels->pdata[0]), "72.0%"));

  /* No joint meeting this quarter: a warning row naming the community. */
  rows = find_all (GTK_WIDGET (w.page), is_named, "warning-row");
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "莲前社区"));

  /* It leads to the minutes, where joint meetings are recorded. */
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (jl_window_get_section (window), ==, "minutes");

  /* A joint meeting recorded elsewhere: the warning is gone once the
   * overview is shown again. */
  g_free (jl_test_putf_ok (c->store, "meeting",
                           "{\"community_id\": \"%s\", \"meeting_type\": \"joint\", \"title\": \"本季度党建联席会议\","
                           " \"held_at\": \"%s\"}", c->community, held_at));
  jl_window_show_section (window, "overview");
  w.joint_warnings = 0;
  g_assert_true (jl_test_ui_wait (overview_ready, &w, 10000));
  g_ptr_array_unref (rows);
  rows = find_all (GTK_WIDGET (w.page), is_named, "warning-row");
  g_assert_cmpuint (rows->len, ==, 0);

  /* One community's figures. */
  jl_overview_page_set_community (w.page, c->community);
  jl_test_ui_spin (20);
  g_assert_true (jl_test_ui_wait (overview_ready, &w, 10000));
  g_assert_cmpstr (jl_overview_page_get_overview (w.page)->community_id, ==, c->community);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  JlStore        *store;
  JlOrgPage      *page;
  const char     *id;
  JlRecordEditor *editor;
  char           *found;
} OrgWait;

static gboolean
row_shown (gpointer data)
{
  OrgWait *w = data;

  return jl_org_page_select (w->page, w->id);
}

static gboolean
branch_stored (gpointer data)
{
  OrgWait *w = data;
  JlQuery query = { .filters = { { "level", "branch" }, { "name", "莲花党支部" } } };
  g_autoptr(GPtrArray) orgs = jl_store_list (w->store, "party_org", &query, NULL);

  if (orgs == NULL || orgs->len != 1 || jl_record_editor_has_pending (w->editor) ||
      g_strcmp0 (jl_record_get_string (orgs->pdata[0], "secretary_id"), w->id) != 0)
    return FALSE;
  g_free (w->found);
  w->found = g_strdup (jl_record_get_id (orgs->pdata[0]));
  return TRUE;
}

static gboolean
estate_stored (gpointer data)
{
  OrgWait *w = data;
  JlQuery query = { .filters = { { "name", "莲花新村" } } };
  g_autoptr(GPtrArray) estates = jl_store_list (w->store, "estate", &query, NULL);

  return estates != NULL && estates->len == 1 && !jl_record_editor_has_pending (w->editor) &&
         jl_record_get_bool (estates->pdata[0], "oc_cross_post");
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static AdwMessageDialog *
message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not owned */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_shown (gpointer data)
{
  return message_dialog () != NULL;
}

/* Presses the page's Delete button and answers the question: "delete",
 * or, with @response NULL, checks that it was a refusal and closes it. */
static gboolean
delete_and_answer (JlOrgPage  *page,
                   const char *response)
{
  g_autoptr(GPtrArray) buttons = NULL;
  AdwMessageDialog *dialog;

  buttons = find_all (GTK_WIDGET (page), is_named, "org-delete");
  g_assert_cmpuint (buttons->len, ==, 1);
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  if (!jl_test_ui_wait (message_shown, NULL, 5000))
    return FALSE;
  dialog = message_dialog ();
  if (response == NULL)
    {
      if (adw_message_dialog_has_response (dialog, "delete"))
        return FALSE;
      adw_message_dialog_response (dialog, "close");
    }
  else
    adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
branch_deleted (gpointer data)
{
  OrgWait *w = data;
  g_autoptr(JlRecord) branch = jl_store_get (w->store, "party_org", w->id, NULL);

  return branch == NULL;
}

static void
test_org_create_branch (City          *c,
                        gconstpointer  data)
{
  JlWindow *window = jl_test_ui_open_window (jl_store_get_path (c->store));
  OrgWait w = { .store = c->store };
  JlRecordDialog *dialog;
  JlRecordPane *estates;
  g_autoptr(JlRecord) branch = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *branch_id = NULL;

  jl_window_show_section (window, "organisation");
  w.page = JL_ORG_PAGE (jl_window_get_page (window, "organisation"));

  /* The community, then its committee once the level has loaded. */
  w.id = c->community;
  g_assert_true (jl_test_ui_wait (row_shown, &w, 10000));
  g_assert_cmpstr (jl_org_page_get_selected (w.page), ==, c->community);
  g_assert_true (jl_org_page_expand (w.page, c->community));
  w.id = c->committee;
  g_assert_true (jl_test_ui_wait (row_shown, &w, 10000));

  /* A branch under the committee, its secretary picked from the people. */
  dialog = jl_org_page_add_child (w.page);
  g_assert_nonnull (dialog);
  w.editor = jl_record_dialog_get_editor (dialog);
  jl_record_editor_set_text (w.editor, "name", "莲花党支部");
  jl_record_editor_set_text (w.editor, "org_kind", "estate_branch");
  jl_record_editor_set_text (w.editor, "secretary_id", c->secretary);
  jl_record_editor_set_text (w.editor, "members_count", "23");
  w.id = c->secretary;
  g_assert_true (jl_test_ui_wait (branch_stored, &w, 10000));
  branch_id = g_steal_pointer (&w.found);

  branch = jl_store_get (c->store, "party_org", branch_id, NULL);
  g_assert_nonnull (branch);
  g_assert_cmpstr (jl_record_get_string (branch, "level"), ==, "branch");
  g_assert_cmpstr (jl_record_get_string (branch, "parent_id"), ==, c->committee);
  g_assert_cmpstr (jl_record_get_community_id (branch), ==, c->community);
  g_assert_cmpstr (jl_record_get_string (branch, "org_kind"), ==, "estate_branch");
  g_assert_cmpint (jl_record_get_int (branch, "members_count", 0), ==, 23);

  /* Done: the branch shows in the tree under the committee. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (jl_test_ui_wait (window_gone, &dialog, 5000));
  w.id = branch_id;
  g_assert_true (jl_test_ui_wait (row_shown, &w, 10000));
  g_assert_cmpstr (jl_org_page_get_selected (w.page), ==, branch_id);
  found = find_all (GTK_WIDGET (w.page), label_contains, "黄建国");
  g_assert_cmpuint (found->len, >, 0);

  /* An estate of the branch, with the red linkage criteria. */
  estates = jl_org_page_get_pane (w.page, "estate");
  w.editor = jl_record_pane_edit_new (estates);
  jl_record_editor_set_text (w.editor, "name", "莲花新村");
  jl_record_editor_set_text (w.editor, "has_owners_committee", "true");
  jl_record_editor_set_text (w.editor, "red_owners_committee", "true");
  jl_record_editor_set_text (w.editor, "oc_cross_post", "true");
  g_assert_true (jl_test_ui_wait (estate_stored, &w, 10000));
  {
    JlQuery query = { .filters = { { "name", "莲花新村" } } };
    g_autoptr(GPtrArray) list = jl_store_list (c->store, "estate", &query, NULL);

    g_assert_cmpstr (jl_record_get_string (list->pdata[0], "branch_id"), ==, branch_id);
    g_assert_cmpstr (jl_record_get_community_id (list->pdata[0]), ==, c->community);
  }
  jl_record_pane_close_editor (estates);

  /* The overview counts the new estate and its coverage. */
  {
    OverviewWait ow = { .estates = 26, .joint_warnings = 1 };
    const JlOverview *ov;

    jl_window_show_section (window, "overview");
    ow.page = JL_OVERVIEW_PAGE (jl_window_get_page (window, "overview"));
    g_assert_true (jl_test_ui_wait (overview_ready, &ow, 10000));
    ov = jl_overview_page_get_overview (ow.page);
    g_assert_cmpint (ov->branches, ==, 1);
    g_assert_cmpint (ov->estates_covered, ==, 1);
    g_assert_cmpint (ov->red_owners_committees, ==, 19);
  }

  /* The committee has a branch under it: it cannot be deleted first. */
  jl_window_show_section (window, "organisation");
  w.id = c->committee;
  g_assert_true (jl_test_ui_wait (row_shown, &w, 5000));
  g_assert_true (delete_and_answer (w.page, NULL));
  g_assert_nonnull (jl_store_get (c->store, "party_org", c->committee, NULL));

  /* The branch can, once confirmed; it leaves the tree. */
  w.id = branch_id;
  g_assert_true (jl_test_ui_wait (row_shown, &w, 5000));
  g_assert_true (delete_and_answer (w.page, "delete"));
  g_assert_true (jl_test_ui_wait (branch_deleted, &w, 5000));
  g_assert_false (jl_org_page_select (w.page, branch_id));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Nodes for the communities named in @names (ids from @ids by name). */
static GPtrArray *
org_nodes (GHashTable         *records,
           const char * const *names)
{
  GPtrArray *nodes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i]; i++)
    g_ptr_array_add (nodes, jl_org_node_new (g_hash_table_lookup (records, names[i]), NULL));
  return nodes;
}

static char *
store_names (GListStore *store)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(JlOrgNode) node = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_string_append_printf (s, "%s%s", i ? "," : "", jl_org_node_get_title (node));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

/* The organisation tree merges a reloaded level in linear time: a first
 * load of thousands of communities is one change, and a reload keeps the
 * rows (so their open state) that stay in place. */
static void
test_org_merge (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autoptr(GHashTable) records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GListStore) level = g_list_store_new (JL_TYPE_ORG_NODE);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JlOrgNode) a = NULL;
  g_autoptr(JlOrgNode) c = NULL;
  g_autoptr(JlOrgNode) first = NULL;
  g_autofree char *names = NULL;
  guint changes = 0;
  gint64 t0;

  for (const char *const *n = (const char *const[]) { "A", "B", "C", "D", NULL }; *n; n++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", *n);
      g_autofree char *id = jl_test_put_ok (store, "community", json);
      g_hash_table_insert (records, g_strdup (*n), jl_store_get (store, "community", id, NULL));
    }

  nodes = org_nodes (records, (const char *const[]) { "A", "B", "C", NULL });
  _jl_org_page_merge_level (level, nodes);
  names = store_names (level);
  g_assert_cmpstr (names, ==, "A,B,C");
  a = g_list_model_get_item (G_LIST_MODEL (level), 0);
  c = g_list_model_get_item (G_LIST_MODEL (level), 2);
  g_clear_pointer (&nodes, g_ptr_array_unref);

  /* A moves to the end, D comes in, B goes: C stays the same row. */
  nodes = org_nodes (records, (const char *const[]) { "C", "D", "A", NULL });
  _jl_org_page_merge_level (level, nodes);
  g_clear_pointer (&names, g_free);
  names = store_names (level);
  g_assert_cmpstr (names, ==, "C,D,A");
  first = g_list_model_get_item (G_LIST_MODEL (level), 0);
  g_assert_true (first == c);
  g_clear_object (&first);
  g_clear_pointer (&nodes, g_ptr_array_unref);

  /* The same rows again: every row object stays. */
  nodes = org_nodes (records, (const char *const[]) { "C", "D", "A", NULL });
  _jl_org_page_merge_level (level, nodes);
  first = g_list_model_get_item (G_LIST_MODEL (level), 0);
  g_assert_true (first == c);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (level), 2);
  g_assert_true (first != a);   /* A moved: a new row */
  g_clear_object (&first);

  /* 20,000 rows into an empty level: one change, well under a second. */
  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(JsonObject) values = json_object_new ();
      g_autofree char *id = g_strdup_printf ("c%05u", i);
      g_autoptr(JlRecord) record = NULL;

      json_object_set_string_member (values, "name", id);
      record = _jl_record_new (jl_schema_lookup ("community"), id, id, values, NULL, NULL, 0, FALSE);
      g_ptr_array_add (big, jl_org_node_new (record, NULL));
    }
  g_list_store_remove_all (level);
  g_signal_connect (level, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  t0 = g_get_monotonic_time ();
  _jl_org_page_merge_level (level, big);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (level)), ==, 20000);
  g_test_message ("20,000 rows merged in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);

  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  if (!jl_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/jinlin/ui/overview-figures", City, NULL, city_setup, test_overview_figures, city_teardown);
  g_test_add ("/jinlin/ui/org-create-branch", City, NULL, city_setup, test_org_create_branch, city_teardown);
  g_test_add_func ("/jinlin/ui/org-merge", test_org_merge);
  return g_test_run ();
}
