# SPDX-License-Identifier: Apache-2.0
# Runs PROGRAM (with optional ARGS, a ;-list, and INPUT on stdin) in WORKDIR and compares its
# stdout with the file EXPECTED (with STDERR=1, stdout, a `--- stderr` line and stderr). Set
# LEADSLA_UPDATE_GOLDEN=1 in the environment to rewrite it.
if(INPUT)
    execute_process(COMMAND ${PROGRAM} ${ARGS} WORKING_DIRECTORY ${WORKDIR} INPUT_FILE ${INPUT}
                    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
else()
    execute_process(COMMAND ${PROGRAM} ${ARGS} WORKING_DIRECTORY ${WORKDIR}
                    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
endif()
if(NOT DEFINED EXPECTED_RC)
    set(EXPECTED_RC 0)
endif()
if(NOT rc EQUAL EXPECTED_RC)
    message(FATAL_ERROR "${PROGRAM} exited with ${rc} (expected ${EXPECTED_RC})\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(STDERR)
    string(APPEND out "--- stderr\n${err}")
endif()
if("$ENV{LEADSLA_UPDATE_GOLDEN}" STREQUAL "1")
    file(WRITE ${EXPECTED} "${out}")
    message(STATUS "updated ${EXPECTED}")
    return()
endif()
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/actual_output.txt "${out}")
    message(FATAL_ERROR "output differs from ${EXPECTED}\n--- expected\n${expected}\n--- actual\n${out}\nstderr:\n${err}")
endif()
