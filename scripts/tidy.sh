#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# clang-tidy over the library and the CLI with the repository's .clang-tidy (warnings are
# errors), from a clang-14 build directory without precompiled headers (the tidy preset).
# The clang static analyzer (clang-analyzer-*, about half the time) runs over the library's
# sources but the review's renderers, where its path-sensitive checks find what the tests may
# not; the renderers and the CLI's sources get every other check. Pass `--all` to run the
# analyzer over everything.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset tidy >/dev/null
jobs="$(nproc)"
if [[ "${1:-}" == "--all" ]]; then
    run-clang-tidy-14 -p build/tidy -j "$jobs" -quiet '/(src|tools)/.*\.cpp$'
    exit
fi
# The renderers of the review (text, JSON, HTML, SVG) build strings from values the tests pin
# down byte by byte (golden files); the analyzer's path-sensitive search costs most there and
# finds least, so they get every other check, as tools/ does.
renderers='/src/metrics/(review_html|html_page|review_text|review_json|backtest_text|backtest_json|backtest_html|outcome_fit_text|outcome_fit_json|json_text|svg_chart)\.cpp$'
run-clang-tidy-14 -p build/tidy -j "$jobs" -quiet \
    "^(?!.*$renderers).*/src/.*\.cpp\$"
run-clang-tidy-14 -p build/tidy -j "$jobs" -quiet -checks='-clang-analyzer-*' \
    "$renderers|/tools/.*\.cpp\$"
