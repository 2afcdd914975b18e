/* test-ui-attachments.c: the attachments of minutes in the minutes editor:
 * a file attached to approved minutes (the signed scan comes after
 * approval) through the widget, opened from its row; an attachment pulled
 * from another computer whose file has not arrived yet says so instead of
 * opening
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jl-minutes-page.h"
#include "jl-test-ui.h"
#include "jl-test-util.h"
#include "jl-title-cache.h"

typedef struct
{
  JlStore              *store;
  JlWindow             *window;
  JlMinutesPage        *page;
  JlMinutesAttachments *attachments;
  char                 *dir;
  char                 *meeting;
  guint                 count;      /* awaited */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *community = NULL;
  g_autofree char *host = NULL;
  g_autoptr(JlRecord) m = NULL;

  f->store = jl_test_store_new (&f->dir);
  community = jl_test_put_ok (f->store, "community", "{\"name\": \"莲前社区\"}");
  host = jl_test_putf_ok (f->store, "person", "{\"community_id\": \"%s\", \"name\": \"张书记\"}", community);
  f->meeting = jl_test_putf_ok (f->store, "meeting",
                                "{\"community_id\": \"%s\", \"meeting_type\": \"committee\", \"title\": \"三月支委会\","
                                " \"held_at\": \"2025-03-10 19:30\", \"place\": \"党员活动室\","
                                " \"host_id\": \"%s\", \"recorder_id\": \"%s\","
                                " \"attendance\": [{\"name\": \"张书记\", \"status\": \"present\"}]}",
                                community, host, host);
  g_clear_object (&m);
  m = jl_test_update_ok (f->store, "meeting", f->meeting, "{\"state\": \"submitted\"}");
  g_clear_object (&m);
  m = jl_test_update_ok (f->store, "meeting", f->meeting, "{\"state\": \"approved\"}");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->page != NULL)
    jl_minutes_page_close_editor (f->page);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  jl_test_ui_spin (300);
  g_clear_object (&f->store);
  jl_test_dir_free (f->dir);
  g_free (f->meeting);
}

static gboolean
titles_loaded (gpointer data)
{
  Fixture *f = data;
  return jl_title_cache_get_loaded (jl_title_cache_get_for_store (jl_window_get_store (f->window)));
}

static gboolean
count_is (gpointer data)
{
  Fixture *f = data;
  return jl_minutes_attachments_get_count (f->attachments) == f->count;
}

static gboolean
first_opens (gpointer data)
{
  Fixture *f = data;

  jl_minutes_attachments_open (f->attachments, 0);
  return g_str_has_prefix (jl_minutes_attachments_get_message (f->attachments), "file://");
}

static void
test_attach_and_open (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "三月支委会签字版.pdf", NULL);
  g_autofree char *want = NULL;
  g_autofree char *json = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.pdf", NULL);
  g_autoptr(JlRecord) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlRecord) pulled = NULL;
  const char *message;

  /* An attachment synced from another computer; its file is not here. */
  json = g_strdup_printf ("{\"meeting_id\": \"%s\", \"file_name\": \"照片.jpg\", \"size\": 2048,"
                          " \"sha256\": \"%s\"}", f->meeting,
                          "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  pulled = jl_test_put (f->store, "attachment", json, &error);
  g_assert_no_error (error);

  f->window = jl_test_ui_open_window (jl_store_get_path (f->store));
  g_assert_true (jl_test_ui_wait (titles_loaded, f, 10000));
  jl_window_show_section (f->window, "minutes");
  f->page = JL_MINUTES_PAGE (jl_window_get_page (f->window, "minutes"));
  meeting = jl_store_get (f->store, "meeting", f->meeting, &error);
  g_assert_no_error (error);
  jl_minutes_page_edit (f->page, meeting);
  f->attachments = jl_minutes_page_get_attachments (f->page);
  g_assert_nonnull (f->attachments);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->attachments)));
  f->count = 1;
  g_assert_true (jl_test_ui_wait (count_is, f, 5000));

  /* Not downloaded yet: a notice, nothing opened, no error. */
  jl_minutes_attachments_open (f->attachments, 0);
  message = jl_minutes_attachments_get_message (f->attachments);
  g_assert_cmpstr (message, !=, "");
  g_assert_false (g_str_has_prefix (message, "file://"));

  /* A missing file: a clear message, nothing attached. */
  jl_minutes_attachments_attach_file (f->attachments, missing);
  jl_test_ui_spin (500);
  g_assert_nonnull (strstr (jl_minutes_attachments_get_message (f->attachments), "no-such-file.pdf"));
  g_assert_cmpuint (jl_minutes_attachments_get_count (f->attachments), ==, 1);

  /* The sync controller downloads it in the background; the shown list
   * notices on its own and the file opens. (Its bytes are put in place
   * here as the download would.) */
  {
    g_autofree char *blob_dir = g_strconcat (jl_store_get_path (f->store), ".blobs", NULL);
    g_autofree char *sub = g_build_filename (blob_dir, "bb", NULL);
    g_autofree char *blob = g_build_filename (sub, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL);
    g_autofree char *bytes = g_malloc0 (2048);

    g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
    g_file_set_contents (blob, bytes, 2048, &error);
    g_assert_no_error (error);
    g_assert_true (jl_test_ui_wait (first_opens, f, 15000));
  }

  /* The signed scan, attached to the approved minutes. */
  g_file_set_contents (file, "%PDF-1.4\n% 签字版\n%%EOF\n", -1, &error);
  g_assert_no_error (error);
  want = jl_test_file_checksum (file);
  jl_minutes_attachments_attach_file (f->attachments, file);
  f->count = 2;
  g_assert_true (jl_test_ui_wait (count_is, f, 5000));
  g_assert_cmpint (jl_store_count (f->store, "attachment", NULL, NULL), ==, 2);

  /* Opening it hands the blob to the default application (here: the
   * test's stand-in reports the URI). */
  jl_minutes_attachments_open (f->attachments, 1);
  message = jl_minutes_attachments_get_message (f->attachments);
  g_assert_true (g_str_has_prefix (message, "file://"));
  {
    g_autofree char *path = g_filename_from_uri (message, NULL, NULL);
    g_autofree char *got = jl_test_file_checksum (path);

    g_assert_cmpstr (got, ==, want);
  }
}

int
main (int    argc,
      char **argv)
{
  if (!jl_test_ui_init (&argc, &argv))
    return 0;
  g_setenv ("JINLIN_TEST_NO_LAUNCH", "1", TRUE);

  g_test_add ("/jinlin/ui/attachments/attach-and-open", Fixture, NULL, fixture_set_up, test_attach_and_open,
              fixture_tear_down);
  return g_test_run ();
}
