// SPDX-License-Identifier: MIT
#include "serve/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <numeric>

#include "clv/error.h"
#include "common/log.h"
#include "ingest/civil_time.h"
#include "ingest/date_parser.h"
#include "serve/customer_history.h"

namespace clv::detail {
namespace {

using nlohmann::json;

std::int64_t NowSeconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

// A non-finite value (a status says why) is written as null, so no NaN reaches a client.
json FiniteOrNull(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

ScoringOptions MakeScoringOptions(const ServeOptions& options) {
  ScoringOptions scoring;
  scoring.horizon = options.horizon > 0 ? options.horizon : UnitsPerMonth(options.unit) * 12;
  scoring.clv_months = options.clv_months;
  scoring.monthly_discount_rate = options.monthly_discount_rate;
  return scoring;
}

SummaryTable SingleRowSummary(const std::string& customer_id, const HistoryRow& row,
                              TimeUnit unit) {
  SummaryTable summary;
  summary.unit = unit;
  summary.customer_ids = {customer_id};
  summary.frequency = {row.frequency};
  summary.recency = {row.recency};
  summary.age = {row.age};
  summary.monetary_value = {row.monetary_value};
  return summary;
}

}  // namespace

std::string FormatIsoTime(std::int64_t seconds) {
  const std::int64_t day = FloorDivide(seconds, kSecondsPerDay);
  const std::int64_t second_of_day = seconds - day * kSecondsPerDay;
  const CivilDate date = CivilFromDays(day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day,
                     second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
}

bool ParseAsOf(std::string_view text, std::int64_t* seconds) {
  ParsedTimestamp parsed;
  if (!ParseTimestampAuto(text, &parsed)) return false;
  *seconds = parsed.has_time ? parsed.seconds : parsed.seconds + kSecondsPerDay - 1;
  return true;
}

Service::Service(const ServeOptions& options)
    : options_(options),
      scoring_(MakeScoringOptions(options)),
      scale_(options.unit, DurationMode::kFloored),
      model_choice_(ParseModelChoice(options.model)),
      store_(options.database_path) {
  RebuildBook();
  LoadLatestModel();
  refit_worker_ = std::thread([this] { RefitLoop(); });
  if (!model_slot_.Current() && book_.NumCustomers() > 0) RequestRefit();
}

Service::~Service() {
  {
    const std::lock_guard lock(refit_mutex_);
    stopping_ = true;
  }
  refit_wakeup_.notify_all();
  refit_worker_.join();
  try {
    store_.Checkpoint();
  } catch (const Error& error) {
    Log().error("checkpoint on shutdown failed: {}", error.what());
  }
}

void Service::RebuildBook() {
  const auto start = std::chrono::steady_clock::now();
  store_.ForEachEvent([this](const Event& event) { book_.Add(event); });
  Log().info("event=state_rebuilt customers={} events={} seconds={:.3f}", book_.NumCustomers(),
             book_.NumPurchases(), Seconds(start));
}

void Service::LoadLatestModel() {
  const std::optional<StoredModel> stored = store_.LatestModel();
  if (!stored) return;
  model_slot_.Replace(LoadServingModel(*stored));
  Log().info("event=model_loaded version={} model={}", stored->version,
             ToString(model_slot_.Current()->purchase.model));
}

IngestResult Service::Ingest(const std::vector<Event>& events) {
  const std::vector<bool> inserted = store_.Insert(events);
  IngestResult result;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!inserted[i]) {
      result.duplicate_indices.push_back(i);
      continue;
    }
    book_.Add(events[i]);
    ++result.accepted;
  }
  metrics_.RecordEvents(result.accepted,
                        static_cast<std::int64_t>(result.duplicate_indices.size()));
  NoteNewEvents(result.accepted);
  return result;
}

void Service::NoteNewEvents(std::int64_t count) {
  if (options_.refit_every_events <= 0 || count == 0) return;
  bool due = false;
  {
    const std::lock_guard lock(refit_mutex_);
    events_since_refit_ += count;
    due = events_since_refit_ >= options_.refit_every_events;
  }
  if (due) RequestRefit();
}

json Service::CustomerJson(const std::string& customer_id, const HistoryRow& row,
                           const ServingModel* model, const PredictionTable* scores,
                           std::size_t score_row, std::int64_t as_of) const {
  json body = {{"customer_id", customer_id},
               {"as_of", FormatIsoTime(as_of)},
               {"unit", ToString(options_.unit)},
               {"frequency", row.frequency},
               {"recency", row.recency},
               {"T", row.age},
               {"monetary_value", row.monetary_value},
               {"transactions", row.transactions},
               {"horizon", scoring_.horizon}};
  if (model == nullptr || scores == nullptr) {
    for (const char* key : {"expected_purchases", "p_alive", "expected_spend", "clv", "value_tier",
                            "model_version"}) {
      body[key] = nullptr;
    }
    body["status"] = "no_model";
    return body;
  }
  body["expected_purchases"] = FiniteOrNull(scores->expected_purchases[score_row]);
  body["p_alive"] = FiniteOrNull(scores->p_alive[score_row]);
  body["expected_spend"] =
      scores->has_spend ? FiniteOrNull(scores->expected_spend[score_row]) : json(nullptr);
  body["clv"] = scores->has_spend ? FiniteOrNull(scores->clv[score_row]) : json(nullptr);
  const double tier_value = TierValue(*scores, score_row);
  body["value_tier"] =
      std::isfinite(tier_value) ? json(model->tiers.TierOf(tier_value)) : json(nullptr);
  body["model_version"] = model->version;
  body["status"] = scores->StatusText(score_row);
  return body;
}

std::optional<json> Service::Customer(const std::string& customer_id, std::int64_t as_of) const {
  const std::optional<std::vector<Purchase>> purchases = book_.PurchasesOf(customer_id);
  if (!purchases) return std::nullopt;
  const std::optional<HistoryRow> row = SummarizeHistory(*purchases, as_of, scale_);
  if (!row) return std::nullopt;
  const std::shared_ptr<const ServingModel> model = model_slot_.Current();
  if (!model) return CustomerJson(customer_id, *row, nullptr, nullptr, 0, as_of);
  const PredictionTable scores =
      ScoreSummary(SingleRowSummary(customer_id, *row, options_.unit), *model, scoring_);
  return CustomerJson(customer_id, *row, model.get(), &scores, 0, as_of);
}

std::optional<json> Service::ListCustomers(const CustomerListQuery& query) const {
  const std::shared_ptr<const ServingModel> model = model_slot_.Current();
  if (!model) return std::nullopt;
  const Portfolio portfolio = SummarizeBook(book_, query.as_of, scale_, options_.unit);
  const PredictionTable scores = ScoreSummary(portfolio.summary, *model, scoring_);

  const std::vector<double>& key =
      query.sort == CustomerListQuery::SortKey::kPAlive
          ? scores.p_alive
          : (scores.has_spend ? scores.clv : scores.expected_purchases);
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < portfolio.summary.size(); ++row) {
    if (!std::isfinite(key[row])) continue;
    if (!query.tier.empty() && model->tiers.TierOf(TierValue(scores, row)) != query.tier) continue;
    rows.push_back(row);
  }
  // Ties keep the id order of the portfolio, so equal answers come in the same order.
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t left, std::size_t right) {
    return query.descending ? key[left] > key[right] : key[left] < key[right];
  });
  rows.resize(std::min(rows.size(), query.limit));

  json customers = json::array();
  for (const std::size_t row : rows) {
    const HistoryRow history{portfolio.summary.frequency[row], portfolio.summary.recency[row],
                             portfolio.summary.age[row], portfolio.summary.monetary_value[row],
                             portfolio.transactions[row]};
    customers.push_back(CustomerJson(portfolio.summary.customer_ids[row], history, model.get(),
                                     &scores, row, query.as_of));
  }
  return json{{"as_of", FormatIsoTime(query.as_of)},
              {"model_version", model->version},
              {"customers", std::move(customers)}};
}

