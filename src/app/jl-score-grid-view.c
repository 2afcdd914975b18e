/* jl-score-grid-view.c: the score grid's header, layout and keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlScoreGrid"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-score-grid-private.h"

/* Where the focus is: a row and a column, counting the void check as the
 * column after the criteria and the reason as the one after that. */
typedef struct
{
  Row   *row;
  guint  column;
} Position;

static guint
void_column (Row *row)
{
  return row->n_cells;
}

/* The reason, or in named rounds the scorer after it. */
static guint
last_column (Row *row)
{
  return void_column (row) + (row->scorer_drop != NULL ? 2 : 1);
}

static GtkWidget *
widget_at (Row   *row,
           guint  column)
{
  if (column < row->n_cells)
    return row->cells[column].entry;
  if (column == void_column (row))
    return row->void_check;
  return column == void_column (row) + 1 ? row->reason_entry : row->scorer_drop;
}

static gboolean
find_focus (JlScoreGrid *self,
            Position    *pos)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *w = root ? gtk_root_get_focus (root) : NULL;

  for (; w != NULL && w != self->body_grid; w = gtk_widget_get_parent (w))
    {
      Cell *cell = g_object_get_data (G_OBJECT (w), "jl-cell");
      Row *row = g_object_get_data (G_OBJECT (w), "jl-row");

      if (cell != NULL)
        {
          pos->row = cell->row;
          pos->column = cell->column;
          return TRUE;
        }
      if (row != NULL)
        {
          pos->row = row;
          pos->column = w == row->void_check ? void_column (row)
                      : w == row->reason_entry ? void_column (row) + 1 : last_column (row);
          return TRUE;
        }
    }
  return FALSE;
}

static void
focus_widget (GtkWidget *widget)
{
  gtk_widget_grab_focus (widget);
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
}

void
jl_score_grid_focus_cell (JlScoreGrid *self,
                          guint        row,
                          guint        column)
{
  Row *r;

  g_return_if_fail (JL_IS_SCORE_GRID (self));
  g_return_if_fail (row < self->rows->len);
  r = self->rows->pdata[row];
  g_return_if_fail (column <= last_column (r));
  focus_widget (widget_at (r, column));
}

void
jl_score_grid_add_ballot (JlScoreGrid *self)
{
  Row *last;

  g_return_if_fail (JL_IS_SCORE_GRID (self));
  if (self->rows->len == 0)
    return;
  last = g_ptr_array_index (self->rows, self->rows->len - 1);
  if (last->sheet_id != NULL || last->is_void)
    last = _jl_score_grid_append_row (self, last->ballot_no + 1);
  focus_widget (widget_at (last, 0));
}

/* Moving with Tab, Enter and the arrows
 */

static gboolean
can_focus (Row   *row,
           guint  column)
{
  return column != void_column (row) + 1 || gtk_widget_get_sensitive (row->reason_entry);
}

/* The next position in reading order, or FALSE at the end. */
static gboolean
step (JlScoreGrid     *self,
      Position        *pos,
      JlScoreGridMove  move)
{
  guint r = pos->row->index;

  switch (move)
    {
    case JL_SCORE_GRID_NEXT:
      if (pos->column < last_column (pos->row))
        pos->column++;
      else if (r + 1 < self->rows->len)
        {
          pos->row = self->rows->pdata[r + 1];
          pos->column = 0;
        }
      else
        return FALSE;
      break;
    case JL_SCORE_GRID_PREVIOUS:
      if (pos->column > 0)
        pos->column--;
      else if (r > 0)
        {
          pos->row = self->rows->pdata[r - 1];
          pos->column = last_column (pos->row);
        }
      else
        return FALSE;
      break;
    case JL_SCORE_GRID_DOWN:
    case JL_SCORE_GRID_UP:
    default:
      if (move == JL_SCORE_GRID_DOWN ? r + 1 >= self->rows->len : r == 0)
        return FALSE;
      pos->row = self->rows->pdata[move == JL_SCORE_GRID_DOWN ? r + 1 : r - 1];
      /* From a reason to a row that is not void: its check. */
      if (!can_focus (pos->row, pos->column))
        pos->column = void_column (pos->row);
      return TRUE;
    }
  return can_focus (pos->row, pos->column) || step (self, pos, move);
}

