#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs leadsla into a scratch prefix and builds the consumer in tests/consumer three ways:
# find_package against the install, add_subdirectory of the source tree, and plain pkg-config.
#   --from-build DIR        install from an existing build directory instead of a fresh Release build
#   --no-add-subdirectory   skip (b), e.g. after the test suite's consumer.add_subdirectory ran it
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
from_build=""
add_subdirectory=1
while [ $# -gt 0 ]; do
    case "$1" in
        --from-build) from_build="$2"; shift 2 ;;
        --no-add-subdirectory) add_subdirectory=0; shift ;;
        *) echo "usage: $0 [--from-build DIR] [--no-add-subdirectory]" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== install into $work/prefix"
if [ -n "$from_build" ]; then
    cmake --install "$from_build" --prefix "$work/prefix" >/dev/null
else
    cmake -S . -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLEADSLA_BUILD_TESTS=OFF \
        -DLEADSLA_BUILD_EXAMPLES=OFF -DLEADSLA_BUILD_BENCH=OFF -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
    cmake --build "$work/build" >/dev/null
    cmake --install "$work/build" >/dev/null
fi

echo "== (a) find_package(leadsla) from the install prefix"
cmake -S tests/consumer/find_package -B "$work/fp" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fp" >/dev/null
"$work/fp/consumer"

passed=2
if [ "$add_subdirectory" = 1 ]; then
    echo "== (b) add_subdirectory(leadsla)"
    cmake -S tests/consumer/add_subdirectory -B "$work/as" -G Ninja -DLEADSLA_SOURCE_DIR="$root" >/dev/null
    cmake --build "$work/as" >/dev/null
    "$work/as/consumer"
    passed=3
fi

echo "== (c) pkg-config"
tests/consumer/pkg_config/build.sh "$work/prefix" "$work/pc"

echo "consumer smoke: $passed passed, 0 failed"
