# SPDX-License-Identifier: Apache-2.0
# The predictive axis is a policy, and only an addition: generate the example company's year
# into OUTDIR with GENERATOR, write the outcome fit's predictive axis as a policy document
# (PROGRAM learn-scoring --format policy), then check that `validate` accepts it, that `diff`
# names the new axis and rules (and the version) and nothing else, and that a backtest of it
# against the current policy changes no lead: the axis is outside the total, so no stage, clock
# or figure moves.
include(${CMAKE_CURRENT_LIST_DIR}/GenerateCompany.cmake)
set(inputs --leads ${OUTDIR}/leads.ndjson --activities ${OUTDIR}/activities.ndjson --window 2026
           --as-of 2026-12-31T17:00:00Z)
execute_process(COMMAND ${PROGRAM} learn-scoring --policy examples/company/policy.json ${inputs}
                        --format policy --new-version 2026.2 --output ${OUTDIR}/learned.json
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "learn-scoring --format policy failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${PROGRAM} validate ${OUTDIR}/learned.json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the learned policy does not validate (${rc}):\n${out}\n${err}")
endif()
execute_process(COMMAND ${PROGRAM} diff examples/company/policy.json ${OUTDIR}/learned.json
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_VARIABLE diff)
if(NOT rc EQUAL 1)
    message(FATAL_ERROR "diff should find changes (exit 1), got ${rc}:\n${diff}")
endif()
execute_process(COMMAND ${PROGRAM} learn-scoring --policy examples/company/policy.json ${inputs}
                        --format patch
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_VARIABLE patch)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "learn-scoring --format patch failed (${rc})")
endif()
# Each added rule and the axis is one addition diff names; besides them only the version.
string(REGEX MATCHALL "\"op\":\"add\"" added "${patch}")
list(LENGTH added additions)
string(REGEX MATCHALL "\n\\+ scoring\\.(axes|rules)\\[predictive[^]]*\\]" named "\n${diff}")
list(LENGTH named explained)
if(additions LESS 2 OR NOT additions EQUAL explained)
    message(FATAL_ERROR "the patch adds ${additions} entries, diff explains ${explained}:\n"
                        "${patch}\n${diff}")
endif()
string(REGEX MATCHALL "\n[~+-] " all_changes "\n${diff}")
list(LENGTH all_changes total)
math(EXPR expected "${additions} + 1")
if(NOT total EQUAL expected OR NOT diff MATCHES "~ version: \"2026.1\" -> \"2026.2\"")
    message(FATAL_ERROR "diff names ${total} changes, expected ${expected} with the version:\n"
                        "${diff}")
endif()
execute_process(COMMAND ${PROGRAM} backtest --policy examples/company/policy.json
                        --candidate ${OUTDIR}/learned.json ${inputs} --fail-on-change
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the predictive axis changed leads (${rc}):\n${out}")
endif()
