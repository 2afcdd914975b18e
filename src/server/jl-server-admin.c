/* jl-server-admin.c: jinlin-server user … and device … commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "JlServer"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "jl-server-admin.h"
#include "jl-server-auth.h"
#include "jl-uuid.h"

#define MIN_PASSWORD_LEN 8

static int
usage (const char *message)
{
  g_printerr ("jinlin-server: %s\n", message);
  g_printerr ("Usage:\n"
              "  jinlin-server --db FILE user add NAME --role clerk|secretary|district [--community ID]…\n"
              "                [--district NAME] [--password-file FILE]\n"
              "  jinlin-server --db FILE user passwd NAME [--password-file FILE]\n"
              "  jinlin-server --db FILE user grant|ungrant NAME --community ID\n"
              "  jinlin-server --db FILE user disable|enable NAME\n"
              "  jinlin-server --db FILE user list\n"
              "  jinlin-server --db FILE device list\n"
              "  jinlin-server --db FILE device revoke ID\n"
              "Without --password-file the password is read from standard input (prompted on a terminal).\n");
  return 2;
}

static int
fail (const GError *error)
{
  g_printerr ("jinlin-server: %s\n", error->message);
  return 1;
}

/* The first line of @text, without its line end. */
static char *
first_line (const char *text)
{
  gsize len = strcspn (text, "\r\n");

  return g_strndup (text, len);
}

static char *
read_password (const char  *file,
               GError     **error)
{
  g_autofree char *text = NULL;
  char buffer[1024];
  char *password;

  if (file != NULL)
    {
      if (!g_file_get_contents (file, &text, NULL, error))
        return NULL;
      password = first_line (text);
    }
  else
    {
      gboolean tty = isatty (STDIN_FILENO);
      struct termios old, quiet;

      if (tty)
        {
          fprintf (stderr, "Password: ");
          fflush (stderr);
          tcgetattr (STDIN_FILENO, &old);
          quiet = old;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      if (fgets (buffer, sizeof buffer, stdin) == NULL)
        buffer[0] = '\0';
      if (tty)
        {
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
          fprintf (stderr, "\n");
        }
      password = first_line (buffer);
      memset (buffer, 0, sizeof buffer);
    }

  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_LEN)
    {
      g_free (password);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the password must be at least %d characters long", MIN_PASSWORD_LEN);
      return NULL;
    }
  return password;
}

/* Options after the command words: --name VALUE pairs. */
typedef struct
{
  const char *role;
  const char *district;
  const char *password_file;
  GPtrArray  *communities;
  gboolean    weak_hash;
} AdminOptions;

static gboolean
parse_options (int            argc,
               char         **argv,
               int            first,
               AdminOptions  *opts,
               char         **bad)
{
  for (int i = first; i < argc; i++)
    {
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;

      /* Hidden, for test suites: a cheap hash. */
      if (strcmp (argv[i], "--weak-hash-for-tests") == 0)
        {
          opts->weak_hash = TRUE;
          continue;
        }
      if (value == NULL)
        {
          *bad = g_strdup_printf ("“%s” needs a value", argv[i]);
          return FALSE;
        }
      if (strcmp (argv[i], "--role") == 0)
        opts->role = value;
      else if (strcmp (argv[i], "--district") == 0)
        opts->district = value;
      else if (strcmp (argv[i], "--password-file") == 0)
        opts->password_file = value;
      else if (strcmp (argv[i], "--community") == 0)
        {
          if (!jl_uuid_is_valid (value))
            {
              *bad = g_strdup_printf ("“%s” is not a community id (a UUID)", value);
              return FALSE;
            }
          g_ptr_array_add (opts->communities, g_ascii_strdown (value, -1));
        }
      else
        {
          *bad = g_strdup_printf ("unknown option “%s”", argv[i]);
          return FALSE;
        }
      i++;
    }
  return TRUE;
}

static gboolean
valid_role (const char *role)
{
  return g_strcmp0 (role, "clerk") == 0 || g_strcmp0 (role, "secretary") == 0 ||
         g_strcmp0 (role, "district") == 0;
}

