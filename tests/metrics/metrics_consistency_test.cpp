// SPDX-License-Identifier: MIT
// The metrics depend on the rows alone: not on the thread count, not on the row order.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "clv/metrics.h"
#include "common/parallel.h"
#include "metrics/purchase_log_fixture.h"

namespace clv {
namespace {

std::vector<testing::FixtureRow> RandomRows(int num_customers) {
  std::mt19937_64 random(20240501);
  std::uniform_int_distribution<std::int64_t> second_of_2023(0, 365LL * 86400 - 1);
  std::uniform_int_distribution<std::int64_t> cents(-2000, 20000);
  std::uniform_int_distribution<int> purchases(1, 6);
  const std::vector<std::string> channels{"ads", "email", "store", "web"};
  std::vector<testing::FixtureRow> rows;
  const std::int64_t start = testing::Noon(2023, 1, 1) - 43200;
  for (int customer = 0; customer < num_customers; ++customer) {
    const int count = purchases(random);
    for (int i = 0; i < count; ++i) {
      rows.push_back({std::to_string(customer), start + second_of_2023(random), cents(random),
                      channels[random() % channels.size()]});
    }
  }
  return rows;
}

std::string MetricsJson(const std::vector<testing::FixtureRow>& rows, int threads) {
  const detail::ThreadLimit limit(threads);
  MetricsOptions options;
  options.cac_by_channel = {{"ads", 30.0}, {"email", 5.0}, {"store", 20.0}, {"web", 10.0}};
  return MetricsToJson(ComputeBusinessMetrics(testing::LogOf(rows, true), options));
}

TEST(Consistency, MetricsAreIdenticalForOneAndTwoThreads) {
  const std::vector<testing::FixtureRow> rows = RandomRows(40000);
  EXPECT_EQ(MetricsJson(rows, 1), MetricsJson(rows, 2));
}

TEST(Consistency, MetricsDoNotDependOnTheRowOrder) {
  std::vector<testing::FixtureRow> rows = RandomRows(5000);
  const std::string in_order = MetricsJson(rows, 2);
  std::shuffle(rows.begin(), rows.end(), std::mt19937_64(7));
  EXPECT_EQ(MetricsJson(rows, 2), in_order);
  std::reverse(rows.begin(), rows.end());
  EXPECT_EQ(MetricsJson(rows, 1), in_order);
}

TEST(Consistency, PeriodTablesAddUpToTheTotals) {
  const BusinessMetrics metrics =
      ComputeBusinessMetrics(testing::LogOf(RandomRows(3000), false), MetricsOptions{});
  std::int64_t new_customers = 0;
  std::int64_t orders = 0;
  double revenue = 0.0;
  for (const PeriodMetrics& period : metrics.periods) {
    new_customers += period.new_customers;
    orders += period.orders;
    revenue += period.revenue;
    EXPECT_EQ(period.active_customers, period.new_customers + period.returning_customers);
    EXPECT_LE(period.retained_customers, period.returning_customers);
  }
  EXPECT_EQ(new_customers, metrics.totals.customers);
  EXPECT_EQ(orders, metrics.totals.orders);
  EXPECT_NEAR(revenue, metrics.totals.revenue, 1e-6);
  EXPECT_EQ(metrics.periods.back().customers_so_far, metrics.totals.customers);
}

}  // namespace
}  // namespace clv
