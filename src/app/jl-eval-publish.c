/* jl-eval-publish.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlEvalPublish"

#include "config.h"

#include <glib/gi18n.h>

#include "jl-eval-notice.h"
#include "jl-eval-print.h"
#include "jl-eval-publish.h"
#include "jl-store-async.h"
#include "jl-workdays.h"

/* What a notice or a CSV is made from, loaded on a worker. */
typedef struct
{
  JlRecord  *round;
  JlRecord  *tpl;
  JlRecord  *community;
  GPtrArray *results;
} Source;

static void
source_free (Source *src)
{
  g_clear_object (&src->round);
  g_clear_object (&src->tpl);
  g_clear_object (&src->community);
  g_clear_pointer (&src->results, g_ptr_array_unref);
  g_free (src);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Source, source_free)

static gpointer
load_func (JlStore   *store,
           gpointer   data,
           GError   **error)
{
  g_autoptr(Source) src = g_new0 (Source, 1);

  if (!(src->round = jl_store_get (store, "eval_round", data, error)) ||
      !(src->tpl = jl_store_get (store, "eval_template", jl_record_get_string (src->round, "template_id"), error)) ||
      !(src->community = jl_store_get (store, "community", jl_record_get_community_id (src->round), error)) ||
      !(src->results = jl_store_eval_results (store, data, error)))
    return NULL;
  return g_steal_pointer (&src);
}

/* Takes @src. */
typedef void (*SourceReady) (JlPage *page,
                             Source *src);

typedef struct
{
  JlPage      *page;
  SourceReady  ready;
} Load;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(JlPage) page = load->page;
  SourceReady ready = load->ready;
  g_autoptr(GError) error = NULL;
  g_autoptr(Source) src = jl_store_run_finish (JL_STORE (object), result, &error);

  g_free (load);
  if (src == NULL)
    {
      jl_page_show_error (page, _("Could not compute the results"), error);
      return;
    }
  ready (page, g_steal_pointer (&src));
}

static void
load_source (JlPage      *page,
             const char  *round_id,
             SourceReady  ready)
{
  Load *load = g_new0 (Load, 1);

  load->page = g_object_ref (page);
  load->ready = ready;
  jl_store_run_async (jl_page_get_store (page), load_func, g_strdup (round_id), g_free,
                      (GDestroyNotify) source_free, NULL, loaded_cb, load);
}

/* Dates
 */

static GDate *
parse_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

char *
jl_eval_publish_period_end (const char *from)
{
  g_autoptr(GDate) date = parse_date (from);
  GDate end;

  if (date == NULL)
    return NULL;
  jl_workdays_nth (date, 5, &end);
  return format_date (&end);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* The notice dialog
 */

enum { E_FROM, E_TO, E_DATE, E_ISSUER, E_PHONE, E_ADDRESS, N_ENTRIES };

typedef struct
{
  JlPage    *page;         /* owned */
  Source    *src;          /* owned */
  GtkWidget *dialog;
  GtkWidget *entries[N_ENTRIES];
} Publish;

static void
publish_free (Publish *p)
{
  g_clear_object (&p->page);
  g_clear_pointer (&p->src, source_free);
  g_free (p);
}

static const char *
entry_text (Publish *p,
            guint    e)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (p->entries[e]));
  return *text ? text : NULL;
}

static JlEvalNotice *
make_notice (Publish *p)
{
  JlEvalNoticeInfo info;

  jl_eval_notice_info_init (&info, p->src->round, p->src->tpl, p->src->community);
  info.notice_from = entry_text (p, E_FROM);
  info.notice_to = entry_text (p, E_TO);
  info.issue_date = entry_text (p, E_DATE);
  info.issuer = entry_text (p, E_ISSUER);
  info.phone = entry_text (p, E_PHONE);
  info.address = entry_text (p, E_ADDRESS);
  return jl_eval_notice_new (&info, p->src->results);
}

static void
check_dates (Publish *p)
{
  gboolean ok = TRUE;
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;

  for (guint e = E_FROM; e <= E_DATE; e++)
    {
      g_autoptr(GDate) date = parse_date (gtk_editable_get_text (GTK_EDITABLE (p->entries[e])));

      if (date == NULL)
        {
          gtk_widget_add_css_class (p->entries[e], "error");
          ok = FALSE;
        }
      else
        gtk_widget_remove_css_class (p->entries[e], "error");
    }
  from = parse_date (gtk_editable_get_text (GTK_EDITABLE (p->entries[E_FROM])));
  to = parse_date (gtk_editable_get_text (GTK_EDITABLE (p->entries[E_TO])));
  if (from && to && g_date_compare (to, from) < 0)
    {
      gtk_widget_add_css_class (p->entries[E_TO], "error");
      ok = FALSE;
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (p->dialog), "print", ok);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (p->dialog), "pdf", ok);
}

static void
from_changed_cb (Publish *p)
{
  g_autofree char *end = jl_eval_publish_period_end (gtk_editable_get_text (GTK_EDITABLE (p->entries[E_FROM])));

  if (end != NULL)
    gtk_editable_set_text (GTK_EDITABLE (p->entries[E_TO]), end);
  check_dates (p);
}

static GtkWidget *
add_entry (Publish    *p,
           GtkWidget  *list,
           guint       e,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  p->entries[e] = row;
  return row;
}

static void
toast_font_warning (JlPage     *page,
                    const char *warning)
{
  if (warning != NULL)
    jl_page_toast (page, warning);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               JlPage                  *page)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      jl_page_show_error (page, _("Could not print the notice"), error);
    }
}

