// SPDX-License-Identifier: Apache-2.0
// JSON pointers (RFC 6901) as every module writes them in errors and reports.
#pragma once

#include <string>
#include <string_view>

namespace leadsla::detail {

/// Appends `/token` to `pointer`, with `~` written `~0` and `/` written `~1`.
inline void append_pointer_token(std::string& pointer, std::string_view token) {
    pointer += '/';
    for (const char c : token) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer += c;
        }
    }
}

}  // namespace leadsla::detail
