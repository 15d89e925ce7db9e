// SPDX-License-Identifier: MIT
// The TransactionSink behind ReadPurchaseLog: it keeps each row in compact form (customer index,
// timestamp, amount, channel index). Customers are spread over hash partitions, each with its
// own lock taken once per batch, so parsing threads rarely wait for each other.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clv/ingest.h"
#include "clv/metrics.h"

namespace clv::detail {

class PurchaseLogSink : public TransactionSink {
 public:
  /// `channel_extra_index`: position of the channel among IngestOptions::extra_columns.
  explicit PurchaseLogSink(std::optional<std::size_t> channel_extra_index);
  ~PurchaseLogSink() override;

  void Consume(const TransactionBatch& batch) override;

  /// The rows collected so far, partition by partition, with the customer ids when asked for;
  /// the sink is empty afterwards.
  PurchaseLog Finish(bool keep_customer_ids);

 private:
  struct Partition;
  static constexpr int kPartitionBits = 8;
  static constexpr std::size_t kPartitions = std::size_t{1} << kPartitionBits;

  std::vector<std::uint32_t> InternChannels(const TransactionBatch& batch);

  std::optional<std::size_t> channel_extra_index_;
  std::array<std::unique_ptr<Partition>, kPartitions> partitions_;
  std::mutex channel_mutex_;
  std::unordered_map<std::string, std::uint32_t> channel_index_;
  std::vector<std::string> channel_names_;
};

}  // namespace clv::detail
