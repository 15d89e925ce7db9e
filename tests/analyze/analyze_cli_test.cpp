// SPDX-License-Identifier: MIT
// clv analyze through the binary: the CDNOW job end to end, its outputs against the individual
// subcommands on the same log, thread-count invariance, and the logs it cannot fully analyse.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace clv::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string kData = CLV_SHARED_DATA_DIR;
const std::string kMaster = kData + "/CDNOW_master.txt";
const std::string kIngest = " --customer customer_id --date date --amount dollar_value";
const std::string kCalibration = " --unit week --calibration-end 1997-09-30";

std::string Quoted(const std::string& path) {
  return "'" + path + "'";
}

// Runs clv analyze on CDNOW_master once per `extra` flags and returns the output folder.
const std::string& CdnowAnalysis(const std::string& extra = "") {
  static std::map<std::string, std::string> folders;
  auto [entry, inserted] = folders.try_emplace(extra);
  if (inserted) {
    entry->second = ScratchDir() + "cdnow" + std::to_string(folders.size()) + "/";
    const CliResult result = RunClv("analyze " + Quoted(kMaster) + kIngest + kCalibration + extra +
                                    " -o " + Quoted(entry->second));
    EXPECT_EQ(result.exit_status, 0) << result.err;
    std::ofstream(entry->second + "stdout.txt") << result.out;
  }
  return entry->second;
}

// `clv summary` of CDNOW_master on the whole window, written once.
const std::string& WholeSummaryCsv() {
  static const std::string path = [] {
    const std::string written = ScratchDir() + "whole_summary.csv";
    const CliResult result =
        RunClv("summary " + Quoted(kMaster) + kIngest + " --unit week -o " + written);
    EXPECT_EQ(result.exit_status, 0) << result.err;
    return written;
  }();
  return path;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// The first `fields` comma-separated fields of `line` (no quoted fields in these files).
std::string Fields(const std::string& line, int fields) {
  std::size_t end = 0;
  for (int k = 0; k < fields && end != std::string::npos; ++k) {
    end = line.find(',', k == 0 ? 0 : end + 1);
  }
  return line.substr(0, end);
}

Json ReadJson(const std::string& path) {
  return Json::parse(ReadWholeFile(path));
}

void ExpectParamsEqual(const Json& a, const Json& b) {
  ASSERT_EQ(a["model"], b["model"]);
  for (const auto& [name, value] : a["params"].items()) {
    EXPECT_NEAR(value.get<double>(), b["params"][name].get<double>(),
                1e-9 * std::abs(value.get<double>()))
        << name;
  }
}

TEST(Consistency, CdnowJobWritesEveryOutputAndASummary) {
  const std::string& out = CdnowAnalysis();
  for (const char* name : {"predictions.csv", "model.json", "spend_model.json", "metrics.json",
                           "segments.json", "analysis.json", "report.html"}) {
    EXPECT_TRUE(fs::exists(out + name)) << name;
  }
  const std::vector<std::string> rows = Lines(ReadWholeFile(out + "predictions.csv"));
  ASSERT_EQ(rows.size(), 23'570u + 1);
  EXPECT_EQ(rows[0],
            "customer_id,frequency,recency,T,monetary_value,expected_purchases,p_alive,"
            "expected_spend,clv,status,value_tier,segment");
  const std::string summary = ReadWholeFile(out + "stdout.txt");
  for (const char* part : {"23,570 customers", "window ", "model ", "holdout ", "forecast ",
                           "at risk ", "segments ", "business "}) {
    EXPECT_NE(summary.find(part), std::string::npos) << part << "\n" << summary;
  }
  EXPECT_LT(fs::file_size(out + "report.html"), 5u << 20);
}

TEST(Consistency, PredictionSummaryColumnsEqualClvSummary) {
  const std::string& out = CdnowAnalysis();
  const std::vector<std::string> expected = Lines(ReadWholeFile(WholeSummaryCsv()));
  const std::vector<std::string> actual = Lines(ReadWholeFile(out + "predictions.csv"));
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t row = 1; row < expected.size(); ++row) {
    ASSERT_EQ(Fields(actual[row], 5), expected[row]) << "row " << row;
  }
}

TEST(Consistency, ModelFilesEqualClvFitOnTheSameSummaries) {
  const std::string& out = CdnowAnalysis();
  const Json analysis = ReadJson(out + "analysis.json");
  const std::string model = analysis["model"];
  const std::string& whole = WholeSummaryCsv();
  const std::string refit = ScratchDir() + "refit.json";
  const std::string spend = ScratchDir() + "spend.json";
  ASSERT_EQ(RunClv("fit " + whole + " --unit week --model " + model + " -o " + refit).exit_status,
            0);
  ASSERT_EQ(RunClv("fit " + whole + " --unit week --model gg -o " + spend).exit_status, 0);
  ExpectParamsEqual(ReadJson(out + "model.json"), ReadJson(refit));
  ExpectParamsEqual(ReadJson(out + "spend_model.json"), ReadJson(spend));

  // The candidates were fitted on the calibration summary.
  const std::string calibration = ScratchDir() + "fit_calibration.csv";
  ASSERT_EQ(RunClv("summary " + Quoted(kMaster) + kIngest + kCalibration + " -o " + calibration)
                .exit_status,
            0);
  for (const Json& candidate : analysis["candidates"]) {
    const std::string path = ScratchDir() + "candidate.json";
    ASSERT_EQ(RunClv("fit " + calibration + " --unit week --model " +
                     candidate["model"].get<std::string>() + " -o " + path)
                  .exit_status,
              0);
    Json expected = {{"model", candidate["model"]}, {"params", candidate["fit"]["params"]}};
    ExpectParamsEqual(expected, ReadJson(path));
  }
}

TEST(Consistency, PredictionsEqualClvPredictWithTheWrittenModels) {
  const std::string& out = CdnowAnalysis();
  const std::string& whole = WholeSummaryCsv();
  const std::string predicted = ScratchDir() + "predicted.csv";
  ASSERT_EQ(RunClv("predict " + whole + " --model " + out + "model.json --spend-model " + out +
                   "spend_model.json --horizon 52 --months 12 --discount-rate 0.01 -o " + predicted)
                .exit_status,
            0);
  const std::vector<std::string> expected = Lines(ReadWholeFile(predicted));
  const std::vector<std::string> actual = Lines(ReadWholeFile(out + "predictions.csv"));
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t row = 0; row < expected.size(); ++row) {
    ASSERT_EQ(Fields(actual[row], 10), expected[row]) << "row " << row;
  }
}

