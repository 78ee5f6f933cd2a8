# SPDX-License-Identifier: Apache-2.0
# Warnings for leadsla's own targets only (PRIVATE): consumers never inherit them.
function(leadsla_set_warnings target)
    target_compile_options(${target} PRIVATE
        $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion
            -Wshadow -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough>
        $<$<BOOL:${LEADSLA_WARNINGS_AS_ERRORS}>:-Werror>)
    # In a unity batch every .cpp but the first is "a header" to GCC, so a class of one file that
    # holds a type of that file's anonymous namespace would warn; it is not shared across files.
    if(CMAKE_UNITY_BUILD)
        target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-subobject-linkage>)
    endif()
endfunction()
