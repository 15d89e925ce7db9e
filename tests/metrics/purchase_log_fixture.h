// SPDX-License-Identifier: MIT
// Small hand-computed purchase logs shared by the metrics tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "clv/metrics.h"

namespace clv::testing {

/// Unix seconds of noon UTC on a calendar date.
inline std::int64_t Noon(int year, unsigned month, unsigned day) {
  const std::chrono::sys_days date = std::chrono::year{year} / month / day;
  return std::chrono::duration_cast<std::chrono::seconds>(date.time_since_epoch()).count() +
         12 * 3600;
}

/// Unix seconds of the last second of a calendar date.
inline std::int64_t EndOfDay(int year, unsigned month, unsigned day) {
  return Noon(year, month, day) + 12 * 3600 - 1;
}

struct FixtureRow {
  std::string customer;
  std::int64_t timestamp;
  std::int64_t cents;
  std::string channel;
};

/// The four-month log worked out by hand in metrics_fixture_test.cpp:
///  A  web    2024-01-05 10.00 (web) and 5.00 (store) an hour later (one order), 02-10 20.00,
///  04-02 30.00 (a gap in March) B  store  2024-01-20 40.00, 01-25 refund -10.00 C  web
///  2024-02-03 25.00, 03-03 25.00 D  ads    2024-04-30 50.00 (the only order, on the last day) E
///  store  2024-03-10 refund -5.00 and nothing else (not a customer)
inline std::vector<FixtureRow> FourMonthRows() {
  return {{"A", Noon(2024, 1, 5) - 3600, 1000, "web"}, {"A", Noon(2024, 1, 5), 500, "store"},
          {"A", Noon(2024, 2, 10), 2000, "store"},     {"A", Noon(2024, 4, 2), 3000, "web"},
          {"B", Noon(2024, 1, 20), 4000, "store"},     {"B", Noon(2024, 1, 25), -1000, "store"},
          {"C", Noon(2024, 2, 3), 2500, "web"},        {"C", Noon(2024, 3, 3), 2500, "web"},
          {"D", Noon(2024, 4, 30), 5000, "ads"},       {"E", Noon(2024, 3, 10), -500, "store"}};
}

inline PurchaseLog LogOf(const std::vector<FixtureRow>& rows, bool with_channels) {
  PurchaseLogBuilder builder;
  for (const FixtureRow& row : rows) {
    if (with_channels) {
      builder.Add(row.customer, row.timestamp, row.cents, row.channel);
    } else {
      builder.Add(row.customer, row.timestamp, row.cents);
    }
  }
  return builder.Release();
}

/// Options that end the window on 2024-04-30 with a 10 % discount rate per month.
inline MetricsOptions FourMonthOptions() {
  MetricsOptions options;
  options.observation_end = EndOfDay(2024, 4, 30);
  options.discount_rate = 0.1;
  options.horizon_periods = 3;
  return options;
}

}  // namespace clv::testing
