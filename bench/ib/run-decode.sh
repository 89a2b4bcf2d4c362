#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-decode.sh: the decoder benchmark of issue 4, side by side in one run.
#
#   bench/ib/run-decode.sh [BUILD_DIR] [MIN_SECONDS]
#
# 1. starts alluse-gateway-sim (port 0, a temporary --state, the clock at
#    Thursday 2026-11-19 10:15 New York time) from BUILD_DIR (default
#    _build);
# 2. records one scripted client session through a proxy
#    (bench-ib-record): every byte the simulator sends;
# 3. decodes that same file with our codec (bench-ib-decode) and with
#    @stoqey/ib's decoder in node (bench-ib-decode.js), each for at least
#    MIN_SECONDS (default 2) of repeated passes;
# 4. prints the machine and a table of messages/s.
#
# @stoqey/ib comes from `npm ci --prefix tests/sim/stoqey --no-audit
# --no-fund` (CI does it); without it the node row says so.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-"$root/_build"}
min_seconds=${2:-2}
case "$build" in /*) ;; *) build="$root/$build" ;; esac

sim="$build/src/sim/alluse-gateway-sim"
record="$build/bench/ib/bench-ib-record"
decode="$build/bench/ib/bench-ib-decode"
for f in "$sim" "$record" "$decode"; do
  if [ ! -x "$f" ]; then
    echo "run-decode.sh: $f is not built (ninja -C $build)" >&2
    exit 1
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/alluse-bench-ib-XXXXXX")
sim_pid=
cleanup() {
  if [ -n "$sim_pid" ]; then
    kill -KILL "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$sim" --port 0 --state "$work/state.json" --clock 2026-11-19T10:15:00-05:00 \
  >"$work/port" 2>"$work/sim.log" &
sim_pid=$!
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(head -n 1 "$work/port")
if [ -z "$port" ]; then
  echo "run-decode.sh: the simulator did not start:" >&2
  cat "$work/sim.log" >&2
  exit 1
fi

timeout 120 "$record" --port "$port" --out "$work/stream.bin" 2>"$work/record.log" || {
  echo "run-decode.sh: the recording failed:" >&2
  cat "$work/record.log" >&2
  exit 1
}
kill -KILL "$sim_pid" 2>/dev/null || true
wait "$sim_pid" 2>/dev/null || true
sim_pid=

ours=$("$decode" --json --min-seconds "$min_seconds" "$work/stream.bin")
theirs=
if command -v node >/dev/null 2>&1; then
  theirs=$(node "$here/bench-ib-decode.js" --json --min-seconds "$min_seconds" \
           "$work/stream.bin") || theirs=
fi

python3 - "$ours" "$theirs" "$build" "$min_seconds" <<'PY'
import json, os, platform, subprocess, sys

ours = json.loads(sys.argv[1])
theirs = json.loads(sys.argv[2]) if sys.argv[2] else None
cpu = "unknown CPU"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
cc = subprocess.run(["cc", "--version"], capture_output=True, text=True).stdout.splitlines()
buildtype = "?"
try:
    info = json.load(open(os.path.join(sys.argv[3], "meson-info", "intro-buildoptions.json")))
    buildtype = next(o["value"] for o in info if o["name"] == "buildtype")
except (OSError, StopIteration, ValueError):
    pass
print(f"Machine: {cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
print(f"Compiler: {cc[0] if cc else '?'} (meson buildtype {buildtype}); "
      f"node {theirs['node'] if theirs else 'not run'}")
print(f"Stream: {ours['bytes']} bytes, {ours['messages']} messages recorded from "
      f"alluse-gateway-sim; at least {sys.argv[4]} s of passes each")
print("Message mix: " + ", ".join(f"{k} {v}" for k, v in
                                  sorted(ours["ids"].items(), key=lambda kv: -kv[1])))
print()
print("| Decoder | Messages per pass | Messages/s | MiB/s | Passes | Decode errors |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| alluse (au_ib_frame_decoder + au_ib_incoming_decode) | {ours['messages']:,} | "
      f"{ours['messages_per_s']:,} | {ours['mib_per_s']} | {ours['passes']} | "
      f"{ours['errors'] + ours['unknown']} |")
if theirs:
    print(f"| {theirs['decoder']} (node {theirs['node']}) | {theirs['messages']:,} | "
          f"{theirs['messages_per_s']:,} | {theirs['mib_per_s']} | {theirs['passes']} | "
          f"{theirs['errors']} |")
    print()
    print(f"Ratio: {ours['messages_per_s'] / theirs['messages_per_s']:.1f}× "
          f"(same {ours['bytes']}-byte stream)")
else:
    print("| @stoqey/ib | not run: node or the npm package is missing | | | | |")
PY
