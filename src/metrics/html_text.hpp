// SPDX-License-Identifier: Apache-2.0
// Text placed in HTML and SVG: every name that comes from a policy or an input passes here.
#pragma once

#include <string>
#include <string_view>

namespace leadsla::detail {

/// `text` safe as element content and as a quoted attribute value: `& < > " '` escaped.
[[nodiscard]] inline std::string html_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace leadsla::detail
