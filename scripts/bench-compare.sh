#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compares two builds of a Google Benchmark program on this shared, noisy machine: runs them
# alternately, pinned to one core at a time (each round runs both on every core), medians of 5
# per run, and prints each benchmark's medians in run order with the ratio new/old of the
# fastest median and of the median of medians (docs/performance.md, "The engine").
# Usage: scripts/bench-compare.sh [-r ROUNDS] [-c "CORES"] [-f FILTER] OLD_PROGRAM NEW_PROGRAM
#   e.g. scripts/bench-compare.sh -f 'evaluate|company_part' /tmp/old_bench \
#            build/bench/bench/leadsla_bench_engine
# Run it from the source directory (the engine benchmark reads examples/).
set -euo pipefail

rounds=3
cores="1 0"
filter='.'
while getopts "r:c:f:" opt; do
    case "$opt" in
        r) rounds=$OPTARG ;;
        c) cores=$OPTARG ;;
        f) filter=$OPTARG ;;
        *) sed -n '3,10p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [[ $# -ne 2 ]]; then
    sed -n '3,10p' "$0" >&2
    exit 2
fi
old=$1
new=$2
for program in "$old" "$new"; do
    if [[ ! -x "$program" ]]; then
        echo "bench-compare: $program is not an executable program" >&2
        exit 2
    fi
done
command -v taskset >/dev/null || { echo "bench-compare: needs taskset (util-linux)" >&2; exit 2; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((round = 1; round <= rounds; ++round)); do
    for core in $cores; do
        for side in old new; do
            program=$old
            [[ $side == new ]] && program=$new
            echo "round $round, core $core, $side" >&2
            # "name_median  1.23 us  1.23 us  5 ..." -> "side name 1.23 us"
            taskset -c "$core" "$program" --benchmark_filter="$filter" \
                --benchmark_repetitions=5 --benchmark_report_aggregates_only=true 2>/dev/null |
                awk -v side="$side" '$1 ~ /_median$/ { sub(/_median$/, "", $1); print side, $1, $2, $3 }' \
                    >>"$results"
        done
    done
done

# Per benchmark: both sides' medians in run order, then the ratios.
awk '
function sort(a, n,    i, j, t) {
    for (i = 2; i <= n; ++i) for (j = i; j > 1 && a[j - 1] > a[j]; --j) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
function middle(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
{
    if (!($2 in seen)) { seen[$2] = 1; order[++names] = $2; unit[$2] = $4 }
    k = $1 SUBSEP $2
    count[k]++
    value[k, count[k]] = $3
    list[k] = list[k] (count[k] > 1 ? " " : "") $3
}
END {
    for (i = 1; i <= names; ++i) {
        name = order[i]
        printf "%s (%s)\n  old: %s\n  new: %s\n", name, unit[name], list["old" SUBSEP name], list["new" SUBSEP name]
        for (s = 0; s < 2; ++s) {
            side = s ? "new" : "old"
            k = side SUBSEP name
            n = count[k]
            delete v
            for (j = 1; j <= n; ++j) v[j] = value[k, j] + 0
            sort(v, n)
            best[side] = v[1]
            mid[side] = middle(v, n)
        }
        if (best["old"] > 0 && mid["old"] > 0) {
            printf "  new/old: fastest %.3f, median %.3f\n", best["new"] / best["old"], mid["new"] / mid["old"]
        }
    }
}' "$results"
