// SPDX-License-Identifier: MIT
// clv::Server: the Service behind an httplib server, plus option checks and log import.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <mutex>
#include <tuple>

#include "clv/error.h"
#include "clv/serve.h"
#include "common/log.h"
#include "serve/event_batch.h"
#include "serve/http_routes.h"
#include "serve/service.h"
#include "serve/utf8.h"

namespace clv {
namespace {

constexpr std::size_t kImportBatch = 10'000;

// The id rules of POST /v1/events (serve/event_batch.h), for ids read from a log.
void CheckImportedId(std::string_view id, const char* what) {
  if (id.size() > detail::kMaxIdBytes) {
    throw InputError(
        fmt::format("{} longer than {} bytes: {}", what, detail::kMaxIdBytes, QuoteForMessage(id)));
  }
  if (!detail::IsValidUtf8(id)) {
    throw InputError(fmt::format("{} is not UTF-8: {}", what, QuoteForMessage(id)));
  }
}

// Collects the rows of a log as events; Consume runs on several threads at once.
class EventCollector : public TransactionSink {
 public:
  void Consume(const TransactionBatch& batch) override {
    std::vector<detail::Event> events(batch.size());
    for (std::size_t row = 0; row < batch.size(); ++row) {
      CheckImportedId(batch.customer_ids[row], "customer id");
      events[row].customer_id.assign(batch.customer_ids[row]);
      events[row].timestamp = batch.timestamps[row];
      events[row].amount = batch.amounts[row];
      if (!batch.transaction_ids.empty()) {
        CheckImportedId(batch.transaction_ids[row], "transaction id");
        events[row].transaction_id.assign(batch.transaction_ids[row]);
      }
    }
    const std::lock_guard lock(mutex_);
    std::move(events.begin(), events.end(), std::back_inserter(events_));
  }

  std::vector<detail::Event> Take() { return std::move(events_); }

 private:
  std::mutex mutex_;
  std::vector<detail::Event> events_;
};

// Rows without a transaction id get "customer|time|amount|k", k counting equal rows, so the ids
// do not depend on the order in which the parallel reader delivered the rows.
void DeriveTransactionIds(std::vector<detail::Event>& events) {
  auto key = [](const detail::Event& event) {
    return std::tie(event.customer_id, event.timestamp, event.amount);
  };
  std::sort(events.begin(), events.end(),
            [&](const auto& left, const auto& right) { return key(left) < key(right); });
  std::size_t occurrence = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    occurrence = i > 0 && key(events[i]) == key(events[i - 1]) ? occurrence + 1 : 0;
    detail::Event& event = events[i];
    event.transaction_id =
        fmt::format("{}|{}|{}|{}", event.customer_id, event.timestamp, event.amount, occurrence);
  }
}

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) return false;
  return (ntohl(address.s_addr) >> 24) == 127;
}

bool ServeOptions::Validate(std::string* why) const {
  auto fail = [why](std::string message) {
    if (why != nullptr) *why = std::move(message);
    return false;
  };
  if (database_path.empty()) return fail("--db is required");
  if (listen_port < 0 || listen_port > 65535) {
    return fail(fmt::format("the listen port must be in 0..65535, got {}", listen_port));
  }
  if (token.empty() && !IsLoopbackHost(listen_host)) {
    return fail(fmt::format("listening on {} (not loopback) requires --token-file", listen_host));
  }
  if (refit_every_events < 0) return fail("--refit-every must be >= 0");
  if (!(refit_interval_seconds >= 0)) return fail("--refit-interval must be >= 0");
  if (clv_months < 0) return fail(fmt::format("clv_months must be >= 0, got {}", clv_months));
  if (!(monthly_discount_rate >= 0)) return fail("the monthly discount rate must be >= 0");
  if (max_body_bytes < 1) return fail("the body limit must be >= 1 byte");
  if (!(read_timeout_seconds > 0) || !(write_timeout_seconds > 0)) {
    return fail("timeouts must be > 0 seconds");
  }
  if (http_threads < 1) return fail(fmt::format("http threads must be >= 1, got {}", http_threads));
  return true;
}

class Server::Impl {
 public:
  explicit Impl(const ServeOptions& options) : options_(options), service_(options) {
    detail::InstallRoutes(http_, service_, options_);
  }

  ServeOptions options_;
  detail::Service service_;
  httplib::Server http_;
  int port_ = 0;
};

namespace {

const ServeOptions& Validated(const ServeOptions& options) {
  std::string why;
  if (!options.Validate(&why)) throw InputError(why);
  return options;
}

}  // namespace

Server::Server(const ServeOptions& options) : impl_(std::make_unique<Impl>(Validated(options))) {}

Server::~Server() = default;

ImportSummary Server::Import(const IngestOptions& log) {
  EventCollector collector;
  const IngestReport report = ReadTransactions(log, collector);
  std::vector<detail::Event> events = collector.Take();
  if (log.transaction_id_column.empty()) DeriveTransactionIds(events);

  ImportSummary summary;
  summary.rows = static_cast<std::int64_t>(events.size());
  for (std::size_t begin = 0; begin < events.size(); begin += kImportBatch) {
    const std::size_t end = std::min(events.size(), begin + kImportBatch);
    const std::vector<detail::Event> batch(events.begin() + static_cast<std::ptrdiff_t>(begin),
                                           events.begin() + static_cast<std::ptrdiff_t>(end));
    const detail::IngestResult result = impl_->service_.Ingest(batch);
    summary.inserted += result.accepted;
    summary.duplicates += static_cast<std::int64_t>(result.duplicate_indices.size());
  }
  detail::Log().info("event=import rows={} inserted={} duplicates={} skipped={}", summary.rows,
                     summary.inserted, summary.duplicates, report.rows_skipped);
  if (summary.inserted > 0 && !impl_->service_.model()) impl_->service_.RequestRefit();
  return summary;
}

int Server::Bind() {
  Impl& impl = *impl_;
  if (impl.options_.listen_port == 0) {
    impl.port_ = impl.http_.bind_to_any_port(impl.options_.listen_host);
  } else if (impl.http_.bind_to_port(impl.options_.listen_host, impl.options_.listen_port)) {
    impl.port_ = impl.options_.listen_port;
  } else {
    impl.port_ = -1;
  }
  if (impl.port_ <= 0) {
    throw Error(fmt::format("cannot listen on {}:{}", impl.options_.listen_host,
                            impl.options_.listen_port));
  }
  detail::Log().info("event=listening host={} port={}", impl.options_.listen_host, impl.port_);
  return impl.port_;
}

void Server::Run() {
  impl_->http_.listen_after_bind();
  detail::Log().info("event=stopped");
}

void Server::Stop() {
  impl_->http_.stop();
}

int Server::port() const {
  return impl_->port_;
}

}  // namespace clv
