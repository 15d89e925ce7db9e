// SPDX-License-Identifier: MIT
// Property checks shared by the purchase-model tests: analytic gradients against finite
// differences, finite results on extreme inputs, identical results from many threads.
#pragma once

#include <span>
#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::test {

/// d ln L / d params by Richardson-extrapolated central differences (error about h^4).
std::vector<double> FiniteDifferenceGradient(const PurchaseModel& model,
                                             std::span<const double> params,
                                             const CustomerHistory& history);

/// Asserts (gtest) that LogLikelihood's gradient matches finite differences to `tolerance`,
/// relative to max(1, |derivative|).
void ExpectGradientMatchesFiniteDifferences(const PurchaseModel& model,
                                            std::span<const double> params,
                                            const CustomerHistory& history,
                                            double tolerance = 1e-6);

/// Asserts that LogLikelihood, its gradient and every prediction are finite (probabilities in
/// [0, 1], expectations >= 0) on extreme histories: frequency up to 1e5, frequency 0 with age up
/// to 1e5, recency = age, and horizons up to 1e5.
void ExpectFiniteOnExtremeHistories(const PurchaseModel& model, std::span<const double> params);

/// ExpectFiniteOnExtremeHistories at `typical` and `special` parameters and at every parameter
/// 1e-6, every parameter 1e6, and the two alternations of 1e-6 and 1e6.
void ExpectFiniteOnExtremeParameters(const PurchaseModel& model, std::span<const double> typical,
                                     std::span<const double> special);

/// ExpectGradientMatchesFiniteDifferences at every pair of parameter point and history.
void ExpectGradientsMatchFiniteDifferences(const PurchaseModel& model,
                                           const std::vector<std::vector<double>>& points,
                                           const std::vector<CustomerHistory>& histories);

/// Asserts that SumLogLikelihood and the predictions over `histories` are bit-identical when
/// computed from 8 threads at once and serially.
void ExpectIdenticalFromManyThreads(const PurchaseModel& model, std::span<const double> params,
                                    std::span<const CustomerHistory> histories);

/// Asserts that P(X(t) = n) over n = 0..399 sums to 1 and has mean E[X(t)] of a new customer.
void ExpectPmfSumsToOneWithMeanEqualToExpectation(const PurchaseModel& model,
                                                  std::span<const double> params, double t);

/// Asserts that SumLogLikelihood (value and gradient, with weights) equals the weighted sum of
/// LogLikelihood over the rows.
void ExpectSumMatchesRowByRow(const PurchaseModel& model, std::span<const double> params,
                              std::span<const CustomerHistory> histories);

}  // namespace clv::test
