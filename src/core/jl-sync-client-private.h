/* jl-sync-client-private.h: test hooks of the sync client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "jl-sync-client.h"

G_BEGIN_DECLS

typedef enum
{
  JL_SYNC_HOOK_BEFORE_PUSH,       /* the batch is marked, the request not sent yet */
  JL_SYNC_HOOK_AFTER_PUSH_REPLY,  /* the server answered; nothing applied yet */
  JL_SYNC_HOOK_BEFORE_PULL,       /* before each page request */
} JlSyncHookPoint;

/* Returning FALSE abandons the sync there, as a crash would: nothing
 * more is applied and the run fails with %JL_SYNC_ERROR_NETWORK. */
typedef gboolean (*JlSyncTestHook) (JlSyncClient    *client,
                                    JlSyncHookPoint  point,
                                    gpointer         data);

void _jl_sync_client_set_test_hook (JlSyncClient   *self,
                                    JlSyncTestHook  hook,
                                    gpointer        data);

/* For jl-sync-blob.c: the account's server URL, token and communities,
 * and a session that trusts what record sync trusts. */
SoupSession *_jl_sync_client_open (JlSyncClient  *self,
                                   char         **server_url,
                                   char         **token,
                                   GStrv         *communities,
                                   GError       **error);

G_END_DECLS
