#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job: installs what a fresh Debian 12 machine lacks, builds the leadsla CLI (release) and
# runs it over the bundled example: first-contact deadlines and elapsed business time for leads
# arriving around weekends, Easter, Ascension Day and Christmas in the DACH and US-East calendars.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target leadsla_cli >/dev/null
leadsla=build/release/tools/leadsla
echo "== leadsla time batch over examples/data/first_contact.ndjson (DACH calendar by default)"
"$leadsla" time batch --calendar examples/data/calendars/dach.json --format text \
    < examples/data/first_contact.ndjson
