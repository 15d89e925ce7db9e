// SPDX-License-Identifier: MIT
// Every customer scored by one model as of one period, kept current instead of recomputed per
// request: GET /v1/customers and GET /v1/segments read it. Ingest marks the customers it
// changed (after they are in the book), and the next reader rescores just those, so every answer
// still reflects all events acknowledged before it.
//
// A score depends on the instant it is taken at only through that instant's period (T is
// counted in whole periods) as long as no purchase lies after the instant. So the index serves
// any `as_of` in its period at or after the latest purchase of the book; a new model version or
// a new period rebuilds it, and an `as_of` before the latest purchase is scored from scratch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "serve/customer_book.h"
#include "serve/customer_score.h"
#include "serve/event.h"
#include "serve/portfolio.h"
#include "serve/serving_model.h"
#include "summary/periods.h"

namespace clv::detail {

/// A scored customer of the book.
struct ScoredCustomer {
  std::string customer_id;
  CustomerScore score;
};

class ScoreIndex {
 public:
  ScoreIndex(const CustomerBook& book, const PeriodScale& scale, TimeUnit unit,
             const ScoringOptions& options);

  /// Notes the customers of `events` as changed. Call once the events are in the book; cheap
  /// while no reader has built the index. Thread safe.
  void MarkChanged(std::span<const Event> events);

  /// Calls `read` with every customer observed by `as_of` scored by `model`, in no fixed order.
  /// Readers take turns; ingest does not wait for them.
  void Read(const ServingModel& model, std::int64_t as_of,
            const std::function<void(const std::vector<ScoredCustomer>&)>& read);

 private:
  void Rebuild(const ServingModel& model, std::int64_t as_of);
  void Refresh(const ServingModel& model, std::int64_t as_of);
  std::vector<ScoredCustomer> ScoreAll(const ServingModel& model, std::int64_t as_of) const;

  const CustomerBook& book_;
  PeriodScale scale_;
  TimeUnit unit_;
  ScoringOptions options_;

  std::mutex read_mutex_;  // one reader at a time; guards the fields below
  bool built_ = false;
  std::int64_t model_version_ = 0;
  std::int32_t period_ = 0;
  std::vector<ScoredCustomer> customers_;
  std::unordered_map<std::string, std::size_t> position_;  // customer id -> index in customers_

  std::mutex changed_mutex_;  // guards the fields below
  bool tracking_ = false;     // an index is built and changes are being recorded
  std::unordered_set<std::string> changed_;
};

}  // namespace clv::detail
