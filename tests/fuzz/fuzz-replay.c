/* fuzz-replay.c: runs each file of the given folders (or the given files)
 * through LLVMFuzzerTestOneInput once, as TAP. Makes the seed corpus and
 * every crash saved into it a regression test in any build, gcc or clang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "fuzz-util.h"

static void
add_inputs (GPtrArray  *files,
            const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_build_filename (path, names->pdata[i], NULL));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    add_inputs (files, argv[i]);
  g_ptr_array_sort (files, compare_paths);

  printf ("1..%u\n", files->len);
  fflush (stdout);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (files->pdata[i], &data, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, (char *) files->pdata[i], error->message);
          continue;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      /* A crash aborts before this line: the TAP stream ends early and
       * meson reports the test as failed. */
      printf ("ok %u - %s\n", i + 1, (char *) files->pdata[i]);
      fflush (stdout);
    }
  return 0;
}
