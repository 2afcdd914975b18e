/* jl-overview-page.c: the overview section
 *
 * Figure cards and the report's sentences, as the seed report words them
 * ("小区党支部覆盖小区1521个，覆盖率达100.0%"), for every community or one,
 * and the warnings: each leads to the section where it is fixed. The
 * figures are computed by the core on a worker every time the page is
 * shown, so an edit made elsewhere is reflected at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlOverviewPage"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jl-filter-bar.h"
#include "jl-overview-page.h"
#include "jl-partner-page.h"
#include "jl-store-async.h"
#include "jl-window.h"

/* Rows per warning kind: a few at first, more on request. Beyond the
 * maximum, choosing a community narrows the list. */
#define WARNINGS_FIRST 5
#define WARNINGS_MAX   200

struct _JlOverviewPage
{
  JlPage         parent_instance;

  JlFilterBar   *filters;
  GtkWidget     *spinner;
  GtkLabel      *period_label;
  GtkStack      *stack;            /* "loading", "error", "content" */
  AdwStatusPage *error_page;
  GtkFlowBox    *cards;
  GtkLabel      *report_label;
  GtkBox        *warnings_box;

  JlOverview    *overview;
  GCancellable  *cancellable;
  char          *pending_community;  /* chosen before the names loaded */
  char          *requested;          /* the community of the last computation asked for */
  gboolean       loading;
  gboolean       expanded[JL_OVERVIEW_N_WARNING_KINDS];
};

G_DEFINE_FINAL_TYPE (JlOverviewPage, jl_overview_page, JL_TYPE_PAGE)

static const char *const warning_icons[JL_OVERVIEW_N_WARNING_KINDS] = {
  [JL_OVERVIEW_WARNING_NO_JOINT_MEETING] = "x-office-calendar-symbolic",
  [JL_OVERVIEW_WARNING_UNIT_NO_PROJECT] = "emblem-shared-symbolic",
  [JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES] = "emblem-shared-symbolic",
  [JL_OVERVIEW_WARNING_ROUND_SHEETS] = "starred-symbolic",
  [JL_OVERVIEW_WARNING_DECISION_OVERDUE] = "alarm-symbolic",
};

/* Where each kind of warning is dealt with. */
static const char *const warning_sections[JL_OVERVIEW_N_WARNING_KINDS] = {
  [JL_OVERVIEW_WARNING_NO_JOINT_MEETING] = "minutes",
  [JL_OVERVIEW_WARNING_UNIT_NO_PROJECT] = "partners",
  [JL_OVERVIEW_WARNING_UNIT_MANY_ESTATES] = "partners",
  [JL_OVERVIEW_WARNING_ROUND_SHEETS] = "evaluation",
  [JL_OVERVIEW_WARNING_DECISION_OVERDUE] = "minutes",
};

static void show_warnings (JlOverviewPage *self);

/* Figure cards
 */

static GtkWidget *
card_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Wrapped labels ask for their whole text's width; keep cards narrow
   * so that three or four fit on a line. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A card: what is counted, the figure, and how it was counted. */
