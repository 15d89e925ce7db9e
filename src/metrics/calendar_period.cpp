// SPDX-License-Identifier: MIT
#include "metrics/calendar_period.h"

#include <fmt/format.h>

#include "clv/error.h"

namespace clv {

std::string_view ToString(CalendarPeriod period) {
  switch (period) {
    case CalendarPeriod::kMonth:
      return "month";
    case CalendarPeriod::kQuarter:
      return "quarter";
    case CalendarPeriod::kYear:
      return "year";
  }
  CLV_CHECK(false, "unknown CalendarPeriod");
}

CalendarPeriod ParseCalendarPeriod(std::string_view text) {
  if (text == "month") return CalendarPeriod::kMonth;
  if (text == "quarter") return CalendarPeriod::kQuarter;
  if (text == "year") return CalendarPeriod::kYear;
  throw InputError("period must be one of month, quarter, year; got '" + QuoteForMessage(text) +
                   "'");
}

int PeriodsPerYear(CalendarPeriod period) {
  switch (period) {
    case CalendarPeriod::kMonth:
      return 12;
    case CalendarPeriod::kQuarter:
      return 4;
    case CalendarPeriod::kYear:
      return 1;
  }
  CLV_CHECK(false, "unknown CalendarPeriod");
}

namespace detail {
namespace {

std::int64_t FloorDiv(std::int64_t numerator, std::int64_t denominator) {
  const std::int64_t quotient = numerator / denominator;
  return (numerator % denominator < 0) ? quotient - 1 : quotient;
}

std::int64_t MonthOfDay(std::int64_t day) {
  const CivilDate date = CivilDateOfDay(day);
  return (date.year - 1970) * 12 + (date.month - 1);
}

}  // namespace

CivilDate CivilDateOfDay(std::int64_t day) {
  // Days to civil date in 400-year eras that start on 0000-03-01, so that the leap day is the
  // last day of the shifted year.
  const std::int64_t shifted = day + 719468;
  const std::int64_t era = FloorDiv(shifted, 146097);
  const std::int64_t day_of_era = shifted - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int day_of_month = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {.year = year, .month = month, .day = day_of_month};
}

std::string FormatDay(std::int64_t day) {
  const CivilDate date = CivilDateOfDay(day);
  return fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
}

std::int64_t PeriodOfDay(std::int64_t day, CalendarPeriod period) {
  const std::int64_t month = MonthOfDay(day);
  switch (period) {
    case CalendarPeriod::kMonth:
      return month;
    case CalendarPeriod::kQuarter:
      return FloorDiv(month, 3);
    case CalendarPeriod::kYear:
      return FloorDiv(month, 12);
  }
  CLV_CHECK(false, "unknown CalendarPeriod");
}

std::string PeriodLabel(std::int64_t period_index, CalendarPeriod period) {
  switch (period) {
    case CalendarPeriod::kMonth:
      return fmt::format("{:04d}-{:02d}", 1970 + FloorDiv(period_index, 12),
                         period_index - 12 * FloorDiv(period_index, 12) + 1);
    case CalendarPeriod::kQuarter:
      return fmt::format("{:04d}-Q{}", 1970 + FloorDiv(period_index, 4),
                         period_index - 4 * FloorDiv(period_index, 4) + 1);
    case CalendarPeriod::kYear:
      return fmt::format("{:04d}", 1970 + period_index);
  }
  CLV_CHECK(false, "unknown CalendarPeriod");
}

}  // namespace detail
}  // namespace clv
