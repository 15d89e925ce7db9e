// SPDX-License-Identifier: MIT
// Predictions do not depend on the thread count, the block size or the other rows, and the CLI
// writes what the library computes.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "clv/predict.h"
#include "predict/predict_test_support.h"

namespace clv {
namespace {

using testing::kBgNbdPaper;
using testing::kGammaGammaPaper;
using testing::MakeSummary;
using testing::RunClv;
using testing::TemporaryDirectory;

// Histories on a weekly grid with repeats, as on a real customer base, plus a few broken rows.
SummaryTable RandomSummary(std::size_t rows) {
  std::mt19937_64 random(42);
  std::uniform_int_distribution<int> age_weeks(1, 60);
  std::vector<testing::Row> summary_rows;
  for (std::size_t i = 0; i < rows; ++i) {
    const int age = age_weeks(random);
    const int recency = std::uniform_int_distribution<int>(0, age)(random);
    const int frequency = recency == 0 ? 0 : std::uniform_int_distribution<int>(1, 20)(random);
    const double spend = frequency == 0 ? 0 : 5 + (random() % 10000) / 100.0;
    summary_rows.push_back({static_cast<double>(frequency), static_cast<double>(recency),
                            static_cast<double>(age), spend});
  }
  summary_rows[7] = {3, 50, 20, 10};  // recency > T
  return MakeSummary(summary_rows, TimeUnit::kWeek);
}

PredictOptions AllColumns(int threads, int block_size) {
  PredictOptions options;
  options.threads = threads;
  options.block_size = block_size;
  options.dert_rate = 0.003;
  options.pmf_max_purchases = 2;
  options.p_alive_at = 13;
  return options;
}

TEST(Consistency, CsvIsByteIdenticalForOneAndTwoThreadsAndAnyBlockSize) {
  const auto model = MakePurchaseModel(ModelKind::kParetoNbd);
  const std::vector<double> params{0.553, 10.578, 0.606, 11.669};
  const SummaryTable summary = RandomSummary(20000);
  const std::string one_thread = FormatPredictionCsv(
      summary, PredictCustomers(summary, *model, params, kGammaGammaPaper, AllColumns(1, 256)));
  const std::string two_threads = FormatPredictionCsv(
      summary, PredictCustomers(summary, *model, params, kGammaGammaPaper, AllColumns(2, 7)));
  EXPECT_EQ(one_thread, two_threads);
  EXPECT_GT(one_thread.size(), 20000u * 40);
}

TEST(Consistency, InvalidRowGetsStatusAndLeavesOtherRowsUnchanged) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable clean =
      MakeSummary({{2, 30.43, 38.86, 22.35}, {7, 29.43, 38.86, 73.74}}, TimeUnit::kWeek);
  const SummaryTable with_bad_row = MakeSummary(
      {{2, 30.43, 38.86, 22.35}, {4, 40, 38.86, 10}, {7, 29.43, 38.86, 73.74}}, TimeUnit::kWeek);
  const PredictOptions options = AllColumns(0, 256);
  const PredictionTable expected =
      PredictCustomers(clean, *model, kBgNbdPaper, kGammaGammaPaper, options);
  const PredictionTable table =
      PredictCustomers(with_bad_row, *model, kBgNbdPaper, kGammaGammaPaper, options);

