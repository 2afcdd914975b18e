/* jl-error.h: error domain shared by the core, the CLI, the app and the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JL_ERROR (jl_error_quark ())

/**
 * JlError:
 * @JL_ERROR_FAILED: anything not covered below
 * @JL_ERROR_NOT_FOUND: no record with that id (or it is deleted)
 * @JL_ERROR_INVALID: a field value failed validation; the message names the field
 * @JL_ERROR_READ_ONLY: the record is frozen (approved minutes) or the edit is not allowed
 * @JL_ERROR_NOT_A_DATABASE: the file is not a SQLite database, or it is damaged
 * @JL_ERROR_FOREIGN_DATABASE: a SQLite database, but not one of Jinlin's
 * @JL_ERROR_TOO_NEW: the database was written by a newer Jinlin
 * @JL_ERROR_BAD_JSON: input JSON is malformed or has the wrong shape
 * @JL_ERROR_UNKNOWN_KIND: no such record kind
 * @JL_ERROR_IO: reading or writing a file failed
 * @JL_ERROR_DATABASE: SQLite reported an error
 *
 * Error codes of the %JL_ERROR domain. The CLI maps them to exit codes,
 * so never renumber them.
 */
typedef enum
{
  JL_ERROR_FAILED = 1,
  JL_ERROR_NOT_FOUND,
  JL_ERROR_INVALID,
  JL_ERROR_READ_ONLY,
  JL_ERROR_NOT_A_DATABASE,
  JL_ERROR_FOREIGN_DATABASE,
  JL_ERROR_TOO_NEW,
  JL_ERROR_BAD_JSON,
  JL_ERROR_UNKNOWN_KIND,
  JL_ERROR_IO,
  JL_ERROR_DATABASE,
} JlError;

GQuark jl_error_quark (void);

G_END_DECLS
