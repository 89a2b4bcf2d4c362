#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-quant.sh [N]: builds the quant benchmark in a release build folder and
# runs it once, all engines on the same inputs, printing a Markdown table
# (the one in the README). N defaults to 1,000,000.
#
# TA-Lib's ATR is included when TALIB_DIR names its C sources (the folder
# tests/quant/fetch-talib.sh prints); without it that part is left out.
#   TALIB_DIR=$(bash tests/quant/fetch-talib.sh _deps/talib) bench/run-quant.sh

set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/_build-bench}"
n="${1:-1000000}"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" -Dbuildtype=release -Dgui=false -Dtalib_dir="${TALIB_DIR:-}" >&2
elif [ -n "${TALIB_DIR:-}" ]; then
  meson configure "$build" -Dtalib_dir="$TALIB_DIR" >&2
fi
ninja -C "$build" bench/bench-quant >&2

echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); $(uname -sr)"
echo "QuantLib $(quantlib-config --version 2>/dev/null || echo '?'), $(c++ --version | head -n 1)"
echo
"$build/bench/bench-quant" "$n"
