/* jl-eval-results-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlEvalResultsView"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "jl-eval-results-view.h"
#include "jl-store-async.h"

/* After the last save of a burst of typing. */
#define REFRESH_DELAY_MS 400

struct _JlEvalResultsView
{
  GtkWidget    parent_instance;

  JlStore     *store;
  char        *round_id;
  char        *current;
  GPtrArray   *results;      /* JlTargetResult* */
  JlEvalScale  scale;
  guint        decimals;
  GPtrArray   *texts;        /* GStrv per shown row */
  guint        refresh_source;
  gboolean     running;
  gboolean     again;        /* asked for while running */
  gboolean     disposed;

  GtkWidget   *box;
  GtkWidget   *grid;
  GtkWidget   *message_label;
  GtkWidget   *summary_label;
};

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JlEvalResultsView, jl_eval_results_view, GTK_TYPE_WIDGET)

typedef struct
{
  char        *round_id;
  GPtrArray   *results;
  JlEvalScale  scale;
  guint        decimals;
} Computed;

static void
computed_free (Computed *c)
{
  g_free (c->round_id);
  g_clear_pointer (&c->results, g_ptr_array_unref);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Computed, computed_free)

static gpointer
compute_func (JlStore   *store,
              gpointer   data,
              GError   **error)
{
  g_autoptr(Computed) c = g_new0 (Computed, 1);
  g_autoptr(JlRecord) round = jl_store_get (store, "eval_round", data, error);
  g_autoptr(JlRecord) tpl = NULL;
  const char *scale;

  if (round == NULL ||
      !(tpl = jl_store_get (store, "eval_template", jl_record_get_string (round, "template_id"), error)) ||
      !(c->results = jl_store_eval_results (store, data, error)))
    return NULL;
  scale = jl_record_get_string (tpl, "scale");
  c->scale = g_strcmp0 (scale, "satisfaction") == 0 ? JL_EVAL_SCALE_SATISFACTION
           : g_strcmp0 (scale, "grade") == 0 ? JL_EVAL_SCALE_GRADE : JL_EVAL_SCALE_SCORE;
  c->decimals = jl_record_get_int (tpl, "decimals", 2);
  c->round_id = g_strdup (data);
  return g_steal_pointer (&c);
}

/* Showing
 */

static char *
number (double value,
        guint  decimals)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("—");
  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 4));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static char *
rate (double value)
{
  g_autofree char *n = number (value, 1);

  return isnan (value) ? g_steal_pointer (&n) : g_strconcat (n, "%", NULL);
}

/* g_strv_builder_take() is GLib 2.80. */
static void
take (GStrvBuilder *b,
      char         *text)
{
  g_strv_builder_add (b, text);
  g_free (text);
}

static GStrv
header (JlEvalScale scale)
{
  GStrvBuilder *b = g_strv_builder_new ();
  GStrv strv;

  g_strv_builder_add_many (b, _("Rank"), _("Evaluated"), _("Valid"), _("Void"), _("Incomplete"), NULL);
  if (scale == JL_EVAL_SCALE_SATISFACTION)
    g_strv_builder_add_many (b, _("Satisfied"), _("Basically satisfied"), _("Unsatisfied"),
                             _("Satisfaction rate"), NULL);
  else if (scale == JL_EVAL_SCALE_GRADE)
    g_strv_builder_add_many (b, _("Excellent"), _("Qualified"), _("Basically qualified"), _("Unqualified"), NULL);
  else
    g_strv_builder_add_many (b, _("Raw mean"), _("Final (trimmed)"), _("Band"), NULL);
  strv = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return strv;
}

