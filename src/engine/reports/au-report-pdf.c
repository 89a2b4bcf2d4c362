/* au-report-pdf.c: the report as an A4 PDF drawn with cairo and pango
 * (WS5, research §3.11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "au-money.h"
#include "au-report-private.h"

#define PAGE_WIDTH   595.28   /* A4 in points */
#define PAGE_HEIGHT  841.89
#define MARGIN       48.0
#define BOTTOM       (PAGE_HEIGHT - MARGIN - 24.0)
#define CHART_HEIGHT 150.0
#define COLUMNS      5

typedef struct
{
  AuReport    *report;
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  guint        page;
  guint        total;   /* pages of the first pass, 0 during it */
} Pdf;

/* A table: column offsets from the margin, the header repeated at the
 * top of every page the table runs onto, and which columns are numbers
 * (set flush right). */
typedef struct
{
  const double       *x;
  const char * const *header;
  guint               n;
  guint               right;   /* bit i: column i is flush right */
} Table;

static void
set_text (Pdf        *pdf,
          const char *font,
          double      width,
          PangoAlignment align,
          const char *text)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (pdf->layout, desc);
  pango_layout_set_width (pdf->layout, width < 0 ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (pdf->layout, align);
  pango_layout_set_text (pdf->layout, text != NULL ? text : "", -1);
}

