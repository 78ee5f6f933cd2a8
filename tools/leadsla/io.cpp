// SPDX-License-Identifier: Apache-2.0
#include "io.hpp"

#include <array>
#include <cerrno>
#include <fstream>
#include <iostream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace leadsla::cli {

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            fmt::print(stderr, "leadsla: cannot read {}: {}\n", path,
                       std::generic_category().message(errno));
            return std::nullopt;
        }
        in = &file;
    }
    // Read up to one byte past the limit: a larger file is refused without being held whole.
    std::string text;
    std::array<char, 1 << 16> block{};
    while (*in) {
        in->read(block.data(), block.size());
        text.append(block.data(), static_cast<std::size_t>(in->gcount()));
        if (text.size() > max_document_bytes) {
            fmt::print(stderr,
                       "leadsla: {} is larger than {} bytes, the limit of a JSON document "
                       "(policies, calendars, mappings)\n",
                       path == "-" ? "standard input" : path, max_document_bytes);
            return std::nullopt;
        }
    }
    return text;
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

bool write_output(const std::string& path, const std::string& text) {
    if (path.empty()) {
        fmt::print("{}", text);
        return true;
    }
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) {
        fmt::print(stderr, "leadsla: cannot write {}\n", path);
        return false;
    }
    return true;
}

void report_line(const std::string& path, std::size_t n, Error error) {
    error.line = static_cast<std::uint32_t>(n);
    fmt::print(stderr, "{}\n", diagnostic(path, error));
}

std::optional<std::string> patched_policy(const std::string& policy_text,
                                          const std::string& patch,
                                          const std::string& version) {
    try {
        nlohmann::ordered_json doc = nlohmann::ordered_json::parse(policy_text);
        doc = doc.patch(nlohmann::ordered_json::parse(patch));
        doc["version"] = version;
        return doc.dump(2) + "\n";
    } catch (const nlohmann::ordered_json::exception& e) {
        fmt::print(stderr, "leadsla: cannot apply the changes to the policy: {}\n", e.what());
        return std::nullopt;
    }
}

}  // namespace leadsla::cli
