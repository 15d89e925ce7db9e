// SPDX-License-Identifier: MIT
#include <string>

#include "clv/error.h"
#include "clv/models/purchase_model.h"
#include "models/model_factories.h"

namespace clv {

std::unique_ptr<PurchaseModel> MakePurchaseModel(ModelKind kind) {
  switch (kind) {
    case ModelKind::kBgNbd:
      return detail::MakeBgNbdModel();
    case ModelKind::kModifiedBgNbd:
      return detail::MakeModifiedBgNbdModel();
    case ModelKind::kParetoNbd:
      return detail::MakeParetoNbdModel();
    case ModelKind::kBgBb:
      return detail::MakeBgBbModel();
    case ModelKind::kGammaGamma:
    case ModelKind::kShiftedBetaGeometric:
      break;
  }
  throw InputError("model '" + std::string(ToString(kind)) +
                   "' is not a purchase-count model; use bgnbd, mbgnbd, pnbd or bgbb here");
}

}  // namespace clv
