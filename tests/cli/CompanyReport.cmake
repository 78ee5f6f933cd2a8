# SPDX-License-Identifier: Apache-2.0
# The main job's report, end to end: generate the example company's year of history into OUTDIR
# with GENERATOR (grouped by lead, as `leadsla report` streams it), then compare the review of
# 2026 as of its last working afternoon (PROGRAM, in WORKDIR) with EXPECTED — or, with
# KIND=backtest, the candidate policy's backtest of that year, with KIND=suggest the targets
# suggested from it, or with KIND=learn the outcome fit of its scoring rules. The generator is
# deterministic, so the whole output is a golden file.
include(${CMAKE_CURRENT_LIST_DIR}/GenerateCompany.cmake)
# Two threads: the review is the same for any number (the golden file is the one-thread one).
# With KIND=backtest, the candidate policy's backtest of the same year instead.
if(KIND STREQUAL "backtest")
    set(ARGS backtest --policy examples/company/policy.json
             --candidate examples/company/candidate-policy.json --leads ${OUTDIR}/leads.ndjson
             --activities ${OUTDIR}/activities.ndjson --window 2026 --as-of 2026-12-31T17:00:00Z
             --show 12 --jobs 2)
    set(EXPECTED_RC 0)
elseif(KIND STREQUAL "learn")
    set(ARGS learn-scoring --policy examples/company/policy.json --leads ${OUTDIR}/leads.ndjson
             --activities ${OUTDIR}/activities.ndjson --window 2026 --as-of 2026-12-31T17:00:00Z
             --test-from 2026-10-01T00:00:00+02:00 --jobs 2)
    set(EXPECTED_RC 0)
elseif(KIND STREQUAL "suggest")
    set(ARGS suggest-targets --policy examples/company/policy.json --leads ${OUTDIR}/leads.ndjson
             --activities ${OUTDIR}/activities.ndjson --window 2026 --as-of 2026-12-31T17:00:00Z)
    set(EXPECTED_RC 0)
else()
    set(ARGS report --policy examples/company/policy.json --leads ${OUTDIR}/leads.ndjson
             --activities ${OUTDIR}/activities.ndjson --window 2026 --as-of 2026-12-31T17:00:00Z
             --jobs 2)
    set(EXPECTED_RC 1)  # a year of realistic history misses targets
endif()
include(${WORKDIR}/cmake/CompareOutput.cmake)
