// SPDX-License-Identifier: MIT
#include "serve/service_metrics.h"

#include <fmt/format.h>

#include <iterator>

namespace clv::detail {

void ServiceMetrics::RecordRequest(const std::string& route, int status, double seconds) {
  const std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Latency& latency = latency_[route];
  ++latency.count;
  latency.sum += seconds;
  for (std::size_t k = 0; k < kLatencyBuckets.size(); ++k) {
    if (seconds <= kLatencyBuckets[k]) {
      ++latency.buckets[k];
      break;
    }
  }
}

void ServiceMetrics::RecordEvents(std::int64_t inserted, std::int64_t duplicates) {
  events_ingested_ += inserted;
  events_duplicate_ += duplicates;
}

void ServiceMetrics::RecordRefit(bool succeeded, double seconds) {
  const std::lock_guard lock(mutex_);
  ++(succeeded ? refits_succeeded_ : refits_failed_);
  refit_seconds_sum_ += seconds;
  last_refit_seconds_ = seconds;
}

std::string ServiceMetrics::Render(std::int64_t customers, std::int64_t model_version) const {
  const std::lock_guard lock(mutex_);
  std::string out;
  auto line = std::back_inserter(out);
  fmt::format_to(line,
                 "# HELP clv_http_requests_total HTTP requests answered.\n"
                 "# TYPE clv_http_requests_total counter\n");
  for (const auto& [key, count] : requests_) {
    fmt::format_to(line, "clv_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first,
                   key.second, count);
  }
  fmt::format_to(line,
                 "# HELP clv_http_request_duration_seconds Time to answer a request.\n"
                 "# TYPE clv_http_request_duration_seconds histogram\n");
  for (const auto& [route, latency] : latency_) {
    std::int64_t cumulative = 0;
    for (std::size_t k = 0; k < kLatencyBuckets.size(); ++k) {
      cumulative += latency.buckets[k];
      fmt::format_to(line,
                     "clv_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                     route, kLatencyBuckets[k], cumulative);
    }
    fmt::format_to(line,
                   "clv_http_request_duration_seconds_bucket{{route=\"{0}\",le=\"+Inf\"}} {1}\n"
                   "clv_http_request_duration_seconds_sum{{route=\"{0}\"}} {2}\n"
                   "clv_http_request_duration_seconds_count{{route=\"{0}\"}} {1}\n",
                   route, latency.count, latency.sum);
  }
  fmt::format_to(
      line,
      "# HELP clv_events_ingested_total Events stored.\n"
      "# TYPE clv_events_ingested_total counter\n"
      "clv_events_ingested_total {}\n"
      "# HELP clv_events_duplicate_total Events whose transaction id was stored before.\n"
      "# TYPE clv_events_duplicate_total counter\n"
      "clv_events_duplicate_total {}\n",
      events_ingested_.load(), events_duplicate_.load());
  fmt::format_to(line,
                 "# HELP clv_refits_total Model refits by result.\n"
                 "# TYPE clv_refits_total counter\n"
                 "clv_refits_total{{result=\"succeeded\"}} {}\n"
                 "clv_refits_total{{result=\"failed\"}} {}\n"
                 "# HELP clv_refit_duration_seconds_sum Time spent refitting.\n"
                 "# TYPE clv_refit_duration_seconds_sum counter\n"
                 "clv_refit_duration_seconds_sum {}\n"
                 "# HELP clv_last_refit_duration_seconds Duration of the latest refit.\n"
                 "# TYPE clv_last_refit_duration_seconds gauge\n"
                 "clv_last_refit_duration_seconds {}\n",
                 refits_succeeded_, refits_failed_, refit_seconds_sum_, last_refit_seconds_);
  fmt::format_to(line,
                 "# HELP clv_customers Customers in the store.\n"
                 "# TYPE clv_customers gauge\n"
                 "clv_customers {}\n"
                 "# HELP clv_model_version Version of the model in use (0: none).\n"
                 "# TYPE clv_model_version gauge\n"
                 "clv_model_version {}\n",
                 customers, model_version);
  return out;
}

}  // namespace clv::detail
