/* test-ui-partner.c: registering a partner unit through the editor's
 * widgets, as a secretary would, then checking the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jl-partner-page.h"
#include "jl-record-editor.h"
#include "jl-record-view.h"
#include "jl-test-ui.h"
#include "jl-test-util.h"

typedef struct
{
  JlStore        *store;
  JlRecordEditor *editor;
  const char     *needle;
} Wait;

static gboolean
unit_stored (gpointer data)
{
  Wait *w = data;
  JlQuery query = { .filters = { { "name", "思明区税务局" } } };
  g_autoptr(GPtrArray) units = jl_store_list (w->store, "partner_unit", &query, NULL);

  if (units == NULL || units->len != 1)
    return FALSE;
  return g_strcmp0 (jl_record_get_string (units->pdata[0], "liaison_phone"), "0592-2345678") == 0 &&
         !jl_record_editor_has_pending (w->editor);
}

static gboolean
message_contains (gpointer data)
{
  Wait *w = data;
  return strstr (jl_record_editor_get_message (w->editor), w->needle) != NULL;
}

static void
test_create_partner_unit (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *community = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  JlWindow *window;
  JlPartnerPage *page;
  Wait w = { 0 };
  g_autoptr(GPtrArray) units = NULL;
  gint64 outbox_before;

  community = jl_test_put_ok (store, "community", "{\"name\": \"莲前社区\"}");
  path = g_strdup (jl_store_get_path (store));
  outbox_before = jl_store_outbox_count (store, NULL);

  window = jl_test_ui_open_window (path);
  jl_window_show_section (window, "partners");
  g_assert_cmpstr (jl_window_get_section (window), ==, "partners");
  page = JL_PARTNER_PAGE (jl_window_get_page (window, "partners"));

  w.store = store;
  w.editor = jl_partner_page_edit_new (page, community);
  g_assert_nonnull (w.editor);

  /* A wrong check character is reported at once, naming the field. */
  jl_record_editor_set_text (w.editor, "name", "思明区税务局");
  jl_record_editor_set_text (w.editor, "uscc", "91110000802100433A");
  w.needle = "uscc";
  g_assert_true (jl_test_ui_wait (message_contains, &w, 2000));
  g_assert_true (gtk_widget_has_css_class (jl_record_editor_get_row (w.editor, "uscc"), "error"));

  /* Corrected, plus a drop-down and a phone: saved without a Save button. */
  jl_record_editor_set_text (w.editor, "uscc", "91110000802100433B");
  jl_record_editor_set_text (w.editor, "unit_type", "party_gov");
  jl_record_editor_set_text (w.editor, "liaison", "陈晓东");
  jl_record_editor_set_text (w.editor, "liaison_phone", "0592-2345678");
  g_assert_false (gtk_widget_has_css_class (jl_record_editor_get_row (w.editor, "uscc"), "error"));
  g_assert_true (jl_test_ui_wait (unit_stored, &w, 10000));

  {
    JlQuery query = { .filters = { { "name", "思明区税务局" } } };
    units = jl_store_list (store, "partner_unit", &query, NULL);
  }
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpstr (jl_record_get_string (units->pdata[0], "uscc"), ==, "91110000802100433B");
  g_assert_cmpstr (jl_record_get_string (units->pdata[0], "unit_type"), ==, "party_gov");
  g_assert_cmpstr (jl_record_get_string (units->pdata[0], "liaison"), ==, "陈晓东");
  g_assert_cmpstr (jl_record_get_community_id (units->pdata[0]), ==, community);
  /* The edits went to the outbox for sync. */
  g_assert_cmpint (jl_store_outbox_count (store, NULL), >, outbox_before);

  jl_partner_page_close_editor (page);
  gtk_window_destroy (GTK_WINDOW (window));
  jl_test_dir_free (g_steal_pointer (&dir));
}

static gboolean
sidebar_ready (gpointer data)
{
  return jl_window_get_page (data, "evaluation") != NULL;
}

static gboolean
secretary_shown (gpointer data)
{
  AdwComboRow *row = data;
  g_autoptr(GtkStringObject) item = adw_combo_row_get_selected_item (row)
                                      ? g_object_ref (adw_combo_row_get_selected_item (row)) : NULL;

  return item != NULL && g_strcmp0 (gtk_string_object_get_string (item), "张书记") == 0;
}

/* Names are fetched when an editor needs them: a picker opened before they
 * arrive fills in and shows the stored choice, without a change to save. */