void
_jl_score_grid_move (JlScoreGrid     *self,
                     JlScoreGridMove  move)
{
  Position pos;

  if (!find_focus (self, &pos))
    return;
  /* A refused value is fixed (or Escape puts the saved one back) before
   * the clerk goes on, as with a spreadsheet's validation. */
  if (pos.column < pos.row->n_cells && pos.row->cells[pos.column].error != NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (!step (self, &pos, move))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  focus_widget (widget_at (pos.row, pos.column));
}

void
_jl_score_grid_move_down_cb (JlScoreGrid *self)
{
  _jl_score_grid_move (self, JL_SCORE_GRID_DOWN);
}

static void
revert (JlScoreGrid *self,
        Position    *pos)
{
  if (pos->column < pos->row->n_cells)
    {
      Cell *cell = &pos->row->cells[pos->column];

      gtk_editable_set_text (GTK_EDITABLE (cell->entry), cell->saved_text ? cell->saved_text : "");
      gtk_editable_select_region (GTK_EDITABLE (cell->entry), 0, -1);
    }
  else if (pos->column == void_column (pos->row) + 1)
    gtk_editable_set_text (GTK_EDITABLE (pos->row->reason_entry),
                           pos->row->saved_reason ? pos->row->saved_reason : "");
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                JlScoreGrid           *self)
{
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GtkNative *native = gtk_widget_get_native (self->body_grid);
  Position pos;

  /* Keys in the scorer list's popover are the list's own: arrows choose. */
  if (event != NULL && native != NULL && gdk_event_get_surface (event) != gtk_native_get_surface (native))
    return FALSE;
  if (!find_focus (self, &pos))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (ctrl)
        return FALSE;  /* Ctrl+Tab leaves the grid */
      _jl_score_grid_move (self, keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK)
                                 ? JL_SCORE_GRID_PREVIOUS : JL_SCORE_GRID_NEXT);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (ctrl)
        {
          jl_score_grid_add_ballot (self);
          return TRUE;
        }
      /* Entries move down on "activate"; the check would toggle. */
      if (pos.column == void_column (pos.row))
        {
          _jl_score_grid_move (self, JL_SCORE_GRID_DOWN);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      _jl_score_grid_move (self, JL_SCORE_GRID_DOWN);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      _jl_score_grid_move (self, JL_SCORE_GRID_UP);
      return TRUE;
    case GDK_KEY_Escape:
      revert (self, &pos);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (!ctrl)
        return FALSE;
      _jl_score_grid_delete_row (self, pos.row);
      return TRUE;
    default:
      return FALSE;
    }
}

/* The hint above the grid: what the focused column is about
 */

static void
update_hint (JlScoreGrid *self)
{
  g_autofree char *text = NULL;
  Position pos;

  if (find_focus (self, &pos) && pos.row->scorer_drop != NULL && pos.column == last_column (pos.row))
    text = g_strdup_printf (_("Ballot %u: who filled it in. Space opens the list of scorers, typing searches it, "
                              "Enter picks."), pos.row->ballot_no);
  else if (!find_focus (self, &pos) || pos.column > void_column (pos.row))
    text = g_strdup (_("Type each paper ballot on one row. Tab and Enter move on, Ctrl+Enter starts a new ballot, "
                       "Escape puts back the saved value."));
  else if (pos.column == void_column (pos.row))
    text = g_strdup (_("Space marks the ballot as void; void ballots are counted apart, never as zero."));
  else if (self->scale != JL_EVAL_SCALE_SCORE)
    text = g_strdup_printf (_("Ballot %u: type %s"), pos.row->ballot_no, self->choice_legend);
  else
    {
      JlRecord *c = self->criteria->pdata[pos.column];
      char max[G_ASCII_DTOSTR_BUF_SIZE], weight[G_ASCII_DTOSTR_BUF_SIZE];
      const char *standard = jl_record_get_string (c, "standard");

      g_ascii_formatd (max, sizeof max, "%g", jl_record_get_double (c, "max_points", 100));
      g_ascii_formatd (weight, sizeof weight, "%g", jl_record_get_double (c, "weight", 0));
      /* TRANSLATORS: ballot 3, criterion 2 of 8: content (max 20 points, weight 20) */
      text = g_strdup_printf (_("Ballot %u, criterion %u of %u: %s (max %s points, weight %s)"),
                              pos.row->ballot_no, pos.column + 1, pos.row->n_cells,
                              jl_record_get_title (c), max, weight);
      if (standard != NULL)
        {
          char *with = g_strdup_printf ("%s\n%s", text, standard);
          g_free (text);
          text = with;
        }
    }
  gtk_label_set_text (GTK_LABEL (self->hint_label), text);
}

static void
focus_changed_cb (JlScoreGrid *self)
{
  update_hint (self);
}

void
_jl_score_grid_unwatch_focus (JlScoreGrid *self)
{
  if (self->watched_root != NULL)
    g_clear_signal_handler (&self->focus_handler, self->watched_root);
  self->watched_root = NULL;
}

void
_jl_score_grid_watch_focus (JlScoreGrid *self)
{
  _jl_score_grid_unwatch_focus (self);
  self->watched_root = gtk_widget_get_root (GTK_WIDGET (self));
  if (self->watched_root != NULL)
    self->focus_handler = g_signal_connect_swapped (self->watched_root, "notify::focus-widget",
                                                    G_CALLBACK (focus_changed_cb), self);
  update_hint (self);
}

/* The header
 */

