// SPDX-License-Identifier: MIT
// The generated log in time order, within a memory budget.
#pragma once

#include <cstdint>

#include "generate/log_customer.h"
#include "generate/ordered_output.h"
#include "generate/row_formatter.h"

namespace clv::detail {

struct TimeOrderedResult {
  std::int64_t rows = 0;
  int passes = 0;  ///< passes over all customers, counting pass included
};

/// Writes the rows of every customer of `plan` sorted by (second, customer, purchase), keeping at
/// most about `memory_budget_bytes` of pending rows (16 bytes each) in memory.
///
/// A first pass counts each block's rows per day. The days are then cut into windows whose rows
/// fit the budget; for each window every customer is drawn again (its stream makes it the same
/// customer), its rows in the window are stored at offsets known from the counts, sorted in
/// parallel, and formatted and written in order.
TimeOrderedResult WriteTimeOrderedLog(const LogPlan& plan, std::int64_t memory_budget_bytes,
                                      const RowFormatter& formatter, BlockOutput& output);

}  // namespace clv::detail
