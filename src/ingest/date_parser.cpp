// SPDX-License-Identifier: MIT
#include "ingest/date_parser.h"

#include <array>
#include <cctype>

#include "clv/error.h"
#include "ingest/civil_time.h"

namespace clv::detail {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr std::int64_t kMinSeconds = DaysFromCivil(kMinYear, 1, 1) * kSecondsPerDay;
constexpr std::int64_t kMaxSeconds = DaysFromCivil(kMaxYear + 1, 1, 1) * kSecondsPerDay - 1;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// A read position in the text with the small readers every format needs.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Accept(char c) {
    if (Peek() != c || AtEnd()) return false;
    ++pos_;
    return true;
  }
  void SkipBlanks() {
    while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t'))
      ++pos_;
  }

  /// Exactly `count` digits.
  bool Digits(int count, int* value) {
    if (pos_ + static_cast<std::size_t>(count) > text_.size()) return false;
    int result = 0;
    for (int i = 0; i < count; ++i) {
      const char c = text_[pos_ + static_cast<std::size_t>(i)];
      if (!IsDigit(c)) return false;
      result = result * 10 + (c - '0');
    }
    pos_ += static_cast<std::size_t>(count);
    *value = result;
    return true;
  }

  /// One to `max_count` digits.
  bool UpToDigits(int max_count, int* value) {
    int result = 0;
    int count = 0;
    while (count < max_count && IsDigit(Peek())) {
      result = result * 10 + (text_[pos_] - '0');
      ++pos_;
      ++count;
    }
    *value = result;
    return count > 0;
  }

  /// An optionally signed integer of at most 12 digits.
  bool SignedInteger(std::int64_t* value) {
    const bool negative = Accept('-');
    if (!negative) Accept('+');
    std::int64_t result = 0;
    int count = 0;
    while (count < 12 && IsDigit(Peek())) {
      result = result * 10 + (text_[pos_] - '0');
      ++pos_;
      ++count;
    }
    *value = negative ? -result : result;
    return count > 0;
  }

  void SkipDigits() {
    while (IsDigit(Peek()))
      ++pos_;
  }

  /// A month name or its three-letter abbreviation, in English, any case.
  bool MonthName(int* month) {
    static constexpr std::array<std::string_view, 12> kNames = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (int index = 0; index < 12; ++index) {
      const std::string_view name = kNames[static_cast<std::size_t>(index)];
      std::size_t matched = 0;
      while (matched < name.size() && pos_ + matched < text_.size() &&
             std::tolower(static_cast<unsigned char>(text_[pos_ + matched])) == name[matched]) {
        ++matched;
      }
      if (matched == name.size() ||
          (matched == 3 && !std::isalpha(static_cast<unsigned char>(
                               pos_ + 3 < text_.size() ? text_[pos_ + 3] : ' ')))) {
        pos_ += matched;
        *month = index + 1;
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Fields of a date-time before they are checked and combined.
struct Fields {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int day_of_year = 0;  // %j, 1-based; 0 when absent
  int offset_seconds = 0;
  bool has_time = false;
  bool is_unix_seconds = false;  // %s
  std::int64_t unix_seconds = 0;
};

bool ToTimestamp(const Fields& fields, ParsedTimestamp* parsed) {
  if (fields.is_unix_seconds) {
    parsed->seconds = fields.unix_seconds;
    parsed->has_time = true;
    return fields.unix_seconds >= kMinSeconds && fields.unix_seconds <= kMaxSeconds;
  }
  if (fields.year < kMinYear || fields.year > kMaxYear) return false;
  if (fields.hour > 23 || fields.minute > 59 || fields.second > 60) return false;
  std::int64_t days = 0;
  if (fields.day_of_year > 0) {
    if (fields.day_of_year > (IsLeapYear(fields.year) ? 366 : 365)) return false;
    days = DaysFromCivil(fields.year, 1, 1) + fields.day_of_year - 1;
  } else {
    if (fields.month < 1 || fields.month > 12) return false;
    if (fields.day < 1 || fields.day > DaysInMonth(fields.year, fields.month)) return false;
    days = DaysFromCivil(fields.year, fields.month, fields.day);
  }
  // A leap second (:60) is read as the last second of its minute.
  const int second = fields.second == 60 ? 59 : fields.second;
  parsed->seconds = days * kSecondsPerDay + fields.hour * 3600 + fields.minute * 60 + second -
                    fields.offset_seconds;
  parsed->has_time = fields.has_time;
  return true;
}

// 'Z', or +HH, +HH:MM, +HHMM (also with '-').
bool ReadUtcOffset(Cursor& cursor, int* offset_seconds) {
  if (cursor.Accept('Z') || cursor.Accept('z')) return true;
  const bool negative = cursor.Peek() == '-';
  if (!cursor.Accept('+') && !cursor.Accept('-')) return false;
  int hours = 0;
  int minutes = 0;
  if (!cursor.Digits(2, &hours)) return false;
  if (cursor.Accept(':')) {
    if (!cursor.Digits(2, &minutes)) return false;
  } else if (IsDigit(cursor.Peek())) {
    if (!cursor.Digits(2, &minutes)) return false;
  }
  if (hours > 23 || minutes > 59) return false;
  *offset_seconds = (negative ? -1 : 1) * (hours * 3600 + minutes * 60);
  return true;
}

// HH:MM[:SS[.fraction]]
bool ReadTimeOfDay(Cursor& cursor, Fields* fields) {
  if (!cursor.Digits(2, &fields->hour) || !cursor.Accept(':') ||
      !cursor.Digits(2, &fields->minute)) {
    return false;
  }
  if (cursor.Accept(':')) {
    if (!cursor.Digits(2, &fields->second)) return false;
    if (cursor.Accept('.') || cursor.Accept(',')) {
      if (!IsDigit(cursor.Peek())) return false;
      cursor.SkipDigits();
    }
  }
  fields->has_time = true;
  return true;
}

bool ParseIso(std::string_view text, ParsedTimestamp* parsed) {
  Cursor cursor(text);
  Fields fields;
  if (!cursor.Digits(4, &fields.year)) return false;
  const char separator = cursor.Peek();
  if (separator != '-' && separator != '/') return false;
  cursor.Accept(separator);
  if (!cursor.Digits(2, &fields.month) || !cursor.Accept(separator) ||
      !cursor.Digits(2, &fields.day)) {
    return false;
  }
  if (cursor.Accept('T') || cursor.Accept(' ')) {
    if (!ReadTimeOfDay(cursor, &fields)) return false;
    if (!cursor.AtEnd() && !ReadUtcOffset(cursor, &fields.offset_seconds)) return false;
  }
  return cursor.AtEnd() && ToTimestamp(fields, parsed);
}

bool ParseCompactDate(std::string_view text, ParsedTimestamp* parsed) {
  Cursor cursor(text);
  Fields fields;
  return cursor.Digits(4, &fields.year) && cursor.Digits(2, &fields.month) &&
         cursor.Digits(2, &fields.day) && cursor.AtEnd() && ToTimestamp(fields, parsed);
}

bool ParseUnixSeconds(std::string_view text, ParsedTimestamp* parsed) {
  std::size_t pos = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) ++pos;
  const std::size_t digits_begin = pos;
  std::int64_t value = 0;
  while (pos < text.size() && IsDigit(text[pos])) {
    if (pos - digits_begin >= 12) return false;  // beyond year 9999 anyway
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  if (pos == digits_begin) return false;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos]))
      ++pos;
  }
  if (pos != text.size()) return false;
  // Truncation toward minus infinity keeps a fraction before 1970 in its own second.
  const bool has_fraction =
      text.find('.') != std::string_view::npos &&
      text.find_first_not_of("0", text.find('.') + 1) != std::string_view::npos;
  value = negative ? -value - (has_fraction ? 1 : 0) : value;
  if (value < kMinSeconds || value > kMaxSeconds) return false;
  parsed->seconds = value;
  parsed->has_time = true;
  return true;
}

}  // namespace