std::optional<json> Service::Segments(std::int64_t as_of) const {
  const std::shared_ptr<const ServingModel> model = model_slot_.Current();
  if (!model) return std::nullopt;
  const Portfolio portfolio = SummarizeBook(book_, as_of, scale_, options_.unit);
  const PredictionTable scores = ScoreSummary(portfolio.summary, *model, scoring_);
  struct Totals {
    std::int64_t customers = 0;
    double clv = 0;
    double p_alive = 0;
  };
  std::map<std::string, Totals> tiers;
  for (const char* name : {"top", "high", "medium", "low"})
    tiers[name] = {};
  for (std::size_t row = 0; row < scores.size(); ++row) {
    const double value = TierValue(scores, row);
    if (!std::isfinite(value) || !std::isfinite(scores.p_alive[row])) continue;
    Totals& totals = tiers[std::string(model->tiers.TierOf(value))];
    ++totals.customers;
    if (scores.has_spend) totals.clv += scores.clv[row];
    totals.p_alive += scores.p_alive[row];
  }
  json segments = json::array();
  for (const char* name : {"top", "high", "medium", "low"}) {
    const Totals& totals = tiers[name];
    const double mean_p_alive =
        totals.customers > 0 ? totals.p_alive / static_cast<double>(totals.customers) : 0.0;
    segments.push_back({{"segment", name},
                        {"customers", totals.customers},
                        {"total_clv", scores.has_spend ? json(totals.clv) : json(nullptr)},
                        {"mean_p_alive", mean_p_alive}});
  }
  return json{{"as_of", FormatIsoTime(as_of)},
              {"model_version", model->version},
              {"segments", std::move(segments)}};
}

