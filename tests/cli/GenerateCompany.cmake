# SPDX-License-Identifier: Apache-2.0
# Included by the end-to-end tests of the example company: generates its year of history into
# OUTDIR with GENERATOR (grouped by lead, as the population commands stream it); LEADS leads
# when set, else the company's 1,500.
file(MAKE_DIRECTORY ${OUTDIR})
set(leads_option)
if(DEFINED LEADS)
    set(leads_option --leads ${LEADS})
endif()
execute_process(COMMAND ${GENERATOR} ${WORKDIR}/examples/company/policy.json ${OUTDIR} --grouped
                        ${leads_option}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generate_history failed (${rc}):\n${out}\n${err}")
endif()
