// SPDX-License-Identifier: MIT
#include "models/bg_nbd.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <vector>

#include "clv/error.h"
#include "models/model_checks.h"
#include "models/model_factories.h"
#include "models/test_data.h"

namespace clv {
namespace {

// BTYD's estimates on CDNOW (REFERENCE.md §4.3) and the rounded paper estimates.
constexpr std::array<double, 4> kBtydEstimates{0.2425982, 4.4136842, 0.7929899, 2.4261667};
constexpr std::array<double, 4> kPaperEstimates{0.243, 4.414, 0.793, 2.426};

// Customer 1 of CDNOW, exact and as printed in the 2-dp CSV (REFERENCE.md §3.1).
const CustomerHistory kCustomerOneExact{2, 213.0 / 7, 272.0 / 7};
const CustomerHistory kCustomerOneRounded{2, 30.43, 38.86};
const CustomerHistory kCustomer1516{26, 30.85714, 31};

const PurchaseModel& Model() {
  static const std::unique_ptr<PurchaseModel> model = detail::MakeBgNbdModel();
  return *model;
}

double SampleLogLikelihood(std::span<const double> params,
                           const std::vector<test::CdnowCustomer>& customers) {
  const std::vector<CustomerHistory> histories = test::HistoriesOf(customers);
  return Model().SumLogLikelihood(params, histories, {}, {});
}

// REFERENCE.md §4.3: LL at BTYD's estimates on the exact summary is -9582.429207 [cross-check]
// (BTYD prints -9582.429); at the 3-dp paper estimates -9582.4305 (exact) and -9582.4268 (2-dp).
TEST(Correctness, BgNbdLogLikelihoodMatchesPublishedCdnowValues) {
  const auto exact = test::BuildCdnowExactSummary();
  ASSERT_EQ(exact.size(), 2357u);
  EXPECT_NEAR(SampleLogLikelihood(kBtydEstimates, exact), -9582.429207, 1e-5);
  EXPECT_NEAR(SampleLogLikelihood(kPaperEstimates, exact), -9582.4305, 1e-4);
  EXPECT_NEAR(SampleLogLikelihood(kPaperEstimates, test::LoadCdnowRoundedSummary()), -9582.4268,
              1e-4);
}

// REFERENCE.md §4.4 stable-likelihood test points (PyMC-Marketing, btyd).
TEST(Correctness, BgNbdStableLogLikelihoodTestPoints) {
  constexpr std::array<double, 4> params{0.25, 4, 0.8, 2.5};
  EXPECT_NEAR(Model().LogLikelihood(params, {200, 38, 40}, {}), 100.795693, 1e-6);
  EXPECT_NEAR(Model().LogLikelihood(params, {0, 0, 40}, {}), -0.59947382, 1e-8);
}

// REFERENCE.md §4.4: E[X(t)] at BTYD's estimates [cross-check] and E[X(52)] = 1.444004 [BTYD].
TEST(Correctness, BgNbdExpectedPurchasesOfNewCustomer) {
  const std::map<double, double> expected{{0.1429, 0.00781597}, {1, 0.0531842}, {3, 0.150631},
                                          {31.8571, 1.04049},   {32, 1.04373},  {78, 1.85794},
                                          {52, 1.444004}};
  for (const auto& [t, value] : expected) {
    EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kBtydEstimates, t), value, 6e-6 * value)
        << "t = " << t;
  }
}

// REFERENCE.md §4.4: customer 1, two ways [cross-check]; lifetimes asserts 1.226 (abs 0.001).
TEST(Correctness, BgNbdCustomerOneExpectationAndProbabilityAlive) {
  EXPECT_NEAR(Model().ExpectedPurchases(kBtydEstimates, kCustomerOneExact, 39), 1.22598, 1e-5);
  EXPECT_NEAR(Model().ProbabilityAlive(kBtydEstimates, kCustomerOneExact, 0), 0.72662, 1e-5);
  EXPECT_NEAR(Model().ExpectedPurchases(kPaperEstimates, kCustomerOneRounded, 39), 1.22603, 1e-5);
  EXPECT_NEAR(Model().ProbabilityAlive(kPaperEstimates, kCustomerOneRounded, 0), 0.72658, 1e-5);
}

