// SPDX-License-Identifier: MIT
// The concentration curve of customer value: customers ranked from the most to the least
// valuable, the share of the total held by the top share of customers, and the Gini coefficient
// G = sum_j (n + 1 - 2 j) v_(j) / (n sum v) over values sorted in descending order (j = 1..n),
// which equals one minus twice the area under the Lorenz curve.
#include <fmt/format.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "clv/error.h"
#include "clv/report_builder.h"
#include "report/customer_columns.h"

namespace clv {
namespace {

void RequireNonNegative(std::span<const double> values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] < 0.0) {
      throw InputError(fmt::format(
          "report aggregation: the concentration curve needs values >= 0, got {} at customer "
          "position {}",
          values[i], i));
    }
  }
}

// Sorting yields the same sequence whatever the thread count, so every sum below, taken in
// that order, is deterministic.
std::vector<double> SortedDescending(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  tbb::parallel_sort(sorted.begin(), sorted.end(), std::greater<>());
  return sorted;
}

// top_value[k]: total of the k most valuable customers.
std::vector<long double> TopValueTotals(const std::vector<double>& sorted) {
  std::vector<long double> totals(sorted.size() + 1, 0.0L);
  for (std::size_t k = 0; k < sorted.size(); ++k)
    totals[k + 1] = totals[k] + sorted[k];
  return totals;
}

double Gini(const std::vector<double>& sorted, long double total) {
  const auto n = static_cast<long double>(sorted.size());
  long double weighted = 0.0L;
  for (std::size_t j = 0; j < sorted.size(); ++j) {
    weighted += (n - 2.0L * static_cast<long double>(j) - 1.0L) * sorted[j];
  }
  return static_cast<double>(weighted / (n * total));
}

}  // namespace

Concentration BuildConcentration(std::span<const double> values,
                                 const ReportAggregationOptions& options) {
  options.Validate();
  detail::RequireFinite(values, "clv");
  RequireNonNegative(values);
  Concentration concentration;
  if (values.empty()) return concentration;

  const std::vector<double> sorted = SortedDescending(values);
  const std::vector<long double> top_value = TopValueTotals(sorted);
  const long double total = top_value.back();
  const auto num_customers = static_cast<double>(sorted.size());
  // Share of the total held by the top `customer_share` of customers; with a total of zero
  // every customer is worth the same (nothing), so the curve is the diagonal.
  const auto value_share = [&](double customer_share) {
    const auto count = static_cast<std::size_t>(std::llround(customer_share * num_customers));
    if (total <= 0.0L) return customer_share;
    return static_cast<double>(top_value[count] / total);
  };

  const int last_point = options.concentration_points - 1;
  for (int point = 0; point <= last_point; ++point) {
    const double customer_share = static_cast<double>(point) / last_point;
    concentration.points.push_back({customer_share, value_share(customer_share)});
  }
  concentration.top20_share = value_share(0.2);
  concentration.gini = total > 0.0L ? Gini(sorted, total) : 0.0;
  return concentration;
}

}  // namespace clv
