// SPDX-License-Identifier: MIT
// The conditional-expectation check of BTYD papers: customers grouped by calibration frequency,
// mean actual against mean expected purchases in the holdout period, per group.
#include <algorithm>
#include <cmath>
#include <vector>

#include "clv/report_builder.h"
#include "report/customer_columns.h"

namespace clv {

std::vector<HoldoutFrequencyRow> BuildHoldoutByFrequency(const CustomerScoresView& customers,
                                                         const ReportAggregationOptions& options) {
  options.Validate();
  if (customers.holdout_purchases.empty() || customers.expected_holdout_purchases.empty()) {
    return {};
  }
  const std::size_t num_customers = customers.frequency.size();
  detail::RequireFinite(customers.frequency, "frequency");
  detail::RequireFiniteColumn(customers.holdout_purchases, num_customers, "holdout_purchases");
  detail::RequireFiniteColumn(customers.expected_holdout_purchases, num_customers,
                              "expected_holdout_purchases");

  // Groups 0 .. k - 1 one frequency each, group k gathers k and more.
  const int last_group = options.holdout_max_frequency;
  const auto num_groups = static_cast<std::size_t>(last_group + 1);
  std::vector<double> actual(num_groups, 0.0);
  std::vector<double> expected(num_groups, 0.0);
  std::vector<std::int64_t> counts(num_groups, 0);
  for (std::size_t i = 0; i < num_customers; ++i) {
    const auto group = static_cast<std::size_t>(
        std::clamp(static_cast<int>(std::floor(customers.frequency[i])), 0, last_group));
    actual[group] += customers.holdout_purchases[i];
    expected[group] += customers.expected_holdout_purchases[i];
    ++counts[group];
  }

  std::vector<HoldoutFrequencyRow> rows;
  for (std::size_t group = 0; group < num_groups; ++group) {
    if (counts[group] == 0) continue;
    const auto customers_in_group = static_cast<double>(counts[group]);
    std::string label = std::to_string(group);
    if (group == num_groups - 1) label += "+";
    rows.push_back({.calibration_frequency = std::move(label),
                    .customers = counts[group],
                    .actual_mean = actual[group] / customers_in_group,
                    .expected_mean = expected[group] / customers_in_group});
  }
  return rows;
}

}  // namespace clv
