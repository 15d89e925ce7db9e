// SPDX-License-Identifier: MIT
// The aggregation of per-customer vectors into the report's bounded aggregates.
#include "clv/report_builder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "clv/error.h"
#include "common/parallel.h"
#include "report/cdnow_report_fixture.h"

namespace clv::test {
namespace {

const ReportAggregationOptions kDefaults;

// REFERENCE.md §3.1: BTYD's holdout bins of CDNOW by calibration frequency 0..6, 7+.
TEST(Correctness, HoldoutByFrequencyReproducesBtydCdnowBins) {
  const std::vector<HoldoutFrequencyRow> rows =
      BuildHoldoutByFrequency(CdnowSample().View(), kDefaults);
  const std::vector<std::int64_t> sizes = {1411, 439, 214, 100, 62, 38, 29, 64};
  const std::vector<double> means = {0.2367116, 0.6970387, 1.392523, 1.560000,
                                     2.532258,  2.947368,  3.862069, 6.359375};
  ASSERT_EQ(rows.size(), 8u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].calibration_frequency, i == 7 ? "7+" : std::to_string(i));
    EXPECT_EQ(rows[i].customers, sizes[i]);
    EXPECT_NEAR(rows[i].actual_mean, means[i], 5e-7);
    EXPECT_GT(rows[i].expected_mean, 0.0);
  }
}

// REFERENCE.md §3.1: weekly cumulative repeat transactions, week 39 = 2,457, week 78 = 4,339.
TEST(Correctness, CdnowTrackingFixtureReproducesBtydCumulativeCounts) {
  const ReportInput input = CdnowReportInput();
  ASSERT_EQ(input.tracking.points.size(), 78u);
  EXPECT_EQ(input.tracking.points[1].cumulative_actual, 19);
  EXPECT_EQ(input.tracking.points[38].cumulative_actual, 2457);
  EXPECT_EQ(input.tracking.points[77].cumulative_actual, 4339);
  EXPECT_EQ(input.tracking.calibration_end_period, input.tracking.points[38].period);
}

TEST(Correctness, ConcentrationOfEqualValuesIsTheDiagonalWithGiniZero) {
  const std::vector<double> values(1000, 3.5);
  const Concentration concentration = BuildConcentration(values, kDefaults);
  ASSERT_EQ(concentration.points.size(), 101u);
  for (const ConcentrationPoint& point : concentration.points) {
    EXPECT_NEAR(point.value_share, point.customer_share, 1e-12);
  }
  EXPECT_NEAR(concentration.top20_share, 0.2, 1e-12);
  EXPECT_NEAR(concentration.gini, 0.0, 1e-12);
}

TEST(Correctness, ConcentrationWithOneHolderGivesHimEverything) {
  std::vector<double> values(10, 0.0);
  values[4] = 7.0;
  const Concentration concentration = BuildConcentration(values, kDefaults);
  EXPECT_DOUBLE_EQ(concentration.top20_share, 1.0);
  EXPECT_NEAR(concentration.gini, 0.9, 1e-12);  // (n - 1) / n
  EXPECT_DOUBLE_EQ(concentration.points.front().value_share, 0.0);
  EXPECT_DOUBLE_EQ(concentration.points.back().value_share, 1.0);
}

// Gini as the mean absolute difference over twice the mean, sum_ij |v_i - v_j| / (2 n^2 mean).
TEST(Correctness, GiniMatchesThePairwiseDefinition) {
  std::mt19937_64 random(7);
  std::gamma_distribution<double> spend(0.6, 50.0);
  std::vector<double> values(700);
  for (double& value : values)
    value = spend(random);
  double pairwise = 0;
  double total = 0;
  for (const double a : values) {
    total += a;
    for (const double b : values)
      pairwise += std::abs(a - b);
  }
  const auto n = static_cast<double>(values.size());
  EXPECT_NEAR(BuildConcentration(values, kDefaults).gini, pairwise / (2 * n * total), 1e-12);
}

TEST(Correctness, HistogramCountsEveryCustomerOnceAndGathersTheTail) {
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i)
    values.push_back(i);
  values.push_back(1e6);  // one customer far out in the tail
  const Histogram histogram = BuildHistogram(values, "CLV", kDefaults);
  ASSERT_EQ(histogram.bins.size(), 40u);
  EXPECT_TRUE(histogram.last_bin_open);
  EXPECT_DOUBLE_EQ(histogram.bins.front().lower, 0.0);
  EXPECT_DOUBLE_EQ(histogram.bins.back().upper, 1e6);
  std::int64_t counted = 0;
  for (const HistogramBin& bin : histogram.bins)
    counted += bin.customers;
  EXPECT_EQ(counted, 1001);
  EXPECT_LT(histogram.bins.back().customers, 20);
  EXPECT_GT(histogram.bins.front().customers, 20);
}

TEST(Correctness, HistogramOfOneRepeatedValueHasEveryoneInOneBin) {
  const std::vector<double> values(50, 12.0);
  const Histogram histogram = BuildHistogram(values, "CLV", kDefaults);
  ASSERT_FALSE(histogram.bins.empty());
  EXPECT_FALSE(histogram.last_bin_open);
  EXPECT_EQ(histogram.bins.front().customers, 50);
}