bool ParseTimestampAuto(std::string_view text, ParsedTimestamp* parsed) {
  if (text.size() >= 10 && (text[4] == '-' || text[4] == '/')) return ParseIso(text, parsed);
  // Eight digits are always YYYYMMDD: as Unix seconds they would fall in 1970-1973.
  if (text.size() == 8) return ParseCompactDate(text, parsed);
  return ParseUnixSeconds(text, parsed);
}

DateFormat::DateFormat(std::string_view format) : format_(format) {
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      steps_.push_back({0, format[i]});
      continue;
    }
    if (++i == format.size()) {
      throw InputError("--date-format '" + format_ + "' ends with a lone '%'");
    }
    const char directive = format[i];
    switch (directive) {
      case 'F':
        for (char c : std::string_view("Y-m-d"))
          steps_.push_back({c == '-' ? '\0' : c, c});
        break;
      case 'T':
        for (char c : std::string_view("H:M:S"))
          steps_.push_back({c == ':' ? '\0' : c, c});
        break;
      case '%':
        steps_.push_back({0, '%'});
        break;
      case 'Y':
      case 'y':
      case 'm':
      case 'd':
      case 'e':
      case 'H':
      case 'M':
      case 'S':
      case 'f':
      case 'z':
      case 'b':
      case 'B':
      case 'h':
      case 'j':
      case 's':
        steps_.push_back({directive, 0});
        break;
      default:
        throw InputError("--date-format '" + format_ + "': unsupported directive '%" +
                         std::string(1, directive) +
                         "' (supported: %Y %y %m %d %e %H %M %S %f %z %b %B %j %s %F %T %%)");
    }
  }
}

