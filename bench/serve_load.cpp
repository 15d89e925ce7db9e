// SPDX-License-Identifier: MIT
// Load for `clv serve`: ingest clients post batches of events as fast as the server acknowledges
// them while readers ask GET /v1/customers/{id} at a fixed total rate, for a fixed time.
// Prints durable ingest throughput (events acknowledged per second) and the read latency
// percentiles as JSON on stdout. Read latency is measured from each request's scheduled start,
// so a stalled server shows up in the figures instead of slowing the schedule down.
//
//   serve_load --port 8077 --customers 1000000 --seconds 20 --read-rate 2000
//
// Only for loopback benchmarks: every option has a bound, and the run ends after --seconds.
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct LoadOptions {
  std::string host = "127.0.0.1";
  int port = 8077;
  std::string token;
  std::int64_t customers = 1'000'000;  // ids C000000001 .. C<customers>, as `clv generate`
  int batch = 1000;
  int ingest_clients = 2;
  double ingest_rate = 0;   // events per second, all clients together; 0: as fast as acknowledged
  double read_rate = 2000;  // reads per second, all readers together
  int readers = 4;
  double seconds = 20;
  std::uint64_t seed = 1;
};

[[noreturn]] void Usage(const std::string& problem) {
  std::fprintf(stderr,
               "serve_load: %s\n"
               "usage: serve_load [--host H] [--port P] [--token T] [--customers N] [--batch N]\n"
               "                  [--ingest-clients N] [--ingest-rate E] [--read-rate R]\n"
               "                  [--readers N]\n"
               "                  [--seconds S] [--seed N]\n",
               problem.c_str());
  std::exit(2);
}

LoadOptions ParseOptions(int argc, char** argv) {
  LoadOptions options;
  using Setter = std::function<void(const std::string&)>;
  const std::map<std::string, Setter> setters = {
      {"--host", [&](const std::string& text) { options.host = text; }},
      {"--port", [&](const std::string& text) { options.port = std::stoi(text); }},
      {"--token", [&](const std::string& text) { options.token = text; }},
      {"--customers", [&](const std::string& text) { options.customers = std::stoll(text); }},
      {"--batch", [&](const std::string& text) { options.batch = std::stoi(text); }},
      {"--ingest-clients",
       [&](const std::string& text) { options.ingest_clients = std::stoi(text); }},
      {"--ingest-rate", [&](const std::string& text) { options.ingest_rate = std::stod(text); }},
      {"--read-rate", [&](const std::string& text) { options.read_rate = std::stod(text); }},
      {"--readers", [&](const std::string& text) { options.readers = std::stoi(text); }},
      {"--seconds", [&](const std::string& text) { options.seconds = std::stod(text); }},
      {"--seed", [&](const std::string& text) { options.seed = std::stoull(text); }},
  };
  for (int i = 1; i < argc; i += 2) {
    const auto setter = setters.find(argv[i]);
    if (setter == setters.end()) Usage(std::string("unknown option ") + argv[i]);
    if (i + 1 >= argc) Usage(std::string(argv[i]) + " needs a value");
    try {
      setter->second(argv[i + 1]);
    } catch (const std::exception&) {
      Usage(std::string(argv[i]) + " needs a number, got " + argv[i + 1]);
    }
  }
  if (options.customers < 1 || options.batch < 1 || options.batch > 100'000 ||
      options.ingest_clients < 0 || options.ingest_clients > 16 || options.readers < 1 ||
      options.readers > 64 || !(options.read_rate >= 0 && options.read_rate <= 100'000) ||
      !(options.ingest_rate >= 0) || !(options.seconds > 0 && options.seconds <= 600)) {
    Usage(
        "an option is out of range (batch 1..100000, clients 0..16, readers 1..64, "
        "read rate 0..100000, seconds (0, 600])");
  }
  return options;
}

httplib::Client MakeClient(const LoadOptions& options) {
  httplib::Client client(options.host, options.port);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);  // else Nagle's algorithm waits for delayed ACKs (~40 ms)
  client.set_read_timeout(30, 0);
  if (!options.token.empty()) client.set_bearer_token_auth(options.token);
  return client;
}

