// SPDX-License-Identifier: MIT
// The files inlined into report.html, compiled in by report/embed_assets.cmake: the pinned
// chart libraries (report/package-lock.json) and the page template (report/template/).
#pragma once

#include <string_view>

namespace clv::detail {

std::string_view VegaScript();       ///< vega.min.js
std::string_view VegaLiteScript();   ///< vega-lite.min.js
std::string_view VegaEmbedScript();  ///< vega-embed.min.js
std::string_view PageTemplate();     ///< template/report.html with @CLV_...@ placeholders
std::string_view PageStyle();        ///< template/report.css
std::string_view PageScript();       ///< template/report.js

}  // namespace clv::detail
