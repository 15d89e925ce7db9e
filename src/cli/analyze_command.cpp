// SPDX-License-Identifier: MIT
// `clv analyze FILE... [ingest options] [summary options] [--model auto|bgnbd|mbgnbd|pnbd]
// [--horizon H] [--months M] [--discount-rate D] [--group-by COLUMN] -o OUTDIR`: the one-command
// job (clv/analyze.h). Outputs go to OUTDIR, a short summary to stdout, progress to stderr.
// Exits 3, writing nothing, when no purchase model can be fitted.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <memory>
#include <string>

#include "cli/command_registry.h"
#include "cli/ingest_options.h"
#include "cli/summary_options.h"
#include "clv/analyze.h"
#include "clv/error.h"
#include "common/log.h"
#include "common/parallel.h"

namespace clv::cli {
namespace {

// The stages Analyze announces, for the "[k/n]" progress counter.
constexpr int kStages = 7;

struct AnalyzeFlags {
  IngestFlags ingest;
  SummaryFlags summary{.unit = "week"};
  bool no_holdout = false;
  std::string model = "auto";
  double penalizer = 0;
  std::string period = "month";
  double margin = 1.0;
  std::optional<double> cac;
  std::string segments_file;
  std::string output_dir;
  int threads = 0;
  AnalyzeOptions options;
};

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M UTC", &utc);
  return text;
}

std::string DataSource(const std::vector<std::string>& paths) {
  std::string source;
  for (const std::string& path : paths) {
    source += (source.empty() ? "" : ", ") + (path == "-" ? std::string("standard input") : path);
  }
  return source;
}

AnalyzeOptions ResolveAnalyzeOptions(const AnalyzeFlags& flags) {
  AnalyzeOptions options = flags.options;
  options.ingest = ResolveIngestOptions(flags.ingest);
  options.summary = ResolveSummaryOptions(flags.summary);
  options.holdout = !flags.no_holdout;
  if (flags.no_holdout && options.summary.calibration_end) {
    throw InputError("--no-holdout and --calibration-end contradict each other; give one");
  }
  options.model = ParseModelChoice(flags.model);
  options.fit.penalizer = flags.penalizer;
  options.metrics.period = ParseCalendarPeriod(flags.period);
  options.metrics.margin = flags.margin;
  options.metrics.cac = flags.cac;
  if (!flags.segments_file.empty()) options.segment_rules = ReadSegmentRules(flags.segments_file);
  options.data_source = DataSource(options.ingest.paths);
  options.generated_at = NowUtc();
  // On a terminal a counted line per stage; elsewhere a debug log line, so that a failure
  // stays the one line on stderr.
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  auto stage = std::make_shared<int>(0);
  const auto start = std::chrono::steady_clock::now();
  options.on_stage = [terminal, stage, start](std::string_view name) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    ++*stage;
    if (terminal) {
      std::fprintf(stderr, "[%d/%d] %.*s (%.1f s)\n", *stage, kStages,
                   static_cast<int>(name.size()), name.data(), elapsed.count());
    } else {
      detail::Log().debug("analyze: {} ({:.1f} s)", name, elapsed.count());
    }
  };
  return options;
}

int RunAnalyze(const AnalyzeFlags& flags) {
  const detail::ThreadLimit thread_limit(flags.threads);
  const Analysis analysis = Analyze(ResolveAnalyzeOptions(flags));
  LogSkippedRows(analysis.read_report.ingest);
  if (!analysis.purchase_fit.usable) {
    std::fprintf(stderr, "clv: error: analyze: %s; nothing was written\n",
                 analysis.choice_reason.empty() ? "the purchase model fit is not usable"
                                                : analysis.choice_reason.c_str());
    return static_cast<int>(ExitStatus::kNotConverged);
  }
  const std::vector<std::string> written = WriteAnalysis(analysis, flags.output_dir);
  std::fputs(analysis.PlainTextSummary().c_str(), stdout);
  std::fprintf(stdout, "wrote     %zu files to %s (open report.html in a browser)\n",
               written.size(), flags.output_dir.c_str());
  detail::Log().info("analyze: done in {:.1f} s", analysis.elapsed_seconds);
  return 0;
}

void AddAnalyzeCommand(CLI::App& app, int* exit_status) {
  auto flags = std::make_shared<AnalyzeFlags>();
  AnalyzeOptions& options = flags->options;
  CLI::App* command = app.add_subcommand(
      "analyze",
      "The whole job: summarise, choose and validate a model on a holdout, predict, segment, "
      "measure, and write the report");
  AddIngestOptions(command, &flags->ingest);
  AddSummaryOptions(command, &flags->summary,
                    "Last date of the calibration period (default: leave the last quarter of "
                    "the log as holdout when it is long enough)");
  command->add_flag("--no-holdout", flags->no_holdout,
                    "Fit on the whole log only and choose the model by BIC");
  command->add_option("--model", flags->model, "auto, bgnbd, mbgnbd or pnbd")
      ->capture_default_str();
  command->add_option("--penalizer", flags->penalizer, "L2 penalty of the purchase and spend fits")
      ->capture_default_str();
  command
      ->add_option("--horizon", options.predict.horizon,
                   "Periods ahead (in --unit) for expected purchases")
      ->capture_default_str();
  command->add_option("--months", options.predict.clv_months, "CLV horizon in months")
      ->capture_default_str();
  command
      ->add_option("--discount-rate", options.predict.monthly_discount_rate,
                   "Discount rate per month for CLV")
      ->capture_default_str();
  command
      ->add_option("--period", flags->period,
                   "Calendar period of the business metrics: month, quarter or year")
      ->capture_default_str();
  command->add_option("--margin", flags->margin, "Contribution margin in (0, 1] for the metrics")
      ->capture_default_str();
  command->add_option("--cac", flags->cac, "Acquisition cost per customer, for LTV:CAC");
  command->add_option("--group-by", options.group_by,
                      "Column of the first purchase to group value by, or acquisition_month");
  command->add_option("--segments", flags->segments_file,
                      "RFM segment rules (default: data/segments/default_rfm_segments.csv)");
  command->add_option("--currency", options.currency, "Currency symbol in the report")
      ->capture_default_str();
  command->add_option("-o,--output", flags->output_dir, "Output folder")->required();
  command->add_option("--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  command->callback([flags, exit_status] { *exit_status = RunAnalyze(*flags); });
}

const CommandRegistration kRegistration{
    {.name = "analyze", .order = 10, .add = &AddAnalyzeCommand}};

}  // namespace
}  // namespace clv::cli
