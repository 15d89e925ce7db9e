// SPDX-License-Identifier: MIT
// Constructors of the concrete purchase models, one per model file; MakePurchaseModel dispatches.
#pragma once

#include <memory>

#include "clv/models/purchase_model.h"

namespace clv::detail {

std::unique_ptr<PurchaseModel> MakeBgNbdModel();
std::unique_ptr<PurchaseModel> MakeModifiedBgNbdModel();
std::unique_ptr<PurchaseModel> MakeParetoNbdModel();
std::unique_ptr<PurchaseModel> MakeBgBbModel();

}  // namespace clv::detail
