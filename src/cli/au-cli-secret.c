/* au-cli-secret.c: `alluse-cli secret`, the product's secrets in the
 * desktop keyring (decisions D3, D4)
 *
 * The value is read from standard input only, never from the command line
 * (where any user could read it in /proc), without echo on a terminal, and
 * is wiped from memory once handed to the Secret Service. Nothing this
 * command prints ever holds a value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-cli-secret"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "au-cli.h"
#include "au-secret-store.h"

/* Until alluse-cli's command table lists it (au-cli.h). */

#define USAGE \
  "Usage:\n" \
  "  alluse-cli secret set KIND [--origin URL]   (the value is read from standard input)\n" \
  "  alluse-cli secret clear KIND [--origin URL]\n" \
  "  alluse-cli secret status [--json]\n" \
  "\n" \
  "KIND is llm-api-key, api-token or webhook-secret. URL is the origin the secret\n" \
  "may be sent to, scheme://host:port. Secrets are kept only in the desktop keyring\n" \
  "(Secret Service); ALLUSE_SECRET_COLLECTION=session keeps them in the session\n" \
  "collection instead, forgotten at logout (for tests).\n"

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
}

/* A command-line tool: it runs the main context until the answer is in. */
static GAsyncResult *
wait_result (Wait *wait)
{
  g_clear_object (&wait->result);
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static AuSecretStore *
open_store (void)
{
  const char *collection = g_getenv ("ALLUSE_SECRET_COLLECTION");

  if (g_strcmp0 (collection, "session") == 0)
    return au_secret_store_new (AU_SECRET_COLLECTION_SESSION);
  return au_secret_store_new (AU_SECRET_COLLECTION_DEFAULT);
}

/* Invalid input and a missing Secret Service are the caller's to fix (2);
 * a keyring that refused (locked, prompt dismissed) is a failed action (1). */
static int
fail (const char   *command,
      const GError *error)
{
  g_printerr ("secret %s: %s\n", command, error->message);
  if (error->domain == AU_SECRET_ERROR && error->code == AU_SECRET_ERROR_FAILED)
    return AU_CLI_EXIT_REJECTED;
  return AU_CLI_EXIT_USAGE;
}

/* Reads one line into @buffer (@size bytes, NUL-terminated). Returns the
 * number of bytes read, or -1 on a read error. A read of size - 1 bytes
 * means the input did not fit. */
static gssize
read_fd (int       fd,
         char     *buffer,
         gsize     size,
         gboolean  stop_at_newline)
{
  gsize length = 0;

  while (length < size - 1)
    {
      gssize n = read (fd, buffer + length, stop_at_newline ? 1 : size - 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      length += (gsize) n;
      if (stop_at_newline && buffer[length - 1] == '\n')
        break;
    }
  buffer[length] = '\0';
  return (gssize) length;
}

/* On a terminal: a prompt on standard error and no echo while typing. */
static gssize
read_from_terminal (const char *kind,
                    char       *buffer,
                    gsize       size)
{
  struct termios saved, quiet;
  gboolean restore;
  gssize length;

  /* Echo goes off before the prompt shows, so nothing typed is shown. */
  restore = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  g_printerr ("Value of %s (not shown): ", kind);
  length = read_fd (STDIN_FILENO, buffer, size, TRUE);
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");
  return length;
}

/* The value: one line of standard input, its line ending stripped. */
static gboolean
read_value (const char  *kind,
            char        *buffer,
            gsize        size,
            GError     **error)
{
  gssize length;

  if (isatty (STDIN_FILENO))
    length = read_from_terminal (kind, buffer, size);
  else
    length = read_fd (STDIN_FILENO, buffer, size, FALSE);

  if (length < 0)
    {
      g_set_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE,
                   "standard input: %s", g_strerror (errno));
      return FALSE;
    }
  if ((gsize) length == size - 1)
    {
      g_set_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE,
                   "standard input: longer than the %d bytes a secret may have",
                   AU_SECRET_MAX_LENGTH);
      return FALSE;
    }
  if ((gsize) length != strlen (buffer))
    {
      g_set_error_literal (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE,
                           "standard input: the value holds a NUL byte");
      return FALSE;
    }
  if (length > 0 && buffer[length - 1] == '\n')
    buffer[--length] = '\0';
  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';
  return au_secret_value_validate (buffer, error);
}

static int
secret_set (AuSecretStore *store,
            AuSecretKind   kind,
            const char    *origin)
{
  /* Room for the longest value, its CR LF and the NUL; anything more
   * fills the buffer and is refused. */
  char buffer[AU_SECRET_MAX_LENGTH + 4];
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  gboolean ok;

  ok = read_value (au_secret_kind_to_string (kind), buffer, sizeof buffer, &error);
  if (ok)
    au_secret_store_store_async (store, kind, origin, buffer, NULL, on_result, &wait);
  /* The store copied it into its own memory: ours goes now. */
  explicit_bzero (buffer, sizeof buffer);
  if (!ok)
    return fail ("set", error);

  ok = au_secret_store_store_finish (store, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  if (!ok)
    return fail ("set", error);
  if (origin != NULL)
    g_printerr ("Stored the %s for %s.\n", au_secret_kind_to_string (kind), origin);
  else
    g_printerr ("Stored the %s.\n", au_secret_kind_to_string (kind));
  return AU_CLI_EXIT_OK;
}

static int
secret_clear (AuSecretStore *store,
              AuSecretKind   kind,
              const char    *origin)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  gboolean removed = FALSE;
  gboolean ok;

  au_secret_store_clear_async (store, kind, origin, NULL, on_result, &wait);
  ok = au_secret_store_clear_finish (store, wait_result (&wait), &removed, &error);
  g_clear_object (&wait.result);
  if (!ok)
    return fail ("clear", error);
  g_printerr (removed ? "Removed the %s.\n" : "No %s was stored; nothing to remove.\n",
              au_secret_kind_to_string (kind));
  return AU_CLI_EXIT_OK;
}

