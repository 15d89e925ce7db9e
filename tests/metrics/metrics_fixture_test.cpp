// SPDX-License-Identifier: MIT
// Every business metric on the four-month log of purchase_log_fixture.h, computed by hand.
// Orders: A 3 (two rows on 01-05 make one), B 1, C 2, D 1 = 7. Revenue: A 65, B 30 (refund
// netted), C 50, D 50 = 195; E has only a refund and is left out. Days observed from the first
// order to 2024-04-30 inclusive: A 117, B 102, C 88, D 1 = 308.
#include <gtest/gtest.h>

#include <vector>

#include "clv/error.h"
#include "clv/metrics.h"
#include "metrics/purchase_log_fixture.h"

namespace clv {
namespace {

using testing::FourMonthOptions;
using testing::FourMonthRows;
using testing::LogOf;

BusinessMetrics FourMonthMetrics(MetricsOptions options = FourMonthOptions()) {
  return ComputeBusinessMetrics(LogOf(FourMonthRows(), true), options);
}

TEST(Correctness, TotalsCountCustomerDaysAsOrdersAndNetRefunds) {
  const CustomerBaseTotals totals = FourMonthMetrics().totals;
  EXPECT_EQ(totals.customers, 4);
  EXPECT_EQ(totals.orders, 7);
  EXPECT_DOUBLE_EQ(totals.revenue, 195.0);
  EXPECT_DOUBLE_EQ(totals.average_order_value, 195.0 / 7.0);
  EXPECT_DOUBLE_EQ(totals.orders_per_customer, 7.0 / 4.0);
  EXPECT_DOUBLE_EQ(totals.purchase_frequency, 7.0 / (308.0 / 365.25));
  EXPECT_DOUBLE_EQ(totals.repeat_purchase_rate, 0.5);
}

TEST(Correctness, LifespansAreObservedSpanAndInverseChurn) {
  const CustomerBaseTotals totals = FourMonthMetrics().totals;
  // A: 01-05 to 04-02 = 88 days, C: 29 days, B and D: 0.
  EXPECT_DOUBLE_EQ(totals.observed_lifespan_years, 117.0 / 4.0 / 365.25);
  // Retained / previously active: Feb 1/2, Mar 1/2, Apr 0/1 -> 2/5.
  ASSERT_TRUE(totals.retention_rate.has_value());
  EXPECT_DOUBLE_EQ(*totals.retention_rate, 0.4);
  EXPECT_DOUBLE_EQ(*totals.churn_rate, 0.6);
  EXPECT_DOUBLE_EQ(*totals.expected_lifespan_years, 1.0 / 0.6 / 12.0);
}

TEST(Correctness, SimpleClvMultipliesOrderValueFrequencyLifespanAndMargin) {
  MetricsOptions options = FourMonthOptions();
  options.margin = 0.25;
  const CustomerBaseTotals totals = FourMonthMetrics(options).totals;
  const double expected = (195.0 / 7.0) * (7.0 / (308.0 / 365.25)) * (1.0 / 0.6 / 12.0) * 0.25;
  EXPECT_NEAR(*totals.simple_clv, expected, 1e-12 * expected);
}

TEST(Correctness, RetentionClvUsesMarginPerActiveCustomerPeriod) {
  const RetentionClv clv = FourMonthMetrics().retention_clv;
  // Active customer-months: 2 + 2 + 1 + 2 = 7.
  EXPECT_DOUBLE_EQ(clv.margin_per_period, 195.0 / 7.0);
  EXPECT_DOUBLE_EQ(*clv.retention_rate, 0.4);
  EXPECT_DOUBLE_EQ(clv.discount_rate, 0.1);
  EXPECT_NEAR(*clv.multiple, 0.4 / 0.7, 1e-15);
  EXPECT_NEAR(*clv.value, 195.0 / 7.0 * 0.4 / 0.7, 1e-12);
  const double k = 0.4 / 1.1;
  EXPECT_NEAR(*clv.finite_horizon_value, 195.0 / 7.0 * (k + k * k + k * k * k), 1e-12);
  EXPECT_EQ(clv.horizon_periods, 3);
}

TEST(Correctness, PeriodTableCountsNewActiveReturningAndRetainedAcrossGaps) {
  const std::vector<PeriodMetrics> periods = FourMonthMetrics().periods;
  ASSERT_EQ(periods.size(), 4U);
  const std::vector<std::string> labels{"2024-01", "2024-02", "2024-03", "2024-04"};
  const std::vector<std::int64_t> new_customers{2, 1, 0, 1};
  const std::vector<std::int64_t> active{2, 2, 1, 2};
  const std::vector<std::int64_t> returning{0, 1, 1, 1};
  // A returns in April after a gap: returning, but not retained from March.
  const std::vector<std::int64_t> retained{0, 1, 1, 0};
  const std::vector<std::int64_t> orders{2, 2, 1, 2};
  const std::vector<double> revenue{45.0, 45.0, 25.0, 80.0};
  for (std::size_t p = 0; p < periods.size(); ++p) {
    SCOPED_TRACE(labels[p]);
    EXPECT_EQ(periods[p].label, labels[p]);
    EXPECT_EQ(periods[p].new_customers, new_customers[p]);
    EXPECT_EQ(periods[p].active_customers, active[p]);
    EXPECT_EQ(periods[p].returning_customers, returning[p]);
    EXPECT_EQ(periods[p].retained_customers, retained[p]);
    EXPECT_EQ(periods[p].orders, orders[p]);
    EXPECT_DOUBLE_EQ(periods[p].revenue, revenue[p]);
  }
}

TEST(Correctness, PeriodRatesFollowTheirDefinitions) {
  const std::vector<PeriodMetrics> periods = FourMonthMetrics().periods;
  EXPECT_FALSE(periods[0].retention_rate.has_value());
  EXPECT_FALSE(periods[0].churn_rate.has_value());
  EXPECT_DOUBLE_EQ(*periods[1].retention_rate, 0.5);
  EXPECT_DOUBLE_EQ(*periods[2].retention_rate, 0.5);
  EXPECT_DOUBLE_EQ(*periods[3].retention_rate, 0.0);
  EXPECT_DOUBLE_EQ(*periods[3].churn_rate, 1.0);
  // Customers with a second order so far / customers so far.
  const std::vector<double> repeat_rate{0.0, 1.0 / 3.0, 2.0 / 3.0, 0.5};
  for (std::size_t p = 0; p < periods.size(); ++p) {
    EXPECT_DOUBLE_EQ(periods[p].repeat_purchase_rate, repeat_rate[p]) << periods[p].label;
  }
}

TEST(Correctness, CohortTableFollowsEachAcquisitionMonth) {
  const std::vector<Cohort> cohorts = FourMonthMetrics().cohorts;
  ASSERT_EQ(cohorts.size(), 3U);  // no customer was acquired in March
  EXPECT_EQ(cohorts[0].label, "2024-01");
  EXPECT_EQ(cohorts[0].customers, 2);
  ASSERT_EQ(cohorts[0].cells.size(), 4U);
  const std::vector<std::int64_t> january_active{2, 1, 0, 1};
  const std::vector<double> january_revenue{45.0, 20.0, 0.0, 30.0};
  for (std::size_t since = 0; since < 4; ++since) {
    EXPECT_EQ(cohorts[0].cells[since].periods_since_acquisition, static_cast<int>(since));
    EXPECT_EQ(cohorts[0].cells[since].active_customers, january_active[since]);
    EXPECT_DOUBLE_EQ(cohorts[0].cells[since].share_active, january_active[since] / 2.0);
    EXPECT_DOUBLE_EQ(cohorts[0].cells[since].revenue_per_customer, january_revenue[since] / 2.0);
  }
  EXPECT_EQ(cohorts[1].label, "2024-02");
  ASSERT_EQ(cohorts[1].cells.size(), 3U);
  EXPECT_EQ(cohorts[1].cells[1].active_customers, 1);
  EXPECT_EQ(cohorts[1].cells[2].active_customers, 0);
  EXPECT_EQ(cohorts[2].label, "2024-04");
  ASSERT_EQ(cohorts[2].cells.size(), 1U);
  EXPECT_DOUBLE_EQ(cohorts[2].cells[0].revenue, 50.0);
}

TEST(Correctness, QuarterAndYearPeriodsGroupTheSameOrders) {
  MetricsOptions options = FourMonthOptions();
  options.period = CalendarPeriod::kQuarter;
  const BusinessMetrics quarters = FourMonthMetrics(options);
  ASSERT_EQ(quarters.periods.size(), 2U);
  EXPECT_EQ(quarters.periods[0].label, "2024-Q1");
  EXPECT_EQ(quarters.periods[0].active_customers, 3);
  EXPECT_EQ(quarters.periods[1].label, "2024-Q2");
  EXPECT_EQ(quarters.periods[1].active_customers, 2);
  EXPECT_EQ(quarters.periods[1].retained_customers, 1);  // A
  options.period = CalendarPeriod::kYear;
  const BusinessMetrics years = FourMonthMetrics(options);
  ASSERT_EQ(years.periods.size(), 1U);
  EXPECT_EQ(years.periods[0].label, "2024");
  EXPECT_FALSE(years.totals.retention_rate.has_value());
  EXPECT_FALSE(years.totals.simple_clv.has_value());
}

TEST(Correctness, ChannelsComeFromTheFirstPurchase) {
  const BusinessMetrics metrics = FourMonthMetrics();
  ASSERT_EQ(metrics.channels.size(), 3U);  // E's refund acquires nobody
  EXPECT_EQ(metrics.channels[0].first, "ads");
  EXPECT_EQ(metrics.channels[0].second.customers, 1);
  EXPECT_EQ(metrics.channels[1].first, "store");
  EXPECT_EQ(metrics.channels[1].second.customers, 1);
  EXPECT_EQ(metrics.channels[2].first, "web");  // A's first row (10.00) is "web"
  EXPECT_EQ(metrics.channels[2].second.customers, 2);
  EXPECT_EQ(metrics.channels[2].second.orders, 5);
  EXPECT_DOUBLE_EQ(metrics.channels[2].second.revenue, 115.0);
  EXPECT_DOUBLE_EQ(*metrics.channels[2].second.retention_rate, 0.5);
}

TEST(Correctness, LtvCacDividesMarginClvByCostAndCountsMonthsToRecover) {
  MetricsOptions options = FourMonthOptions();
  options.cac = 10.0;
  const BusinessMetrics metrics = FourMonthMetrics(options);
  ASSERT_EQ(metrics.ltv_cac.size(), 1U);
  const LtvCac& overall = metrics.ltv_cac[0];
  EXPECT_DOUBLE_EQ(*overall.ratio, *metrics.totals.simple_clv / 10.0);
  const double revenue_per_customer_month = 195.0 / (308.0 / 365.25) / 12.0;
  EXPECT_NEAR(*overall.months_to_recover, 10.0 / revenue_per_customer_month, 1e-12);
}

TEST(Correctness, ChannelCacsAverageByCustomersAcquired) {
  MetricsOptions options = FourMonthOptions();
  options.cac_by_channel = {{"web", 20.0}, {"store", 10.0}, {"ads", 5.0}};
  const BusinessMetrics metrics = FourMonthMetrics(options);
  ASSERT_EQ(metrics.ltv_cac.size(), 4U);
  EXPECT_DOUBLE_EQ(metrics.ltv_cac[0].cac, (20.0 * 2 + 10.0 + 5.0) / 4.0);
  EXPECT_EQ(metrics.ltv_cac[1].channel, "ads");
  EXPECT_EQ(metrics.ltv_cac[3].channel, "web");
  EXPECT_DOUBLE_EQ(*metrics.ltv_cac[3].ratio, *metrics.channels[2].second.simple_clv / 20.0);
}

TEST(Correctness, OnlyOrderOnTheLastDayCountsOneDayObservedAndNoLifespan) {
  const std::vector<testing::FixtureRow> rows{{"D", testing::Noon(2024, 4, 30), 5000, ""}};
  const BusinessMetrics metrics = ComputeBusinessMetrics(LogOf(rows, false), FourMonthOptions());
  EXPECT_EQ(metrics.totals.customers, 1);
  EXPECT_DOUBLE_EQ(metrics.totals.purchase_frequency, 365.25);
  EXPECT_DOUBLE_EQ(metrics.totals.observed_lifespan_years, 0.0);
  EXPECT_EQ(metrics.periods.size(), 1U);
  EXPECT_FALSE(metrics.totals.simple_clv.has_value());
}

TEST(Correctness, RowsAfterTheObservationEndAreLeftOut) {
  std::vector<testing::FixtureRow> rows = FourMonthRows();
  rows.push_back({"C", testing::Noon(2024, 5, 2), 9900, "web"});
  const BusinessMetrics metrics = ComputeBusinessMetrics(LogOf(rows, true), FourMonthOptions());
  EXPECT_EQ(metrics.rows_after_observation_end, 1);
  EXPECT_DOUBLE_EQ(metrics.totals.revenue, 195.0);
  EXPECT_EQ(metrics.last_day, "2024-04-30");
}

TEST(InputChecks, RejectsAnEmptyLog) {
  EXPECT_THROW(ComputeBusinessMetrics(PurchaseLog{}, MetricsOptions{}), InputError);
}

TEST(InputChecks, RejectsALogOfRefundsOnly) {
  const std::vector<testing::FixtureRow> rows{{"E", testing::Noon(2024, 3, 10), -500, ""}};
  EXPECT_THROW(ComputeBusinessMetrics(LogOf(rows, false), MetricsOptions{}), InputError);
}

TEST(InputChecks, RejectsMarginOutsideZeroToOne) {
  MetricsOptions options;
  options.margin = 1.5;
  try {
    FourMonthMetrics(options);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "margin must be in (0, 1], got 1.5");
  }
}

TEST(InputChecks, RejectsNegativeDiscountRateAndNonPositiveCac) {
  MetricsOptions options;
  options.discount_rate = -0.1;
  EXPECT_THROW(options.Validate(), InputError);
  options = MetricsOptions{};
  options.cac = 0.0;
  EXPECT_THROW(options.Validate(), InputError);
}

TEST(InputChecks, RejectsACacForAChannelNobodyWasAcquiredThrough) {
  MetricsOptions options = FourMonthOptions();
  options.cac_by_channel = {{"web", 20.0}, {"store", 10.0}, {"ads", 5.0}, {"tv", 50.0}};
  options.cac_source = "cac.csv";
  try {
    FourMonthMetrics(options);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "cac.csv: unknown channel 'tv': no customer made a first purchase through it");
  }
}

