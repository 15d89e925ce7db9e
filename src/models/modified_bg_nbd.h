// SPDX-License-Identifier: MIT
// MBG/NBD (Batislam, Denizel & Filiztekin 2007; Hoppe & Wagner 2007): BG/NBD in which a customer
// may also drop out right after the first purchase, so P(alive) < 1 even for frequency = 0
// (REFERENCE.md §5). The kernel is shared with BG/NBD (bg_nbd.h): every b + x of BG/NBD reads
// b + x + 1, and the "dropped after the last purchase" term is present for every frequency.
#pragma once

#include "models/bg_nbd.h"

namespace clv::detail {

/// MBG/NBD; parameters (r, alpha, a, b) as BG/NBD.
class ModifiedBgNbdModel final : public BetaGeometricNbdModel {
 public:
  ModifiedBgNbdModel() : BetaGeometricNbdModel(DropoutOpportunity::kEveryPurchase) {}
};

}  // namespace clv::detail
