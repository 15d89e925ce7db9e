// SPDX-License-Identifier: MIT
// One purchase event as the service stores it: amounts in fixed point (clv::kAmountScale), so
// per-customer sums are exact whatever the order in which events arrive.
#pragma once

#include <cstdint>
#include <string>

namespace clv::detail {

struct Event {
  std::string transaction_id;  ///< unique across the store; a repeat is a duplicate
  std::string customer_id;
  std::int64_t timestamp = 0;  ///< Unix seconds, UTC
  std::int64_t amount = 0;     ///< fixed point, kAmountScale per currency unit
};

}  // namespace clv::detail
