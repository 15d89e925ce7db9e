// SPDX-License-Identifier: MIT
// The outputs of an analysis. Every file is written to a temporary beside its target first;
// only when all of them are complete are they renamed into place, so a failure (a full disk,
// an unwritable folder) leaves the previous outputs, or none, never a mixture.
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "clv/analyze.h"
#include "clv/error.h"
#include "common/atomic_file.h"

namespace clv {
namespace {

using Json = nlohmann::ordered_json;

Json FitJson(const FitSummary& fit) {
  Json params = Json::object();
  for (std::size_t k = 0; k < fit.params.size(); ++k)
    params[fit.parameter_names[k]] = fit.params[k];
  return {{"params", params},
          {"log_likelihood", fit.log_likelihood},
          {"aic", fit.aic},
          {"bic", fit.bic},
          {"termination", ToString(fit.termination)},
          {"usable", fit.usable},
          {"customers", fit.num_customers}};
}

Json CandidatesJson(const std::vector<CandidateModel>& candidates) {
  Json rows = Json::array();
  for (const CandidateModel& candidate : candidates) {
    Json row = {{"model", ToString(candidate.model)},
                {"chosen", candidate.chosen},
                {"fit", FitJson(candidate.fit)}};
    if (candidate.holdout) {
      const HoldoutScore& score = *candidate.holdout;
      row["holdout"] = {{"mae", score.mae},
                        {"rmse", score.rmse},
                        {"actual_purchases", score.actual_purchases},
                        {"expected_purchases", score.expected_purchases},
                        {"aggregate_error_share", score.aggregate_error_share}};
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// What was decided and why: the window, the candidates, the checks, the warnings.
std::string AnalysisJson(const Analysis& analysis) {
  Json json = {
      {"customers", analysis.whole.size()},
      {"rows_read", analysis.read_report.ingest.rows_read},
      {"rows_skipped", analysis.read_report.ingest.rows_skipped},
      {"unit", ToString(analysis.whole.unit)},
      {"holdout",
       {{"used", analysis.window.used},
        {"calibration_end", analysis.window.used ? Json(analysis.window.calibration_end) : Json()},
        {"observation_end", analysis.window.observation_end},
        {"note", analysis.window.note}}},
      {"candidates", CandidatesJson(analysis.candidates)},
      {"model", ToString(analysis.chosen_model)},
      {"choice_reason", analysis.choice_reason},
      {"spend_model", analysis.spend_fit.has_value()},
      {"warnings", analysis.warnings}};
  if (analysis.spend_independence) {
    const SpendIndependence& check = *analysis.spend_independence;
    json["spend_independence"] = {{"repeat_buyers", check.repeat_buyers},
                                  {"correlation", check.correlation},
                                  {"holds", check.holds},
                                  {"note", check.note}};
  }
  return json.dump(2) + "\n";
}

std::vector<LabelColumn> LabelColumns(const Segmentation& segmentation) {
  std::vector<std::string> tiers(std::begin(kValueTierNames), std::end(kValueTierNames));
  std::vector<LabelColumn> columns = {
      {.name = "value_tier", .labels = std::move(tiers), .codes = segmentation.value_tier},
      {.name = "segment", .labels = segmentation.segment_names, .codes = segmentation.segment}};
  if (segmentation.has_groups) {
    columns.push_back(
        {.name = "group", .labels = segmentation.group_names, .codes = segmentation.group});
  }
  return columns;
}

}  // namespace

std::vector<std::string> WriteAnalysis(const Analysis& analysis, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error || !std::filesystem::is_directory(directory)) {
    throw Error("cannot create the output folder " + directory + ": " +
                (error ? error.message() : "a file of that name exists"));
  }
  const std::filesystem::path folder(directory);
  std::vector<std::unique_ptr<detail::AtomicOutputFile>> files;
  const auto open = [&](const char* name) -> detail::AtomicOutputFile& {
    return *files.emplace_back(
        std::make_unique<detail::AtomicOutputFile>((folder / name).string()));
  };

  WritePredictionCsv(open("predictions.csv"), analysis.whole, analysis.predictions,
                     LabelColumns(analysis.segmentation));
  open("model.json")
      .Write(ModelFileToJson(MakeModelFile(analysis.purchase_fit, analysis.whole.unit)));
  if (analysis.spend_fit) {
    open("spend_model.json")
        .Write(ModelFileToJson(MakeModelFile(*analysis.spend_fit, analysis.whole.unit)));
  }
  open("metrics.json").Write(MetricsToJson(analysis.metrics));
  open("segments.json").Write(analysis.segments_json);
  open("analysis.json").Write(AnalysisJson(analysis));
  open("report.html").Write(RenderReportHtml(analysis.report));

  std::vector<std::string> written;
  for (const auto& file : files) {
    file->Commit();
    written.push_back(file->path());
  }
  // A spend model left from an earlier run would not belong to these predictions.
  if (!analysis.spend_fit) std::filesystem::remove(folder / "spend_model.json", error);
  return written;
}

}  // namespace clv