TEST(Correctness, FrequencyRecencyGridAveragesEachCell) {
  const std::vector<double> frequency = {0, 0, 1, 1, 30};
  const std::vector<double> recency = {0, 0, 9, 1, 19};
  const std::vector<double> age = {20, 10, 20, 20, 20};
  const std::vector<double> value = {1, 3, 10, 20, 5};
  const CustomerScoresView customers{.frequency = frequency, .recency = recency, .age = age};
  ReportAggregationOptions options;
  options.max_frequency_rows = 3;
  options.recency_columns = 2;  // [0, 10), [10, 20]
  const Heatmap grid = BuildFrequencyRecencyGrid(customers, value, "v", options);
  EXPECT_EQ(grid.row_labels, (std::vector<std::string>{"0", "1", "2+"}));
  EXPECT_EQ(grid.column_labels, (std::vector<std::string>{"0-10", "10-20"}));
  ASSERT_EQ(grid.cells.size(), 3u);
  EXPECT_EQ(grid.cells[0].row, 0);
  EXPECT_DOUBLE_EQ(grid.cells[0].value, 2.0);
  EXPECT_EQ(grid.cells[0].customers, 2);
  EXPECT_DOUBLE_EQ(grid.cells[1].value, 15.0);
  EXPECT_EQ(grid.cells[2].row, 2);
  EXPECT_EQ(grid.cells[2].column, 1);
}

TEST(Correctness, TopCustomersAreTheHighestClvFirstWithTiesInInputOrder) {
  const CdnowColumns& cdnow = CdnowSample();
  const std::vector<TopCustomer> top = SelectTopCustomers(cdnow.View(), kDefaults);
  ASSERT_EQ(top.size(), 50u);
  std::vector<double> sorted = cdnow.clv;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  for (std::size_t i = 0; i < top.size(); ++i)
    EXPECT_EQ(top[i].clv, sorted[i]);

  const std::vector<double> tied = {1, 5, 5, 2};
  const std::vector<double> zeros(4, 0.0);
  ReportAggregationOptions options;
  options.top_customers = 3;
  const std::vector<TopCustomer> ranked = SelectTopCustomers({.frequency = zeros,
                                                              .recency = zeros,
                                                              .age = zeros,
                                                              .monetary_value = zeros,
                                                              .expected_purchases = zeros,
                                                              .p_alive = zeros,
                                                              .clv = tied},
                                                             options);
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_EQ(ranked[0].customer_id, "2");
  EXPECT_EQ(ranked[1].customer_id, "3");
  EXPECT_EQ(ranked[2].customer_id, "4");
}

TEST(InputChecks, RejectsNonFiniteClv) {
  std::vector<double> values(5, 1.0);
  values[3] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(BuildConcentration(values, kDefaults), InputError);
  EXPECT_THROW(BuildHistogram(values, "CLV", kDefaults), InputError);
}

TEST(InputChecks, RejectsNegativeValuesInTheConcentrationCurve) {
  const std::vector<double> values = {1.0, -0.5, 2.0};
  EXPECT_THROW(BuildConcentration(values, kDefaults), InputError);
}

TEST(InputChecks, RejectsColumnsOfDifferentLengths) {
  CdnowColumns columns = CdnowSample();
  columns.p_alive.pop_back();
  EXPECT_THROW(AggregateCustomers(columns.View()), InputError);
}

TEST(InputChecks, RejectsOptionsOutsideTheirRange) {
  ReportAggregationOptions options;
  options.concentration_points = 500;
  EXPECT_THROW(options.Validate(), InputError);
  options = {};
  options.top_customers = 51;
  EXPECT_THROW(options.Validate(), InputError);
  options = {};
  options.histogram_tail_quantile = 0.0;
  EXPECT_THROW(options.Validate(), InputError);
}

TEST(Consistency, AggregatesAreIdenticalForOneAndTwoThreads) {
  std::mt19937_64 random(11);
  std::gamma_distribution<double> spend(0.5, 80.0);
  std::vector<double> values(300'000);
  for (double& value : values)
    value = spend(random);
  Concentration one_thread;
  {
    detail::ThreadLimit limit(1);
    one_thread = BuildConcentration(values, kDefaults);
  }
  detail::ThreadLimit limit(2);
  const Concentration two_threads = BuildConcentration(values, kDefaults);
  EXPECT_EQ(one_thread.gini, two_threads.gini);
  EXPECT_EQ(one_thread.top20_share, two_threads.top20_share);
  for (std::size_t i = 0; i < one_thread.points.size(); ++i) {
    EXPECT_EQ(one_thread.points[i].value_share, two_threads.points[i].value_share);
  }
}

// The aggregates of a million customers are no larger than those of a thousand.
TEST(Consistency, AggregateSizeDoesNotGrowWithTheNumberOfCustomers) {
  const auto aggregate_size = [](std::size_t num_customers) {
    std::mt19937_64 random(3);
    std::poisson_distribution<int> purchases(1.5);
    std::uniform_real_distribution<double> share(0.0, 1.0);
    std::vector<double> frequency(num_customers), recency(num_customers), age(num_customers),
        clv(num_customers), p_alive(num_customers);
    for (std::size_t i = 0; i < num_customers; ++i) {
      age[i] = 52 * share(random);
      frequency[i] = purchases(random);
      recency[i] = frequency[i] > 0 ? age[i] * share(random) : 0.0;
      p_alive[i] = share(random);
      clv[i] = 100 * frequency[i] * share(random);
    }
    const CustomerScoresView view{.frequency = frequency,
                                  .recency = recency,
                                  .age = age,
                                  .monetary_value = clv,
                                  .expected_purchases = p_alive,
                                  .p_alive = p_alive,
                                  .clv = clv};
    const CustomerAggregates aggregates = AggregateCustomers(view);
    return aggregates.clv_histogram.bins.size() + aggregates.clv_concentration.points.size() +
           aggregates.expected_purchases_grid.cells.size() + aggregates.p_alive_grid.cells.size();
  };
  const std::size_t small = aggregate_size(1'000);
  const std::size_t large = aggregate_size(1'000'000);
  EXPECT_LE(large, 40u + 101u + 2u * 25u * 20u);
  EXPECT_LE(small, large);
}

}  // namespace
}  // namespace clv::test
