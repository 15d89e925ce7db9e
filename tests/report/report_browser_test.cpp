// SPDX-License-Identifier: MIT
// The report in a real browser: Debian's headless Chromium opens report.html from disk with
// networking disabled. The page marks <body> when every chart has settled (report.js).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "clv/report.h"
#include "report/cdnow_report_fixture.h"
#include "report/headless_chromium.h"

namespace clv::test {
namespace {

namespace fs = std::filesystem;

// Artifacts stay in the test's working directory (the build tree) for inspection.
fs::path ArtifactDir() {
  const fs::path dir = fs::current_path() / "report_artifacts";
  fs::create_directories(dir);
  return dir;
}

std::string WriteCdnowReport() {
  const std::string path = (ArtifactDir() / "report.html").string();
  WriteReport(CdnowReportInput(), path);
  return path;
}

// Charts of a complete report: 2 tracking, holdout, 2 frequency-recency heatmaps, CLV
// histogram, concentration, segments, cohort retention.
constexpr int kChartsInFullReport = 9;

// CDNOW fixture values come from REFERENCE.md §3.1, §4.3 and §9.
TEST(Correctness, ReportDrawsEveryChartFromDiskWithoutNetworkOrErrors) {
  const std::string html = WriteCdnowReport();
  const BrowserRun run = LoadPage(html, (ArtifactDir() / "browser").string());

  EXPECT_EQ(BodyAttribute(run.dom, "data-report-done"), "1");
  EXPECT_EQ(BodyAttribute(run.dom, "data-errors"), "0")
      << BodyAttribute(run.dom, "data-error-messages");
  EXPECT_EQ(BodyAttribute(run.dom, "data-charts-expected"), std::to_string(kChartsInFullReport));
  EXPECT_EQ(BodyAttribute(run.dom, "data-charts-ok"), std::to_string(kChartsInFullReport));
  EXPECT_EQ(CountOccurrences(run.dom, "data-chart-rendered=\"1\""), kChartsInFullReport);
  EXPECT_GE(CountOccurrences(run.dom, "<svg"), kChartsInFullReport);
  EXPECT_EQ(CountOccurrences(run.dom, "<strong>How to read this. </strong>"), 10);

  // Every resource the page loaded came from the file itself, and the page's no-network
  // policy blocked nothing (a blocked request would count in data-errors above).
  std::istringstream urls(BodyAttribute(run.dom, "data-resource-requests"));
  std::string url;
  while (urls >> url) {
    EXPECT_TRUE(url.starts_with("file://") || url.starts_with("data:") || url.starts_with("blob:"))
        << "request left file://: " << url;
  }
}

TEST(Regression, ScreenshotOfTheCdnowReportIsKeptAsArtifact) {
  const std::string html = WriteCdnowReport();
  const fs::path png = ArtifactDir() / "report-screenshot.png";
  fs::remove(png);
  Screenshot(html, png.string(), (ArtifactDir() / "screenshot").string(), 1280, 4000);

  ASSERT_TRUE(fs::exists(png));
  std::ifstream in(png, std::ios::binary);
  std::string signature(8, '\0');
  in.read(signature.data(), 8);
  EXPECT_EQ(signature, std::string("\x89PNG\r\n\x1a\n", 8));
  // A blank page of this size compresses to a few kilobytes; drawn charts do not.
  EXPECT_GT(fs::file_size(png), 100'000u);
}

// A report whose parts are all missing says so instead of failing (report.js `unavailable`).
TEST(Regression, EmptyReportLoadsInChromiumWithoutErrors) {
  const std::string html = (ArtifactDir() / "empty-report.html").string();
  WriteReport(ReportInput{}, html);
  const BrowserRun run = LoadPage(html, (ArtifactDir() / "empty-browser").string());
  EXPECT_EQ(BodyAttribute(run.dom, "data-report-done"), "1");
  EXPECT_EQ(BodyAttribute(run.dom, "data-errors"), "0")
      << BodyAttribute(run.dom, "data-error-messages");
  EXPECT_EQ(BodyAttribute(run.dom, "data-charts-expected"), "0");
  // One note per section, two in the frequency-recency section (one per heatmap).
  EXPECT_EQ(CountOccurrences(run.dom, "<p class=\"unavailable\">"), 11);
}

}  // namespace
}  // namespace clv::test
