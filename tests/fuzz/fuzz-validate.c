/* fuzz-validate.c: the validators and jl_field_normalize on arbitrary text
 *
 * The input, as a string, goes through every validator and mask, and, as
 * a JSON string and (when it parses) as the JSON value it is, through
 * jl_field_normalize for every field of every kind. Nothing may crash; a
 * value a validator accepts must have the shape it promises; a normalised
 * value must normalise to itself again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-util.h"
#include "jl-validate.h"

static void
normalize_all (JsonNode *value)
{
  guint n_kinds;
  const JlKind *const *kinds = jl_schema_get_kinds (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    for (guint f = 0; f < kinds[k]->n_fields; f++)
      {
        const JlField *field = &kinds[k]->fields[f];
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) once = jl_field_normalize (kinds[k], field, value, &error);
        g_autoptr(JsonNode) twice = NULL;

        if (once == NULL)
          {
            g_assert (error != NULL && error->domain == JL_ERROR);
            continue;
          }
        /* Idempotent: what the store keeps is accepted as it is. */
        twice = jl_field_normalize (kinds[k], field, once, NULL);
        g_assert (twice != NULL);
        g_assert (json_node_equal (once, twice) ||
                  (JSON_NODE_HOLDS_NULL (once) && JSON_NODE_HOLDS_NULL (twice)));
      }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *masked_id = NULL;
  g_autofree char *masked_mobile = NULL;
  g_autoptr(JsonNode) string = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GDate today;

  fuzz_init ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 5, G_DATE_MARCH, 2025);

  if (jl_validate_uscc (text))
    g_assert (strlen (text) == 18 && jl_uscc_expected_check (text) == text[17]);
  if (jl_validate_id_card (text, &today))
    g_assert (strlen (text) == 18);
  if (jl_validate_mobile (text))
    g_assert (strlen (text) == 11 && text[0] == '1');
  (void) jl_validate_phone (text);
  if (jl_validate_date (text))
    g_assert (strlen (text) == 10);
  (void) jl_validate_datetime (text);
  (void) jl_uscc_expected_check (text);
  masked_id = jl_mask_id_card (text);
  masked_mobile = jl_mask_mobile (text);

  if (g_utf8_validate (text, -1, NULL))
    {
      string = json_node_init_string (json_node_alloc (), text);
      normalize_all (string);
    }
  if (json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL) &&
      json_parser_get_root (parser) != NULL)
    normalize_all (json_parser_get_root (parser));
  return 0;
}
