#!/bin/sh
# build-fuzzer.sh OUTDIR: builds the libFuzzer target over the TWS API codec
# (tests/ib/fuzz-ib-decoder.c) with clang, ASan and UBSan, outside meson.
#
# Run a short fuzz (what CI does):
#   tests/ib/build-fuzzer.sh _fuzz && \
#   _fuzz/fuzz-ib-decoder -max_total_time=60 -timeout=10 -rss_limit_mb=2048 \
#       _fuzz/corpus tests/ib/corpus
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CLANG:-clang}

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "$0: clang not found (set CLANG=...)" >&2
  exit 1
fi

mkdir -p "$out/corpus"
# The codec files include config.h for the build's defines; they use none.
printf '#pragma once\n' > "$out/config.h"

# shellcheck disable=SC2046
"$cc" -g -O1 -std=gnu17 -Wall -Wextra -Wno-unused-parameter -Werror \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -fno-omit-frame-pointer \
  -I"$out" -I"$src/src/engine/ib" \
  $(pkg-config --cflags glib-2.0) \
  "$src/src/engine/ib/au-ib-fields.c" \
  "$src/src/engine/ib/au-ib-frame.c" \
  "$src/src/engine/ib/au-ib-messages.c" \
  "$src/tests/ib/fuzz-ib-decoder.c" \
  $(pkg-config --libs glib-2.0) -lm \
  -o "$out/fuzz-ib-decoder"

echo "$out/fuzz-ib-decoder"
