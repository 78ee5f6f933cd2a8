#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# clang-tidy over the library and the CLI with the repository's .clang-tidy (warnings are
# errors), from a clang-14 build directory without precompiled headers (the tidy preset).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset tidy >/dev/null
run-clang-tidy-14 -p build/tidy -j "$(nproc)" -quiet 'src/.*\.cpp$|tools/.*\.cpp$'
