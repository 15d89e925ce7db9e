// SPDX-License-Identifier: MIT
// BG/NBD (Fader, Hardie & Lee 2005) and the kernel it shares with MBG/NBD (modified_bg_nbd.h).
//
// Mapping to the paper's notation, used only inside the kernels:
//   frequency = x, recency = t_x, age = T, horizon = t;
//   parameters (r, alpha, a, b): purchase rate lambda ~ Gamma(r, alpha) while active, drop-out
//   probability p ~ Beta(a, b) at each purchase that can end activity.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::detail {

/// The purchases after which a customer may drop out; the only difference between the models.
enum class DropoutOpportunity {
  kRepeatPurchases,  ///< BG/NBD: after each repeat purchase, never before the first repeat
  kEveryPurchase,    ///< MBG/NBD: also right after the first purchase
};

/// BG/NBD and MBG/NBD: Poisson purchases at rate lambda ~ Gamma(r, alpha) while active; after
/// each drop-out opportunity the customer leaves with probability p ~ Beta(a, b).
///
/// Given the history, an active customer's lambda is Gamma(r + x, alpha + T) and p is
/// Beta(a, b + x) (BG/NBD) or Beta(a, b + x + 1) (MBG/NBD), independently; every conditional
/// prediction is P(alive) times an expectation over that posterior (REFERENCE.md §4.2, §5.2).
///
/// P(alive at T + t) requires the customer to survive every purchase made in (T, T + t]:
/// E[exp(-lambda p t)] over the posterior, = (1-z)^a 2F1(a, a + b' - r - x; a + b'; z) with
/// z = t / (alpha + T + t) and b' the posterior b. (Derived here; lifetimes has no such quantity.)
class BetaGeometricNbdModel : public PurchaseModel {
 public:
  explicit BetaGeometricNbdModel(DropoutOpportunity dropout) : dropout_(dropout) {}

  ModelKind kind() const override;
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
  std::vector<double> DefaultStartingPoint() const override;

 private:
  /// 0 for BG/NBD, 1 for MBG/NBD: the first purchase adds one survived drop-out opportunity.
  double DropoutShift() const { return dropout_ == DropoutOpportunity::kEveryPurchase ? 1 : 0; }

  DropoutOpportunity dropout_;
};

/// BG/NBD. P(alive | frequency = 0) is exactly 1 for every age: the model lets customers drop
/// out only after a repeat purchase (REFERENCE.md §13.7). Use MBG/NBD or Pareto/NBD when
/// zero-repeaters should age into inactivity.
class BgNbdModel final : public BetaGeometricNbdModel {
 public:
  BgNbdModel() : BetaGeometricNbdModel(DropoutOpportunity::kRepeatPurchases) {}
};

}  // namespace clv::detail
