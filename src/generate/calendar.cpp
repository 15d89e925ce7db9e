// SPDX-License-Identifier: MIT
#include "generate/calendar.h"

#include <fmt/format.h>

#include <chrono>

#include "clv/error.h"

namespace clv::detail {
namespace {

bool ReadDigits(std::string_view text, std::size_t begin, std::size_t count, int* value) {
  *value = 0;
  for (std::size_t i = begin; i < begin + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    *value = *value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::int64_t ParseIsoDate(std::string_view text, std::string_view option) {
  int year = 0, month = 0, day = 0;
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      ReadDigits(text, 0, 4, &year) && ReadDigits(text, 5, 2, &month) &&
                      ReadDigits(text, 8, 2, &day);
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!shaped || !date.ok()) {
    throw InputError(fmt::format("{} must be a date YYYY-MM-DD, got '{}'", option, text));
  }
  return std::chrono::sys_days(date).time_since_epoch().count();
}

std::string FormatIsoDate(std::int64_t days_since_epoch) {
  const std::chrono::year_month_day date{
      std::chrono::sys_days(std::chrono::days(days_since_epoch))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

DateTable::DateTable(std::int64_t first_day, std::int64_t num_days) {
  text_.reserve(static_cast<std::size_t>(num_days) * kDateLength);
  for (std::int64_t offset = 0; offset < num_days; ++offset) {
    text_ += FormatIsoDate(first_day + offset);
  }
}

}  // namespace clv::detail
