// SPDX-License-Identifier: MIT
#include "serve/customer_history.h"

#include <algorithm>

#include "summary/summary_row.h"

namespace clv::detail {

std::optional<HistoryRow> SummarizeHistory(std::span<const Purchase> purchases,
                                           std::int64_t observation_end, const PeriodScale& scale) {
  const auto observed_end = std::upper_bound(
      purchases.begin(), purchases.end(), observation_end,
      [](std::int64_t end, const Purchase& purchase) { return end < purchase.timestamp; });
  const std::span<const Purchase> observed(purchases.begin(), observed_end);
  if (observed.empty()) return std::nullopt;

  // Sorted by time, so periods are non-decreasing: each change of period is a new purchase
  // period, and the first period's spend is the run at the front.
  const std::int32_t first_period = scale.PeriodOf(observed.front().timestamp);
  std::int32_t last_period = first_period;
  std::int64_t repeat_periods = 0;
  std::int64_t first_period_spend = 0;
  std::int64_t total_spend = 0;
  for (const Purchase& purchase : observed) {
    const std::int32_t period = scale.PeriodOf(purchase.timestamp);
    if (period != last_period) ++repeat_periods;
    last_period = period;
    if (period == first_period) first_period_spend += purchase.amount;
    total_spend += purchase.amount;
  }

  const CustomerRow summary = SummaryRowOf({.first_period = first_period,
                                            .last_period = last_period,
                                            .repeat_periods = repeat_periods,
                                            .spend = total_spend,
                                            .first_period_spend = first_period_spend},
                                           scale.PeriodOf(observation_end), scale);
  HistoryRow row{.frequency = summary.frequency,
                 .recency = summary.recency,
                 .age = summary.age,
                 .monetary_value = summary.monetary_value};
  row.transactions = static_cast<std::int64_t>(observed.size());
  return row;
}

}  // namespace clv::detail
