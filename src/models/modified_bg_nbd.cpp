// SPDX-License-Identifier: MIT
#include "models/modified_bg_nbd.h"

#include <memory>

#include "models/model_factories.h"

namespace clv::detail {

std::unique_ptr<PurchaseModel> MakeModifiedBgNbdModel() {
  return std::make_unique<ModifiedBgNbdModel>();
}

}  // namespace clv::detail
