/* jl-partner-page.h: partner units (共建单位): list and editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jl-page.h"
#include "jl-record-editor.h"

G_BEGIN_DECLS

#define JL_TYPE_PARTNER_PAGE (jl_partner_page_get_type ())

G_DECLARE_FINAL_TYPE (JlPartnerPage, jl_partner_page, JL, PARTNER_PAGE, JlPage)

/* Opens the editor on a new unit (in @community_id) or an existing one. */
JlRecordEditor *jl_partner_page_edit_new    (JlPartnerPage *self,
                                             const char    *community_id);
JlRecordEditor *jl_partner_page_edit        (JlPartnerPage *self,
                                             JlRecord      *unit);
/* Back to the list, saving what is pending. */
void            jl_partner_page_close_editor (JlPartnerPage *self);
GtkWidget      *jl_partner_page_get_view    (JlPartnerPage *self);

G_END_DECLS