static GStrv
row_texts (JlEvalResultsView    *self,
           const JlTargetResult *t)
{
  const JlEvalResult *r = t->result;
  GStrvBuilder *b = g_strv_builder_new ();
  GStrv strv;

  take (b, r->rank ? g_strdup_printf ("%u", r->rank) : g_strdup ("—"));
  g_strv_builder_add (b, t->target_name ? t->target_name : "");
  take (b, g_strdup_printf ("%u", r->n_valid));
  take (b, g_strdup_printf ("%u", r->n_void));
  take (b, g_strdup_printf ("%u", r->n_incomplete));
  if (self->scale == JL_EVAL_SCALE_SATISFACTION)
    {
      for (JlEvalChoice c = JL_EVAL_CHOICE_SATISFIED; c <= JL_EVAL_CHOICE_UNSATISFIED; c++)
        take (b, g_strdup_printf ("%u", r->votes[c]));
      take (b, rate (r->satisfaction_rate));
    }
  else if (self->scale == JL_EVAL_SCALE_GRADE)
    for (JlEvalChoice c = JL_EVAL_CHOICE_EXCELLENT; c <= JL_EVAL_CHOICE_FAIL; c++)
      take (b, g_strdup_printf ("%u", r->votes[c]));
  else
    {
      take (b, number (r->raw_mean, self->decimals));
      take (b, number (r->final_score, self->decimals));
      g_strv_builder_add (b, r->band ? r->band : "—");
    }
  strv = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return strv;
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const JlTargetResult *x = *(JlTargetResult * const *) a;
  const JlTargetResult *y = *(JlTargetResult * const *) b;
  guint rx = x->result->rank ? x->result->rank : G_MAXUINT;
  guint ry = y->result->rank ? y->result->rank : G_MAXUINT;

  return rx < ry ? -1 : rx > ry ? 1 : 0;
}

static GtkWidget *
cell (const char *text,
      guint       column,
      gboolean    heading,
      gboolean    current)
{
  GtkWidget *label = gtk_label_new (text);

  /* The name column takes the room; numbers line up on the right. */
  gtk_label_set_xalign (GTK_LABEL (label), column == 1 ? 0.0 : 1.0);
  if (column == 1)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (label, text);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (current)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
show_results (JlEvalResultsView *self)
{
  g_auto(GStrv) titles = header (self->scale);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GtkWidget *child;
  guint valid = 0, n_void = 0, incomplete = 0;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (self->grid)))
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_ptr_array_set_size (self->texts, 0);

  for (guint x = 0; titles[x]; x++)
    gtk_grid_attach (GTK_GRID (self->grid), cell (titles[x], x, TRUE, FALSE), x, 0, 1, 1);

  for (guint i = 0; i < self->results->len; i++)
    g_ptr_array_add (sorted, self->results->pdata[i]);
  if (self->scale != JL_EVAL_SCALE_GRADE)
    g_ptr_array_sort (sorted, compare_rank);

  for (guint y = 0; y < sorted->len; y++)
    {
      JlTargetResult *t = sorted->pdata[y];
      GStrv texts = row_texts (self, t);
      gboolean current = g_strcmp0 (t->target_id, self->current) == 0;

      for (guint x = 0; texts[x]; x++)
        gtk_grid_attach (GTK_GRID (self->grid), cell (texts[x], x, FALSE, current), x, y + 1, 1, 1);
      g_ptr_array_add (self->texts, texts);
      valid += t->result->n_valid;
      n_void += t->result->n_void;
      incomplete += t->result->n_incomplete;
    }

  /* TRANSLATORS: below the live results */
  summary = g_strdup_printf (_("%u valid, %u void and %u incomplete sheets in this round"),
                             valid, n_void, incomplete);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  gtk_widget_set_tooltip_text (self->summary_label,
                               _("Void and incomplete sheets are reported, never counted as zero."));
}