TEST(Consistency, MetricsAndSegmentsEqualTheirSubcommands) {
  const std::string& out = CdnowAnalysis();
  const std::string metrics = ScratchDir() + "metrics.json";
  ASSERT_EQ(
      RunClv("metrics " + Quoted(kMaster) + kIngest + " --period month -o " + metrics).exit_status,
      0);
  EXPECT_EQ(ReadWholeFile(out + "metrics.json"), ReadWholeFile(metrics));
  const std::string segments = ScratchDir() + "segments.json";
  ASSERT_EQ(RunClv("segment " + out + "predictions.csv --summary " + segments).exit_status, 0);
  EXPECT_EQ(ReadWholeFile(out + "segments.json"), ReadWholeFile(segments));
}

TEST(Consistency, OutputsDoNotDependOnTheThreadCount) {
  const std::string& one = CdnowAnalysis(" --threads 1");
  const std::string& two = CdnowAnalysis(" --threads 2");
  for (const char* name : {"predictions.csv", "model.json", "spend_model.json", "metrics.json",
                           "segments.json", "analysis.json"}) {
    EXPECT_EQ(ReadWholeFile(one + name), ReadWholeFile(two + name)) << name;
  }
}

TEST(Consistency, GroupByAddsTheGroupColumnAndEqualsClvSegment) {
  const std::string& out = CdnowAnalysis(" --group-by acquisition_month");
  const std::vector<std::string> rows = Lines(ReadWholeFile(out + "predictions.csv"));
  ASSERT_FALSE(rows.empty());
  EXPECT_TRUE(rows[0].ends_with(",value_tier,segment,group")) << rows[0];
  EXPECT_TRUE(rows[1].ends_with(",1997-01")) << rows[1];
  const Json groups = ReadJson(out + "segments.json")["groups"];
  ASSERT_EQ(groups.size(), 3u);  // first purchases in January, February and March 1997
  const std::string segments = ScratchDir() + "grouped_segments.json";
  ASSERT_EQ(RunClv("segment " + out + "predictions.csv --transactions " + Quoted(kMaster) +
                   kIngest + " --group-by acquisition_month --summary " + segments)
                .exit_status,
            0);
  EXPECT_EQ(ReadWholeFile(out + "segments.json"), ReadWholeFile(segments));
}

