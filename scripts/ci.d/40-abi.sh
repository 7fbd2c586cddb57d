#!/usr/bin/env bash
# Checks the ABI of the freshly built libatip.so against the baseline in
# capi/abi/libatip.abi with libabigail's abidiff (Debian package
# abigail-tools). Fails when a function, a type or an enumerator that the
# baseline has was removed or changed; new functions pass and are listed.
#
#   ATIP_BUILD_DIR=build/ci bash scripts/ci.d/40-abi.sh
#   ATIP_ABI_UPDATE=1 ATIP_BUILD_DIR=... bash scripts/ci.d/40-abi.sh   # rewrite the baseline
#
# The library must be built with debug information (RelWithDebInfo or
# Debug): without it abidiff compares symbol names only.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATIP_BUILD_DIR:-$root/build/ci}
baseline=$root/capi/abi/libatip.abi
suppressions=$root/capi/abi/public-types.suppr

library=$(find "$build/src" -maxdepth 1 -name 'libatip.so.*.*.*' -type f | head -n 1)
if [ -z "$library" ]; then
  echo "40-abi: no libatip.so.X.Y.Z in $build/src; build the atip target with ATIP_BUILD_SHARED=ON" >&2
  exit 1
fi
for tool in abidw abidiff; do
  if ! command -v "$tool" >/dev/null; then
    echo "40-abi: $tool is missing; install the Debian package abigail-tools" >&2
    exit 1
  fi
done

if [ "${ATIP_ABI_UPDATE:-0}" = 1 ]; then
  abidw --no-corpus-path --no-comp-dir-path --suppressions "$suppressions" \
    --out-file "$baseline" "$library"
  echo "40-abi: wrote $baseline from $library"
  exit 0
fi

# abidiff's exit status is a bit field: 1 tool error, 2 usage error,
# 4 ABI change, 8 incompatible ABI change. Added functions are left out of
# this run, so any change it reports touches something the baseline has.
# The suppressions are for abidw only: applied while reading the baseline,
# they would drop its location-less base types.
status=0
abidiff --no-added-syms "$baseline" "$library" || status=$?
if [ "$status" -ne 0 ]; then
  if [ $((status & 3)) -ne 0 ]; then
    echo "40-abi: abidiff failed to run (exit status $status)" >&2
  else
    echo "40-abi: the C ABI changed against $baseline (abidiff exit status $status)." >&2
    echo "40-abi: keep existing functions, types and enumerators as they are: add a _v2 function or a" >&2
    echo "40-abi: new option-struct version instead. If the change is intended for a new SOVERSION," >&2
    echo "40-abi: rerun with ATIP_ABI_UPDATE=1 and commit the new baseline." >&2
  fi
  exit 1
fi

# New functions are compatible; list them so the baseline is refreshed at
# the next release.
baseline_functions=$(grep -o "<elf-symbol name='atip_[a-z0-9_]*'" "$baseline" | cut -d"'" -f2 | sort)
library_functions=$(nm -D --defined-only "$library" | awk '{print $3}' | sed 's/@.*//' | sort)
added=$(comm -13 <(echo "$baseline_functions") <(echo "$library_functions"))
if [ -n "$added" ]; then
  echo "40-abi: functions added since the baseline:" $added
fi
echo "40-abi: libatip.so is compatible with $baseline"
