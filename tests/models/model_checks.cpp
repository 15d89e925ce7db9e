// SPDX-License-Identifier: MIT
#include "models/model_checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>

namespace clv::test {
namespace {

double CentralDifference(const PurchaseModel& model, std::vector<double> params,
                         const CustomerHistory& history, std::size_t k, double step) {
  const double centre = params[k];
  params[k] = centre + step;
  const double above = model.LogLikelihood(params, history, {});
  params[k] = centre - step;
  const double below = model.LogLikelihood(params, history, {});
  return (above - below) / (2 * step);
}

}  // namespace

std::vector<double> FiniteDifferenceGradient(const PurchaseModel& model,
                                             std::span<const double> params,
                                             const CustomerHistory& history) {
  const std::vector<double> point(params.begin(), params.end());
  std::vector<double> gradient(point.size());
  for (std::size_t k = 0; k < point.size(); ++k) {
    const double step = 1e-3 * point[k];
    const double coarse = CentralDifference(model, point, history, k, step);
    const double fine = CentralDifference(model, point, history, k, step / 2);
    gradient[k] = (4 * fine - coarse) / 3;
  }
  return gradient;
}

void ExpectGradientMatchesFiniteDifferences(const PurchaseModel& model,
                                            std::span<const double> params,
                                            const CustomerHistory& history, double tolerance) {
  std::vector<double> analytic(params.size());
  model.LogLikelihood(params, history, analytic);
  const std::vector<double> numeric = FiniteDifferenceGradient(model, params, history);
  for (std::size_t k = 0; k < params.size(); ++k) {
    EXPECT_NEAR(analytic[k], numeric[k], tolerance * std::max(1.0, std::fabs(numeric[k])))
        << "d lnL / d " << model.ParameterNames()[k] << " at x=" << history.frequency
        << " t_x=" << history.recency << " T=" << history.age;
  }
}

namespace {

std::vector<CustomerHistory> ExtremeHistories() {
  return {{0, 0, 0},       {0, 0, 1e-9},    {0, 0, 1e5},    {1, 1e-9, 1e5},
          {1e5, 1e5, 1e5}, {1e5, 1, 1e5},   {1e5, 50, 100}, {200, 38, 40},
          {3, 2, 2},       {50, 1e-3, 1e5}, {1, 1e5, 1e5},  {26, 30.85714, 31}};
}

void ExpectFinitePredictions(const PurchaseModel& model, std::span<const double> params,
                             const CustomerHistory& history) {
  for (const double horizon : {0.0, 1e-6, 1.0, 52.0, 1e5}) {
    const double expected = model.ExpectedPurchases(params, history, horizon);
    EXPECT_TRUE(std::isfinite(expected) && expected >= 0)
        << "E[Y(" << horizon << ")] = " << expected;
    const double alive = model.ProbabilityAlive(params, history, horizon);
    EXPECT_TRUE(alive >= 0 && alive <= 1) << "P(alive at T+" << horizon << ") = " << alive;
  }
  const double dert = model.DiscountedResidualTransactions(params, history, 0.0027);
  EXPECT_TRUE(std::isfinite(dert) && dert >= 0) << "DERT = " << dert;
}

}  // namespace

void ExpectFiniteOnExtremeHistories(const PurchaseModel& model, std::span<const double> params) {
  std::vector<double> gradient(params.size());
  for (const CustomerHistory& history : ExtremeHistories()) {
    SCOPED_TRACE("x=" + std::to_string(history.frequency) +
                 " t_x=" + std::to_string(history.recency) + " T=" + std::to_string(history.age));
    EXPECT_TRUE(std::isfinite(model.LogLikelihood(params, history, gradient)));
    for (const double derivative : gradient)
      EXPECT_TRUE(std::isfinite(derivative));
    ExpectFinitePredictions(model, params, history);
  }
  for (const double horizon : {0.0, 1e-6, 1.0, 1e5}) {
    const double expected = model.ExpectedPurchasesNewCustomer(params, horizon);
    EXPECT_TRUE(std::isfinite(expected) && expected >= 0) << "E[X(" << horizon << ")]";
    for (const int n : {0, 1, 10, 1000}) {
      const double probability = model.ProbabilityOfPurchases(params, horizon, n);
      EXPECT_TRUE(probability >= 0 && probability <= 1 + 1e-12)
          << "P(X(" << horizon << ") = " << n << ") = " << probability;
    }
  }
}

void ExpectFiniteOnExtremeParameters(const PurchaseModel& model, std::span<const double> typical,
                                     std::span<const double> special) {
  const std::vector<std::vector<double>> points{
      {typical.begin(), typical.end()}, {special.begin(), special.end()},
      {1e-6, 1e-6, 1e-6, 1e-6},         {1e6, 1e6, 1e6, 1e6},
      {1e-6, 1e6, 1e-6, 1e6},           {1e6, 1e-6, 1e6, 1e-6}};
  for (const auto& params : points) {
    SCOPED_TRACE(::testing::Message() << "params " << params[0] << " " << params[1] << " "
                                      << params[2] << " " << params[3]);
    ExpectFiniteOnExtremeHistories(model, params);
  }
}

void ExpectGradientsMatchFiniteDifferences(const PurchaseModel& model,
                                           const std::vector<std::vector<double>>& points,
                                           const std::vector<CustomerHistory>& histories) {
  for (const auto& params : points) {
    for (const CustomerHistory& history : histories) {
      ExpectGradientMatchesFiniteDifferences(model, params, history);
    }
  }
}

void ExpectIdenticalFromManyThreads(const PurchaseModel& model, std::span<const double> params,
                                    std::span<const CustomerHistory> histories) {
  const auto compute = [&] {
    std::vector<double> results(params.size(), 0.0);
    results.push_back(model.SumLogLikelihood(params, histories, {}, results));
    for (const CustomerHistory& history : histories) {
      results.push_back(model.ExpectedPurchases(params, history, 39));
      results.push_back(model.ProbabilityAlive(params, history, 0));
    }
    return results;
  };
  const std::vector<double> serial = compute();
  std::vector<std::vector<double>> parallel(8);
  std::vector<std::thread> threads;
  for (auto& result : parallel)
    threads.emplace_back([&] { result = compute(); });
  for (auto& thread : threads)
    thread.join();
  for (const auto& result : parallel)
    EXPECT_EQ(result, serial);
}

void ExpectSumMatchesRowByRow(const PurchaseModel& model, std::span<const double> params,
                              std::span<const CustomerHistory> histories) {
  std::vector<double> weights(histories.size());
  for (std::size_t i = 0; i < weights.size(); ++i)
    weights[i] = 1 + static_cast<double>(i % 3);
  std::vector<double> batch_gradient(params.size(), 0.0);
  const double batch = model.SumLogLikelihood(params, histories, weights, batch_gradient);
  double expected = 0;
  std::vector<double> expected_gradient(params.size(), 0.0), row_gradient(params.size());
  for (std::size_t i = 0; i < histories.size(); ++i) {
    expected += weights[i] * model.LogLikelihood(params, histories[i], row_gradient);
    for (std::size_t k = 0; k < params.size(); ++k) {
      expected_gradient[k] += weights[i] * row_gradient[k];
    }
  }
  EXPECT_NEAR(batch, expected, 1e-9 * std::fabs(expected));
  for (std::size_t k = 0; k < params.size(); ++k) {
    EXPECT_NEAR(batch_gradient[k], expected_gradient[k],
                1e-9 * (1 + std::fabs(expected_gradient[k])));
  }
}

void ExpectPmfSumsToOneWithMeanEqualToExpectation(const PurchaseModel& model,
                                                  std::span<const double> params, double t) {
  double total = 0, mean = 0;
  for (int n = 0; n < 400; ++n) {
    const double probability = model.ProbabilityOfPurchases(params, t, n);
    total += probability;
    mean += n * probability;
  }
  EXPECT_NEAR(total, 1, 1e-12);
  EXPECT_NEAR(mean, model.ExpectedPurchasesNewCustomer(params, t), 1e-9);
}

}  // namespace clv::test
