/* jl-minutes-agenda.c
 *
 * Items are edited inline rather than in dialogs: during a meeting the
 * clerk moves from one item to the next without opening or closing
 * windows, and every card saves itself like the rest of the minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesAgenda"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-confirm.h"
#include "jl-minutes-agenda.h"
#include "jl-store-async.h"
#include "jl-store-order.h"

typedef struct
{
  GtkWidget      *box;         /* separator + card, in cards_box */
  GtkWidget      *separator;
  GtkWidget      *card;        /* AdwPreferencesGroup */
  JlRecordEditor *editor;
  JlChildList    *decisions;   /* NULL until the item is stored */
  GtkWidget      *delete_button;
  GtkWidget      *up_button;
  GtkWidget      *down_button;
} Card;

struct _JlMinutesAgenda
{
  AdwBin     parent_instance;

  JlStore   *store;
  char      *meeting_id;
  GPtrArray *cards;            /* Card*, in agenda order */
  gint64     next_position;
  gboolean   frozen;
  gboolean   moving;           /* a new order is being stored */

  GtkWidget *cards_box;
  GtkWidget *add_button;
  GtkWidget *empty_label;
};

G_DEFINE_FINAL_TYPE (JlMinutesAgenda, jl_minutes_agenda, ADW_TYPE_BIN)

static const char *const item_fields[] = {
  "title", "presenter", "item_kind", "step_consult", "step_plan", "step_execute", "step_feedback", NULL
};
static const char *const decision_fields[] = {
  "text", "lead_unit_id", "owner", "due_on", "status", "progress", "decision_disclosed_on",
  "result_disclosed_on", "feedback", NULL
};
static const char *const decision_subtitle[] = { "owner", "due_on", "status", NULL };

static Card *
find_card (JlMinutesAgenda *self,
           gpointer         widget,
           guint           *index)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *c = self->cards->pdata[i];

      if (c->box == widget || c->card == widget || GTK_WIDGET (c->editor) == widget ||
          c->delete_button == widget || c->up_button == widget || c->down_button == widget)
        {
          if (index != NULL)
            *index = i;
          return c;
        }
    }
  return NULL;
}

static gboolean
is_stored (Card *c)
{
  return jl_record_editor_get_record (c->editor) != NULL;
}

/* Only stored items move, and only past stored items: a card not stored
 * yet has no position to exchange. */
static gboolean
can_move (JlMinutesAgenda *self,
          guint            index,
          int              delta)
{
  if (self->frozen || (delta < 0 && index == 0) || (delta > 0 && index + 1 >= self->cards->len))
    return FALSE;
  return is_stored (self->cards->pdata[index]) && is_stored (self->cards->pdata[index + delta]);
}

static void
renumber (JlMinutesAgenda *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *c = self->cards->pdata[i];
      g_autofree char *title = g_strdup_printf (_("Agenda item %u"), i + 1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (c->card), title);
      /* A rule between items: their fields would otherwise run together. */
      gtk_widget_set_visible (c->separator, i > 0);
      gtk_widget_set_visible (c->up_button, !self->frozen);
      gtk_widget_set_visible (c->down_button, !self->frozen);
      gtk_widget_set_sensitive (c->up_button, can_move (self, i, -1));
      gtk_widget_set_sensitive (c->down_button, can_move (self, i, 1));
    }
  gtk_widget_set_visible (self->empty_label, self->cards->len == 0);
}


static void
add_decisions (JlMinutesAgenda *self,
               Card            *c,
               JlRecord        *item)
{
  if (c->decisions != NULL)
    return;
  c->decisions = JL_CHILD_LIST (jl_child_list_new (self->store, "decision", jl_record_get_id (item),
                                                   decision_fields, decision_subtitle));
  gtk_widget_set_margin_top (GTK_WIDGET (c->decisions), 18);
  if (self->frozen)
    jl_child_list_set_frozen (c->decisions, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (c->card), GTK_WIDGET (c->decisions));
}