TEST(Consistency, AnalysisRecordsTheHoldoutCandidatesAndTheChoice) {
  const Json analysis = ReadJson(CdnowAnalysis() + "analysis.json");
  EXPECT_TRUE(analysis["holdout"]["used"].get<bool>());
  ASSERT_EQ(analysis["candidates"].size(), 3u);
  int chosen = 0;
  for (const Json& candidate : analysis["candidates"]) {
    EXPECT_TRUE(candidate.contains("holdout")) << candidate.dump();
    chosen += candidate["chosen"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(chosen, 1);
  EXPECT_NE(analysis["choice_reason"].get<std::string>().find("holdout RMSE"), std::string::npos);
  EXPECT_TRUE(analysis["spend_independence"]["holds"].get<bool>());
}

// On a terminal each stage gets a counted progress line; `script` gives the run a terminal.
TEST(Consistency, ProgressLinePerStageOnATerminal) {
  const std::string out = ScratchDir() + "terminal_out/";
  const std::string transcript = ScratchDir() + "terminal.txt";
  const std::string command = "script -qfec \"" + std::string(CLV_BINARY) + " analyze '" + kData +
                              "/CDNOW_sample.txt' --customer 2 --date 3 --amount 5 -o " + out +
                              "\" /dev/null >" + transcript + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << ReadWholeFile(transcript);
  const std::string text = ReadWholeFile(transcript);
  for (const char* stage : {"[1/7] reading the log", "[2/7] summarising",
                            "[3/7] fitting and validating", "[7/7] building the report"}) {
    EXPECT_NE(text.find(stage), std::string::npos) << stage << "\n" << text;
  }
}

// A log of two months: the default holdout would be two weeks.
TEST(InputChecks, ShortLogCompletesWithoutAHoldoutAndSaysWhy) {
  std::string log = "customer_id,date,amount\n";
  for (int customer = 1; customer <= 40; ++customer) {
    log += std::to_string(customer) + ",2024-01-0" + std::to_string(1 + customer % 9) + ",10\n";
    if (customer % 3 == 0)
      log += std::to_string(customer) + ",2024-02-1" + std::to_string(customer % 7) + ",12\n";
  }
  const std::string path = WriteTempFile("short.csv", log);
  const std::string out = ScratchDir() + "short_out/";
  const CliResult result = RunClv("analyze " + path + " -o " + out);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find("no holdout: the log covers"), std::string::npos) << result.out;
  EXPECT_FALSE(ReadJson(out + "analysis.json")["holdout"]["used"].get<bool>());
  EXPECT_TRUE(fs::exists(out + "report.html"));
}

TEST(InputChecks, LogWithoutRepeatBuyersFailsWithOneLineAndWritesNothing) {
  std::string log = "customer_id,date,amount\n";
  for (int customer = 1; customer <= 50; ++customer) {
    log += std::to_string(customer) + ",2024-0" + std::to_string(1 + customer % 9) + "-01,10\n";
  }
  const std::string out = ScratchDir() + "no_repeat_out/";
  const CliResult result = RunClv("analyze " + WriteTempFile("no_repeat.csv", log) + " -o " + out);
  ExpectOneLineInputError(result, "repeat buyers");
  EXPECT_FALSE(fs::exists(out));
}

TEST(InputChecks, LogWithOneCustomerFailsWithOneLine) {
  const std::string log =
      "customer_id,date,amount\n7,2024-01-01,5\n7,2024-03-01,6\n7,2024-06-01,7\n";
  const std::string out = ScratchDir() + "one_out/";
  const CliResult result = RunClv("analyze " + WriteTempFile("one.csv", log) + " -o " + out);
  ExpectOneLineInputError(result, "1 customer;");
  EXPECT_FALSE(fs::exists(out));
}

TEST(InputChecks, LogWithoutAmountsCompletesWithoutSpendAndSaysWhy) {
  const std::string out = ScratchDir() + "no_amount_out/";
  fs::create_directories(out);
  std::ofstream(out + "spend_model.json") << "{}";  // left by an earlier run
  const std::string log = "customer_id,date\n" + [] {
    std::string rows;
    for (int customer = 1; customer <= 60; ++customer) {
      rows += std::to_string(customer) + ",2023-0" + std::to_string(1 + customer % 5) + "-01\n";
      if (customer % 2 == 0)
        rows += std::to_string(customer) + ",2023-1" + std::to_string(customer % 3) + "-05\n";
    }
    return rows;
  }();
  const CliResult bare = RunClv("analyze " + WriteTempFile("no_amount.csv", log) + " -o " + out);
  ASSERT_EQ(bare.exit_status, 0) << bare.err;
  EXPECT_NE(bare.out.find("no spend model"), std::string::npos) << bare.out;
  EXPECT_FALSE(fs::exists(out + "spend_model.json"));
  EXPECT_TRUE(fs::exists(out + "report.html"));
}

TEST(InputChecks, BadRowStopsWithOneLineNamingFileAndLineAndWritesNothing) {
  const std::string log = "customer_id,date,amount\n1,2024-01-01,5\n2,not-a-date,6\n";
  const std::string out = ScratchDir() + "bad_out/";
  const CliResult result = RunClv("analyze " + WriteTempFile("bad.csv", log) + " -o " + out);
  ExpectOneLineInputError(result, "bad.csv:3");
  EXPECT_FALSE(fs::exists(out));
}

TEST(InputChecks, ContradictoryHoldoutOptionsAreRefused) {
  const CliResult result =
      RunClv("analyze " + Quoted(kMaster) + kIngest +
             " --no-holdout --calibration-end 1997-09-30 -o " + ScratchDir() + "x/");
  ExpectOneLineInputError(result, "--no-holdout");
  const CliResult model =
      RunClv("analyze " + Quoted(kMaster) + kIngest + " --model bgbb -o " + ScratchDir() + "y/");
  ExpectOneLineInputError(model, "--model must be auto");
}

}  // namespace
}  // namespace clv::testing
