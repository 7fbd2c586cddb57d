#!/usr/bin/env bash
# Installs the Debian 12 packages atip needs to build, test and run its demo.
# Run as root. Only packages that are missing are installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache
  libsqlite3-dev libicu-dev nlohmann-json3-dev libsodium-dev liblemon-dev
  catch2 libbenchmark-dev
  python3 python3-dev pybind11-dev python3-pytest python3-mypy python3-setuptools python3-pip python3-venv
  clang-14 libclang-rt-14-dev libfuzzer-14-dev abigail-tools
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
