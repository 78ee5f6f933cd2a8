// SPDX-License-Identifier: Apache-2.0
// The umbrella header: every public leadsla header. docs/api.md lists them, one line each.
#pragma once

#include <leadsla/expr/classifier.hpp>
#include <leadsla/expr/expression_set.hpp>
#include <leadsla/expr/schema.hpp>
#include <leadsla/lifecycle/lifecycle.hpp>
#include <leadsla/lifecycle/lifecycle_spec.hpp>
#include <leadsla/lifecycle/transition.hpp>
#include <leadsla/log.hpp>
#include <leadsla/model/activity.hpp>
#include <leadsla/model/attribute_value.hpp>
#include <leadsla/model/decimal.hpp>
#include <leadsla/model/ids.hpp>
#include <leadsla/model/lead.hpp>
#include <leadsla/model/stage.hpp>
#include <leadsla/policy/calendar_json.hpp>
#include <leadsla/policy/lead_ndjson.hpp>
#include <leadsla/policy/policy_sections.hpp>
#include <leadsla/policy/scoring_json.hpp>
#include <leadsla/result.hpp>
#include <leadsla/routing/assignment.hpp>
#include <leadsla/routing/router.hpp>
#include <leadsla/routing/routing_policy.hpp>
#include <leadsla/routing/routing_state.hpp>
#include <leadsla/scoring/points.hpp>
#include <leadsla/scoring/scoring_model.hpp>
#include <leadsla/strong_id.hpp>
#include <leadsla/time/business_calendar.hpp>
#include <leadsla/time/business_duration.hpp>
#include <leadsla/time/duration_text.hpp>
#include <leadsla/time/instant.hpp>
#include <leadsla/time/time_of_day.hpp>
#include <leadsla/time/zone.hpp>
#include <leadsla/version.hpp>
