// SPDX-License-Identifier: MIT
// FitOptions validation and the FitSummary reports.
#include <fmt/format.h>

#include <cmath>

#include "clv/error.h"
#include "clv/fit.h"
#include "fit/likelihood_problem.h"

namespace clv {

std::string_view ToString(TerminationType termination) {
  switch (termination) {
    case TerminationType::kConverged:
      return "converged";
    case TerminationType::kIterationLimit:
      return "iteration_limit";
    case TerminationType::kNoProgress:
      return "no_progress";
    case TerminationType::kNumericalFailure:
      return "numerical_failure";
  }
  CLV_CHECK(false, "unknown TerminationType");
}

bool FitOptions::Validate(std::string* why) const {
  const auto fail = [&](const std::string& rule) {
    if (why) *why = rule;
    return false;
  };
  if (max_iterations < 1) {
    return fail(fmt::format("max_iterations must be >= 1, got {}", max_iterations));
  }
  if (!(gradient_tolerance > 0) || !std::isfinite(gradient_tolerance)) {
    return fail(fmt::format("gradient_tolerance must be > 0, got {}", gradient_tolerance));
  }
  if (!(penalizer >= 0) || !std::isfinite(penalizer)) {
    return fail(fmt::format("penalizer must be >= 0, got {}", penalizer));
  }
  for (std::size_t k = 0; k < starting_point.size(); ++k) {
    if (!(starting_point[k] > 0) || !std::isfinite(starting_point[k])) {
      return fail(
          fmt::format("starting_point[{}] must be finite and > 0, got {}", k, starting_point[k]));
    }
  }
  if (block_size < 1) return fail(fmt::format("block_size must be >= 1, got {}", block_size));
  return true;
}

std::string FitSummary::BriefReport() const {
  return fmt::format("{} fit: {} ({}), LL {:.4f}, {} evaluations, {:.3f} s", ToString(model),
                     ToString(termination), message, log_likelihood, iterations, elapsed_seconds);
}

std::string FitSummary::FullReport() const {
  std::string report = fmt::format("{} fit on {} customers ({} distinct rows)\n\n", ToString(model),
                                   num_customers, num_distinct_rows);
  report += fmt::format("{:<10} {:>14} {:>14} {:>14} {:>14}\n", "parameter", "estimate",
                        "std. error", "lower 95%", "upper 95%");
  const bool has_errors = standard_errors.size() == params.size();
  for (std::size_t k = 0; k < params.size(); ++k) {
    if (has_errors) {
      report += fmt::format("{:<10} {:>14.6g} {:>14.6g} {:>14.6g} {:>14.6g}\n", parameter_names[k],
                            params[k], standard_errors[k], lower_95[k], upper_95[k]);
    } else {
      report += fmt::format("{:<10} {:>14.6g} {:>14} {:>14} {:>14}\n", parameter_names[k],
                            params[k], "-", "-", "-");
    }
  }
  if (!standard_errors_note.empty()) report += "note: " + standard_errors_note + "\n";
  if (!exclusion_note.empty()) report += "note: " + exclusion_note + "\n";
  report += fmt::format(
      "\nlog-likelihood   {:.6f} (initial {:.6f})\nAIC {:.4f}   BIC {:.4f}   penalizer {}\n"
      "termination      {}: {}\nmethod           {}, {} evaluations, gradient norm {:.3g}\n"
      "usable           {}\nelapsed          {:.3f} s\n",
      log_likelihood, initial_log_likelihood, aic, bic, penalizer, ToString(termination), message,
      method, iterations, gradient_norm, usable ? "yes" : "no", elapsed_seconds);
  return report;
}

namespace detail {

void ThrowUnlessValid(const FitOptions& options) {
  std::string why;
  if (!options.Validate(&why)) throw InputError("fit options: " + why);
}

}  // namespace detail
}  // namespace clv
