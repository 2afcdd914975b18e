/* jl-minutes-attachments.h: the files attached to minutes
 *
 * A list of the meeting's attachments (the signed scan, photos) with
 * "Attach file…" and, per file, "Open". A file whose bytes have not
 * arrived from the sync server yet says "not downloaded yet" instead of
 * opening. Everything on the disk runs on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jl-store.h"

G_BEGIN_DECLS

#define JL_TYPE_MINUTES_ATTACHMENTS (jl_minutes_attachments_get_type ())

G_DECLARE_FINAL_TYPE (JlMinutesAttachments, jl_minutes_attachments, JL, MINUTES_ATTACHMENTS, AdwBin)

GtkWidget  *jl_minutes_attachments_new         (JlStore              *store,
                                                const char           *meeting_id);
void        jl_minutes_attachments_reload      (JlMinutesAttachments *self);
/* Attaches the file at @path, as choosing it in the dialog does. */
void        jl_minutes_attachments_attach_file (JlMinutesAttachments *self,
                                                const char           *path);
/* Opens attachment @index of the list with the default application, or
 * says that it is not downloaded yet. */
void        jl_minutes_attachments_open        (JlMinutesAttachments *self,
                                                guint                 index);
guint       jl_minutes_attachments_get_count   (JlMinutesAttachments *self);
/* The last problem or notice ("" when none). */
const char *jl_minutes_attachments_get_message (JlMinutesAttachments *self);

G_END_DECLS
