/* jl-name-suggest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlNameSuggest"

#include "config.h"

#include <string.h>

#include "jl-name-suggest.h"

#define MAX_SHOWN 8

typedef struct
{
  char *name;
  char *folded;   /* for matching */
  char *id;
  char *kind;
  char *hint;
} Name;

struct _JlNameSuggest
{
  GObject     parent_instance;

  GtkEntry   *entry;      /* weak: it owns us */
  GtkWidget  *popover;    /* parented to the entry */
  GtkListBox *list;
  GPtrArray  *names;      /* Name* */
  gboolean    taking;     /* setting the entry's text ourselves */
};

G_DEFINE_FINAL_TYPE (JlNameSuggest, jl_name_suggest, G_TYPE_OBJECT)

static void
name_free (Name *n)
{
  g_free (n->name);
  g_free (n->folded);
  g_free (n->id);
  g_free (n->kind);
  g_free (n->hint);
  g_free (n);
}

void
jl_name_suggest_hide (JlNameSuggest *self)
{
  g_return_if_fail (JL_IS_NAME_SUGGEST (self));

  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

gboolean
jl_name_suggest_is_shown (JlNameSuggest *self)
{
  g_return_val_if_fail (JL_IS_NAME_SUGGEST (self), FALSE);
  return self->popover != NULL && gtk_widget_get_visible (self->popover);
}

static void
take (JlNameSuggest *self,
      GtkListBoxRow *row)
{
  Name *n = g_object_get_data (G_OBJECT (row), "name");

  self->taking = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), n->name);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->taking = FALSE;
  jl_name_suggest_hide (self);
}

static void
row_activated_cb (JlNameSuggest *self,
                  GtkListBoxRow *row)
{
  take (self, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static GtkWidget *
make_row (Name *n)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (n->name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (n->hint != NULL && *n->hint != '\0')
    {
      GtkWidget *hint = gtk_label_new (n->hint);

      gtk_widget_add_css_class (hint, "dim-label");
      gtk_box_append (GTK_BOX (box), hint);
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "name", n);
  return row;
}

static void
text_changed_cb (JlNameSuggest *self)
{
  g_autofree char *key = NULL;
  GtkWidget *child;
  guint shown = 0;
  gboolean exact = FALSE;

  if (self->taking || self->entry == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  key = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->entry)), -1);
  g_strstrip (key);
  /* Only while the user types here: text set by the program asks nothing. */
  if (*key == '\0' ||
      !gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)))))
    {
      jl_name_suggest_hide (self);
      return;
    }
  for (guint i = 0; i < self->names->len && shown < MAX_SHOWN; i++)
    {
      Name *n = self->names->pdata[i];

      if (strstr (n->folded, key) == NULL)
        continue;
      exact |= strcmp (n->folded, key) == 0;
      gtk_list_box_append (self->list, make_row (n));
      shown++;
    }
  if (shown == 0 || (shown == 1 && exact))
    {
      jl_name_suggest_hide (self);
      return;
    }
  gtk_list_box_select_row (self->list, NULL);
  if (!gtk_widget_get_visible (self->popover))
    gtk_popover_popup (GTK_POPOVER (self->popover));
  else
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
move (JlNameSuggest *self,
      int            step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row ? gtk_list_box_row_get_index (row) + step : (step > 0 ? 0 : -1);
  GtkListBoxRow *next;

  if (index < 0)
    {
      /* Wrap to the end. */
      for (index = 0; gtk_list_box_get_row_at_index (self->list, index + 1); index++)
        ;
    }
  next = gtk_list_box_get_row_at_index (self->list, index);
  gtk_list_box_select_row (self->list, next);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                JlNameSuggest         *self)
{
  GtkListBoxRow *row;

  if (!jl_name_suggest_is_shown (self))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      jl_name_suggest_hide (self);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      row = gtk_list_box_get_selected_row (self->list);
      if (row == NULL)
        {
          /* Enter without choosing: the typed name stands. */
          jl_name_suggest_hide (self);
          return GDK_EVENT_PROPAGATE;
        }
      take (self, row);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
hide_unless_focused_cb (gpointer data)
{
  g_autoptr(JlNameSuggest) self = data;

  if (self->entry != NULL && self->popover != NULL &&
      !gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)))))
    jl_name_suggest_hide (self);
  return G_SOURCE_REMOVE;
}

/* Tab to the next field closes the list; a click in the list is handled
 * first, hence the short delay. */
static void
focus_leave_cb (JlNameSuggest *self)
{
  g_timeout_add (150, hide_unless_focused_cb, g_object_ref (self));
}

static void
entry_destroy_cb (JlNameSuggest *self)
{
  /* The entry must not be finalized with our popover still inside. */
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->entry = NULL;
}

static void
jl_name_suggest_finalize (GObject *object)
{
  JlNameSuggest *self = JL_NAME_SUGGEST (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_name_suggest_parent_class)->finalize (object);
}

static void
jl_name_suggest_class_init (JlNameSuggestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jl_name_suggest_finalize;
}

static void
jl_name_suggest_init (JlNameSuggest *self)
{
  self->names = g_ptr_array_new_with_free_func ((GDestroyNotify) name_free);
}

JlNameSuggest *
jl_name_suggest_attach (GtkEntry *entry)
{
  JlNameSuggest *self;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus;

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);

  self = g_object_new (JL_TYPE_NAME_SUGGEST, NULL);
  self->entry = entry;
  g_object_set_data_full (G_OBJECT (entry), "jl-name-suggest", self, g_object_unref);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->list), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), scroller);
  /* Typing goes on in the entry while the list is open. */
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_size_request (scroller, 200, -1);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (entry));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
  g_signal_connect_object (entry, "changed", G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "destroy", G_CALLBACK (entry_destroy_cb), self, G_CONNECT_SWAPPED);
  return self;
}

void
jl_name_suggest_clear (JlNameSuggest *self)
{
  g_return_if_fail (JL_IS_NAME_SUGGEST (self));
  g_ptr_array_set_size (self->names, 0);
}

void
jl_name_suggest_add (JlNameSuggest *self,
                     const char    *name,
                     const char    *id,
                     const char    *kind,
                     const char    *hint)
{
  Name *n;

  g_return_if_fail (JL_IS_NAME_SUGGEST (self));
  g_return_if_fail (name != NULL);

  n = g_new0 (Name, 1);
  n->name = g_strdup (name);
  n->folded = g_utf8_casefold (name, -1);
  n->id = g_strdup (id);
  n->kind = g_strdup (kind);
  n->hint = g_strdup (hint);
  g_ptr_array_add (self->names, n);
}

gboolean
jl_name_suggest_lookup (JlNameSuggest  *self,
                        const char     *name,
                        const char    **id,
                        const char    **kind)
{
  g_return_val_if_fail (JL_IS_NAME_SUGGEST (self), FALSE);

  for (guint i = 0; i < self->names->len; i++)
    {
      Name *n = self->names->pdata[i];

      if (g_strcmp0 (n->name, name) == 0)
        {
          *id = n->id;
          *kind = n->kind;
          return TRUE;
        }
    }
  return FALSE;
}
