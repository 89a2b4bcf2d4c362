/* au-overview-charts.c: the Overview's charts, from the ledger
 *
 * Weekly premium income, equity at cost per sleeve with the forks and
 * merges marked, and the drawdown of that equity: what the ledger holds
 * for certain. Live marks and the system state come with the engine's
 * snapshot, not from here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-overview-charts"

#include "config.h"

#include <glib/gi18n.h>

#include "au-area-chart.h"
#include "au-bar-chart.h"
#include "au-ledger-reader.h"
#include "au-line-chart.h"
#include "au-overview-charts.h"

struct _AuOverviewCharts
{
  AdwBin         parent_instance;

  char          *database_path;
  GCancellable  *cancellable;
  gboolean       busy;

  AuChart       *charts[AU_LEDGER_N_CHARTS];
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (AuOverviewCharts, au_overview_charts, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (AuOverviewCharts *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_charts_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AuOverviewCharts) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) charts = au_ledger_reader_load_charts_finish (result, &error);

  if (charts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
          set_busy (self, FALSE);
        }
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (guint i = 0; i < AU_LEDGER_N_CHARTS; i++)
    au_chart_set_data (self->charts[i], g_ptr_array_index (charts, i));

  set_busy (self, FALSE);
}

void
au_overview_charts_reload (AuOverviewCharts *self)
{
  g_return_if_fail (AU_IS_OVERVIEW_CHARTS (self));

  if (self->database_path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  au_ledger_reader_load_charts_async (self->database_path, self->cancellable, on_charts_loaded_cb,
                                      g_object_ref (self));
}

void
au_overview_charts_set_database_path (AuOverviewCharts *self,
                                      const char       *database_path)
{
  g_return_if_fail (AU_IS_OVERVIEW_CHARTS (self));

  if (g_strcmp0 (self->database_path, database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  au_overview_charts_reload (self);
}

gboolean
au_overview_charts_get_busy (AuOverviewCharts *self)
{
  g_return_val_if_fail (AU_IS_OVERVIEW_CHARTS (self), FALSE);

  return self->busy;
}

/**
 * au_overview_charts_get_chart:
 * @self: the charts
 * @chart: an #AuLedgerChart
 *
 * Returns: (transfer none): the chart
 */
AuChart *
au_overview_charts_get_chart (AuOverviewCharts *self,
                              guint             chart)
{
  g_return_val_if_fail (AU_IS_OVERVIEW_CHARTS (self), NULL);
  g_return_val_if_fail (chart < AU_LEDGER_N_CHARTS, NULL);

  return self->charts[chart];
}

static void
au_overview_charts_dispose (GObject *object)
{
  AuOverviewCharts *self = AU_OVERVIEW_CHARTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (au_overview_charts_parent_class)->dispose (object);
}

static void
au_overview_charts_finalize (GObject *object)
{
  AuOverviewCharts *self = AU_OVERVIEW_CHARTS (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (au_overview_charts_parent_class)->finalize (object);
}

static void
au_overview_charts_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AuOverviewCharts *self = AU_OVERVIEW_CHARTS (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_overview_charts_class_init (AuOverviewChartsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_overview_charts_dispose;
  object_class->finalize = au_overview_charts_finalize;
  object_class->get_property = au_overview_charts_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
add_chart (GtkBox     *box,
           AuChart    *chart,
           const char *title)
{
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_set_margin_top (heading, 12);
  au_chart_set_title (chart, title);
  gtk_widget_set_size_request (GTK_WIDGET (chart), -1, 180);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (chart),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_box_append (box, heading);
  gtk_box_append (box, GTK_WIDGET (chart));
}

static void
au_overview_charts_init (AuOverviewCharts *self)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));

  self->charts[AU_LEDGER_CHART_WEEKLY_PREMIUM] = AU_CHART (au_bar_chart_new ());
  self->charts[AU_LEDGER_CHART_EQUITY] = AU_CHART (au_area_chart_new ());
  self->charts[AU_LEDGER_CHART_DRAWDOWN] = AU_CHART (au_line_chart_new ());
  au_chart_set_unit (self->charts[AU_LEDGER_CHART_DRAWDOWN], AU_CHART_UNIT_FRACTION);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (box, GTK_WIDGET (self->error_label));

  add_chart (box, self->charts[AU_LEDGER_CHART_WEEKLY_PREMIUM], _("Premium Income per Week"));
  add_chart (box, self->charts[AU_LEDGER_CHART_EQUITY], _("Equity at Cost per Sleeve"));
  add_chart (box, self->charts[AU_LEDGER_CHART_DRAWDOWN], _("Drawdown of Equity at Cost"));

  self->cancellable = g_cancellable_new ();
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (box));
}

GtkWidget *
au_overview_charts_new (void)
{
  return g_object_new (AU_TYPE_OVERVIEW_CHARTS, NULL);
}
