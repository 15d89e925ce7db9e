// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "clv/error.h"
#include "clv/report_builder.h"

namespace clv {
namespace {

void RequireInRange(std::string_view name, int value, int low, int high) {
  if (value < low || value > high) {
    throw InputError(fmt::format("report aggregation option {} must be in [{}, {}], got {}", name,
                                 low, high, value));
  }
}

}  // namespace

void ReportAggregationOptions::Validate() const {
  constexpr int kUnbounded = 1'000'000;
  RequireInRange("histogram_bins", histogram_bins, 2, kUnbounded);
  if (!(histogram_tail_quantile > 0.0 && histogram_tail_quantile <= 1.0)) {
    throw InputError(
        fmt::format("report aggregation option histogram_tail_quantile must be in (0, 1], got {}",
                    histogram_tail_quantile));
  }
  RequireInRange("concentration_points", concentration_points, 2, 101);
  RequireInRange("max_frequency_rows", max_frequency_rows, 2, kUnbounded);
  RequireInRange("recency_columns", recency_columns, 1, kUnbounded);
  RequireInRange("holdout_max_frequency", holdout_max_frequency, 1, kUnbounded);
  RequireInRange("top_customers", top_customers, 0, 50);
}

}  // namespace clv
