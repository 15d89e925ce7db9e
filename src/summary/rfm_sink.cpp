// SPDX-License-Identifier: MIT
#include "summary/rfm_sink.h"

#include <vector>

namespace clv::detail {
namespace {

std::size_t PartitionOf(std::uint64_t hash) {
  return static_cast<std::size_t>(hash >> (64 - RfmSink::kPartitionBits));
}

// Per-thread scratch space, reused across batches.
struct RoutingScratch {
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> kept_rows;
  std::vector<std::uint32_t> routed_rows;
  std::vector<std::uint32_t> partition_begin;
};

}  // namespace

RfmSink::RfmSink(const SummaryOptions& options)
    : options_(options), scale_(options.unit, options.durations) {
  if (options.calibration_end) calibration_end_period_ = scale_.PeriodOf(*options.calibration_end);
  for (auto& partition : partitions_)
    partition = std::make_unique<CustomerPartition>();
}

void RfmSink::Consume(const TransactionBatch& batch) {
  thread_local RoutingScratch scratch;
  const std::size_t rows = batch.size();
  scratch.hashes.resize(rows);
  scratch.kept_rows.clear();
  std::int64_t after_end = 0;
  std::int64_t refunds = 0;
  std::int64_t latest = std::numeric_limits<std::int64_t>::min();
  std::vector<std::uint32_t>& counts = scratch.partition_begin;
  counts.assign(kPartitions + 1, 0);

  // Filter, hash and count rows per partition.
  for (std::size_t row = 0; row < rows; ++row) {
    const std::int64_t timestamp = batch.timestamps[row];
    if (options_.observation_end && timestamp > *options_.observation_end) {
      ++after_end;
      continue;
    }
    if (options_.refunds == RefundRule::kDrop && batch.amounts[row] < 0) {
      ++refunds;
      continue;
    }
    latest = std::max(latest, timestamp);
    const std::uint64_t hash = HashCustomerId(batch.customer_ids[row]);
    scratch.hashes[row] = hash;
    scratch.kept_rows.push_back(static_cast<std::uint32_t>(row));
    ++counts[PartitionOf(hash) + 1];
  }

  // Counting sort of the kept rows by partition.
  for (std::size_t partition = 0; partition < kPartitions; ++partition) {
    counts[partition + 1] += counts[partition];
  }
  scratch.routed_rows.resize(scratch.kept_rows.size());
  std::vector<std::uint32_t> next(counts.begin(), counts.end() - 1);
  for (std::uint32_t row : scratch.kept_rows) {
    scratch.routed_rows[next[PartitionOf(scratch.hashes[row])]++] = row;
  }
  for (std::size_t partition = 0; partition < kPartitions; ++partition) {
    const std::size_t count = counts[partition + 1] - counts[partition];
    if (count == 0) continue;
    Apply(*partitions_[partition], batch, scratch.routed_rows.data() + counts[partition], count,
          scratch.hashes.data());
  }

  rows_used_ += static_cast<std::int64_t>(scratch.kept_rows.size());
  rows_after_end_ += after_end;
  rows_refund_ += refunds;
  std::int64_t seen = latest_.load();
  while (latest > seen && !latest_.compare_exchange_weak(seen, latest)) {
  }
}

void RfmSink::Apply(CustomerPartition& partition, const TransactionBatch& batch,
                    const std::uint32_t* rows, std::size_t count, const std::uint64_t* hashes) {
  std::lock_guard lock(partition.mutex());
  for (std::size_t index = 0; index < count; ++index) {
    const std::uint32_t row = rows[index];
    CustomerState& state = partition.FindOrInsert(hashes[row], batch.customer_ids[row]);
    const std::int32_t period = scale_.PeriodOf(batch.timestamps[row]);
    const std::int64_t amount = batch.amounts[row];
    // The first period's spend is kept apart: monetary value excludes it (REFERENCE.md §2.1).
    if (state.periods.size() == 0 || period < state.periods.front()) {
      state.first_period_spend = amount;
    } else if (period == state.periods.front()) {
      state.first_period_spend += amount;
    }
    if (period <= calibration_end_period_) {
      state.calibration_spend += amount;
    } else {
      state.holdout_spend += amount;
    }
    state.periods.Insert(period);
  }
}

}  // namespace clv::detail
