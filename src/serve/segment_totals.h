// SPDX-License-Identifier: MIT
// The body of GET /v1/segments: customers, CLV and mean P(alive) per RFM segment (in rule
// order) and per value tier (best first), with the field names of `clv segment --summary`.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "serve/score_index.h"
#include "serve/serving_model.h"

namespace clv::detail {

/// {"segments": [...], "value_tiers": [...]}; each entry {name, customers, share, total_clv,
/// mean_clv, mean_p_alive}. CLV fields are null without a spend model. The sums are exact in
/// fixed point, so they do not depend on the order in which customers are visited.
nlohmann::json SegmentTotalsJson(const std::vector<ScoredCustomer>& customers,
                                 const ServingModel& model);

}  // namespace clv::detail
