/* jl-eval-print.c
 *
 * The notice is cut into items (the title, each line of a paragraph, each
 * table row, the signature) that are placed on pages in order; a table
 * row never splits and the table header is repeated on a new page. All
 * lengths are in points on a full A4 page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlEvalPrint"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "jl-eval-print.h"
#include "jl-print-fonts.h"

#define MM (72.0 / 25.4)
#define PAGE_WIDTH   (210 * MM)
#define PAGE_HEIGHT  (297 * MM)
#define TOP          (37 * MM)
#define LEFT         (28 * MM)
#define TEXT_WIDTH   (156 * MM)
#define TEXT_HEIGHT  (225 * MM)
/* 22 lines on the text block. */
#define PITCH        (TEXT_HEIGHT / 22)
#define BODY_SIZE    16
#define TITLE_SIZE   22
#define TABLE_SIZE   12
#define CELL_PAD     3
#define RULE_WIDTH   0.6

/* What the families stand for, preferred first. */
static const char *const title_fonts[] = { "FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05", NULL };
static const char *const body_fonts[] = { "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong",
                                          "FandolFang", NULL };
static const char *const heading_fonts[] = { "SimHei", "黑体", "Noto Sans CJK SC", NULL };
#define FALLBACK_SERIF "Noto Serif CJK SC"

typedef enum
{
  ITEM_TITLE,
  ITEM_LINE,
  ITEM_ROW,
  ITEM_GAP,
  ITEM_SIGNATURE,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  double       height;
  guint        page;
  double       y;
  PangoLayout *layout;     /* TITLE, LINE (the paragraph), SIGNATURE (issuer) */
  PangoLayout *date;       /* SIGNATURE */
  int          line;       /* LINE */
  double       x;          /* TITLE, LINE: indent and alignment */
  double       baseline;   /* LINE: from the top of the item */
  GPtrArray   *cells;      /* ROW: PangoLayout* */
  gboolean     header;     /* ROW */
  gboolean     copy;       /* ROW: the header repeated on a new page */
  gboolean     break_before;
} Item;

typedef struct
{
  JlEvalNotice *notice;
  GPtrArray    *items;     /* Item* */
  double       *widths;    /* table columns */
  guint         n_columns;
  guint         n_pages;
  char         *title_family;
  char         *body_family;
  char         *heading_family;
} Job;

static void
item_free (Item *item)
{
  g_clear_object (&item->layout);
  g_clear_object (&item->date);
  g_clear_pointer (&item->cells, g_ptr_array_unref);
  g_free (item);
}

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

static gpointer
copy_strv (gconstpointer src,
           gpointer      data)
{
  return g_strdupv ((char **) src);
}

static JlEvalNotice *
copy_notice (JlEvalNotice *src)
{
  JlEvalNotice *n = g_new0 (JlEvalNotice, 1);

  n->title = g_strdup (src->title);
  n->intro = g_ptr_array_copy (src->intro, copy_string, NULL);
  n->header = g_strdupv (src->header);
  n->rows = g_ptr_array_copy (src->rows, copy_strv, NULL);
  n->closing = g_ptr_array_copy (src->closing, copy_string, NULL);
  n->issuer = g_strdup (src->issuer);
  n->date = g_strdup (src->date);
  return n;
}

static void
job_free (Job *job)
{
  jl_eval_notice_free (job->notice);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job->widths);
  g_free (job->title_family);
  g_free (job->body_family);
  g_free (job->heading_family);
  g_free (job);
}

/* Fonts
 */

static PangoLayout *
new_layout (PangoContext *context,
            const char   *family,
            double        size,
            gboolean      bold,
            const char   *text)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

/* Items
 */

static Item *
add_item (Job      *job,
          ItemKind  kind,
          double    height)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->height = height;
  g_ptr_array_add (job->items, item);
  return item;
}

