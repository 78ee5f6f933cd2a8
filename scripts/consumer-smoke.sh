#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs leadsla into a scratch prefix and builds the consumer in tests/consumer three ways:
# find_package against the install, add_subdirectory of the source tree, and plain pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== install into $work/prefix"
cmake -S . -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLEADSLA_BUILD_TESTS=OFF \
    -DLEADSLA_BUILD_EXAMPLES=OFF -DLEADSLA_BUILD_BENCH=OFF -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
cmake --install "$work/build" >/dev/null

echo "== (a) find_package(leadsla) from the install prefix"
cmake -S tests/consumer/find_package -B "$work/fp" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fp" >/dev/null
"$work/fp/consumer"

echo "== (b) add_subdirectory(leadsla)"
cmake -S tests/consumer/add_subdirectory -B "$work/as" -G Ninja -DLEADSLA_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/as" >/dev/null
"$work/as/consumer"

echo "== (c) pkg-config"
tests/consumer/pkg_config/build.sh "$work/prefix" "$work/pc"

echo "consumer smoke: 3 passed, 0 failed"
