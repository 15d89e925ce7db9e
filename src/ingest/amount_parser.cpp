// SPDX-License-Identifier: MIT
#include "ingest/amount_parser.h"

#include <array>

#include "clv/ingest.h"

namespace clv::detail {
namespace {

constexpr int kScaleDigits = 6;  // kAmountScale = 10^6
constexpr int kMaxIntegerDigits = 12;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// Removes one currency symbol at the front (or back) of `text`; true when one was there.
bool StripCurrency(std::string_view* text, bool at_front) {
  static constexpr std::array<std::string_view, 4> kSymbols = {"$", "\xE2\x82\xAC", "\xC2\xA3",
                                                               "\xC2\xA5"};
  for (std::string_view symbol : kSymbols) {
    if (at_front && text->starts_with(symbol)) {
      text->remove_prefix(symbol.size());
      *text = TrimBlanks(*text);
      return true;
    }
    if (!at_front && text->ends_with(symbol)) {
      text->remove_suffix(symbol.size());
      *text = TrimBlanks(*text);
      return true;
    }
  }
  return false;
}

bool StripSign(std::string_view* text, bool* negative) {
  if (text->empty() || (text->front() != '-' && text->front() != '+')) return false;
  *negative = text->front() == '-';
  text->remove_prefix(1);
  return true;
}

}  // namespace

bool ParseAmount(std::string_view text, std::int64_t* fixed_point) {
  text = TrimBlanks(text);
  bool negative = false;
  // "-$5", "$-5", "5$", "-5 €": at most one sign and one symbol, the sign first or after the
  // leading symbol.
  const bool leading_sign = StripSign(&text, &negative);
  const bool leading_symbol = StripCurrency(&text, true);
  if (!leading_sign && leading_symbol) StripSign(&text, &negative);
  if (!leading_symbol) StripCurrency(&text, false);

  std::int64_t integer_part = 0;
  std::size_t pos = 0;
  int integer_digits = 0;
  while (pos < text.size() && IsDigit(text[pos])) {
    if (++integer_digits > kMaxIntegerDigits) return false;
    integer_part = integer_part * 10 + (text[pos] - '0');
    ++pos;
  }
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  bool round_up = false;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos])) {
      if (fraction_digits < kScaleDigits) {
        fraction = fraction * 10 + (text[pos] - '0');
      } else if (fraction_digits == kScaleDigits) {
        round_up = text[pos] >= '5';
      }
      ++fraction_digits;
      ++pos;
    }
  }
  if (pos != text.size() || integer_digits + fraction_digits == 0) return false;
  for (int digit = std::min(fraction_digits, kScaleDigits); digit < kScaleDigits; ++digit) {
    fraction *= 10;
  }
  const std::int64_t magnitude = integer_part * kAmountScale + fraction + (round_up ? 1 : 0);
  *fixed_point = negative ? -magnitude : magnitude;
  return true;
}

}  // namespace clv::detail
