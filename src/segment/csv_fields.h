// SPDX-License-Identifier: MIT
// Splitting one line of a small CSV file (customer tables, rules) into fields, RFC 4180 quotes
// included. Large purchase logs go through the ingest stage instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clv::detail {

/// The fields of `line` (without its line break). Returns false for an unbalanced quote.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields);

/// `text` with leading and trailing blanks and a trailing carriage return removed.
std::string_view TrimBlanks(std::string_view text);

}  // namespace clv::detail
