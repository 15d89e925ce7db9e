// SPDX-License-Identifier: MIT
#include "segment/csv_fields.h"

namespace clv::detail {

std::string_view TrimBlanks(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields) {
  fields->clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      field += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields->push_back(std::string(TrimBlanks(field)));
      field.clear();
    } else {
      field += c;
    }
  }
  fields->push_back(std::string(TrimBlanks(field)));
  return !quoted;
}

}  // namespace clv::detail
