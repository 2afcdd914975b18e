/* jl-filter-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "jl-filter-bar.h"
#include "jl-title-cache.h"

typedef struct
{
  char        *field;     /* "community_id" for the community filter */
  GtkDropDown *dropdown;
  GPtrArray   *values;    /* value per position; NULL = all */
} Filter;

struct _JlFilterBar
{
  GtkWidget     parent_instance;

  JlStore      *store;
  const JlKind *kind;
  GPtrArray    *filters;
  JlTitleCache *titles;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlFilterBar, jl_filter_bar, GTK_TYPE_WIDGET)

static void
filter_free (Filter *f)
{
  g_free (f->field);
  g_clear_pointer (&f->values, g_ptr_array_unref);
  g_free (f);
}

static void
selected_cb (JlFilterBar *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static Filter *
add_dropdown (JlFilterBar *self,
              const char  *field,
              const char  *label,
              const char  *all_label)
{
  Filter *f = g_new0 (Filter, 1);
  GtkStringList *strings = gtk_string_list_new (NULL);

  f->field = g_strdup (field);
  f->values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (f->values, NULL);
  gtk_string_list_append (strings, all_label);
  f->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (strings), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (f->dropdown), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (f->dropdown, "notify::selected", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (f->dropdown), GTK_WIDGET (self));
  g_ptr_array_add (self->filters, f);
  return f;
}

static void
append_choice (Filter     *f,
               const char *value,
               const char *label)
{
  g_ptr_array_add (f->values, g_strdup (value));
  gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (f->dropdown)), label);
}

static void
fill_communities (JlFilterBar *self,
                  Filter      *f)
{
  g_autoptr(GPtrArray) entries = jl_title_cache_list (self->titles, "community", NULL);
  GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (f->dropdown));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (strings));

  g_ptr_array_set_size (f->values, 1);
  gtk_string_list_splice (strings, 1, n - 1, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      JlTitleEntry *e = entries->pdata[i];
      append_choice (f, e->id, e->title);
    }
}

static void
titles_changed_cb (JlFilterBar *self)
{
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *f = self->filters->pdata[i];

      /* Refill only while nothing is chosen, so a choice is never lost. */
      if (g_strcmp0 (f->field, "community_id") == 0 && gtk_drop_down_get_selected (f->dropdown) == 0)
        fill_communities (self, f);
    }
}

void
jl_filter_bar_add_community (JlFilterBar *self)
{
  Filter *f;

  g_return_if_fail (JL_IS_FILTER_BAR (self));
  f = add_dropdown (self, "community_id", _("Community"), _("All communities"));
  fill_communities (self, f);
}

void
jl_filter_bar_add_enum (JlFilterBar *self,
                        const char  *field)
{
  const JlField *f = jl_kind_lookup_field (self->kind, field);
  g_autofree char *all = NULL;
  Filter *filter;

  g_return_if_fail (f != NULL && f->type == JL_FIELD_ENUM);

  /* TRANSLATORS: first entry of a filter drop-down, e.g. "Status: all" */
  all = g_strdup_printf (_("%s: all"), jl_field_get_label (f));
  filter = add_dropdown (self, field, jl_field_get_label (f), all);
  for (const JlEnumValue *v = f->values; v->key; v++)
    append_choice (filter, v->key, g_dgettext (GETTEXT_PACKAGE, v->label));
}

void
jl_filter_bar_add_year (JlFilterBar *self,
                        const char  *field,
                        guint        n_years)
{
  const JlField *f = jl_kind_lookup_field (self->kind, field);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  Filter *filter;

  g_return_if_fail (f != NULL);
  filter = add_dropdown (self, field, _("Year"), _("All years"));
  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *value = g_strdup_printf ("%d", year - (int) i);
      /* TRANSLATORS: a year in a filter, e.g. 2025年 */
      g_autofree char *label = g_strdup_printf (_("%d"), year - (int) i);
      append_choice (filter, value, label);
    }
}

void
jl_filter_bar_fill_query (JlFilterBar *self,
                          JlQuery     *query)
{
  guint n = 0;

  g_return_if_fail (JL_IS_FILTER_BAR (self));

  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *f = self->filters->pdata[i];
      guint pos = gtk_drop_down_get_selected (f->dropdown);
      const char *value = pos < f->values->len ? f->values->pdata[pos] : NULL;

      if (value == NULL)
        continue;
      if (g_strcmp0 (f->field, "community_id") == 0)
        query->community_id = value;
      else if (n < G_N_ELEMENTS (query->filters))
        {
          query->filters[n].field = f->field;
          query->filters[n].value = value;
          n++;
        }
    }
}

const char *
jl_filter_bar_get_community (JlFilterBar *self)
{
  JlQuery query = { 0 };

  jl_filter_bar_fill_query (self, &query);
  return query.community_id;
}

void
jl_filter_bar_select (JlFilterBar *self,
                      const char  *field,
                      const char  *value)
{
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *f = self->filters->pdata[i];

      if (g_strcmp0 (f->field, field) != 0)
        continue;
      for (guint j = 0; j < f->values->len; j++)
        if (g_strcmp0 (f->values->pdata[j], value) == 0)
          gtk_drop_down_set_selected (f->dropdown, j);
    }
}

static void
jl_filter_bar_dispose (GObject *object)
{
  JlFilterBar *self = JL_FILTER_BAR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jl_filter_bar_parent_class)->dispose (object);
}

static void
jl_filter_bar_finalize (GObject *object)
{
  g_clear_pointer (&JL_FILTER_BAR (object)->filters, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_filter_bar_parent_class)->finalize (object);
}

static void
jl_filter_bar_class_init (JlFilterBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jl_filter_bar_dispose;
  G_OBJECT_CLASS (klass)->finalize = jl_filter_bar_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_filter_bar_init (JlFilterBar *self)
{
  self->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) filter_free);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
}

JlFilterBar *
jl_filter_bar_new (JlStore    *store,
                   const char *kind)
{
  JlFilterBar *self = g_object_new (JL_TYPE_FILTER_BAR, NULL);

  self->store = g_object_ref (store);
  self->kind = jl_schema_lookup (kind);
  self->titles = jl_title_cache_get_for_store (store);
  g_signal_connect_object (self->titles, "changed::community", G_CALLBACK (titles_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}