static void
add_paragraph (Job          *job,
               PangoContext *context,
               const char   *text)
{
  PangoLayout *layout = new_layout (context, job->body_family, BODY_SIZE, FALSE, text);
  PangoLayoutIter *iter;
  int line = 0;

  pango_layout_set_width (layout, TEXT_WIDTH * PANGO_SCALE);
  /* Two characters of first-line indent. */
  pango_layout_set_indent (layout, 2 * BODY_SIZE * PANGO_SCALE);
  pango_layout_set_justify (layout, TRUE);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      Item *item = add_item (job, ITEM_LINE, PITCH);
      int baseline = pango_layout_iter_get_baseline (iter);

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      item->layout = g_object_ref (layout);
      item->line = line++;
      item->x = (double) logical.x / PANGO_SCALE;
      /* The line centred on its pitch. */
      item->baseline = (PITCH - (double) logical.height / PANGO_SCALE) / 2 +
                       (double) (baseline - logical.y) / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_object_unref (layout);
}

static Item *
add_row (Job           *job,
         PangoContext  *context,
         GStrv          cells,
         gboolean       header)
{
  Item *item = add_item (job, ITEM_ROW, 0);
  double height = 0;

  item->header = header;
  item->cells = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < job->n_columns; c++)
    {
      PangoLayout *layout = new_layout (context, header ? job->heading_family : job->body_family, TABLE_SIZE,
                                        FALSE, cells[c] ? cells[c] : "");

      pango_layout_set_width (layout, (job->widths[c] - 2 * CELL_PAD) * PANGO_SCALE);
      /* Names read from the left; numbers and headings are centred. */
      pango_layout_set_alignment (layout, c == 1 && !header ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
      height = MAX (height, layout_height (layout));
      g_ptr_array_add (item->cells, layout);
    }
  item->height = height + 2 * CELL_PAD + 2;
  return item;
}

/* Column widths: the name column (the second) gets what the others
 * leave. The others are as wide as their widest text; if that leaves the
 * names too little room, their headings wrap onto two lines ("有效/票数"),
 * and if the numbers still take too much, everything shrinks and wraps. */
static void
measure_columns (Job          *job,
                 PangoContext *context)
{
  JlEvalNotice *n = job->notice;
  g_autofree double *heads = NULL;
  g_autofree double *cells = NULL;
  double others = 0;

  job->n_columns = g_strv_length (n->header);
  job->widths = g_new0 (double, job->n_columns);
  heads = g_new0 (double, job->n_columns);
  cells = g_new0 (double, job->n_columns);
  for (guint c = 0; c < job->n_columns; c++)
    {
      g_autoptr(PangoLayout) head = new_layout (context, job->heading_family, TABLE_SIZE, FALSE, n->header[c]);

      heads[c] = layout_width (head) + 2 * CELL_PAD + 2;
      for (guint r = 0; r < n->rows->len; r++)
        {
          GStrv row = n->rows->pdata[r];
          g_autoptr(PangoLayout) cell = new_layout (context, job->body_family, TABLE_SIZE, FALSE,
                                                    c < g_strv_length (row) ? row[c] : "");

          cells[c] = MAX (cells[c], layout_width (cell) + 2 * CELL_PAD + 2);
        }
      if (c == 1)
        continue;
      others += MAX (heads[c], cells[c]);
    }

  for (guint c = 0; c < job->n_columns; c++)
    job->widths[c] = MAX (heads[c], cells[c]);
  /* Wrap the widest headings first, only as many as the names need. */
  while (job->n_columns > 1 && TEXT_WIDTH - others < job->widths[1])
    {
      guint best = 0;
      double gain = 0;

      for (guint c = 0; c < job->n_columns; c++)
        {
          double narrow = MAX (heads[c] / 2 + TABLE_SIZE / 2, cells[c]);

          if (c != 1 && job->widths[c] - narrow > gain)
            {
              gain = job->widths[c] - narrow;
              best = c;
            }
        }
      if (gain <= 0)
        break;
      job->widths[best] -= gain;
      others -= gain;
    }
  others = 0;
  for (guint c = 0; c < job->n_columns; c++)
    if (c != 1)
      others += job->widths[c];
  if (others > TEXT_WIDTH * 0.65)
    {
      for (guint c = 0; c < job->n_columns; c++)
        if (c != 1)
          job->widths[c] *= TEXT_WIDTH * 0.65 / others;
      others = TEXT_WIDTH * 0.65;
    }
  if (job->n_columns > 1)
    job->widths[1] = TEXT_WIDTH - others;
}

