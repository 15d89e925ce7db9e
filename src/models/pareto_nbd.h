// SPDX-License-Identifier: MIT
// Pareto/NBD (Schmittlein, Morrison & Colombo 1987; working expressions from Fader & Hardie's
// 2005 note), REFERENCE.md §6.
//
// Mapping to the paper's notation, used only inside the kernel:
//   frequency = x, recency = t_x, age = T, horizon = t;
//   parameters (r, alpha, s, beta): purchase rate lambda ~ Gamma(r, alpha) while alive, and an
//   exponential lifetime with death rate mu ~ Gamma(s, beta), starting at the first purchase.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::detail {

/// Pareto/NBD. The likelihood uses the subtraction-free form of REFERENCE.md §6.1:
///   L = Gamma(r+x) alpha^r beta^s / Gamma(r) [ s I(r+x, s+1; t_x) + (r+x) I(r+x+1, s; T) ],
///   I(p, q; t) = int_t^inf (alpha+tau)^-p (beta+tau)^-q dtau
///              = 2F1(c, q; c+1; (alpha-beta)/(alpha+t)) / (c (alpha+t)^c)   (alpha >= beta)
///              = 2F1(c, p; c+1; (beta-alpha)/(beta+t))  / (c (beta+t)^c)    (alpha <  beta),
/// c = r + s + x: the first term is "died after the last purchase", the second "alive at T"
/// plus "died after T" after integrating by parts. Both are positive, so nothing cancels, and
/// the branch keeps every 2F1 argument in [0, 1) (see hypergeometric.h for z near 1).
///
/// Given the history and survival to T, mu is Gamma(s, beta + T) and lambda Gamma(r+x, alpha+T);
/// P(alive at T + t) = P(alive) ((beta+T)/(beta+T+t))^s.
class ParetoNbdModel final : public PurchaseModel {
 public:
  ModelKind kind() const override { return ModelKind::kParetoNbd; }
  std::span<const std::string_view> ParameterNames() const override;
  double LogLikelihood(std::span<const double> params, const CustomerHistory& history,
                       std::span<double> gradient) const override;
  double SumLogLikelihood(std::span<const double> params,
                          std::span<const CustomerHistory> histories,
                          std::span<const double> weights,
                          std::span<double> gradient) const override;
  double ExpectedPurchasesNewCustomer(std::span<const double> params, double t) const override;
  double ExpectedPurchases(std::span<const double> params, const CustomerHistory& history,
                           double t) const override;
  double ProbabilityAlive(std::span<const double> params, const CustomerHistory& history,
                          double t) const override;
  double ProbabilityOfPurchases(std::span<const double> params, double t, int n) const override;
  double DiscountedResidualTransactions(std::span<const double> params,
                                        const CustomerHistory& history, double rate) const override;
  std::vector<double> DefaultStartingPoint() const override { return {1, 1, 1, 1}; }
};

}  // namespace clv::detail
