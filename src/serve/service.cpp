// SPDX-License-Identifier: MIT
#include "serve/service.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
#include "serve/segment_totals.h"

namespace clv::detail {
namespace {

using nlohmann::json;

std::int64_t NowSeconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
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

// Ties keep id order, so equal answers always come in the same order.
bool Precedes(const ScoredCustomer& left, const ScoredCustomer& right, double left_key,
              double right_key, bool descending) {
  if (left_key != right_key) return descending ? left_key > right_key : left_key < right_key;
  return left.customer_id < right.customer_id;
}

double SortKey(const CustomerScore& score, CustomerListQuery::SortKey key) {
  return key == CustomerListQuery::SortKey::kPAlive ? score.p_alive : score.value;
}

// Index into `names` of `name`; throws InputError listing the names otherwise.
template <typename Names>
int NameIndex(const Names& names, const std::string& name, const char* what) {
  const auto found = std::find(std::begin(names), std::end(names), name);
  if (found != std::end(names)) return static_cast<int>(found - std::begin(names));
  throw InputError(fmt::format("{} must be one of {}, got {}", what, fmt::join(names, ", "),
                               QuoteForMessage(name)));
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
      store_(options.database_path),
      index_(book_, scale_, options.unit, scoring_),
      state_writer_(store_, book_) {
  RebuildBook();
  state_writer_.RepairIfBehind();
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
    state_writer_.Stop();
    state_writer_.Flush();
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
  std::vector<Event> stored;
  stored.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!inserted[i]) {
      result.duplicate_indices.push_back(i);
      continue;
    }
    book_.Add(events[i]);
    stored.push_back(events[i]);
    ++result.accepted;
  }
  // After the book has them, so a reader that takes the mark sees the events.
  index_.MarkChanged(stored);
  state_writer_.MarkChanged(stored);
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

AnswerContext Service::ContextAt(std::int64_t as_of) const {
  return {.as_of = FormatIsoTime(as_of),
          .unit = std::string(ToString(options_.unit)),
          .horizon = scoring_.horizon};
}

std::optional<json> Service::Customer(const std::string& customer_id, std::int64_t as_of) const {
  const std::optional<std::vector<Purchase>> purchases = book_.PurchasesOf(customer_id);
  if (!purchases) return std::nullopt;
  const std::optional<HistoryRow> row = SummarizeHistory(*purchases, as_of, scale_);
  if (!row) return std::nullopt;
  const std::shared_ptr<const ServingModel> model = model_slot_.Current();
  if (!model) return CustomerScoreJson(customer_id, {.row = *row}, nullptr, ContextAt(as_of));
  const Portfolio portfolio = MakePortfolio({{customer_id, *row}}, options_.unit);
  const std::vector<CustomerScore> scores = ScorePortfolio(portfolio, *model, scoring_);
  return CustomerScoreJson(customer_id, scores.front(), model.get(), ContextAt(as_of));
}

std::optional<json> Service::ListCustomers(const CustomerListQuery& query) {
  const std::shared_ptr<const ServingModel> model = model_slot_.Current();
  if (!model) return std::nullopt;
  const int segment =
      query.segment.empty() ? -1 : NameIndex(model->rfm_rules.names(), query.segment, "segment");
  const int tier =
      query.value_tier.empty() ? -1 : NameIndex(kValueTierNames, query.value_tier, "value_tier");
  const AnswerContext context = ContextAt(query.as_of);

  json customers = json::array();
  index_.Read(*model, query.as_of, [&](const std::vector<ScoredCustomer>& scored) {
    std::vector<const ScoredCustomer*> rows;
    for (const ScoredCustomer& customer : scored) {
      const CustomerScore& score = customer.score;
      if (!std::isfinite(SortKey(score, query.sort))) continue;
      if (segment >= 0 && score.segment != segment) continue;
      if (tier >= 0 && score.value_tier != tier) continue;
      rows.push_back(&customer);
    }
    const std::size_t count = std::min(rows.size(), query.limit);
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(count), rows.end(),
                      [&](const ScoredCustomer* left, const ScoredCustomer* right) {
                        return Precedes(*left, *right, SortKey(left->score, query.sort),
                                        SortKey(right->score, query.sort), query.descending);
                      });
    for (std::size_t k = 0; k < count; ++k) {
      customers.push_back(
          CustomerScoreJson(rows[k]->customer_id, rows[k]->score, model.get(), context));
    }
  });
  return json{{"as_of", context.as_of},
              {"model_version", model->version},
              {"customers", std::move(customers)}};
}

std::optional<json> Service::Segments(std::int64_t as_of) {
  const std::shared_ptr<const ServingModel> model = model_slot_.Current();
  if (!model) return std::nullopt;
  json body = {{"as_of", FormatIsoTime(as_of)}, {"model_version", model->version}};
  index_.Read(*model, as_of, [&](const std::vector<ScoredCustomer>& scored) {
    body.update(SegmentTotalsJson(scored, *model));
  });
  return body;
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
    const SegmentCutoffs segments =
        FitSegmentCutoffs(portfolio.summary, ScoreSummary(portfolio.summary, *candidate, scoring_));

    StoredModel stored = ToStoredModel(fitted, segments, NowSeconds());
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
