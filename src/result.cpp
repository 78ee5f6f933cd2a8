// SPDX-License-Identifier: Apache-2.0
#include <leadsla/result.hpp>

namespace leadsla {

std::string_view to_string(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::parse_syntax:
            return "parse.syntax";
        case ErrorCode::parse_out_of_range:
            return "parse.out_of_range";
        case ErrorCode::json_syntax:
            return "json.syntax";
        case ErrorCode::json_limit:
            return "json.limit";
        case ErrorCode::json_type:
            return "json.type";
        case ErrorCode::json_missing_key:
            return "json.missing_key";
        case ErrorCode::json_unknown_key:
            return "json.unknown_key";
        case ErrorCode::time_missing_offset:
            return "time.missing_offset";
        case ErrorCode::time_bad_instant:
            return "time.bad_instant";
        case ErrorCode::time_bad_time_of_day:
            return "time.bad_time_of_day";
        case ErrorCode::time_bad_date:
            return "time.bad_date";
        case ErrorCode::time_bad_duration:
            return "time.bad_duration";
        case ErrorCode::time_unknown_zone:
            return "time.unknown_zone";
        case ErrorCode::calendar_empty_interval:
            return "calendar.empty_interval";
        case ErrorCode::calendar_unsorted:
            return "calendar.unsorted_intervals";
        case ErrorCode::calendar_overlap:
            return "calendar.overlapping_intervals";
        case ErrorCode::calendar_never_open:
            return "calendar.never_open";
        case ErrorCode::calendar_duplicate_date:
            return "calendar.duplicate_date";
        case ErrorCode::model_bad_decimal:
            return "model.bad_decimal";
        case ErrorCode::model_unknown_stage:
            return "model.unknown_stage";
        case ErrorCode::expr_syntax:
            return "expr.syntax";
        case ErrorCode::expr_unknown_name:
            return "expr.unknown_name";
        case ErrorCode::expr_type_mismatch:
            return "expr.type_mismatch";
        case ErrorCode::expr_not_a_set:
            return "expr.not_a_set";
        case ErrorCode::expr_unknown_activity:
            return "expr.unknown_activity";
        case ErrorCode::expr_unknown_property:
            return "expr.unknown_property";
        case ErrorCode::expr_bad_call:
            return "expr.bad_call";
        case ErrorCode::policy_duplicate_id:
            return "policy.duplicate_id";
        case ErrorCode::policy_unknown_reference:
            return "policy.unknown_reference";
        case ErrorCode::policy_invalid:
            return "policy.invalid";
        case ErrorCode::lifecycle_undefined_stage:
            return "lifecycle.undefined_stage";
        case ErrorCode::lifecycle_unreachable_stage:
            return "lifecycle.unreachable_stage";
    }
    return "unknown";
}

}  // namespace leadsla
