// SPDX-License-Identifier: MIT
// Purchase periods (REFERENCE.md §2.1). Floored durations count whole periods of the unit, as
// lifetimes does after flooring timestamps with pandas' to_period: days and hours since the
// epoch, weeks that run Monday to Sunday, calendar months. Continuous durations keep day
// resolution (purchases on one day merge) and divide day differences by the unit's length.
#pragma once

#include <cstdint>

#include "clv/summary.h"
#include "ingest/civil_time.h"

namespace clv::detail {

class PeriodScale {
 public:
  PeriodScale(TimeUnit unit, DurationMode durations) : unit_(unit), durations_(durations) {}

  TimeUnit unit() const { return unit_; }

  /// The period `seconds` falls in: a day number in continuous mode, else a unit number.
  std::int32_t PeriodOf(std::int64_t seconds) const {
    const std::int64_t day = FloorDivide(seconds, kSecondsPerDay);
    if (durations_ == DurationMode::kContinuous) return static_cast<std::int32_t>(day);
    switch (unit_) {
      case TimeUnit::kDay:
        return static_cast<std::int32_t>(day);
      case TimeUnit::kHour:
        return static_cast<std::int32_t>(FloorDivide(seconds, 3600));
      // 1970-01-01 was a Thursday: Monday 1969-12-29 is day -3, the start of week 0.
      case TimeUnit::kWeek:
        return static_cast<std::int32_t>(FloorDivide(day + 3, 7));
      case TimeUnit::kMonth: {
        const CivilDate date = CivilFromDays(day);
        return date.year * 12 + date.month - 1;
      }
    }
    return 0;
  }

  /// The first instant (Unix seconds) of `period`, the inverse of PeriodOf.
  std::int64_t PeriodStart(std::int32_t period) const {
    if (durations_ == DurationMode::kContinuous) return period * kSecondsPerDay;
    switch (unit_) {
      case TimeUnit::kDay:
        return period * kSecondsPerDay;
      case TimeUnit::kHour:
        return std::int64_t{period} * 3600;
      case TimeUnit::kWeek:
        return (std::int64_t{period} * 7 - 3) * kSecondsPerDay;
      case TimeUnit::kMonth: {
        const std::int32_t year = static_cast<std::int32_t>(FloorDivide(period, 12));
        return DaysFromCivil(year, period - year * 12 + 1, 1) * kSecondsPerDay;
      }
    }
    return 0;
  }

  /// Periods per unit of time: 1 for floored durations, 7 for weeks counted in days, ...
  double PeriodsPerUnit() const {
    if (durations_ == DurationMode::kFloored) return 1.0;
    switch (unit_) {
      case TimeUnit::kDay:
        return 1.0;
      case TimeUnit::kWeek:
        return 7.0;
      case TimeUnit::kMonth:
        return kDaysPerMonth;
      case TimeUnit::kHour:
        return 1.0 / 24.0;
    }
    return 1.0;
  }

  /// A difference of two periods in units of time.
  double Duration(std::int32_t from, std::int32_t to) const {
    return static_cast<double>(to - from) / PeriodsPerUnit();
  }

 private:
  // Mean Gregorian month: 365.2425 / 12 days.
  static constexpr double kDaysPerMonth = 365.2425 / 12.0;

  TimeUnit unit_;
  DurationMode durations_;
};

}  // namespace clv::detail
