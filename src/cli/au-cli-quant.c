/* au-cli-quant.c: `alluse-cli quant`, option prices, greeks, implied
 * volatility and ATR from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-cli-quant"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "au-cli.h"
#include "au-quant.h"

/* One pricing request: the flags of `quant price`/`quant iv`, or the keys
 * of one batch line. */
typedef struct
{
  AuOptionParams   params;
  AuOptionStyle    style;
  AuAmericanApprox approx;
  gboolean         has_vol;
  gboolean         has_price;
  double           price;
} Request;

typedef struct
{
  double   vol;
  AuGreeks greeks;
} Answer;

static gboolean
parse_number (const char  *field,
              const char  *text,
              double      *out,
              GError     **error)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT, "%s: missing", field);
      return FALSE;
    }
  errno = 0;
  *out = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (*out))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "%s: “%s” is not a finite number", field, text);
      return FALSE;
    }
  return TRUE;
}

/* Prices @req: the greeks at its vol, or its implied vol and the greeks
 * there when it carries a price. */
static gboolean
answer_request (const Request  *req,
                Answer         *answer,
                GError        **error)
{
  AuOptionParams p = req->params;

  if (req->has_vol == req->has_price)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   req->has_vol ? "vol, price: give one of them, not both"
                                : "vol: missing (or give price for the implied volatility)");
      return FALSE;
    }

  if (req->has_price)
    {
      gboolean ok = req->style == AU_OPTION_AMERICAN
                    ? au_implied_vol_american (&p, req->approx, req->price, &p.vol, error)
                    : au_implied_vol (&p, req->price, &p.vol, error);
      if (!ok)
        return FALSE;
    }

  if (req->style == AU_OPTION_AMERICAN)
    {
      if (!au_bjerksund_stensland_validate (&p, error))
        return FALSE;
      au_bjerksund_stensland (&p, req->approx, &answer->greeks);
    }
  else
    {
      if (!au_option_params_validate (&p, error))
        return FALSE;
      au_black_scholes (&p, &answer->greeks);
    }
  answer->vol = p.vol;
  return TRUE;
}

static void
append_number (GString    *out,
               const char *key,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "%s\"%s\": ", out->len > 1 ? ", " : "", key);
  if (isfinite (value))
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
  else
    g_string_append (out, "null");
}

static void
format_answer (GString      *out,
               const Answer *a,
               double        t)
{
  g_string_append_c (out, '{');
  append_number (out, "price", a->greeks.price);
  append_number (out, "vol", a->vol);
  append_number (out, "delta", a->greeks.delta);
  append_number (out, "gamma", a->greeks.gamma);
  append_number (out, "vega", a->greeks.vega);
  append_number (out, "theta", a->greeks.theta);
  append_number (out, "theta_day", a->greeks.theta_day);
  append_number (out, "rho", a->greeks.rho);
  append_number (out, "t", t);
  g_string_append_c (out, '}');
}

/* ---- batch ------------------------------------------------------------ */

static gboolean
member_number (JsonObject  *object,
               const char  *key,
               double      *out,
               gboolean    *present,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  GType type;

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT, "%s: not a number", key);
      return FALSE;
    }
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
member_string (JsonObject  *object,
               const char  *key,
               const char **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT, "%s: not a string", key);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
