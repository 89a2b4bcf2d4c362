/* bench-ib-decode.c: decoding throughput of a recorded TWS stream with
 * our codec, au_ib_frame_decoder + au_ib_incoming_decode (issue 4)
 *
 *   bench-ib-decode FILE [--min-seconds S] [--json]
 *
 * FILE is what bench-ib-record kept: the gateway's bytes from its version
 * reply on. Each pass decodes the whole stream from a fresh decoder, fed
 * in 64 KiB reads as a socket would hand them over; passes repeat until
 * S seconds (default 2) have gone by. The version reply is the first
 * frame and is not counted (it is the handshake, not a message).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-ib"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "au-ib-frame.h"
#include "au-ib-messages.h"

#define READ_SIZE 65536

typedef struct
{
  guint64 messages;   /* decoded */
  guint64 unknown;    /* skipped: an id we do not decode */
  guint64 errors;     /* refused */
  guint   ids[256];   /* per message id, first pass only */
} Counts;

static void
decode_pass (const guint8 *data,
             gsize         len,
             Counts       *counts,
             gboolean      first)
{
  g_autoptr(AuIbFrameDecoder) decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_CLIENT);
  gboolean version_seen = FALSE;
  gsize offset = 0;

  while (offset < len)
    {
      gsize n = MIN (READ_SIZE, len - offset);
      char *payload;
      gsize size;
      GError *error = NULL;

      au_ib_frame_decoder_feed (decoder, data + offset, n);
      offset += n;
      while (au_ib_frame_decoder_next (decoder, &payload, &size, &error))
        {
          AuIbIncoming message;

          if (!version_seen)
            {
              version_seen = TRUE;
              continue;
            }
          if (au_ib_incoming_decode (payload, size, &message, &error))
            {
              counts->messages++;
              if (first && message.id >= 0 && message.id < 256)
                counts->ids[message.id]++;
            }
          else if (g_error_matches (error, AU_IB_ERROR, AU_IB_ERROR_UNKNOWN_MESSAGE))
            counts->unknown++;
          else
            counts->errors++;
          g_clear_error (&error);
          au_ib_incoming_clear (&message);
        }
      if (error != NULL)
        {
          g_printerr ("bench-ib-decode: the stream does not frame: %s\n", error->message);
          exit (EXIT_FAILURE);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  double min_seconds = 2.0;
  gboolean json = FALSE;
  gsize len = 0;
  Counts counts = { 0 };
  guint64 per_pass;
  guint passes = 0;
  gint64 start, elapsed;
  double seconds;
  GOptionEntry entries[] = {
    { "min-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &min_seconds,
      "Repeat passes for at least S seconds (default 2)", "S" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON object on stdout", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("FILE - decoding throughput of a recorded TWS stream");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-ib-decode: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || !(min_seconds > 0.0))
    {
      g_printerr ("bench-ib-decode: one FILE, and --min-seconds above 0\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &data, &len, &error))
    {
      g_printerr ("bench-ib-decode: %s\n", error->message);
      return 1;
    }

  /* A warm-up pass, which also counts the stream's content. */
  decode_pass ((const guint8 *) data, len, &counts, TRUE);
  per_pass = counts.messages;
  if (counts.errors > 0 || per_pass == 0)
    {
      g_printerr ("bench-ib-decode: %" G_GUINT64_FORMAT " messages refused, %" G_GUINT64_FORMAT
                  " decoded\n", counts.errors, per_pass);
      return 1;
    }

  counts.messages = counts.unknown = counts.errors = 0;
  start = g_get_monotonic_time ();
  do
    {
      decode_pass ((const guint8 *) data, len, &counts, FALSE);
      passes++;
      elapsed = g_get_monotonic_time () - start;
    }
  while ((double) elapsed / G_USEC_PER_SEC < min_seconds);
  seconds = (double) elapsed / G_USEC_PER_SEC;

  if (json)
    {
      g_print ("{\"decoder\": \"alluse\", \"bytes\": %" G_GSIZE_FORMAT ", \"messages\": %"
               G_GUINT64_FORMAT ", \"unknown\": %" G_GUINT64_FORMAT ", \"errors\": %"
               G_GUINT64_FORMAT ", \"passes\": %u, \"seconds\": %.3f, \"messages_per_s\": %.0f,"
               " \"mib_per_s\": %.1f, \"ids\": {", len, per_pass, counts.unknown / passes,
               counts.errors, passes, seconds, (double) counts.messages / seconds,
               (double) len * passes / seconds / (1024 * 1024));
      for (guint i = 0, n = 0; i < 256; i++)
        if (counts.ids[i] > 0)
          g_print ("%s\"%s\": %u", n++ > 0 ? ", " : "", au_ib_in_name ((int) i), counts.ids[i]);
      g_print ("}}\n");
    }
  else
    {
      g_print ("alluse: %" G_GUINT64_FORMAT " messages (%" G_GSIZE_FORMAT " bytes) × %u passes "
               "in %.3f s: %.0f messages/s, %.1f MiB/s\n", per_pass, len, passes, seconds,
               (double) counts.messages / seconds,
               (double) len * passes / seconds / (1024 * 1024));
    }
  return EXIT_SUCCESS;
}
