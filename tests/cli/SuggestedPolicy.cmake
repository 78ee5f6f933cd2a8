# SPDX-License-Identifier: Apache-2.0
# The suggested policy is a policy: generate the example company's year into OUTDIR with
# GENERATOR, write the targets it suggests as a policy document (PROGRAM suggest-targets
# --format policy), then check that `validate` accepts it, that `diff` explains exactly the
# changed targets and the version, and that its JSON Patch form names the same changes.
include(${CMAKE_CURRENT_LIST_DIR}/GenerateCompany.cmake)
set(inputs --leads ${OUTDIR}/leads.ndjson --activities ${OUTDIR}/activities.ndjson --window 2026
           --as-of 2026-12-31T17:00:00Z)
execute_process(COMMAND ${PROGRAM} suggest-targets --policy examples/company/policy.json ${inputs}
                        --format policy --new-version 2027.1 --output ${OUTDIR}/suggested.json
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "suggest-targets --format policy failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${PROGRAM} validate ${OUTDIR}/suggested.json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the suggested policy does not validate (${rc}):\n${out}\n${err}")
endif()
execute_process(COMMAND ${PROGRAM} diff examples/company/policy.json ${OUTDIR}/suggested.json
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_VARIABLE diff)
if(NOT rc EQUAL 1)
    message(FATAL_ERROR "diff should find changes (exit 1), got ${rc}:\n${diff}")
endif()
execute_process(COMMAND ${PROGRAM} suggest-targets --policy examples/company/policy.json ${inputs}
                        --format json
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_VARIABLE patch)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "suggest-targets --format json failed (${rc})")
endif()
# Every replaced path is a change diff names (agreement.targets[<id>].at_least / at_most), and
# diff names nothing else but the version.
string(REGEX MATCHALL "\"path\":\"[^\"]+\"" paths "${patch}")
list(LENGTH paths changed)
string(REGEX MATCHALL "\n~ agreement\\.targets\\[[a-z_0-9]+\\]\\.at_(least|most):" targets "\n${diff}")
list(LENGTH targets explained)
if(changed EQUAL 0 OR NOT changed EQUAL explained)
    message(FATAL_ERROR "the patch replaces ${changed} values, diff explains ${explained}:\n"
                        "${patch}\n${diff}")
endif()
if(NOT diff MATCHES "~ version: \"2026.1\" -> \"2027.1\"")
    message(FATAL_ERROR "diff does not show the new version:\n${diff}")
endif()
string(REGEX MATCHALL "\n[~+-] " all_changes "\n${diff}")
list(LENGTH all_changes total)
math(EXPR expected "${changed} + 1")
if(NOT total EQUAL expected)
    message(FATAL_ERROR "diff names ${total} changes, expected ${expected}:\n${diff}")
endif()
