// SPDX-License-Identifier: MIT
// Dates for the generated log: ISO parsing and fast formatting of days after a start date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clv::detail {

/// Days since 1970-01-01 of an ISO date "YYYY-MM-DD"; throws InputError naming `option` when
/// the text is not a valid date.
std::int64_t ParseIsoDate(std::string_view text, std::string_view option);

/// "YYYY-MM-DD" of the given days since 1970-01-01 (proleptic Gregorian calendar).
std::string FormatIsoDate(std::int64_t days_since_epoch);

/// The ISO dates of `num_days` consecutive days from `first_day`, formatted once so that writing
/// a row costs a copy of ten bytes.
class DateTable {
 public:
  static constexpr std::size_t kDateLength = 10;

  DateTable(std::int64_t first_day, std::int64_t num_days);

  /// The date `day_offset` days after the first, as ten characters.
  std::string_view Date(std::int64_t day_offset) const {
    return {text_.data() + static_cast<std::size_t>(day_offset) * kDateLength, kDateLength};
  }

 private:
  std::string text_;
};

}  // namespace clv::detail