std::string CustomerId(std::int64_t number) {
  return fmt::format("C{:09}", number);
}

double Percentile(std::vector<double>& values, double share) {
  if (values.empty()) return 0;
  const auto rank = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank),
                   values.end());
  return values[rank];
}

struct IngestTotals {
  std::atomic<std::int64_t> accepted{0};
  std::atomic<std::int64_t> batches{0};
  std::atomic<std::int64_t> failed{0};
  std::mutex mutex;
  std::vector<double> batch_seconds;
};

// One batch of purchases by random existing customers, dated within the last 30 days so they
// land before any read's as_of, with transaction ids unique to this run, client and batch.
std::string MakeBatch(const LoadOptions& options, std::mt19937_64& random, int client,
                      std::int64_t sequence, std::int64_t now) {
  std::uniform_int_distribution<std::int64_t> customer(1, options.customers);
  std::uniform_int_distribution<std::int64_t> age(0, 30 * 86400);
  std::uniform_int_distribution<int> cents(100, 20000);
  std::string body = "[";
  for (int k = 0; k < options.batch; ++k) {
    fmt::format_to(std::back_inserter(body),
                   "{}{{\"transaction_id\":\"load-{}-{}-{}-{}\",\"customer_id\":\"{}\","
                   "\"timestamp\":{},\"amount\":{}.{:02}}}",
                   k == 0 ? "" : ",", options.seed, client, sequence, k,
                   CustomerId(customer(random)), now - age(random), cents(random) / 100,
                   cents(random) % 100);
  }
  body += "]";
  return body;
}

void RunIngest(const LoadOptions& options, int client_index, Clock::time_point end,
               IngestTotals& totals) {
  httplib::Client client = MakeClient(options);
  std::mt19937_64 random(options.seed * 1000 + static_cast<std::uint64_t>(client_index));
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  std::vector<double> seconds;
  // With a rate, client k sends its batches on a fixed schedule (its share of the rate); a
  // batch that falls behind goes at once, so a slow server shows as a lower rate, not a wait.
  const double batches_per_second =
      options.ingest_rate / options.batch / std::max(1, options.ingest_clients);
  const auto schedule_start = Clock::now();
  for (std::int64_t sequence = 0; Clock::now() < end; ++sequence) {
    if (batches_per_second > 0) {
      std::this_thread::sleep_until(
          schedule_start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(sequence / batches_per_second)));
      if (Clock::now() >= end) break;
    }
    const std::string body = MakeBatch(options, random, client_index, sequence, now);
    const auto start = Clock::now();
    const auto result = client.Post("/v1/events", body, "application/json");
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    if (!result || result->status != 200) {
      ++totals.failed;
      continue;
    }
    // Only what the server acknowledged counts: the reply comes after the commit.
    const std::size_t at = result->body.find("\"accepted\":");
    totals.accepted += at == std::string::npos ? 0 : std::atoll(result->body.c_str() + at + 11);
    ++totals.batches;
  }
  const std::lock_guard lock(totals.mutex);
  totals.batch_seconds.insert(totals.batch_seconds.end(), seconds.begin(), seconds.end());
}

struct ReadTotals {
  std::atomic<std::int64_t> failed{0};
  std::atomic<std::int64_t> not_sent{0};
  std::mutex mutex;
  std::vector<double> latency_seconds;  // from the scheduled start
  std::vector<double> service_seconds;  // from the actual send
};