  EXPECT_EQ(table.status[1], RowStatus::kInvalidHistory);
  EXPECT_EQ(table.StatusText(1), "invalid_history: recency must be <= T");
  EXPECT_EQ(table.NumProblemRows(), 1u);
  for (const auto& [row, clean_row] : {std::pair{0, 0}, std::pair{2, 1}}) {
    EXPECT_EQ(table.StatusText(row), "ok");
    EXPECT_EQ(table.expected_purchases[row], expected.expected_purchases[clean_row]);
    EXPECT_EQ(table.p_alive[row], expected.p_alive[clean_row]);
    EXPECT_EQ(table.clv[row], expected.clv[clean_row]);
    EXPECT_EQ(table.dert[row], expected.dert[clean_row]);
    EXPECT_EQ(table.p_alive_future[row], expected.p_alive_future[clean_row]);
  }
  const std::string csv = FormatPredictionCsv(with_bad_row, table);
  EXPECT_NE(csv.find("\n2,4,40,38.86,10,,,,,,,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",invalid_history: recency must be <= T\n"), std::string::npos) << csv;
}

TEST(Consistency, CustomersSharingAHistoryGetIdenticalPredictions) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable summary = MakeSummary(
      {{2, 30.43, 38.86, 22.35}, {0, 0, 38.86, 0}, {2, 30.43, 38.86, 50}}, TimeUnit::kWeek);
  const PredictionTable table =
      PredictCustomers(summary, *model, kBgNbdPaper, kGammaGammaPaper, PredictOptions{});
  EXPECT_EQ(table.expected_purchases[0], table.expected_purchases[2]);
  EXPECT_EQ(table.p_alive[0], table.p_alive[2]);
  EXPECT_GT(table.clv[2], table.clv[0]);  // same purchases, higher spend
}

TEST(Consistency, CliWritesTheLibraryPredictions) {
  const TemporaryDirectory directory;
  const std::string summary_path = directory.Write(
      "summary.csv",
      "customer_id,frequency,recency,T,monetary_value\n"
      "a,2,30.43,38.86,22.35\nb,0,0,38.86,0\n\"c,1\",7,29.43,38.86,73.74\nd,1,39,38.86,5\n");
  const std::string model_path = directory.Write(
      "bgnbd.json",
      R"({"model": "bgnbd", "params": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
          "unit": "week"})");
  const std::string spend_path = directory.Write(
      "gg.json", R"({"model": "gg", "params": {"p": 6.25, "q": 3.74, "v": 15.44}})");
  const testing::CommandResult result =
      RunClv(directory, "predict " + summary_path + " --model " + model_path + " --spend-model " +
                            spend_path + " --horizon 52 --months 6 --discount-rate 0.02" +
                            " --dert-rate 0.003 --pmf 2 --p-alive-at 10 --threads 2 -o " +
                            directory.File("out.csv"));
  ASSERT_EQ(result.exit_status, 0) << result.standard_error;
  EXPECT_EQ(result.standard_output, "");

  SummaryTable summary = MakeSummary(
      {{2, 30.43, 38.86, 22.35}, {0, 0, 38.86, 0}, {7, 29.43, 38.86, 73.74}, {1, 39, 38.86, 5}},
      TimeUnit::kWeek);
  summary.customer_ids = {"a", "b", "c,1", "d"};
  PredictOptions options;
  options.horizon = 52;
  options.clv_months = 6;
  options.monthly_discount_rate = 0.02;
  options.dert_rate = 0.003;
  options.pmf_max_purchases = 2;
  options.p_alive_at = 10;
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const std::string expected = FormatPredictionCsv(
      summary, PredictCustomers(summary, *model, kBgNbdPaper, kGammaGammaPaper, options));
  EXPECT_EQ(testing::ReadText(directory.File("out.csv")), expected);
}

TEST(Consistency, CliProjectsSbgRetentionAsTheLibraryDoes) {
  const TemporaryDirectory directory;
  const std::string model_path = directory.Write(
      "sbg.json", R"({"model": "sbg", "params": {"alpha": 0.668088, "beta": 3.806095}})");
  const testing::CommandResult result =
      RunClv(directory, "predict --model " + model_path + " --periods 12 --discount-rate 0.1");
  ASSERT_EQ(result.exit_status, 0) << result.standard_error;
  const std::vector<double> params{0.668088, 3.806095};
  EXPECT_EQ(result.standard_output,
            FormatRetentionProjectionCsv(ProjectRetention(params, 12, 0.1)));
}

}  // namespace
}  // namespace clv
