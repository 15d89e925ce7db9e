// SPDX-License-Identifier: MIT
#include "serve/segment_totals.h"

#include <cmath>
#include <iterator>
#include <string>

#include "clv/segment.h"

namespace clv::detail {
namespace {

using nlohmann::json;

// 2^32 steps per unit: CLV up to 10^12 per customer and 10^8 customers stay far inside 128 bits.
__extension__ using ExactInteger = __int128;
constexpr double kFixedPointScale = 4294967296.0;

// A sum of doubles in fixed point, exact and therefore independent of the order of the terms
// (a restart that visits customers in another order gives the same bytes).
class ExactSum {
 public:
  void Add(double value) {
    if (!std::isfinite(value)) return;
    total_ += static_cast<ExactInteger>(std::nearbyint(value * kFixedPointScale));
    ++terms_;
  }
  double total() const { return static_cast<double>(total_) / kFixedPointScale; }
  std::int64_t terms() const { return terms_; }
  json Mean() const { return terms_ > 0 ? json(total() / static_cast<double>(terms_)) : json(); }

 private:
  ExactInteger total_ = 0;
  std::int64_t terms_ = 0;
};

struct Totals {
  std::int64_t customers = 0;
  ExactSum clv;
  ExactSum p_alive;
};

json TotalsJson(const std::vector<std::string>& names, const std::vector<Totals>& totals,
                std::size_t num_customers, bool has_spend) {
  json rows = json::array();
  for (std::size_t k = 0; k < names.size(); ++k) {
    const Totals& group = totals[k];
    const double share = num_customers > 0 ? static_cast<double>(group.customers) /
                                                 static_cast<double>(num_customers)
                                           : 0.0;
    rows.push_back({{"name", names[k]},
                    {"customers", group.customers},
                    {"share", share},
                    {"total_clv", has_spend ? json(group.clv.total()) : json()},
                    {"mean_clv", has_spend ? group.clv.Mean() : json()},
                    {"mean_p_alive", group.p_alive.Mean()}});
  }
  return rows;
}

}  // namespace

json SegmentTotalsJson(const std::vector<ScoredCustomer>& customers, const ServingModel& model) {
  const std::vector<std::string>& segment_names = model.rfm_rules.names();
  const std::vector<std::string> tier_names(std::begin(kValueTierNames), std::end(kValueTierNames));
  std::vector<Totals> by_segment(segment_names.size());
  std::vector<Totals> by_tier(tier_names.size());
  for (const ScoredCustomer& customer : customers) {
    const CustomerScore& score = customer.score;
    for (Totals* group : {&by_segment[static_cast<std::size_t>(score.segment)],
                          &by_tier[static_cast<std::size_t>(score.value_tier)]}) {
      ++group->customers;
      group->clv.Add(score.clv);
      group->p_alive.Add(score.p_alive);
    }
  }
  const bool has_spend = model.spend.has_value();
  return json{{"segments", TotalsJson(segment_names, by_segment, customers.size(), has_spend)},
              {"value_tiers", TotalsJson(tier_names, by_tier, customers.size(), has_spend)}};
}

}  // namespace clv::detail
