// SPDX-License-Identifier: MIT
// `clv fit INPUT --model M [--unit U] [--penalizer X] [--threads N] [-o MODEL.json]`: fits a
// model by maximum likelihood and writes the model file (clv/model_file.h) to -o or stdout, with
// a readable report on stderr. Exits 3 when the fit ends but its estimate is not usable.
//
// INPUT is, by model:
//   sbg            a cohort table `period,customers`;
//   anything else  a customer summary CSV (a header with frequency/recency/T, x/t_x/T or
//                  frequency/recency/periods columns, optionally a weight column), or else a
//                  purchase log, summarised first with the `clv summary` options given here.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "cli/command_registry.h"
#include "cli/ingest_options.h"
#include "cli/summary_options.h"
#include "clv/error.h"
#include "clv/fit.h"
#include "clv/model_file.h"
#include "clv/summary.h"
#include "common/log.h"
#include "common/parallel.h"
#include "fit/cohort_csv.h"

namespace clv::cli {
namespace {

struct FitFlags {
  IngestFlags ingest;
  SummaryFlags summary;
  std::string model;
  double penalizer = 0;
  int max_iterations = FitOptions{}.max_iterations;
  int threads = 0;
  std::string output = "-";
};

// The lower-cased column names of the first line of `path`.
std::set<std::string> HeaderColumns(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::set<std::string> columns;
  std::string column;
  for (char c : line + ",") {
    if (c == ',') {
      columns.insert(column);
      column.clear();
    } else if (c != ' ' && c != '\r' && c != '"') {
      column += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return columns;
}

// A summary has a frequency, a recency and an age (or periods) column.
bool IsSummaryCsv(const std::string& path) {
  const std::set<std::string> columns = HeaderColumns(path);
  const auto has = [&](std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(),
                       [&](const char* name) { return columns.count(name) > 0; });
  };
  return has({"frequency", "x"}) && has({"recency", "t_x"}) && has({"t", "periods", "n"});
}

SummaryTable ReadInputSummary(const FitFlags& flags, TimeUnit unit) {
  const std::vector<std::string>& paths = flags.ingest.options.paths;
  if (paths.size() == 1 && paths[0] != "-" && IsSummaryCsv(paths[0])) {
    return ReadSummaryCsv(paths[0], unit);
  }
  SummaryOptions options = ResolveSummaryOptions(flags.summary);
  options.unit = unit;
  SummaryReport report;
  SummaryTable table = SummarizeTransactions(ResolveIngestOptions(flags.ingest), options, &report);
  detail::Log().info("{}", report.BriefReport());
  return table;
}

FitSummary RunModelFit(const FitFlags& flags, ModelKind kind, TimeUnit unit) {
  FitOptions options;
  options.penalizer = flags.penalizer;
  options.max_iterations = flags.max_iterations;
  if (kind == ModelKind::kShiftedBetaGeometric) {
    if (flags.ingest.options.paths.size() != 1) {
      throw InputError("sbg takes one cohort file 'period,customers'");
    }
    return FitShiftedBetaGeometric(detail::ReadCohortCsv(flags.ingest.options.paths[0]), options);
  }
  return FitModel(kind, ReadInputSummary(flags, unit), options);
}

// Durations matter for the continuous-time models only; BG/BB counts opportunities and sBG
// counts periods, so their model files carry no unit.
std::optional<TimeUnit> UnitOfModel(ModelKind kind, TimeUnit unit) {
  if (kind == ModelKind::kBgBb || kind == ModelKind::kShiftedBetaGeometric) return std::nullopt;
  return unit;
}

void RunFit(const FitFlags& flags, int* exit_status) {
  const detail::ThreadLimit thread_limit(flags.threads);
  const ModelKind kind = ParseModelKind(flags.model);
  const TimeUnit unit = ParseTimeUnit(flags.summary.unit);
  if (flags.ingest.options.paths.empty()) throw InputError("clv fit needs an INPUT file");

  const FitSummary fit = RunModelFit(flags, kind, unit);
  WriteModelFile(flags.output, MakeModelFile(fit, UnitOfModel(kind, unit)));
  std::fprintf(stderr, "%s", fit.FullReport().c_str());
  if (!fit.usable) {
    std::fprintf(stderr, "clv: the %s fit is not usable (%s: %s)\n",
                 std::string(ToString(kind)).c_str(),
                 std::string(ToString(fit.termination)).c_str(), fit.message.c_str());
    *exit_status = static_cast<int>(ExitStatus::kNotConverged);
  }
}

void AddFitCommand(CLI::App& app, int* exit_status) {
  auto flags = std::make_shared<FitFlags>();
  CLI::App* command = app.add_subcommand(
      "fit",
      "Fit a model by maximum likelihood to a customer summary, a purchase log or (sbg) a "
      "cohort table; writes the model file");
  AddIngestOptions(command, &flags->ingest);
  command->add_option("--model", flags->model, "bgnbd, mbgnbd, pnbd, bgbb, gg or sbg")->required();
  command
      ->add_option("--penalizer", flags->penalizer,
                   "L2 penalty coefficient, as lifetimes' penalizer_coef (see clv/fit.h)")
      ->capture_default_str();
  command
      ->add_option("--max-iterations", flags->max_iterations,
                   "Most likelihood evaluations per optimiser")
      ->capture_default_str();
  AddSummaryOptions(command, &flags->summary,
                    "For a purchase log: fit on the calibration window ending at this date");
  command->add_option("-o,--output", flags->output, "Model file ('-' for standard output)")
      ->capture_default_str();
  command->add_option("--threads", flags->threads, "Worker threads (0: every core)")
      ->capture_default_str();
  command->callback([flags, exit_status] { RunFit(*flags, exit_status); });
}

const CommandRegistration kRegistration{{.name = "fit", .order = 30, .add = &AddFitCommand}};

}  // namespace
}  // namespace clv::cli
