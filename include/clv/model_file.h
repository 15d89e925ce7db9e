// SPDX-License-Identifier: MIT
// The model file: a JSON object holding a fitted (or hand-written) model.
//
//   {"model": "bgnbd", "params": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
//    "unit": "week", "log_likelihood": -9582.43, "n_customers": 2357, "converged": true, ...}
//
// Parameter keys by model: bgnbd and mbgnbd r, alpha, a, b; pnbd r, alpha, s, beta; bgbb alpha,
// beta, gamma, delta; gg p, q, v; sbg alpha, beta. `clv fit` also writes standard_errors,
// confidence_intervals, termination, iterations, gradient_norm, usable, aic, bic and penalizer.
// Only `model` and `params` are required when reading, so a model can be written by hand.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clv/fit.h"
#include "clv/models/model_kind.h"
#include "clv/summary_table.h"

namespace clv {

/// The parameter names (JSON keys) of `kind`, in the order fits and kernels use.
std::span<const std::string_view> ParameterNamesOf(ModelKind kind);

struct ModelFile {
  ModelKind model = ModelKind::kBgNbd;
  std::vector<double> params;  ///< natural scale, in ParameterNamesOf(model) order
  /// The time unit the durations were measured in when fitting; absent in a hand-written file
  /// that does not say.
  std::optional<TimeUnit> unit;
  /// The fit that produced the parameters; absent in a hand-written file. When present, its
  /// params equal `params`.
  std::optional<FitSummary> fit;
};

/// A model file for the result of a fit.
ModelFile MakeModelFile(const FitSummary& fit, std::optional<TimeUnit> unit);

/// The JSON text of `file` (pretty printed, ending with a newline).
std::string ModelFileToJson(const ModelFile& file);

/// Parses model-file JSON; `source` names the origin in error messages. Throws InputError for
/// invalid JSON, an unknown model, a missing or non-positive parameter, or an unknown unit.
ModelFile ParseModelFile(std::string_view json_text, const std::string& source);

/// Reads and parses the file at `path`. Throws InputError when it cannot be read or parsed.
ModelFile ReadModelFile(const std::string& path);

/// Writes `file` to `path` atomically ("-" is standard output). Throws Error on I/O failure.
void WriteModelFile(const std::string& path, const ModelFile& file);

}  // namespace clv
