// SPDX-License-Identifier: MIT
// Model files as JSON (see clv/model_file.h for the keys).
#include "clv/model_file.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clv/error.h"
#include "common/atomic_file.h"

namespace clv {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 4> kBgNbdNames{"r", "alpha", "a", "b"};
constexpr std::array<std::string_view, 4> kParetoNbdNames{"r", "alpha", "s", "beta"};
constexpr std::array<std::string_view, 4> kBgBbNames{"alpha", "beta", "gamma", "delta"};
constexpr std::array<std::string_view, 3> kGammaGammaNames{"p", "q", "v"};
constexpr std::array<std::string_view, 2> kSbgNames{"alpha", "beta"};

std::string JoinNames(std::span<const std::string_view> names) {
  std::string joined;
  for (std::string_view name : names)
    joined += (joined.empty() ? "" : ", ") + std::string(name);
  return joined;
}

Json ParameterObject(std::span<const std::string_view> names, std::span<const double> values) {
  Json object = Json::object();
  for (std::size_t k = 0; k < names.size(); ++k)
    object[std::string(names[k])] = values[k];
  return object;
}

Json FitToJson(const FitSummary& fit, std::span<const std::string_view> names) {
  Json json;
  json["log_likelihood"] = fit.log_likelihood;
  json["n_customers"] = fit.num_customers;
  json["n_distinct_rows"] = fit.num_distinct_rows;
  json["n_excluded"] = fit.num_excluded;
  if (!fit.exclusion_note.empty()) json["exclusion_note"] = fit.exclusion_note;
  const bool has_errors = fit.standard_errors.size() == names.size();
  json["standard_errors"] = has_errors ? ParameterObject(names, fit.standard_errors) : Json();
  Json intervals = Json::object();
  for (std::size_t k = 0; has_errors && k < names.size(); ++k) {
    intervals[std::string(names[k])] = {fit.lower_95[k], fit.upper_95[k]};
  }
  json["confidence_intervals"] = has_errors ? intervals : Json();
  if (!fit.standard_errors_note.empty()) json["standard_errors_note"] = fit.standard_errors_note;
  json["converged"] = fit.converged;
  json["usable"] = fit.usable;
  json["termination"] = ToString(fit.termination);
  json["message"] = fit.message;
  json["method"] = fit.method;
  json["iterations"] = fit.iterations;
  json["gradient_norm"] = fit.gradient_norm;
  json["initial_log_likelihood"] = fit.initial_log_likelihood;
  json["aic"] = fit.aic;
  json["bic"] = fit.bic;
  json["penalizer"] = fit.penalizer;
  return json;
}

[[noreturn]] void Fail(const std::string& source, const std::string& problem) {
  throw InputError(InputLocation{.file = source}, problem);
}

double PositiveParameter(const Json& params, std::string_view name, const std::string& source) {
  const auto found = params.find(std::string(name));
  if (found == params.end()) Fail(source, fmt::format("params lacks '{}'", name));
  if (!found->is_number()) Fail(source, fmt::format("params.{} must be a number", name));
  const double value = found->get<double>();
  if (!(value > 0) || !std::isfinite(value)) {
    Fail(source, fmt::format("params.{} must be finite and > 0, got {}", name, value));
  }
  return value;
}

std::vector<double> ReadParameters(const Json& document, ModelKind kind,
                                   const std::string& source) {
  const auto params = document.find("params");
  if (params == document.end() || !params->is_object()) {
    Fail(source, "a model file needs a 'params' object");
  }
  const auto names = ParameterNamesOf(kind);
  for (const auto& [key, value] : params->items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      Fail(source, fmt::format("params has unknown key '{}' for {} (expected {})", key,
                               ToString(kind), JoinNames(names)));
    }
  }
  std::vector<double> values;
  for (std::string_view name : names)
    values.push_back(PositiveParameter(*params, name, source));
  return values;
}

template <typename T>
T ValueOr(const Json& document, const char* key, T fallback) {
  const auto found = document.find(key);
  if (found == document.end() || found->is_null()) return fallback;
  return found->get<T>();
}

TerminationType ParseTermination(const std::string& text, const std::string& source) {
  for (TerminationType type : {TerminationType::kConverged, TerminationType::kIterationLimit,
                               TerminationType::kNoProgress, TerminationType::kNumericalFailure}) {
    if (ToString(type) == text) return type;
  }
  Fail(source, fmt::format("unknown termination '{}'", text));
}

