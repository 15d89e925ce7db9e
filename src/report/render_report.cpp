// SPDX-License-Identifier: MIT
// Assembles report.html from the inlined template, the chart libraries and the report data,
// and writes it atomically.
#include <map>
#include <string>
#include <string_view>

#include "clv/error.h"
#include "clv/report.h"
#include "common/atomic_file.h"
#include "report/report_assets.h"

namespace clv {
namespace {

// Text placed between <title> tags or in an attribute.
std::string EscapeHtml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// JSON placed inside <script type="application/json">. '<', '>' and '&' only occur inside
// JSON strings, where their \u escapes mean the same, so no label can close the element
// ("</script>") or open a comment ("<!--").
std::string EscapeJsonForScript(std::string_view json) {
  std::string escaped;
  escaped.reserve(json.size() + json.size() / 16);
  for (const char c : json) {
    switch (c) {
      case '<':
        escaped += "\\u003c";
        break;
      case '>':
        escaped += "\\u003e";
        break;
      case '&':
        escaped += "\\u0026";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string InlineScript(std::string_view code) {
  std::string element = "<script>";
  element += code;
  element += "</script>\n";
  return element;
}

// Replaces each @NAME@ of `page` by its value in one pass, so substituted text is never
// scanned again. Every placeholder of the template must be known.
std::string FillPlaceholders(std::string_view page,
                             const std::map<std::string, std::string, std::less<>>& values) {
  std::string filled;
  filled.reserve(page.size() + 1'500'000);
  std::size_t position = 0;
  while (true) {
    const std::size_t start = page.find("@CLV_", position);
    if (start == std::string_view::npos) break;
    const std::size_t end = page.find('@', start + 1);
    CLV_CHECK(end != std::string_view::npos, "report template has an unterminated placeholder");
    const auto value = values.find(page.substr(start + 1, end - start - 1));
    CLV_CHECK(value != values.end(), "report template has an unknown placeholder");
    filled.append(page.substr(position, start - position));
    filled += value->second;
    position = end + 1;
  }
  filled.append(page.substr(position));
  return filled;
}

}  // namespace

std::string RenderReportHtml(const ReportInput& input) {
  const std::string data = EscapeJsonForScript(ReportDataJson(input));
  const std::string libraries = InlineScript(detail::VegaScript()) +
                                InlineScript(detail::VegaLiteScript()) +
                                InlineScript(detail::VegaEmbedScript());
  return FillPlaceholders(detail::PageTemplate(),
                          {{"CLV_TITLE", EscapeHtml(input.title)},
                           {"CLV_STYLE", std::string(detail::PageStyle())},
                           {"CLV_LIBRARIES", libraries},
                           {"CLV_DATA", data},
                           {"CLV_SCRIPT", std::string(detail::PageScript())}});
}

void WriteReport(const ReportInput& input, const std::string& path) {
  const std::string html = RenderReportHtml(input);
  detail::WriteFileAtomically(path, html);
}

}  // namespace clv
