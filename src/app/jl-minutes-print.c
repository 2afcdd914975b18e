/* jl-minutes-print.c
 *
 * Each block of the document becomes one PangoLayout as wide as the text
 * block; pagination walks the layouts line by line, so a long step or
 * summary continues on the next page, and a heading is never left alone
 * at the bottom of a page. draw-page then only shows the lines placed on
 * that page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlMinutesPrint"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "jl-minutes-print.h"

#define MM(x) ((x) * 72.0 / 25.4)

/* GB/T 9704-2012: top 37 mm, binding (left) 28 mm, text block 156 × 225 mm. */
#define MARGIN_TOP    37.0
#define MARGIN_BOTTOM 35.0
#define MARGIN_LEFT   28.0
#define MARGIN_RIGHT  26.0

/* 方正小标宋 and 仿宋_GB2312 are rarely installed on Linux: Noto CJK SC is
 * the fallback DOMAIN §c.4 names, then whatever fontconfig offers. */
#define SERIF "Noto Serif CJK SC,Noto Sans CJK SC,serif"
#define SANS  "Noto Sans CJK SC,Noto Serif CJK SC,sans-serif"
#define BODY_SIZE 14.0   /* 四号 */

typedef struct
{
  const char     *family;
  PangoWeight     weight;
  double          size;          /* points */
  PangoAlignment  align;
  double          indent;        /* first-line indent in em */
  double          space_before;  /* points, on top of the usual line gap */
  double          space_after;
  gboolean        keep_with_next;
} Style;

/* Indexed by JlMinutesBlockKind. */
static const Style styles[] = {
  [JL_MINUTES_BLOCK_TITLE] = { SERIF, PANGO_WEIGHT_BOLD, 22, PANGO_ALIGN_CENTER, 0, 0, 0, TRUE },
  [JL_MINUTES_BLOCK_SUBTITLE] = { SERIF, PANGO_WEIGHT_NORMAL, BODY_SIZE, PANGO_ALIGN_CENTER, 0, 0, 12, TRUE },
  [JL_MINUTES_BLOCK_FIELD] = { SERIF, PANGO_WEIGHT_NORMAL, BODY_SIZE, PANGO_ALIGN_LEFT, 0, 0, 0, FALSE },
  [JL_MINUTES_BLOCK_HEADING] = { SANS, PANGO_WEIGHT_BOLD, 15, PANGO_ALIGN_LEFT, 0, 14, 2, TRUE },
  [JL_MINUTES_BLOCK_ITEM] = { SERIF, PANGO_WEIGHT_BOLD, BODY_SIZE, PANGO_ALIGN_LEFT, 0, 8, 0, TRUE },
  [JL_MINUTES_BLOCK_STEP] = { SERIF, PANGO_WEIGHT_NORMAL, BODY_SIZE, PANGO_ALIGN_LEFT, 2, 0, 0, FALSE },
  [JL_MINUTES_BLOCK_PARAGRAPH] = { SERIF, PANGO_WEIGHT_NORMAL, BODY_SIZE, PANGO_ALIGN_LEFT, 2, 0, 0, FALSE },
  [JL_MINUTES_BLOCK_ENTRY] = { SERIF, PANGO_WEIGHT_NORMAL, BODY_SIZE, PANGO_ALIGN_LEFT, 2, 0, 0, FALSE },
  [JL_MINUTES_BLOCK_SIGNATURE] = { SERIF, PANGO_WEIGHT_NORMAL, BODY_SIZE, PANGO_ALIGN_RIGHT, 0, 28, 0, FALSE },
};

/* Between lines, inside a block and from one block to the next alike. */
#define LINE_GAP (0.45 * BODY_SIZE)

typedef struct
{
  guint  page;
  guint  block;
  int    line;
  double x;
  double baseline;
} Placed;

typedef struct
{
  JlMinutesDoc *doc;
  gboolean      owns_doc;
  GPtrArray    *layouts;   /* PangoLayout* per block */
  GArray       *placed;    /* Placed, in page order */
  guint         n_pages;
  GtkWindow    *parent;    /* weak */
  gboolean      reported;  /* an error was shown */
} Job;

