/* fuzz-import.c: jl_store_import_json on arbitrary bytes
 *
 * Each input is written to a file and imported into a store holding the
 * fuzz city, inside a transaction that is rolled back, so every input
 * meets the same store. Import must fail cleanly or succeed; a successful
 * import must leave what it imported readable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static JlStore *store;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  fuzz_init ();
  if (store == NULL)
    store = fuzz_store_new ();

  if (!jl_store_begin (store, &error))
    g_error ("begin: %s", error->message);
  if (jl_store_import_json (store, fuzz_write_file (data, size), &n, &error))
    {
      g_autofree char *again = jl_store_export_json_data (store, NULL);

      g_assert (again != NULL);
    }
  else
    g_assert (error != NULL && error->domain == JL_ERROR);
  /* For whoever writes seeds: what the import did. */
  if (g_getenv ("FUZZ_VERBOSE") != NULL)
    g_printerr ("%s\n", error ? error->message : "imported");
  jl_store_rollback (store);
  return 0;
}
