// SPDX-License-Identifier: MIT
#include "models/modified_bg_nbd.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <memory>
#include <vector>

#include "models/hypergeometric.h"
#include "models/model_checks.h"
#include "models/model_factories.h"
#include "models/test_data.h"

namespace clv {
namespace {

// The 3-dp MBG/NBD estimates on the 2-dp CDNOW CSV (REFERENCE.md §5.3, lifetimes' test).
constexpr std::array<double, 4> kLifetimesEstimates{0.525, 6.183, 0.891, 1.614};

const PurchaseModel& Model() {
  static const std::unique_ptr<PurchaseModel> model = detail::MakeModifiedBgNbdModel();
  return *model;
}

// REFERENCE.md §5.3: LL -9582.1328 at the 3-dp values on the 2-dp CSV [cross-check].
TEST(Correctness, ModifiedBgNbdLogLikelihoodOnCdnow) {
  const auto histories = test::HistoriesOf(test::LoadCdnowRoundedSummary());
  EXPECT_NEAR(Model().SumLogLikelihood(kLifetimesEstimates, histories, {}, {}), -9582.1328, 1e-4);
}

// REFERENCE.md §5.3: PyMC-Marketing's stable-likelihood points and btyd's heavy buyer.
TEST(Correctness, ModifiedBgNbdStableLogLikelihoodTestPoints) {
  constexpr std::array<double, 4> params{0.25, 4, 0.8, 2.5};
  EXPECT_NEAR(Model().LogLikelihood(params, {0, 0, 40}, {}), -0.41792826, 1e-8);
  EXPECT_NEAR(Model().LogLikelihood(params, {200, 38, 40}, {}), 100.7869, 1e-4);
  EXPECT_NEAR(Model().LogLikelihood(std::array{0.53, 6.18, 0.89, 1.614}, {200, 38, 40}, {}),
              91.808242, 1e-4 * 91.808242);
}

// REFERENCE.md §5.3 [cross-check] values at the 3-dp estimates.
TEST(Correctness, ModifiedBgNbdPredictionsAtLifetimesEstimates) {
  EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kLifetimesEstimates, 39), 1.1829537, 1e-7);
  EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kLifetimesEstimates, 52), 1.4197238, 1e-7);
  EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kLifetimesEstimates, 78), 1.8047576, 1e-7);
  const CustomerHistory customer_one{2, 30.43, 38.86};
  EXPECT_NEAR(Model().ExpectedPurchases(kLifetimesEstimates, customer_one, 39), 1.26296, 1e-5);
  EXPECT_NEAR(Model().ProbabilityAlive(kLifetimesEstimates, customer_one, 0), 0.706202, 1e-6);
  EXPECT_NEAR(Model().ProbabilityAlive(kLifetimesEstimates, {0, 0, 38.86}, 0), 0.389735, 1e-6);
}

// REFERENCE.md §5.2: the PMF (with its n = 0 drop-out term) sums to 1 and has mean E[X(t)].
TEST(Consistency, ModifiedBgNbdProbabilityOfPurchasesSumsToOneWithMeanEqualToExpectation) {
  test::ExpectPmfSumsToOneWithMeanEqualToExpectation(Model(), kLifetimesEstimates, 39);
}

// REFERENCE.md §5.2: the Euler-transformed bracket equals the paper's direct bracket
//   (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)] P(alive).
TEST(Consistency, ModifiedBgNbdEulerBracketMatchesDirectForm) {
  const auto [r, alpha, a, b] = kLifetimesEstimates;
  for (const CustomerHistory& history :
       std::vector<CustomerHistory>{{0, 0, 38.86}, {2, 30.43, 38.86}, {12, 20, 39}}) {
    const double x = history.frequency, t = 39;
    const double z = t / (alpha + history.age + t);
    const detail::SeriesValue series =
        detail::Hyp2F1Series(r + x, b + x + 1, a + b + x, z, 1000000);
    ASSERT_TRUE(series.converged);
    const double direct = (a + b + x) / (a - 1) * (1 - std::pow(1 - z, r + x) * series.value) *
                          Model().ProbabilityAlive(kLifetimesEstimates, history, 0);
    EXPECT_NEAR(Model().ExpectedPurchases(kLifetimesEstimates, history, t), direct, 1e-11);
  }
}

// P(alive at T + t) = P(alive) E[exp(-lambda p t)] against mpmath quadrature of the definition,
// tests/models/reference/bg_nbd_predictions.py.
TEST(Correctness, ModifiedBgNbdFutureProbabilityAliveMatchesItsDefinition) {
  EXPECT_NEAR(Model().ProbabilityAlive(kLifetimesEstimates, {2, 213.0 / 7, 272.0 / 7}, 52),
              0.492748725910074898436955737533, 1e-12);
  EXPECT_NEAR(Model().ProbabilityAlive(kLifetimesEstimates, {0, 0, 272.0 / 7}, 52),
              0.344715257825551828761644424435, 1e-12);
}

TEST(Consistency, ModifiedBgNbdZeroRepeatersAgeIntoInactivity) {
  double previous = 1;
  for (const double age : {0.0, 1.0, 10.0, 38.86, 1e3}) {
    const double alive = Model().ProbabilityAlive(kLifetimesEstimates, {0, 0, age}, 0);
    EXPECT_LT(alive, previous) << "T = " << age;
    previous = alive;
  }
}

TEST(Correctness, ModifiedBgNbdGradientMatchesFiniteDifferences) {
  const std::vector<std::vector<double>> points{
      {kLifetimesEstimates.begin(), kLifetimesEstimates.end()},
      {0.25, 4, 0.8, 2.5},
      {2.5, 0.3, 1.0, 0.4},
      {0.05, 60, 3.5, 12},
      {12, 2, 0.2, 40}};
  const std::vector<CustomerHistory> histories{{0, 0, 38.86},   {1, 1.71, 38.86}, {2, 30.43, 38.86},
                                               {26, 30.86, 31}, {200, 38, 40},    {7, 7, 7}};
  test::ExpectGradientsMatchFiniteDifferences(Model(), points, histories);
}

TEST(Consistency, ModifiedBgNbdSumLogLikelihoodEqualsRowByRowSum) {
  auto histories = test::HistoriesOf(test::LoadCdnowRoundedSummary());
  histories.push_back({2.5, 3, 4});
  test::ExpectSumMatchesRowByRow(Model(), kLifetimesEstimates, histories);
}

TEST(Consistency, ModifiedBgNbdIdenticalResultsFromManyThreads) {
  test::ExpectIdenticalFromManyThreads(Model(), kLifetimesEstimates,
                                       test::HistoriesOf(test::LoadCdnowRoundedSummary()));
}

TEST(Regression, ModifiedBgNbdFiniteOnExtremeInputsAndParameters) {
  test::ExpectFiniteOnExtremeParameters(Model(), kLifetimesEstimates,
                                        std::array{0.25, 4.0, 1.0, 2.5});
}

}  // namespace
}  // namespace clv
