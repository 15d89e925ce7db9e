// SPDX-License-Identifier: MIT
// The boundaries a model version stores place every fitted customer where `clv segment` puts it,
// ties and small populations included, and survive their JSON round trip.
#include "serve/segment_cutoffs.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "clv/error.h"
#include "clv/segment.h"

namespace clv::detail {
namespace {

// A population with many ties: whole-number frequencies, recencies and values on a coarse grid.
CustomerValues TiedPopulation(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> small(0, 6);
  CustomerValues customers;
  for (std::size_t k = 0; k < size; ++k) {
    customers.customer_ids.push_back(std::to_string(k));
    const double frequency = small(random);
    const double age = 20 + small(random);
    customers.frequency.push_back(frequency);
    customers.recency.push_back(frequency > 0 ? age - small(random) : 0);
    customers.age.push_back(age);
    customers.monetary_value.push_back(frequency > 0 ? 10.0 * small(random) : 0);
    customers.value.push_back(5.0 * small(random) * small(random));
  }
  return customers;
}

void ExpectSamePlacementAsSegment(const CustomerValues& customers) {
  std::vector<double> since_last(customers.size());
  for (std::size_t row = 0; row < customers.size(); ++row) {
    since_last[row] = customers.TimeSinceLastPurchase(row);
  }
  const SegmentCutoffs cutoffs = ComputeSegmentCutoffs(
      customers.value, since_last, customers.frequency, customers.monetary_value);
  const Segmentation expected = Segment(customers, SegmentOptions{});
  for (std::size_t row = 0; row < customers.size(); ++row) {
    const RfmScores scores =
        cutoffs.ScoresOf(since_last[row], customers.frequency[row], customers.monetary_value[row]);
    ASSERT_EQ(cutoffs.ValueTierOf(customers.value[row]), expected.value_tier[row]) << row;
    ASSERT_EQ(scores.recency, expected.recency_score[row]) << row;
    ASSERT_EQ(scores.frequency, expected.frequency_score[row]) << row;
    ASSERT_EQ(scores.monetary, expected.monetary_score[row]) << row;
  }
}

TEST(Consistency, CutoffsPlaceTiedCustomersAsClvSegmentDoes) {
  for (const std::size_t size : {1UL, 2UL, 3UL, 7UL, 99UL, 100UL, 101UL, 5000UL}) {
    SCOPED_TRACE(size);
    ExpectSamePlacementAsSegment(TiedPopulation(size, static_cast<unsigned>(size)));
  }
}

TEST(Consistency, CutoffsSurviveTheirJsonRoundTrip) {
  const CustomerValues customers = TiedPopulation(500, 3);
  std::vector<double> since_last(customers.size());
  for (std::size_t row = 0; row < customers.size(); ++row) {
    since_last[row] = customers.TimeSinceLastPurchase(row);
  }
  const SegmentCutoffs cutoffs = ComputeSegmentCutoffs(
      customers.value, since_last, customers.frequency, customers.monetary_value);
  const SegmentCutoffs read = SegmentCutoffs::FromJson(cutoffs.ToJson(), "test");
  EXPECT_EQ(read.value_tier_cutoffs, cutoffs.value_tier_cutoffs);
  EXPECT_EQ(read.time_since_last_purchase, cutoffs.time_since_last_purchase);
  EXPECT_EQ(read.frequency, cutoffs.frequency);
  EXPECT_EQ(read.monetary_value, cutoffs.monetary_value);
}

TEST(InputChecks, CutoffsJsonWithoutAnArrayIsRejectedNamingTheSource) {
  try {
    SegmentCutoffs::FromJson(R"({"value_tier_cutoffs": [1, 2]})", "model version 3");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("model version 3"), std::string::npos);
  }
}

}  // namespace
}  // namespace clv::detail