/* The laid-out text's height, in points. */
static double
layout_height (Pdf *pdf)
{
  int w, h;

  pango_layout_get_size (pdf->layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* The height @text takes in @font, @width wide, without drawing it. */
static double
measure_text (Pdf        *pdf,
              const char *font,
              double      width,
              const char *text)
{
  set_text (pdf, font, width, PANGO_ALIGN_LEFT, text);
  return layout_height (pdf);
}

/* Draws @text at (@x, y) in @font, at most @width wide; returns its
 * height. Flush-right text is a number: it never wraps (a break after
 * its "−" would split it), it is set against the column's right edge. */
static double
draw_aligned (Pdf            *pdf,
              double          x,
              const char     *font,
              double          width,
              PangoAlignment  align,
              const char     *text)
{
  int w, h;

  if (align == PANGO_ALIGN_RIGHT)
    {
      set_text (pdf, font, width, PANGO_ALIGN_LEFT, text);
      pango_layout_set_width (pdf->layout, -1);
      pango_layout_get_size (pdf->layout, &w, &h);
      x += width - (double) w / PANGO_SCALE;
    }
  else
    set_text (pdf, font, width, align, text);
  cairo_move_to (pdf->cr, x, pdf->y);
  pango_cairo_show_layout (pdf->cr, pdf->layout);
  return layout_height (pdf);
}

static double
draw_text (Pdf        *pdf,
           double      x,
           const char *font,
           double      width,
           const char *text)
{
  return draw_aligned (pdf, x, font, width, PANGO_ALIGN_LEFT, text);
}

static void
finish_page (Pdf *pdf)
{
  g_autofree char *footer = NULL;
  double saved = pdf->y;

  if (pdf->total > 0)
    footer = g_strdup_printf ("Page %u of %u", pdf->page, pdf->total);
  else
    footer = g_strdup_printf ("Page %u", pdf->page);
  /* Below BOTTOM, which nothing else crosses. */
  pdf->y = PAGE_HEIGHT - MARGIN;
  draw_aligned (pdf, MARGIN, "Sans 8", PAGE_WIDTH - 2 * MARGIN, PANGO_ALIGN_CENTER, footer);
  pdf->y = saved;
  cairo_show_page (pdf->cr);
}

static void
new_page (Pdf *pdf)
{
  finish_page (pdf);
  pdf->page++;
  pdf->y = MARGIN;
}

/* Room for @height more points on this page, or a new page. */
static void
need (Pdf    *pdf,
      double  height)
{
  if (pdf->y + height <= BOTTOM)
    return;
  new_page (pdf);
}

static void
paragraph (Pdf        *pdf,
           const char *font,
           const char *text)
{
  double width = PAGE_WIDTH - 2 * MARGIN;

  /* A paragraph that wraps is measured first: none runs into the footer. */
  need (pdf, measure_text (pdf, font, width, text));
  pdf->y += draw_text (pdf, MARGIN, font, width, text) + 4;
}

static void
heading (Pdf        *pdf,
         const char *text)
{
  /* With room for a paragraph or a table's header and first rows. */
  need (pdf, 60);
  pdf->y += 8;
  paragraph (pdf, "Sans Bold 11", text);
}

static double
column_width (const Table *table,
              guint        i)
{
  double right = i + 1 < table->n ? table->x[i + 1] : PAGE_WIDTH - 2 * MARGIN;

  return right - table->x[i] - 4;
}

static double
row_height (Pdf                *pdf,
            const Table        *table,
            const char * const *cells,
            gboolean            bold)
{
  double height = 0;

  for (guint i = 0; i < table->n; i++)
    {
      /* Numbers stay on one line (see draw_aligned()). */
      double width = table->right & (1u << i) ? -1 : column_width (table, i);

      height = MAX (height, measure_text (pdf, bold ? "Sans Bold 7" : "Sans 7", width,
                                          cells[i]));
    }
  return height + 1;
}

static void
draw_row (Pdf                *pdf,
          const Table        *table,
          const char * const *cells,
          gboolean            bold)
{
  double height = 0;

  for (guint i = 0; i < table->n; i++)
    {
      PangoAlignment align = table->right & (1u << i) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

      height = MAX (height, draw_aligned (pdf, MARGIN + table->x[i],
                                          bold ? "Sans Bold 7" : "Sans 7",
                                          column_width (table, i), align, cells[i]));
    }
  pdf->y += height + 1;
}

static void
table_header (Pdf         *pdf,
              const Table *table)
{
  double height = row_height (pdf, table, table->header, TRUE);

  need (pdf, height + 12);
  draw_row (pdf, table, table->header, TRUE);
  cairo_set_line_width (pdf->cr, 0.4);
  cairo_set_source_rgb (pdf->cr, 0.6, 0.6, 0.6);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, pdf->y);
  cairo_stroke (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  pdf->y += 1;
}

/* A body row, wrapped cells and all, measured before it is drawn: one
 * that does not fit goes to a new page under the table's header again. */
static void
row (Pdf                *pdf,
     const Table        *table,
     const char * const *cells)
{
  double height = row_height (pdf, table, cells, FALSE);

  if (pdf->y + height > BOTTOM)
    {
      new_page (pdf);
      table_header (pdf, table);
    }
  draw_row (pdf, table, cells, FALSE);
}

/* Columns @from to @to − 1 of [accounts…, Total]. */
static void
figures_block (Pdf   *pdf,
               guint  from,
               guint  to)
{
  AuReport *self = pdf->report;
  guint n = to - from + 1;
  g_autofree double *x = g_new (double, n);
  g_autofree const char **cells = g_new0 (const char *, n);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree AuReportFigures *figures = g_new0 (AuReportFigures, n - 1);
  double width = (PAGE_WIDTH - 2 * MARGIN - 110) / COLUMNS;
  Table table;

  x[0] = 0;
  cells[0] = "";
  for (guint i = 1; i < n; i++)
    {
      guint column = from + i - 1;

      x[i] = 110 + (i - 1) * width;
      if (column < self->accounts->len)
        {
          cells[i] = ((AuReportAccount *) g_ptr_array_index (self->accounts, column))->name;
          _au_report_account_figures (g_ptr_array_index (self->accounts, column),
                                      &figures[i - 1]);
        }
      else
        {
          cells[i] = "Total";
          au_report_get_totals (self, &figures[i - 1]);
        }
    }
  table.x = x;
  table.header = cells;
  table.n = n;
  table.right = ~1u;   /* every column but the labels */
  /* A block stays on one page: its rows are one line each. */
  need (pdf, 11 * (_au_report_n_fields + 2));
  table_header (pdf, &table);
  for (guint f = 0; f < _au_report_n_fields; f++)
    {
      const AuReportField *field = &_au_report_fields[f];

      cells[0] = field->label;
      for (guint i = 1; i < n; i++)
        {
          char *text = _au_report_field_text (field, &figures[i - 1], _au_report_dollars);

          g_ptr_array_add (texts, text);
          cells[i] = text;
        }
      row (pdf, &table, cells);
    }
  pdf->y += 6;
}

/* Five columns to a block, so that many MINIs still fit the page. */
static void
figures_table (Pdf *pdf)
{
  guint columns = pdf->report->accounts->len + 1;

  for (guint from = 0; from < columns; from += COLUMNS)
    figures_block (pdf, from, MIN (from + COLUMNS, columns));
}

/* The equity at cost after each session, a line on a framed grid. */
static void
equity_chart (Pdf *pdf)
{
  AuReport *self = pdf->report;
  double left = MARGIN + 75, width = PAGE_WIDTH - 2 * MARGIN - 75;
  double top, bottom;
  AuMoney low = G_MAXINT64, high = G_MININT64;
  g_autofree char *low_text = NULL, *high_text = NULL;

  heading (pdf, "Equity at cost after each session");
  if (self->curve->len == 0)
    {
      paragraph (pdf, "Sans 8", "No NYSE session in this period.");
      return;
    }
  need (pdf, CHART_HEIGHT + 20);
  top = pdf->y;
  bottom = top + CHART_HEIGHT;
  for (guint i = 0; i < self->curve->len; i++)
    {
      AuMoney e = g_array_index (self->curve, AuReportPoint, i).equity;

      low = MIN (low, e);
      high = MAX (high, e);
    }
  if (high == low)
    high = low + 100;
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_set_source_rgb (pdf->cr, 0.6, 0.6, 0.6);
  cairo_rectangle (pdf->cr, left, top, width, CHART_HEIGHT);
  cairo_stroke (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0.1, 0.3, 0.7);
  cairo_set_line_width (pdf->cr, 1.5);
  for (guint i = 0; i < self->curve->len; i++)
    {
      AuMoney e = g_array_index (self->curve, AuReportPoint, i).equity;
      double px = self->curve->len > 1 ? left + width * i / (self->curve->len - 1)
                  : left + width / 2;
      double py = bottom - CHART_HEIGHT * (double) (e - low) / (double) (high - low);

      if (i == 0)
        cairo_move_to (pdf->cr, px, py);
      else
        cairo_line_to (pdf->cr, px, py);
      if (self->curve->len == 1)
        cairo_arc (pdf->cr, px, py, 2, 0, 2 * G_PI);
    }
  cairo_stroke (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  high_text = _au_report_dollars (high);
  low_text = _au_report_dollars (low);
  draw_aligned (pdf, MARGIN, "Sans 7", 72, PANGO_ALIGN_RIGHT, high_text);
  pdf->y = bottom - 9;
  draw_aligned (pdf, MARGIN, "Sans 7", 72, PANGO_ALIGN_RIGHT, low_text);
  pdf->y = bottom + 2;
  draw_text (pdf, left, "Sans 7", 80,
             g_array_index (self->curve, AuReportPoint, 0).date);
  draw_text (pdf, left + width - 50, "Sans 7", 60,
             g_array_index (self->curve, AuReportPoint, self->curve->len - 1).date);
  pdf->y = bottom + 16;
}

static void
event_section (Pdf                        *pdf,
               const AuReportEventSection *section)
{
  g_autoptr(GPtrArray) events = _au_report_events_of (pdf->report, section->kind);
  static const double x[] = { 0, 115, 195, 245 };
  static const char *header[] = { "Time", "Account", "Rules", "What" };
  const Table table = { x, header, G_N_ELEMENTS (x), 0 };

  heading (pdf, section->heading);
  if (events->len == 0)
    {
      paragraph (pdf, "Sans 8", "None in this period.");
      return;
    }
  table_header (pdf, &table);
  for (guint i = 0; i < events->len; i++)
    {
      const AuReportEvent *e = g_ptr_array_index (events, i);
      g_autofree char *what = g_strdup_printf ("%s%s%s", e->value, *e->value ? ": " : "",
                                               e->message);
      const char *cells[] = { e->time, e->account, e->rules, what };

      row (pdf, &table, cells);
    }
}

static void
week_type_section (Pdf *pdf)
{
  AuReport *self = pdf->report;
  static const double x[] = { 0, 55, 150, 230 };
  static const char *header[] = { "Week", "Account", "Type", "Deciding events" };
  const Table table = { x, header, G_N_ELEMENTS (x), 0 };

  heading (pdf, "Week types (D2.5)");
  if (self->week_types->len == 0)
    {
      paragraph (pdf, "Sans 8", "No week type is stored for the weeks of this period.");
      return;
    }
  table_header (pdf, &table);
  for (guint i = 0; i < self->week_types->len; i++)
    {
      const AuReportWeekType *w = g_ptr_array_index (self->week_types, i);
      const char *cells[] = { w->week, w->account != NULL ? w->account : "system", w->type,
                              *w->events ? w->events : "none" };

      row (pdf, &table, cells);
    }
}

static void
position_section (Pdf *pdf)
{
  AuReport *self = pdf->report;
  static const double x[] = { 0, 80, 195, 225, 290, 355, 420 };
  static const char *header[] = { "Account", "Instrument", "Qty", "Cost", "Value",
                                  "Unrealized", "Mark" };
  const Table table = { x, header, G_N_ELEMENTS (x), 0x7c };

  heading (pdf, "Open positions at the end");
  paragraph (pdf, "Sans 8", self->mark_note);
  if (self->positions->len == 0)
    return;
  table_header (pdf, &table);
  for (guint i = 0; i < self->positions->len; i++)
    {
      const AuReportPosition *p = g_ptr_array_index (self->positions, i);
      g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, p->quantity);
      g_autofree char *cost = _au_report_dollars (p->cost_basis);
      g_autofree char *value = _au_report_dollars (p->value);
      g_autofree char *unrealized = _au_report_dollars (p->value - p->cost_basis);
      g_autofree char *mark = p->marked ? au_price_format (p->mark) : g_strdup ("at cost");
      const char *cells[] = { p->account, p->instrument, qty, cost, value, unrealized, mark };

      row (pdf, &table, cells);
    }
}

static void
ladder_section (Pdf *pdf)
{
  AuReport *self = pdf->report;
  static const double x[] = { 0, 75, 120, 165, 300, 330, 400 };
  static const char *header[] = { "Account", "Quarter", "Kind", "Contract", "Qty", "Cost",
                                  "State" };
  const Table table = { x, header, G_N_ELEMENTS (x), 0x30 };

  if (self->ladder == NULL)
    return;
  heading (pdf, "LEAP ladder at the end (R17.4), at cost");
  if (self->ladder->len == 0)
    {
      paragraph (pdf, "Sans 8", "No rung yet.");
      return;
    }
  table_header (pdf, &table);
  for (guint i = 0; i < self->ladder->len; i++)
    {
      const AuReportRung *r = g_ptr_array_index (self->ladder, i);
      g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, r->quantity);
      g_autofree char *cost = _au_report_dollars (r->cost);
      const char *cells[] = { r->account, r->quarter, r->kind, r->contract, qty, cost,
                              r->state };

      row (pdf, &table, cells);
    }
}

/* Acceptance #8: the quarter's ladder report (R17.4) and what its review
 * decided (R17.1–R17.3). */
static void
leap_report_section (Pdf *pdf)
{
  AuReport *self = pdf->report;
  AuReportLadder *l = self->leap_report;
  static const double x[] = { 0, 75, 133, 244, 262, 322, 354, 421 };
  static const char *header[] = { "Account", "Kind", "Contract", "Qty", "Cost",
                                  "Δ", "Bought in", "State" };
  const Table table = { x, header, G_N_ELEMENTS (x), 0x38 };
  static const double ox[] = { 0, 75, 120, 230, 330, 380 };
  static const char *oheader[] = { "Account", "Order", "Contract", "Purpose", "Rule", "Δ" };
  const Table orders = { ox, oheader, G_N_ELEMENTS (ox), 0x20 };
  g_autofree char *title = NULL, *summary = NULL;
  g_autofree char *growth = NULL, *hedge = NULL, *total = NULL, *value = NULL;

  if (l == NULL)
    {
      if (self->leap_quarter != NULL && self->has_leap_reports)
        {
          title = g_strdup_printf ("LEAP ladder report %s (R17.4)", self->leap_quarter);
          heading (pdf, title);
          paragraph (pdf, "Sans 8", "None is stored for this quarter: the ladder is reviewed "
                     "in the quarter's first Friday manage window.");
        }
      return;
    }
  title = g_strdup_printf ("LEAP ladder report %s (R17.4)", l->quarter);
  heading (pdf, title);
  growth = _au_report_dollars (l->growth_cost);
  hedge = _au_report_dollars (l->hedge_cost);
  total = _au_report_dollars (l->growth_cost + l->hedge_cost);
  value = _au_report_dollars (l->value);
  summary = g_strdup_printf ("Reviewed %s. %u rung(s) at a cost of %s: growth calls %s, hedge "
                             "puts %s (R17.1); %s at the review's marks%s. Δ: the delta each "
                             "rung was bought at.", l->time,
                             l->rungs->len, total, growth, hedge, value,
                             l->n_unmarked > 0 ? ", some rungs unmarked" : "");
  paragraph (pdf, "Sans 8", summary);
  if (l->rungs->len > 0)
    table_header (pdf, &table);
  for (guint i = 0; i < l->rungs->len; i++)
    {
      const AuReportLadderRung *r = g_ptr_array_index (l->rungs, i);
      g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, r->quantity);
      g_autofree char *cost = _au_report_dollars (r->cost);
      g_autofree char *delta = _au_report_delta_text (r->has_delta, r->delta);
      g_autofree char *bought = g_strdup_printf ("%s, %s", r->quarter, r->origin);
      const char *cells[] = { r->account, _au_report_rung_kind (r), r->contract, qty, cost,
                              delta, bought, r->state };

      row (pdf, &table, cells);
    }
  pdf->y += 4;
  paragraph (pdf, "Sans Bold 8", "What the review decided (R17.1–R17.3)");
  for (guint i = 0; i < l->reviews->len; i++)
    {
      const AuReportLadderReview *r = g_ptr_array_index (l->reviews, i);
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "%s: %s.", r->account, r->verdict);
      for (guint n = 0; n < r->notes->len; n++)
        g_string_append_printf (text, " %s.", (const char *) g_ptr_array_index (r->notes, n));
      paragraph (pdf, "Sans 8", text->str);
    }
  if (l->orders->len == 0)
    return;
  table_header (pdf, &orders);
  for (guint i = 0; i < l->orders->len; i++)
    {
      const AuReportLadderOrder *o = g_ptr_array_index (l->orders, i);
      g_autofree char *order = g_strdup_printf ("%s %" G_GINT64_FORMAT, o->side, o->quantity);
      g_autofree char *delta = _au_report_delta_text (o->has_delta, o->delta);
      const char *cells[] = { o->account, order, o->contract, o->purpose, o->rule, delta };

      row (pdf, &orders, cells);
    }
}

