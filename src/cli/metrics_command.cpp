// SPDX-License-Identifier: MIT
// `clv metrics FILE... [ingest options] [--period P] [--margin M] [--discount-rate D]
// [--cac C | --cac-file F --channel COLUMN] [-o metrics.json]`: business metrics of a purchase
// log (docs/metrics.md). JSON goes to -o; without -o a readable report goes to stdout.
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "cli/command_registry.h"
#include "cli/ingest_options.h"
#include "clv/error.h"
#include "clv/metrics.h"
#include "common/atomic_file.h"
#include "common/log.h"
#include "common/parallel.h"

namespace clv::cli {
namespace {

struct MetricsFlags {
  IngestFlags ingest;
  std::string period = "month";
  double margin = 1.0;
  std::optional<double> discount_rate;
  std::optional<int> horizon_periods;
  std::optional<double> cac;
  std::string cac_file;
  std::string channel_column;
  std::string observation_end;
  std::string output;
  int threads = 0;
};

MetricsOptions ResolveMetricsOptions(const MetricsFlags& flags) {
  MetricsOptions options;
  options.period = ParseCalendarPeriod(flags.period);
  options.margin = flags.margin;
  options.discount_rate = flags.discount_rate;
  options.horizon_periods = flags.horizon_periods;
  options.cac = flags.cac;
  if (!flags.observation_end.empty()) {
    options.observation_end = ParseWindowEnd(flags.observation_end, "observation-end");
  }
  if (!flags.cac_file.empty()) {
    if (flags.channel_column.empty()) {
      throw InputError("--cac-file needs --channel, the column holding each purchase's channel");
    }
    options.cac_by_channel = ReadCacTable(flags.cac_file);
    options.cac_source = flags.cac_file;
  }
  options.Validate();
  return options;
}

void RunMetrics(const MetricsFlags& flags) {
  const detail::ThreadLimit thread_limit(flags.threads);
  const MetricsOptions options = ResolveMetricsOptions(flags);
  IngestReport ingest_report;
  const PurchaseLog log =
      ReadPurchaseLog(ResolveIngestOptions(flags.ingest), flags.channel_column, &ingest_report);
  const BusinessMetrics metrics = ComputeBusinessMetrics(log, options);

  if (flags.output.empty()) {
    detail::AtomicOutputFile out("-");
    out.Write(MetricsToText(metrics));
    out.Commit();
  } else {
    detail::WriteFileAtomically(flags.output, MetricsToJson(metrics));
  }
  detail::Log().info(
      "metrics: {} rows read, {} skipped, {} after the observation end, {} "
      "customers in {:.2f} s",
      ingest_report.rows_read, ingest_report.rows_skipped, metrics.rows_after_observation_end,
      metrics.totals.customers, ingest_report.elapsed_seconds);
}

void AddMetricsCommand(CLI::App& app, int* /*exit_status*/) {
  auto flags = std::make_shared<MetricsFlags>();
  CLI::App* command = app.add_subcommand(
      "metrics", "Business metrics: revenue, retention, churn, cohorts, simple CLV, LTV:CAC");
  AddIngestOptions(command, &flags->ingest);
  command->add_option("--period", flags->period, "Calendar period: month, quarter or year")
      ->capture_default_str();
  command->add_option("--margin", flags->margin, "Contribution margin in (0, 1]")
      ->capture_default_str();
  command->add_option("--discount-rate", flags->discount_rate,
                      "Discount rate per period (default: 10 % a year per period)");
  command->add_option("--horizon-periods", flags->horizon_periods,
                      "Periods of the finite-horizon retention CLV (default: five years)");
  CLI::Option* cac = command->add_option("--cac", flags->cac, "Acquisition cost per customer");
  CLI::Option* cac_file = command->add_option("--cac-file", flags->cac_file,
                                              "CSV 'channel,cac' of acquisition costs per channel");
  cac->excludes(cac_file);
  command->add_option("--channel", flags->channel_column,
                      "Column holding the channel; a customer's channel is its first purchase's");
  command->add_option("--observation-end", flags->observation_end,
                      "Last date observed (default: the last date in the log)");
  command->add_option("-o,--output", flags->output,
                      "JSON output file ('-' for standard output); default: a table on stdout");
  command->add_option("--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  command->callback([flags] { RunMetrics(*flags); });
}

const CommandRegistration kRegistration{
    {.name = "metrics", .order = 60, .add = &AddMetricsCommand}};

}  // namespace
}  // namespace clv::cli
