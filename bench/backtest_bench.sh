#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The backtest over a generated history, parsing included, against the review of the same
# history: `leadsla backtest` (the example company's candidate against its current policy) and
# `leadsla report` on one thread, leads per second, and the backtest's cost per policy replayed
# as a multiple of the report's (target: at most 2).
#
# Usage: bench/backtest_bench.sh [LEADS=1000000] [BUILD=build/release]
#   generates the history once into bench/data/review-LEADS/ (shared with review_bench.sh), then
#   times each run twice and keeps the faster. Run from the source directory, with the release
#   build of the CLI and the generator:
#   cmake --preset release && cmake --build --preset release --target leadsla_cli example_generate_history
set -euo pipefail
leads=${1:-1000000}
build=${2:-build/release}
data=bench/data/review-$leads
policy=examples/company/policy.json
candidate=examples/company/candidate-policy.json
if [[ ! -s $data/activities.ndjson ]]; then
    mkdir -p "$data"
    "$build/examples/generate_history" "$policy" "$data" --leads "$leads" --grouped
fi
echo "history: $leads leads, $(wc -l < "$data/activities.ndjson") events, $(du -sh "$data" | cut -f1)"
# The faster of two runs of "$@": "seconds peak_kb".
fastest() {
    local best="" out
    for run in 1 2; do
        out=$( { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -n 1)
        if [[ -z $best ]] || awk -v a="${out%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
            best=$out
        fi
    done
    echo "$best"
}
inputs=(--leads "$data/leads.ndjson" --activities "$data/activities.ndjson" --window 2026
        --as-of 2026-12-31T17:00:00Z)
report=$(fastest "$build/tools/leadsla" report --policy "$policy" "${inputs[@]}" --fail-on never)
backtest=$(fastest "$build/tools/leadsla" backtest --policy "$policy" --candidate "$candidate" \
    "${inputs[@]}")
awk -v r="$report" -v b="$backtest" -v n="$leads" 'BEGIN {
    split(r, rr, " "); split(b, bb, " ");
    printf "report:   %.2f s, %.0f leads/s, peak RSS %.0f MiB\n", rr[1], n / rr[1], rr[2] / 1024;
    printf "backtest: %.2f s, %.0f leads/s, peak RSS %.0f MiB (two policies)\n", bb[1], n / bb[1], bb[2] / 1024;
    printf "per policy replayed: %.2fx the report (target <= 2)\n", bb[1] / 2 / rr[1] }'