/* Lays the whole report out on @surface; returns the number of pages. */
static guint
render (AuReport        *self,
        cairo_surface_t *surface,
        guint            total)
{
  g_autofree char *title = _au_report_period_title (self);
  g_autofree char *sessions = NULL;
  Pdf pdf = { self, cairo_create (surface), NULL, MARGIN, 1, total };

  pdf.layout = pango_cairo_create_layout (pdf.cr);
  cairo_set_source_rgb (pdf.cr, 0, 0, 0);
  paragraph (&pdf, "Sans Bold 16", "ALL-USE Autopilot");
  paragraph (&pdf, "Sans Bold 12", title);
  sessions = g_strdup_printf ("Calendar days in America/New_York; %u NYSE session(s)%s%s%s%s. "
                              "Money in dollars.", self->n_sessions,
                              self->n_sessions > 0 ? " from " : "",
                              self->n_sessions > 0 ? self->first_session : "",
                              self->n_sessions > 0 ? " to " : "",
                              self->n_sessions > 0 ? self->last_session : "");
  paragraph (&pdf, "Sans 8", sessions);
  heading (&pdf, "Figures by account (realized and unrealized apart, R10.3)");
  figures_table (&pdf);
  equity_chart (&pdf);
  week_type_section (&pdf);
  for (guint i = 0; i < _au_report_n_event_sections; i++)
    event_section (&pdf, &_au_report_event_sections[i]);
  position_section (&pdf);
  ladder_section (&pdf);
  leap_report_section (&pdf);
  finish_page (&pdf);
  g_object_unref (pdf.layout);
  cairo_destroy (pdf.cr);
  return pdf.page;
}

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (AuReport        *self,
              cairo_surface_t *surface)
{
  g_autofree char *title = _au_report_period_title (self);
  /* The only date a PDF would take from the clock, fixed to the period's
   * last day: the same data gives the same bytes. */
  g_autofree char *date = g_strdup_printf ("%04d-%02d-%02dT23:59:59Z",
                                           g_date_get_year (&self->last),
                                           g_date_get_month (&self->last),
                                           g_date_get_day (&self->last));

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "ALL-USE Autopilot");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

GBytes *
au_report_to_pdf (AuReport  *self,
                  guint     *n_pages,
                  GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  guint pages;

  g_return_val_if_fail (AU_IS_REPORT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Two passes: the first counts the pages "Page n of N" needs. */
  surface = cairo_pdf_surface_create_for_stream (write_bytes, NULL, PAGE_WIDTH, PAGE_HEIGHT);
  set_metadata (self, surface);
  pages = render (self, surface, 0);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create_for_stream (write_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  set_metadata (self, surface);
  pages = render (self, surface, pages);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_OUTPUT,
                   "drawing the PDF failed: %s", cairo_status_to_string (status));
      return NULL;
    }
  if (n_pages != NULL)
    *n_pages = pages;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
