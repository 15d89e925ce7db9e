// SPDX-License-Identifier: MIT
// The per-customer summary every model is fitted on: one row per customer, in business words.
//
// Mapping to the papers' notation (REFERENCE.md §1.2), stated once:
//   frequency      = x    repeat purchase periods (distinct purchase periods - 1)
//   recency        = t_x  time from the first to the last purchase (0 when frequency = 0)
//   age            = T    time from the first purchase to the end of observation
//                         (for BG/BB: n, the number of transaction opportunities)
//   monetary_value = zbar mean spend of the repeat periods, first period excluded
// Durations are in `unit` (days, weeks, months or hours).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clv {

enum class TimeUnit { kDay, kWeek, kMonth, kHour };

/// "day", "week", "month", "hour".
std::string_view ToString(TimeUnit unit);
/// Parses the names above (also "days", "weeks", ...); throws InputError otherwise.
TimeUnit ParseTimeUnit(std::string_view text);

/// Model time units per month in lifetimes' CLV convention (REFERENCE.md §2.2): 30, 4.345, 1, 720.
double UnitsPerMonth(TimeUnit unit);

/// Columns of a customer summary. All vectors have one entry per customer, in row order.
struct SummaryTable {
  TimeUnit unit = TimeUnit::kDay;
  std::vector<std::string> customer_ids;
  std::vector<double> frequency;
  std::vector<double> recency;
  std::vector<double> age;
  std::vector<double> monetary_value;  ///< all zero when the log had no amount column

  /// Number of customers each row stands for; empty means 1 each. Read from a `weight`,
  /// `weights` or `count` column so that collapsed input can be fed back in.
  std::vector<double> weight;

  /// Holdout columns, present after a calibration/holdout split.
  bool has_holdout = false;
  std::vector<double> frequency_holdout;
  std::vector<double> monetary_value_holdout;
  std::vector<double> duration_holdout;

  std::size_t size() const { return frequency.size(); }
  double WeightOf(std::size_t row) const { return weight.empty() ? 1.0 : weight[row]; }
};

}  // namespace clv
