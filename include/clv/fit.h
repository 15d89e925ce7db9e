// SPDX-License-Identifier: MIT
// Maximum-likelihood fitting of every clv model: the purchase-count models (BG/NBD, MBG/NBD,
// Pareto/NBD, BG/BB), the Gamma-Gamma spend model and the contractual sBG model.
//
// A fit takes FitOptions and returns a FitSummary. Not converging is a result, never an
// exception: the summary says how the optimiser stopped and whether the estimate is usable.
// Exceptions are reserved for bad input (InputError) and bugs (CLV_CHECK).
//
// How a fit runs:
//  1. the customers are collapsed to distinct histories with counts, so the cost depends on the
//     number of distinct rows, not on the number of customers (REFERENCE.md §1.2);
//  2. the penalised mean negative log-likelihood is minimised over log parameters by L-BFGS
//     with the models' analytic gradients; when L-BFGS stops without a small gradient a
//     derivative-free simplex search restarts from its best point, followed by L-BFGS again;
//  3. standard errors come from the observed information (the Hessian of the log-likelihood,
//     obtained by central differences of the analytic gradient).
// The log-likelihood sum runs in parallel over fixed blocks of distinct rows and is added in
// block order, so every number in the summary is identical for any thread count.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clv/models/model_kind.h"
#include "clv/summary_table.h"

namespace clv {

/// How the optimiser stopped.
enum class TerminationType {
  /// The gradient of the mean objective (over log parameters) is below
  /// `FitOptions::gradient_tolerance`. The estimate is usable.
  kConverged,
  /// `FitOptions::max_iterations` was reached first. The parameters are the best iterate seen,
  /// not an optimum; the estimate is not usable.
  kIterationLimit,
  /// The optimisers stopped making progress (line search and simplex both stalled) with a
  /// gradient above the tolerance. The parameters are the best point seen; not usable.
  kNoProgress,
  /// The log-likelihood is not finite at the starting point or the parameters ran off to 0 or
  /// infinity (an unidentified model). Not usable.
  kNumericalFailure,
};

/// "converged", "iteration_limit", "no_progress", "numerical_failure".
std::string_view ToString(TerminationType termination);

/// Options of a fit. Every field has a sensible default.
struct FitOptions {
  /// Most objective evaluations per optimiser run (L-BFGS, then, when it falls back, the simplex
  /// search and L-BFGS again, each with this budget), >= 1.
  int max_iterations = 1000;

  /// Convergence: the Euclidean norm of the gradient of the mean negative log-likelihood
  /// (penalty included) with respect to the log parameters must fall below this, > 0.
  double gradient_tolerance = 1e-6;

  /// L2 penalty coefficient c >= 0, as lifetimes' `penalizer_coef`: the objective minimised is
  ///   -LL / W + c * sum_k theta_k^2
  /// where W is the number of customers and theta the natural-scale parameters. As in lifetimes,
  /// for BG/NBD, MBG/NBD and Pareto/NBD the time-scale parameters (alpha, and beta of
  /// Pareto/NBD) enter the penalty in a rescaled time unit in which the oldest customer has age
  /// 10; BG/BB, Gamma-Gamma and sBG penalise the parameters as they are.
  double penalizer = 0.0;

  /// Where the search starts, in natural scale and in parameter order; empty means the model's
  /// default starting point. Every value must be finite and > 0.
  std::vector<double> starting_point;

  /// Restart from L-BFGS's best point with a simplex search when L-BFGS fails to converge.
  bool derivative_free_fallback = true;

  /// Compute standard errors and confidence intervals (one Hessian, 2 k gradient evaluations).
  bool compute_standard_errors = true;

  /// Distinct rows per parallel block of the log-likelihood sum, >= 1. Changing it may change
  /// the last bits of the results; the thread count never does.
  int block_size = 512;

  /// True when every field is in range; otherwise `*why` (if given) names the first violated
  /// rule, e.g. "max_iterations must be >= 1, got 0".
  bool Validate(std::string* why) const;
};

/// The result of a fit, in natural-scale parameters.
struct FitSummary {
  ModelKind model = ModelKind::kBgNbd;
  std::vector<std::string> parameter_names;  ///< the model file's keys, e.g. r, alpha, a, b
  std::vector<double> params;                ///< the estimate (best point seen), natural scale

  /// Standard errors and Wald 95 % intervals (estimate -+ 1.96 SE) from the observed
  /// information; empty when not computed or when the information matrix is not positive
  /// definite (then `standard_errors_note` says why).
  std::vector<double> standard_errors;
  std::vector<double> lower_95;
  std::vector<double> upper_95;
  std::string standard_errors_note;

  double log_likelihood = 0;          ///< sum_i w_i ln L_i at `params`, without the penalty
  double initial_log_likelihood = 0;  ///< the same at the starting point
  double penalizer = 0;               ///< FitOptions::penalizer used
  double aic = 0;                     ///< 2 k - 2 LL
  double bic = 0;                     ///< k ln(num_customers) - 2 LL

  double num_customers = 0;           ///< customers used (sum of weights)
  std::size_t num_distinct_rows = 0;  ///< likelihood evaluations per pass
  double num_excluded = 0;            ///< customers left out (Gamma-Gamma: zero repeaters etc.)
  std::string exclusion_note;         ///< why they were left out, "" when none were

  TerminationType termination = TerminationType::kNumericalFailure;
  std::string message;       ///< one line on how the optimiser stopped
  std::string method;        ///< optimisers used, e.g. "lbfgs" or "lbfgs+simplex+lbfgs"
  int iterations = 0;        ///< objective evaluations, all optimisers together
  double gradient_norm = 0;  ///< final norm of the mean-objective gradient over log parameters
  bool converged = false;    ///< termination == kConverged
  bool usable = false;       ///< fit for scoring: converged and every parameter finite and > 0
  double elapsed_seconds = 0;

  /// One line: model, termination, LL, iterations, time.
  std::string BriefReport() const;
  /// A table of estimates, standard errors and intervals, then the fit statistics.
  std::string FullReport() const;
};

/// Fits a purchase-count model (bgnbd, mbgnbd, pnbd, bgbb) to `summary` (its frequency,
/// recency, age and weight columns; for bgbb `age` is the number of opportunities n).
/// Throws InputError for an empty summary or a row breaking the model's rules (the message
/// names the row and the rule, e.g. "row 12: recency must be <= T").
FitSummary FitPurchaseModel(ModelKind kind, const SummaryTable& summary,
                            const FitOptions& options = {});

/// Fits the Gamma-Gamma spend model (REFERENCE.md §9) to the repeat buyers of `summary`
/// (frequency >= 1) on (frequency x, monetary_value zbar). Customers with frequency 0 are left
/// out as usual, and repeat buyers with monetary_value <= 0 (no logarithm) are left out and
/// counted in `num_excluded`, with a note. Throws InputError when no repeat buyer is left or a
/// value is negative or not finite.
FitSummary FitGammaGamma(const SummaryTable& summary, const FitOptions& options = {});

/// Fits the shifted-beta-geometric model (REFERENCE.md §10) to one cohort:
/// `active_customers[t]` is the number of customers still active at the start of period t,
/// with period 0 the whole cohort. Throws InputError unless there are at least two periods and
/// the counts are finite, positive at period 0 and non-increasing.
FitSummary FitShiftedBetaGeometric(std::span<const double> active_customers,
                                   const FitOptions& options = {});

/// Dispatches on `kind` for every model that fits on a customer summary (all but sbg).
FitSummary FitModel(ModelKind kind, const SummaryTable& summary, const FitOptions& options = {});

}  // namespace clv