static void schedule (JlEvalResultsView *self,
                      guint              delay_ms);

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JlEvalResultsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Computed) c = jl_store_run_finish (JL_STORE (source), result, &error);

  self->running = FALSE;
  if (self->disposed)
    return;
  if (self->again)
    {
      self->again = FALSE;
      schedule (self, 0);
    }

  /* Another round was chosen meanwhile: its results come next. */
  if (c != NULL && g_strcmp0 (c->round_id, self->round_id) != 0)
    return;
  gtk_widget_set_visible (self->message_label, c == NULL);
  if (c == NULL)
    {
      /* e.g. the weights of the template no longer total 100 */
      gtk_label_set_text (GTK_LABEL (self->message_label), error->message);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&c->results);
  self->scale = c->scale;
  self->decimals = c->decimals;
  show_results (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

static gboolean
refresh_cb (gpointer data)
{
  JlEvalResultsView *self = data;

  self->refresh_source = 0;
  if (self->round_id == NULL)
    return G_SOURCE_REMOVE;
  if (self->running)
    {
      self->again = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->running = TRUE;
  jl_store_run_async (self->store, compute_func, g_strdup (self->round_id), g_free,
                      (GDestroyNotify) computed_free, NULL, computed_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule (JlEvalResultsView *self,
          guint              delay_ms)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (delay_ms, refresh_cb, self);
}

void
jl_eval_results_view_refresh (JlEvalResultsView *self)
{
  g_return_if_fail (JL_IS_EVAL_RESULTS_VIEW (self));
  schedule (self, REFRESH_DELAY_MS);
}

void
jl_eval_results_view_set_round (JlEvalResultsView *self,
                                const char        *round_id)
{
  g_return_if_fail (JL_IS_EVAL_RESULTS_VIEW (self));

  g_free (self->round_id);
  self->round_id = g_strdup (round_id);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  schedule (self, 0);
}

void
jl_eval_results_view_set_current (JlEvalResultsView *self,
                                  const char        *target_id)
{
  g_return_if_fail (JL_IS_EVAL_RESULTS_VIEW (self));

  g_free (self->current);
  self->current = g_strdup (target_id);
  if (self->results != NULL)
    show_results (self);
}

GPtrArray *
jl_eval_results_view_get_results (JlEvalResultsView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_RESULTS_VIEW (self), NULL);
  return self->results;
}

gboolean
jl_eval_results_view_is_busy (JlEvalResultsView *self)
{
  g_return_val_if_fail (JL_IS_EVAL_RESULTS_VIEW (self), FALSE);
  return self->running || self->refresh_source != 0 || self->again;
}

const char *
jl_eval_results_view_get_text (JlEvalResultsView *self,
                               guint              row,
                               guint              column)
{
  GStrv texts;

  g_return_val_if_fail (JL_IS_EVAL_RESULTS_VIEW (self), "");
  if (row >= self->texts->len)
    return "";
  texts = self->texts->pdata[row];
  return column < g_strv_length (texts) ? texts[column] : "";
}

static void
jl_eval_results_view_dispose (GObject *object)
{
  JlEvalResultsView *self = JL_EVAL_RESULTS_VIEW (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jl_eval_results_view_parent_class)->dispose (object);
}

static void
jl_eval_results_view_finalize (GObject *object)
{
  JlEvalResultsView *self = JL_EVAL_RESULTS_VIEW (object);

  g_free (self->round_id);
  g_free (self->current);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  G_OBJECT_CLASS (jl_eval_results_view_parent_class)->finalize (object);
}

static void
jl_eval_results_view_class_init (JlEvalResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jl_eval_results_view_dispose;
  object_class->finalize = jl_eval_results_view_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /**
   * JlEvalResultsView::updated:
   *
   * The results were computed again (or failed: the view shows why).
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jl_eval_results_view_init (JlEvalResultsView *self)
{
  GtkWidget *title = gtk_label_new (_("Live Results"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *line;

  self->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  /* The counts share the title's line: a short window keeps its rows. */
  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (self->summary_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->summary_label, TRUE);
  gtk_widget_add_css_class (self->summary_label, "dim-label");
  gtk_widget_add_css_class (self->summary_label, "caption");
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (line), title);
  gtk_box_append (GTK_BOX (line), self->summary_label);
  gtk_box_append (GTK_BOX (self->box), line);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->message_label);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Live Results"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);

}

GtkWidget *
jl_eval_results_view_new (JlStore *store)
{
  JlEvalResultsView *self;

  g_return_val_if_fail (JL_IS_STORE (store), NULL);

  self = g_object_new (JL_TYPE_EVAL_RESULTS_VIEW, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