static void
add_card (JlOverviewPage *self,
          const char     *name,
          const char     *caption,
          const char     *value,
          const char     *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *value_label = card_label (value, "title-1");
  g_autofree char *accessible = g_strdup_printf ("%s: %s. %s", caption, value, detail ? detail : "");

  gtk_widget_set_name (box, name);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_size_request (box, 180, -1);
  gtk_box_append (GTK_BOX (box), card_label (caption, "heading"));
  gtk_widget_set_name (value_label, "value");
  gtk_box_append (GTK_BOX (box), value_label);
  if (detail != NULL)
    {
      GtkWidget *label = card_label (detail, "caption");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_margin_start (child, 16);
      gtk_widget_set_margin_end (child, 16);
    }
  gtk_widget_set_margin_top (gtk_widget_get_first_child (box), 14);
  gtk_widget_set_margin_bottom (gtk_widget_get_last_child (box), 14);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_flow_box_append (self->cards, box);
  /* The flow box child takes the focus; it reads the card's summary. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
add_count_card (JlOverviewPage *self,
                const char     *name,
                const char     *caption,
                gint64          value,
                const char     *detail)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  add_card (self, name, caption, text, detail);
}

/* A share; @detail spells out its numerator and denominator. */
static void
add_share_card (JlOverviewPage *self,
                const char     *name,
                const char     *caption,
                gint64          numerator,
                gint64          denominator,
                const char     *detail)
{
  g_autofree char *pct = jl_overview_format_percent (numerator, denominator);

  add_card (self, name, caption, pct, detail);
}

static void
show_cards (JlOverviewPage *self)
{
  const JlOverview *ov = self->overview;
  GtkWidget *child;
  g_autofree char *groups = g_strdup_printf (_("and %d building Party groups"), (int) ov->groups);
  g_autofree char *joint = g_strdup_printf (_("%d joint meetings this quarter"), (int) ov->joint_meetings_this_quarter);
  g_autofree char *coverage = g_strdup_printf (_("%d of %d estates covered"),
                                               (int) ov->estates_covered, (int) ov->estates);
  g_autofree char *red_oc = g_strdup_printf (_("%d of %d estates with an owners' committee"),
                                             (int) ov->red_owners_committees, (int) ov->estates_with_oc);
  g_autofree char *red_pc = g_strdup_printf (_("%d of %d estates with a property company"),
                                             (int) ov->red_property_companies, (int) ov->estates_with_pc);
  /* TRANSLATORS: solved, taken on, year: "560 of 1341 prominent problems of 2026" */
  g_autofree char *solved = g_strdup_printf (_("%d of %d prominent problems of %d"),
                                             (int) ov->problems_solved, (int) ov->problems_this_year, ov->year);
  g_autofree char *per = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))))
    gtk_flow_box_remove (self->cards, child);

  if (ov->community_id == NULL)
    add_count_card (self, "figure-communities", _("Communities"), ov->communities, NULL);
  add_count_card (self, "figure-estates", _("Estates"), ov->estates, NULL);
  add_count_card (self, "figure-branches", _("Estate Party branches"), ov->branches, groups);
  add_share_card (self, "figure-coverage", _("Branch coverage of estates"), ov->estates_covered, ov->estates,
                  coverage);
  add_share_card (self, "figure-red-oc", _("Red owners' committees"), ov->red_owners_committees,
                  ov->estates_with_oc, red_oc);
  add_share_card (self, "figure-red-pc", _("Red property companies"), ov->red_property_companies,
                  ov->estates_with_pc, red_pc);
  if (ov->community_id == NULL && !isnan (ov->units_per_community))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      per = g_strdup_printf (_("%s per community on average (%d to %d)"),
                             g_ascii_formatd (buf, sizeof buf, "%.1f", ov->units_per_community),
                             (int) ov->units_per_community_min, (int) ov->units_per_community_max);
    }
  add_count_card (self, "figure-units", _("Partner units"), ov->partner_units, per);
  add_count_card (self, "figure-part-time", _("Part-time committee members"), ov->part_time_members, NULL);
  add_share_card (self, "figure-problems", _("Prominent problems solved"),
                  ov->problems_solved, ov->problems_this_year, solved);
  add_count_card (self, "figure-meetings", _("Meetings this year"), ov->meetings_this_year, joint);
  add_count_card (self, "figure-people", _("People on record"), ov->people, NULL);
}

static void
show_report (JlOverviewPage *self)
{
  g_auto(GStrv) sentences = jl_overview_get_sentences (self->overview);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; sentences[i]; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", sentences[i]);
  gtk_label_set_text (self->report_label, text->str);
}

static void
show_period (JlOverviewPage *self)
{
  const JlOverview *ov = self->overview;
  g_autofree char *text = g_strdup_printf (_("As of %s · quarter %d of %d (%s to %s)"), ov->today, ov->quarter,
                                           ov->year, ov->quarter_start, ov->quarter_end);

  gtk_label_set_text (self->period_label, text);
}

