#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# clang-tidy over the library and the CLI with the repository's .clang-tidy (warnings are
# errors), from a clang-14 build directory without precompiled headers (the tidy preset).
# The clang static analyzer (clang-analyzer-*, about half the time) runs over the library's
# sources, where its path-sensitive checks find what the tests may not; the CLI's sources get
# every other check. Pass `--all` to run the analyzer over the CLI too.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset tidy >/dev/null
jobs="$(nproc)"
if [[ "${1:-}" == "--all" ]]; then
    run-clang-tidy-14 -p build/tidy -j "$jobs" -quiet '/(src|tools)/.*\.cpp$'
    exit
fi
run-clang-tidy-14 -p build/tidy -j "$jobs" -quiet '/src/.*\.cpp$'
run-clang-tidy-14 -p build/tidy -j "$jobs" -quiet -checks='-clang-analyzer-*' '/tools/.*\.cpp$'