static void
build_items (Job          *job,
             PangoContext *context)
{
  JlEvalNotice *n = job->notice;
  Item *title;

  title = add_item (job, ITEM_TITLE, 0);
  title->layout = new_layout (context, job->title_family, TITLE_SIZE, TRUE, n->title);
  pango_layout_set_alignment (title->layout, PANGO_ALIGN_CENTER);
  /* A long title goes on two balanced lines, not one full line and a
   * word or two. */
  if (layout_width (title->layout) > TEXT_WIDTH)
    pango_layout_set_width (title->layout, MIN (TEXT_WIDTH, layout_width (title->layout) / 2 + TITLE_SIZE) * PANGO_SCALE);
  else
    pango_layout_set_width (title->layout, TEXT_WIDTH * PANGO_SCALE);
  title->x = (TEXT_WIDTH - (double) pango_layout_get_width (title->layout) / PANGO_SCALE) / 2;
  title->height = layout_height (title->layout);
  add_item (job, ITEM_GAP, PITCH);

  for (guint i = 0; i < n->intro->len; i++)
    add_paragraph (job, context, n->intro->pdata[i]);

  add_item (job, ITEM_GAP, PITCH / 3);
  measure_columns (job, context);
  add_row (job, context, n->header, TRUE);
  for (guint r = 0; r < n->rows->len; r++)
    add_row (job, context, n->rows->pdata[r], FALSE);
  add_item (job, ITEM_GAP, PITCH / 2);

  for (guint i = 0; i < n->closing->len; i++)
    add_paragraph (job, context, n->closing->pdata[i]);

  /* One empty line: the seal's top comes within a line of the text and
   * it presses on the issuer and the date. */
  add_item (job, ITEM_GAP, PITCH);
  {
    Item *sig = add_item (job, ITEM_SIGNATURE, n->date ? 2 * PITCH : PITCH);

    sig->layout = new_layout (context, job->body_family, BODY_SIZE, FALSE, n->issuer);
    sig->date = new_layout (context, job->body_family, BODY_SIZE, FALSE, n->date ? n->date : "");
  }
}

/* Pages
 */

static void
place_items (Job          *job,
             PangoContext *context)
{
  double y = 0;
  guint page = 0;

  /* Start again from the notice's own items. */
  for (guint i = job->items->len; i > 0; i--)
    if (((Item *) job->items->pdata[i - 1])->copy)
      g_ptr_array_remove_index (job->items, i - 1);

  for (guint i = 0; i < job->items->len; i++)
    {
      Item *item = job->items->pdata[i];

      if (y > 0 && (item->break_before || y + item->height > TEXT_HEIGHT))
        {
          page++;
          y = 0;
          /* The table's header again above its remaining rows. */
          if (item->kind == ITEM_ROW && !item->header)
            {
              Item *again = add_row (job, context, job->notice->header, TRUE);

              again->copy = TRUE;
              g_ptr_array_steal_index (job->items, job->items->len - 1);
              g_ptr_array_insert (job->items, i, again);
              item = again;
            }
        }
      item->page = page;
      item->y = y;
      /* A gap at the top of a page takes no room. */
      y += item->kind == ITEM_GAP && y == 0 ? 0 : item->height;
    }
  job->n_pages = page + 1;
}

/* The signature never stands alone on a page (GB/T 9704): when it would,
 * the last two lines of text go over with it. */
static void
paginate (Job          *job,
          PangoContext *context)
{
  Item *signature = g_ptr_array_index (job->items, job->items->len - 1);
  guint lines = 0;

  place_items (job, context);
  for (guint i = job->items->len - 1; i > 0 && lines < 2; i--)
    {
      Item *item = job->items->pdata[i - 1];

      if (item->kind != ITEM_LINE)
        continue;
      if (item->page == signature->page)
        return;
      if (++lines == 2 || (i - 1 > 0 && ((Item *) job->items->pdata[i - 2])->kind != ITEM_LINE))
        {
          item->break_before = TRUE;
          place_items (job, context);
          return;
        }
    }
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Job               *job)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  g_ptr_array_set_size (job->items, 0);
  g_clear_pointer (&job->widths, g_free);
  build_items (job, pango);
  paginate (job, pango);
  gtk_print_operation_set_n_pages (operation, job->n_pages);
  g_object_unref (pango);
}

