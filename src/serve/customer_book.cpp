// SPDX-License-Identifier: MIT
#include "serve/customer_book.h"

#include <algorithm>
#include <mutex>

namespace clv::detail {

CustomerBook::Shard& CustomerBook::ShardOf(std::string_view customer_id) {
  return shards_[std::hash<std::string_view>{}(customer_id) % kShards];
}

const CustomerBook::Shard& CustomerBook::ShardOf(std::string_view customer_id) const {
  return shards_[std::hash<std::string_view>{}(customer_id) % kShards];
}

void CustomerBook::Add(const Event& event) {
  Shard& shard = ShardOf(event.customer_id);
  const std::unique_lock lock(shard.mutex);
  auto [entry, created] = shard.customers.try_emplace(event.customer_id);
  std::vector<Purchase>& purchases = entry->second;
  // upper_bound keeps purchases with equal timestamps in arrival order; most events are the
  // newest of their customer, so the search ends at the back.
  const auto later = std::upper_bound(purchases.begin(), purchases.end(), event.timestamp,
                                      [](std::int64_t timestamp, const Purchase& purchase) {
                                        return timestamp < purchase.timestamp;
                                      });
  purchases.insert(later, Purchase{event.timestamp, event.amount});
  if (created) ++num_customers_;
  ++num_purchases_;
  std::int64_t latest = latest_timestamp_.load();
  while (event.timestamp > latest &&
         !latest_timestamp_.compare_exchange_weak(latest, event.timestamp)) {
  }
}

std::optional<std::int64_t> CustomerBook::LatestTimestamp() const {
  if (num_purchases_.load() == 0) return std::nullopt;
  return latest_timestamp_.load();
}

std::optional<std::vector<Purchase>> CustomerBook::PurchasesOf(std::string_view customer_id) const {
  const Shard& shard = ShardOf(customer_id);
  const std::shared_lock lock(shard.mutex);
  const auto found = shard.customers.find(std::string(customer_id));
  if (found == shard.customers.end()) return std::nullopt;
  return found->second;
}

void CustomerBook::ForEachCustomer(
    const std::function<void(const std::string&, const std::vector<Purchase>&)>& visit) const {
  for (const Shard& shard : shards_) {
    const std::shared_lock lock(shard.mutex);
    for (const auto& [customer_id, purchases] : shard.customers)
      visit(customer_id, purchases);
  }
}

}  // namespace clv::detail
