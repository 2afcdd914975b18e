/* jl-record-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlRecordView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "jl-format.h"
#include "jl-record-view.h"

struct _JlRecordView
{
  GtkWidget          parent_instance;

  JlStore           *store;
  const JlKind      *kind;
  JlRecordList      *list;
  JlTitleCache      *titles;
  GtkSingleSelection *selection;

  GtkBox            *toolbar;
  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkColumnView     *column_view;
  GtkStack          *stack;
  GPtrArray         *ref_sorters;   /* GtkSorter of each reference column */
};

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlRecordView, jl_record_view, GTK_TYPE_WIDGET)

typedef struct
{
  JlRecordView  *self;   /* unowned */
  const JlField *field;
} Column;

static void
free_column (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  Column *column = data;
  JlRecord *record = gtk_list_item_get_item (item);
  g_autofree char *text = jl_format_field (record, column->field, column->self->titles);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  Column *column = data;
  JsonObject *va = jl_record_get_values ((JlRecord *) a);
  JsonObject *vb = jl_record_get_values ((JlRecord *) b);
  const char *name = column->field->name;
  gboolean ha = json_object_has_member (va, name);
  gboolean hb = json_object_has_member (vb, name);

  /* Empty values sort last. */
  if (!ha || !hb)
    return ha ? GTK_ORDERING_SMALLER : hb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;

  switch (column->field->type)
    {
    case JL_FIELD_INT:
    case JL_FIELD_REAL:
    case JL_FIELD_BOOL:
      {
        double x = jl_record_get_double ((JlRecord *) a, name, 0);
        double y = jl_record_get_double ((JlRecord *) b, name, 0);
        if (column->field->type == JL_FIELD_BOOL)
          {
            x = jl_record_get_bool ((JlRecord *) a, name);
            y = jl_record_get_bool ((JlRecord *) b, name);
          }
        return x < y ? GTK_ORDERING_SMALLER : x > y ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
      }
    case JL_FIELD_TEXT:
    case JL_FIELD_DATE:
    case JL_FIELD_DATETIME:
    case JL_FIELD_ENUM:
    case JL_FIELD_REF:
    case JL_FIELD_LIST:
    default:
      {
        g_autofree char *x = jl_format_field ((JlRecord *) a, column->field, column->self->titles);
        g_autofree char *y = jl_format_field ((JlRecord *) b, column->field, column->self->titles);
        int c = g_utf8_collate (x, y);
        return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
      }
    }
}

static void
add_column (JlRecordView  *self,
            const JlField *field)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  Column *data = g_new0 (Column, 1);
  GtkSorter *sorter;

  data->self = self;
  data->field = field;
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cell_cb), NULL, NULL, 0);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), data, free_column, 0);

  column = gtk_column_view_column_new (jl_field_get_label (field), factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_records, data, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  /* A reference sorts by the name it points to, which may arrive later. */
  if (field->type == JL_FIELD_REF)
    g_ptr_array_add (self->ref_sorters, g_object_ref (sorter));
  g_object_unref (sorter);
  if (field->flags & JL_FIELD_TITLE)
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
}

static void
update_count (JlRecordView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = NULL;

  if (jl_record_list_get_loading (self->list))
    text = g_strdup_printf (_("Loading… %u"), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
  gtk_label_set_text (self->count_label, text);

  if (jl_record_list_get_error (self->list) != NULL)
    gtk_stack_set_visible_child_name (self->stack, "error");
  else if (n == 0 && !jl_record_list_get_loading (self->list))
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
list_changed_cb (JlRecordView *self)
{
  update_count (self);
}

static void
search_changed_cb (JlRecordView   *self,
                   GtkSearchEntry *entry)
{
  jl_record_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
activate_cb (JlRecordView  *self,
             guint          position,
             GtkColumnView *view)
{
  g_autoptr(JlRecord) record = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (record != NULL)
    g_signal_emit (self, signals[RECORD_ACTIVATED], 0, record);
}

static void
titles_changed_cb (JlRecordView *self)
{
  /* Re-bind visible rows so references show their names. */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->selection), 0, n, n);
  /* A list sorted by a reference column sorts again by the names. */
  for (guint i = 0; self->ref_sorters != NULL && i < self->ref_sorters->len; i++)
    gtk_sorter_changed (self->ref_sorters->pdata[i], GTK_SORTER_CHANGE_DIFFERENT);
}

/* Only a list on screen loads: the sections not shown load when opened. */
static void
jl_record_view_map (GtkWidget *widget)
{
  JlRecordView *self = JL_RECORD_VIEW (widget);

  GTK_WIDGET_CLASS (jl_record_view_parent_class)->map (widget);
  jl_record_list_set_paused (self->list, FALSE);
}

static void
jl_record_view_dispose (GObject *object)
{
  JlRecordView *self = JL_RECORD_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ref_sorters, g_ptr_array_unref);

  G_OBJECT_CLASS (jl_record_view_parent_class)->dispose (object);
}

