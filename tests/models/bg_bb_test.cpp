// SPDX-License-Identifier: MIT
// BG/BB kernels against REFERENCE.md §8.4 and against finite differences.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "clv/models/purchase_model.h"
#include "models/model_checks.h"

namespace clv {
namespace {

// BTYD vignette estimates ("run 3", REFERENCE.md §8.3), at which §8.4's values were computed.
constexpr std::array<double, 4> kDonationParams{1.203528, 0.7497260, 0.6567808, 2.783796};

std::unique_ptr<PurchaseModel> BgBb() {
  return MakePurchaseModel(ModelKind::kBgBb);
}

TEST(Correctness, BgBbProbabilityAliveMatchesFaderHardieShangTable6) {
  // REFERENCE.md §8.4: P(alive in 2002) for (x, t_x) = (0,0), (2,4), (6,6) with n = 6.
  const auto model = BgBb();
  EXPECT_NEAR(model->ProbabilityAlive(kDonationParams, {0, 0, 6}, 0), 0.108133, 1e-6);
  EXPECT_NEAR(model->ProbabilityAlive(kDonationParams, {2, 4, 6}, 0), 0.589645, 1e-6);
  EXPECT_NEAR(model->ProbabilityAlive(kDonationParams, {6, 6, 6}, 0), 0.930430, 1e-6);
}

TEST(Correctness, BgBbConditionalExpectationsMatchBtyd) {
  // REFERENCE.md §8.4: E[X(6, 6+10)] for A (0, 0) and B (4, 5) [BTYD].
  const auto model = BgBb();
  EXPECT_NEAR(model->ExpectedPurchases(kDonationParams, {0, 0, 6}, 10), 0.1302169, 1e-7);
  EXPECT_NEAR(model->ExpectedPurchases(kDonationParams, {4, 5, 6}, 10), 3.627858, 1e-6);
}

TEST(Correctness, BgBbTrackingPlotMatchesHardieSheet) {
  // REFERENCE.md §8.4: E[X(n)], n = 1..11 (rtol 0.001 in PyMC-Marketing); E[X(10)] [BTYD].
  const auto model = BgBb();
  const std::vector<double> expected{0.4985, 0.9233, 1.2969, 1.6323, 1.9381, 2.2202,
                                     2.4826, 2.7285, 2.9603, 3.1798, 3.3887};
  for (std::size_t n = 1; n <= expected.size(); ++n) {
    EXPECT_NEAR(model->ExpectedPurchasesNewCustomer(kDonationParams, static_cast<double>(n)),
                expected[n - 1], 1e-4)
        << "n = " << n;
  }
  EXPECT_NEAR(model->ExpectedPurchasesNewCustomer(kDonationParams, 10), 3.179805, 1e-6);
}

TEST(Correctness, BgBbSumOfConditionalExpectationsMatchesHardieSheet) {
  // REFERENCE.md §3.2 patterns and §8.4: sum over donors of E[X(6, 6+5)] = 12883.96 at run 3.
  struct Pattern {
    double x, t_x, count;
  };
  const std::vector<Pattern> patterns{
      {0, 0, 3464}, {1, 1, 1091}, {1, 2, 277}, {1, 3, 129}, {1, 4, 78},  {1, 5, 119},
      {1, 6, 129},  {2, 2, 613},  {2, 3, 255}, {2, 4, 155}, {2, 5, 173}, {2, 6, 234},
      {3, 3, 322},  {3, 4, 181},  {3, 5, 225}, {3, 6, 357}, {4, 4, 240}, {4, 5, 284},
      {4, 6, 512},  {5, 5, 335},  {5, 6, 728}, {6, 6, 1203}};
  const auto model = BgBb();
  double total = 0;
  for (const Pattern& pattern : patterns) {
    total +=
        pattern.count * model->ExpectedPurchases(kDonationParams, {pattern.x, pattern.t_x, 6}, 5);
  }
  EXPECT_NEAR(total, 12883.96, 0.01);
}

TEST(Correctness, BgBbInSampleFrequencyDistributionMatchesHardieSheet) {
  // REFERENCE.md §8.4: expected donors with x = 0..6 of 11,104 (1 dp); the PMF sums to 1.
  const auto model = BgBb();
  const std::vector<double> expected{3454.9, 1888.7, 1348.9, 1113.4, 1017.9, 1027.2, 1253.1};
  double total_probability = 0;
  for (int k = 0; k <= 6; ++k) {
    const double probability = model->ProbabilityOfPurchases(kDonationParams, 6, k);
    total_probability += probability;
    EXPECT_NEAR(11104 * probability, expected[static_cast<std::size_t>(k)], 0.1) << "k = " << k;
  }
  EXPECT_NEAR(total_probability, 1.0, 1e-12);
}

TEST(Correctness, BgBbDiscountedResidualTransactionsMatchCrossCheck) {
  // REFERENCE.md §8.4: DERT at d = 0.10 [cross-check at run 3, 4 decimals].
  const auto model = BgBb();
  EXPECT_NEAR(model->DiscountedResidualTransactions(kDonationParams, {6, 6, 6}, 0.10), 5.9097,
              1e-4);
  EXPECT_NEAR(model->DiscountedResidualTransactions(kDonationParams, {0, 0, 6}, 0.10), 0.1148,
              1e-4);
  EXPECT_NEAR(model->DiscountedResidualTransactions(kDonationParams, {3, 6, 6}, 0.10), 3.4486,
              1e-4);
}

TEST(Correctness, BgBbDertEqualsDirectDiscountedSum) {
  // §8.2: DERT is the sum over future opportunities of the discounted expected transactions.
  const auto model = BgBb();
  const CustomerHistory history{3, 5, 6};
  double direct = 0;
  for (int k = 1; k <= 2000; ++k) {
    const double at_k = model->ExpectedPurchases(kDonationParams, history, k) -
                        model->ExpectedPurchases(kDonationParams, history, k - 1);
    direct += at_k / std::pow(1.1, k);
  }
  EXPECT_NEAR(model->DiscountedResidualTransactions(kDonationParams, history, 0.10), direct, 1e-10);
}

TEST(Correctness, BgBbGradientMatchesFiniteDifferences) {
  const auto model = BgBb();
  const std::vector<double> params{1.3, 0.7, 0.65, 2.8};
  for (const CustomerHistory& history : {CustomerHistory{0, 0, 6}, CustomerHistory{2, 4, 6},
                                         CustomerHistory{6, 6, 6}, CustomerHistory{3, 10, 25}}) {
    test::ExpectGradientMatchesFiniteDifferences(*model, params, history);
  }
}

TEST(Regression, BgBbIsFiniteOnExtremeHistories) {
  // Long histories, everything or nothing bought, and long horizons.
  const auto model = BgBb();
  for (const CustomerHistory& history :
       {CustomerHistory{0, 0, 0}, CustomerHistory{0, 0, 1e4}, CustomerHistory{1e4, 1e4, 1e4},
        CustomerHistory{1, 1, 1e4}, CustomerHistory{5e3, 1e4, 1e4}}) {
    std::array<double, 4> gradient{};
    EXPECT_TRUE(std::isfinite(model->LogLikelihood(kDonationParams, history, gradient)));
    for (double derivative : gradient)
      EXPECT_TRUE(std::isfinite(derivative));
    for (double horizon : {0.0, 1e-6, 1.0, 1e5}) {
      const double expected = model->ExpectedPurchases(kDonationParams, history, horizon);
      EXPECT_TRUE(std::isfinite(expected) && expected >= 0) << expected;
      const double alive = model->ProbabilityAlive(kDonationParams, history, horizon);
      EXPECT_TRUE(alive >= 0 && alive <= 1) << alive;
    }
    const double dert = model->DiscountedResidualTransactions(kDonationParams, history, 0.01);
    EXPECT_TRUE(std::isfinite(dert) && dert >= 0) << dert;
  }
}

TEST(Regression, BgBbExpectationsAreContinuousAtGammaOne) {
  // §13.3: delta / (gamma - 1) [...] is 0/0 at gamma = 1.
  const auto model = BgBb();
  const std::vector<double> at_one{1.2, 0.75, 1.0, 2.8};
  const std::vector<double> near_one{1.2, 0.75, 1.0 + 1e-5, 2.8};
  const double new_customer = model->ExpectedPurchasesNewCustomer(at_one, 10);
  EXPECT_TRUE(std::isfinite(new_customer));
  EXPECT_NEAR(new_customer, model->ExpectedPurchasesNewCustomer(near_one, 10), 1e-4);
  const double conditional = model->ExpectedPurchases(at_one, {2, 4, 6}, 5);
  EXPECT_NEAR(conditional, model->ExpectedPurchases(near_one, {2, 4, 6}, 5), 1e-4);
}

TEST(InputChecks, BgBbRejectsImpossibleHistories) {
  const auto model = BgBb();
  EXPECT_EQ(model->CheckHistory({2, 4, 6}), "");
  EXPECT_NE(model->CheckHistory({3, 2, 6}), "");    // more transactions than opportunities
  EXPECT_NE(model->CheckHistory({1.5, 2, 6}), "");  // not whole
  EXPECT_NE(model->CheckHistory({2, 7, 6}), "");    // recency after the last opportunity
}

}  // namespace
}  // namespace clv
