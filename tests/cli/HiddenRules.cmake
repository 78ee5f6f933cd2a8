# SPDX-License-Identifier: Apache-2.0
# The outcome fit recovers the generator's hidden rules (examples/company/generate_history.cpp):
# on LEADS generated leads (enough for the weights to settle), with PROGRAM learn-scoring
# --format json:
#   - acceptance (hidden rule 1: individual contributors and students are rejected more): the
#     largest weight is fit.decision_maker's (decision makers are never individual
#     contributors), the smallest fit.student's;
#   - winning (hidden rules 3 and 4: 200+ employees reach an opportunity more often, senior
#     contacts win more often): fit.decision_maker and fit.size_200 have the two largest weights.
include(${CMAKE_CURRENT_LIST_DIR}/GenerateCompany.cmake)

# The rules by weight, largest first, of one fit: sets `ranked` in the caller.
function(ranked_rules outcome)
    execute_process(COMMAND ${PROGRAM} learn-scoring --policy examples/company/policy.json
                            --leads ${OUTDIR}/leads.ndjson --activities ${OUTDIR}/activities.ndjson
                            --window 2026 --as-of 2026-12-31T17:00:00Z --outcome ${outcome}
                            --format json --jobs 2
                    WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_VARIABLE fit
                    ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "learn-scoring --outcome ${outcome} failed (${rc}): ${err}")
    endif()
    string(JSON n LENGTH "${fit}" rules)
    math(EXPR last "${n} - 1")
    set(keyed)
    foreach(i RANGE ${last})
        string(JSON rule GET "${fit}" rules ${i} rule)
        string(JSON weight GET "${fit}" rules ${i} weight_milli)
        # Sortable as text: weights offset into 0..99999, zero-padded.
        math(EXPR key "50000 - ${weight}")
        string(LENGTH "${key}" digits)
        math(EXPR pad "6 - ${digits}")
        string(REPEAT "0" ${pad} zeros)
        list(APPEND keyed "${zeros}${key}:${rule}")
    endforeach()
    list(SORT keyed)
    set(out)
    foreach(entry IN LISTS keyed)
        string(REGEX REPLACE "^[0-9]+:" "" rule "${entry}")
        list(APPEND out ${rule})
    endforeach()
    set(ranked "${out}" PARENT_SCOPE)
endfunction()

ranked_rules(sal)
list(GET ranked 0 top)
list(GET ranked -1 bottom)
if(NOT top STREQUAL "fit.decision_maker" OR NOT bottom STREQUAL "fit.student")
    message(FATAL_ERROR "acceptance: expected fit.decision_maker first and fit.student last, "
                        "got ${ranked}")
endif()
ranked_rules(customer)
list(SUBLIST ranked 0 2 top_two)
list(SORT top_two)
if(NOT top_two STREQUAL "fit.decision_maker;fit.size_200")
    message(FATAL_ERROR "winning: expected fit.decision_maker and fit.size_200 first, got "
                        "${ranked}")
endif()
