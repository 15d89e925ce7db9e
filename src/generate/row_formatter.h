// SPDX-License-Identifier: MIT
// Turns generated transactions into CSV rows: customer_id,timestamp,amount[,transaction_id]
// [,channel]. Hand-written digit formatting keeps the generator bound by the disk, not by text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clv/generate.h"
#include "generate/calendar.h"
#include "generate/log_customer.h"

namespace clv::detail {

class RowFormatter {
 public:
  RowFormatter(const TransactionLogOptions& options, const LogPlan& plan);

  /// The header line, newline included.
  std::string Header() const;

  /// Appends the id of customer `customer_index` (0-based; ids count from 1).
  void AppendCustomerId(std::string& out, std::uint64_t customer_index) const;

  /// Appends one row, newline included.
  void AppendRow(std::string& out, std::uint64_t customer_index, const LogTransaction& transaction,
                 std::uint32_t channel) const;

  /// Appends `second` (after the start) as the configured timestamp.
  void AppendTimestamp(std::string& out, std::int64_t second) const;

  const std::string& ChannelName(std::uint32_t channel) const { return channels_[channel]; }

 private:
  CustomerIdFormat id_format_;
  TimestampFormat timestamps_;
  bool transaction_ids_;
  std::vector<std::string> channels_;
  DateTable dates_;
};

}  // namespace clv::detail
