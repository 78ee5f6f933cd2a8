#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The review over a generated history, parsing included: `leadsla report` on one thread and on
# two (each a partition, the scorecards merged), leads per second and peak resident memory.
#
# Usage: bench/review_bench.sh [LEADS=1000000] [BUILD=build/release]
#   generates the history once into bench/data/review-LEADS/ (grouped by lead; about 2.3 GB for
#   a million leads), then times each run twice and prints the faster. Run from the source
#   directory, with the release build of the CLI and the generator:
#   cmake --preset release && cmake --build --preset release --target leadsla_cli example_generate_history
set -euo pipefail
leads=${1:-1000000}
build=${2:-build/release}
data=bench/data/review-$leads
policy=examples/company/policy.json
if [[ ! -s $data/activities.ndjson ]]; then
    mkdir -p "$data"
    "$build/examples/generate_history" "$policy" "$data" --leads "$leads" --grouped
fi
echo "history: $leads leads, $(wc -l < "$data/activities.ndjson") events, $(du -sh "$data" | cut -f1)"
for jobs in 1 2; do
    best=""
    for run in 1 2; do
        out=$( { /usr/bin/time -f "%e %M" "$build/tools/leadsla" report --policy "$policy" \
                    --leads "$data/leads.ndjson" --activities "$data/activities.ndjson" \
                    --window 2026 --as-of 2026-12-31T17:00:00Z --fail-on never --jobs "$jobs" \
                    > "$data/review-jobs$jobs.txt"; } 2>&1 | tail -n 1)
        if [[ -z $best ]] || awk -v a="${out%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
            best=$out
        fi
    done
    seconds=${best%% *}
    rss_kb=${best##* }
    awk -v j="$jobs" -v s="$seconds" -v kb="$rss_kb" -v n="$leads" \
        'BEGIN { printf "jobs %d: %.2f s, %.0f leads/s, peak RSS %.0f MiB\n", j, s, n / s, kb / 1024 }'
done
cmp -s "$data/review-jobs1.txt" "$data/review-jobs2.txt" && echo "the two reviews are identical" \
    || { echo "the reviews differ"; exit 1; }
