#!/usr/bin/env bash
# Installs what is missing, builds the library and the atip command-line
# program, and runs `atip demo` on the bundled demo network with a SQLite
# database in build/demo/atip.db. Run as root on Debian 12.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${ATIP_BUILD_DIR:-$root/build/demo}

bash "$root/scripts/install-deps.sh"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DATIP_BUILD_TESTS=OFF -DATIP_BUILD_BENCHMARKS=OFF -DATIP_BUILD_PYTHON=OFF -DATIP_BUILD_EXAMPLES=ON
cmake --build "$build" -j "$(nproc)" --target atip_cli

rm -f "$build/atip.db" "$build/atip.db-wal" "$build/atip.db-shm"
"$build/examples/atip-cli/atip" demo --db "$build/atip.db"
