// SPDX-License-Identifier: MIT
// Days and calendar periods: Unix seconds -> day number -> month, quarter or year index, and
// the labels printed for them. All dates are UTC, proleptic Gregorian.
#pragma once

#include <cstdint>
#include <string>

#include "clv/metrics.h"

namespace clv::detail {

inline constexpr std::int64_t kSecondsPerDay = 86400;
inline constexpr double kDaysPerYear = 365.25;

/// Days since 1970-01-01 of a Unix timestamp, rounded down (negative before 1970).
inline std::int64_t DayOfTimestamp(std::int64_t unix_seconds) {
  const std::int64_t day = unix_seconds / kSecondsPerDay;
  return (unix_seconds % kSecondsPerDay < 0) ? day - 1 : day;
}

struct CivilDate {
  std::int64_t year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
};

/// The calendar date of a day number.
CivilDate CivilDateOfDay(std::int64_t day);

/// "YYYY-MM-DD".
std::string FormatDay(std::int64_t day);

/// Index of the period holding `day`, counted from 1970 (month 0 = 1970-01, quarter 0 =
/// 1970-Q1, year 0 = 1970), so consecutive periods have consecutive indices.
std::int64_t PeriodOfDay(std::int64_t day, CalendarPeriod period);

/// "1997-01", "1997-Q1" or "1997" for a period index.
std::string PeriodLabel(std::int64_t period_index, CalendarPeriod period);

}  // namespace clv::detail
