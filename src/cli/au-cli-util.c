/* au-cli-util.c: helpers shared by the commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>

#include "au-cli.h"

char *
au_cli_read_input (const char  *path,
                   gsize       *length,
                   GError     **error)
{
  char *contents = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      contents = g_malloc (*length + 1);
      memcpy (contents, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), *length);
      contents[*length] = '\0';
      return contents;
    }

  if (!g_file_get_contents (path, &contents, length, error))
    return NULL;
  return contents;
}

void
au_cli_print_json (JsonNode *node,
                   gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

char *
au_cli_default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "alluse", "autopilot.db", NULL);
}
