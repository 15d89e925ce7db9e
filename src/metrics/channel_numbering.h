// SPDX-License-Identifier: MIT
#pragma once

#include "clv/metrics.h"

namespace clv::detail {

/// Renumbers the channels of `log` in name order, so that nothing downstream depends on the
/// order in which rows arrived (the first-purchase tie rule compares channel indices).
void NumberChannelsByName(PurchaseLog& log);

}  // namespace clv::detail
