#!/usr/bin/env bash
# Builds atip with warnings as errors and runs every test suite.
# Run as root on Debian 12; installs what is missing first.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${ATIP_BUILD_DIR:-$root/build/ci}
jobs=${ATIP_JOBS:-$(nproc)}

bash "$root/scripts/install-deps.sh"

echo "== Release build with warnings as errors"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATIP_WARNINGS_AS_ERRORS=ON \
  -DPython3_EXECUTABLE=/usr/bin/python3
cmake --build "$build" -j "$jobs"

echo "== Unit and integration tests"
ctest --test-dir "$build" --output-on-failure -j "$jobs"

for extra in "$root"/scripts/ci.d/*.sh; do
  [ -e "$extra" ] || continue
  echo "== $(basename "$extra")"
  ATIP_BUILD_DIR="$build" ATIP_JOBS="$jobs" bash "$extra"
done

echo "All checks passed."
