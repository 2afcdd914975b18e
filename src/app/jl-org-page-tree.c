/* jl-org-page-tree.c: the organisation tree's levels
 *
 * Each level (the communities; a community's top organisations; an
 * organisation's sub-organisations) is a GListStore filled from the store
 * on a worker when its row is first expanded, and brought up to date in
 * place after an edit so that open rows stay open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlOrgPage"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-org-page-private.h"
#include "jl-store-async.h"

/* Subtitles (also built on workers: no GTK here)
 */

static char *
join_parts (const char *const *parts,
            guint              n)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (s, "%s%s", s->len ? " · " : "", parts[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
community_subtitle (JlRecord *community)
{
  const char *parts[] = { jl_record_get_string (community, "district"), jl_record_get_string (community, "street") };

  return join_parts (parts, G_N_ELEMENTS (parts));
}

static char *
org_subtitle (JlRecord   *org,
              const char *secretary)
{
  const JlField *level = jl_kind_lookup_field (jl_record_get_kind (org), "level");
  g_autofree char *who = secretary ? g_strdup_printf (_("Secretary %s"), secretary) : NULL;
  g_autofree char *members = NULL;
  const char *parts[3];

  if (jl_record_has_value (org, "members_count"))
    members = g_strdup_printf (_("%d members"), (int) jl_record_get_int (org, "members_count", 0));
  parts[0] = jl_enum_get_label (level, jl_record_get_string (org, "level"));
  parts[1] = who;
  parts[2] = members;
  return join_parts (parts, G_N_ELEMENTS (parts));
}

/* Loading a level of the tree
 */

typedef struct
{
  char     *key;            /* JL_ORG_ROOT_KEY, a community id or an organisation id */
  char     *community_id;   /* NULL for the top level */
  char     *parent_id;      /* NULL for a community's top organisations */
} Level;

static void
level_free (Level *level)
{
  g_free (level->key);
  g_free (level->community_id);
  g_free (level->parent_id);
  g_free (level);
}

static Level *
level_copy (const Level *level)
{
  Level *copy = g_new0 (Level, 1);

  copy->key = g_strdup (level->key);
  copy->community_id = g_strdup (level->community_id);
  copy->parent_id = g_strdup (level->parent_id);
  return copy;
}

static int
compare_orgs (gconstpointer a,
              gconstpointer b)
{
  JlRecord *x = jl_org_node_get_record (*(JlOrgNode **) a);
  JlRecord *y = jl_org_node_get_record (*(JlOrgNode **) b);
  gint64 px = jl_record_get_int (x, "position", G_MAXINT64);
  gint64 py = jl_record_get_int (y, "position", G_MAXINT64);

  if (px != py)
    return px < py ? -1 : 1;
  return g_utf8_collate (jl_record_get_title (x), jl_record_get_title (y));
}

/* Runs on a worker: the nodes of one level, with their subtitles. */
static gpointer
load_level_func (JlStore   *store,
                 gpointer   data,
                 GError   **error)
{
  Level *level = data;
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *nodes = g_ptr_array_new_with_free_func (g_object_unref);

  if (level->community_id == NULL)
    {
      JlQuery query = { .order_by = "name" };

      if (!(records = jl_store_list (store, "community", &query, error)))
        return (g_ptr_array_unref (nodes), NULL);
      for (guint i = 0; i < records->len; i++)
        {
          g_autofree char *subtitle = community_subtitle (records->pdata[i]);
          g_ptr_array_add (nodes, jl_org_node_new (records->pdata[i], subtitle));
        }
      return nodes;
    }

  {
    JlQuery query = { .community_id = level->community_id, .filters = { { "parent_id", level->parent_id } } };

    if (!(records = jl_store_list (store, "party_org", &query, error)))
      return (g_ptr_array_unref (nodes), NULL);
  }
  for (guint i = 0; i < records->len; i++)
    {
      JlRecord *org = records->pdata[i];
      const char *secretary_id = jl_record_get_string (org, "secretary_id");
      g_autoptr(JlRecord) secretary = secretary_id ? jl_store_get (store, "person", secretary_id, NULL) : NULL;
      g_autofree char *subtitle = org_subtitle (org, secretary ? jl_record_get_title (secretary) : NULL);
      JlOrgNode *node = jl_org_node_new (org, subtitle);
      JlQuery children = { .filters = { { "parent_id", jl_record_get_id (org) } } };

      /* Rows without sub-organisations get no expander. */
      if (jl_org_node_can_have_children (node))
        jl_org_node_set_n_children (node, (int) MAX (0, jl_store_count (store, "party_org", &children, NULL)));
      else
        jl_org_node_set_n_children (node, 0);
      g_ptr_array_add (nodes, node);
    }
  g_ptr_array_sort (nodes, compare_orgs);
  return nodes;
}

guint
_jl_org_page_find_in_store (GListModel *model,
                            const char *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlOrgNode) node = g_list_model_get_item (model, i);

      if (g_strcmp0 (jl_org_node_get_id (node), id) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* Merging a reloaded level
 *
 * Brings @store in line with @nodes, changing only what changed, so that
 * rows keep their expanded state across a reload, in time linear in the
 * level's size: thousands of communities come in one splice, and a
 * reload after an edit keeps every row that stayed in its place. */

typedef struct
{
  GListStore *store;
  guint       pos;        /* where the pending splice starts */
  guint       n_remove;   /* rows from there that go */
  GPtrArray  *add;        /* nodes that come in their place */
  guint       n_items;    /* rows in the store before the splice */
} Merge;

static void
merge_flush (Merge *m)
{
  if (m->n_remove == 0 && m->add->len == 0)
    return;
  g_list_store_splice (m->store, m->pos, m->n_remove, m->add->pdata, m->add->len);
  m->n_items += m->add->len;
  m->n_items -= m->n_remove;
  m->pos += m->add->len;
  m->n_remove = 0;
  g_ptr_array_set_size (m->add, 0);
}

static JlOrgNode *
merge_cursor (Merge *m)
{
  guint at = m->pos + m->n_remove;

  return at < m->n_items ? g_list_model_get_item (G_LIST_MODEL (m->store), at) : NULL;
}

void
_jl_org_page_merge_level (GListStore *store,
                          GPtrArray  *nodes)
{
  g_autoptr(GHashTable) new_index = g_hash_table_new (g_str_hash, g_str_equal);  /* id → index + 1 */
  g_autoptr(GHashTable) old_index = g_hash_table_new (g_str_hash, g_str_equal);  /* id → index + 1 */
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  Merge m = { store, 0, 0, g_ptr_array_new (), g_list_model_get_n_items (G_LIST_MODEL (store)) };

  for (guint i = 0; i < nodes->len; i++)
    g_hash_table_insert (new_index, (gpointer) jl_org_node_get_id (nodes->pdata[i]), GUINT_TO_POINTER (i + 1));
  /* The old rows, held so that their ids stay valid while they move. */
  for (guint i = 0; i < m.n_items; i++)
    {
      JlOrgNode *node = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_ptr_array_add (old, node);
      g_hash_table_insert (old_index, (gpointer) jl_org_node_get_id (node), GUINT_TO_POINTER (i + 1));
    }

  for (guint k = 0; k < nodes->len; k++)
    {
      JlOrgNode *node = nodes->pdata[k];
      const char *id = jl_org_node_get_id (node);
      g_autoptr(JlOrgNode) cur = NULL;

      /* Rows gone, or already placed higher up, leave. */
      while ((cur = merge_cursor (&m)) != NULL)
        {
          const char *cur_id = jl_org_node_get_id (cur);
          guint cur_new = GPOINTER_TO_UINT (g_hash_table_lookup (new_index, cur_id));
          guint node_old = GPOINTER_TO_UINT (g_hash_table_lookup (old_index, id));
          guint cur_old = GPOINTER_TO_UINT (g_hash_table_lookup (old_index, cur_id));

          if (cur_new == 0 || g_hash_table_contains (placed, cur_id))
            m.n_remove++;
          /* The row here moved further down than the next wanted row
           * moved up: take it out here (it comes back below). */
          else if (cur != NULL && g_strcmp0 (cur_id, id) != 0 && node_old > cur_old &&
                   (cur_new - 1 - k) >= (node_old - cur_old))
            m.n_remove++;
          else
            break;
          g_clear_object (&cur);
        }

      g_hash_table_add (placed, (gpointer) id);
      /* A row cannot gain or lose its expander: a new row then. */
      if (cur != NULL && g_strcmp0 (jl_org_node_get_id (cur), id) == 0 &&
          jl_org_node_get_expandable (cur) == jl_org_node_get_expandable (node))
        {
          merge_flush (&m);
          jl_org_node_set_n_children (cur, jl_org_node_get_n_children (node));
          jl_org_node_set_record (cur, jl_org_node_get_record (node), jl_org_node_get_subtitle (node));
          m.pos++;
        }
      else
        g_ptr_array_add (m.add, node);
    }
  m.n_remove = m.n_items - m.pos;
  merge_flush (&m);
  g_ptr_array_unref (m.add);
}

/* Opens the row waiting for it, once it has loaded with an expander. */
void
_jl_org_page_expand_pending (JlOrgPage *self)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  if (self->pending_expand == NULL || !(row = _jl_org_page_find_row (self, self->pending_expand, NULL)))
    return;
  if (!gtk_tree_list_row_is_expandable (row))
    return;
  gtk_tree_list_row_set_expanded (row, TRUE);
  g_clear_pointer (&self->pending_expand, g_free);
}

typedef struct
{
  JlOrgPage *self;
  GWeakRef   store;
} LoadData;

static void
load_data_free (LoadData *ld)
{
  g_object_unref (ld->self);
  g_weak_ref_clear (&ld->store);
  g_free (ld);
}

static void
level_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadData *ld = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = jl_store_run_finish (JL_STORE (source), result, &error);
  g_autoptr(GListStore) store = g_weak_ref_get (&ld->store);
  JlOrgPage *self = ld->self;

  if (nodes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jl_page_toast (JL_PAGE (self), error->message);
    }
  else if (store != NULL)
    {
      gboolean first = store == self->root && g_list_model_get_n_items (G_LIST_MODEL (store)) == 0;
      g_autofree char *selected = g_strdup (jl_org_page_get_selected (self));

      _jl_org_page_merge_level (store, nodes);
      /* A row replaced to gain its expander stays selected. */
      if (selected != NULL && g_strcmp0 (jl_org_page_get_selected (self), selected) != 0)
        jl_org_page_select (self, selected);
      /* Start on the first community, as a secretary usually has one. */
      if (first && nodes->len > 0)
        gtk_single_selection_set_selected (self->selection, 0);
      _jl_org_page_expand_pending (self);
    }
  load_data_free (ld);
}

void
_jl_org_page_load_level (JlOrgPage  *self,
                         GListStore *store)
{
  const Level *level = g_object_get_data (G_OBJECT (store), "jl-level");
  LoadData *ld = g_new0 (LoadData, 1);

  ld->self = g_object_ref (self);
  g_weak_ref_init (&ld->store, store);
  jl_store_run_async (jl_page_get_store (JL_PAGE (self)), load_level_func, level_copy (level),
                      (GDestroyNotify) level_free, (GDestroyNotify) g_ptr_array_unref,
                      self->cancellable, level_loaded_cb, ld);
}

void
_jl_org_page_reload_level (JlOrgPage  *self,
                           const char *key)
{
  GListStore *store = key ? g_hash_table_lookup (self->levels, key) : NULL;

  if (store != NULL)
    _jl_org_page_load_level (self, store);
}

typedef struct
{
  GHashTable *levels;
  char       *key;
} LevelEntry;

static void
level_store_finalized (gpointer  data,
                       GObject  *where_the_object_was)
{
  LevelEntry *entry = data;

  /* A newer store for the same level may have taken its place. */
  if (g_hash_table_lookup (entry->levels, entry->key) == (gpointer) where_the_object_was)
    g_hash_table_remove (entry->levels, entry->key);
  g_hash_table_unref (entry->levels);
  g_free (entry->key);
  g_free (entry);
}

static GListStore *
new_level (JlOrgPage   *self,
           const Level *level)
{
  GListStore *store = g_list_store_new (JL_TYPE_ORG_NODE);
  LevelEntry *entry = g_new0 (LevelEntry, 1);

  g_object_set_data_full (G_OBJECT (store), "jl-level", level_copy (level), (GDestroyNotify) level_free);
  entry->levels = g_hash_table_ref (self->levels);
  entry->key = g_strdup (level->key);
  g_hash_table_insert (self->levels, g_strdup (level->key), store);
  g_object_weak_ref (G_OBJECT (store), level_store_finalized, entry);
  return store;
}

/* GtkTreeListModel also creates a child model just to learn whether a row
 * can expand, and drops it at once; only a model still alive in an idle
 * is worth loading. */
static gboolean
load_if_alive_cb (gpointer data)
{
  LoadData *ld = data;
  g_autoptr(GListStore) store = g_weak_ref_get (&ld->store);

  if (store != NULL)
    _jl_org_page_load_level (ld->self, store);
  return G_SOURCE_REMOVE;
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  JlOrgPage *self = user_data;
  JlOrgNode *node = item;
  JlRecord *record = jl_org_node_get_record (node);
  Level level = { 0 };
  GListStore *store;
  LoadData *ld;

  if (!jl_org_node_get_expandable (node))
    return NULL;

  level.key = (char *) jl_org_node_get_id (node);
  level.community_id = (char *) jl_record_get_community_id (record);
  level.parent_id = jl_org_node_is_community (node) ? NULL : (char *) jl_org_node_get_id (node);
  store = new_level (self, &level);

  ld = g_new0 (LoadData, 1);
  ld->self = g_object_ref (self);
  g_weak_ref_init (&ld->store, store);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, load_if_alive_cb, ld, (GDestroyNotify) load_data_free);
  return G_LIST_MODEL (store);
}

