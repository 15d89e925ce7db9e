// SPDX-License-Identifier: MIT
#include "clv/error.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

namespace clv {

std::string QuoteForMessage(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars) + 3);
  for (char c : text) {
    if (out.size() >= max_chars) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) {
      out += "\\0";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatInputProblem(const InputLocation& where, const std::string& problem,
                               const std::string& hint) {
  std::string message;
  if (!where.file.empty()) {
    message += where.file;
    if (where.line > 0) message += fmt::format(":{}", where.line);
    message += ": ";
  } else if (where.line > 0) {
    message += fmt::format("line {}: ", where.line);
  }
  if (!where.column.empty()) message += fmt::format("column '{}': ", where.column);
  message += problem;
  if (!where.text.empty()) message += fmt::format(" '{}'", QuoteForMessage(where.text));
  if (!hint.empty()) message += fmt::format(" ({})", hint);
  return message;
}

InputError::InputError(const InputLocation& where, const std::string& problem,
                       const std::string& hint)
    : Error(FormatInputProblem(where, problem, hint)), location_(where), problem_(problem) {}

namespace detail {

void FailCheck(const char* condition, const char* file, int line, const char* message) {
  std::fprintf(stderr, "clv: internal error (a bug in clv, please report it): %s:%d: %s: %s\n",
               file, line, condition, message);
  std::abort();
}

}  // namespace detail
}  // namespace clv
