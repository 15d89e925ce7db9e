// SPDX-License-Identifier: MIT
// Runs Debian's headless Chromium on a local page with networking disabled (a proxy that does
// not exist, a resolver that resolves nothing): dumps the DOM after scripts ran, and takes
// screenshots.
#pragma once

#include <string>

namespace clv::test {

/// The Chromium executable: $CLV_CHROMIUM, else chromium or chromium-browser on PATH. Throws
/// std::runtime_error naming scripts/install-deps.sh when none is found.
std::string FindChromium();

struct BrowserRun {
  std::string dom;             ///< the DOM serialised after scripts ran
  std::string requested_urls;  ///< every URL the page requested, one a line
};

/// Opens `html_path` as a file:// URL in a fresh profile under `work_dir` and waits (in virtual
/// time) for the page to settle. Throws std::runtime_error when Chromium fails.
BrowserRun LoadPage(const std::string& html_path, const std::string& work_dir);

/// Saves a `width` x `height` screenshot of `html_path` to `png_path`.
void Screenshot(const std::string& html_path, const std::string& png_path,
                const std::string& work_dir, int width, int height);

/// The value of attribute `name` of <body> in `dom` (report.js records its results there), or
/// "<missing>".
std::string BodyAttribute(const std::string& dom, const std::string& name);

/// How often `needle` occurs in `text` (overlaps counted).
int CountOccurrences(const std::string& text, const std::string& needle);

}  // namespace clv::test