// Reader `index` of `readers` sends requests index, index + readers, ... of a schedule of
// evenly spaced requests at the total rate.
void RunReader(const LoadOptions& options, int index, Clock::time_point begin,
               Clock::time_point end, ReadTotals& totals) {
  httplib::Client client = MakeClient(options);
  std::mt19937_64 random(options.seed * 7919 + static_cast<std::uint64_t>(index));
  std::uniform_int_distribution<std::int64_t> customer(1, options.customers);
  const std::chrono::duration<double> spacing(1.0 / options.read_rate);
  std::vector<double> latency, service;
  for (std::int64_t k = index;; k += options.readers) {
    const auto scheduled =
        begin + std::chrono::duration_cast<Clock::duration>(spacing * static_cast<double>(k));
    // A server that falls behind ends the run on time; requests not sent are counted.
    if (scheduled >= end || Clock::now() >= end) {
      const auto left = static_cast<std::int64_t>((end - scheduled) / spacing);
      if (scheduled < end) totals.not_sent += left / options.readers + 1;
      break;
    }
    std::this_thread::sleep_until(scheduled);
    const auto sent = Clock::now();
    const auto result = client.Get("/v1/customers/" + CustomerId(customer(random)));
    const auto done = Clock::now();
    if (!result || result->status != 200) ++totals.failed;
    latency.push_back(std::chrono::duration<double>(done - scheduled).count());
    service.push_back(std::chrono::duration<double>(done - sent).count());
  }
  const std::lock_guard lock(totals.mutex);
  totals.latency_seconds.insert(totals.latency_seconds.end(), latency.begin(), latency.end());
  totals.service_seconds.insert(totals.service_seconds.end(), service.begin(), service.end());
}

}  // namespace

int main(int argc, char** argv) {
  const LoadOptions options = ParseOptions(argc, argv);
  if (const auto health = MakeClient(options).Get("/healthz"); !health || health->status != 200) {
    Usage(fmt::format("no clv serve answers on {}:{}", options.host, options.port));
  }
  IngestTotals ingest;
  ReadTotals reads;
  const auto begin = Clock::now();
  const auto end = begin + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(options.seconds));
  std::vector<std::thread> threads;
  for (int k = 0; k < options.ingest_clients; ++k) {
    threads.emplace_back([&, k] { RunIngest(options, k, end, ingest); });
  }
  if (options.read_rate > 0) {
    for (int k = 0; k < options.readers; ++k) {
      threads.emplace_back([&, k] { RunReader(options, k, begin, end, reads); });
    }
  }
  for (std::thread& thread : threads)
    thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();

  const auto ms = [](double seconds) { return seconds * 1000.0; };
  fmt::print(
      "{{\"seconds\": {:.2f}, \"batch\": {}, \"ingest_clients\": {}, \"batches\": {}, "
      "\"failed_batches\": {}, \"events_acknowledged\": {}, \"events_per_second\": {:.0f}, "
      "\"batch_ms_p50\": {:.2f}, \"batch_ms_p99\": {:.2f}, "
      "\"read_rate\": {}, \"reads\": {}, \"failed_reads\": {}, \"reads_not_sent\": {}, "
      "\"reads_per_second\": {:.0f}, "
      "\"read_ms_p50\": {:.3f}, \"read_ms_p99\": {:.3f}, \"read_ms_max\": {:.3f}, "
      "\"read_service_ms_p50\": {:.3f}, \"read_service_ms_p99\": {:.3f}}}\n",
      elapsed, options.batch, options.ingest_clients, ingest.batches.load(), ingest.failed.load(),
      ingest.accepted.load(), static_cast<double>(ingest.accepted.load()) / elapsed,
      ms(Percentile(ingest.batch_seconds, 0.5)), ms(Percentile(ingest.batch_seconds, 0.99)),
      options.read_rate, reads.latency_seconds.size(), reads.failed.load(), reads.not_sent.load(),
      static_cast<double>(reads.latency_seconds.size()) / elapsed,
      ms(Percentile(reads.latency_seconds, 0.5)), ms(Percentile(reads.latency_seconds, 0.99)),
      ms(Percentile(reads.latency_seconds, 1.0)), ms(Percentile(reads.service_seconds, 0.5)),
      ms(Percentile(reads.service_seconds, 0.99)));
  return ingest.failed.load() + reads.failed.load() == 0 ? 0 : 1;
}