request_from_json (JsonObject  *object,
                   Request     *req,
                   GError     **error)
{
  static const char *numbers[] = { "spot", "strike", "rate", "dividend", "days" };
  static const char *known[] = { "right", "style", "approx", "spot", "strike", "rate",
                                 "dividend", "vol", "days", "price" };
  double values[G_N_ELEMENTS (numbers)];
  const char *right = NULL, *style = "european", *approx = "2002";
  gboolean present;
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        found = found || strcmp (l->data, known[i]) == 0;
      if (!found)
        {
          g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                       "%s: unknown key", (const char *) l->data);
          return FALSE;
        }
    }

  memset (req, 0, sizeof *req);
  if (!member_string (object, "right", &right, error)
      || !member_string (object, "style", &style, error)
      || !member_string (object, "approx", &approx, error))
    return FALSE;
  if (right == NULL || !au_option_right_from_string (right, &req->params.right))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "right: must be \"put\" or \"call\"");
      return FALSE;
    }
  if (!au_option_style_from_string (style, &req->style))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "style: must be \"european\" or \"american\"");
      return FALSE;
    }
  if (!au_american_approx_from_string (approx, &req->approx))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "approx: must be \"2002\" or \"1993\"");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      if (!member_number (object, numbers[i], &values[i], &present, error))
        return FALSE;
      if (!present)
        {
          g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT, "%s: missing", numbers[i]);
          return FALSE;
        }
    }
  req->params.spot = values[0];
  req->params.strike = values[1];
  req->params.rate = values[2];
  req->params.dividend = values[3];
  req->params.t = au_time_from_days (values[4]);
  if (!member_number (object, "vol", &req->params.vol, &req->has_vol, error)
      || !member_number (object, "price", &req->price, &req->has_price, error))
    return FALSE;
  return TRUE;
}

static void
append_error (GString     *out,
              guint64      line,
              const char  *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, (gint64) line);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = json_to_string (node, FALSE);
  g_string_append (out, text);
}

static int
run_batch (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  FILE *in = strcmp (path, "-") == 0 ? stdin : fopen (path, "r");
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  guint64 number = 0;
  gboolean any_error = FALSE;

  if (in == NULL)
    {
      fprintf (stderr, "alluse-cli quant price: --batch: cannot open %s: %s\n", path, g_strerror (errno));
      return AU_CLI_EXIT_USAGE;
    }

  while ((length = getline (&line, &capacity, in)) >= 0)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *root;
      Request req;
      Answer answer;

      number++;
      g_strstrip (line);
      if (*line == '\0')
        continue;
      g_string_truncate (out, 0);
      if (!json_parser_load_from_data (parser, line, -1, &error))
        ;
      else if ((root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        g_set_error (&error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT, "not a JSON object");
      else if (request_from_json (json_node_get_object (root), &req, &error)
               && answer_request (&req, &answer, &error))
        format_answer (out, &answer, req.params.t);

      if (error != NULL)
        {
          append_error (out, number, error->message);
          any_error = TRUE;
        }
      g_string_append_c (out, '\n');
      fwrite (out->str, 1, out->len, stdout);
    }

  free (line);
  if (in != stdin)
    fclose (in);
  fflush (stdout);
  return any_error ? AU_CLI_EXIT_USAGE : AU_CLI_EXIT_OK;
}

/* ---- price and iv ----------------------------------------------------- */

static int
usage_error (const char *command,
             const char *message)
{
  fprintf (stderr, "alluse-cli quant %s: %s\n", command, message);
  return AU_CLI_EXIT_USAGE;
}

static gboolean
time_from_expiry (const char  *expiry_text,
                  const char  *time_text,
                  double      *t,
                  GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  GDate expiry;
  guint year, month, day;
  char tail;

  if (sscanf (expiry_text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3
      || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "expiry: “%s” is not a date YYYY-MM-DD", expiry_text);
      return FALSE;
    }
  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, day, month, year);
  if (time_text == NULL)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "time: missing (--expiry needs --time, e.g. 2026-01-05T09:45:00-05:00)");
      return FALSE;
    }
  zone = au_time_zone_new_york (error);
  if (zone == NULL)
    return FALSE;
  /* A time without an offset is New York time, the market's clock. */
  now = g_date_time_new_from_iso8601 (time_text, zone);
  if (now == NULL)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "time: “%s” is not an ISO 8601 date and time", time_text);
      return FALSE;
    }
  if (!au_time_to_expiry (now, &expiry, t, error))
    return FALSE;
  if (*t <= 0.0)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_EXPIRED,
                   "expiry: the 16:00 New York close of %s is not after %s", expiry_text, time_text);
      return FALSE;
    }
  return TRUE;
}

