/* jl-page.h: base class of the window's sections
 *
 * A page gets the store once it is open ("store" property, construct-only)
 * and reaches the window for toasts and dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"
#include "jl-title-cache.h"

G_BEGIN_DECLS

#define JL_TYPE_PAGE (jl_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (JlPage, jl_page, JL, PAGE, AdwBin)

struct _JlPageClass
{
  AdwBinClass parent_class;

  /* Called once the store is set, from the main loop. */
  void (*store_ready) (JlPage *self);
};

JlStore      *jl_page_get_store       (JlPage       *self);
JlTitleCache *jl_page_get_titles      (JlPage       *self);
void          jl_page_toast           (JlPage       *self,
                                       const char   *message);
/* A modal message for an error the user must read (in their language). */
void          jl_page_show_error      (JlPage       *self,
                                       const char   *heading,
                                       const GError *error);

G_END_DECLS
