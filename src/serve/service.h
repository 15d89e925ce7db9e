// SPDX-License-Identifier: MIT
// The service without HTTP: ingest, customer reads, lists, segments and refits over the store,
// the in-memory book and the current model. The HTTP routes (http_routes.cpp) translate
// requests to these calls and results to JSON.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "clv/serve.h"
#include "serve/customer_book.h"
#include "serve/customer_history.h"
#include "serve/customer_score.h"
#include "serve/customer_state_writer.h"
#include "serve/event.h"
#include "serve/event_store.h"
#include "serve/portfolio.h"
#include "serve/score_index.h"
#include "serve/service_metrics.h"
#include "serve/serving_model.h"
#include "summary/periods.h"

namespace clv::detail {

/// What an ingest stored.
struct IngestResult {
  std::int64_t accepted = 0;
  std::vector<std::size_t> duplicate_indices;  ///< positions of events stored before
};

/// How GET /v1/customers orders and filters.
struct CustomerListQuery {
  enum class SortKey { kClv, kPAlive };
  SortKey sort = SortKey::kClv;
  bool descending = true;
  std::size_t limit = 100;
  std::string segment;     ///< RFM segment name; empty: every segment
  std::string value_tier;  ///< value tier name; empty: every tier
  std::int64_t as_of = 0;
};

class Service {
 public:
  /// Opens the store, rebuilds the book from it and loads the latest model version.
  explicit Service(const ServeOptions& options);
  /// Stops the refit worker (waiting for a running refit) and checkpoints the store.
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  /// Stores `events` in one transaction, then adds the new ones to the book. When this returns,
  /// every later read sees them.
  IngestResult Ingest(const std::vector<Event>& events);

  /// The JSON of one customer as of `as_of`; nullopt when unknown or first seen after it.
  std::optional<nlohmann::json> Customer(const std::string& customer_id, std::int64_t as_of) const;
  /// Customers ordered by CLV or P(alive), ties by id; nullopt when no model is available yet.
  /// Throws InputError for a segment or tier name the model does not know.
  std::optional<nlohmann::json> ListCustomers(const CustomerListQuery& query);
  /// Customers, total CLV and mean P(alive) per RFM segment and per value tier; nullopt
  /// without a model.
  std::optional<nlohmann::json> Segments(std::int64_t as_of);

  std::shared_ptr<const ServingModel> model() const { return model_slot_.Current(); }

  /// Asks the worker to refit; false when a refit is already pending or running.
  bool RequestRefit();
  /// Refits in the calling thread; returns false (and logs why) when no usable model came out.
  bool RefitNow();

  ServiceMetrics& metrics() { return metrics_; }
  std::int64_t NumCustomers() const { return book_.NumCustomers(); }
  TimeUnit unit() const { return options_.unit; }

 private:
  void RebuildBook();
  void LoadLatestModel();
  void RefitLoop();
  void NoteNewEvents(std::int64_t count);
  AnswerContext ContextAt(std::int64_t as_of) const;

  ServeOptions options_;
  ScoringOptions scoring_;
  PeriodScale scale_;
  ModelChoice model_choice_;
  EventStore store_;
  CustomerBook book_;
  ScoreIndex index_;
  CustomerStateWriter state_writer_;
  ModelSlot model_slot_;
  ServiceMetrics metrics_;

  std::mutex refit_mutex_;  // guards the fields below
  std::condition_variable refit_wakeup_;
  bool refit_requested_ = false;
  bool refit_running_ = false;
  bool stopping_ = false;
  std::int64_t events_since_refit_ = 0;
  std::mutex fit_mutex_;  // one fit at a time, whoever asks
  std::thread refit_worker_;
};

/// Unix seconds as ISO 8601 UTC, e.g. "1997-09-30T23:59:59Z".
std::string FormatIsoTime(std::int64_t seconds);

/// Parses an `as_of` value: ISO 8601 date or date-time, YYYYMMDD or Unix seconds; a date
/// without a time means the end of that day, as `clv summary --observation-end` reads it.
/// Returns false when the text is not a time.
bool ParseAsOf(std::string_view text, std::int64_t* seconds);

}  // namespace clv::detail