static int
run_single (const char *command,
            int         argc,
            char      **argv)
{
  g_autofree char *right = NULL, *style = NULL, *approx = NULL, *spot = NULL, *strike = NULL;
  g_autofree char *rate = NULL, *dividend = NULL, *vol = NULL, *days = NULL, *expiry = NULL;
  g_autofree char *time = NULL, *price = NULL, *batch = NULL;
  gboolean json = FALSE;
  gboolean is_iv = strcmp (command, "iv") == 0;
  GOptionEntry entries[] = {
    { "right", 0, 0, G_OPTION_ARG_STRING, &right, "put or call", "RIGHT" },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style, "european (default) or american", "STYLE" },
    { "approx", 0, 0, G_OPTION_ARG_STRING, &approx, "American approximation: 2002 (default) or 1993", "YEAR" },
    { "spot", 0, 0, G_OPTION_ARG_STRING, &spot, "Price of the underlying", "S" },
    { "strike", 0, 0, G_OPTION_ARG_STRING, &strike, "Strike", "K" },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &rate, "Risk-free rate, continuous, per year (0.05 = 5%)", "R" },
    { "dividend", 0, 0, G_OPTION_ARG_STRING, &dividend, "Dividend yield, continuous, per year", "Q" },
    { "vol", 0, 0, G_OPTION_ARG_STRING, &vol, "Volatility per √year (0.2 = 20%)", "V" },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price, "Option price (quant iv)", "P" },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days, "Calendar days to expiry, T = D/365", "D" },
    { "expiry", 0, 0, G_OPTION_ARG_STRING, &expiry, "Expiry date; T runs to its 16:00 New York close", "DATE" },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time, "Pricing time, ISO 8601 (New York time without an offset)", "ISO8601" },
    { "batch", 0, 0, G_OPTION_ARG_FILENAME, &batch, "One JSON request per line (- for standard input)", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (is_iv ? "— implied volatility" : "— option price and greeks");
  g_autoptr(GError) error = NULL;
  Request req = { 0 };
  Answer answer;
  g_autoptr(GString) out = g_string_new (NULL);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (command, error->message);
  if (argc > 1)
    return usage_error (command, "unexpected argument");

  if (batch != NULL)
    {
      if (is_iv)
        return usage_error (command, "--batch belongs to “quant price” (a line with \"price\" asks for the volatility)");
      return run_batch (batch);
    }

  if (right == NULL || !au_option_right_from_string (right, &req.params.right))
    return usage_error (command, "--right: must be put or call");
  if (!au_option_style_from_string (style != NULL ? style : "european", &req.style))
    return usage_error (command, "--style: must be european or american");
  if (!au_american_approx_from_string (approx != NULL ? approx : "2002", &req.approx))
    return usage_error (command, "--approx: must be 2002 or 1993");
  if (!parse_number ("--spot", spot, &req.params.spot, &error)
      || !parse_number ("--strike", strike, &req.params.strike, &error)
      || !parse_number ("--rate", rate, &req.params.rate, &error)
      || !parse_number ("--dividend", dividend, &req.params.dividend, &error))
    return usage_error (command, error->message);

  if ((days != NULL) == (expiry != NULL))
    return usage_error (command, "give either --days or --expiry with --time");
  if (days != NULL)
    {
      double d;

      if (!parse_number ("--days", days, &d, &error))
        return usage_error (command, error->message);
      req.params.t = au_time_from_days (d);
    }
  else if (!time_from_expiry (expiry, time, &req.params.t, &error))
    return usage_error (command, error->message);

  if (is_iv)
    {
      if (vol != NULL)
        return usage_error (command, "--vol: not for “quant iv” (give --price)");
      if (!parse_number ("--price", price, &req.price, &error))
        return usage_error (command, error->message);
      req.has_price = TRUE;
    }
  else
    {
      if (price != NULL)
        return usage_error (command, "--price: use “quant iv” for the implied volatility");
      if (!parse_number ("--vol", vol, &req.params.vol, &error))
        return usage_error (command, error->message);
      req.has_vol = TRUE;
    }

  if (!answer_request (&req, &answer, &error))
    return usage_error (command, error->message);

  if (json)
    {
      format_answer (out, &answer, req.params.t);
      printf ("%s\n", out->str);
    }
  else
    {
      printf ("%s %s, S %g, K %g, r %g, q %g, T %.10g years%s%s\n",
              au_option_style_to_string (req.style), au_option_right_to_string (req.params.right),
              req.params.spot, req.params.strike, req.params.rate, req.params.dividend,
              req.params.t, req.style == AU_OPTION_AMERICAN ? ", Bjerksund-Stensland " : "",
              req.style == AU_OPTION_AMERICAN ? au_american_approx_to_string (req.approx) : "");
      printf ("price      %.10f\n", answer.greeks.price);
      printf ("vol        %.10f%s\n", answer.vol, is_iv ? " (implied)" : "");
      printf ("delta      %.10f\n", answer.greeks.delta);
      printf ("gamma      %.10f\n", answer.greeks.gamma);
      printf ("vega       %.10f (per 1.00 of vol)\n", answer.greeks.vega);
      printf ("theta      %.10f (per year)\n", answer.greeks.theta);
      printf ("theta_day  %.10f (per calendar day)\n", answer.greeks.theta_day);
      printf ("rho        %.10f (per 1.00 of rate)\n", answer.greeks.rho);
    }
  return AU_CLI_EXIT_OK;
}