// REFERENCE.md §4.4: BTYD walkthrough values for customer "1516" and the
// increasing-frequency paradox E[Y(52) | x, t_x = 20, T = 39]. BTYD computed them at its
// full-precision estimates; the 7 printed digits move them by up to 6e-6 (relative), so they are
// checked to 1e-5 here and to 1e-12 against mpmath at the printed estimates (values from
// tests/models/reference/bg_nbd_predictions.py).
TEST(Correctness, BgNbdBtydWalkthroughValues) {
  EXPECT_NEAR(Model().ExpectedPurchases(kBtydEstimates, kCustomer1516, 52), 25.75659, 1e-5 * 25.76);
  EXPECT_NEAR(Model().ExpectedPurchases(kBtydEstimates, kCustomer1516, 52),
              25.7565360410550019280839498149, 1e-12 * 25.76);
  EXPECT_NEAR(Model().ProbabilityAlive(kBtydEstimates, kCustomer1516, 0), 0.9688523, 1e-6);
  EXPECT_NEAR(Model().ProbabilityAlive(kBtydEstimates, kCustomer1516, 0),
              0.968852086896899807058982310971, 1e-14);
  const std::map<double, std::pair<double, double>> paradox{
      {10, {0.3474606, 0.347460245626244060047897007346}},
      {15, {0.04283391, 0.042833954195339524949801179854}},
      {20, {0.004158973, 0.00415898573811436819660133975962}},
      {25, {0.0003583685, 0.000358370440126414662452696114961}}};
  for (const auto& [x, values] : paradox) {
    const double expected = Model().ExpectedPurchases(kBtydEstimates, {x, 20, 39}, 52);
    EXPECT_NEAR(expected, values.first, 1e-5 * values.first) << "x = " << x;
    EXPECT_NEAR(expected, values.second, 1e-12 * values.second) << "x = " << x;
  }
}

// REFERENCE.md §4.4 holdout comparison [BTYD] (to 1e-5, see above) and aggregates [cross-check].
TEST(Correctness, BgNbdHoldoutPredictionsByCalibrationFrequency) {
  const std::array<double, 8> expected_means{0.2250893, 0.5231364, 1.044126, 1.520256,
                                             2.163824,  2.653789,  3.503957, 6.157036};
  std::array<double, 8> sums{}, counts{};
  double total = 0, alive_total = 0;
  const auto customers = test::BuildCdnowExactSummary();
  for (const auto& customer : customers) {
    const double expected = Model().ExpectedPurchases(kBtydEstimates, customer.history, 39);
    const auto bin = static_cast<std::size_t>(std::min(customer.history.frequency, 7.0));
    sums[bin] += expected;
    counts[bin] += 1;
    total += expected;
    alive_total += Model().ProbabilityAlive(kBtydEstimates, customer.history, 0);
  }
  for (std::size_t bin = 0; bin < 8; ++bin) {
    EXPECT_NEAR(sums[bin] / counts[bin], expected_means[bin], 1e-5 * expected_means[bin])
        << "bin " << bin;
  }
  EXPECT_NEAR(total, 1653.39, 0.01);
  EXPECT_NEAR(alive_total / static_cast<double>(customers.size()), 0.8134, 1e-4);
}

// REFERENCE.md §4.4: BTYD manual values asserted by lifetimes at the paper estimates.
TEST(Correctness, BgNbdProbabilityOfPurchasesMatchesBtyd) {
  EXPECT_NEAR(Model().ProbabilityOfPurchases(kPaperEstimates, 2, 10), 1.07869e-07, 1e-12);
  EXPECT_NEAR(Model().ProbabilityOfPurchases(kPaperEstimates, 39, 0), 0.5737864, 1e-7);
  const std::array<double, 10> at_thirty{0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148,
                                         0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171,
                                         0.0002769613, 0.0002222260};
  for (int n = 11; n <= 20; ++n) {
    EXPECT_NEAR(Model().ProbabilityOfPurchases(kPaperEstimates, 30, n), at_thirty[n - 11], 1e-10)
        << "n = " << n;
  }
}

// REFERENCE.md §11.2: DERT of customer 1 by the numeric route [cross-check].
TEST(Correctness, BgNbdDiscountedResidualTransactionsOfCustomerOne) {
  EXPECT_NEAR(Model().DiscountedResidualTransactions(kBtydEstimates, kCustomerOneExact, 0.0027),
              5.15642, 1e-5);
  EXPECT_NEAR(Model().DiscountedResidualTransactions(kBtydEstimates, kCustomerOneExact,
                                                     std::log(1.15) / 52),
              5.16959, 1e-5);
}

// REFERENCE.md §13.7: a model property, documented on BgNbdModel.
TEST(Correctness, BgNbdZeroRepeatersAreAliveWithProbabilityExactlyOne) {
  for (const double age : {0.0, 1.0, 38.86, 1e5}) {
    EXPECT_EQ(Model().ProbabilityAlive(kBtydEstimates, {0, 0, age}, 0), 1.0);
    EXPECT_EQ(Model().ProbabilityAlive(std::array{1e-6, 1e6, 1e6, 1e-6}, {0, 0, age}, 0), 1.0);
  }
}

TEST(Consistency, BgNbdProbabilityOfPurchasesSumsToOneWithMeanEqualToExpectation) {
  test::ExpectPmfSumsToOneWithMeanEqualToExpectation(Model(), kBtydEstimates, 39);
}

