// SPDX-License-Identifier: MIT
// The TransactionSink that builds per-customer RFM state from parsed rows, without keeping the
// rows: each row becomes a purchase period and an amount folded into its customer's state.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>

#include "clv/ingest.h"
#include "clv/summary.h"
#include "summary/customer_partitions.h"
#include "summary/periods.h"

namespace clv::detail {

class RfmSink : public TransactionSink {
 public:
  static constexpr int kPartitionBits = 10;
  static constexpr std::size_t kPartitions = std::size_t{1} << kPartitionBits;

  explicit RfmSink(const SummaryOptions& options);

  void Consume(const TransactionBatch& batch) override;

  const PeriodScale& scale() const { return scale_; }
  /// Last period of the calibration window (the largest period when there is no split).
  std::int32_t calibration_end_period() const { return calibration_end_period_; }
  const CustomerPartition& partition(std::size_t index) const { return *partitions_[index]; }

  std::int64_t rows_used() const { return rows_used_.load(); }
  std::int64_t rows_after_observation_end() const { return rows_after_end_.load(); }
  std::int64_t rows_refund_dropped() const { return rows_refund_.load(); }
  /// Latest timestamp among the rows used; minimum int64 when none was.
  std::int64_t latest_timestamp() const { return latest_.load(); }

 private:
  void Apply(CustomerPartition& partition, const TransactionBatch& batch, const std::uint32_t* rows,
             std::size_t count, const std::uint64_t* hashes);

  SummaryOptions options_;
  PeriodScale scale_;
  std::int32_t calibration_end_period_ = std::numeric_limits<std::int32_t>::max();
  std::array<std::unique_ptr<CustomerPartition>, kPartitions> partitions_;
  std::atomic<std::int64_t> rows_used_{0};
  std::atomic<std::int64_t> rows_after_end_{0};
  std::atomic<std::int64_t> rows_refund_{0};
  std::atomic<std::int64_t> latest_{std::numeric_limits<std::int64_t>::min()};
};

}  // namespace clv::detail