static void
test_editor_names_arrive (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autofree char *community = jl_test_put_ok (store, "community", "{\"name\": \"鼓浪屿社区\"}");
  g_autofree char *person = jl_test_putf_ok (store, "person", "{\"community_id\": \"%s\", \"name\": \"张书记\"}",
                                             community);
  g_autofree char *updated = jl_test_putf_ok (store, "community", "{\"id\": \"%s\", \"secretary_id\": \"%s\"}",
                                              community, person);
  g_autoptr(JlRecord) record = jl_store_get (store, "community", community, NULL);
  GtkWidget *editor = g_object_ref_sink (jl_record_editor_new (store, "community", record, NULL, NULL));
  AdwComboRow *row = ADW_COMBO_ROW (jl_record_editor_get_row (JL_RECORD_EDITOR (editor), "secretary_id"));

  g_assert_cmpstr (jl_record_get_string (record, "secretary_id"), ==, person);
  /* Nothing is loaded at start: the names come from a worker. */
  g_assert_false (secretary_shown (row));
  g_assert_true (jl_test_ui_wait (secretary_shown, row, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 2);
  g_assert_false (jl_record_editor_has_pending (JL_RECORD_EDITOR (editor)));

  g_object_unref (editor);
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

typedef struct
{
  GListModel *rows;
  GHashTable *names;   /* community id → name */
} SortWait;

/* Whether the rows are in the order of their communities' names. */
static gboolean
sorted_by_community (gpointer data)
{
  SortWait *w = data;
  guint n = g_list_model_get_n_items (w->rows);

  if (n != 3)
    return FALSE;
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(JlRecord) a = g_list_model_get_item (w->rows, i - 1);
      g_autoptr(JlRecord) b = g_list_model_get_item (w->rows, i);
      const char *na = g_hash_table_lookup (w->names, jl_record_get_string (a, "community_id"));
      const char *nb = g_hash_table_lookup (w->names, jl_record_get_string (b, "community_id"));

      if (g_utf8_collate (na, nb) > 0)
        return FALSE;
    }
  return TRUE;
}

/* A list sorted by a reference column sorts by the names it shows, not by
 * the ids behind them. (Whether the names arrive before or after the
 * rows is up to the workers; the view sorts again when they arrive, which
 * this test cannot force.) */
static void
test_sort_by_reference_names (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *communities[] = { "甲社区", "乙社区", "丙社区" };
  const char *units[] = { "一号单位", "二号单位", "三号单位" };
  const JlField *field = jl_kind_lookup_field (jl_schema_lookup ("partner_unit"), "community_id");
  GtkColumnViewColumn *column = NULL;
  GListModel *columns;
  GtkColumnView *view;
  JlWindow *window;
  SortWait w = { NULL, names };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", communities[i]);
      char *community = jl_test_put_ok (store, "community", json);

      g_free (jl_test_putf_ok (store, "partner_unit", "{\"community_id\": \"%s\", \"name\": \"%s\"}",
                               community, units[i]));
      g_hash_table_insert (names, community, (gpointer) communities[i]);
    }

  window = jl_test_ui_open_window (jl_store_get_path (store));
  jl_window_show_section (window, "partners");
  view = jl_record_view_get_column_view (JL_RECORD_VIEW (jl_partner_page_get_view (
    JL_PARTNER_PAGE (jl_window_get_page (window, "partners")))));
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; column == NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), jl_field_get_label (field)) == 0)
        column = c;
    }
  g_assert_nonnull (column);
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  w.rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_true (jl_test_ui_wait (sorted_by_community, &w, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  jl_test_ui_spin (100);
  g_clear_object (&store);
  jl_test_dir_free (g_steal_pointer (&dir));
}

static void
test_window_sections (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(JlStore) store = jl_test_store_new (&dir);
  const char *sections[] = { "overview", "organisation", "partners", "minutes", "evaluation" };
  JlWindow *window;

  g_free (jl_test_put_ok (store, "community", "{\"name\": \"鼓浪屿社区\"}"));
  window = jl_test_ui_open_window (jl_store_get_path (store));
  g_assert_true (jl_test_ui_wait (sidebar_ready, window, 5000));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      jl_window_show_section (window, sections[i]);
      jl_test_ui_spin (50);
      g_assert_cmpstr (jl_window_get_section (window), ==, sections[i]);
      g_assert_true (gtk_widget_get_mapped (jl_window_get_page (window, sections[i])));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  jl_test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  if (!jl_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/jinlin/ui/window-sections", test_window_sections);
  g_test_add_func ("/jinlin/ui/create-partner-unit", test_create_partner_unit);
  g_test_add_func ("/jinlin/ui/editor-names-arrive", test_editor_names_arrive);
  g_test_add_func ("/jinlin/ui/sort-by-reference-names", test_sort_by_reference_names);
  return g_test_run ();
}
