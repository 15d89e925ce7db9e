// SPDX-License-Identifier: MIT
// Guesses the delimiter and whether the first line is a header from the first lines of a file.
#pragma once

#include <string>
#include <string_view>

#include "clv/ingest.h"
#include "ingest/date_parser.h"

namespace clv::detail {

struct Dialect {
  char delimiter = ',';  ///< or kWhitespaceDelimiter
  bool has_header = false;
};

/// The delimiter: the one of , tab ; | found the same number of times (outside quotes) on each
/// of the first lines, preferring the most frequent; runs of blanks when none is. The header:
/// present when no field of the first record reads as a number or a date.
/// `options.delimiter` and `options.header` override either guess.
Dialect DetectDialect(std::string_view sample, const IngestOptions& options,
                      const DateFormat* date_format);

/// The delimiter character of `delimiter` (kWhitespaceDelimiter for runs of blanks).
char DelimiterCharacter(Delimiter delimiter);

}  // namespace clv::detail
