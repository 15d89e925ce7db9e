// SPDX-License-Identifier: MIT
// `clv fit` end to end: exit statuses 0, 2 and 3, JSON on stdout or -o, reports on stderr.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "fit/test_data.h"

namespace clv {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class FitCli : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("clv_fit_cli_" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  CommandResult Clv(const std::string& arguments) const {
    const fs::path out = directory_ / "stdout";
    const fs::path err = directory_ / "stderr";
    const std::string command =
        std::string(CLV_BINARY) + " " + arguments + " > " + out.string() + " 2> " + err.string();
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, Slurp(out), Slurp(err)};
  }

  std::string Write(const std::string& name, const std::string& contents) const {
    std::ofstream(directory_ / name) << contents;
    return (directory_ / name).string();
  }

  fs::path directory_;
};

TEST_F(FitCli, WritesTheModelFileToStdoutAndTheReportToStderr) {
  const CommandResult run = Clv("fit " + testing::SharedData("donations.csv") + " --model bgbb");
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["model"], "bgbb");
  EXPECT_NEAR(json["log_likelihood"].get<double>(), -33225.58, 0.005);  // REFERENCE.md §8.3
  for (const char* key : {"params", "n_customers", "unit", "standard_errors", "converged",
                          "termination", "iterations", "gradient_norm", "usable", "aic", "bic",
                          "confidence_intervals", "penalizer"}) {
    if (std::string(key) == "unit") {
      EXPECT_FALSE(json.contains(key)) << "bgbb counts opportunities and has no time unit";
    } else {
      EXPECT_TRUE(json.contains(key)) << key;
    }
  }
  EXPECT_THAT(run.err, HasSubstr("std. error"));
}

TEST_F(FitCli, WritesTheModelFileWithUnitToOutput) {
  const std::string output = (directory_ / "model.json").string();
  const CommandResult run = Clv("fit " + testing::SharedData("cdnow_customers_summary.csv") +
                                " --model bgnbd --unit week --threads 2 -o " + output);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "");
  const auto json = nlohmann::json::parse(Slurp(output));
  EXPECT_EQ(json["unit"], "week");
  EXPECT_NEAR(json["params"]["r"].get<double>(), 0.2426, 1e-3);  // REFERENCE.md §4.3
  EXPECT_EQ(json["n_customers"].get<double>(), 2357);
}

TEST_F(FitCli, FitsAnSbgCohortTable) {
  // REFERENCE.md §3.3 High end, §10: alpha 0.668, beta 3.806.
  const std::string cohort = Write(
      "cohort.csv", "period,customers\n0,1000\n1,869\n2,743\n3,653\n4,593\n5,551\n6,517\n7,491\n");
  const CommandResult run = Clv("fit " + cohort + " --model sbg");
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_NEAR(json["params"]["alpha"].get<double>(), 0.668, 1e-3);
  EXPECT_NEAR(json["params"]["beta"].get<double>(), 3.806, 1e-3);
}

TEST_F(FitCli, FitsAPurchaseLogBySummarisingItFirst) {
  const CommandResult run =
      Clv("fit " + testing::SharedData("example_transactions.csv") + " --model bgnbd --unit day");
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["n_customers"].get<double>(), 5000);  // REFERENCE.md §3.4
  EXPECT_TRUE(json["usable"].get<bool>());
}

// The sample log with the BTYD conventions (REFERENCE.md §3.1) reproduces §4.3's estimates.
TEST_F(FitCli, FitsThePurchaseLogsCalibrationWindow) {
  const CommandResult run = Clv("fit " + testing::SharedData("CDNOW_sample.txt") +
                                " --customer 2 --date 3 --amount 5 --unit week --durations "
                                "continuous --refunds drop --calibration-end 1997-09-30 "
                                "--model bgnbd");
  ASSERT_EQ(run.status, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_NEAR(json["params"]["r"].get<double>(), 0.243, 1e-3);
  EXPECT_NEAR(json["params"]["alpha"].get<double>(), 4.414, 1e-3);
  EXPECT_NEAR(json["log_likelihood"].get<double>(), -9582.429, 1e-3);
  EXPECT_EQ(json["n_customers"].get<double>(), 2357);
}

TEST_F(FitCli, ExitsWithTwoOnBadInput) {
  const std::string bad = Write("bad.csv", "frequency,recency,T\n1,5,10\n2,12,10\n");
  const CommandResult recency = Clv("fit " + bad + " --model bgnbd");
  EXPECT_EQ(recency.status, 2);
  EXPECT_THAT(recency.err, AllOf(HasSubstr("row 2"), HasSubstr("recency must be <= T")));
  EXPECT_EQ(recency.out, "");
  EXPECT_EQ(Clv("fit " + bad + " --model nosuchmodel").status, 2);
  EXPECT_EQ(Clv("fit " + (directory_ / "missing.csv").string() + " --model bgnbd").status, 2);
  EXPECT_EQ(Clv("fit " + bad + " --model bgnbd --penalizer -1").status, 2);
}

TEST_F(FitCli, ExitsWithThreeWhenTheFitIsNotUsable) {
  const std::string output = (directory_ / "model.json").string();
  const CommandResult run = Clv("fit " + testing::SharedData("cdnow_customers_summary.csv") +
                                " --model pnbd --unit week --max-iterations 2 -o " + output);
  EXPECT_EQ(run.status, 3);
  EXPECT_THAT(run.err, HasSubstr("not usable"));
  const auto json = nlohmann::json::parse(Slurp(output));
  EXPECT_FALSE(json["usable"].get<bool>());
  EXPECT_EQ(json["termination"], "iteration_limit");
}

}  // namespace
}  // namespace clv
