// SPDX-License-Identifier: MIT
#include "models/pareto_nbd.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <boost/math/quadrature/exp_sinh.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "clv/error.h"
#include "models/model_checks.h"
#include "models/model_factories.h"
#include "models/test_data.h"

namespace clv {
namespace {

// BTYD's cdnowSummary$est.params (REFERENCE.md §6.3), CLVTools' fit and the 3-dp paper values.
constexpr std::array<double, 4> kEstParams{0.5533971432566355, 10.580198543474351,
                                           0.6060624971176619, 11.656223670707698};
constexpr std::array<double, 4> kClvToolsFit{0.55315, 10.57633, 0.60625, 11.67150};
constexpr std::array<double, 4> kPaperEstimates{0.553, 10.578, 0.606, 11.669};
// BTYD's pnbd.DERT manual example, fitted on all 78 weeks (REFERENCE.md §6.4).
constexpr std::array<double, 4> kDertExample{0.5629966, 12.5590370, 0.4081095, 10.5148048};

const CustomerHistory kCustomerOneExact{2, 213.0 / 7, 272.0 / 7};
const CustomerHistory kCustomer1516{26, 30.85714, 31};

const PurchaseModel& Model() {
  static const std::unique_ptr<PurchaseModel> model = detail::MakeParetoNbdModel();
  return *model;
}

double SampleLogLikelihood(std::span<const double> params,
                           const std::vector<test::CdnowCustomer>& customers) {
  return Model().SumLogLikelihood(params, test::HistoriesOf(customers), {}, {});
}

// REFERENCE.md §6.3 [cross-check]: the likelihood is flat in beta, so compare LLs, not beta.
TEST(Correctness, ParetoNbdLogLikelihoodMatchesPublishedCdnowValues) {
  const auto exact = test::BuildCdnowExactSummary();
  EXPECT_NEAR(SampleLogLikelihood(kEstParams, exact), -9594.976198, 2e-6);
  EXPECT_NEAR(SampleLogLikelihood(kClvToolsFit, exact), -9594.976184, 2e-6);
  EXPECT_NEAR(SampleLogLikelihood(kPaperEstimates, exact), -9594.976259, 2e-6);
  EXPECT_NEAR(SampleLogLikelihood(kPaperEstimates, test::LoadCdnowRoundedSummary()), -9594.9740,
              1e-4);
  // [BTYD] -9594.976 and [paper] -9595.0 to their printed precision.
  EXPECT_NEAR(SampleLogLikelihood(kEstParams, exact), -9594.976, 5e-4);
}

struct MpmathPoint {
  std::array<double, 4> params;
  CustomerHistory history;
  double log_likelihood = 0, probability_alive = 0;
};

// Values from the textbook form at 60 digits: tests/models/reference/pareto_nbd.py.
std::vector<MpmathPoint> ReadMpmathPoints() {
  std::ifstream in(std::string(CLV_SOURCE_DIR) + "/tests/models/reference/pareto_nbd.csv");
  std::vector<MpmathPoint> points;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    MpmathPoint point;
    for (double& value : point.params)
      fields >> value;
    fields >> point.history.frequency >> point.history.recency >> point.history.age >>
        point.log_likelihood >> point.probability_alive;
    points.push_back(point);
  }
  return points;
}

// REFERENCE.md §6.1 (subtraction-free form equals the textbook form) and §6.4: the overflow
// guard of lifetimes and the hard P(alive) case of CLVTools, plus extremes.
TEST(Correctness, ParetoNbdLogLikelihoodAndProbabilityAliveMatchMpmath) {
  const auto points = ReadMpmathPoints();
  ASSERT_EQ(points.size(), 17u);
  for (const MpmathPoint& point : points) {
    SCOPED_TRACE(::testing::Message()
                 << "params " << point.params[0] << " " << point.params[1] << " " << point.params[2]
                 << " " << point.params[3] << " x=" << point.history.frequency
                 << " t_x=" << point.history.recency << " T=" << point.history.age);
    // ln Gamma(r+x) - ln Gamma(r) at r = 1e6 carries an absolute rounding of about 1e-10.
    EXPECT_NEAR(Model().LogLikelihood(point.params, point.history, {}), point.log_likelihood,
                1e-11 * std::max(10.0, std::fabs(point.log_likelihood)));
    EXPECT_NEAR(Model().ProbabilityAlive(point.params, point.history, 0), point.probability_alive,
                1e-9 * point.probability_alive + 1e-300);
  }
}

// REFERENCE.md §6.4: E[X(t)] at est.params [cross-check] and E[X(52)] [BTYD, its printed fit].
TEST(Correctness, ParetoNbdExpectedPurchasesOfNewCustomer) {
  const std::array<double, 10> four_decimals{0,      0.0510, 0.0996, 0.1461, 0.1907,
                                             0.2337, 0.2751, 0.3150, 0.3538, 0.3913};
  for (int t = 0; t < 10; ++t) {
    EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kEstParams, t), four_decimals[t], 5e-5);
  }
  EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kEstParams, 52), 1.4731127, 1e-7);
  EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kEstParams, 39), 1.2131490, 1e-7);
}