static void
editor_saved_cb (JlMinutesAgenda *self,
                 JlRecord        *item,
                 JlRecordEditor  *editor)
{
  Card *c = find_card (self, editor, NULL);

  /* Stored for the first time: now it can own decisions, and move. */
  if (c != NULL)
    add_decisions (self, c, item);
  renumber (self);
}

static void
remove_card (JlMinutesAgenda *self,
             guint            index)
{
  Card *c = self->cards->pdata[index];

  gtk_box_remove (GTK_BOX (self->cards_box), c->box);
  g_ptr_array_remove_index (self->cards, index);
  renumber (self);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWidget) card = user_data;
  g_autoptr(GError) error = NULL;
  JlMinutesAgenda *self;
  guint index;

  self = JL_MINUTES_AGENDA (gtk_widget_get_ancestor (card, JL_TYPE_MINUTES_AGENDA));
  if (!jl_store_delete_finish (JL_STORE (source), result, &error))
    {
      jl_confirm_show_error (self ? GTK_WIDGET (self) : NULL, _("Could not delete"), error);
      return;
    }
  if (self != NULL && find_card (self, card, &index) != NULL)
    remove_card (self, index);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JlMinutesAgenda  *self)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (dialog), "card");
  Card *c = find_card (self, card, NULL);
  JlRecord *item;

  if (g_strcmp0 (response, "delete") != 0 || c == NULL)
    return;
  item = jl_record_editor_get_record (c->editor);
  jl_store_delete_async (self->store, "agenda_item", jl_record_get_id (item), NULL,
                         deleted_cb, g_object_ref (c->card));
}

static void
delete_clicked_cb (GtkButton       *button,
                   JlMinutesAgenda *self)
{
  guint index;
  Card *c = find_card (self, button, &index);
  JlRecord *item;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (c == NULL)
    return;
  item = jl_record_editor_get_record (c->editor);
  if (item == NULL)
    {
      /* Never stored: nothing to lose but what the title would have kept. */
      remove_card (self, index);
      return;
    }
  body = g_strdup_printf (_("“%s” and its decisions will be deleted."), jl_record_get_title (item));
  dialog = jl_confirm_delete_new (GTK_WIDGET (self), _("Delete this agenda item?"), body, _("_Delete"));
  g_object_set_data_full (G_OBJECT (dialog), "card", g_object_ref (c->card), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Moving items
 */

typedef struct
{
  JlMinutesAgenda *self;
  GtkWidget       *card;     /* the card that moves */
  int              delta;
  GStrv            ids;      /* the stored items in their new order */
} Move;

static void
move_free (Move *move)
{
  g_object_unref (move->self);
  g_object_unref (move->card);
  g_strfreev (move->ids);
  g_free (move);
}

static gpointer
set_order_func (JlStore   *store,
                gpointer   data,
                GError   **error)
{
  Move *move = data;

  return jl_store_set_order (store, "agenda_item", (const char *const *) move->ids, error)
    ? GINT_TO_POINTER (TRUE) : NULL;
}

/* The focus was on a button the move just made insensitive: the
 * other one keeps the keyboard user where they were. */
static void
keep_focus (Card *c)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (c->card));

  if (focus == c->up_button && !gtk_widget_get_sensitive (c->up_button))
    gtk_widget_grab_focus (c->down_button);
  else if (focus == c->down_button && !gtk_widget_get_sensitive (c->down_button))
    gtk_widget_grab_focus (c->up_button);
}

