// SPDX-License-Identifier: MIT
// Amounts as fixed-point integers (clv::kAmountScale units per currency unit), so that sums are
// exact whatever the order of rows or the number of threads.
//
// Accepted: optional blanks, an optional sign, an optional currency symbol ($ € £ ¥) before or
// after the number, digits with an optional decimal point ('.'). Digits beyond the sixth
// decimal are rounded half away from zero. At most 12 integer digits.
#pragma once

#include <cstdint>
#include <string_view>

namespace clv::detail {

/// Returns false when `text` is not an amount.
bool ParseAmount(std::string_view text, std::int64_t* fixed_point);

}  // namespace clv::detail
