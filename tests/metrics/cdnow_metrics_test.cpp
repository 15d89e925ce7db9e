// SPDX-License-Identifier: MIT
// Business metrics on the CDNOW sample (REFERENCE.md §3.1), each checked twice: against the
// published cross-check value and against a direct count over the file made here.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "clv/metrics.h"

namespace clv {
namespace {

struct CdnowRow {
  std::string customer;  // sample id, as in the published summaries
  int date = 0;          // YYYYMMDD
  std::int64_t cents = 0;
};

std::vector<CdnowRow> ReadCdnowSample() {
  std::ifstream in(std::string(CLV_SHARED_DATA_DIR) + "/CDNOW_sample.txt");
  std::vector<CdnowRow> rows;
  std::string master_id, sample_id, dollars;
  int date = 0, cds = 0;
  while (in >> master_id >> sample_id >> date >> cds >> dollars) {
    const std::size_t point = dollars.find('.');
    const std::int64_t cents =
        std::stoll(dollars.substr(0, point)) * 100 + std::stoll(dollars.substr(point + 1));
    rows.push_back({sample_id, date, cents});
  }
  return rows;
}

std::int64_t NoonOf(int yyyymmdd) {
  const std::chrono::sys_days day = std::chrono::year{yyyymmdd / 10000} /
                                    static_cast<unsigned>(yyyymmdd / 100 % 100) /
                                    static_cast<unsigned>(yyyymmdd % 100);
  return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count() + 43200;
}

PurchaseLog CdnowLog(const std::vector<CdnowRow>& rows) {
  PurchaseLogBuilder builder;
  for (const CdnowRow& row : rows)
    builder.Add(row.customer, NoonOf(row.date), row.cents);
  return builder.Release();
}

// The file is read once per test binary.
const std::vector<CdnowRow>& rows() {
  static const std::vector<CdnowRow> cached = ReadCdnowSample();
  return cached;
}

// REFERENCE.md §3.1, "Business metrics on the sample, all 78 weeks".
TEST(Correctness, CdnowMetricsOverAllWeeksMatchTheReferenceAndADirectCount) {
  ASSERT_EQ(rows().size(), 6919U);
  std::set<std::pair<std::string, int>> customer_days;
  std::map<std::string, int> days_per_customer;
  std::int64_t cents = 0;
  for (const CdnowRow& row : rows()) {
    if (customer_days.insert({row.customer, row.date}).second) ++days_per_customer[row.customer];
    cents += row.cents;
  }
  int repeaters = 0;
  for (const auto& [customer, days] : days_per_customer)
    repeaters += days >= 2 ? 1 : 0;

  const BusinessMetrics metrics = ComputeBusinessMetrics(CdnowLog(rows()), MetricsOptions{});
  const CustomerBaseTotals& totals = metrics.totals;
  EXPECT_EQ(totals.customers, 2357);
  EXPECT_EQ(totals.customers, static_cast<std::int64_t>(days_per_customer.size()));
  EXPECT_EQ(totals.orders, 6696);
  EXPECT_EQ(totals.orders, static_cast<std::int64_t>(customer_days.size()));
  EXPECT_DOUBLE_EQ(totals.revenue, 244091.94);
  EXPECT_DOUBLE_EQ(totals.revenue, static_cast<double>(cents) / 100.0);
  EXPECT_NEAR(totals.average_order_value, 36.4534, 5e-5);
  EXPECT_NEAR(totals.orders_per_customer, 2.8409, 5e-5);
  EXPECT_NEAR(totals.revenue / static_cast<double>(totals.customers), 103.56, 5e-3);
  EXPECT_EQ(repeaters, 1139);
  EXPECT_DOUBLE_EQ(totals.repeat_purchase_rate, 1139.0 / 2357.0);
  EXPECT_EQ(metrics.first_day, "1997-01-01");
  EXPECT_EQ(metrics.last_day, "1998-06-30");
  EXPECT_EQ(metrics.periods.size(), 18U);
}

// REFERENCE.md §3.1: 946 of 2,357 customers repeat within the 39-week calibration period.
TEST(Correctness, CdnowNineHundredFortySixCustomersRepeatWithinThirtyNineWeeks) {
  MetricsOptions options;
  options.observation_end = NoonOf(19970930) + 43199;
  const BusinessMetrics metrics = ComputeBusinessMetrics(CdnowLog(rows()), options);
  EXPECT_EQ(metrics.totals.customers, 2357);
  EXPECT_DOUBLE_EQ(metrics.totals.repeat_purchase_rate, 946.0 / 2357.0);
  EXPECT_EQ(metrics.periods.back().label, "1997-09");
  EXPECT_EQ(metrics.periods.back().repeat_customers_so_far, 946);
  // 2,457 repeat customer-days in calibration (REFERENCE.md §3.1) plus one first order each.
  EXPECT_EQ(metrics.totals.orders, 2357 + 2457);
}

TEST(Correctness, CdnowEveryCustomerIsAcquiredInTheFirstQuarter) {
  MetricsOptions options;
  options.period = CalendarPeriod::kQuarter;
  const BusinessMetrics metrics = ComputeBusinessMetrics(CdnowLog(rows()), options);
  ASSERT_EQ(metrics.cohorts.size(), 1U);
  EXPECT_EQ(metrics.cohorts[0].label, "1997-Q1");
  EXPECT_EQ(metrics.cohorts[0].customers, 2357);
  EXPECT_EQ(metrics.cohorts[0].cells[0].active_customers, 2357);
  double cohort_revenue = 0.0;
  for (const CohortCell& cell : metrics.cohorts[0].cells)
    cohort_revenue += cell.revenue;
  EXPECT_NEAR(cohort_revenue, 244091.94, 1e-6);
}

}  // namespace
}  // namespace clv