static void
moved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Move *move = user_data;
  JlMinutesAgenda *self = move->self;
  g_autoptr(GError) error = NULL;
  guint index;
  Card *c;

  self->moving = FALSE;
  if (jl_store_run_finish (JL_STORE (source), result, &error) == NULL)
    jl_confirm_show_error (GTK_WIDGET (self), _("Could not move the agenda item"), error);
  else if (self->cards_box != NULL && (c = find_card (self, move->card, &index)) != NULL &&
           index + move->delta < self->cards->len)
    {
      Card *other = self->cards->pdata[index + move->delta];

      /* Moving the widget, not rebuilding it, keeps the focus in it. */
      if (move->delta < 0)
        gtk_box_reorder_child_after (GTK_BOX (self->cards_box), other->box, c->box);
      else
        gtk_box_reorder_child_after (GTK_BOX (self->cards_box), c->box, other->box);
      self->cards->pdata[index] = other;
      self->cards->pdata[index + move->delta] = c;
      renumber (self);
      keep_focus (c);
    }
  move_free (move);
}

static gboolean
move_item (JlMinutesAgenda *self,
           guint            index,
           int              delta)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  Move *move;

  if (self->moving || !can_move (self, index, delta))
    return FALSE;
  for (guint i = 0; i < self->cards->len; i++)
    {
      guint from = i == index ? index + delta : i == index + delta ? index : i;
      Card *c = self->cards->pdata[from];

      if (is_stored (c))
        g_strv_builder_add (ids, jl_record_get_id (jl_record_editor_get_record (c->editor)));
    }
  move = g_new0 (Move, 1);
  move->self = g_object_ref (self);
  move->card = g_object_ref (((Card *) self->cards->pdata[index])->card);
  move->delta = delta;
  move->ids = g_strv_builder_end (ids);
  self->moving = TRUE;
  /* The card moves on screen once the store has the new order. */
  jl_store_run_async (self->store, set_order_func, move, NULL, NULL, NULL, moved_cb, move);
  return TRUE;
}

static void
move_clicked_cb (GtkButton       *button,
                 JlMinutesAgenda *self)
{
  guint index;
  Card *c = find_card (self, button, &index);

  if (c != NULL)
    move_item (self, index, GTK_WIDGET (button) == c->up_button ? -1 : 1);
}

/* Alt+Up / Alt+Down anywhere in a card. */
static gboolean
move_shortcut_cb (GtkWidget *card,
                  GVariant  *args,
                  gpointer   user_data)
{
  GtkWidget *agenda = gtk_widget_get_ancestor (card, JL_TYPE_MINUTES_AGENDA);
  guint index;

  if (agenda == NULL || find_card (JL_MINUTES_AGENDA (agenda), card, &index) == NULL)
    return FALSE;
  return move_item (JL_MINUTES_AGENDA (agenda), index, GPOINTER_TO_INT (user_data));
}

static GtkWidget *
header_button (JlMinutesAgenda *self,
               const char      *icon,
               const char      *label,
               const char      *tooltip,
               const char      *shortcut,
               GCallback        callback)
{
  GtkWidget *button = jl_row_button_new (icon, label);

  /* The tooltip also tells the shortcut. */
  gtk_widget_set_tooltip_text (button, tooltip);
  if (shortcut != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS,
                                    shortcut, -1);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static void
add_header (JlMinutesAgenda *self,
            Card            *c)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  c->up_button = header_button (self, "go-up-symbolic", _("Move this agenda item up"),
                                _("Move up (Alt+Up)"), "Alt+Up", G_CALLBACK (move_clicked_cb));
  c->down_button = header_button (self, "go-down-symbolic", _("Move this agenda item down"),
                                  _("Move down (Alt+Down)"), "Alt+Down", G_CALLBACK (move_clicked_cb));
  c->delete_button = header_button (self, "user-trash-symbolic", _("Delete this agenda item"),
                                    _("Delete this agenda item"), NULL, G_CALLBACK (delete_clicked_cb));
  gtk_widget_set_visible (c->delete_button, !self->frozen);
  gtk_box_append (GTK_BOX (box), c->up_button);
  gtk_box_append (GTK_BOX (box), c->down_button);
  gtk_box_append (GTK_BOX (box), c->delete_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (c->card), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                      gtk_callback_action_new (move_shortcut_cb, GINT_TO_POINTER (-1), NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                      gtk_callback_action_new (move_shortcut_cb, GINT_TO_POINTER (1), NULL)));
  gtk_widget_add_controller (c->card, shortcuts);
}

