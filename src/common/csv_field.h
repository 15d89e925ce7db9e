// SPDX-License-Identifier: MIT
// Writing one CSV field (RFC 4180), shared by every CSV writer of clv.
#pragma once

#include <string>
#include <string_view>

namespace clv::detail {

/// Appends `text` to `out`, quoted (with quotes doubled) when it holds a comma, a quote or a
/// line break, so that any reader following RFC 4180 reads back exactly `text`.
inline void AppendCsvField(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace clv::detail