/* Warnings
 */

static void
unit_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JlOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) unit = jl_store_get_finish (JL_STORE (source), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *page;

  if (unit == NULL)
    {
      jl_page_toast (JL_PAGE (self), error->message);
      return;
    }
  page = JL_IS_WINDOW (root) ? jl_window_get_page (JL_WINDOW (root), "partners") : NULL;
  if (JL_IS_PARTNER_PAGE (page))
    jl_partner_page_edit (JL_PARTNER_PAGE (page), unit);
}

static void
warning_activated_cb (AdwActionRow   *row,
                      JlOverviewPage *self)
{
  const JlOverviewWarning *w = g_object_get_data (G_OBJECT (row), "jl-warning");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (w == NULL || !JL_IS_WINDOW (root))
    return;
  jl_window_show_section (JL_WINDOW (root), warning_sections[w->kind]);
  /* Partner units open in their editor, where projects and links are. */
  if (g_strcmp0 (w->record_kind, "partner_unit") == 0)
    jl_store_get_async (jl_page_get_store (JL_PAGE (self)), "partner_unit", w->record_id,
                        NULL, unit_loaded_cb, g_object_ref (self));
}

static void
show_all_activated_cb (AdwActionRow   *row,
                       JlOverviewPage *self)
{
  self->expanded[GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "jl-kind"))] = TRUE;
  show_warnings (self);
}

static GtkWidget *
warning_row (JlOverviewPage          *self,
             const JlOverviewWarning *w)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *where = NULL;

  gtk_widget_set_name (row, "warning-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), w->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), w->detail);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (warning_icons[w->kind]));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "jl-warning", (gpointer) w);
  g_signal_connect_object (row, "activated", G_CALLBACK (warning_activated_cb), self, 0);
  return row;
}

static GtkWidget *
note_row (const char *title,
          const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  return row;
}

static void
add_warning_group (JlOverviewPage        *self,
                   JlOverviewWarningKind  kind,
                   guint                  first)
{
  const JlOverview *ov = self->overview;
  guint n = ov->n_warnings[kind];
  guint shown = MIN (n, self->expanded[kind] ? WARNINGS_MAX : WARNINGS_FIRST);
  GtkWidget *group = adw_preferences_group_new ();
  /* TRANSLATORS: a heading and its count, e.g. "Overdue decisions (3)" */
  g_autofree char *title = g_strdup_printf (_("%s (%u)"), jl_overview_warning_kind_get_label (kind), n);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < shown; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), warning_row (self, ov->warnings->pdata[first + i]));

  if (shown < n && !self->expanded[kind])
    {
      g_autofree char *label = g_strdup_printf (_("Show all %u"), n);
      GtkWidget *row = note_row (label, NULL);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("pan-down-symbolic"));
      g_object_set_data (G_OBJECT (row), "jl-kind", GUINT_TO_POINTER (kind));
      g_signal_connect_object (row, "activated", G_CALLBACK (show_all_activated_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  else if (shown < n)
    {
      g_autofree char *label = g_strdup_printf (_("%u more not shown: choose a community to see them"), n - shown);
      GtkWidget *row = note_row (label, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->warnings_box, group);
}

static void
show_warnings (JlOverviewPage *self)
{
  const JlOverview *ov = self->overview;
  GtkWidget *child;
  guint first = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box))))
    gtk_box_remove (self->warnings_box, child);

  if (ov->warnings->len == 0)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Needs Attention"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 note_row (_("Nothing needs attention"), "emblem-ok-symbolic"));
      gtk_box_append (self->warnings_box, group);
      return;
    }
  /* The core sorts the warnings by kind. */
  for (guint k = 0; k < JL_OVERVIEW_N_WARNING_KINDS; k++)
    {
      if (ov->n_warnings[k] > 0)
        add_warning_group (self, k, first);
      first += ov->n_warnings[k];
    }
}

/* Computing
 */

/* JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME=overview (bench/bench-app-start.c):
 * once the first figures are painted, print the time and peak memory, and
 * quit. */
