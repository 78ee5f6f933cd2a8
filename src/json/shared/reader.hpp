// SPDX-License-Identifier: Apache-2.0
// The typed, error-collecting reader every policy section uses: each problem is recorded with
// its JSON pointer and reading goes on, so one run reports all of them.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <leadsla/model/stage.hpp>
#include <leadsla/result.hpp>
#include <leadsla/time/duration_text.hpp>

#include "json/shared/text.hpp"

namespace leadsla::detail {

class Reader {
public:
    using json = nlohmann::json;

    explicit Reader(std::vector<Error>& errors) : errors_(errors) {}

    [[nodiscard]] std::size_t error_count() const noexcept { return errors_.size(); }
    [[nodiscard]] std::vector<Error>& errors() noexcept { return errors_; }

    void error(ErrorCode code, std::string where, std::string message) {
        errors_.push_back(Error{code, std::move(where), std::move(message)});
    }
    void type_error(const std::string& where, std::string_view expected, const json& got) {
        error(ErrorCode::json_type, where,
              fmt::format("expected {}, got {}", expected, json_type_name(got)));
    }

    /// Checks that `value` is an object with no keys outside `allowed` ("$comment" is always
    /// allowed).
    bool object(const json& value,
                const std::string& where,
                std::initializer_list<std::string_view> allowed) {
        return object(value, where,
                      std::span<const std::string_view>{allowed.begin(), allowed.size()});
    }
    bool object(const json& value,
                const std::string& where,
                std::span<const std::string_view> allowed) {
        if (!value.is_object()) {
            type_error(where, "an object", value);
            return false;
        }
        for (const auto& [key, v] : value.items()) {
            if (key != "$comment" &&
                std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::string list;
                for (const std::string_view a : allowed) {
                    list += list.empty() ? "" : ", ";
                    list += a;
                }
                error(ErrorCode::json_unknown_key, pointer_append(where, key),
                      fmt::format("unknown key \"{}\" (expected one of: {})", key, list));
            }
        }
        return true;
    }

    const json* member(const json& object,
                       std::string_view key,
                       const std::string& where,
                       bool required) {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) {
                error(ErrorCode::json_missing_key, pointer_append(where, key),
                      fmt::format("missing \"{}\"", key));
            }
            return nullptr;
        }
        return &*it;
    }

    /// The array under `key`, or nullptr (a wrong type is reported as expecting `what`).
    const json* array(const json& object,
                      std::string_view key,
                      const std::string& where,
                      bool required,
                      std::string_view what) {
        const json* v = member(object, key, where, required);
        if (v != nullptr && !v->is_array()) {
            type_error(pointer_append(where, key), what, *v);
            return nullptr;
        }
        return v;
    }

    std::optional<std::string> string(const json& object,
                                      std::string_view key,
                                      const std::string& where,
                                      bool required) {
        const json* v = member(object, key, where, required);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_string()) {
            type_error(pointer_append(where, key), "a string", *v);
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<bool> boolean(const json& object,
                                std::string_view key,
                                const std::string& where,
                                bool required) {
        const json* v = member(object, key, where, required);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_boolean()) {
            type_error(pointer_append(where, key), "true or false", *v);
            return std::nullopt;
        }
        return v->get<bool>();
    }

    std::optional<std::int64_t> integer(const json& object,
                                        std::string_view key,
                                        const std::string& where,
                                        bool required,
                                        std::int64_t lo,
                                        std::int64_t hi) {
        const json* v = member(object, key, where, required);
        if (v == nullptr) {
            return std::nullopt;
        }
        const std::string here = pointer_append(where, key);
        if (!v->is_number_integer()) {
            type_error(here, fmt::format("an integer from {} to {}", lo, hi), *v);
            return std::nullopt;
        }
        const bool in_range = v->is_number_unsigned()
                                  ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(hi)
                                  : v->get<std::int64_t>() >= lo && v->get<std::int64_t>() <= hi;
        if (!in_range) {
            error(ErrorCode::parse_out_of_range, here,
                  fmt::format("expected an integer from {} to {}, got {}", lo, hi, v->dump()));
            return std::nullopt;
        }
        return v->get<std::int64_t>();
    }

    std::optional<std::chrono::seconds> duration(const json& object,
                                                 std::string_view key,
                                                 const std::string& where,
                                                 bool required = false) {
        const auto text = string(object, key, where, required);
        if (!text) {
            return std::nullopt;
        }
        Result<std::chrono::seconds> d = parse_wall_duration(*text);
        if (!d) {
            error(d.error().code, pointer_append(where, key), d.error().message);
            return std::nullopt;
        }
        return *d;
    }

    /// A stage name given as a string `value` at `where`.
    std::optional<Stage> stage(const json& value, const std::string& where) {
        if (!value.is_string()) {
            type_error(where, "a stage name", value);
            return std::nullopt;
        }
        Result<Stage> s = parse_stage_or_error(value.get<std::string>());
        if (!s) {
            error(s.error().code, where, s.error().message);
            return std::nullopt;
        }
        return *s;
    }
    std::optional<Stage> stage(const json& object,
                               std::string_view key,
                               const std::string& where,
                               bool required) {
        const json* v = member(object, key, where, required);
        return v == nullptr ? std::nullopt : stage(*v, pointer_append(where, key));
    }

    /// An array of strings under `key` (empty when absent).
    std::vector<std::string> strings(const json& object,
                                     std::string_view key,
                                     const std::string& where) {
        std::vector<std::string> out;
        const json* v = array(object, key, where, false, "an array of strings");
        if (v == nullptr) {
            return out;
        }
        const std::string here = pointer_append(where, key);
        for (std::size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string()) {
                type_error(pointer_append(here, std::to_string(i)), "a string", (*v)[i]);
            } else {
                out.push_back((*v)[i].get<std::string>());
            }
        }
        return out;
    }

private:
    std::vector<Error>& errors_;
};

}  // namespace leadsla::detail