static GtkPrintSettings *last_settings;

static void
job_free (Job *job)
{
  if (job->owns_doc)
    jl_minutes_doc_free (job->doc);
  g_clear_pointer (&job->layouts, g_ptr_array_unref);
  g_clear_pointer (&job->placed, g_array_unref);
  g_clear_weak_pointer (&job->parent);
  g_free (job);
}

static PangoFontDescription *
style_font (const Style *style,
            PangoWeight  weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->family);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  return font;
}

/* "时间：" in bold, the rest in the block's font. */
static void
bold_label (PangoLayout *layout,
            const Style *style,
            gsize        label_bytes)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoFontDescription *bold = style_font (style, PANGO_WEIGHT_BOLD);
  PangoAttribute *attr = pango_attr_font_desc_new (bold);

  pango_font_description_set_family (bold, SANS);
  attr->start_index = 0;
  attr->end_index = label_bytes;
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_font_description_free (bold);
}

static double
text_width (PangoLayout *layout,
            gsize        bytes)
{
  PangoRectangle pos;

  /* The x of the first character after the label on the first line. */
  pango_layout_index_to_pos (layout, (int) bytes, &pos);
  return (double) pos.x / PANGO_SCALE;
}

static PangoLayout *
block_layout (GtkPrintContext      *context,
              const JlMinutesBlock *block,
              double                width)
{
  const Style *style = &styles[block->kind];
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = style_font (style, style->weight);
  g_autofree char *prefix = NULL;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, style->align);
  pango_layout_set_spacing (layout, (int) (LINE_GAP * PANGO_SCALE));

  if (block->label != NULL)
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: a label and its text in printed minutes (zh_CN: %s：%s) */
      prefix = g_strdup_printf (C_("minutes", "%s: %s"), block->label, "");
      text = g_strconcat (prefix, block->text, NULL);
      pango_layout_set_text (layout, text, -1);
      bold_label (layout, style, strlen (prefix));
    }
  else
    pango_layout_set_text (layout, block->text, -1);

  if (block->kind == JL_MINUTES_BLOCK_FIELD)
    /* Hanging: continuation lines start under the text, not the label. */
    pango_layout_set_indent (layout, (int) (-text_width (layout, strlen (prefix)) * PANGO_SCALE));
  else if (style->indent > 0)
    pango_layout_set_indent (layout, (int) (style->indent * style->size * PANGO_SCALE));

  pango_font_description_free (font);
  return layout;
}

static double
first_line_height (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int y0, y1;

  pango_layout_iter_get_line_yrange (iter, &y0, &y1);
  pango_layout_iter_free (iter);
  return (double) (y1 - y0) / PANGO_SCALE;
}

/* Places the lines of block @b from @y on; returns where the next block
 * may start. */
static double
place_block (Job    *job,
             guint   b,
             double  y,
             double  page_height)
{
  PangoLayout *layout = job->layouts->pdata[b];
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double offset = y;
  double bottom = y;
  int line = 0;

  do
    {
      PangoRectangle logical;
      int y0, y1;
      Placed p;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (offset + (double) y1 / PANGO_SCALE > page_height && offset + (double) y0 / PANGO_SCALE > 0.5)
        {
          job->n_pages++;
          offset = -(double) y0 / PANGO_SCALE;
        }
      p.page = job->n_pages - 1;
      p.block = b;
      p.line = line++;
      p.x = (double) logical.x / PANGO_SCALE;
      p.baseline = offset + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (job->placed, p);
      bottom = offset + (double) y1 / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
  return bottom;
}

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                Job               *job)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double y = 0;

  g_ptr_array_set_size (job->layouts, 0);
  g_array_set_size (job->placed, 0);
  job->n_pages = 1;

  for (guint b = 0; b < job->doc->blocks->len; b++)
    g_ptr_array_add (job->layouts, block_layout (context, job->doc->blocks->pdata[b], width));

  for (guint b = 0; b < job->doc->blocks->len; b++)
    {
      const JlMinutesBlock *block = job->doc->blocks->pdata[b];
      const Style *style = &styles[block->kind];
      PangoLayout *layout = job->layouts->pdata[b];
      int layout_height;

      if (y > 0)
        {
          const JlMinutesBlock *previous = job->doc->blocks->pdata[b - 1];

          y += LINE_GAP + styles[previous->kind].space_after + style->space_before;
        }
      pango_layout_get_size (layout, NULL, &layout_height);
      /* A heading goes with the first line of what follows it. */
      if (style->keep_with_next && b + 1 < job->doc->blocks->len && y > 0 &&
          y + (double) layout_height / PANGO_SCALE + first_line_height (job->layouts->pdata[b + 1]) > height)
        {
          job->n_pages++;
          y = 0;
        }
      y = place_block (job, b, y, height);
    }
  gtk_print_operation_set_n_pages (op, (int) job->n_pages);
}

