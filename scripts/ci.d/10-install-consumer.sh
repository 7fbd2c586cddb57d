#!/usr/bin/env bash
# Installs the CI build into a temporary prefix, then builds and runs
# tests/install/consumer, a project outside the source tree that finds atip
# with find_package(atip CONFIG REQUIRED).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATIP_BUILD_DIR:?ATIP_BUILD_DIR must name the configured build directory}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$root/tests/install/consumer" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$work/configure.log"
cmake --build "$work/build" -j "${ATIP_JOBS:-2}" > "$work/build.log"

LD_LIBRARY_PATH="$work/prefix/lib:$work/prefix/lib/x86_64-linux-gnu" "$work/build/consumer_c"
"$work/build/consumer_cxx"
