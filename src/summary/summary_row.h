// SPDX-License-Identifier: MIT
// The summary row of one customer from the facts of its purchase periods (REFERENCE.md §2.1),
// shared by the batch summary and the service's live customer state:
//   frequency      = distinct purchase periods - 1
//   recency        = last - first purchase period
//   T (age)        = end of the window - first purchase period
//   monetary_value = (spend - first-period spend) / frequency, 0 without repeats
#pragma once

#include <cstdint>

#include "clv/ingest.h"
#include "summary/periods.h"

namespace clv::detail {

/// One customer's summary in the business words of SummaryTable.
struct CustomerRow {
  double frequency = 0.0;
  double recency = 0.0;
  double age = 0.0;
  double monetary_value = 0.0;
  double frequency_holdout = 0.0;
  double monetary_value_holdout = 0.0;
  double duration_holdout = 0.0;
};

/// What a row is made of: the window's purchase periods of one customer and their spend
/// (fixed point, kAmountScale per unit).
struct PurchasePeriods {
  std::int32_t first_period = 0;
  std::int32_t last_period = 0;
  std::int64_t repeat_periods = 0;  ///< distinct periods after the first
  std::int64_t spend = 0;           ///< all spend in the window
  std::int64_t first_period_spend = 0;
};

/// The calibration columns of the row of `periods` in a window ending with `end_period`.
inline CustomerRow SummaryRowOf(const PurchasePeriods& periods, std::int32_t end_period,
                                const PeriodScale& scale) {
  CustomerRow row;
  row.frequency = static_cast<double>(periods.repeat_periods);
  row.recency = scale.Duration(periods.first_period, periods.last_period);
  row.age = scale.Duration(periods.first_period, end_period);
  if (periods.repeat_periods > 0) {
    row.monetary_value =
        static_cast<double>(periods.spend - periods.first_period_spend) /
        (static_cast<double>(kAmountScale) * static_cast<double>(periods.repeat_periods));
  }
  return row;
}

}  // namespace clv::detail
