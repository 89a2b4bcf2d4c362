/* au-report-server.c: the reports' local HTTP JSON API (WS5, libsoup 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "au-json.h"
#include "au-report-server.h"
#include "au-report.h"

struct _AuReportServer
{
  GObject     parent_instance;

  char       *db_path;
  SoupServer *server;
  guint       port;
};

G_DEFINE_FINAL_TYPE (AuReportServer, au_report_server, G_TYPE_OBJECT)

static void
au_report_server_finalize (GObject *object)
{
  AuReportServer *self = AU_REPORT_SERVER (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_free (self->db_path);

  G_OBJECT_CLASS (au_report_server_parent_class)->finalize (object);
}

static void
au_report_server_class_init (AuReportServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_report_server_finalize;
}

static void
au_report_server_init (AuReportServer *self)
{
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, length);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *text = au_json_to_canonical (node);

  respond (msg, status, "application/json", text, strlen (text));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  respond_json (msg, status, node);
}

static guint
status_for (const GError *error)
{
  if (error->domain == AU_REPORT_ERROR
      && (error->code == AU_REPORT_ERROR_INVALID || error->code == AU_REPORT_ERROR_NO_LEDGER))
    return error->code == AU_REPORT_ERROR_INVALID ? SOUP_STATUS_BAD_REQUEST
           : SOUP_STATUS_NOT_FOUND;
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

/* The report the query names, from a fresh read-only connection. */
static AuReport *
open_report (AuReportServer  *self,
             AuReportPeriod   period,
             GHashTable      *query,
             GError         **error)
{
  g_autoptr(AuDatabase) db = NULL;
  const char *date_text = query != NULL ? g_hash_table_lookup (query, "date") : NULL;
  GDate date;

  if (date_text != NULL && !au_report_parse_date (date_text, "date", &date, error))
    return NULL;
  db = au_database_open (self->db_path, AU_DATABASE_READ_ONLY, error);
  if (db == NULL)
    return NULL;
  return au_report_new (db, period, date_text != NULL ? &date : NULL, error);
}

static void
serve_report (AuReportServer    *self,
              SoupServerMessage *msg,
              const char        *name,
              GHashTable        *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuReport) report = NULL;
  g_autofree char *period_name = NULL;
  const char *dot = strchr (name, '.');
  const char *format = dot != NULL ? dot + 1 : "json";
  AuReportPeriod period;

  period_name = dot != NULL ? g_strndup (name, dot - name) : g_strdup (name);
  if (!au_report_period_from_string (period_name, &period)
      || (g_strcmp0 (format, "json") != 0 && g_strcmp0 (format, "csv") != 0
          && g_strcmp0 (format, "pdf") != 0))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND,
                     "no such report: use /v1/reports/{week|month|quarter}[.json|.csv|.pdf]");
      return;
    }
  report = open_report (self, period, query, &error);
  if (report == NULL)
    {
      respond_error (msg, status_for (error), error->message);
      return;
    }
  if (g_str_equal (format, "json"))
    {
      g_autofree char *text = au_report_to_json (report);

      respond (msg, SOUP_STATUS_OK, "application/json", text, strlen (text));
    }
  else if (g_str_equal (format, "csv"))
    {
      g_autofree char *text = au_report_to_csv (report);

      respond (msg, SOUP_STATUS_OK, "text/csv; charset=utf-8", text, strlen (text));
    }
  else
    {
      g_autoptr(GBytes) pdf = au_report_to_pdf (report, NULL, &error);
      gsize length;
      const char *data;

      if (pdf == NULL)
        {
          respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
          return;
        }
      data = g_bytes_get_data (pdf, &length);
      respond (msg, SOUP_STATUS_OK, "application/pdf", data, length);
    }
}

static void
serve_explain (AuReportServer    *self,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuReport) report = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *answer = NULL;
  const char *question = query != NULL ? g_hash_table_lookup (query, "q") : NULL;
  const char *period_name = query != NULL ? g_hash_table_lookup (query, "period") : NULL;
  AuReportPeriod period = AU_REPORT_WEEK;

  if (question == NULL || *question == '\0')
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "q: give a question, e.g. "
                     "?q=How+much+did+I+earn+this+week%3F");
      return;
    }
  if (period_name != NULL && !au_report_period_from_string (period_name, &period))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "period: use week, month or quarter");
      return;
    }
  report = open_report (self, period, query, &error);
  if (report == NULL)
    {
      respond_error (msg, status_for (error), error->message);
      return;
    }
  answer = au_report_explain (report, question);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "question");
  json_builder_add_string_value (b, question);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, au_report_period_to_string (period));
  json_builder_set_member_name (b, "answer");
  json_builder_add_string_value (b, answer);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  respond_json (msg, SOUP_STATUS_OK, node);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  AuReportServer *self = user_data;

  /* Read-only: nothing here may change the ledger or the audit trail. */
  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "only GET is served");
      return;
    }
  if (g_str_has_prefix (path, "/v1/reports/"))
    serve_report (self, msg, path + strlen ("/v1/reports/"), query);
  else if (g_str_equal (path, "/v1/explain"))
    serve_explain (self, msg, query);
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND,
                   "no such endpoint: /v1/reports/{week|month|quarter}[.csv|.pdf] or /v1/explain");
}

AuReportServer *
au_report_server_new (const char  *db_path,
                      guint        port,
                      GError     **error)
{
  g_autoptr(AuReportServer) self = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  self = g_object_new (AU_TYPE_REPORT_SERVER, NULL);
  self->db_path = g_strdup (db_path);
  self->server = soup_server_new ("server-header", "alluse-reports", NULL);
  soup_server_add_handler (self->server, "/v1", handle, self, NULL);
  /* 127.0.0.1 only: the reports are the user's, never the network's. */
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    {
      g_prefix_error (error, "cannot listen on 127.0.0.1:%u: ", port);
      return NULL;
    }
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&self);
}

guint
au_report_server_get_port (AuReportServer *self)
{
  g_return_val_if_fail (AU_IS_REPORT_SERVER (self), 0);

  return self->port;
}

char *
au_report_server_dup_url (AuReportServer *self)
{
  g_return_val_if_fail (AU_IS_REPORT_SERVER (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/", self->port);
}