// P(alive at T + t) = P(alive) E[exp(-lambda p t)] (the class comment): the 2F1 form against
// mpmath quadrature of the definition, tests/models/reference/bg_nbd_predictions.py.
TEST(Correctness, BgNbdFutureProbabilityAliveMatchesItsDefinition) {
  EXPECT_NEAR(Model().ProbabilityAlive(kBtydEstimates, kCustomerOneExact, 52),
              0.53169813311385979503363088252, 1e-12);
}

// P(alive at T + t) needs survival of every purchase in (T, T + t]: it starts at P(alive) and
// falls with t; by the law of total probability its loss equals the chance of dropping out.
TEST(Consistency, BgNbdFutureProbabilityAliveFallsFromTodaysValue) {
  const double now = Model().ProbabilityAlive(kBtydEstimates, kCustomerOneExact, 0);
  double previous = now;
  for (const double t : {1.0, 10.0, 52.0, 520.0, 1e5}) {
    const double later = Model().ProbabilityAlive(kBtydEstimates, kCustomerOneExact, t);
    EXPECT_LT(later, previous) << "t = " << t;
    previous = later;
  }
  EXPECT_NEAR(Model().ProbabilityAlive(kBtydEstimates, kCustomerOneExact, 1e-9), now, 1e-9);
}

// REFERENCE.md §13.3: (a+b-1)/(a-1) [...] is 0/0 at a = 1; the limit must be smooth.
TEST(Consistency, BgNbdExpectationsContinuousAtDropoutShapeOne) {
  for (const double t : {1.0, 39.0, 1000.0}) {
    const double at_one = Model().ExpectedPurchases(std::array{0.3, 4.0, 1.0, 2.0}, {3, 20, 39}, t);
    const double below =
        Model().ExpectedPurchases(std::array{0.3, 4.0, 1 - 1e-7, 2.0}, {3, 20, 39}, t);
    const double above =
        Model().ExpectedPurchases(std::array{0.3, 4.0, 1 + 1e-7, 2.0}, {3, 20, 39}, t);
    EXPECT_TRUE(std::isfinite(at_one));
    EXPECT_NEAR(at_one, below, 1e-6 * at_one);
    EXPECT_NEAR(at_one, above, 1e-6 * at_one);
  }
}

TEST(Consistency, BgNbdHigherDiscountRateGivesLowerDert) {
  double previous = Model().DiscountedResidualTransactions(kBtydEstimates, kCustomerOneExact, 1e-4);
  for (const double rate : {1e-3, 1e-2, 0.1, 1.0}) {
    const double dert =
        Model().DiscountedResidualTransactions(kBtydEstimates, kCustomerOneExact, rate);
    EXPECT_LT(dert, previous) << "rate " << rate;
    previous = dert;
  }
}

TEST(Correctness, BgNbdGradientMatchesFiniteDifferences) {
  const std::vector<std::vector<double>> points{{kBtydEstimates.begin(), kBtydEstimates.end()},
                                                {0.25, 4, 0.8, 2.5},
                                                {2.5, 0.3, 1.0, 0.4},
                                                {0.05, 60, 3.5, 12},
                                                {12, 2, 0.2, 40}};
  const std::vector<CustomerHistory> histories{{0, 0, 38.86},   {1, 1.71, 38.86}, {2, 30.43, 38.86},
                                               {26, 30.86, 31}, {200, 38, 40},    {7, 7, 7}};
  test::ExpectGradientsMatchFiniteDifferences(Model(), points, histories);
}

TEST(Consistency, BgNbdSumLogLikelihoodEqualsRowByRowSum) {
  auto histories = test::HistoriesOf(test::LoadCdnowRoundedSummary());
  histories.push_back({2.5, 3, 4});  // a non-integer frequency bypasses the per-x cache
  test::ExpectSumMatchesRowByRow(Model(), kBtydEstimates, histories);
}

TEST(Consistency, BgNbdIdenticalResultsFromManyThreads) {
  test::ExpectIdenticalFromManyThreads(Model(), kBtydEstimates,
                                       test::HistoriesOf(test::LoadCdnowRoundedSummary()));
}

TEST(Regression, BgNbdFiniteOnExtremeInputsAndParameters) {
  test::ExpectFiniteOnExtremeParameters(Model(), kBtydEstimates, std::array{0.25, 4.0, 1.0, 2.5});
}

TEST(InputChecks, BgNbdRejectNonPositiveParameters) {
  EXPECT_THROW(Model().LogLikelihood(std::array{0.0, 1.0, 1.0, 1.0}, {0, 0, 1}, {}), InputError);
  EXPECT_THROW(Model().ExpectedPurchases(std::array{1.0, 1.0, 1.0}, {0, 0, 1}, 1), InputError);
  EXPECT_THROW(Model().DiscountedResidualTransactions(kBtydEstimates, {0, 0, 1}, 0), InputError);
}

}  // namespace
}  // namespace clv