static void
print_status_json (AuSecretStore *store,
                   GPtrArray     *statuses)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean session = au_secret_store_get_collection (store) == AU_SECRET_COLLECTION_SESSION;

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "collection");
  json_builder_add_string_value (json, session ? "session" : "default");
  json_builder_set_member_name (json, "secrets");
  json_builder_begin_array (json);
  for (guint i = 0; i < statuses->len; i++)
    {
      const AuSecretStatus *status = g_ptr_array_index (statuses, i);

      json_builder_begin_object (json);
      json_builder_set_member_name (json, "kind");
      json_builder_add_string_value (json, au_secret_kind_to_string (status->kind));
      json_builder_set_member_name (json, "set");
      json_builder_add_boolean_value (json, status->is_set);
      json_builder_set_member_name (json, "origin");
      if (status->origin != NULL)
        json_builder_add_string_value (json, status->origin);
      else
        json_builder_add_null_value (json);
      json_builder_end_object (json);
    }
  json_builder_end_array (json);
  json_builder_end_object (json);

  root = json_builder_get_root (json);
  au_cli_print_json (root, TRUE);
}

static int
secret_status (AuSecretStore *store,
               gboolean       as_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  Wait wait = { 0 };

  au_secret_store_status_async (store, NULL, on_result, &wait);
  statuses = au_secret_store_status_finish (store, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  if (statuses == NULL)
    return fail ("status", error);

  if (as_json)
    {
      print_status_json (store, statuses);
      return AU_CLI_EXIT_OK;
    }
  for (guint i = 0; i < statuses->len; i++)
    {
      const AuSecretStatus *status = g_ptr_array_index (statuses, i);
      const char *kind = au_secret_kind_to_string (status->kind);

      if (!status->is_set)
        printf ("%-15s not set\n", kind);
      else if (status->origin != NULL)
        printf ("%-15s set, for %s\n", kind, status->origin);
      else
        printf ("%-15s set, for any origin\n", kind);
    }
  return AU_CLI_EXIT_OK;
}

int
au_cli_secret_main (int    argc,
                    char **argv)
{
  g_autofree char *origin = NULL;
  gboolean as_json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuSecretStore) store = NULL;
  const char *command;
  AuSecretKind kind;
  int status;
  GOptionEntry entries[] = {
    { "origin", 0, 0, G_OPTION_ARG_STRING, &origin,
      "where the secret may be sent, scheme://host:port", "URL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "status as JSON", NULL },
    { NULL }
  };

  context = g_option_context_new ("set|clear|status [KIND] — the autopilot's secrets");
  g_option_context_set_description (context, USAGE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("secret: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  command = argc >= 2 ? argv[1] : NULL;

  if (g_strcmp0 (command, "status") == 0)
    {
      if (argc != 2 || origin != NULL)
        {
          g_printerr ("secret status: takes no KIND and no --origin\n");
          return AU_CLI_EXIT_USAGE;
        }
      store = open_store ();
      status = secret_status (store, as_json);
    }
  else if (g_strcmp0 (command, "set") == 0 || g_strcmp0 (command, "clear") == 0)
    {
      if (argc < 3)
        {
          g_printerr ("secret %s: which KIND? (llm-api-key, api-token, webhook-secret)\n",
                      command);
          return AU_CLI_EXIT_USAGE;
        }
      /* Never echo an extra argument: it may be the secret itself. */
      if (argc > 3)
        {
          g_printerr ("secret %s: too many arguments; a secret's value is read from standard "
                      "input, never from the command line\n", command);
          return AU_CLI_EXIT_USAGE;
        }
      if (as_json)
        {
          g_printerr ("secret %s: --json applies to status only\n", command);
          return AU_CLI_EXIT_USAGE;
        }
      if (!au_secret_kind_from_string (argv[2], &kind, &error))
        return fail (command, error);
      /* Checked before the value is read, so a typo costs no retyping. */
      if (origin != NULL)
        {
          g_autofree char *normalized = au_secret_origin_normalize (origin, &error);

          if (normalized == NULL)
            return fail (command, error);
          g_free (origin);
          origin = g_steal_pointer (&normalized);
        }
      store = open_store ();
      if (strcmp (command, "set") == 0)
        status = secret_set (store, kind, origin);
      else
        status = secret_clear (store, kind, origin);
    }
  else
    {
      g_printerr ("secret: %s", USAGE);
      return AU_CLI_EXIT_USAGE;
    }

  /* Let the store's worker threads hand back their last references. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return status;
}
