// SPDX-License-Identifier: MIT
// The in-memory copy of every customer's purchases, for scoring without touching the database.
// Each customer keeps its purchases sorted by time, so an event older than the last purchase is
// placed where it belongs and a read "as of" a past instant sees exactly the purchases up to it.
//
// Customers are spread over shards by hash, each with a reader-writer lock: readers of one shard
// never wait for writers of another, and a read copies a customer's purchases under the lock.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "serve/event.h"

namespace clv::detail {

struct Purchase {
  std::int64_t timestamp = 0;  ///< Unix seconds, UTC
  std::int64_t amount = 0;     ///< fixed point, kAmountScale per currency unit
};

class CustomerBook {
 public:
  /// Adds one stored event to its customer, keeping the purchases sorted by time. Thread safe.
  void Add(const Event& event);

  /// A copy of the customer's purchases, sorted by time; nullopt for an unknown customer.
  std::optional<std::vector<Purchase>> PurchasesOf(std::string_view customer_id) const;

  /// Calls `visit(customer_id, purchases)` for every customer, shard by shard, each shard under
  /// its read lock. The order is unspecified.
  void ForEachCustomer(
      const std::function<void(const std::string&, const std::vector<Purchase>&)>& visit) const;

  std::int64_t NumCustomers() const { return num_customers_.load(); }
  std::int64_t NumPurchases() const { return num_purchases_.load(); }
  /// The latest purchase time added (Unix seconds); nullopt while the book is empty.
  std::optional<std::int64_t> LatestTimestamp() const;

 private:
  static constexpr std::size_t kShards = 64;
  struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::vector<Purchase>> customers;
  };
  Shard& ShardOf(std::string_view customer_id);
  const Shard& ShardOf(std::string_view customer_id) const;

  std::array<Shard, kShards> shards_;
  std::atomic<std::int64_t> num_customers_{0};
  std::atomic<std::int64_t> num_purchases_{0};
  std::atomic<std::int64_t> latest_timestamp_{std::numeric_limits<std::int64_t>::min()};
};

}  // namespace clv::detail
