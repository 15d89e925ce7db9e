// SPDX-License-Identifier: MIT
// The CDNOW summaries of REFERENCE.md §3.1 rebuilt from the raw transaction files.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "clv/summary.h"
#include "ingest/test_files.h"

namespace clv {
namespace {

using testing::SharedData;

// The published files print two decimals, so ours may differ by half a cent (22.345 is printed
// as 22.35); the epsilon absorbs the binary representation of that half.
constexpr double kPrintedPrecision = 0.005 + 1e-9;

IngestOptions CdnowSample() {
  IngestOptions ingest;
  ingest.paths = {SharedData("CDNOW_sample.txt")};
  ingest.customer_column = "2";
  ingest.date_column = "3";
  ingest.amount_column = "5";
  return ingest;
}

SummaryOptions ContinuousWeeks() {
  SummaryOptions options;
  options.unit = TimeUnit::kWeek;
  options.durations = DurationMode::kContinuous;
  options.observation_end = 875663999;  // 1997-09-30 23:59:59 UTC
  return options;
}

// REFERENCE.md §3.1: customers keyed by the sample id, continuous weeks, calibration ending
// 1997-09-30 reproduce cdnow_customers_summary.csv (rounded to 2 decimals) and its zbar column.
TEST(Correctness, ContinuousWeeklyCdnowSampleReproducesThePublishedSummary) {
  SummaryReport report;
  const SummaryTable ours = SummarizeTransactions(CdnowSample(), ContinuousWeeks(), &report);
  const SummaryTable published =
      ReadSummaryCsv(SharedData("cdnow_customers_summary.csv"), TimeUnit::kWeek);
  const SummaryTable with_spend =
      ReadSummaryCsv(SharedData("cdnow_customers_summary_with_transactions.csv"), TimeUnit::kWeek);
  ASSERT_EQ(ours.size(), 2357u);
  ASSERT_EQ(published.size(), 2357u);
  for (std::size_t row = 0; row < ours.size(); ++row) {
    ASSERT_EQ(std::stoi(ours.customer_ids[row]), std::stoi(published.customer_ids[row]));
    EXPECT_EQ(ours.frequency[row], published.frequency[row]) << "row " << row;
    EXPECT_NEAR(ours.recency[row], published.recency[row], kPrintedPrecision) << "row " << row;
    EXPECT_NEAR(ours.age[row], published.age[row], kPrintedPrecision) << "row " << row;
    EXPECT_NEAR(ours.monetary_value[row], with_spend.monetary_value[row], kPrintedPrecision)
        << "row " << row;
  }
  EXPECT_EQ(std::accumulate(ours.frequency.begin(), ours.frequency.end(), 0.0), 2457.0);
  EXPECT_EQ(
      std::count_if(ours.frequency.begin(), ours.frequency.end(), [](double x) { return x > 0; }),
      946);
  // BTYD's first customer: (x, t_x, T) = (2, 30.428571, 38.857143).
  EXPECT_NEAR(ours.recency[0], 30.428571, 1e-6);
  EXPECT_NEAR(ours.age[0], 272.0 / 7.0, 1e-12);
  EXPECT_EQ(report.ingest.rows_read, 6919);
  EXPECT_EQ(report.customers, 2357);
}

// REFERENCE.md §3.1: holdout 1997-10-01 .. 1998-06-30 holds 1,882 repeat transactions.
TEST(Correctness, CdnowSampleHoldoutHolds1882RepeatTransactions) {
  SummaryOptions options = ContinuousWeeks();
  options.calibration_end = 875663999;  // 1997-09-30 23:59:59
  options.observation_end = 899251199;  // 1998-06-30 23:59:59
  const SummaryTable table = SummarizeTransactions(CdnowSample(), options);
  ASSERT_TRUE(table.has_holdout);
  ASSERT_EQ(table.size(), 2357u);
  EXPECT_EQ(std::accumulate(table.frequency_holdout.begin(), table.frequency_holdout.end(), 0.0),
            1882.0);
  EXPECT_EQ(std::accumulate(table.frequency.begin(), table.frequency.end(), 0.0), 2457.0);
  EXPECT_DOUBLE_EQ(table.duration_holdout[0], 273.0 / 7.0);
  // BTYD's first three customers have x* = 1, 0, 0.
  EXPECT_EQ(table.frequency_holdout[0], 1.0);
  EXPECT_EQ(table.frequency_holdout[1], 0.0);
  EXPECT_EQ(table.frequency_holdout[2], 0.0);
}

// data/README.md: the master file as shipped (header, CRLF, runs of blanks) needs no options.
TEST(Correctness, CdnowMasterFileReadsAsShipped) {
  IngestOptions ingest;
  ingest.paths = {SharedData("CDNOW_master.txt")};
  ingest.date_format = "%Y%m%d";
  SummaryReport report;
  const SummaryTable table = SummarizeTransactions(ingest, SummaryOptions{}, &report);
  EXPECT_EQ(report.ingest.rows_read, 69659);
  EXPECT_EQ(report.ingest.rows_skipped, 0);
  EXPECT_EQ(table.size(), 23570u);
  EXPECT_EQ(table.customer_ids.front(), "00001");
  EXPECT_EQ(table.customer_ids.back(), "23570");
  // The dollar_value column is found by name: customer 00001 bought once for 11.77, so no repeat.
  const double total_repeat_spend = std::inner_product(
      table.frequency.begin(), table.frequency.end(), table.monetary_value.begin(), 0.0);
  EXPECT_GT(total_repeat_spend, 0.0);
}

}  // namespace
}  // namespace clv
