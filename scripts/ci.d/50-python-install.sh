#!/usr/bin/env bash
# Checks the Python package the way an analyst installs it: `pip install .`
# into a fresh virtual environment with access to Debian's site-packages, then
# `import atip` and the pytest suite against the installed package. Also
# type-checks the package and its stubs with mypy and stubtest.
#
# Everything is built in a temporary folder, from a copy of the source tree,
# so the tree stays clean. Offline: setuptools, wheel and mypy are Debian's.
#
# Environment: ATIP_JOBS (parallel build jobs) and ATIP_CMAKE_ARGS (extra
# CMake arguments; ccache is added when it is installed). ATIP_BUILD_DIR is
# not used, because the point is to build the way pip does, from scratch.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
python=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/atip-python-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "-- copying the source tree to $work/src"
mkdir -p "$work/src"
tar -C "$root" --exclude=./.git --exclude='./build*' --exclude='__pycache__' --exclude='*.egg-info' -cf - . \
  | tar -C "$work/src" -xf -

cmake_args=${ATIP_CMAKE_ARGS:-}
if command -v ccache >/dev/null 2>&1 && [[ $cmake_args != *COMPILER_LAUNCHER* ]]; then
  cmake_args="$cmake_args -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
  # Paths inside the copy hash the same from one run to the next.
  export CCACHE_BASEDIR="$work/src"
fi
export ATIP_CMAKE_ARGS="$cmake_args"
export ATIP_JOBS="${ATIP_JOBS:-$(nproc)}"

echo "-- pip install . in a fresh venv (--system-site-packages)"
"$python" -m venv --system-site-packages "$work/venv"
(
  cd "$work/src"
  "$work/venv/bin/python" -m pip install --no-index --disable-pip-version-check --quiet .
)

echo "-- import atip from the venv"
(
  cd "$work"  # Not the source tree: the installed package must be the one imported.
  version=$("$work/venv/bin/python" -c "import atip; print(atip.__version__)")
  expected=$("$python" -c 'import re, sys; print(re.search(r"project\(atip\s+VERSION\s+([0-9.]+)", open(sys.argv[1]).read()).group(1))' "$root/CMakeLists.txt")
  echo "atip $version"
  if [[ -n $expected && $version != "$expected" ]]; then
    echo "error: atip.__version__ is $version, but CMakeLists.txt sets version $expected" >&2
    exit 1
  fi
  "$work/venv/bin/python" -c "
import atip
with atip.open() as ch:
    assert ch.jurisdictions.get('TH').code == 'TH'
    print('opened an in-memory clearinghouse with', len(ch.jurisdictions.list()), 'jurisdictions')
"
)

echo "-- pytest against the installed package"
(
  cd "$work"
  # No __pycache__ next to the tests: the source tree stays as it was.
  PYTHONDONTWRITEBYTECODE=1 ATIP_SOURCE_DIR="$root" "$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$root/bindings/python/tests"
)

echo "-- mypy over the package and its stubs"
"$python" -m mypy --config-file "$root/pyproject.toml" --cache-dir "$work/mypy-cache" \
  "$root/bindings/python/atip" "$root/examples/python"

echo "-- stubtest: atip/_atip.pyi against the installed extension"
(
  cd "$work"
  "$work/venv/bin/python" -m mypy.stubtest atip._atip --mypy-config-file "$root/pyproject.toml" \
    --allowlist "$root/bindings/python/stubtest-allowlist.txt"
)

echo "Python package checks passed."
