// SPDX-License-Identifier: MIT
// `clv metrics` end to end: the same numbers as the library, and one-line errors with status 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "clv/metrics.h"
#include "metrics/purchase_log_fixture.h"
#include "support/cli_runner.h"

namespace clv {
namespace {

using testing::RunClv;
using testing::WriteTempFile;

// The four-month log of purchase_log_fixture.h as CSV.
std::string FourMonthCsv() {
  return "customer_id,date,amount,channel\n"
         "A,2024-01-05T11:00:00Z,10.00,web\n"
         "A,2024-01-05T12:00:00Z,5.00,store\n"
         "A,2024-02-10T12:00:00Z,20.00,store\n"
         "A,2024-04-02T12:00:00Z,30.00,web\n"
         "B,2024-01-20T12:00:00Z,40.00,store\n"
         "B,2024-01-25T12:00:00Z,-10.00,store\n"
         "C,2024-02-03T12:00:00Z,25.00,web\n"
         "C,2024-03-03T12:00:00Z,25.00,web\n"
         "D,2024-04-30T12:00:00Z,50.00,ads\n"
         "E,2024-03-10T12:00:00Z,-5.00,store\n";
}

TEST(Consistency, CliJsonEqualsTheLibraryOnTheSameLog) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  const std::string cac = WriteTempFile("cac.csv", "channel,cac\nads,5\nstore,10\nweb,20\n");
  const std::string json = testing::ScratchDir() + "metrics.json";
  const testing::CliResult result =
      RunClv("metrics " + log + " --channel channel --cac-file " + cac +
             " --discount-rate 0.1 --horizon-periods 3 --observation-end 2024-04-30 -o " + json);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(result.out.empty());

  MetricsOptions options = testing::FourMonthOptions();
  options.cac_by_channel = {{"ads", 5.0}, {"store", 10.0}, {"web", 20.0}};
  const BusinessMetrics expected =
      ComputeBusinessMetrics(testing::LogOf(testing::FourMonthRows(), true), options);
  EXPECT_EQ(nlohmann::json::parse(testing::ReadWholeFile(json)),
            nlohmann::json::parse(MetricsToJson(expected)));
}

TEST(Consistency, CliOutputIsIdenticalForOneAndTwoThreads) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  const testing::CliResult one = RunClv("metrics " + log + " --threads 1 -o -");
  const testing::CliResult two = RunClv("metrics " + log + " --threads 2 -o -");
  ASSERT_EQ(one.exit_status, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
}

TEST(Correctness, CliWithoutOutputFilePrintsAReadableTable) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  const testing::CliResult result = RunClv("metrics " + log + " --cac 10");
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find("customers               4"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("2024-03"), std::string::npos);
  EXPECT_NE(result.out.find("LTV:CAC overall"), std::string::npos);
}

TEST(InputChecks, CliRejectsACacFileWithAnUnknownChannel) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  const std::string cac =
      WriteTempFile("cac_tv.csv", "channel,cac\nads,5\nstore,10\nweb,20\ntv,40\n");
  testing::ExpectOneLineInputError(
      RunClv("metrics " + log + " --channel channel --cac-file " + cac), "unknown channel 'tv'");
}

TEST(InputChecks, CliRejectsACacFileWithoutACostForAnAcquisitionChannel) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  const std::string cac = WriteTempFile("cac_short.csv", "channel,cac\nads,5\nweb,20\n");
  testing::ExpectOneLineInputError(
      RunClv("metrics " + log + " --channel channel --cac-file " + cac),
      "no CAC for channel 'store'");
}

TEST(InputChecks, CliRejectsACacThatIsNotPositive) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  const std::string cac = WriteTempFile("cac_zero.csv", "channel,cac\nads,0\n");
  testing::ExpectOneLineInputError(
      RunClv("metrics " + log + " --channel channel --cac-file " + cac),
      "cac_zero.csv:2: column 'cac'");
}

TEST(InputChecks, CliRejectsAnUnknownChannelColumn) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  const std::string cac = WriteTempFile("cac.csv", "channel,cac\nads,5\nstore,10\nweb,20\n");
  const testing::CliResult result =
      RunClv("metrics " + log + " --channel source --cac-file " + cac);
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_EQ(testing::LineCount(result.err), 1) << result.err;
}

TEST(InputChecks, CliRejectsAnEmptyLog) {
  const testing::CliResult result = RunClv("metrics " + WriteTempFile("empty.csv", ""));
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_EQ(testing::LineCount(result.err), 1) << result.err;
}

TEST(InputChecks, CliRejectsAnUnknownPeriod) {
  const std::string log = WriteTempFile("four_months.csv", FourMonthCsv());
  testing::ExpectOneLineInputError(RunClv("metrics " + log + " --period week"),
                                   "period must be one of month, quarter, year; got 'week'");
}

}  // namespace
}  // namespace clv
