#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# fetch-talib.sh DEST: puts TA-Lib's C sources (bundled in the npm package
# talib@1.1.6; TA-Lib 2.0.5 ships macOS objects and does not build on
# Linux) under DEST and prints the folder to give meson as
#   -Dtalib_dir=<that folder>
# Nothing is built here and nothing of TA-Lib enters the repository: CI
# runs this before `meson setup`. Running it again reuses what is there.

set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DEST" >&2
  exit 2
fi

package="talib@1.1.6"
tarball="talib-1.1.6.tgz"
dest="$1"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
sources="$dest/package/src/lib"

# The reference test and the benchmark compile exactly these files.
needed=(
  include/ta_func.h
  src/ta_common/ta_global.c
  src/ta_func/ta_TRANGE.c
  src/ta_func/ta_SMA.c
  src/ta_func/ta_ATR.c
)

complete () {
  for file in "${needed[@]}"; do
    [ -f "$sources/$file" ] || return 1
  done
}

if ! complete; then
  if [ ! -s "$dest/$tarball" ]; then
    echo "fetch-talib: npm pack $package into $dest" >&2
    (cd "$dest" && npm pack --silent "$package" >&2)
  fi
  rm -rf "$dest/package"
  tar -xzf "$dest/$tarball" -C "$dest"
  if ! complete; then
    echo "fetch-talib: $dest/$tarball does not hold TA-Lib's C sources" >&2
    exit 1
  fi
fi

echo "$sources"
