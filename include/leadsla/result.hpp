// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

namespace leadsla {

/// Stable identifiers of the failures a leadsla parser or factory can report.
///
/// Each code prints as a dotted id (`time.bad_time_of_day`) that never changes once released;
/// docs/errors.md lists them all.
enum class ErrorCode : std::uint8_t {
    parse_syntax,             ///< `parse.syntax`: text is not in the expected grammar
    parse_out_of_range,       ///< `parse.out_of_range`: a number or field is outside its range
    json_syntax,              ///< `json.syntax`: malformed JSON text
    json_limit,               ///< `json.limit`: input exceeds a size or nesting limit
    json_type,                ///< `json.type`: a JSON value has the wrong type
    json_missing_key,         ///< `json.missing_key`: a required key is absent
    json_unknown_key,         ///< `json.unknown_key`: a key that the format does not define
    time_missing_offset,      ///< `time.missing_offset`: a timestamp without `Z` or `+hh:mm`
    time_bad_instant,         ///< `time.bad_instant`: a malformed RFC 3339 timestamp
    time_bad_time_of_day,     ///< `time.bad_time_of_day`: not `HH:MM[:SS]` in 00:00..24:00
    time_bad_date,            ///< `time.bad_date`: not a valid `YYYY-MM-DD` date
    time_bad_duration,        ///< `time.bad_duration`: not a duration such as `4h`, `90m`, `1h30m`
    time_unknown_zone,        ///< `time.unknown_zone`: not an IANA zone in the system tzdb
    calendar_empty_interval,  ///< `calendar.empty_interval`: an interval with open >= close
    calendar_unsorted,        ///< `calendar.unsorted_intervals`: intervals not in ascending order
    calendar_overlap,         ///< `calendar.overlapping_intervals`: two intervals of a day overlap
    calendar_never_open,      ///< `calendar.never_open`: the weekly hours contain no open time
    calendar_duplicate_date,  ///< `calendar.duplicate_date`: a holiday or special day given twice
    model_bad_decimal,      ///< `model.bad_decimal`: not a decimal with at most 4 fractional digits
    model_unknown_stage,    ///< `model.unknown_stage`: not one of the lifecycle stage names
    expr_syntax,            ///< `expr.syntax`: a rule expression does not parse
    expr_unknown_name,      ///< `expr.unknown_name`: a name the schema does not declare
    expr_type_mismatch,     ///< `expr.type_mismatch`: operands of incompatible types
    expr_not_a_set,         ///< `expr.not_a_set`: `in` against something that is not a set or list
    expr_unknown_activity,  ///< `expr.unknown_activity`: an aggregate over an undeclared activity
    expr_unknown_property,  ///< `expr.unknown_property`: an activity property the schema lacks
    expr_bad_call,          ///< `expr.bad_call`: an unknown function or wrong arguments
    policy_duplicate_id,    ///< `policy.duplicate_id`: two entries of one list share an id
    policy_unknown_reference,  ///< `policy.unknown_reference`: a name the policy does not define
    policy_invalid,  ///< `policy.invalid`: a well-typed value that breaks a rule of the section
    lifecycle_undefined_stage,    ///< `lifecycle.undefined_stage`: a stage the model lacks
    lifecycle_unreachable_stage,  ///< `lifecycle.unreachable_stage`: no path from the initial stage
};

/// The stable dotted id of `code`, e.g. `time.unknown_zone`.
[[nodiscard]] std::string_view to_string(ErrorCode code) noexcept;

/// One failure: what went wrong (`code`), where (`where`: a JSON pointer or argument name,
/// empty when the whole input is meant; `line` and `column` in the input text, 1-based, when
/// the reader knows them, else 0) and a message that says what was expected.
struct Error {
    ErrorCode code{};
    std::string where;
    std::string message;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    friend bool operator==(const Error&, const Error&) = default;
};

/// Thrown by `Result::value()` on an error and by `Result::error()` on a value: a caller bug.
class BadResultAccess : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

/// Either a `T` or an `Error`; shaped like C++23 `std::expected<T, Error>`.
///
/// Example:
///   Result<TimeOfDay> t = TimeOfDay::parse("08:30");
///   if (!t) fmt::print("{}\n", t.error());
template <typename T>
class [[nodiscard]] Result {
public:
    using value_type = T;

    Result(T value)
        : state_(std::in_place_index<0>, std::move(value)) {
    }  // NOLINT(google-explicit-constructor)
    Result(Error error)
        : state_(std::in_place_index<1>, std::move(error)) {
    }  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    [[nodiscard]] const T& value() const& {
        if (!has_value()) {
            throw BadResultAccess("leadsla::Result::value() called on an error: " +
                                  std::get<1>(state_).message);
        }
        return std::get<0>(state_);
    }
    [[nodiscard]] T&& value() && {
        if (!has_value()) {
            throw BadResultAccess("leadsla::Result::value() called on an error: " +
                                  std::get<1>(state_).message);
        }
        return std::get<0>(std::move(state_));
    }
    [[nodiscard]] const T& operator*() const& { return value(); }
    [[nodiscard]] T&& operator*() && { return std::move(*this).value(); }
    [[nodiscard]] const T* operator->() const { return &value(); }

