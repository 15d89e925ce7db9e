// SPDX-License-Identifier: MIT
// Segmentation of small hand-made customer tables.
#include "clv/segment.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "clv/error.h"
#include "common/parallel.h"

namespace clv {
namespace {

// Customers c1..cN with the given values; frequency, recency, age and monetary value derived
// from the index so that RFM scores are easy to predict.
CustomerValues TableOf(const std::vector<double>& values) {
  CustomerValues customers;
  customers.value_is_predicted = true;
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string id = "c";  // appended, not "c" + ..., which trips a GCC 12 -Wrestrict false alarm
    id += std::to_string(i + 1);
    customers.customer_ids.push_back(id);
    customers.frequency.push_back(static_cast<double>(i));
    customers.recency.push_back(static_cast<double>(i));
    customers.age.push_back(100.0);
    customers.monetary_value.push_back(static_cast<double>(i) * 10.0);
    customers.value.push_back(values[i]);
    customers.p_alive.push_back(0.5);
  }
  return customers;
}

TEST(Correctness, TenDistinctValuesFillTenDecilesBestFirst) {
  const Segmentation result = Segment(TableOf({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), SegmentOptions{});
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(result.value_decile[static_cast<std::size_t>(i)], 10 - i);
}

TEST(Correctness, TiedValuesShareTheBetterDecileAndScore) {
  const Segmentation result = Segment(TableOf({5, 5, 5, 5, 1}), SegmentOptions{});
  // Nobody is strictly above the four tied customers: all are in decile 1 and the top tier.
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(result.value_decile[i], 1);
    EXPECT_EQ(result.value_tier[i], 0);
  }
  EXPECT_EQ(result.value_decile[4], 9);  // 4 of 5 above: 1 + floor(10 * 4 / 5)
  EXPECT_EQ(result.value_tier[4], 3);
}

TEST(Correctness, TierBoundariesFallAtOneTenAndFiftyPercent) {
  std::vector<double> values(200);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = 1000.0 - static_cast<double>(i);
  const Segmentation result = Segment(TableOf(values), SegmentOptions{});
  EXPECT_EQ(result.value_tier[0], 0);    // 0 above
  EXPECT_EQ(result.value_tier[1], 0);    // 1 of 200 above: 0.5 %
  EXPECT_EQ(result.value_tier[2], 1);    // 1 %: gold starts
  EXPECT_EQ(result.value_tier[19], 1);   // 9.5 %
  EXPECT_EQ(result.value_tier[20], 2);   // 10 %: silver starts
  EXPECT_EQ(result.value_tier[99], 2);   // 49.5 %
  EXPECT_EQ(result.value_tier[100], 3);  // 50 %: bronze starts
}

TEST(Correctness, RfmScoresRankRecentFrequentAndBigSpendersHighest) {
  // Customer i: frequency i, recency i with age 100 (time since last purchase 100 - i),
  // monetary 10 i. So c5 is best on all three, c1 worst.
  const Segmentation result = Segment(TableOf({1, 2, 3, 4, 5}), SegmentOptions{});
  for (std::size_t i = 0; i < 5; ++i) {
    const int expected = static_cast<int>(i) + 1;
    EXPECT_EQ(result.recency_score[i], expected);
    EXPECT_EQ(result.frequency_score[i], expected);
    EXPECT_EQ(result.monetary_score[i], expected);
  }
  const auto segment_of = [&](std::size_t i) {
    return result.segment_names[static_cast<std::size_t>(result.segment[i])];
  };
  EXPECT_EQ(segment_of(4), "champions");    // 5,5,5
  EXPECT_EQ(segment_of(3), "champions");    // 4,4,4
  EXPECT_EQ(segment_of(2), "loyal");        // 3,3,3
  EXPECT_EQ(segment_of(1), "hibernating");  // 2,2,2
  EXPECT_EQ(segment_of(0), "lost");         // 1,1,1
}

TEST(Correctness, ConcentrationOfOneHolderIsFullAndGiniIsOneMinusOneOverN) {
  const Segmentation result = Segment(TableOf({0, 0, 100, 0, 0}), SegmentOptions{});
  EXPECT_DOUBLE_EQ(*result.concentration.top_20_share, 1.0);
  EXPECT_DOUBLE_EQ(*result.concentration.gini, 0.8);
}

TEST(Correctness, GiniOfOneToFourIsAQuarter) {
  // sum_i (2 i - n - 1) x_i / (n sum x) = (-3 - 2 + 3 + 12) / 40.
  const Segmentation result = Segment(TableOf({3, 1, 4, 2}), SegmentOptions{});
  EXPECT_DOUBLE_EQ(*result.concentration.gini, 0.25);
  // The top 20 % of 4 customers is one customer (rounded up) holding 4 of 10.
  EXPECT_DOUBLE_EQ(*result.concentration.top_20_share, 0.4);
  EXPECT_EQ(result.concentration.sentences[2],
            "the top 20 % of customers hold 40 % of the expected value");
}

TEST(Correctness, EqualValuesHaveNoConcentration) {
  const Segmentation result = Segment(TableOf({7, 7, 7, 7, 7}), SegmentOptions{});
  EXPECT_DOUBLE_EQ(*result.concentration.gini, 0.0);
  EXPECT_DOUBLE_EQ(*result.concentration.top_20_share, 0.2);
}

TEST(Correctness, ZeroTotalValueLeavesConcentrationUnset) {
  const Segmentation result = Segment(TableOf({0, 0, 0}), SegmentOptions{});
  EXPECT_FALSE(result.concentration.gini.has_value());
  EXPECT_FALSE(result.concentration.top_20_share.has_value());
  const nlohmann::json json = nlohmann::json::parse(SegmentationJson(TableOf({0, 0, 0}), result));
  EXPECT_TRUE(json["gini"].is_null());
}

TEST(Correctness, GroupsSummariseCustomersValueAndPAliveByDescendingMeanValue) {
  CustomerValues customers = TableOf({10, 30, 20, 40});
  customers.p_alive = {0.2, 0.4, 0.6, 0.8};
  SegmentOptions options;
  options.group_of_customer = {"web", "store", "web", "store"};
  const Segmentation result = Segment(customers, options);
  ASSERT_EQ(result.by_group.size(), 2U);
  EXPECT_EQ(result.by_group[0].name, "store");
  EXPECT_EQ(result.by_group[0].customers, 2);
  EXPECT_DOUBLE_EQ(result.by_group[0].total_value, 70.0);
  EXPECT_DOUBLE_EQ(result.by_group[0].mean_value, 35.0);
  EXPECT_DOUBLE_EQ(result.by_group[0].share_of_value, 0.7);
  EXPECT_DOUBLE_EQ(*result.by_group[0].mean_p_alive, 0.6);
  EXPECT_DOUBLE_EQ(result.by_group[1].share_of_customers, 0.5);
  EXPECT_EQ(result.group_names[static_cast<std::size_t>(result.group[0])], "web");
}

TEST(Correctness, CsvHasTheColumnsOfWhatWasComputed) {
  SegmentOptions options;
  options.by = SegmentBy::kValue;
  const CustomerValues customers = TableOf({1, 2});
  EXPECT_EQ(SegmentationCsv(customers, Segment(customers, options)),
            "customer_id,value_decile,value_tier\nc1,6,bronze\nc2,1,platinum\n");
  options.by = SegmentBy::kBoth;
  options.group_of_customer = {"a,b", "c"};
  EXPECT_EQ(SegmentationCsv(customers, Segment(customers, options)),
            "customer_id,value_decile,value_tier,r_score,f_score,m_score,segment,group\n"
            "c1,6,bronze,1,1,1,lost,\"a,b\"\nc2,1,platinum,3,3,3,loyal,c\n");
}

TEST(Consistency, SegmentationIsIdenticalForOneAndTwoThreads) {
  std::vector<double> values(50000);
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = static_cast<double>((i * 7919) % 1000);
  }
  const CustomerValues customers = TableOf(values);
  std::string one, two;
  {
    const detail::ThreadLimit limit(1);
    const Segmentation result = Segment(customers, SegmentOptions{});
    one = SegmentationCsv(customers, result) + SegmentationJson(customers, result);
  }
  {
    const detail::ThreadLimit limit(2);
    const Segmentation result = Segment(customers, SegmentOptions{});
    two = SegmentationCsv(customers, result) + SegmentationJson(customers, result);
  }
  EXPECT_EQ(one, two);
}

TEST(InputChecks, EmptyCustomerTableIsRejected) {
  EXPECT_THROW(Segment(CustomerValues{}, SegmentOptions{}), InputError);
}

}  // namespace
}  // namespace clv
