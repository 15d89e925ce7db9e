// SPDX-License-Identifier: MIT
// One customer's purchases turned into a summary row (frequency, recency, T, monetary value) as
// of an observation end, with the conventions of `clv summary` (REFERENCE.md §2.1): purchases
// are floored to periods by summary/periods.h, purchases in one period merge, refunds net
// against their period (RefundRule::kNet), and summary/summary_row.h makes the row.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "serve/customer_book.h"
#include "summary/periods.h"

namespace clv::detail {

/// The summary row of one customer, in the business words of SummaryTable.
struct HistoryRow {
  double frequency = 0;
  double recency = 0;
  double age = 0;
  double monetary_value = 0;
  std::int64_t transactions = 0;  ///< purchases up to the observation end
};

/// The row of `purchases` (sorted by time) observed up to `observation_end` (Unix seconds,
/// inclusive); nullopt when the first purchase comes after it.
std::optional<HistoryRow> SummarizeHistory(std::span<const Purchase> purchases,
                                           std::int64_t observation_end, const PeriodScale& scale);

}  // namespace clv::detail
