// SPDX-License-Identifier: MIT
// `clv serve --db PATH [--listen HOST:PORT] [--token-file F] [--unit U] [--model M]
//  [--refit-every N] [--refit-interval DURATION] [--import FILE [ingest options]]`: real-time
// CLV over HTTP (see clv/serve.h and docs/serve.md). SIGTERM or SIGINT stops it gracefully:
// in-flight requests finish, then the database is checkpointed.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <memory>
#include <string>
#include <thread>

#include "cli/command_registry.h"
#include "cli/ingest_options.h"
#include "clv/error.h"
#include "clv/serve.h"
#include "common/log.h"
#include "serve/bearer_token.h"

namespace clv::cli {
namespace {

struct ServeFlags {
  ServeOptions options;
  std::string listen = "127.0.0.1:8077";
  std::string token_file;
  std::string unit = "day";
  std::string refit_interval;
  IngestFlags ingest;
};

// "HOST:PORT", "[::1]:PORT" or ":PORT" (loopback).
void ParseListen(const std::string& text, ServeOptions* options) {
  const std::size_t colon = text.rfind(':');
  int port = -1;
  const char* digits = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  if (colon == std::string::npos || std::from_chars(digits, end, port).ptr != end || port < 0 ||
      port > 65535) {
    throw InputError(fmt::format("--listen must be HOST:PORT with a port in 0..65535, got {}",
                                 QuoteForMessage(text)));
  }
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  options->listen_host = host.empty() ? "127.0.0.1" : host;
  options->listen_port = port;
}

// "90", "90s", "15m", "2h" or "1d" as seconds.
double ParseDuration(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [unit, error] = std::from_chars(text.data(), end, value);
  const std::string suffix(unit, end);
  const double scale = suffix.empty() || suffix == "s" ? 1
                       : suffix == "m"                 ? 60
                       : suffix == "h"                 ? 3600
                       : suffix == "d"                 ? 86400
                                                       : -1;
  if (error != std::errc() || scale < 0 || !(value >= 0)) {
    throw InputError(
        fmt::format("--refit-interval must be a duration such as 90s, 15m, 2h or 1d, got {}",
                    QuoteForMessage(text)));
  }
  return value * scale;
}

// Blocks SIGTERM and SIGINT in every thread (call before any thread starts) and waits for them
// in one thread, which stops the server.
class ShutdownOnSignal {
 public:
  explicit ShutdownOnSignal(Server& server) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGUSR1);
    waiter_ = std::thread([this, &server] {
      int signal = 0;
      sigwait(&signals_, &signal);
      if (signal != SIGUSR1) detail::Log().info("event=shutdown signal={}", signal);
      server.Stop();
    });
  }
  ~ShutdownOnSignal() {
    pthread_kill(waiter_.native_handle(), SIGUSR1);  // wakes the waiter if no signal came
    waiter_.join();
  }

  static void BlockInThisThread() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  }

 private:
  sigset_t signals_{};
  std::thread waiter_;
};

void RunServe(ServeFlags& flags) {
  ShutdownOnSignal::BlockInThisThread();
  ServeOptions options = flags.options;
  ParseListen(flags.listen, &options);
  options.unit = ParseTimeUnit(flags.unit);
  if (!flags.token_file.empty()) options.token = detail::ReadTokenFile(flags.token_file);
  if (!flags.refit_interval.empty()) {
    options.refit_interval_seconds = ParseDuration(flags.refit_interval);
  }

  Server server(options);
  if (!flags.ingest.options.paths.empty()) {
    const ImportSummary imported = server.Import(ResolveIngestOptions(flags.ingest));
    detail::Log().info("imported {} rows: {} new, {} duplicates", imported.rows, imported.inserted,
                       imported.duplicates);
  }
  server.Bind();
  const ShutdownOnSignal shutdown(server);
  server.Run();
}

void AddServeCommand(CLI::App& app, int* /*exit_status*/) {
  auto flags = std::make_shared<ServeFlags>();
  ServeOptions& options = flags->options;
  CLI::App* command = app.add_subcommand("serve", "Serve real-time CLV over HTTP");
  command->add_option("--db", options.database_path, "SQLite database (created when absent)")
      ->required();
  command->add_option("--listen", flags->listen, "HOST:PORT to listen on (port 0: any free)")
      ->capture_default_str();
  command->add_option("--token-file", flags->token_file,
                      "File holding the bearer token every request but /healthz must carry");
  command->add_option("--unit", flags->unit, "Time unit: day, week, month or hour")
      ->capture_default_str();
  command->add_option("--model", options.model, "auto, bgnbd, mbgnbd or pnbd")
      ->capture_default_str();
  command
      ->add_option("--refit-every", options.refit_every_events,
                   "Refit after this many new events (0: never)")
      ->capture_default_str();
  command->add_option("--refit-interval", flags->refit_interval,
                      "Refit this often, e.g. 15m or 1h (default: never)");
  command->add_option("--horizon", options.horizon,
                      "Window of expected purchases in --unit (default: one year)");
  command->add_option("--clv-months", options.clv_months, "CLV horizon in months")
      ->capture_default_str();
  command
      ->add_option("--discount-rate", options.monthly_discount_rate, "CLV discount rate per month")
      ->capture_default_str();
  command
      ->add_option("--max-body-bytes", options.max_body_bytes,
                   "Largest request body; larger ones get 413")
      ->capture_default_str();
  command->add_option("--http-threads", options.http_threads, "Requests served at once")
      ->capture_default_str();
  command
      ->add_option("--read-timeout", options.read_timeout_seconds,
                   "Seconds a stalled client may take to send its request")
      ->capture_default_str();
  command->add_option("--import", flags->ingest.options.paths,
                      "Purchase logs to store before serving (with the ingest options below)");
  AddIngestOptions(command, &flags->ingest);
  command->get_option("files")->required(false);  // logs are optional here: --import or none
  command->callback([flags] { RunServe(*flags); });
}

const CommandRegistration kRegistration{{.name = "serve", .order = 70, .add = &AddServeCommand}};

}  // namespace
}  // namespace clv::cli