/* ---- atr -------------------------------------------------------------- */

typedef struct
{
  GArray *dates;  /* char[11] each */
  GArray *high;
  GArray *low;
  GArray *close;
} Bars;

static void
bars_clear (Bars *bars)
{
  g_clear_pointer (&bars->dates, g_array_unref);
  g_clear_pointer (&bars->high, g_array_unref);
  g_clear_pointer (&bars->low, g_array_unref);
  g_clear_pointer (&bars->close, g_array_unref);
}

static gboolean
read_bars (const char  *path,
           Bars        *bars,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length;
  guint number = 0;
  GDate previous;

  g_date_clear (&previous, 1);
  contents = au_cli_read_input (path, &length, error);
  if (contents == NULL)
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  bars->dates = g_array_new (FALSE, FALSE, 11);
  bars->high = g_array_new (FALSE, FALSE, sizeof (double));
  bars->low = g_array_new (FALSE, FALSE, sizeof (double));
  bars->close = g_array_new (FALSE, FALSE, sizeof (double));

  for (char **l = lines; *l != NULL; l++)
    {
      g_auto(GStrv) fields = NULL;
      static const char *names[] = { "Open", "High", "Low", "Close" };
      double values[4];
      guint year, month, day, n_fields;
      char tail;
      GDate date;

      number++;
      g_strstrip (*l);
      if (**l == '\0')
        continue;
      fields = g_strsplit (*l, ",", -1);
      n_fields = g_strv_length (fields);
      if (number == 1)
        {
          if (g_ascii_strncasecmp (*l, "Date,Open,High,Low,Close", 24) != 0)
            {
              g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                           "%s:1: the header must be Date,Open,High,Low,Close[,Volume]", path);
              return FALSE;
            }
          continue;
        }
      if (n_fields != 5 && n_fields != 6)
        {
          g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                       "%s:%u: %u fields; expected Date,Open,High,Low,Close[,Volume]", path, number, n_fields);
          return FALSE;
        }
      if (sscanf (g_strstrip (fields[0]), "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3
          || !g_date_valid_dmy (day, month, year))
        {
          g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                       "%s:%u: Date: “%s” is not a date YYYY-MM-DD", path, number, fields[0]);
          return FALSE;
        }
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      if (g_date_valid (&previous) && g_date_compare (&date, &previous) <= 0)
        {
          g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                       "%s:%u: Date: %s is not after the previous row's date", path, number, fields[0]);
          return FALSE;
        }
      previous = date;
      for (guint i = 0; i < 4; i++)
        {
          g_autoptr(GError) local = NULL;

          if (!parse_number (names[i], g_strstrip (fields[i + 1]), &values[i], &local) || values[i] <= 0.0)
            {
              g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                           "%s:%u: %s: “%s” is not a positive price", path, number, names[i], fields[i + 1]);
              return FALSE;
            }
        }
      if (values[1] < values[2])
        {
          g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                       "%s:%u: High: %g is below Low %g", path, number, values[1], values[2]);
          return FALSE;
        }
      g_array_append_vals (bars->dates, fields[0], 1);
      g_array_append_val (bars->high, values[1]);
      g_array_append_val (bars->low, values[2]);
      g_array_append_val (bars->close, values[3]);
    }
  return TRUE;
}