static Card *
append_card (JlMinutesAgenda *self,
             JlRecord        *item)
{
  Card *c = g_new0 (Card, 1);
  g_autoptr(JsonObject) defaults = NULL;

  if (item == NULL)
    {
      defaults = json_object_new ();
      json_object_set_string_member (defaults, "meeting_id", self->meeting_id);
      json_object_set_int_member (defaults, "position", self->next_position++);
    }
  else
    self->next_position = MAX (self->next_position, jl_record_get_int (item, "position", 0) + 1);

  c->card = adw_preferences_group_new ();
  add_header (self, c);

  c->editor = JL_RECORD_EDITOR (jl_record_editor_new (self->store, "agenda_item", item, defaults, item_fields));
  jl_record_editor_set_frozen (c->editor, self->frozen);
  g_signal_connect_object (c->editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (c->card), GTK_WIDGET (c->editor));

  c->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  c->separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_box_append (GTK_BOX (c->box), c->separator);
  gtk_box_append (GTK_BOX (c->box), c->card);
  g_ptr_array_add (self->cards, c);
  gtk_box_append (GTK_BOX (self->cards_box), c->box);
  if (item != NULL)
    add_decisions (self, c, item);
  renumber (self);
  return c;
}

static gboolean
focus_title_cb (gpointer data)
{
  g_autoptr(JlRecordEditor) editor = data;
  GtkWidget *row = jl_record_editor_get_row (editor, "title");

  if (row != NULL && gtk_widget_get_mapped (row))
    gtk_widget_grab_focus (row);
  return G_SOURCE_REMOVE;
}

JlRecordEditor *
jl_minutes_agenda_add_item (JlMinutesAgenda *self)
{
  Card *c;

  g_return_val_if_fail (JL_IS_MINUTES_AGENDA (self), NULL);
  g_return_val_if_fail (!self->frozen, NULL);

  c = append_card (self, NULL);
  /* Once the card is laid out; the scrolled window follows the focus. */
  g_idle_add (focus_title_cb, g_object_ref (c->editor));
  return c->editor;
}

static void
add_clicked_cb (JlMinutesAgenda *self)
{
  jl_minutes_agenda_add_item (self);
}

static gpointer
list_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  JlQuery query = { .filters = { { "meeting_id", data } }, .order_by = "position" };

  return jl_store_list (store, "agenda_item", &query, error);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JlMinutesAgenda) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = jl_store_run_finish (JL_STORE (source), result, &error);

  if (items == NULL)
    {
      g_warning ("Could not list the agenda: %s", error->message);
      return;
    }
  if (self->cards_box == NULL)
    return;
  for (guint i = 0; i < items->len; i++)
    append_card (self, items->pdata[i]);
}

guint
jl_minutes_agenda_get_n_items (JlMinutesAgenda *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_AGENDA (self), 0);
  return self->cards->len;
}

