// SPDX-License-Identifier: MIT
#include "metrics/purchase_log_sink.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "metrics/channel_numbering.h"
#include "summary/customer_partitions.h"

namespace clv {
namespace detail {

// Customer ids of one partition in an open-addressing table (ids stored once in an arena) and
// the partition's rows, with customer indices local to the partition.
struct PurchaseLogSink::Partition {
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t customer_plus_one = 0;  // 0 marks an empty slot
  };

  std::mutex mutex;
  std::vector<Slot> slots = std::vector<Slot>(64);
  std::vector<std::uint64_t> id_offsets{0};
  std::vector<char> id_bytes;

  std::vector<std::uint32_t> customer;
  std::vector<std::int64_t> timestamp;
  std::vector<std::int64_t> amount;
  std::vector<std::uint32_t> channel;

  std::size_t customers() const { return id_offsets.size() - 1; }
  std::string_view IdOf(std::uint32_t local) const {
    return {id_bytes.data() + id_offsets[local], id_offsets[local + 1] - id_offsets[local]};
  }

  std::uint32_t Intern(std::uint64_t hash, std::string_view id) {
    if ((customers() + 1) * 10 > slots.size() * 7) Grow();
    const std::size_t mask = slots.size() - 1;
    for (std::size_t slot = (hash >> 16) & mask;; slot = (slot + 1) & mask) {
      Slot& probe = slots[slot];
      if (probe.customer_plus_one == 0) {
        probe = {hash, static_cast<std::uint32_t>(customers() + 1)};
        id_bytes.insert(id_bytes.end(), id.begin(), id.end());
        id_offsets.push_back(id_bytes.size());
        return probe.customer_plus_one - 1;
      }
      if (probe.hash == hash && IdOf(probe.customer_plus_one - 1) == id) {
        return probe.customer_plus_one - 1;
      }
    }
  }

  void Grow() {
    std::vector<Slot> grown(slots.size() * 2);
    const std::size_t mask = grown.size() - 1;
    for (const Slot& old : slots) {
      if (old.customer_plus_one == 0) continue;
      std::size_t slot = (old.hash >> 16) & mask;
      while (grown[slot].customer_plus_one != 0)
        slot = (slot + 1) & mask;
      grown[slot] = old;
    }
    slots = std::move(grown);
  }
};

PurchaseLogSink::PurchaseLogSink(std::optional<std::size_t> channel_extra_index)
    : channel_extra_index_(channel_extra_index) {
  for (auto& partition : partitions_)
    partition = std::make_unique<Partition>();
}

PurchaseLogSink::~PurchaseLogSink() = default;

std::vector<std::uint32_t> PurchaseLogSink::InternChannels(const TransactionBatch& batch) {
  std::vector<std::uint32_t> channels(batch.size());
  const std::vector<std::string_view>& texts = batch.extra[*channel_extra_index_];
  std::unordered_map<std::string_view, std::uint32_t> seen_in_batch;
  std::lock_guard lock(channel_mutex_);
  for (std::size_t row = 0; row < batch.size(); ++row) {
    auto [cached, inserted] = seen_in_batch.try_emplace(texts[row], 0U);
    if (inserted) {
      auto [entry, is_new] = channel_index_.try_emplace(
          std::string(texts[row]), static_cast<std::uint32_t>(channel_names_.size()));
      if (is_new) channel_names_.emplace_back(texts[row]);
      cached->second = entry->second;
    }
    channels[row] = cached->second;
  }
  return channels;
}

void PurchaseLogSink::Consume(const TransactionBatch& batch) {
  const std::vector<std::uint32_t> channels =
      channel_extra_index_ ? InternChannels(batch) : std::vector<std::uint32_t>{};
  // Route rows to partitions by the top bits of the customer's hash with a counting sort into
  // per-thread scratch space, so a batch allocates nothing once the buffers have grown.
  thread_local std::vector<std::uint64_t> hashes;
  thread_local std::vector<std::uint32_t> routed;
  thread_local std::vector<std::uint32_t> partition_begin;
  const std::size_t rows = batch.size();
  hashes.resize(rows);
  routed.resize(rows);
  partition_begin.assign(kPartitions + 1, 0);
  const auto partition_of = [](std::uint64_t hash) { return hash >> (64 - kPartitionBits); };
  for (std::size_t row = 0; row < rows; ++row) {
    hashes[row] = HashCustomerId(batch.customer_ids[row]);
    ++partition_begin[partition_of(hashes[row]) + 1];
  }
  for (std::size_t index = 0; index < kPartitions; ++index) {
    partition_begin[index + 1] += partition_begin[index];
  }
  std::array<std::uint32_t, kPartitions> next;
  std::copy(partition_begin.begin(), partition_begin.end() - 1, next.begin());
  for (std::size_t row = 0; row < rows; ++row) {
    routed[next[partition_of(hashes[row])]++] = static_cast<std::uint32_t>(row);
  }

  for (std::size_t index = 0; index < kPartitions; ++index) {
    const std::uint32_t begin = partition_begin[index];
    const std::uint32_t end = partition_begin[index + 1];
    if (begin == end) continue;
    Partition& partition = *partitions_[index];
    std::lock_guard lock(partition.mutex);
    for (std::uint32_t k = begin; k < end; ++k) {
      const std::uint32_t row = routed[k];
      partition.customer.push_back(partition.Intern(hashes[row], batch.customer_ids[row]));
      partition.timestamp.push_back(batch.timestamps[row]);
      partition.amount.push_back(batch.amounts[row]);
      if (!channels.empty()) partition.channel.push_back(channels[row]);
    }
  }
}

PurchaseLog PurchaseLogSink::Finish(bool keep_customer_ids) {
  PurchaseLog log;
  log.amount_scale = 1.0 / static_cast<double>(kAmountScale);
  std::size_t rows = 0;
  for (const auto& partition : partitions_)
    rows += partition->customer.size();
  log.customer.reserve(rows);
  log.timestamp.reserve(rows);
  log.amount.reserve(rows);
  if (channel_extra_index_) log.channel.reserve(rows);
  for (auto& partition : partitions_) {
    const auto base = static_cast<std::uint32_t>(log.num_customers);
    for (const std::uint32_t local : partition->customer)
      log.customer.push_back(base + local);
    log.timestamp.insert(log.timestamp.end(), partition->timestamp.begin(),
                         partition->timestamp.end());
    log.amount.insert(log.amount.end(), partition->amount.begin(), partition->amount.end());
    log.channel.insert(log.channel.end(), partition->channel.begin(), partition->channel.end());
    for (std::uint32_t local = 0; keep_customer_ids && local < partition->customers(); ++local) {
      log.customer_ids.emplace_back(partition->IdOf(local));
    }
    log.num_customers += partition->customers();
    partition = std::make_unique<Partition>();
  }
  log.channel_names = std::move(channel_names_);
  channel_index_.clear();
  NumberChannelsByName(log);
  return log;
}

}  // namespace detail

PurchaseLog ReadPurchaseLog(IngestOptions ingest, const std::string& channel_column,
                            IngestReport* report, bool keep_customer_ids) {
  std::optional<std::size_t> channel_extra_index;
  if (!channel_column.empty()) {
    channel_extra_index = ingest.extra_columns.size();
    ingest.extra_columns.push_back(channel_column);
  }
  detail::PurchaseLogSink sink(channel_extra_index);
  const IngestReport ingest_report = ReadTransactions(ingest, sink);
  if (report != nullptr) *report = ingest_report;
  return sink.Finish(keep_customer_ids);
}

}  // namespace clv
