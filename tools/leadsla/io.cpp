// SPDX-License-Identifier: Apache-2.0
#include "io.hpp"

#include <cerrno>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

namespace leadsla::cli {

std::optional<std::string> read_file(const std::string& path) {
    if (path == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        return buffer.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        fmt::print(stderr, "leadsla: cannot read {}: {}\n", path,
                   std::generic_category().message(errno));
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string diagnostic(const std::string& path, const Error& error) {
    Error e = error;
    e.line = 0;  // the position goes in front, once
    e.column = 0;
    if (error.line == 0) {
        return fmt::format("{}: {}", path, e);
    }
    if (error.column == 0) {
        return fmt::format("{}:{}: {}", path, error.line, e);
    }
    return fmt::format("{}:{}:{}: {}", path, error.line, error.column, e);
}

}  // namespace leadsla::cli
