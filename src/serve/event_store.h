// SPDX-License-Identifier: MIT
// The durable store of the service: an SQLite database in WAL mode holding the events (unique by
// transaction id), a per-customer state row derived from them, and every model version.
//
// The events are the record; the state rows are written behind them in batches of customers
// (serve/customer_state_writer.h), because updating one row per event in random customer order
// would rewrite a page of the customers table per event and cap ingest at a fifth of its rate.
//
// A batch of events is written in one transaction, so after a crash either the whole batch is
// present or none of it is. Events whose transaction id is already stored are skipped and
// reported as duplicates, which makes a retried request harmless.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "serve/event.h"
#include "serve/sqlite_database.h"

namespace clv::detail {

/// A model version as stored.
struct StoredModel {
  std::int64_t version = 0;
  std::int64_t created_at = 0;  ///< Unix seconds
  std::string purchase_model_json;
  std::string spend_model_json;      ///< empty when no spend model was fitted
  std::string segment_cutoffs_json;  ///< value tier and RFM score boundaries (SegmentCutoffs)
};

/// One customer's state row: purchases, first and last purchase time, total spend (fixed point).
struct CustomerStateRow {
  std::string customer_id;
  std::int64_t transactions = 0;
  std::int64_t first_timestamp = 0;
  std::int64_t last_timestamp = 0;
  std::int64_t total_amount = 0;
};

/// Thread safe: every call holds the store's lock, so calls run one at a time.
class EventStore {
 public:
  /// Opens or creates the database at `path`. Throws clv::Error when it cannot.
  explicit EventStore(const std::string& path);
  ~EventStore();

  /// Inserts `events` in one transaction and returns, per event, whether it was new (false for a
  /// transaction id stored before or earlier in the same batch). Nothing is written on failure.
  std::vector<bool> Insert(std::span<const Event> events);

  /// Calls `visit` for every stored event, in storage order.
  void ForEachEvent(const std::function<void(const Event&)>& visit);

  /// Writes whole state rows (replacing earlier ones) in one transaction.
  void SaveCustomerStates(std::span<const CustomerStateRow> rows);

  std::int64_t NumEvents();
  std::int64_t NumCustomers();  ///< state rows
  /// The purchases the state rows count; equal to NumEvents() when no row lags its events.
  std::int64_t NumStateTransactions();

  /// Stores a new model version (its `version` is ignored) and returns its number (1, 2, ...).
  std::int64_t SaveModel(const StoredModel& model);
  std::optional<StoredModel> LatestModel();

  /// Moves the write-ahead log into the database file (on shutdown).
  void Checkpoint();

 private:
  void CreateSchema();

  std::mutex mutex_;
  SqliteDatabase database_;
  std::unique_ptr<SqliteStatement> insert_event_;
  std::unique_ptr<SqliteStatement> upsert_customer_;
};

}  // namespace clv::detail