static void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       data)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, data);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  hwm = status ? strstr (status, "VmHWM:") : NULL;
  g_print ("JINLIN_BENCH overview-us=%" G_GINT64_FORMAT " vmhwm-kb=%" G_GINT64_FORMAT "\n",
           g_get_monotonic_time (), hwm ? g_ascii_strtoll (hwm + 6, NULL, 10) : (gint64) -1);
  g_application_quit (g_application_get_default ());
}

static gboolean
bench_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), NULL);
  return G_SOURCE_REMOVE;
}

static gpointer
compute_func (JlStore   *store,
              gpointer   data,
              GError   **error)
{
  return jl_overview_compute (store, data, NULL, error);
}

static void
set_loading (JlOverviewPage *self,
             gboolean        loading)
{
  self->loading = loading;
  gtk_widget_set_visible (self->spinner, loading);
  if (loading)
    gtk_spinner_start (GTK_SPINNER (self->spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->spinner));
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JlOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JlOverview *ov = jl_store_run_finish (JL_STORE (source), result, &error);

  if (ov == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (ov == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* Rows point into the old overview: rebuild before freeing it. */
  if (self->overview == NULL || g_strcmp0 (self->overview->community_id, ov->community_id) != 0)
    memset (self->expanded, 0, sizeof self->expanded);
  {
    JlOverview *old = g_steal_pointer (&self->overview);

    self->overview = ov;
    show_period (self);
    show_cards (self);
    show_report (self);
    show_warnings (self);
    jl_overview_free (old);
  }
  gtk_stack_set_visible_child_name (self->stack, "content");

  if (g_strcmp0 (g_getenv ("JINLIN_BENCH_EXIT_AFTER_FIRST_FRAME"), "overview") == 0)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_tick_cb, NULL, NULL);
}

void
jl_overview_page_refresh (JlOverviewPage *self)
{
  JlStore *store;

  g_return_if_fail (JL_IS_OVERVIEW_PAGE (self));

  store = jl_page_get_store (JL_PAGE (self));
  if (store == NULL || self->filters == NULL)
    return;

  /* Only the latest request counts. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  g_free (self->requested);
  self->requested = g_strdup (jl_filter_bar_get_community (self->filters));
  jl_store_run_async (store, compute_func, g_strdup (self->requested), g_free,
                      (GDestroyNotify) jl_overview_free, self->cancellable, computed_cb, g_object_ref (self));
}

void
jl_overview_page_set_community (JlOverviewPage *self,
                                const char     *community_id)
{
  g_return_if_fail (JL_IS_OVERVIEW_PAGE (self));

  g_clear_pointer (&self->pending_community, g_free);
  jl_filter_bar_select (self->filters, "community_id", community_id);
  /* The drop-down fills from the names cache: try again once it has. */
  if (g_strcmp0 (jl_filter_bar_get_community (self->filters), community_id) != 0)
    self->pending_community = g_strdup (community_id);
}

/* The drop-down also reports a change when it is refilled. */
static void
filters_changed_cb (JlOverviewPage *self)
{
  if ((self->overview != NULL || self->loading) &&
      g_strcmp0 (self->requested, jl_filter_bar_get_community (self->filters)) == 0)
    return;
  jl_overview_page_refresh (self);
}

static void
titles_changed_cb (JlOverviewPage *self)
{
  g_autofree char *id = g_steal_pointer (&self->pending_community);

  if (id != NULL)
    jl_overview_page_set_community (self, id);
}

const JlOverview *
jl_overview_page_get_overview (JlOverviewPage *self)
{
  g_return_val_if_fail (JL_IS_OVERVIEW_PAGE (self), NULL);
  return self->overview;
}

gboolean
jl_overview_page_get_loading (JlOverviewPage *self)
{
  g_return_val_if_fail (JL_IS_OVERVIEW_PAGE (self), FALSE);
  return self->loading;
}

/* Building the page
 */

static void
copy_clicked_cb (JlOverviewPage *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  gdk_clipboard_set_text (clipboard, gtk_label_get_text (self->report_label));
  jl_page_toast (JL_PAGE (self), _("Report copied"));
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  return label;
}

static GtkWidget *
build_report (JlOverviewPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Report"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Sentences for the work report, computed from the records"));
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy the report"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the report"), -1);
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (copy_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), copy);

  self->report_label = GTK_LABEL (card_label ("", NULL));
  gtk_widget_set_name (GTK_WIDGET (self->report_label), "report");
  gtk_label_set_selectable (self->report_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->report_label), 16);
  gtk_widget_set_margin_end (GTK_WIDGET (self->report_label), 16);
  gtk_widget_set_margin_top (GTK_WIDGET (self->report_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->report_label), 12);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->report_label));
  gtk_widget_add_css_class (card, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
  return group;
}

