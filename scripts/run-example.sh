#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job: installs what a fresh Debian 12 machine lacks, builds the leadsla CLI and the
# example company's history generator (release), generates a year of lead history for the
# bundled example (examples/company: a 54-person B2B SaaS company, DACH and US-East calendars),
# validates its policy and prints the SLA review of 2026 (targets against actuals, funnel,
# hand-over, response times, trends, teams and owners, breaches) and writes it as JSON and as the
# HTML dashboard, backtests a candidate policy over the same year, then prints a few evaluated
# leads and one breached lead explained clock by clock.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target leadsla_cli example_generate_history >/dev/null
leadsla=build/release/tools/leadsla
policy=examples/company/policy.json
data=build/release/example-data
now=2026-12-31T17:00:00Z
mkdir -p "$data"
build/release/examples/generate_history "$policy" "$data" --grouped

# Exit code 1 means "findings" (missed targets, breached SLAs): expected for a year of
# real-looking history.
findings() { "$@" || [ $? -eq 1 ]; }

echo
echo "== leadsla validate $policy"
"$leadsla" validate "$policy"
echo
echo "== leadsla report --window 2026 --as-of $now"
findings "$leadsla" report --policy "$policy" --leads "$data/leads.ndjson" \
    --activities "$data/activities.ndjson" --window 2026 --as-of "$now"
findings "$leadsla" report --policy "$policy" --leads "$data/leads.ndjson" \
    --activities "$data/activities.ndjson" --window 2026 --as-of "$now" --format json \
    --output "$data/review.json"
echo "(the same review as JSON, docs/review.schema.json: $data/review.json)"
findings "$leadsla" report --policy "$policy" --leads "$data/leads.ndjson" \
    --activities "$data/activities.ndjson" --window 2026 --as-of "$now" --format html \
    --output "$data/review.html"
echo "(the dashboard, docs/dashboard.md — open it in a browser: $data/review.html)"
echo
echo "== leadsla backtest --candidate examples/company/candidate-policy.json (what the change would have done to 2026)"
"$leadsla" backtest --policy "$policy" --candidate examples/company/candidate-policy.json \
    --leads "$data/leads.ndjson" --activities "$data/activities.ndjson" --window 2026 \
    --as-of "$now" --show 12
"$leadsla" backtest --policy "$policy" --candidate examples/company/candidate-policy.json \
    --leads "$data/leads.ndjson" --activities "$data/activities.ndjson" --window 2026 \
    --as-of "$now" --format html --output "$data/backtest.html"
echo "(the same backtest as a page for the meeting: $data/backtest.html)"
echo
echo "== leadsla eval --format text (the 8 most recently created leads in mql, sal or sql)"
findings "$leadsla" eval --policy "$policy" --leads "$data/leads.ndjson" \
    --activities "$data/activities.ndjson" --now "$now" --format text 2>/dev/null \
    > "$data/eval.txt"
grep -E '^L[0-9]+ +(mql|sal|sql)' "$data/eval.txt" | tail -n 8
echo
echo "== leadsla explain --lead L00143 (an enterprise lead contacted late)"
findings "$leadsla" explain --policy "$policy" --leads "$data/leads.ndjson" \
    --activities "$data/activities.ndjson" --now "$now" --lead L00143
