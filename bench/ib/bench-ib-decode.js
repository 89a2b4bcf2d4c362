// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench-ib-decode.js: the same recorded TWS stream as bench-ib-decode,
// through @stoqey/ib's decoder (issue 4).
//
//   node bench-ib-decode.js FILE [--min-seconds S] [--json]
//
// Each pass does what @stoqey/ib does with socket data (its
// dist/core/io/socket.js onData and onMessage, V100+ framing): append the
// 64 KiB read to a buffer, cut 4-byte-length frames, decode each as UTF-8,
// split on NUL, skip the first (version) frame, and hand the tokens to
// Decoder.enqueueMessage() followed by Decoder.process(), as its
// controller does for every message. Events are counted, not handled.
// Decode errors are the decoder's own complaints (no parser, underrun,
// unprocessed data); IB's error messages in the stream (order cancelled,
// farm notices) are events.
"use strict";

const fs = require("fs");
const path = require("path");

const STOQEY_DIR = process.env.STOQEY_DIR ||
  path.join(__dirname, "..", "..", "tests", "sim", "stoqey");
const READ_SIZE = 65536;

let Decoder;
try {
  ({ Decoder } = require(path.join(STOQEY_DIR, "node_modules", "@stoqey", "ib", "dist",
                                   "core", "io", "decoder")));
} catch (e) {
  console.error("bench-ib-decode.js: @stoqey/ib is not installed: run " +
                "'npm ci --prefix tests/sim/stoqey --no-audit --no-fund'");
  process.exit(77);
}
const version = require(path.join(STOQEY_DIR, "node_modules", "@stoqey", "ib",
                                  "package.json")).version;

const args = process.argv.slice(2);
let file = null;
let minSeconds = 2.0;
let json = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--min-seconds") minSeconds = parseFloat(args[++i]);
  else if (args[i] === "--json") json = true;
  else if (file === null) file = args[i];
  else { console.error("bench-ib-decode.js: one FILE"); process.exit(2); }
}
if (file === null || !(minSeconds > 0)) {
  console.error("usage: node bench-ib-decode.js FILE [--min-seconds S] [--json]");
  process.exit(2);
}
const data = fs.readFileSync(file);

const DECODE_ERROR = /^(Decoding error|Underrun error|No parser implementation)/;

function decodePass(counts) {
  const decoder = new Decoder({
    serverVersion: 176,
    emitEvent() { counts.events++; },
    emitError(message) {
      if (DECODE_ERROR.test(message)) {
        counts.errors++;
        if (counts.firstError === null) counts.firstError = message;
      } else {
        counts.events++;
      }
    },
    emitInfo() { counts.events++; },
  });
  let buffer = Buffer.alloc(0);
  let fragment = "";
  let versionSeen = false;

  for (let offset = 0; offset < data.length; offset += READ_SIZE) {
    buffer = Buffer.concat([buffer, data.subarray(offset, offset + READ_SIZE)]);
    while (buffer.length > 4) {
      const size = buffer.readInt32BE();
      if (buffer.length < 4 + size) break;
      const segment = buffer.slice(4, 4 + size);
      buffer = buffer.slice(4 + size);
      let tokens = (fragment + segment.toString("utf8")).split("\0");
      fragment = tokens[tokens.length - 1] !== "" ? tokens[tokens.length - 1] : "";
      tokens = tokens.slice(0, -1);
      if (!versionSeen) {
        versionSeen = true;
        continue;
      }
      counts.messages++;
      decoder.enqueueMessage(tokens);
      decoder.process();
    }
  }
}

const warm = { messages: 0, events: 0, errors: 0, firstError: null };
decodePass(warm);

const counts = { messages: 0, events: 0, errors: 0, firstError: null };
let passes = 0;
const start = process.hrtime.bigint();
let seconds = 0;
do {
  decodePass(counts);
  passes++;
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
} while (seconds < minSeconds);

const perSecond = counts.messages / seconds;
const mibPerSecond = data.length * passes / seconds / (1024 * 1024);
if (json) {
  console.log(JSON.stringify({
    decoder: "@stoqey/ib " + version, node: process.version, bytes: data.length,
    messages: warm.messages, events: warm.events, errors: warm.errors,
    first_error: warm.firstError, passes, seconds: Number(seconds.toFixed(3)),
    messages_per_s: Math.round(perSecond), mib_per_s: Number(mibPerSecond.toFixed(1)),
  }));
} else {
  console.log(`@stoqey/ib ${version}: ${warm.messages} messages (${data.length} bytes) × ` +
              `${passes} passes in ${seconds.toFixed(3)} s: ${Math.round(perSecond)} ` +
              `messages/s, ${mibPerSecond.toFixed(1)} MiB/s, ${warm.errors} decode errors`);
}
process.exit(warm.errors > 0 ? 1 : 0);