TEST(InputChecks, RejectsACacTableMissingAnAcquisitionChannel) {
  MetricsOptions options = FourMonthOptions();
  options.cac_by_channel = {{"web", 20.0}, {"store", 10.0}};
  EXPECT_THROW(FourMonthMetrics(options), InputError);
}

TEST(InputChecks, RejectsChannelCacsWithoutChannels) {
  MetricsOptions options = FourMonthOptions();
  options.cac_by_channel = {{"web", 20.0}};
  EXPECT_THROW(ComputeBusinessMetrics(LogOf(FourMonthRows(), false), options), InputError);
}

}  // namespace
}  // namespace clv

namespace clv {
namespace {

TEST(Correctness, FirstPurchaseAttributesComeFromTheEarliestPurchaseRow) {
  const PurchaseLog log = testing::LogOf(testing::FourMonthRows(), true);
  const std::vector<std::string> channels = FirstPurchaseChannels(log);
  const std::vector<std::string> months = AcquisitionMonths(log);
  // Builder order: A, B, C, D, E. E has refunds only.
  EXPECT_EQ(channels, (std::vector<std::string>{"web", "store", "web", "ads", ""}));
  EXPECT_EQ(months, (std::vector<std::string>{"2024-01", "2024-01", "2024-02", "2024-04", ""}));
}

}  // namespace
}  // namespace clv

namespace clv {
namespace {

TEST(InputChecks, RejectsAWindowOfCenturiesInsteadOfAllocatingItsCohortTable) {
  const std::vector<testing::FixtureRow> rows{{"A", testing::Noon(1900, 1, 1), 100, ""},
                                              {"A", testing::Noon(2024, 1, 1), 100, ""}};
  try {
    ComputeBusinessMetrics(testing::LogOf(rows, false), MetricsOptions{});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "the purchase log spans 1489 months, from 1900-01-01 to 2024-01-01; at most "
                 "1200 are measured (check the dates, or pass --period year or "
                 "--observation-end)");
  }
  MetricsOptions yearly;
  yearly.period = CalendarPeriod::kYear;
  EXPECT_EQ(ComputeBusinessMetrics(testing::LogOf(rows, false), yearly).periods.size(), 125U);
}

}  // namespace
}  // namespace clv
