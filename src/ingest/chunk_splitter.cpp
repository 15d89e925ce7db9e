// SPDX-License-Identifier: MIT
#include "ingest/chunk_splitter.h"

#include <algorithm>
#include <cstring>

namespace clv::detail {
namespace {

std::size_t CountQuotes(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '"'));
}

}  // namespace

std::size_t CompleteRecordsLength(std::string_view buffer) {
  std::size_t newline = buffer.rfind('\n');
  if (newline == std::string_view::npos) return 0;
  // Fast path: no quote at all before the last line break.
  std::size_t quotes = CountQuotes(buffer.substr(0, newline));
  while (quotes % 2 != 0) {
    // This line break is inside quotes; step back to the previous one.
    const std::size_t previous =
        newline == 0 ? std::string_view::npos : buffer.rfind('\n', newline - 1);
    if (previous == std::string_view::npos) return 0;
    quotes -= CountQuotes(buffer.substr(previous, newline - previous));
    newline = previous;
  }
  return newline + 1;
}

}  // namespace clv::detail
