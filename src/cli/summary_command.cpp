// SPDX-License-Identifier: MIT
// `clv summary FILE... [options] [-o OUT]`: the per-customer RFM summary of a purchase log as
// CSV, rows sorted by customer id, then a one-line report on stderr.
#include <CLI/CLI.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "cli/command_registry.h"
#include "cli/ingest_options.h"
#include "clv/summary.h"
#include "common/atomic_file.h"
#include "common/log.h"
#include "common/parallel.h"
#include "summary/customer_summaries.h"

namespace clv::cli {
namespace {

struct SummaryFlags {
  IngestFlags ingest;
  std::string unit = "day";
  std::string durations = "floored";
  std::string refunds = "net";
  std::string observation_end;
  std::string calibration_end;
  std::string output = "-";
  int threads = 0;
};

SummaryOptions ResolveSummaryOptions(const SummaryFlags& flags) {
  SummaryOptions options;
  options.unit = ParseTimeUnit(flags.unit);
  options.durations = ParseDurationMode(flags.durations);
  options.refunds = ParseRefundRule(flags.refunds);
  if (!flags.observation_end.empty()) {
    options.observation_end = ParseWindowEnd(flags.observation_end, "observation-end");
  }
  if (!flags.calibration_end.empty()) {
    options.calibration_end = ParseWindowEnd(flags.calibration_end, "calibration-end");
  }
  return options;
}

void ReportSkippedRows(const SummaryReport& report) {
  for (const SkippedRow& skipped : report.ingest.first_skipped) {
    detail::Log().warn("skipped: {}", skipped.message);
  }
  if (report.ingest.rows_skipped > static_cast<std::int64_t>(report.ingest.first_skipped.size())) {
    detail::Log().warn(
        "skipped: ... and {} more",
        report.ingest.rows_skipped - static_cast<std::int64_t>(report.ingest.first_skipped.size()));
  }
}

void RunSummary(const SummaryFlags& flags) {
  const auto start = std::chrono::steady_clock::now();
  const detail::ThreadLimit thread_limit(flags.threads);
  const IngestOptions ingest = ResolveIngestOptions(flags.ingest);
  const SummaryOptions options = ResolveSummaryOptions(flags);

  const detail::CustomerSummaries customers(ingest, options);
  detail::AtomicOutputFile out(flags.output);
  detail::WriteCustomerSummariesCsv(customers, out);
  out.Commit();

  SummaryReport report = customers.report();
  report.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ReportSkippedRows(report);
  detail::Log().info("{}", report.BriefReport());
}

void AddSummaryCommand(CLI::App& app, int* /*exit_status*/) {
  auto flags = std::make_shared<SummaryFlags>();
  CLI::App* command = app.add_subcommand(
      "summary", "Per-customer frequency, recency, T and monetary value of a purchase log");
  AddIngestOptions(command, &flags->ingest);
  command->add_option("--unit", flags->unit, "Time unit: day, week, month or hour")
      ->capture_default_str();
  command
      ->add_option("--durations", flags->durations,
                   "floored: whole periods (lifetimes); continuous: fractional units from "
                   "day resolution (CLVTools, BTYD)")
      ->capture_default_str();
  command
      ->add_option("--refunds", flags->refunds,
                   "Rows with a negative amount: net (count as purchases, amounts net) or drop")
      ->capture_default_str();
  command->add_option("--observation-end", flags->observation_end,
                      "Last date observed (default: the last date in the log); later rows are "
                      "dropped and counted");
  command->add_option("--calibration-end", flags->calibration_end,
                      "Last date of the calibration period; adds the holdout columns");
  command->add_option("-o,--output", flags->output, "Output CSV ('-' for standard output)")
      ->capture_default_str();
  command->add_option("--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  command->callback([flags] { RunSummary(*flags); });
}

const CommandRegistration kRegistration{
    {.name = "summary", .order = 20, .add = &AddSummaryCommand}};

}  // namespace
}  // namespace clv::cli
