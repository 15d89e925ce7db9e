// SPDX-License-Identifier: MIT
#include "generate/purchase_process.h"

#include "clv/error.h"

namespace clv::detail {

PurchaseTraits DrawPurchaseTraits(ModelKind model, std::span<const double> params,
                                  RandomStream& random) {
  PurchaseTraits traits;
  switch (model) {
    case ModelKind::kBgNbd:
    case ModelKind::kModifiedBgNbd:  // (r, alpha, a, b)
      traits.purchase_rate = random.Gamma(params[0], params[1]);
      traits.dropout = random.Beta(params[2], params[3]);
      return traits;
    case ModelKind::kParetoNbd:  // (r, alpha, s, beta)
      traits.purchase_rate = random.Gamma(params[0], params[1]);
      traits.dropout = random.Gamma(params[2], params[3]);
      return traits;
    case ModelKind::kBgBb:  // (alpha, beta, gamma, delta)
      traits.transaction_probability = random.Beta(params[0], params[1]);
      traits.dropout = random.Beta(params[2], params[3]);
      return traits;
    case ModelKind::kGammaGamma:
    case ModelKind::kShiftedBetaGeometric:
      break;
  }
  CLV_CHECK(false, "DrawPurchaseTraits called for a model without purchase traits");
}

}  // namespace clv::detail
