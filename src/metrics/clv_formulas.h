// SPDX-License-Identifier: MIT
// The closed-form business CLV formulas of REFERENCE.md §12, kept apart from the bookkeeping
// that measures their inputs so that they can be checked against the published examples.
#pragma once

#include <cmath>
#include <optional>

namespace clv::detail {

/// §12.1: average order value x purchases per year x lifespan in years x margin.
inline double SimpleClv(double average_order_value, double purchases_per_year,
                        double lifespan_years, double margin) {
  return average_order_value * purchases_per_year * lifespan_years * margin;
}

/// §12.1: expected lifespan 1 / (1 - r) periods under constant retention r, first period
/// counted; unset when r >= 1 (nobody leaves).
inline std::optional<double> ExpectedLifespanPeriods(double retention_rate) {
  if (retention_rate >= 1.0) return std::nullopt;
  return 1.0 / (1.0 - retention_rate);
}

/// §12.2 formula (2): the multiple r / (1 + d - r) of the margin per period (first margin
/// excluded, cash at period ends, infinite horizon); unset when d = 0 and r = 1.
inline std::optional<double> RetentionMultiple(double retention_rate, double discount_rate) {
  const double denominator = 1.0 + discount_rate - retention_rate;
  if (denominator <= 0.0) return std::nullopt;
  return retention_rate / denominator;
}

/// The same multiple truncated to `horizon_periods` periods: sum_{t=1..H} k^t with
/// k = r / (1 + d), summed in closed form k (1 - k^H) / (1 - k).
inline double FiniteHorizonRetentionMultiple(double retention_rate, double discount_rate,
                                             int horizon_periods) {
  const double k = retention_rate / (1.0 + discount_rate);
  const double horizon = horizon_periods;
  if (std::abs(1.0 - k) < 1e-12) return horizon;
  return k * (1.0 - std::pow(k, horizon)) / (1.0 - k);
}

}  // namespace clv::detail