static void
draw_page_number (GtkPrintContext *context,
                  int              page_nr)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string (SERIF " 12");
  g_autofree char *text = g_strdup_printf ("— %d —", page_nr + 1);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, (gtk_print_context_get_width (context) - (double) w / PANGO_SCALE) / 2,
                 gtk_print_context_get_height (context) + MM (12));
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              Job               *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < job->placed->len; i++)
    {
      Placed *p = &g_array_index (job->placed, Placed, i);

      if (p->page != (guint) page_nr)
        continue;
      cairo_move_to (cr, p->x, p->baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (job->layouts->pdata[p->block],
                                                                        p->line));
    }
  if (job->n_pages > 1)
    draw_page_number (context, page_nr);
}

static void
report_error (Job          *job,
              const GError *error)
{
  GtkWidget *dialog;

  if (job->reported)
    return;
  job->reported = TRUE;
  dialog = adw_message_dialog_new (job->parent, _("Could not print the minutes"),
                                   error ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
done_cb (GtkPrintOperation       *op,
         GtkPrintOperationResult  result,
         Job                     *job)
{
  g_autoptr(GError) error = NULL;

  /* The next print starts with the same printer and options. */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_settings, gtk_print_operation_get_print_settings (op));
  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (op, &error);
  report_error (job, error);
}

static GtkPrintOperation *
new_operation (JlMinutesDoc *doc,
               gboolean      owns_doc,
               GtkWindow    *parent)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  Job *job = g_new0 (Job, 1);

  job->doc = doc;
  job->owns_doc = owns_doc;
  job->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  job->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_set_weak_pointer (&job->parent, parent);
  g_object_set_data_full (G_OBJECT (op), "jl-job", job, (GDestroyNotify) job_free);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, MARGIN_TOP, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_BOTTOM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_LEFT, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_RIGHT, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (op, setup);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (op, last_settings);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (op, doc->title);
  gtk_print_operation_set_embed_page_setup (op, TRUE);

  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), job);
  return op;
}

void
jl_minutes_print_dialog (JlMinutesDoc *doc,
                         GtkWindow    *parent)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (doc != NULL);

  op = new_operation (doc, TRUE, parent);
  job = g_object_get_data (G_OBJECT (op), "jl-job");
  g_signal_connect (op, "done", G_CALLBACK (done_cb), job);
  gtk_print_operation_set_allow_async (op, TRUE);
  /* Async: the operation keeps itself alive until "done". */
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    report_error (job, error);
}

gboolean
jl_minutes_print_export (JlMinutesDoc  *doc,
                         GtkWindow     *parent,
                         const char    *path,
                         guint         *n_pages,
                         GError       **error)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  GtkPrintOperationResult result;
  Job *job;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  op = new_operation (doc, FALSE, parent);
  job = g_object_get_data (G_OBJECT (op), "jl-job");
  gtk_print_operation_set_export_filename (op, path);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
  if (n_pages != NULL)
    *n_pages = job->n_pages;
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
