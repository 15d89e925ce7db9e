// SPDX-License-Identifier: MIT
// BG/BB: the beta-geometric/beta-binomial model of discrete-time purchasing (Fader, Hardie &
// Shang 2010; REFERENCE.md §8).
//
// Mapping to the paper, stated once: frequency = x (opportunities with a transaction), recency
// = t_x (the opportunity of the last transaction, 0 if none), age = n (opportunities observed
// after the first). Parameters {alpha, beta, gamma, delta}: p ~ Beta(alpha, beta) is the
// transaction probability at each opportunity, theta ~ Beta(gamma, delta) the dropout
// probability before each opportunity after the first.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::detail {

class BgBbModel final : public PurchaseModel {
 public:
  ModelKind kind() const override { return ModelKind::kBgBb; }
  std::span<const std::string_view> ParameterNames() const override;

  /// Adds to the common rules: whole numbers, and x <= t_x <= n.
  std::string CheckHistory(const CustomerHistory& history) const override;

  double LogLikelihood(std::span<const double> params, const CustomerHistory& history,
                       std::span<double> gradient) const override;

  /// E[X(n)] for n = t opportunities.
  double ExpectedPurchasesNewCustomer(std::span<const double> params, double t) const override;

  /// E[X(n, n + t) | x, t_x, n]: transactions in the next t opportunities.
  double ExpectedPurchases(std::span<const double> params, const CustomerHistory& history,
                           double t) const override;

  /// P(alive at opportunity n + 1 + t | x, t_x, n).
  double ProbabilityAlive(std::span<const double> params, const CustomerHistory& history,
                          double t) const override;

  /// P(X(t) = n) over t opportunities (t is rounded to a whole number).
  double ProbabilityOfPurchases(std::span<const double> params, double t, int n) const override;

  /// DERT at a discrete rate per opportunity; the first future opportunity is discounted once.
  double DiscountedResidualTransactions(std::span<const double> params,
                                        const CustomerHistory& history, double rate) const override;

  std::vector<double> DefaultStartingPoint() const override { return {1.0, 1.0, 1.0, 1.0}; }
};

/// 2F1(1, b; c; z) for 0 <= z < 1 and c > 0, summed until the terms stop mattering. Used by the
/// discounted sums of BG/BB (DERT) and sBG (DEL, DERL), whose ratio of terms is below z.
double Hypergeometric2F1WithUnitA(double b, double c, double z);

}  // namespace clv::detail
