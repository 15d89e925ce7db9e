// SPDX-License-Identifier: MIT
// report.html as a file: self-contained, bounded in size, safe against hostile labels, written
// whole or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clv/error.h"
#include "clv/report.h"
#include "report/cdnow_report_fixture.h"
#include "report/headless_chromium.h"

namespace clv::test {
namespace {

namespace fs = std::filesystem;

// Inline scripts: error capture, vega, vega-lite, vega-embed, the data, the page script.
constexpr int kScriptElements = 6;

TEST(Correctness, ReportInlinesTheChartLibrariesAndLoadsNothingFromOutside) {
  const std::string html = RenderReportHtml(CdnowReportInput());
  EXPECT_EQ(CountOccurrences(html, "</script>"), kScriptElements);
  EXPECT_EQ(CountOccurrences(html, "<script src"), 0);
  EXPECT_EQ(CountOccurrences(html, "<link"), 0);
  EXPECT_EQ(CountOccurrences(html, "@import"), 0);
  EXPECT_EQ(CountOccurrences(html, "sourceMappingURL"), 0);
  EXPECT_NE(html.find("vegaEmbed"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
}

// A base of 10^7 customers produces aggregates of the same bounded shape.
TEST(Correctness, LargestShapedReportStaysUnderFiveMegabytes) {
  const std::string html = RenderReportHtml(LargestShapeReportInput(10'000'000));
  EXPECT_LT(html.size(), 5'000'000u);
}

TEST(Correctness, EmbeddedDataRoundTripsThroughJson) {
  const ReportInput input = CdnowReportInput();
  const nlohmann::json data = nlohmann::json::parse(ReportDataJson(input));
  EXPECT_EQ(data["headline"]["customers"], 2357);
  EXPECT_EQ(data["purchase_model"]["parameters"][0]["name"], "r");
  EXPECT_DOUBLE_EQ(data["purchase_model"]["parameters"][0]["estimate"].get<double>(), 0.243);
  EXPECT_EQ(data["tracking"]["points"].size(), 78u);
  EXPECT_EQ(data["holdout_by_frequency"].size(), 8u);
  EXPECT_EQ(data["top_customers"].size(), 50u);
  EXPECT_EQ(data["clv_concentration"]["points"].size(), 101u);
  // Heatmap cells carry their labels.
  const auto& cell = data["p_alive_grid"]["cells"][0];
  EXPECT_EQ(cell["row"], data["p_alive_grid"]["row_labels"][0]);
}

TEST(Correctness, ReportIsWrittenToTheRequestedPath) {
  const fs::path path = fs::temp_directory_path() / "clv_report_write_test.html";
  const ReportInput input = CdnowReportInput();
  WriteReport(input, path.string());
  std::ifstream in(path, std::ios::binary);
  std::stringstream written;
  written << in.rdbuf();
  EXPECT_EQ(written.str(), RenderReportHtml(input));
  fs::remove(path);
}

TEST(InputChecks, RejectsNonFiniteNumbersNamingTheField) {
  ReportInput input = CdnowReportInput();
  input.purchase_model->parameters[1].standard_error = std::numeric_limits<double>::infinity();
  try {
    ReportDataJson(input);
    FAIL() << "an infinite standard error was accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("purchase_model.parameters.alpha"), std::string::npos)
        << error.what();
  }
}

TEST(InputChecks, RejectsHeatmapCellsOutsideTheirLabels) {
  ReportInput input = CdnowReportInput();
  input.cohort_retention.cells.push_back({.row = 99, .column = 0, .value = 0.5});
  EXPECT_THROW(ReportDataJson(input), InputError);
}

TEST(InputChecks, UnwritableOutputRaisesErrorAndLeavesNothing) {
  const fs::path path = "/nonexistent-directory/report.html";
  EXPECT_THROW(WriteReport(CdnowReportInput(), path.string()), Error);
  EXPECT_FALSE(fs::exists(path));
}

// Labels come from user data (customer ids, segment names, file names); none may end the data
// element early or inject markup.
TEST(Regression, LabelsCannotCloseTheDataScriptOrInjectMarkup) {
  ReportInput input = CdnowReportInput();
  input.title = "<b>Shop</b> & \"co\"";
  input.segments[0].name = "</script><script>alert(1)</script>";
  input.top_customers[0].customer_id = "<!-- id -->";
  const std::string html = RenderReportHtml(input);
  EXPECT_EQ(CountOccurrences(html, "</script>"), kScriptElements);
  EXPECT_EQ(CountOccurrences(html, "<!-- id"), 0);
  EXPECT_NE(html.find("<title>&lt;b&gt;Shop&lt;/b&gt; &amp; &quot;co&quot;</title>"),
            std::string::npos);
  const auto start = html.find("id=\"clv-report-data\">") + 21;
  const auto end = html.find("</script>", start);
  const nlohmann::json data = nlohmann::json::parse(html.substr(start, end - start));
  EXPECT_EQ(data["segments"][0]["name"], "</script><script>alert(1)</script>");
  EXPECT_EQ(data["top_customers"][0]["customer_id"], "<!-- id -->");
}

TEST(Regression, EmptyReportStillRenders) {
  const std::string html = RenderReportHtml(ReportInput{});
  EXPECT_EQ(CountOccurrences(html, "</script>"), kScriptElements);
  const auto start = html.find("id=\"clv-report-data\">") + 21;
  const nlohmann::json data =
      nlohmann::json::parse(html.substr(start, html.find("</script>", start) - start));
  EXPECT_TRUE(data["purchase_model"].is_null());
  EXPECT_TRUE(data["tracking"]["points"].empty());
}

}  // namespace
}  // namespace clv::test
