// SPDX-License-Identifier: MIT
// `clv segment` end to end: groups from the transactions, outputs, one-line errors (status 2).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"

namespace clv {
namespace {

using testing::RunClv;
using testing::WriteTempFile;

std::string PredictionCsv() {
  return "customer_id,frequency,recency,T,monetary_value,expected_purchases,p_alive,"
         "expected_spend,clv,status\n"
         "A,3,80,100,20,1.5,0.9,20,300,ok\n"
         "B,0,0,90,0,0.2,0.3,15,30,ok\n"
         "C,1,20,70,25,0.6,0.5,25,100,ok\n"
         "D,0,0,10,0,0.4,0.8,18,70,ok\n";
}

std::string TransactionsCsv() {
  return "customer_id,date,amount,channel\n"
         "A,2024-01-05,10.00,web\n"
         "A,2024-02-10,20.00,store\n"
         "B,2024-01-20,40.00,store\n"
         "C,2024-02-03,25.00,web\n"
         "D,2024-04-30,50.00,ads\n";
}

TEST(Correctness, CliGroupsCustomersByTheirFirstPurchaseChannel) {
  const std::string input = WriteTempFile("prediction.csv", PredictionCsv());
  const std::string log = WriteTempFile("transactions.csv", TransactionsCsv());
  const std::string csv = testing::ScratchDir() + "segments.csv";
  const std::string summary = testing::ScratchDir() + "segments.json";
  const testing::CliResult result =
      RunClv("segment " + input + " --transactions " + log + " --group-by channel -o " + csv +
             " --summary " + summary);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  // Scores are 1 + floor(5 x strictly worse / 4). Time since last purchase: D 10, A 20, C 50,
  // B 90 -> R 4, 3, 2, 1. Frequency: B = D = 0, C 1, A 3 -> F 1, 1, 3, 4. Monetary: B = D = 0,
  // A 20, C 25 -> M 1, 1, 3, 4. Value: A 300, C 100, D 70, B 30 -> deciles 1, 3, 6, 8.
  EXPECT_EQ(testing::ReadWholeFile(csv),
            "customer_id,value_decile,value_tier,r_score,f_score,m_score,segment,group\n"
            "A,1,platinum,3,4,3,loyal,web\n"
            "B,8,bronze,1,1,1,lost,store\n"
            "C,3,silver,2,3,4,at_risk,web\n"
            "D,6,bronze,4,1,1,promising,ads\n");
  const nlohmann::json json = nlohmann::json::parse(testing::ReadWholeFile(summary));
  EXPECT_EQ(json["value_kind"], "predicted_clv");
  EXPECT_DOUBLE_EQ(json["top_20_share"].get<double>(), 0.6);  // 300 of 500
  ASSERT_EQ(json["groups"].size(), 3U);
  EXPECT_EQ(json["groups"][0]["name"], "web");  // mean 200
  EXPECT_DOUBLE_EQ(json["groups"][0]["share_of_value"].get<double>(), 0.8);
  EXPECT_DOUBLE_EQ(json["groups"][0]["mean_p_alive"].get<double>(), 0.7);
}

TEST(Correctness, CliGroupsByAcquisitionMonthWithoutAColumn) {
  const std::string input = WriteTempFile("prediction.csv", PredictionCsv());
  const std::string log = WriteTempFile("transactions.csv", TransactionsCsv());
  const std::string csv = testing::ScratchDir() + "months.csv";
  const testing::CliResult result = RunClv("segment " + input + " --by value --transactions " +
                                           log + " --group-by acquisition_month -o " + csv);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_EQ(testing::ReadWholeFile(csv),
            "customer_id,value_decile,value_tier,group\nA,1,platinum,2024-01\n"
            "B,8,bronze,2024-01\nC,3,silver,2024-02\nD,6,bronze,2024-04\n");
  EXPECT_NE(result.out.find("\"groups\""), std::string::npos);
}

TEST(Correctness, CliSegmentsAPlainSummaryByHistoricalValue) {
  const std::string summary =
      std::string(CLV_SHARED_DATA_DIR) + "/cdnow_customers_summary_with_transactions.csv";
  const testing::CliResult result = RunClv("segment " + summary);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const nlohmann::json json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["customers"], 2357);
  EXPECT_EQ(json["value_kind"], "historical_value");
  ASSERT_EQ(json["segments"].size(), 11U);
  std::int64_t customers = 0;
  for (const auto& segment : json["segments"])
    customers += segment["customers"].get<int>();
  EXPECT_EQ(customers, 2357);
}

TEST(Correctness, CliUsesACustomRulesFile) {
  const std::string input = WriteTempFile("prediction.csv", PredictionCsv());
  const std::string rules = WriteTempFile(
      "rules.csv", "segment,r_score,f_score,m_score\nrecent,4-5,1-5,1-5\nother,1-3,1-5,1-5\n");
  const std::string csv = testing::ScratchDir() + "custom.csv";
  const testing::CliResult result =
      RunClv("segment " + input + " --by rfm --segments " + rules + " -o " + csv);
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_EQ(testing::ReadWholeFile(csv),
            "customer_id,r_score,f_score,m_score,segment\nA,3,4,3,other\nB,1,1,1,other\n"
            "C,2,3,4,other\nD,4,1,1,recent\n");
}

TEST(InputChecks, CliRejectsAnUnknownGroupColumn) {
  const std::string input = WriteTempFile("prediction.csv", PredictionCsv());
  const std::string log = WriteTempFile("transactions.csv", TransactionsCsv());
  const testing::CliResult result =
      RunClv("segment " + input + " --transactions " + log + " --group-by campaign");
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_EQ(testing::LineCount(result.err), 1) << result.err;
  EXPECT_NE(result.err.find("campaign"), std::string::npos) << result.err;
}

TEST(InputChecks, CliRejectsAPredictionWithoutAClvColumn) {
  const std::string input =
      WriteTempFile("no_clv.csv",
                    "customer_id,frequency,recency,T,monetary_value,expected_purchases,p_alive\n"
                    "A,3,80,100,20,1.5,0.9\n");
  testing::ExpectOneLineInputError(RunClv("segment " + input), "column 'clv': missing column");
}

TEST(InputChecks, CliRejectsAnEmptyInput) {
  testing::ExpectOneLineInputError(RunClv("segment " + WriteTempFile("empty.csv", "")),
                                   "the customer file is empty");
}

TEST(InputChecks, CliRejectsACustomerMissingFromTheTransactions) {
  const std::string input = WriteTempFile("prediction.csv", PredictionCsv());
  const std::string log = WriteTempFile("partial.csv",
                                        "customer_id,date,amount,channel\n"
                                        "A,2024-01-05,10.00,web\n");
  testing::ExpectOneLineInputError(
      RunClv("segment " + input + " --transactions " + log + " --group-by channel"),
      "customer has no purchase in --transactions");
}

TEST(InputChecks, CliRejectsAnIncompleteRulesFile) {
  const std::string input = WriteTempFile("prediction.csv", PredictionCsv());
  const std::string rules =
      WriteTempFile("partial_rules.csv", "segment,r_score,f_score,m_score\nrecent,4-5,1-5,1-5\n");
  testing::ExpectOneLineInputError(RunClv("segment " + input + " --segments " + rules),
                                   "no rule matches r_score=1 f_score=1 m_score=1");
}

TEST(Consistency, CliOutputIsIdenticalForOneAndTwoThreads) {
  const std::string summary =
      std::string(CLV_SHARED_DATA_DIR) + "/cdnow_customers_summary_with_transactions.csv";
  const testing::CliResult one = RunClv("segment " + summary + " --threads 1 -o - --summary " +
                                        testing::ScratchDir() + "one.json");
  const testing::CliResult two = RunClv("segment " + summary + " --threads 2 -o - --summary " +
                                        testing::ScratchDir() + "two.json");
  ASSERT_EQ(one.exit_status, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(testing::ReadWholeFile(testing::ScratchDir() + "one.json"),
            testing::ReadWholeFile(testing::ScratchDir() + "two.json"));
}

}  // namespace
}  // namespace clv
