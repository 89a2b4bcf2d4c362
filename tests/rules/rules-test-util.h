/* rules-test-util.h: proposals built from the D2.21 sample, edited per test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rules-engine.h"

G_BEGIN_DECLS

/* The sample of the issue with "expiry": "2026-11-20" and "ask": 1.14,
 * which D2.21 says is approved: a Gen CSP on AAPL, Thursday 10:15 ET. */
extern const char *rules_test_sample;

/* The constitution shipped with the engine (shared, do not unref). */
AuConstitution *rules_test_constitution (void);

/* Parses @json (NULL: the sample) and applies edits, pairs of a dotted
 * path ("quote.bid") and a JSON value ("1.10"), NULL value removes the
 * member; the list ends with a NULL path. */
JsonNode       *rules_test_node         (const char *json,
                                         ...) G_GNUC_NULL_TERMINATED;
JsonNode       *rules_test_node_valist  (const char *json,
                                         va_list     edits);
char           *rules_test_to_text      (JsonNode   *node);

/* Judges the sample with edits, without an audit trail. */
AuVerdict      *rules_test_judge        (const char *first_path,
                                         ...) G_GNUC_NULL_TERMINATED;
AuVerdict      *rules_test_judge_json   (const char *json,
                                         ...) G_GNUC_NULL_TERMINATED;

/* Assertions that print the whole verdict when they fail. */
void            rules_test_assert_status    (AuVerdict       *verdict,
                                             AuVerdictStatus  status);
void            rules_test_assert_violation (AuVerdict       *verdict,
                                             const char      *rule);
void            rules_test_assert_no_violation (AuVerdict    *verdict,
                                                const char   *rule);
void            rules_test_assert_warning   (AuVerdict       *verdict,
                                             const char      *rule);
void            rules_test_assert_only_violation (AuVerdict  *verdict,
                                                  const char *rule);

G_END_DECLS
