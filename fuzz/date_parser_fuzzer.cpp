// SPDX-License-Identifier: MIT
// Arbitrary text through the automatic date recognition and through a format built from the
// input itself. Whatever parses must be a day the calendar functions map back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "clv/error.h"
#include "ingest/amount_parser.h"
#include "ingest/civil_time.h"
#include "ingest/date_parser.h"

namespace {

void CheckRoundTrip(std::int64_t seconds) {
  const std::int64_t day = clv::detail::FloorDivide(seconds, clv::detail::kSecondsPerDay);
  const clv::detail::CivilDate date = clv::detail::CivilFromDays(day);
  if (date.year < 0 || date.year > 10000) __builtin_trap();
  if (clv::detail::DaysFromCivil(date.year, date.month, date.day) != day) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  clv::detail::ParsedTimestamp parsed;
  if (clv::detail::ParseTimestampAuto(text, &parsed)) CheckRoundTrip(parsed.seconds);

  std::int64_t amount = 0;
  clv::detail::ParseAmount(text, &amount);

  // The first line is a format, the rest the text to read with it.
  const std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return 0;
  try {
    const clv::detail::DateFormat format(text.substr(0, newline));
    if (format.Parse(text.substr(newline + 1), &parsed)) CheckRoundTrip(parsed.seconds);
  } catch (const clv::InputError&) {
    // An unsupported directive is a user error, reported as such.
  }
  return 0;
}
