// SPDX-License-Identifier: MIT
#include "serve/customer_state_writer.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "clv/error.h"
#include "common/log.h"

namespace clv::detail {
namespace {

constexpr auto kFlushInterval = std::chrono::seconds(5);
// Rows per transaction: the store's lock is released between chunks, so a large flush never
// holds an ingest request for long.
constexpr std::size_t kRowsPerTransaction = 2'000;

CustomerStateRow StateOf(const std::string& customer_id, const std::vector<Purchase>& purchases) {
  CustomerStateRow row{.customer_id = customer_id,
                       .transactions = static_cast<std::int64_t>(purchases.size()),
                       .first_timestamp = purchases.front().timestamp,
                       .last_timestamp = purchases.back().timestamp};
  for (const Purchase& purchase : purchases)
    row.total_amount += purchase.amount;
  return row;
}

// Neighbouring ids share pages of the customers table, so sorted writes touch each page once.
void SaveSorted(EventStore& store, std::vector<CustomerStateRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& left, const auto& right) {
    return left.customer_id < right.customer_id;
  });
  const std::span<const CustomerStateRow> all(rows);
  for (std::size_t begin = 0; begin < all.size(); begin += kRowsPerTransaction) {
    store.SaveCustomerStates(all.subspan(begin, std::min(kRowsPerTransaction, all.size() - begin)));
  }
}

}  // namespace

CustomerStateWriter::CustomerStateWriter(EventStore& store, const CustomerBook& book)
    : store_(store), book_(book), thread_([this] { Loop(); }) {}

CustomerStateWriter::~CustomerStateWriter() {
  Stop();
}

void CustomerStateWriter::MarkChanged(std::span<const Event> events) {
  const std::lock_guard lock(mutex_);
  for (const Event& event : events)
    changed_.insert(event.customer_id);
}

void CustomerStateWriter::Write(const std::unordered_set<std::string>& customer_ids) {
  std::vector<CustomerStateRow> rows;
  rows.reserve(customer_ids.size());
  for (const std::string& customer_id : customer_ids) {
    const std::optional<std::vector<Purchase>> purchases = book_.PurchasesOf(customer_id);
    if (purchases && !purchases->empty()) rows.push_back(StateOf(customer_id, *purchases));
  }
  SaveSorted(store_, rows);
}

void CustomerStateWriter::Flush() {
  const std::lock_guard write_lock(write_mutex_);
  std::unordered_set<std::string> changed;
  {
    const std::lock_guard lock(mutex_);
    changed.swap(changed_);
  }
  if (!changed.empty()) Write(changed);
}

void CustomerStateWriter::RepairIfBehind() {
  if (store_.NumCustomers() == book_.NumCustomers() &&
      store_.NumStateTransactions() == book_.NumPurchases()) {
    return;
  }
  const std::lock_guard write_lock(write_mutex_);
  std::vector<CustomerStateRow> rows;
  book_.ForEachCustomer(
      [&](const std::string& customer_id, const std::vector<Purchase>& purchases) {
        rows.push_back(StateOf(customer_id, purchases));
      });
  SaveSorted(store_, rows);
  Log().info("event=customer_states_repaired customers={}", rows.size());
}

void CustomerStateWriter::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wakeup_.wait_for(lock, kFlushInterval, [this] { return stopping_; });
    lock.unlock();
    try {
      Flush();
    } catch (const Error& error) {
      // The rows are derived from the events; a failed write is repaired on the next start.
      Log().error("event=customer_states_failed reason=\"{}\"", error.what());
    }
    lock.lock();
  }
}

void CustomerStateWriter::Stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wakeup_.notify_all();
  thread_.join();
}

}  // namespace clv::detail
