// SPDX-License-Identifier: MIT
// lifetimes' floored conventions (REFERENCE.md §2.1) on hand-made logs: timestamps are floored to
// the unit's period first, weeks run Monday to Sunday, months are calendar months.
#include <gtest/gtest.h>

#include "clv/error.h"
#include "clv/summary.h"
#include "ingest/test_files.h"

namespace clv {
namespace {

// Customer 1: Monday 2020-01-06 (twice), Wednesday the 8th, Sunday the 12th, Monday the 13th.
// Customer 2: around the end of January, then mid-March.
const char* const kLog =
    "customer_id,date,amount\n"
    "1,2020-01-06 10:00:00,10\n"
    "1,2020-01-06 15:00:00,5\n"
    "1,2020-01-08,20\n"
    "1,2020-01-12 23:59:59,1\n"
    "1,2020-01-13 00:00:00,4\n"
    "2,2020-01-31 23:00:00,7\n"
    "2,2020-02-01 01:00:00,3\n"
    "2,2020-03-15,2\n";

SummaryTable Summarize(TimeUnit unit, const std::string& observation_end = "") {
  IngestOptions ingest;
  ingest.paths = {testing::WriteFile("conventions.csv", kLog)};
  SummaryOptions options;
  options.unit = unit;
  // 2020-03-20 23:59:59 UTC
  options.observation_end = observation_end.empty() ? 1584748799 : std::stoll(observation_end);
  return SummarizeTransactions(ingest, options);
}

TEST(Correctness, FlooredDaysCountDistinctPurchaseDays) {
  const SummaryTable table = Summarize(TimeUnit::kDay);
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table.frequency[0], 3);  // the 6th, 8th, 12th and 13th
  EXPECT_EQ(table.recency[0], 7);    // 6th to 13th
  EXPECT_EQ(table.age[0], 74);       // 2020-01-06 to 2020-03-20 (a leap February)
  EXPECT_DOUBLE_EQ(table.monetary_value[0], 25.0 / 3.0);  // 20, 1, 4; the first day excluded
  EXPECT_EQ(table.frequency[1], 2);
  EXPECT_EQ(table.recency[1], 44);  // 2020-01-31 to 2020-03-15
}

TEST(Correctness, FlooredWeeksRunMondayToSunday) {
  const SummaryTable table = Summarize(TimeUnit::kWeek);
  EXPECT_EQ(table.frequency[0], 1);  // Sunday the 12th shares the week of the 6th
  EXPECT_EQ(table.recency[0], 1);
  EXPECT_EQ(table.age[0], 10);  // week of 2020-01-06 to week of Monday 2020-03-16
  EXPECT_DOUBLE_EQ(table.monetary_value[0], 4.0);
  // Friday 31 January and Saturday 1 February share a week; 15 March is a Sunday.
  EXPECT_EQ(table.frequency[1], 1);
  EXPECT_EQ(table.recency[1], 6);  // week of 01-27 to week of 03-09
  EXPECT_DOUBLE_EQ(table.monetary_value[1], 2.0);
}

TEST(Correctness, FlooredMonthsAreCalendarMonths) {
  const SummaryTable table = Summarize(TimeUnit::kMonth);
  EXPECT_EQ(table.frequency[0], 0);
  EXPECT_EQ(table.recency[0], 0);
  EXPECT_EQ(table.age[0], 2);  // January to March
  EXPECT_EQ(table.monetary_value[0], 0);
  EXPECT_EQ(table.frequency[1], 2);  // January, February, March
  EXPECT_EQ(table.recency[1], 2);
  EXPECT_DOUBLE_EQ(table.monetary_value[1], 2.5);  // (3 + 2) / 2
}

TEST(Correctness, FlooredHoursCountDistinctClockHours) {
  // Observation end 2020-01-13 00:30:00 UTC.
  const SummaryTable table = Summarize(TimeUnit::kHour, "1578875400");
  ASSERT_EQ(table.size(), 1u);       // customer 2 is after the observation end
  EXPECT_EQ(table.frequency[0], 4);  // hours 10:00 and 15:00 on the 6th, the 8th, 12th, 13th
  EXPECT_EQ(table.recency[0], 7 * 24 - 10);
  EXPECT_EQ(table.age[0], 7 * 24 - 10);
}

TEST(Correctness, ContinuousDurationsKeepDayResolution) {
  IngestOptions ingest;
  ingest.paths = {testing::WriteFile("conventions_continuous.csv", kLog)};
  SummaryOptions options;
  options.unit = TimeUnit::kWeek;
  options.durations = DurationMode::kContinuous;
  options.observation_end = 1584748799;
  const SummaryTable table = SummarizeTransactions(ingest, options);
  EXPECT_EQ(table.frequency[0], 3);  // days, not weeks, are the purchase periods
  EXPECT_DOUBLE_EQ(table.recency[0], 1.0);
  EXPECT_DOUBLE_EQ(table.age[0], 74.0 / 7.0);
}

TEST(Correctness, IdsSortNumericallyWhenAllAreIntegersElseAsText) {
  IngestOptions ingest;
  ingest.paths = {testing::WriteFile("numeric_ids.csv",
                                     "id,date\n10,2020-01-01\n9,2020-01-02\n"
                                     "010,2020-01-03\n2,2020-01-01\n")};
  EXPECT_EQ(SummarizeTransactions(ingest, {}).customer_ids,
            (std::vector<std::string>{"2", "9", "010", "10"}));
  ingest.paths = {testing::WriteFile("text_ids.csv",
                                     "id,date\n10,2020-01-01\n9,2020-01-02\n"
                                     "b,2020-01-03\n2,2020-01-01\n")};
  EXPECT_EQ(SummarizeTransactions(ingest, {}).customer_ids,
            (std::vector<std::string>{"10", "2", "9", "b"}));
}

TEST(Correctness, RefundsNetWithinTheirPeriodOrAreDropped) {
  IngestOptions ingest;
  ingest.paths = {
      testing::WriteFile("refunds.csv",
                         "id,date,amount\n1,2020-01-01,10\n1,2020-01-05,30\n1,2020-01-05,-$5\n"
                         "1,2020-01-09,-2\n")};
  SummaryOptions options;
  SummaryReport report;
  const SummaryTable net = SummarizeTransactions(ingest, options, &report);
  EXPECT_EQ(net.frequency[0], 2);  // a refund day is a transaction day, as in lifetimes
  EXPECT_DOUBLE_EQ(net.monetary_value[0], (25.0 - 2.0) / 2.0);
  options.refunds = RefundRule::kDrop;
  const SummaryTable dropped = SummarizeTransactions(ingest, options, &report);
  EXPECT_EQ(dropped.frequency[0], 1);
  EXPECT_DOUBLE_EQ(dropped.monetary_value[0], 30.0);
  EXPECT_EQ(report.rows_refund_dropped, 2);
}

TEST(Correctness, CustomersFirstSeenInTheHoldoutAreLeftOutAndCounted) {
  IngestOptions ingest;
  ingest.paths = {testing::WriteFile("holdout.csv",
                                     "id,date,amount\n1,2020-01-01,1\n"
                                     "1,2020-01-20,4\n1,2020-01-25,6\n"
                                     "2,2020-01-15,1\n")};
  SummaryOptions options;
  options.calibration_end = 1578873599;  // 2020-01-12 23:59:59
  SummaryReport report;
  const SummaryTable table = SummarizeTransactions(ingest, options, &report);
  ASSERT_EQ(table.size(), 1u);
  EXPECT_EQ(report.customers_first_seen_in_holdout, 1);
  EXPECT_EQ(table.frequency[0], 0);
  EXPECT_EQ(table.age[0], 11);  // 01-01 to the calibration end 01-12
  EXPECT_EQ(table.frequency_holdout[0], 2);
  EXPECT_DOUBLE_EQ(table.monetary_value_holdout[0], 5.0);
  EXPECT_EQ(table.duration_holdout[0], 13);  // 01-12 to the last date seen, 01-25
}

TEST(InputChecks, CalibrationEndAfterObservationEndIsRejected) {
  IngestOptions ingest;
  ingest.paths = {testing::WriteFile("windows.csv", "id,date\n1,2020-01-01\n1,2020-01-20\n")};
  SummaryOptions options;
  options.calibration_end = 1600000000;
  EXPECT_THROW(SummarizeTransactions(ingest, options), InputError);
}

}  // namespace
}  // namespace clv
