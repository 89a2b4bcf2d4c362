/* gateway-test-client.h: the real alluse-gateway-sim in a child process,
 * and a blocking TWS client built from the codec, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-ib-frame.h"
#include "au-ib-messages.h"

G_BEGIN_DECLS

/* Monday 2 March 2026, 10:00 New York time: a session day. */
#define SIM_CLOCK       "2026-03-02T10:00:00-05:00"
#define SIM_CLOCK_UNIX  G_GINT64_CONSTANT (1772463600)
#define SIM_ACCOUNT     "DU1234567"
/* How long a test waits for one reply before it fails. */
#define SIM_REPLY_MS    5000

typedef struct
{
  GSubprocess   *process;
  GOutputStream *control;   /* the simulator's stdin */
  guint16        port;
} SimProcess;

/* Starts the binary (ALLUSE_GATEWAY_SIM or the build tree's) with
 * --clock SIM_CLOCK, @state (may be NULL), @port (0: any) and the NULL-
 * terminated @extra arguments; it dies with the test process. */
SimProcess *sim_start    (const char  *state,
                          guint16      port,
                          const char  *first_extra,
                          ...);
void        sim_control  (SimProcess  *sim,
                          const char  *line);
/* SIGKILL, then reaped. */
void        sim_kill     (SimProcess  *sim);

typedef struct
{
  GSocketConnection *connection;
  GSocket           *socket;
  AuIbFrameDecoder  *decoder;
  GByteArray        *held;       /* the payload the last message points into */
  int                client_id;
} SimClient;

/* Connects, handshakes (checks server version 176) and sends START_API. */
SimClient  *client_connect   (guint16            port,
                              int                client_id);
void        client_free      (SimClient         *client);
void        client_send      (SimClient         *client,
                              const AuIbRequest *request);
/* The next message; FALSE at EOF or after @timeout_ms; a frame the codec
 * cannot decode is FALSE with @error set (the connection goes on). */
gboolean    client_next      (SimClient         *client,
                              AuIbIncoming      *message,
                              guint              timeout_ms,
                              GError           **error);
/* Skips other messages until one of @id arrives; fails the test when
 * none does within SIM_REPLY_MS. */
void        client_expect    (SimClient         *client,
                              AuIbInId           id,
                              AuIbIncoming      *message);
/* Like client_expect() for an ERR_MSG of @code (other errors skipped). */
void        client_expect_error (SimClient      *client,
                                 int             code,
                                 AuIbIncoming   *message);
/* TRUE when the server closes the connection within @timeout_ms. */
gboolean    client_sees_eof  (SimClient         *client,
                              guint              timeout_ms);

/* A stock or option contract for requests. */
void        contract_stock   (AuIbContract      *contract,
                              const char        *symbol);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimClient, client_free)

G_END_DECLS
