#!/usr/bin/env bash
# Installs the built tree into a temporary prefix, then compiles and runs the
# C example as an application would: strict C99, with only the installed
# header and `pkg-config --cflags --libs atip`, outside the source and build
# trees.
#
#   ATIP_BUILD_DIR=build/ci bash scripts/ci.d/45-capi-install.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATIP_BUILD_DIR:-$root/build/ci}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null

pc_file=$(find "$prefix" -name atip.pc -path '*/pkgconfig/*' | head -n 1)
if [ -z "$pc_file" ]; then
  echo "45-capi-install: atip.pc is not installed under $prefix" >&2
  exit 1
fi
export PKG_CONFIG_PATH=$(dirname "$pc_file")
libdir=$(pkg-config --variable=libdir atip)
includedir=$(pkg-config --variable=includedir atip)
for header in atip/atip.h atip/atip_export.h; do
  if [ ! -f "$includedir/$header" ]; then
    echo "45-capi-install: $header is not installed in $includedir" >&2
    exit 1
  fi
done

# Compile in an empty directory, so nothing from the source tree is found.
mkdir "$work/app"
cp "$root/examples/c/rank_matter.c" "$root/examples/c/network.json" "$work/app/"
cd "$work/app"
# shellcheck disable=SC2046  # pkg-config output is a list of flags.
cc -std=c99 -Wall -Wextra -pedantic -Werror -o rank_matter rank_matter.c $(pkg-config --cflags --libs atip)

output=$(LD_LIBRARY_PATH=$libdir ./rank_matter network.json matter-1)
echo "$output"
if ! grep -q "Pimchanok Srisuk (lawyer-1)" <<<"$output"; then
  echo "45-capi-install: the shortlist lacks the expected lawyer" >&2
  exit 1
fi
# The program must have loaded the installed library, not one from the build tree.
if ! LD_LIBRARY_PATH=$libdir ldd ./rank_matter | grep -q "$libdir/libatip.so"; then
  echo "45-capi-install: rank_matter did not resolve libatip.so from $libdir" >&2
  exit 1
fi
echo "45-capi-install: the example builds and runs against the installed C ABI"
