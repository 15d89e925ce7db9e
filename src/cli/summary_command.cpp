// SPDX-License-Identifier: MIT
// `clv summary FILE... [options] [-o OUT]`: the per-customer RFM summary of a purchase log as
// CSV, rows sorted by customer id, then a one-line report on stderr.
#include <CLI/CLI.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "cli/command_registry.h"
#include "cli/ingest_options.h"
#include "cli/summary_options.h"
#include "clv/summary.h"
#include "common/atomic_file.h"
#include "common/log.h"
#include "common/parallel.h"
#include "summary/customer_summaries.h"

namespace clv::cli {
namespace {

struct SummaryCommandFlags {
  IngestFlags ingest;
  SummaryFlags summary;
  std::string output = "-";
  int threads = 0;
};

void RunSummary(const SummaryCommandFlags& flags) {
  const auto start = std::chrono::steady_clock::now();
  const detail::ThreadLimit thread_limit(flags.threads);
  const IngestOptions ingest = ResolveIngestOptions(flags.ingest);
  const SummaryOptions options = ResolveSummaryOptions(flags.summary);

  const detail::CustomerSummaries customers(ingest, options);
  detail::AtomicOutputFile out(flags.output);
  detail::WriteCustomerSummariesCsv(customers, out);
  out.Commit();

  SummaryReport report = customers.report();
  report.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  LogSkippedRows(report.ingest);
  detail::Log().info("{}", report.BriefReport());
}

void AddSummaryCommand(CLI::App& app, int* /*exit_status*/) {
  auto flags = std::make_shared<SummaryCommandFlags>();
  CLI::App* command = app.add_subcommand(
      "summary", "Per-customer frequency, recency, T and monetary value of a purchase log");
  AddIngestOptions(command, &flags->ingest);
  AddSummaryOptions(command, &flags->summary,
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