static GtkWidget *
build_content (JlOverviewPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *report;

  self->period_label = GTK_LABEL (card_label ("", "dim-label"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->period_label));
  gtk_box_append (GTK_BOX (box), section_title (_("Figures")));

  self->cards = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->cards, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->cards, TRUE);
  gtk_flow_box_set_min_children_per_line (self->cards, 2);
  gtk_flow_box_set_max_children_per_line (self->cards, 4);
  gtk_flow_box_set_column_spacing (self->cards, 12);
  gtk_flow_box_set_row_spacing (self->cards, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cards), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Figures"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cards));

  report = build_report (self);
  gtk_widget_set_margin_top (report, 12);
  gtk_box_append (GTK_BOX (box), report);

  self->warnings_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->warnings_box), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->warnings_box));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  return scroller;
}

static GtkWidget *
build_toolbar (JlOverviewPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  GtkWidget *space = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->filters));
  gtk_widget_set_hexpand (space, TRUE);
  gtk_box_append (GTK_BOX (bar), space);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (bar), self->spinner);
  gtk_widget_set_tooltip_text (refresh, _("Compute again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (refresh), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compute again"), -1);
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (jl_overview_page_refresh), self);
  gtk_box_append (GTK_BOX (bar), refresh);
  return bar;
}

static void
jl_overview_page_store_ready (JlPage *page)
{
  JlOverviewPage *self = JL_OVERVIEW_PAGE (page);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *loading = gtk_spinner_new ();

  self->filters = jl_filter_bar_new (jl_page_get_store (page), "community");
  jl_filter_bar_add_community (self->filters);
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  /* After the bar's own handler, which refills the drop-down. */
  g_signal_connect_object (jl_page_get_titles (page), "changed::community", G_CALLBACK (titles_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_box_append (GTK_BOX (outer), build_toolbar (self));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_start (GTK_SPINNER (loading));
  gtk_widget_set_size_request (loading, 32, 32);
  gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (loading), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Computing the figures"), -1);
  gtk_stack_add_named (self->stack, loading, "loading");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The figures could not be computed"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_add_named (self->stack, build_content (self), "content");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), outer);
}

/* Shown again: the records may have changed in another section. */
static void
jl_overview_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jl_overview_page_parent_class)->map (widget);
  jl_overview_page_refresh (JL_OVERVIEW_PAGE (widget));
}

static void
jl_overview_page_dispose (GObject *object)
{
  JlOverviewPage *self = JL_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (jl_overview_page_parent_class)->dispose (object);
}

static void
jl_overview_page_finalize (GObject *object)
{
  JlOverviewPage *self = JL_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->overview, jl_overview_free);
  g_free (self->pending_community);
  g_free (self->requested);
  G_OBJECT_CLASS (jl_overview_page_parent_class)->finalize (object);
}

static void
jl_overview_page_class_init (JlOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jl_overview_page_dispose;
  object_class->finalize = jl_overview_page_finalize;
  widget_class->map = jl_overview_page_map;
  JL_PAGE_CLASS (klass)->store_ready = jl_overview_page_store_ready;
}

static void
jl_overview_page_init (JlOverviewPage *self)
{
}