JlRecordEditor *
jl_minutes_agenda_get_editor (JlMinutesAgenda *self,
                              guint            index)
{
  g_return_val_if_fail (JL_IS_MINUTES_AGENDA (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return ((Card *) self->cards->pdata[index])->editor;
}

JlChildList *
jl_minutes_agenda_get_decisions (JlMinutesAgenda *self,
                                 guint            index)
{
  g_return_val_if_fail (JL_IS_MINUTES_AGENDA (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return ((Card *) self->cards->pdata[index])->decisions;
}

GtkWidget *
jl_minutes_agenda_get_move_button (JlMinutesAgenda *self,
                                   guint            index,
                                   gboolean         up)
{
  Card *c;

  g_return_val_if_fail (JL_IS_MINUTES_AGENDA (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  c = self->cards->pdata[index];
  return up ? c->up_button : c->down_button;
}

GtkWidget *
jl_minutes_agenda_get_card (JlMinutesAgenda *self,
                            guint            index)
{
  g_return_val_if_fail (JL_IS_MINUTES_AGENDA (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return ((Card *) self->cards->pdata[index])->card;
}

void
jl_minutes_agenda_set_frozen (JlMinutesAgenda *self,
                              gboolean         frozen)
{
  g_return_if_fail (JL_IS_MINUTES_AGENDA (self));

  if (self->frozen == frozen)
    return;
  self->frozen = frozen;
  gtk_widget_set_visible (self->add_button, !frozen);
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *c = self->cards->pdata[i];

      /* A card never stored cannot be stored any more. */
      if (frozen && jl_record_editor_get_record (c->editor) == NULL)
        {
          remove_card (self, i--);
          continue;
        }
      jl_record_editor_set_frozen (c->editor, frozen);
      gtk_widget_set_visible (c->delete_button, !frozen);
      if (c->decisions != NULL)
        jl_child_list_set_frozen (c->decisions, frozen);
    }
  renumber (self);
}

void
jl_minutes_agenda_save_now (JlMinutesAgenda *self)
{
  g_return_if_fail (JL_IS_MINUTES_AGENDA (self));

  for (guint i = 0; i < self->cards->len; i++)
    jl_record_editor_save_now (((Card *) self->cards->pdata[i])->editor);
}

gboolean
jl_minutes_agenda_has_pending (JlMinutesAgenda *self)
{
  g_return_val_if_fail (JL_IS_MINUTES_AGENDA (self), FALSE);

  for (guint i = 0; i < self->cards->len; i++)
    {
      JlRecordEditor *editor = ((Card *) self->cards->pdata[i])->editor;

      /* A card without a title cannot be saved; it does not hold things up. */
      if (jl_record_editor_has_pending (editor) &&
          (jl_record_editor_get_record (editor) != NULL || *jl_record_editor_get_message (editor) == '\0'))
        return TRUE;
    }
  return FALSE;
}

static void
jl_minutes_agenda_dispose (GObject *object)
{
  JlMinutesAgenda *self = JL_MINUTES_AGENDA (object);

  self->cards_box = NULL;
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jl_minutes_agenda_parent_class)->dispose (object);
}

static void
jl_minutes_agenda_finalize (GObject *object)
{
  JlMinutesAgenda *self = JL_MINUTES_AGENDA (object);

  g_free (self->meeting_id);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_minutes_agenda_parent_class)->finalize (object);
}

static void
jl_minutes_agenda_class_init (JlMinutesAgendaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jl_minutes_agenda_dispose;
  object_class->finalize = jl_minutes_agenda_finalize;
}

static void
jl_minutes_agenda_init (JlMinutesAgenda *self)
{
  self->cards = g_ptr_array_new_with_free_func (g_free);
  self->next_position = 1;
}

GtkWidget *
jl_minutes_agenda_new (JlStore    *store,
                       const char *meeting_id)
{
  JlMinutesAgenda *self;
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *add_content;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  self = g_object_new (JL_TYPE_MINUTES_AGENDA, NULL);
  self->store = g_object_ref (store);
  self->meeting_id = g_strdup (meeting_id);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  heading = gtk_label_new (_("Agenda Items"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), heading);

  self->empty_label = gtk_label_new (_("No agenda items yet. Add one for each topic discussed."));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->empty_label);

  self->cards_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (box), self->cards_box);

  add_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _("Add _Agenda Item"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  self->add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->add_button), add_content);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->add_button, "pill");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->add_button);

  adw_bin_set_child (ADW_BIN (self), box);
  jl_store_run_async (store, list_func, g_strdup (meeting_id), g_free, (GDestroyNotify) g_ptr_array_unref,
                      NULL, listed_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}
