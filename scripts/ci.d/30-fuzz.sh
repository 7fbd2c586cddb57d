#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang 14 (AddressSanitizer
# and UndefinedBehaviorSanitizer on), replays their corpora through ctest,
# then runs each target for a bounded time. Any crash, sanitizer report,
# leak, timeout or broken invariant fails the script; the input that caused
# it is left in the artifacts folder printed below. Add such an input to
# tests/fuzz/corpus/<target>/ (and a case to tests/test_fuzz_regressions.cpp)
# once the bug is fixed.
#
# Environment: ATIP_BUILD_DIR (this build goes to "$ATIP_BUILD_DIR-fuzz");
# ATIP_JOBS; ATIP_FUZZ_SECONDS, seconds per target (default 30).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATIP_FUZZ_BUILD_DIR:-${ATIP_BUILD_DIR:-$root/build/ci}-fuzz}
jobs=${ATIP_JOBS:-$(nproc)}
seconds=${ATIP_FUZZ_SECONDS:-30}
targets=(import text policy capi)

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S "$root" -B "$build" \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DATIP_BUILD_FUZZERS=ON -DATIP_SANITIZE=address,undefined \
  -DATIP_BUILD_TESTS=OFF -DATIP_BUILD_PYTHON=OFF -DATIP_BUILD_EXAMPLES=OFF -DATIP_BUILD_BENCHMARKS=OFF \
  -DATIP_WARNINGS_AS_ERRORS=OFF \
  "${launcher[@]}"
cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1

echo "== replaying the seed corpora"
ctest --test-dir "$build" --output-on-failure -L fuzz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
summary=()
for name in "${targets[@]}"; do
  echo "== fuzz_$name for $seconds s"
  # New inputs go to a scratch folder; the seed corpus in the source tree is
  # only read.
  mkdir -p "$work/$name"
  dict=()
  if [ -f "$root/tests/fuzz/$name.dict" ]; then dict=(-dict="$root/tests/fuzz/$name.dict"); fi
  log="$work/$name.log"
  status=0
  "$build/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "${dict[@]}" \
    "$work/$name" "$root/tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$status" -ne 0 ]; then
    tail -60 "$log" >&2
    echo "fuzz_$name failed (exit $status); inputs in $artifacts" >&2
    exit 1
  fi
  summary+=("fuzz_$name: ${runs:-?} executions in $seconds s")
done

echo "== fuzzing summary"
printf '%s\n' "${summary[@]}"
