// SPDX-License-Identifier: MIT
// The spend side of the analysis: the Gamma-Gamma fit (REFERENCE.md §9) and the check of its
// central assumption, that what a customer spends per purchase does not depend on how often
// they buy. The model is still fitted when the check fails; the analysis then says so, because
// CLV multiplies the two and a strong correlation biases it.
#pragma once

#include <optional>
#include <string>

#include "clv/analyze.h"

namespace clv::detail {

/// Pearson correlation of frequency and monetary value over the repeat buyers with a positive
/// monetary value. Fewer than three such buyers give correlation 0 and a note saying so.
SpendIndependence CheckSpendIndependence(const SummaryTable& summary);

struct SpendModel {
  std::optional<FitSummary> fit;  ///< set when the fit is usable
  std::optional<SpendIndependence> independence;
  std::vector<std::string> warnings;  ///< why there is no spend model, or why to be careful
};

/// Fits Gamma-Gamma on `summary`. A log without amounts, without repeat buyers who spent, or
/// whose fit does not converge yields no model and a warning instead of an exception.
SpendModel FitSpendModel(const SummaryTable& summary, const FitOptions& options);

}  // namespace clv::detail
