// SPDX-License-Identifier: MIT
// The counters behind GET /metrics, written in the Prometheus text exposition format (0.0.4):
// requests and latency per route, events ingested and duplicates, refits and their duration.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace clv::detail {

class ServiceMetrics {
 public:
  /// Records one answered request. `route` is the route pattern, never the raw path, so the
  /// number of series stays bounded whatever clients send.
  void RecordRequest(const std::string& route, int status, double seconds);
  void RecordEvents(std::int64_t inserted, std::int64_t duplicates);
  void RecordRefit(bool succeeded, double seconds);

  /// The exposition text; `customers` and `model_version` are gauges read by the caller.
  std::string Render(std::int64_t customers, std::int64_t model_version) const;

 private:
  static constexpr std::array<double, 12> kLatencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                          0.05,   0.1,   0.25,   0.5,   1,    2.5};
  struct Latency {
    std::array<std::int64_t, kLatencyBuckets.size()> buckets{};  // non-cumulative
    std::int64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::int64_t> requests_;
  std::map<std::string, Latency> latency_;
  std::atomic<std::int64_t> events_ingested_{0};
  std::atomic<std::int64_t> events_duplicate_{0};
  std::int64_t refits_succeeded_ = 0;
  std::int64_t refits_failed_ = 0;
  double refit_seconds_sum_ = 0;
  double last_refit_seconds_ = 0;
};

}  // namespace clv::detail
