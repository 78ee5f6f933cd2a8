// SPDX-License-Identifier: Apache-2.0
// The text form of SLA triggers and targets.
#include <fmt/format.h>

#include <leadsla/sla/sla_spec.hpp>
#include <leadsla/sla/timer.hpp>

namespace leadsla {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

Result<Trigger> parse_trigger(std::string_view text) {
    const auto fail = [&](std::string_view why) {
        return Error{ErrorCode::parse_syntax, "",
                     fmt::format("\"{}\" is not a trigger ({}; expected created, entered(<stage>), "
                                 "left(<stage>), activity(<type>), activity(<type> where "
                                 "<condition>) or when(<condition>))",
                                 text, why)};
    };
    Trigger t;
    t.text = std::string{trim(text)};
    const std::string_view s = t.text;
    if (s == "created") {
        t.kind = TriggerKind::created;
        return t;
    }
    const auto open = s.find('(');
    if (open == std::string_view::npos || s.back() != ')') {
        return fail("no parentheses");
    }
    const std::string_view name = trim(s.substr(0, open));
    const std::string_view arg = trim(s.substr(open + 1, s.size() - open - 2));
    if (arg.empty()) {
        return fail("nothing inside the parentheses");
    }
    if (name == "entered" || name == "left") {
        t.kind = name == "entered" ? TriggerKind::entered : TriggerKind::left;
        Result<Stage> stage = parse_stage_or_error(arg);
        if (!stage) {
            return stage.error();
        }
        t.stage = *stage;
        return t;
    }
    if (name == "activity") {
        t.kind = TriggerKind::activity;
        const auto where = arg.find(" where ");
        t.activity = std::string{trim(arg.substr(0, where))};
        if (where != std::string_view::npos) {
            t.condition = std::string{trim(arg.substr(where + 7))};
            if (t.condition.empty()) {
                return fail("an empty where condition");
            }
        }
        if (t.activity.find(' ') != std::string::npos) {
            return fail("an activity type is one word; filter with `where`");
        }
        return t;
    }
    if (name == "when") {
        t.kind = TriggerKind::condition;
        t.condition = std::string{arg};
        return t;
    }
    return fail(fmt::format("unknown trigger \"{}\"", name));
}

std::string to_string(const SlaTarget& target) {
    switch (target.kind) {
        case SlaTarget::Kind::business:
            return fmt::format("{} business", target.duration);
        case SlaTarget::Kind::calendar:
            return fmt::format("{} calendar", target.duration);
        case SlaTarget::Kind::business_days:
            return fmt::format("{} business day{}", target.days.count(),
                               target.days.count() == 1 ? "" : "s");
    }
    return "unknown";
}

std::string_view to_string(TimerStatus s) noexcept {
    switch (s) {
        case TimerStatus::not_applicable:
            return "not_applicable";
        case TimerStatus::pending:
            return "pending";
        case TimerStatus::running:
            return "running";
        case TimerStatus::paused:
            return "paused";
        case TimerStatus::breached:
            return "breached";
        case TimerStatus::met_on_time:
            return "met_on_time";
        case TimerStatus::met_late:
            return "met_late";
        case TimerStatus::cancelled:
            return "cancelled";
        case TimerStatus::unresolved:
            return "unresolved";
    }
    return "unknown";
}

}  // namespace leadsla
