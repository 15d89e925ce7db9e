// SPDX-License-Identifier: MIT
#include "serve/score_index.h"

#include <algorithm>

namespace clv::detail {
namespace {

// Past this many changed customers a rebuild costs about as much as rescoring them, and the set
// would only hold memory: tracking stops and the next reader rebuilds.
std::size_t MaxChanged(std::int64_t customers) {
  return std::max<std::size_t>(std::size_t{1} << 16, static_cast<std::size_t>(customers) / 4);
}

}  // namespace

ScoreIndex::ScoreIndex(const CustomerBook& book, const PeriodScale& scale, TimeUnit unit,
                       const ScoringOptions& options)
    : book_(book), scale_(scale), unit_(unit), options_(options) {}

void ScoreIndex::MarkChanged(std::span<const Event> events) {
  const std::lock_guard lock(changed_mutex_);
  if (!tracking_) return;
  for (const Event& event : events)
    changed_.insert(event.customer_id);
  if (changed_.size() > MaxChanged(book_.NumCustomers())) {
    tracking_ = false;
    changed_.clear();
  }
}

std::vector<ScoredCustomer> ScoreIndex::ScoreAll(const ServingModel& model,
                                                 std::int64_t as_of) const {
  Portfolio portfolio = SummarizeBook(book_, as_of, scale_, unit_);
  std::vector<CustomerScore> scores = ScorePortfolio(portfolio, model, options_);
  std::vector<ScoredCustomer> customers(scores.size());
  for (std::size_t row = 0; row < scores.size(); ++row) {
    customers[row] = {std::move(portfolio.summary.customer_ids[row]), std::move(scores[row])};
  }
  return customers;
}

void ScoreIndex::Rebuild(const ServingModel& model, std::int64_t as_of) {
  // Tracking starts before the book is read, so a change the read misses is recorded.
  {
    const std::lock_guard lock(changed_mutex_);
    tracking_ = true;
    changed_.clear();
  }
  customers_ = ScoreAll(model, as_of);
  position_.clear();
  position_.reserve(customers_.size());
  for (std::size_t k = 0; k < customers_.size(); ++k)
    position_.emplace(customers_[k].customer_id, k);
  model_version_ = model.version;
  period_ = scale_.PeriodOf(as_of);
  // A purchase after `as_of` that arrived before tracking began is in no change set: the index
  // answers this read (which excludes it) and is rebuilt by the next.
  const std::optional<std::int64_t> latest = book_.LatestTimestamp();
  built_ = !latest || *latest <= as_of;
}

void ScoreIndex::Refresh(const ServingModel& model, std::int64_t as_of) {
  std::unordered_set<std::string> changed;
  bool tracking = false;
  {
    const std::lock_guard lock(changed_mutex_);
    tracking = tracking_;
    changed.swap(changed_);
  }
  // Tracking stopped when too many customers changed; Rebuild takes the lock itself.
  if (!tracking) return Rebuild(model, as_of);
  if (changed.empty()) return;

  std::vector<std::pair<std::string, HistoryRow>> rows;
  std::vector<std::string> still_changed;  // with purchases after `as_of`, for a later reader
  for (const std::string& customer_id : changed) {
    const std::optional<std::vector<Purchase>> purchases = book_.PurchasesOf(customer_id);
    if (!purchases || purchases->empty()) continue;
    if (purchases->back().timestamp > as_of) still_changed.push_back(customer_id);
    if (auto row = SummarizeHistory(*purchases, as_of, scale_))
      rows.emplace_back(customer_id, *row);
  }
  Portfolio portfolio = MakePortfolio(std::move(rows), unit_);
  std::vector<CustomerScore> scores = ScorePortfolio(portfolio, model, options_);
  for (std::size_t row = 0; row < scores.size(); ++row) {
    std::string& customer_id = portfolio.summary.customer_ids[row];
    const auto [found, created] = position_.try_emplace(customer_id, customers_.size());
    if (created) {
      customers_.push_back({std::move(customer_id), std::move(scores[row])});
    } else {
      customers_[found->second].score = std::move(scores[row]);
    }
  }
  if (!still_changed.empty()) {
    const std::lock_guard lock(changed_mutex_);
    if (tracking_) changed_.insert(still_changed.begin(), still_changed.end());
  }
}

void ScoreIndex::Read(const ServingModel& model, std::int64_t as_of,
                      const std::function<void(const std::vector<ScoredCustomer>&)>& read) {
  const std::lock_guard lock(read_mutex_);
  const std::optional<std::int64_t> latest = book_.LatestTimestamp();
  if (latest && as_of < *latest) return read(ScoreAll(model, as_of));
  const bool current =
      built_ && model_version_ == model.version && period_ == scale_.PeriodOf(as_of);
  current ? Refresh(model, as_of) : Rebuild(model, as_of);
  read(customers_);
}

}  // namespace clv::detail