bool Service::RequestRefit() {
  {
    const std::lock_guard lock(refit_mutex_);
    if (refit_requested_ || refit_running_) return false;
    refit_requested_ = true;
  }
  refit_wakeup_.notify_all();
  return true;
}

void Service::RefitLoop() {
  const auto interval = std::chrono::duration<double>(options_.refit_interval_seconds);
  auto next_timed_refit = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval);
  std::unique_lock lock(refit_mutex_);
  while (!stopping_) {
    const bool timed = options_.refit_interval_seconds > 0;
    if (timed) {
      refit_wakeup_.wait_until(lock, next_timed_refit,
                               [this] { return stopping_ || refit_requested_; });
    } else {
      refit_wakeup_.wait(lock, [this] { return stopping_ || refit_requested_; });
    }
    if (stopping_) break;
    const bool due =
        refit_requested_ || (timed && std::chrono::steady_clock::now() >= next_timed_refit);
    if (!due) continue;
    refit_requested_ = false;
    refit_running_ = true;
    lock.unlock();
    RefitNow();
    lock.lock();
    refit_running_ = false;
    next_timed_refit = std::chrono::steady_clock::now() +
                       std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval);
  }
}

bool Service::RefitNow() {
  const std::lock_guard fit_lock(fit_mutex_);
  const auto start = std::chrono::steady_clock::now();
  {
    const std::lock_guard lock(refit_mutex_);
    events_since_refit_ = 0;
  }
  // The fit observes the book up to its latest purchase, as `clv summary` does by default.
  const std::optional<std::int64_t> latest = book_.LatestTimestamp();
  try {
    if (!latest) throw InputError("no events stored yet");
    const Portfolio portfolio = SummarizeBook(book_, *latest, scale_, options_.unit);
    const FittedModels fitted = FitServingModels(portfolio.summary, model_choice_);
    if (!fitted.failure.empty()) throw InputError(fitted.failure);

    auto candidate = std::make_shared<ServingModel>();
    candidate->purchase = fitted.purchase;
    candidate->spend = fitted.spend;
    candidate->kernel = MakePurchaseModel(fitted.purchase.model);
    const ValueTiers tiers =
        ComputeValueTiers(ScoreSummary(portfolio.summary, *candidate, scoring_));

    StoredModel stored = ToStoredModel(fitted, tiers, NowSeconds());
    stored.version = store_.SaveModel(stored);
    model_slot_.Replace(LoadServingModel(stored));
    metrics_.RecordRefit(true, Seconds(start));
    Log().info("event=refit_done version={} model={} customers={} seconds={:.3f}", stored.version,
               ToString(fitted.purchase.model), portfolio.summary.size(), Seconds(start));
    return true;
  } catch (const Error& error) {
    metrics_.RecordRefit(false, Seconds(start));
    Log().warn("event=refit_failed reason=\"{}\"", error.what());
    return false;
  }
}

}  // namespace clv::detail
