// SPDX-License-Identifier: MIT
#include "serve/event_store.h"

#include <fmt/format.h>

#include "clv/error.h"

namespace clv::detail {
namespace {

// The customers table is derived from the events and written behind them (SaveCustomerStates),
// so it can be read without scanning the events. WITHOUT ROWID stores each table once, ordered
// by its key.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS events (
  transaction_id TEXT PRIMARY KEY NOT NULL,
  customer_id TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  amount INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS customers (
  customer_id TEXT PRIMARY KEY NOT NULL,
  transactions INTEGER NOT NULL,
  first_timestamp INTEGER NOT NULL,
  last_timestamp INTEGER NOT NULL,
  total_amount INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS models (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,
  purchase_model TEXT NOT NULL,
  spend_model TEXT NOT NULL,
  segment_cutoffs TEXT NOT NULL
);
)sql";

constexpr std::string_view kInsertEvent =
    "INSERT OR IGNORE INTO events (transaction_id, customer_id, timestamp, amount) "
    "VALUES (?1, ?2, ?3, ?4)";

// Whole rows, not increments, so writing a customer twice is harmless.
constexpr std::string_view kUpsertCustomer =
    "INSERT INTO customers (customer_id, transactions, first_timestamp, last_timestamp, "
    "total_amount) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (customer_id) DO UPDATE SET transactions = excluded.transactions, "
    "first_timestamp = excluded.first_timestamp, last_timestamp = excluded.last_timestamp, "
    "total_amount = excluded.total_amount";

std::int64_t SingleInteger(SqliteDatabase& database, std::string_view sql) {
  SqliteStatement statement(database, sql);
  return statement.Step() ? statement.Integer(0) : 0;
}

}  // namespace

EventStore::EventStore(const std::string& path) : database_(path) {
  // WAL lets readers run beside the writer; synchronous=FULL syncs the log at every commit, so
  // an acknowledged batch survives a crash of the process and of the machine.
  database_.Execute("PRAGMA journal_mode=WAL");
  database_.Execute("PRAGMA synchronous=FULL");
  database_.Execute("PRAGMA foreign_keys=ON");
  // Events and customers arrive in random key order, so inserts touch pages all over both
  // tables; the default 2 MB page cache would reread most of them from the file for each batch.
  database_.Execute("PRAGMA cache_size=-262144");
  database_.Execute("PRAGMA mmap_size=1073741824");
  CreateSchema();
  insert_event_ = std::make_unique<SqliteStatement>(database_, kInsertEvent);
  upsert_customer_ = std::make_unique<SqliteStatement>(database_, kUpsertCustomer);
}

EventStore::~EventStore() = default;

void EventStore::CreateSchema() {
  database_.Execute(kSchema);
}

std::vector<bool> EventStore::Insert(std::span<const Event> events) {
  const std::lock_guard lock(mutex_);
  std::vector<bool> inserted(events.size(), false);
  SqliteTransaction transaction(database_);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    insert_event_->Bind(1, event.transaction_id);
    insert_event_->Bind(2, event.customer_id);
    insert_event_->Bind(3, event.timestamp);
    insert_event_->Bind(4, event.amount);
    insert_event_->Run();
    inserted[i] = database_.Changes() > 0;
  }
  transaction.Commit();
  return inserted;
}

void EventStore::SaveCustomerStates(std::span<const CustomerStateRow> rows) {
  const std::lock_guard lock(mutex_);
  SqliteTransaction transaction(database_);
  for (const CustomerStateRow& row : rows) {
    upsert_customer_->Bind(1, row.customer_id);
    upsert_customer_->Bind(2, row.transactions);
    upsert_customer_->Bind(3, row.first_timestamp);
    upsert_customer_->Bind(4, row.last_timestamp);
    upsert_customer_->Bind(5, row.total_amount);
    upsert_customer_->Run();
  }
  transaction.Commit();
}

std::int64_t EventStore::NumStateTransactions() {
  const std::lock_guard lock(mutex_);
  return SingleInteger(database_, "SELECT coalesce(sum(transactions), 0) FROM customers");
}

void EventStore::ForEachEvent(const std::function<void(const Event&)>& visit) {
  const std::lock_guard lock(mutex_);
  SqliteStatement select(database_,
                         "SELECT transaction_id, customer_id, timestamp, amount FROM events");
  Event event;
  while (select.Step()) {
    event.transaction_id.assign(select.Text(0));
    event.customer_id.assign(select.Text(1));
    event.timestamp = select.Integer(2);
    event.amount = select.Integer(3);
    visit(event);
  }
}

std::int64_t EventStore::NumEvents() {
  const std::lock_guard lock(mutex_);
  return SingleInteger(database_, "SELECT count(*) FROM events");
}

std::int64_t EventStore::NumCustomers() {
  const std::lock_guard lock(mutex_);
  return SingleInteger(database_, "SELECT count(*) FROM customers");
}

std::int64_t EventStore::SaveModel(const StoredModel& model) {
  const std::lock_guard lock(mutex_);
  SqliteStatement insert(database_,
                         "INSERT INTO models (created_at, purchase_model, spend_model, "
                         "segment_cutoffs) VALUES (?1, ?2, ?3, ?4)");
  insert.Bind(1, model.created_at);
  insert.Bind(2, model.purchase_model_json);
  insert.Bind(3, model.spend_model_json);
  insert.Bind(4, model.segment_cutoffs_json);
  insert.Run();
  return sqlite3_last_insert_rowid(database_.handle());
}

std::optional<StoredModel> EventStore::LatestModel() {
  const std::lock_guard lock(mutex_);
  SqliteStatement select(database_,
                         "SELECT version, created_at, purchase_model, spend_model, segment_cutoffs "
                         "FROM models ORDER BY version DESC LIMIT 1");
  if (!select.Step()) return std::nullopt;
  return StoredModel{.version = select.Integer(0),
                     .created_at = select.Integer(1),
                     .purchase_model_json = std::string(select.Text(2)),
                     .spend_model_json = std::string(select.Text(3)),
                     .segment_cutoffs_json = std::string(select.Text(4))};
}

void EventStore::Checkpoint() {
  const std::lock_guard lock(mutex_);
  database_.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace clv::detail
