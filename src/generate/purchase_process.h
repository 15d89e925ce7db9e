// SPDX-License-Identifier: MIT
// The stories the purchase-count models tell about one customer, as code. The simulators and the
// log generator both draw customers here, so a simulated summary and a generated log describe
// the same process. Notation of the papers: lambda (purchase rate), p (BG/NBD dropout chance),
// mu (Pareto/NBD death rate), theta (BG/BB dropout chance).
#pragma once

#include <algorithm>
#include <span>

#include "clv/models/model_kind.h"
#include "generate/random_stream.h"

namespace clv::detail {

/// One customer's latent purchase traits.
struct PurchaseTraits {
  double purchase_rate = 0;  ///< lambda
  double dropout = 0;        ///< p for the BG/NBD family, mu for Pareto/NBD, theta for BG/BB
  double transaction_probability = 0;  ///< BG/BB p; unused otherwise
};

/// Draws the heterogeneity of `model` (params in ParameterNames() order, validated).
PurchaseTraits DrawPurchaseTraits(ModelKind model, std::span<const double> params,
                                  RandomStream& random);

/// Calls `on_repeat(t)` for each repeat purchase time t in (0, horizon] of a continuous-time
/// customer acquired at 0, in increasing order, until it returns false or the customer stops.
///  - BG/NBD (REFERENCE.md §4): inter-purchase times Exponential(lambda); after each repeat
///    purchase the customer leaves with probability p. MBG/NBD (§5) adds a chance p of leaving
///    right after the first purchase.
///  - Pareto/NBD (§6): lifetime Exponential(mu); purchases as above while alive.
template <typename OnRepeat>
void DrawRepeatPurchaseTimes(ModelKind model, const PurchaseTraits& traits, double horizon,
                             RandomStream& random, OnRepeat&& on_repeat) {
  const bool pareto = model == ModelKind::kParetoNbd;
  double active_until = horizon;
  if (pareto) active_until = std::min(horizon, random.StandardExponential() / traits.dropout);
  if (model == ModelKind::kModifiedBgNbd && random.Bernoulli(traits.dropout)) return;

  double t = 0;
  while (true) {
    // A rate that underflowed to 0 gives an infinite wait, which ends the loop.
    t += random.StandardExponential() / traits.purchase_rate;
    if (!(t <= active_until)) return;
    if (!on_repeat(t)) return;
    if (!pareto && random.Bernoulli(traits.dropout)) return;
  }
}

}  // namespace clv::detail
