// SPDX-License-Identifier: MIT
// `clv serve`: real-time customer lifetime value over HTTP.
//
// The service keeps purchase events in an embedded SQLite database (WAL mode), mirrors every
// customer's purchases in memory for scoring, and scores with the latest fitted model. Events
// arrive through POST /v1/events; reads summarise a customer's purchases with the conventions
// of `clv summary` and predict with the conventions of `clv predict`. docs/serve.md lists the
// routes, their JSON and the status codes.
//
// Thread safety: a Server is started once; Stop() may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "clv/ingest.h"
#include "clv/summary_table.h"

namespace clv {

/// How the service runs. Durations are in seconds unless the name says otherwise.
struct ServeOptions {
  std::string database_path;  ///< the SQLite file, created when absent; required
  std::string listen_host = "127.0.0.1";
  int listen_port = 8077;  ///< 0 picks a free port (see Server::port())
  /// Bearer token required on every request but GET /healthz; empty: no authentication, which
  /// is refused unless the listen host is a loopback address.
  std::string token;
  TimeUnit unit = TimeUnit::kDay;  ///< unit of recency, T and durations in the answers
  std::string model = "auto";      ///< auto, bgnbd, mbgnbd or pnbd
  /// Refit after this many new events; 0 never refits on event count.
  std::int64_t refit_every_events = 0;
  /// Refit this often; 0 never refits on a timer.
  double refit_interval_seconds = 0;
  /// Window of expected_purchases in `unit`; <= 0 means one year (UnitsPerMonth(unit) * 12).
  double horizon = 0;
  int clv_months = 12;                  ///< CLV horizon in months (REFERENCE.md §11.1)
  double monthly_discount_rate = 0.01;  ///< CLV discount rate per month
  std::size_t max_body_bytes = std::size_t{16} << 20;  ///< larger bodies get 413
  double read_timeout_seconds = 10;  ///< a client that stalls longer is disconnected
  double write_timeout_seconds = 10;
  int http_threads = 8;  ///< requests served at once

  /// True when every field is in range; otherwise `*why` names the first violated rule.
  bool Validate(std::string* why) const;
};

/// What an import of a purchase log added.
struct ImportSummary {
  std::int64_t rows = 0;        ///< transactions read
  std::int64_t inserted = 0;    ///< new events stored
  std::int64_t duplicates = 0;  ///< transaction ids stored before
};

/// The service. Construction opens the database and rebuilds the in-memory state from it.
class Server {
 public:
  /// Throws InputError for invalid options and Error when the database cannot be opened.
  explicit Server(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Stores the transactions of a purchase log as events. Rows without a transaction id column
  /// get an id derived from their content (customer, time, amount and occurrence), so importing
  /// the same log twice adds nothing. Throws InputError for a bad log.
  ImportSummary Import(const IngestOptions& log);

  /// Binds the listening socket; returns the port. Throws Error when it cannot bind.
  int Bind();
  /// Serves until Stop(); in-flight requests finish, then the database is checkpointed.
  void Run();
  /// Asks Run() to return. Thread safe; not async-signal safe.
  void Stop();

  /// The bound port (after Bind()).
  int port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// True when `host` is a loopback address (127.0.0.0/8, ::1 or "localhost").
bool IsLoopbackHost(const std::string& host);

}  // namespace clv
