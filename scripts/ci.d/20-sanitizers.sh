#!/usr/bin/env bash
# Builds the library, examples and every test suite with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang 14) and runs ctest. Any sanitizer report
# aborts the test that triggered it, so the script fails.
#
# Environment (set by scripts/test-all.sh): ATIP_BUILD_DIR, the main build
# directory (this build goes to "$ATIP_BUILD_DIR-asan"); ATIP_JOBS.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATIP_ASAN_BUILD_DIR:-${ATIP_BUILD_DIR:-$root/build/ci}-asan}
jobs=${ATIP_JOBS:-$(nproc)}

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi

# Warnings are checked by the main build with GCC; here they would only let a
# clang-specific warning hide the sanitizer results.
cmake -S "$root" -B "$build" \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DATIP_SANITIZE=address,undefined \
  -DATIP_BUILD_PYTHON=OFF -DATIP_BUILD_BENCHMARKS=OFF -DATIP_BUILD_FUZZERS=OFF \
  -DATIP_WARNINGS_AS_ERRORS=OFF \
  "${launcher[@]}"
cmake --build "$build" -j "$jobs"

# halt_on_error + abort_on_error: the first report kills the process with
# SIGABRT, which ctest counts as a failure. Leak checking stays on.
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
# The crash-safety test forks and kills children; under ASan each child is
# slow, so it runs its default (small) iteration count here.
ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 900