// REFERENCE.md §6.4: customers 1, "1516" and a zero-repeater at est.params [cross-check]; BTYD's
// own printed values for "1516" came from a slightly different fit (0.997874, 25.45647).
TEST(Correctness, ParetoNbdCustomerPredictions) {
  EXPECT_NEAR(Model().ProbabilityAlive(kEstParams, kCustomerOneExact, 0), 0.869137, 1e-6);
  EXPECT_NEAR(Model().ExpectedPurchases(kEstParams, kCustomerOneExact, 39), 1.455223, 1e-6);
  EXPECT_NEAR(Model().ProbabilityAlive(kEstParams, {0, 0, 272.0 / 7}, 0), 0.294999, 1e-6);
  EXPECT_NEAR(Model().ExpectedPurchases(kEstParams, {0, 0, 272.0 / 7}, 39), 0.107049, 1e-6);
  EXPECT_NEAR(Model().ProbabilityAlive(kEstParams, kCustomer1516, 0), 0.9978734, 1e-7);
  EXPECT_NEAR(Model().ProbabilityAlive(kEstParams, kCustomer1516, 0), 0.997874, 1e-6);
  EXPECT_NEAR(Model().ExpectedPurchases(kEstParams, kCustomer1516, 52), 25.45418, 1e-5);
  EXPECT_NEAR(Model().ExpectedPurchases(kEstParams, kCustomer1516, 52), 25.45647, 3e-3);
}

// REFERENCE.md §6.4 [BTYD]: the increasing-frequency paradox and E[X(52)], printed by the
// vignette from a fit that is not published to full precision (beta is flat, §13.4: the printed
// fits 0.553/10.58/0.606/11.656 and est.params differ by up to 2e-4 here), so 5e-4 relative.
TEST(Correctness, ParetoNbdIncreasingFrequencyParadox) {
  const std::map<double, double> paradox{
      {10, 0.7062289}, {15, 0.1442396}, {20, 0.02250658}, {25, 0.00309267}};
  for (const auto& [x, value] : paradox) {
    EXPECT_NEAR(Model().ExpectedPurchases(kEstParams, {x, 20, 39}, 52), value, 5e-4 * value)
        << "x = " << x;
  }
  EXPECT_NEAR(Model().ExpectedPurchasesNewCustomer(kEstParams, 52), 1.473434, 5e-4 * 1.473434);
}

// REFERENCE.md §6.4 [cross-check]: the PMF at est.params; its mean equals E[X(39)].
TEST(Correctness, ParetoNbdProbabilityOfPurchases) {
  EXPECT_NEAR(Model().ProbabilityOfPurchases(kEstParams, 39, 0), 0.5935692, 1e-7);
  EXPECT_NEAR(Model().ProbabilityOfPurchases(kEstParams, 39, 1), 0.1655853, 1e-7);
  EXPECT_NEAR(Model().ProbabilityOfPurchases(kEstParams, 39, 2), 0.0824992, 1e-7);
  EXPECT_NEAR(Model().ProbabilityOfPurchases(kEstParams, 52, 5), 0.0237707, 1e-7);
  EXPECT_NEAR(Model().ProbabilityOfPurchases(kEstParams, 78, 10), 0.0078670, 1e-7);
  double total = 0, mean = 0;
  for (int n = 0; n < 2000; ++n) {
    const double probability = Model().ProbabilityOfPurchases(kEstParams, 39, n);
    total += probability;
    mean += n * probability;
  }
  EXPECT_NEAR(total, 1, 1e-9);
  EXPECT_NEAR(mean, 1.2131490, 1e-6);
}

// REFERENCE.md §6.4 [cross-check]: DERT with BTYD's manual example parameters, delta = 0.0027.
TEST(Correctness, ParetoNbdDiscountedResidualTransactions) {
  EXPECT_NEAR(Model().DiscountedResidualTransactions(kDertExample, {7, 35, 77.86}, 0.0027),
              1.8641833, 1e-7);
  const std::array<double, 10> by_frequency{2.19916, 2.84353,  2.86713,  2.44541,  1.8405,
                                            1.26242, 0.809618, 0.494804, 0.292025, 0.167928};
  for (int x = 1; x <= 10; ++x) {
    EXPECT_NEAR(
        Model().DiscountedResidualTransactions(kDertExample, {double(x), 30, 77.86}, 0.0027),
        by_frequency[x - 1], 6e-6 * by_frequency[x - 1])
        << "x = " << x;
  }
}