static GtkWidget *
header_label (const char *text,
              int         width,
              float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_widget_set_size_request (label, width, -1);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
criterion_header (JlRecord *criterion,
                  guint     index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = header_label (jl_record_get_title (criterion), CELL_WIDTH, 1.0);
  g_autofree char *max_text = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *max;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *standard = jl_record_get_string (criterion, "standard");

  g_ascii_formatd (buf, sizeof buf, "%g", jl_record_get_double (criterion, "max_points", 100));
  /* TRANSLATORS: under a criterion in the score grid's header */
  max_text = g_strdup_printf (_("max %s"), buf);
  max = gtk_label_new (max_text);
  gtk_label_set_xalign (GTK_LABEL (max), 1.0);
  gtk_widget_add_css_class (max, "dim-label");
  gtk_widget_add_css_class (max, "caption");

  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  tooltip = g_strdup_printf ("%u. %s%s%s", index + 1, jl_record_get_title (criterion),
                             standard ? "\n" : "", standard ? standard : "");
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_widget_set_size_request (box, CELL_WIDTH, -1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), max);
  return box;
}

static char *
make_legend (JlEvalScale scale)
{
  const char *const *keys = _jl_score_grid_choice_keys (scale);
  const JlField *field = jl_kind_lookup_field (jl_schema_lookup ("eval_sheet"), "choice");
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint k = 0; keys[k]; k++)
    g_string_append_printf (s, "%s%u %s", k ? " · " : "", k + 1, jl_enum_get_label (field, keys[k]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
_jl_score_grid_build_header (JlScoreGrid *self)
{
  GtkGrid *grid = GTK_GRID (self->header_grid);
  GtkWidget *child;
  int x = 0;

  while ((child = gtk_widget_get_first_child (self->header_grid)))
    gtk_grid_remove (grid, child);
  g_free (self->choice_legend);
  self->choice_legend = make_legend (self->scale);

  gtk_grid_attach (grid, header_label (_("Ballot"), NUMBER_WIDTH, 1.0), x++, 0, 1, 1);
  if (self->scale == JL_EVAL_SCALE_SCORE)
    for (guint i = 0; i < self->criteria->len; i++)
      gtk_grid_attach (grid, criterion_header (self->criteria->pdata[i], i), x++, 0, 1, 1);
  else
    {
      GtkWidget *label = header_label (_("Choice"), CHOICE_WIDTH, 1.0);

      gtk_widget_set_tooltip_text (label, self->choice_legend);
      gtk_grid_attach (grid, label, x++, 0, 1, 1);
    }
  gtk_grid_attach (grid, header_label (self->scale == JL_EVAL_SCALE_SCORE ? _("Total") : _("Meaning"),
                                       TOTAL_WIDTH, 1.0), x++, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("Void"), VOID_WIDTH, 0.5), x++, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("Why void"), REASON_WIDTH, 0.0), x++, 0, 1, 1);
  if (self->named)
    gtk_grid_attach (grid, header_label (_("Scorer"), SCORER_WIDTH, 0.0), x++, 0, 1, 1);
  gtk_grid_attach (grid, header_label ("", DELETE_WIDTH, 0.0), x++, 0, 1, 1);
}

/* The layout
 */

static GtkWidget *
make_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), COLUMN_SPACING);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  return grid;
}

void
_jl_score_grid_build (JlScoreGrid *self)
{
  GtkWidget *header_scroller = gtk_scrolled_window_new ();
  GtkWidget *viewport;
  GtkWidget *line;
  GtkEventController *keys;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->hint_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->hint_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->hint_label), TRUE);
  gtk_label_set_lines (GTK_LABEL (self->hint_label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (self->hint_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_widget_set_hexpand (self->hint_label, TRUE);
  /* The save status sits at the end of the hint line. */
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 1.0);
  gtk_widget_set_valign (self->status_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->status_label, "dim-label");
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 12);
  gtk_widget_set_margin_top (line, 6);
  gtk_box_append (GTK_BOX (line), self->hint_label);
  gtk_box_append (GTK_BOX (line), self->status_label);
  gtk_box_append (GTK_BOX (self->box), line);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_widget_set_margin_start (self->message_label, 12);
  gtk_widget_set_margin_end (self->message_label, 12);
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problems"), -1);
  gtk_box_append (GTK_BOX (self->box), self->message_label);

  /* The header scrolls sideways with the ballots but never down. */
  self->header_grid = make_grid ();
  self->body_grid = make_grid ();
  self->body_scroller = gtk_scrolled_window_new ();
  viewport = gtk_viewport_new (NULL, NULL);
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), self->body_grid);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->body_scroller), viewport);
  gtk_widget_set_vexpand (self->body_scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (header_scroller), self->header_grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (header_scroller), GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_hadjustment (GTK_SCROLLED_WINDOW (header_scroller),
                                       gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->body_scroller)));
  gtk_box_append (GTK_BOX (self->box), header_scroller);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->box), self->body_scroller);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->body_grid, keys);
}