/* Drawing
 */

static void
draw_row (cairo_t *cr,
          Job     *job,
          Item    *item,
          double   top)
{
  double x = LEFT;

  cairo_set_line_width (cr, RULE_WIDTH);
  for (guint c = 0; c < job->n_columns; c++)
    {
      PangoLayout *layout = item->cells->pdata[c];
      double h = layout_height (layout);

      cairo_rectangle (cr, x, top, job->widths[c], item->height);
      cairo_stroke (cr);
      /* Vertically centred in the row. */
      cairo_move_to (cr, x + CELL_PAD, top + (item->height - h) / 2);
      pango_cairo_show_layout (cr, layout);
      x += job->widths[c];
    }
}

static void
draw_signature (cairo_t *cr,
                Item    *item,
                double   top)
{
  double right = LEFT + TEXT_WIDTH;
  double date_width = layout_width (item->date);
  /* The date ends four characters from the right margin; the issuer is
   * centred over it without passing the margin. */
  double date_x = right - 4 * BODY_SIZE - date_width;
  double centre = date_x + date_width / 2;
  double issuer_width = layout_width (item->layout);
  double issuer_x = MIN (centre - issuer_width / 2, right - issuer_width);

  if (date_width == 0)
    issuer_x = right - 4 * BODY_SIZE - issuer_width;
  cairo_move_to (cr, MAX (LEFT, issuer_x), top + (PITCH - layout_height (item->layout)) / 2);
  pango_cairo_show_layout (cr, item->layout);
  if (date_width > 0)
    {
      cairo_move_to (cr, date_x, top + PITCH + (PITCH - layout_height (item->date)) / 2);
      pango_cairo_show_layout (cr, item->date);
    }
}

static void
draw_page_number (cairo_t         *cr,
                  GtkPrintContext *context,
                  Job             *job,
                  int              page)
{
  g_autofree char *text = g_strdup_printf ("— %d —", page + 1);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *desc = pango_font_description_from_string (job->body_family);

  pango_font_description_set_absolute_size (desc, 14 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, (PAGE_WIDTH - layout_width (layout)) / 2, TOP + TEXT_HEIGHT + 12 * MM);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Job               *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < job->items->len; i++)
    {
      Item *item = job->items->pdata[i];
      double top = TOP + item->y;

      if (item->page != (guint) page)
        continue;
      switch (item->kind)
        {
        case ITEM_TITLE:
          cairo_move_to (cr, LEFT + item->x, top);
          pango_cairo_show_layout (cr, item->layout);
          break;
        case ITEM_LINE:
          cairo_move_to (cr, LEFT + item->x, top + item->baseline);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (item->layout, item->line));
          break;
        case ITEM_ROW:
          draw_row (cr, job, item, top);
          break;
        case ITEM_SIGNATURE:
          draw_signature (cr, item, top);
          break;
        case ITEM_GAP:
        default:
          break;
        }
    }
  if (job->n_pages > 1)
    draw_page_number (cr, context, job, page);
}

/* The operation
 */

GtkPrintOperation *
jl_eval_print_operation_new (JlEvalNotice  *notice,
                             char         **font_warning)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  Job *job;
  gboolean fell_back = FALSE;

  g_return_val_if_fail (notice != NULL, NULL);

  job = g_new0 (Job, 1);
  job->notice = copy_notice (notice);
  job->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  job->title_family = jl_print_fonts_pick (title_fonts, FALLBACK_SERIF, NULL);
  job->body_family = jl_print_fonts_pick (body_fonts, FALLBACK_SERIF, &fell_back);
  job->heading_family = jl_print_fonts_pick (heading_fonts, FALLBACK_SERIF, NULL);
  if (font_warning != NULL)
    *font_warning = fell_back
      ? g_strdup_printf (_("The FangSong font is not installed: the notice is set in %s. "
                           "Install FangSong_GB2312 for the usual look."), job->body_family)
      : NULL;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, notice->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "jl-job", job, (GDestroyNotify) job_free);
  return operation;
}

gboolean
jl_eval_print_to_pdf (JlEvalNotice  *notice,
                      const char    *path,
                      GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (notice != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = jl_eval_print_operation_new (notice, NULL);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