static void
jl_record_view_class_init (JlRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jl_record_view_dispose;
  widget_class->map = jl_record_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  /**
   * JlRecordView::record-activated:
   * @record: the activated record
   *
   * A row was activated (double click or Enter).
   */
  signals[RECORD_ACTIVATED] = g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, JL_TYPE_RECORD);
}

static void
jl_record_view_init (JlRecordView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->ref_sorters = g_ptr_array_new_with_free_func (g_object_unref);
}

static GtkWidget *
status_page (const char *icon,
             const char *title)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  return page;
}

GtkWidget *
jl_record_view_new (JlStore            *store,
                    const char         *kind,
                    const char * const *columns)
{
  JlRecordView *self;
  GtkWidget *scroller;
  GtkSortListModel *sorted;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (jl_schema_lookup (kind) != NULL, NULL);

  self = g_object_new (JL_TYPE_RECORD_VIEW, NULL);
  self->store = g_object_ref (store);
  self->kind = jl_schema_lookup (kind);
  self->titles = jl_title_cache_get_for_store (store);
  self->list = jl_record_list_new (store, kind);
  jl_record_list_set_paused (self->list, TRUE);

  self->toolbar = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_margin_start (GTK_WIDGET (self->toolbar), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->toolbar), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->toolbar), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->toolbar), 6);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search, e.g. 电梯"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
  gtk_box_append (self->toolbar, GTK_WIDGET (self->search_entry));
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (self->toolbar, GTK_WIDGET (self->count_label));
  gtk_widget_set_parent (GTK_WIDGET (self->toolbar), GTK_WIDGET (self));

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->list)), NULL);
  gtk_sort_list_model_set_incremental (sorted, TRUE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, jl_kind_get_label (self->kind), -1);
  gtk_sort_list_model_set_sorter (sorted, gtk_column_view_get_sorter (self->column_view));

  for (guint i = 0; columns && columns[i]; i++)
    {
      const JlField *field = jl_kind_lookup_field (self->kind, columns[i]);

      g_return_val_if_fail (field != NULL, NULL);
      add_column (self, field);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->column_view));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_add_named (self->stack, status_page ("edit-find-symbolic", _("Nothing here")), "empty");
  gtk_stack_add_named (self->stack, status_page ("dialog-error-symbolic", _("The list could not be loaded")), "error");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->titles, "changed", G_CALLBACK (titles_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

JlRecordList *
jl_record_view_get_list (JlRecordView *self)
{
  g_return_val_if_fail (JL_IS_RECORD_VIEW (self), NULL);
  return self->list;
}

JlRecord *
jl_record_view_get_selected (JlRecordView *self)
{
  g_return_val_if_fail (JL_IS_RECORD_VIEW (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
jl_record_view_set_query (JlRecordView  *self,
                          const JlQuery *query)
{
  g_return_if_fail (JL_IS_RECORD_VIEW (self));
  jl_record_list_set_query (self->list, query);
}

void
jl_record_view_reload (JlRecordView *self)
{
  g_return_if_fail (JL_IS_RECORD_VIEW (self));
  jl_record_list_reload (self->list);
}

GtkBox *
jl_record_view_get_toolbar (JlRecordView *self)
{
  g_return_val_if_fail (JL_IS_RECORD_VIEW (self), NULL);
  return self->toolbar;
}

GtkColumnView *
jl_record_view_get_column_view (JlRecordView *self)
{
  g_return_val_if_fail (JL_IS_RECORD_VIEW (self), NULL);
  return self->column_view;
}

GtkSearchEntry *
jl_record_view_get_search_entry (JlRecordView *self)
{
  g_return_val_if_fail (JL_IS_RECORD_VIEW (self), NULL);
  return self->search_entry;
}
