// SPDX-License-Identifier: MIT
#include <string>

#include "clv/error.h"
#include "clv/summary_table.h"

namespace clv {

std::string_view ToString(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kDay:
      return "day";
    case TimeUnit::kWeek:
      return "week";
    case TimeUnit::kMonth:
      return "month";
    case TimeUnit::kHour:
      return "hour";
  }
  CLV_CHECK(false, "unknown TimeUnit");
}

TimeUnit ParseTimeUnit(std::string_view text) {
  if (text == "day" || text == "days" || text == "D") return TimeUnit::kDay;
  if (text == "week" || text == "weeks" || text == "W") return TimeUnit::kWeek;
  if (text == "month" || text == "months" || text == "M") return TimeUnit::kMonth;
  if (text == "hour" || text == "hours" || text == "H") return TimeUnit::kHour;
  throw InputError("time unit must be one of day, week, month, hour; got '" + std::string(text) +
                   "'");
}

double UnitsPerMonth(TimeUnit unit) {
  // lifetimes' customer_lifetime_value factors (REFERENCE.md §2.2).
  switch (unit) {
    case TimeUnit::kDay:
      return 30.0;
    case TimeUnit::kWeek:
      return 4.345;
    case TimeUnit::kMonth:
      return 1.0;
    case TimeUnit::kHour:
      return 720.0;
  }
  CLV_CHECK(false, "unknown TimeUnit");
}

}  // namespace clv
