// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "clv/error.h"
#include "clv/report_builder.h"

namespace clv {
namespace {

// Every non-empty column must describe the same customers.
void RequireEqualLengths(const CustomerScoresView& customers) {
  const std::initializer_list<std::pair<const char*, std::size_t>> columns = {
      {"customer_ids", customers.customer_ids.size()},
      {"frequency", customers.frequency.size()},
      {"recency", customers.recency.size()},
      {"age", customers.age.size()},
      {"monetary_value", customers.monetary_value.size()},
      {"expected_purchases", customers.expected_purchases.size()},
      {"p_alive", customers.p_alive.size()},
      {"clv", customers.clv.size()},
      {"holdout_purchases", customers.holdout_purchases.size()},
      {"expected_holdout_purchases", customers.expected_holdout_purchases.size()}};
  const std::size_t num_customers = customers.clv.size();
  for (const auto& [name, size] : columns) {
    if (size != 0 && size != num_customers) {
      throw InputError(fmt::format(
          "report aggregation: column '{}' has {} entries but 'clv' has {}; every column "
          "holds one entry per customer",
          name, size, num_customers));
    }
  }
}

}  // namespace

CustomerAggregates AggregateCustomers(const CustomerScoresView& customers,
                                      const ReportAggregationOptions& options) {
  options.Validate();
  RequireEqualLengths(customers);
  CustomerAggregates aggregates;
  aggregates.clv_histogram = BuildHistogram(customers.clv, "CLV", options);
  aggregates.clv_concentration = BuildConcentration(customers.clv, options);
  aggregates.expected_purchases_grid = BuildFrequencyRecencyGrid(
      customers, customers.expected_purchases, "Expected purchases", options);
  aggregates.p_alive_grid =
      BuildFrequencyRecencyGrid(customers, customers.p_alive, "P(alive)", options);
  aggregates.holdout_by_frequency = BuildHoldoutByFrequency(customers, options);
  aggregates.top_customers = SelectTopCustomers(customers, options);
  return aggregates;
}

}  // namespace clv
