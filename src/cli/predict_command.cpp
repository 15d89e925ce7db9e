// SPDX-License-Identifier: MIT
// `clv predict`: scores every customer of a summary with a fitted purchase model (and optionally
// a Gamma-Gamma spend model), or projects the retention of an sBG cohort (see clv/predict.h).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "cli/command_registry.h"
#include "clv/error.h"
#include "clv/model_file.h"
#include "clv/predict.h"
#include "clv/summary.h"
#include "common/atomic_file.h"
#include "common/log.h"
#include "common/parallel.h"

namespace clv::cli {
namespace {

struct PredictArguments {
  std::string summary_path;
  std::string model_path;
  std::string spend_model_path;
  std::string unit;
  std::optional<int> periods;
  bool force = false;
  std::string output = "-";
  PredictOptions options;
};

// A model file the fit marked not usable is refused unless --force; returns false to refuse.
bool UsableOrForced(const ModelFile& model, const std::string& path, bool force) {
  if (!model.fit || model.fit->usable) return true;
  if (force) {
    detail::Log().warn("{}: the fit is not usable ({}); predicting anyway (--force)", path,
                       ToString(model.fit->termination));
    return true;
  }
  std::fprintf(stderr,
               "clv: error: %s: the fit is not usable (termination %s); refit, or pass --force "
               "to predict with it anyway\n",
               path.c_str(), std::string(ToString(model.fit->termination)).c_str());
  return false;
}

// The summary's unit: --unit, else the model file's; they must agree when both are given.
TimeUnit SummaryUnit(const PredictArguments& arguments, const ModelFile& model) {
  if (arguments.unit.empty()) {
    if (model.unit) return *model.unit;
    detail::Log().warn(
        "{} does not name its time unit; taking the summary to be in days "
        "(pass --unit to say otherwise)",
        arguments.model_path);
    return TimeUnit::kDay;
  }
  const TimeUnit unit = ParseTimeUnit(arguments.unit);
  if (model.unit && *model.unit != unit) {
    throw InputError(InputLocation{.file = arguments.model_path},
                     fmt::format("unit mismatch: the model was fitted in {}s but --unit is {}",
                                 ToString(*model.unit), ToString(unit)),
                     "refit on the summary or pass the summary's unit");
  }
  return unit;
}

int ProjectSbgRetention(const PredictArguments& arguments, const ModelFile& model) {
  if (!arguments.summary_path.empty()) {
    throw InputError("an sbg model projects a cohort and takes no SUMMARY; pass --periods N only");
  }
  if (!arguments.periods) throw InputError("an sbg model needs --periods N");
  if (!arguments.spend_model_path.empty()) {
    throw InputError("--spend-model does not apply to an sbg model; DERL is in periods");
  }
  const auto rows =
      ProjectRetention(model.params, *arguments.periods, arguments.options.monthly_discount_rate);
  detail::WriteFileAtomically(arguments.output, FormatRetentionProjectionCsv(rows));
  return 0;
}

// Reads the --spend-model file; empty parameters when none was given. Sets *refused when the
// spend fit is not usable and not forced.
std::vector<double> ReadSpendParameters(const PredictArguments& arguments, bool* refused) {
  if (arguments.spend_model_path.empty()) return {};
  const ModelFile spend = ReadModelFile(arguments.spend_model_path);
  if (spend.model != ModelKind::kGammaGamma) {
    throw InputError(
        InputLocation{.file = arguments.spend_model_path},
        fmt::format("--spend-model must be a gg model file, got {}", ToString(spend.model)));
  }
  *refused = !UsableOrForced(spend, arguments.spend_model_path, arguments.force);
  return spend.params;
}

int ScoreCustomers(const PredictArguments& arguments, const ModelFile& model) {
  if (arguments.periods) throw InputError("--periods applies to sbg model files only");
  if (arguments.summary_path.empty()) throw InputError("SUMMARY is required for a purchase model");
  if (model.model == ModelKind::kGammaGamma) {
    throw InputError(
        "--model must be a purchase model (bgnbd, mbgnbd, pnbd, bgbb); pass a gg "
        "model with --spend-model");
  }
  bool refused = false;
  const std::vector<double> spend_params = ReadSpendParameters(arguments, &refused);
  if (refused) return static_cast<int>(ExitStatus::kNotConverged);

  const auto start = std::chrono::steady_clock::now();
  const SummaryTable summary =
      ReadSummaryCsv(arguments.summary_path, SummaryUnit(arguments, model));
  const auto purchase_model = MakePurchaseModel(model.model);
  const PredictionTable predictions =
      PredictCustomers(summary, *purchase_model, model.params, spend_params, arguments.options);
  WritePredictionCsv(arguments.output, summary, predictions);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  detail::Log().info("predicted {} customers ({} not ok) in {:.3f} s", predictions.size(),
                     predictions.NumProblemRows(), elapsed.count());
  return 0;
}

int Run(const PredictArguments& arguments) {
  const detail::ThreadLimit thread_limit(arguments.options.threads);
  const ModelFile model = ReadModelFile(arguments.model_path);
  if (!UsableOrForced(model, arguments.model_path, arguments.force)) {
    return static_cast<int>(ExitStatus::kNotConverged);
  }
  if (model.model == ModelKind::kShiftedBetaGeometric) return ProjectSbgRetention(arguments, model);
  return ScoreCustomers(arguments, model);
}

void AddOptionalDouble(CLI::App* command, const std::string& name, std::optional<double>& target,
                       const std::string& description) {
  command->add_option_function<double>(
      name, [&target](const double& value) { target = value; }, description);
}

void AddPredictCommand(CLI::App& app, int* exit_status) {
  CLI::App* command = app.add_subcommand(
      "predict",
      "Predict purchases, P(alive), spend and CLV per customer, or project an sBG cohort");
  auto arguments = std::make_shared<PredictArguments>();
  PredictOptions& options = arguments->options;

  command->add_option("SUMMARY", arguments->summary_path,
                      "Customer summary CSV (as written by `clv summary`); not for sbg");
  command->add_option("--model", arguments->model_path, "Model file (JSON) from `clv fit`")
      ->required();
  command->add_option("--spend-model", arguments->spend_model_path,
                      "Gamma-Gamma model file: adds expected_spend and clv");
  command->add_option("--unit", arguments->unit,
                      "Time unit of the summary: day, week, month, hour (default: the model's)");
  command
      ->add_option("--horizon", options.horizon,
                   "Periods ahead for expected_purchases (model time units; BG/BB opportunities)")
      ->capture_default_str();
  command->add_option("--months", options.clv_months, "CLV horizon in months")
      ->capture_default_str();
  command
      ->add_option("--discount-rate", options.monthly_discount_rate,
                   "Discount rate per month for CLV (per period for sbg DERL)")
      ->capture_default_str();
  AddOptionalDouble(command, "--dert-rate", options.dert_rate,
                    "Add dert (and dert_value with a spend model): continuous rate per model "
                    "period; BG/BB: discrete rate per opportunity");
  command->add_option_function<int>(
      "--pmf", [&options](const int& value) { options.pmf_max_purchases = value; },
      "Add pmf_0..pmf_K: P(X(horizon) = n) for a new customer, the same on every row");
  AddOptionalDouble(command, "--p-alive-at", options.p_alive_at,
                    "Add p_alive_future: P(alive) this many periods after T");
  command->add_option_function<int>(
      "--periods", [arguments](const int& value) { arguments->periods = value; },
      "sbg only: periods of the retention projection");
  command->add_option("--threads", options.threads, "Worker threads (0: all cores)")
      ->capture_default_str();
  command->add_flag("--force", arguments->force, "Predict even with a fit marked not usable");
  command->add_option("-o,--output", arguments->output, "Output CSV ('-' for stdout)")
      ->capture_default_str();
  command->callback([arguments, exit_status] { *exit_status = Run(*arguments); });
}

const CommandRegistration kRegistration{
    {.name = "predict", .order = 40, .add = &AddPredictCommand}};

}  // namespace
}  // namespace clv::cli