static void
print_notice (Publish *p)
{
  g_autoptr(JlEvalNotice) notice = make_notice (p);
  g_autofree char *warning = NULL;
  g_autoptr(GtkPrintOperation) operation = jl_eval_print_operation_new (notice, &warning);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (p->page));
  g_autoptr(GError) error = NULL;

  toast_font_warning (p->page, warning);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), p->page, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    jl_page_show_error (p->page, _("Could not print the notice"), error);
}

static void
pdf_chosen_cb (GtkNativeDialog *chooser,
               int              response,
               Publish         *p)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JlEvalNotice) notice = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      notice = make_notice (p);
      operation = jl_eval_print_operation_new (notice, &warning);
      gtk_print_operation_set_export_filename (operation, path);
      if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error) ==
          GTK_PRINT_OPERATION_RESULT_ERROR)
        jl_page_show_error (p->page, _("Could not export the notice"), error);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *done = g_strdup_printf (_("Notice saved as “%s”"), name);

          jl_page_toast (p->page, warning ? warning : done);
        }
    }
  g_object_unref (chooser);
  publish_free (p);
}

static void
export_pdf (Publish *p)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (p->page));
  GtkFileChooserNative *chooser;
  g_autoptr(JlEvalNotice) notice = make_notice (p);
  g_autofree char *name = g_strdup_printf ("%s.pdf", notice->title);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export the Notice as PDF"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_chosen_cb), p);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Publish          *p)
{
  if (g_strcmp0 (response, "print") == 0)
    print_notice (p);
  if (g_strcmp0 (response, "pdf") == 0)
    {
      /* The file chooser takes over @p. */
      export_pdf (p);
      return;
    }
  publish_free (p);
}

static void
show_dialog (JlPage *page,
             Source *src)
{
  Publish *p = g_new0 (Publish, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *from = today ();
  g_autofree char *to = jl_eval_publish_period_end (from);
  const char *issuer = jl_record_get_string (src->community, "committee_name");
  g_autofree char *heading = g_strdup_printf (_("Notice of the Results of “%s”"),
                                              jl_record_get_title (src->round));

  p->page = g_object_ref (page);
  p->src = src;
  p->dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                      _("The notice is set on A4 in the usual layout of public notices. The "
                                        "disclosure period runs five working days by default, statutory holidays excluded."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  add_entry (p, list, E_FROM, _("Disclosure from (YYYY-MM-DD)"), from);
  add_entry (p, list, E_TO, _("Disclosure until"), to);
  add_entry (p, list, E_DATE, _("Date under the signature"), from);
  add_entry (p, list, E_ISSUER, _("Issued by"), issuer ? issuer : jl_record_get_title (src->community));
  add_entry (p, list, E_PHONE, _("Phone for objections"), jl_record_get_string (src->community, "phone"));
  add_entry (p, list, E_ADDRESS, _("Address for objections"), jl_record_get_string (src->community, "address"));
  g_signal_connect_swapped (p->entries[E_FROM], "changed", G_CALLBACK (from_changed_cb), p);
  g_signal_connect_swapped (p->entries[E_TO], "changed", G_CALLBACK (check_dates), p);
  g_signal_connect_swapped (p->entries[E_DATE], "changed", G_CALLBACK (check_dates), p);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (p->dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (p->dialog), "cancel", _("_Cancel"),
                                    "pdf", _("Export _PDF…"), "print", _("_Print…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (p->dialog), "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (p->dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (p->dialog), "cancel");
  g_signal_connect (p->dialog, "response", G_CALLBACK (response_cb), p);
  gtk_window_present (GTK_WINDOW (p->dialog));
}

void
jl_eval_publish_notice (JlPage     *page,
                        const char *round_id)
{
  g_return_if_fail (JL_IS_PAGE (page));
  g_return_if_fail (round_id != NULL);
  load_source (page, round_id, show_dialog);
}

/* CSV
 */

typedef struct
{
  JlPage *page;
  GBytes *bytes;
} CsvSave;

static void
csv_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CsvSave *save = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    jl_page_show_error (save->page, _("Could not export the results"), error);
  else
    {
      g_autofree char *name = g_file_get_basename (G_FILE (object));
      g_autofree char *done = g_strdup_printf (_("Results saved as “%s”"), name);

      jl_page_toast (save->page, done);
    }
  g_object_unref (save->page);
  g_bytes_unref (save->bytes);
  g_free (save);
}

static void
csv_chosen_cb (GtkNativeDialog *chooser,
               int              response,
               CsvSave         *save)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      g_object_unref (save->page);
      g_bytes_unref (save->bytes);
      g_free (save);
      return;
    }
  g_file_replace_contents_bytes_async (file, save->bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, csv_written_cb, save);
}

static void
choose_csv_file (JlPage *page,
                 Source *src)
{
  g_autoptr(Source) owned = src;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  JlEvalNoticeInfo info;
  g_autoptr(JlCsv) csv = NULL;
  CsvSave *save = g_new0 (CsvSave, 1);
  GtkFileChooserNative *chooser;
  /* TRANSLATORS: the file name of the exported results, e.g. 2025年度红色物业考评结果.csv */
  g_autofree char *name = g_strdup_printf (_("%s results.csv"), jl_record_get_title (src->round));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  jl_eval_notice_info_init (&info, src->round, src->tpl, src->community);
  csv = jl_eval_results_csv (&info, src->results);
  save->page = g_object_ref (page);
  save->bytes = jl_csv_to_bytes (csv);

  chooser = gtk_file_chooser_native_new (_("Export the Results as CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("CSV for Excel and WPS"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (csv_chosen_cb), save);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
jl_eval_publish_csv (JlPage     *page,
                     const char *round_id)
{
  g_return_if_fail (JL_IS_PAGE (page));
  g_return_if_fail (round_id != NULL);
  load_source (page, round_id, choose_csv_file);
}