/* Rows
 */

/* The full name of an ellipsized row, asked for when the pointer rests on
 * it: setting a tooltip in bind costs an X round trip per row. */
static gboolean
query_tooltip_cb (GtkWidget  *box,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  const char *title = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box)));

  if (title == NULL || *title == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, title);
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  /* Long branch names ellipsize rather than widen the tree. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 14);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 26);

  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr(JlOrgNode) node = gtk_tree_list_row_get_item (row);
  GBinding *title, *subtitle;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  title = g_object_bind_property (node, "title", gtk_widget_get_first_child (box), "label", G_BINDING_SYNC_CREATE);
  subtitle = g_object_bind_property (node, "subtitle", gtk_widget_get_last_child (box), "label", G_BINDING_SYNC_CREATE);
  /* Held: a replaced node may go away before its row is unbound. */
  g_object_set_data_full (G_OBJECT (item), "jl-title-binding", g_object_ref (title), g_object_unref);
  g_object_set_data_full (G_OBJECT (item), "jl-subtitle-binding", g_object_ref (subtitle), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  jl_org_node_get_title (node), -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  const char *names[] = { "jl-title-binding", "jl-subtitle-binding" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GBinding *binding = g_object_get_data (G_OBJECT (item), names[i]);

      if (binding != NULL)
        g_binding_unbind (binding);
      g_object_set_data (G_OBJECT (item), names[i], NULL);
    }
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
}

GtkTreeListRow *
_jl_org_page_find_row (JlOrgPage  *self,
                       const char *id,
                       guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      GtkTreeListRow *row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(JlOrgNode) node = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (jl_org_node_get_id (node), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return row;
        }
      g_object_unref (row);
    }
  return NULL;
}

void
_jl_org_page_tree_init (JlOrgPage *self)
{
  Level top = { .key = (char *) JL_ORG_ROOT_KEY };

  self->root = new_level (self, &top);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->root)), FALSE, FALSE,
                                        create_child_model, self, NULL);
}

GtkListItemFactory *
_jl_org_page_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  return factory;
}