    [[nodiscard]] const Error& error() const& {
        if (has_value()) {
            throw BadResultAccess("leadsla::Result::error() called on a value");
        }
        return std::get<1>(state_);
    }

    /// The value, or `fallback` on an error.
    template <typename U>
    [[nodiscard]] T value_or(U&& fallback) const& {
        return has_value() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
    }

    /// `f(value())` where `f` returns a `Result<U>`; the error passes through unchanged.
    template <typename F>
    auto and_then(F&& f) const& -> std::invoke_result_t<F, const T&> {
        if (has_value()) {
            return std::forward<F>(f)(std::get<0>(state_));
        }
        return std::get<1>(state_);
    }

    /// `Result<U>{f(value())}`; the error passes through unchanged.
    template <typename F>
    auto transform(F&& f) const& -> Result<std::invoke_result_t<F, const T&>> {
        if (has_value()) {
            return std::forward<F>(f)(std::get<0>(state_));
        }
        return std::get<1>(state_);
    }

    friend bool operator==(const Result&, const Result&) = default;

private:
    std::variant<T, Error> state_;
};

/// The outcome of a loader or factory that checks a whole document or spec and reports every
/// problem it finds, not just the first: the value, or all the errors (in document order).
///
/// `Result<T>` is for one-shot calls that fail for one reason (parsing a timestamp, a duration,
/// one input line); `Loaded<T>` is for the calls that validate many independent parts (a
/// policy document, a scoring spec, a set of SLAs). Both read alike: `if (x)`, `*x`, `x->`,
/// `value()`.
///
/// Example:
///   Loaded<Policy> policy = load_policy(text);
///   if (!policy) for (const Error& e : policy.errors()) fmt::print("{}\n", e);
template <typename T>
class [[nodiscard]] Loaded {
public:
    using value_type = T;

    Loaded(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    /// Errors; an empty list is a caller bug (there must be a reason for no value).
    Loaded(std::vector<Error> errors)  // NOLINT(google-explicit-constructor)
        : errors_(std::move(errors)) {
        if (errors_.empty()) {
            throw BadResultAccess("leadsla::Loaded: no value and no error");
        }
    }

    [[nodiscard]] bool has_value() const noexcept { return value_.has_value(); }
    explicit operator bool() const noexcept { return has_value(); }

    [[nodiscard]] const T& value() const& {
        check();
        return *value_;
    }
    [[nodiscard]] T&& value() && {
        check();
        return std::move(*value_);
    }
    [[nodiscard]] const T& operator*() const& { return value(); }
    [[nodiscard]] T&& operator*() && { return std::move(*this).value(); }
    [[nodiscard]] const T* operator->() const { return &value(); }

    /// Every error found; empty when there is a value.
    [[nodiscard]] const std::vector<Error>& errors() const noexcept { return errors_; }
    /// The first error, as `Result::error()` reads it; throws `BadResultAccess` on a value.
    [[nodiscard]] const Error& error() const {
        if (has_value()) {
            throw BadResultAccess("leadsla::Loaded::error() called on a value");
        }
        return errors_.front();
    }

    /// As a `Result`: the value, or the first error.
    [[nodiscard]] Result<T> first_error() && {
        if (has_value()) {
            return std::move(*value_);
        }
        return errors_.front();
    }

    friend bool operator==(const Loaded&, const Loaded&) = default;

private:
    void check() const {
        if (!has_value()) {
            throw BadResultAccess("leadsla::Loaded::value() called without a value: " +
                                  errors_.front().message);
        }
    }
    std::optional<T> value_;
    std::vector<Error> errors_;
};

}  // namespace leadsla

template <>
struct fmt::formatter<leadsla::ErrorCode> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(leadsla::ErrorCode code, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(leadsla::to_string(code), ctx);
    }
};

/// Prints `error[time.unknown_zone] /tz (line 3, column 9): ...` (the pointer only when `where`
/// is set, the position only when it is known).
template <>
struct fmt::formatter<leadsla::Error> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const leadsla::Error& e, FormatContext& ctx) const {
        auto out = fmt::format_to(ctx.out(), "error[{}]", e.code);
        if (!e.where.empty()) {
            out = fmt::format_to(out, " {}", e.where);
        }
        if (e.line != 0) {
            out = fmt::format_to(out, " (line {}, column {})", e.line, e.column);
        }
        return fmt::format_to(out, ": {}", e.message);
    }
};