static int
run_atr (int    argc,
         char **argv)
{
  g_autofree char *csv = NULL, *period_text = NULL;
  gboolean wilder = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "Daily bars: Date,Open,High,Low,Close[,Volume] (- for standard input)", "FILE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, "ATR period (default 5, D2.13)", "N" },
    { "wilder", 0, 0, G_OPTION_ARG_NONE, &wilder, "Wilder's smoothing instead of the simple mean", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— true range and ATR of daily bars");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree double *tr = NULL, *atr = NULL;
  Bars bars = { NULL };
  AuAtrMethod method;
  guint64 period = AU_ATR_DEFAULT_PERIOD;
  guint n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("atr", error->message);
  if (argc > 1)
    return usage_error ("atr", "unexpected argument");
  if (csv == NULL)
    return usage_error ("atr", "--csv FILE is required");
  if (period_text != NULL
      && (!g_ascii_string_to_unsigned (period_text, 10, 1, 64, &period, NULL)))
    return usage_error ("atr", "--period: must be a whole number from 1 to 64");
  method = wilder ? AU_ATR_WILDER : AU_ATR_SMA;

  if (!read_bars (csv, &bars, &error))
    {
      bars_clear (&bars);
      return usage_error ("atr", error->message);
    }
  n = bars.high->len;
  tr = g_new (double, MAX (n, 1));
  atr = g_new (double, MAX (n, 1));
  au_atr ((double *) bars.high->data, (double *) bars.low->data, (double *) bars.close->data,
          n, period, method, tr, atr);

  if (json)
    g_string_append_printf (out, "{\"period\": %u, \"method\": \"%s\", \"rows\": [",
                            (guint) period, au_atr_method_to_string (method));
  else
    g_string_append_printf (out, "%-10s  %14s  %14s\n", "date", "tr", "atr");
  for (guint i = 0; i < n; i++)
    {
      const char *date = &g_array_index (bars.dates, char, i * 11);
      char tr_text[G_ASCII_DTOSTR_BUF_SIZE] = "null", atr_text[G_ASCII_DTOSTR_BUF_SIZE] = "null";

      if (isfinite (tr[i]))
        g_ascii_formatd (tr_text, sizeof tr_text, json ? "%.17g" : "%.6f", tr[i]);
      if (isfinite (atr[i]))
        g_ascii_formatd (atr_text, sizeof atr_text, json ? "%.17g" : "%.6f", atr[i]);
      if (json)
        g_string_append_printf (out, "%s{\"date\": \"%.10s\", \"tr\": %s, \"atr\": %s}",
                                i > 0 ? ", " : "", date, tr_text, atr_text);
      else
        g_string_append_printf (out, "%.10s  %14s  %14s\n", date,
                                isfinite (tr[i]) ? tr_text : "-", isfinite (atr[i]) ? atr_text : "-");
    }
  if (json)
    g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
  bars_clear (&bars);
  return AU_CLI_EXIT_OK;
}

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli quant COMMAND [OPTION…]\n\n"
           "Commands:\n"
           "  price  Price and greeks of a European or American option (or --batch FILE|-)\n"
           "  iv     Implied volatility from a price, with the greeks there\n"
           "  atr    True range and ATR of daily bars from a CSV file\n\n"
           "Run “alluse-cli quant COMMAND --help” for the options.\n");
}

int
au_cli_quant_main (int    argc,
                   char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (stdout);
      return AU_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "price") == 0 || strcmp (argv[1], "iv") == 0)
    return run_single (argv[1], argc - 1, argv + 1);
  if (strcmp (argv[1], "atr") == 0)
    return run_atr (argc - 1, argv + 1);

  fprintf (stderr, "alluse-cli quant: unknown command “%s”\n\n", argv[1]);
  print_usage (stderr);
  return AU_CLI_EXIT_USAGE;
}