// REFERENCE.md §13.12: s >= 1 gives Gamma(1-s, .) a non-positive first argument; the closed form
// must equal P(alive) (r+x)/(alpha+T) int_0^inf e^(-delta v) ((beta+T)/(beta+T+v))^s dv.
TEST(Consistency, ParetoNbdDertClosedFormMatchesIntegralForAnyDeathShape) {
  const CustomerHistory history{4, 20, 39};
  for (const double s : {0.3, 1.0, 1.7, 2.0, 3.2, 12.5}) {
    for (const double rate : {0.0027, 0.05, 2.0}) {
      const std::array<double, 4> params{0.55, 10.6, s, 11.7};
      const double beta_age = params[3] + history.age;
      boost::math::quadrature::exp_sinh<double> integrator;
      const double lifetime = integrator.integrate(
          [&](double v) { return std::exp(-rate * v - s * std::log1p(v / beta_age)); }, 1e-13);
      const double expected = Model().ProbabilityAlive(params, history, 0) *
                              (params[0] + history.frequency) / (params[1] + history.age) *
                              lifetime;
      EXPECT_NEAR(Model().DiscountedResidualTransactions(params, history, rate), expected,
                  1e-9 * expected)
          << "s = " << s << " rate = " << rate;
    }
  }
}

// REFERENCE.md §6.4 [test] lifetimes' underflow guard: neighbouring heavy buyers stay close.
TEST(Regression, ParetoNbdConditionalExpectationDoesNotUnderflowForHeavyBuyers) {
  constexpr std::array<double, 4> params{0.55, 10.58, 0.61, 11.67};
  const double at_132 = Model().ExpectedPurchases(params, {132, 200, 200}, 10);
  const double at_133 = Model().ExpectedPurchases(params, {133, 200, 200}, 10);
  EXPECT_NEAR(at_132, 6.206, 1e-3);
  EXPECT_NEAR(at_133, 6.253, 1e-3);
  EXPECT_LT(std::fabs(at_133 - at_132), 0.05);
}

// REFERENCE.md §13.3: G(s-1, y) is 0/0 at s = 1; predictions must be smooth there.
TEST(Consistency, ParetoNbdPredictionsContinuousAtDeathShapeOne) {
  const auto at = [](double s) {
    const std::array<double, 4> params{0.55, 10.58, s, 11.67};
    return std::array{Model().ExpectedPurchasesNewCustomer(params, 39),
                      Model().ExpectedPurchases(params, kCustomerOneExact, 39),
                      Model().DiscountedResidualTransactions(params, kCustomerOneExact, 0.0027)};
  };
  const auto one = at(1), below = at(1 - 1e-8), above = at(1 + 1e-8);
  for (std::size_t k = 0; k < one.size(); ++k) {
    EXPECT_TRUE(std::isfinite(one[k]));
    EXPECT_NEAR(one[k], below[k], 1e-7 * one[k]);
    EXPECT_NEAR(one[k], above[k], 1e-7 * one[k]);
  }
}

TEST(Consistency, ParetoNbdFutureProbabilityAliveFallsFromTodaysValue) {
  const double now = Model().ProbabilityAlive(kEstParams, kCustomerOneExact, 0);
  double previous = now;
  for (const double t : {1.0, 10.0, 52.0, 520.0, 1e5}) {
    const double later = Model().ProbabilityAlive(kEstParams, kCustomerOneExact, t);
    EXPECT_LT(later, previous) << "t = " << t;
    previous = later;
  }
}

TEST(Correctness, ParetoNbdGradientMatchesFiniteDifferences) {
  const std::vector<std::vector<double>> points{{kEstParams.begin(), kEstParams.end()},
                                                {0.55, 10.58, 0.61, 10.58},
                                                {2.5, 0.3, 1.0, 40},
                                                {0.05, 60, 3.5, 2},
                                                {10.465, 7.98565181e-03, 3.0516, 2.820},
                                                {0.5143, 2.8845, 0.2856, 14.1087}};
  const std::vector<CustomerHistory> histories{{0, 0, 38.86},   {1, 1.71, 38.86}, {2, 30.43, 38.86},
                                               {26, 30.86, 31}, {200, 38, 40},    {7, 7, 7},
                                               {40, 5, 6}};
  test::ExpectGradientsMatchFiniteDifferences(Model(), points, histories);
}

TEST(Consistency, ParetoNbdSumLogLikelihoodEqualsRowByRowSum) {
  auto histories = test::HistoriesOf(test::LoadCdnowRoundedSummary());
  histories.push_back({2.5, 3, 4});
  test::ExpectSumMatchesRowByRow(Model(), kEstParams, histories);
}

TEST(Consistency, ParetoNbdIdenticalResultsFromManyThreads) {
  test::ExpectIdenticalFromManyThreads(Model(), kEstParams,
                                       test::HistoriesOf(test::LoadCdnowRoundedSummary()));
}

TEST(Regression, ParetoNbdFiniteOnExtremeInputsAndParameters) {
  test::ExpectFiniteOnExtremeParameters(Model(), kEstParams, std::array{0.55, 10.58, 1.0, 11.67});
}

TEST(InputChecks, ParetoNbdRejectsBadParametersAndRates) {
  EXPECT_THROW(Model().LogLikelihood(std::array{1.0, -1.0, 1.0, 1.0}, {0, 0, 1}, {}), InputError);
  EXPECT_THROW(Model().DiscountedResidualTransactions(kEstParams, {0, 0, 1}, -0.1), InputError);
  EXPECT_THROW(Model().ProbabilityOfPurchases(kEstParams, 1, -1), InputError);
}

}  // namespace
}  // namespace clv
