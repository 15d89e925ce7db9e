// SPDX-License-Identifier: MIT
// Turns date text into Unix seconds (UTC). Recognised without a format, per value:
//   ISO 8601 dates and date-times: YYYY-MM-DD (or YYYY/MM/DD), then optionally 'T' or ' ',
//   HH:MM[:SS[.fraction]], then optionally 'Z' or a UTC offset +HH[:MM] / -HHMM;
//   YYYYMMDD (exactly eight digits, never read as Unix seconds);
//   Unix seconds (any other run of digits, optionally signed, optionally with a fraction).
// A strftime-style format (DateFormat) replaces the automatic recognition. Fractions of a second
// are truncated; years run from 1 to 9999.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clv::detail {

struct ParsedTimestamp {
  std::int64_t seconds = 0;  ///< Unix seconds, UTC
  bool has_time = false;     ///< the text held a time of day (or was Unix seconds)
};

/// Automatic recognition (see above). Returns false when `text` is not a timestamp.
bool ParseTimestampAuto(std::string_view text, ParsedTimestamp* parsed);

/// A compiled strftime-style format: %Y %y %m %d %e %H %M %S %f %z %b %B %j %s %F %T %%; a blank
/// matches any run of blanks, other characters match themselves.
class DateFormat {
 public:
  /// Throws InputError for an unsupported directive.
  explicit DateFormat(std::string_view format);
  bool Parse(std::string_view text, ParsedTimestamp* parsed) const;
  const std::string& text() const { return format_; }

 private:
  struct Step {
    char directive;  // 0 for a literal
    char literal;
  };
  std::string format_;
  std::vector<Step> steps_;
};

/// Parses a column of dates with an optional format, remembering the last text it parsed: logs
/// hold runs of equal dates, and comparing a few bytes is cheaper than parsing them again.
class TimestampParser {
 public:
  explicit TimestampParser(const DateFormat* format) : format_(format) {}

  bool Parse(std::string_view text, std::int64_t* seconds) {
    if (text.size() == last_text_.size() && text == last_text_) {
      *seconds = last_seconds_;
      return true;
    }
    ParsedTimestamp parsed;
    const bool ok =
        format_ != nullptr ? format_->Parse(text, &parsed) : ParseTimestampAuto(text, &parsed);
    if (!ok) return false;
    last_text_.assign(text);
    last_seconds_ = parsed.seconds;
    *seconds = parsed.seconds;
    return true;
  }

 private:
  const DateFormat* format_;
  std::string last_text_;
  std::int64_t last_seconds_ = 0;
};

}  // namespace clv::detail