// The fit fields written by clv fit, when the file has them.
std::optional<FitSummary> ReadFit(const Json& document, const ModelFile& file,
                                  const std::string& source) {
  if (!document.contains("termination")) return std::nullopt;
  FitSummary fit;
  fit.model = file.model;
  for (std::string_view name : ParameterNamesOf(file.model))
    fit.parameter_names.emplace_back(name);
  fit.params = file.params;
  fit.termination = ParseTermination(document["termination"].get<std::string>(), source);
  fit.log_likelihood = ValueOr(document, "log_likelihood", 0.0);
  fit.num_customers = ValueOr(document, "n_customers", 0.0);
  fit.num_distinct_rows = ValueOr<std::size_t>(document, "n_distinct_rows", 0);
  fit.num_excluded = ValueOr(document, "n_excluded", 0.0);
  fit.converged = ValueOr(document, "converged", false);
  fit.usable = ValueOr(document, "usable", false);
  fit.message = ValueOr<std::string>(document, "message", "");
  fit.method = ValueOr<std::string>(document, "method", "");
  fit.iterations = ValueOr(document, "iterations", 0);
  fit.gradient_norm = ValueOr(document, "gradient_norm", 0.0);
  fit.initial_log_likelihood = ValueOr(document, "initial_log_likelihood", 0.0);
  fit.aic = ValueOr(document, "aic", 0.0);
  fit.bic = ValueOr(document, "bic", 0.0);
  fit.penalizer = ValueOr(document, "penalizer", 0.0);
  const auto errors = document.find("standard_errors");
  const auto intervals = document.find("confidence_intervals");
  if (errors != document.end() && errors->is_object() && intervals != document.end() &&
      intervals->is_object()) {
    for (const std::string& name : fit.parameter_names) {
      fit.standard_errors.push_back(errors->at(name).get<double>());
      fit.lower_95.push_back(intervals->at(name).at(0).get<double>());
      fit.upper_95.push_back(intervals->at(name).at(1).get<double>());
    }
  }
  return fit;
}

}  // namespace

std::span<const std::string_view> ParameterNamesOf(ModelKind kind) {
  switch (kind) {
    case ModelKind::kBgNbd:
    case ModelKind::kModifiedBgNbd:
      return kBgNbdNames;
    case ModelKind::kParetoNbd:
      return kParetoNbdNames;
    case ModelKind::kBgBb:
      return kBgBbNames;
    case ModelKind::kGammaGamma:
      return kGammaGammaNames;
    case ModelKind::kShiftedBetaGeometric:
      return kSbgNames;
  }
  CLV_CHECK(false, "unknown ModelKind");
}

ModelFile MakeModelFile(const FitSummary& fit, std::optional<TimeUnit> unit) {
  return ModelFile{.model = fit.model, .params = fit.params, .unit = unit, .fit = fit};
}

std::string ModelFileToJson(const ModelFile& file) {
  const auto names = ParameterNamesOf(file.model);
  CLV_CHECK(file.params.size() == names.size(), "model file with the wrong parameter count");
  Json json;
  json["model"] = ToString(file.model);
  json["params"] = ParameterObject(names, file.params);
  if (file.unit) json["unit"] = ToString(*file.unit);
  if (file.fit) json.update(FitToJson(*file.fit, names));
  return json.dump(2) + "\n";
}

ModelFile ParseModelFile(std::string_view json_text, const std::string& source) {
  Json document;
  try {
    document = Json::parse(json_text);
  } catch (const Json::parse_error& error) {
    Fail(source, fmt::format("not valid JSON ({})", error.what()));
  }
  if (!document.is_object()) Fail(source, "a model file must be a JSON object");
  const auto model = document.find("model");
  if (model == document.end() || !model->is_string()) {
    Fail(source, "a model file needs a 'model' name");
  }
  ModelFile file;
  try {
    file.model = ParseModelKind(model->get<std::string>());
    file.params = ReadParameters(document, file.model, source);
    const auto unit = document.find("unit");
    if (unit != document.end() && !unit->is_null()) {
      file.unit = ParseTimeUnit(unit->get<std::string>());
    }
    file.fit = ReadFit(document, file, source);
  } catch (const Json::exception& error) {
    Fail(source, fmt::format("unexpected value ({})", error.what()));
  } catch (const InputError& error) {
    if (error.location().file.empty()) Fail(source, error.what());
    throw;
  }
  return file;
}

ModelFile ReadModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(path, "cannot open the model file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseModelFile(text.str(), path);
}

void WriteModelFile(const std::string& path, const ModelFile& file) {
  detail::WriteFileAtomically(path, ModelFileToJson(file));
}

}  // namespace clv
