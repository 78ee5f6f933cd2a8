# SPDX-License-Identifier: Apache-2.0
# Fails when a module reaches past its layer (docs/architecture.md). Layers, lowest first:
#   0 the root headers (leadsla/result.hpp, ...) and the shared helpers at the top of src/
#   1 time  2 model  3 expr  4 scoring, lifecycle, routing, sla  5 engine  6 metrics
#   7 json (internal: src/json only)  8 policy, io
# Rules, for a file of module M (under include/leadsla/M/ or src/M/):
#   - `#include <leadsla/X/...>` needs X == M or a lower layer; a root header includes no module.
#   - `#include "X/..."` (a private header) needs X == M, or a lower-layer X's interface shared
#     with the rest of the library (`"X/shared/..."`); `#include "helper.hpp"` (the top of src/)
#     is open to every module.
#   - public headers (include/) include no private header.
# Run: cmake -DROOT=<source dir> -P check_layering.cmake
cmake_minimum_required(VERSION 3.25)
set(layers "time" "model" "expr" "scoring|lifecycle|routing|sla" "engine" "metrics" "json"
           "policy|io")

function(layer_of module out)
    set(index 1)
    foreach(entry IN LISTS layers)
        string(REPLACE "|" ";" names "${entry}")
        if("${module}" IN_LIST names)
            set(${out} ${index} PARENT_SCOPE)
            return()
        endif()
        math(EXPR index "${index} + 1")
    endforeach()
    set(${out} 0 PARENT_SCOPE)
endfunction()

set(violations "")
file(GLOB_RECURSE files "${ROOT}/include/leadsla/*.hpp" "${ROOT}/src/*.hpp" "${ROOT}/src/*.cpp")
foreach(file IN LISTS files)
    file(RELATIVE_PATH rel "${ROOT}" "${file}")
    if(rel STREQUAL "include/leadsla/leadsla.hpp")
        continue()  # the umbrella header includes everything by design
    endif()
    set(public FALSE)
    if(rel MATCHES "^include/")
        set(public TRUE)
    endif()
    if(rel MATCHES "^(include/leadsla|src)/([a-z_]+)/")
        set(module "${CMAKE_MATCH_2}")
    else()
        set(module "")
    endif()
    layer_of("${module}" own)
    file(STRINGS "${file}" includes REGEX "^#include [<\"]")
    foreach(line IN LISTS includes)
        if(line MATCHES "^#include <leadsla/([a-z_]+)/")
            set(target "${CMAKE_MATCH_1}")
            layer_of("${target}" other)
            if(own EQUAL 0 AND other GREATER 0)
                list(APPEND violations "${rel}: a root header includes ${target}")
            elseif(NOT target STREQUAL module AND other GREATER_EQUAL own AND own GREATER 0)
                list(APPEND violations "${rel}: ${module} (layer ${own}) includes ${target} (layer ${other})")
            endif()
        elseif(line MATCHES "^#include \"([^\"]*)\"")
            set(path "${CMAKE_MATCH_1}")
            if(public)
                list(APPEND violations "${rel}: a public header includes the private \"${path}\"")
            elseif(path MATCHES "^([a-z_]+)/(.*)$")
                set(target "${CMAKE_MATCH_1}")
                set(rest "${CMAKE_MATCH_2}")
                layer_of("${target}" other)
                if(target STREQUAL module)
                    # the module's own private header
                elseif(NOT rest MATCHES "^shared/")
                    list(APPEND violations "${rel}: ${module} includes \"${path}\", a private header of ${target} (only ${target}/shared/ is open to other modules)")
                elseif(other GREATER_EQUAL own AND own GREATER 0)
                    list(APPEND violations "${rel}: ${module} (layer ${own}) includes \"${path}\" of ${target} (layer ${other})")
                elseif(own EQUAL 0)
                    list(APPEND violations "${rel}: a shared helper includes \"${path}\" of ${target}")
                endif()
            endif()
        endif()
    endforeach()
endforeach()

if(violations)
    list(JOIN violations "\n  " text)
    message(FATAL_ERROR "layering violations:\n  ${text}")
endif()
list(LENGTH files count)
message(STATUS "layering: ${count} files checked, no violations")