static int
user_add (JlServerStore *store,
          const char    *name,
          AdminOptions  *opts)
{
  g_autoptr(JlServerUser) user = g_new0 (JlServerUser, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  if (!valid_role (opts->role))
    return usage ("--role must be clerk, secretary or district");
  if (strcmp (opts->role, "district") == 0 && opts->district == NULL)
    return usage ("a district user needs --district");
  if (strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    return usage ("the user name must be at most 64 bytes of UTF-8");
  if ((password = read_password (opts->password_file, &error)) == NULL)
    return fail (error);

  user->name = g_strdup (name);
  user->pw_hash = jl_server_hash_password_weak (password, opts->weak_hash);
  user->role = g_strdup (opts->role);
  user->district = g_strdup (opts->district);
  user->created_ms = g_get_real_time () / 1000;
  if (user->pw_hash == NULL)
    return usage ("hashing the password failed (out of memory?)");

  if (!store->vtable->begin (store, TRUE, &error) || !store->vtable->user_add (store, user, &error))
    goto failed;
  for (guint i = 0; i < opts->communities->len; i++)
    if (!store->vtable->user_grant (store, user->id, opts->communities->pdata[i], &error))
      goto failed;
  if (!store->vtable->commit (store, &error))
    goto failed;
  g_print ("added user %s (%s)\n", name, opts->role);
  return 0;

failed:
  store->vtable->rollback (store);
  g_prefix_error (&error, "adding user %s: ", name);
  return fail (error);
}

static JlServerUser *
get_user (JlServerStore  *store,
          const char     *name,
          GError        **error)
{
  JlServerUser *user = store->vtable->user_get (store, name, error);

  if (user == NULL && error != NULL && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no user “%s”", name);
  return user;
}

static int
user_change (JlServerStore *store,
             const char    *what,
             const char    *name,
             AdminOptions  *opts)
{
  g_autoptr(JlServerUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  if ((user = get_user (store, name, &error)) == NULL)
    return fail (error);
  if (strcmp (what, "passwd") == 0)
    {
      if ((password = read_password (opts->password_file, &error)) == NULL)
        return fail (error);
      g_free (user->pw_hash);
      user->pw_hash = jl_server_hash_password_weak (password, opts->weak_hash);
    }
  else if (strcmp (what, "disable") == 0 || strcmp (what, "enable") == 0)
    user->disabled = strcmp (what, "disable") == 0;
  else if ((strcmp (what, "grant") == 0 || strcmp (what, "ungrant") == 0) && opts->communities->len == 0)
    return usage ("grant and ungrant need --community ID");

  if (!store->vtable->begin (store, TRUE, &error) || !store->vtable->user_update (store, user, &error))
    goto failed;
  for (guint i = 0; strcmp (what, "grant") == 0 && i < opts->communities->len; i++)
    if (!store->vtable->user_grant (store, user->id, opts->communities->pdata[i], &error))
      goto failed;
  for (guint i = 0; strcmp (what, "ungrant") == 0 && i < opts->communities->len; i++)
    if (!store->vtable->user_ungrant (store, user->id, opts->communities->pdata[i], &error))
      goto failed;
  if (!store->vtable->commit (store, &error))
    goto failed;
  g_print ("%s: done\n", name);
  return 0;

failed:
  store->vtable->rollback (store);
  return fail (error);
}

static int
user_list (JlServerStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = store->vtable->user_list (store, &error);

  if (users == NULL)
    return fail (error);
  for (guint i = 0; i < users->len; i++)
    {
      JlServerUser *u = users->pdata[i];
      g_autofree char *communities = g_strjoinv (",", u->communities);

      g_print ("%s\t%s\t%s\t%s\t%s\n", u->name, u->role, u->district ? u->district : "-",
               u->disabled ? "disabled" : "active", *communities ? communities : "-");
    }
  return 0;
}

static int
device_list (JlServerStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = store->vtable->device_list (store, &error);

  if (devices == NULL)
    return fail (error);
  for (guint i = 0; i < devices->len; i++)
    {
      JlServerDevice *d = devices->pdata[i];
      g_autoptr(GDateTime) seen = g_date_time_new_from_unix_utc (d->last_seen_ms / 1000);
      g_autofree char *seen_text = seen ? g_date_time_format_iso8601 (seen) : g_strdup ("-");

      g_print ("%s\t%s\t%s\t%s\tlast seen %s\tskew %" G_GINT64_FORMAT " ms\n", d->id, d->user_name,
               d->name ? d->name : "-", d->revoked ? "revoked" : "active", seen_text, d->skew_ms);
    }
  return 0;
}

static int
device_revoke (JlServerStore *store,
               const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = store->vtable->device_list (store, &error);
  JlServerDevice *found = NULL;

  if (devices == NULL)
    return fail (error);
  for (guint i = 0; i < devices->len; i++)
    if (g_ascii_strcasecmp (((JlServerDevice *) devices->pdata[i])->id, id) == 0)
      found = devices->pdata[i];
  if (found == NULL)
    return usage ("no such device; see “device list”");
  found->revoked = TRUE;
  if (!store->vtable->begin (store, TRUE, &error) || !store->vtable->device_update (store, found, &error) ||
      !store->vtable->commit (store, &error))
    {
      store->vtable->rollback (store);
      return fail (error);
    }
  g_message ("event=device_revoked device=%s user=%s", found->id, found->user_name);
  g_print ("revoked %s (%s)\n", found->id, found->user_name);
  return 0;
}

int
jl_server_admin_run (JlServerStore  *store,
                     int             argc,
                     char          **argv)
{
  g_autoptr(GPtrArray) communities = g_ptr_array_new_with_free_func (g_free);
  AdminOptions opts = { .communities = communities };
  g_autofree char *bad = NULL;
  const char *group = argc > 0 ? argv[0] : "";
  const char *verb = argc > 1 ? argv[1] : "";

  if (strcmp (group, "user") == 0 && strcmp (verb, "list") == 0 && argc == 2)
    return user_list (store);
  if (strcmp (group, "device") == 0 && strcmp (verb, "list") == 0 && argc == 2)
    return device_list (store);
  if (strcmp (group, "device") == 0 && strcmp (verb, "revoke") == 0 && argc == 3)
    return device_revoke (store, argv[2]);
  if (strcmp (group, "user") != 0 || argc < 3)
    return usage ("unknown command");
  if (!parse_options (argc, argv, 3, &opts, &bad))
    return usage (bad);
  if (strcmp (verb, "add") == 0)
    return user_add (store, argv[2], &opts);
  if (strcmp (verb, "passwd") == 0 || strcmp (verb, "disable") == 0 || strcmp (verb, "enable") == 0 ||
      strcmp (verb, "grant") == 0 || strcmp (verb, "ungrant") == 0)
    return user_change (store, verb, argv[2], &opts);
  return usage ("unknown command");
}
