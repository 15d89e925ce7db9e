// SPDX-License-Identifier: MIT
// The report `clv analyze` writes for CDNOW, in Debian's headless Chromium: opened from disk
// with networking disabled, every chart drawn, no console errors. The screenshot kept as an
// artifact is the one shown in the README (docs/report-screenshot.png).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "report/headless_chromium.h"
#include "support/cli_runner.h"

namespace clv::test {
namespace {

namespace fs = std::filesystem;

fs::path ArtifactDir() {
  const fs::path dir = fs::current_path() / "report_artifacts" / "analyze";
  fs::create_directories(dir);
  return dir;
}

// Runs the README's main job once per process and returns its report.
const std::string& AnalyzeReport() {
  static const std::string html = [] {
    const fs::path out = ArtifactDir() / "cdnow";
    const testing::CliResult result =
        testing::RunClv("analyze '" + std::string(CLV_SHARED_DATA_DIR) + "/CDNOW_master.txt'" +
                        " --customer customer_id --date date --amount dollar_value --unit week" +
                        " --calibration-end 1997-09-30 -o '" + out.string() + "'");
    EXPECT_EQ(result.exit_status, 0) << result.err;
    return (out / "report.html").string();
  }();
  return html;
}

// 2 tracking, holdout, 2 frequency-recency heatmaps, CLV histogram, concentration, segments,
// cohort retention.
constexpr int kCharts = 9;

TEST(Correctness, AnalyzeReportDrawsEveryChartFromDiskWithoutNetworkOrErrors) {
  const BrowserRun run = LoadPage(AnalyzeReport(), (ArtifactDir() / "browser").string());
  EXPECT_EQ(BodyAttribute(run.dom, "data-report-done"), "1");
  EXPECT_EQ(BodyAttribute(run.dom, "data-errors"), "0")
      << BodyAttribute(run.dom, "data-error-messages");
  EXPECT_EQ(BodyAttribute(run.dom, "data-charts-expected"), std::to_string(kCharts));
  EXPECT_EQ(BodyAttribute(run.dom, "data-charts-ok"), std::to_string(kCharts));
  EXPECT_GE(CountOccurrences(run.dom, "<svg"), kCharts);
  EXPECT_EQ(CountOccurrences(run.dom, "<p class=\"unavailable\">"), 0);
  EXPECT_EQ(CountOccurrences(run.dom, "<strong>How to read this. </strong>"), 10);
  // The model choice: the sentence and one row per candidate.
  EXPECT_NE(run.dom.find("Chosen: "), std::string::npos);
  EXPECT_NE(run.dom.find("(chosen)"), std::string::npos);
  EXPECT_LT(fs::file_size(AnalyzeReport()), 5u << 20);
}

TEST(Regression, ScreenshotOfTheAnalyzeReportIsKeptAsArtifact) {
  const fs::path png = ArtifactDir() / "report-screenshot.png";
  fs::remove(png);
  Screenshot(AnalyzeReport(), png.string(), (ArtifactDir() / "screenshot").string(), 1280, 4000);
  ASSERT_TRUE(fs::exists(png));
  EXPECT_GT(fs::file_size(png), 100'000u);
}

}  // namespace
}  // namespace clv::test