bool DateFormat::Parse(std::string_view text, ParsedTimestamp* parsed) const {
  Cursor cursor(text);
  Fields fields;
  for (const Step& step : steps_) {
    bool ok = true;
    switch (step.directive) {
      case 0:
        if (step.literal == ' ') {
          cursor.SkipBlanks();
        } else {
          ok = cursor.Accept(step.literal);
        }
        break;
      case 'Y':
        ok = cursor.Digits(4, &fields.year);
        break;
      case 'y':
        // POSIX: 69-99 are 1969-1999, 00-68 are 2000-2068.
        ok = cursor.Digits(2, &fields.year);
        fields.year += fields.year < 69 ? 2000 : 1900;
        break;
      case 'm':
        ok = cursor.UpToDigits(2, &fields.month);
        break;
      case 'd':
      case 'e':
        cursor.SkipBlanks();
        ok = cursor.UpToDigits(2, &fields.day);
        break;
      case 'H':
        ok = cursor.UpToDigits(2, &fields.hour);
        fields.has_time = true;
        break;
      case 'M':
        ok = cursor.UpToDigits(2, &fields.minute);
        break;
      case 'S':
        ok = cursor.UpToDigits(2, &fields.second);
        break;
      case 'f':
        ok = IsDigit(cursor.Peek());
        cursor.SkipDigits();
        break;
      case 'z':
        ok = ReadUtcOffset(cursor, &fields.offset_seconds);
        break;
      case 'b':
      case 'B':
      case 'h':
        ok = cursor.MonthName(&fields.month);
        break;
      case 'j':
        ok = cursor.UpToDigits(3, &fields.day_of_year);
        break;
      case 's':
        ok = cursor.SignedInteger(&fields.unix_seconds);
        fields.is_unix_seconds = true;
        break;
      default:
        ok = false;
    }
    if (!ok) return false;
  }
  return cursor.AtEnd() && ToTimestamp(fields, parsed);
}

}  // namespace clv::detail
