// SPDX-License-Identifier: MIT
// The fitting driver: L-BFGS over log parameters, a simplex fallback, then the observed
// information for standard errors.
#include <fmt/format.h>
#include <nlopt.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "clv/error.h"
#include "common/log.h"
#include "fit/likelihood_problem.h"

namespace clv::detail {
namespace {

// Log parameters stay within [-kLogBound, kLogBound]: beyond that a model is unidentified.
constexpr double kLogBound = 30.0;
// Step in log parameters for differentiating the gradient (relative error about 1e-8).
constexpr double kHessianStep = 1e-4;
// Two-sided 95 % normal quantile for the Wald intervals.
constexpr double kNormalQuantile95 = 1.959963984540054;

// The mean penalised negative log-likelihood over log parameters y = ln theta:
//   f(y) = -LL(theta) / W + c * sum_k (s_k theta_k)^2,
// remembering the best point seen, so that every stop of an optimiser leaves a usable iterate.
class PenalisedObjective {
 public:
  PenalisedObjective(const LikelihoodProblem& problem, const FitOptions& options)
      : problem_(problem), options_(options), size_(problem.starting_point.size()) {}

  double Evaluate(const double* log_params, double* gradient) {
    ++evaluations_;
    std::array<double, kMaxParameters> params{};
    std::array<double, kMaxParameters> natural_gradient{};
    for (std::size_t k = 0; k < size_; ++k)
      params[k] = std::exp(log_params[k]);
    const double log_likelihood = problem_.log_likelihood(
        std::span<const double>(params.data(), size_),
        gradient ? std::span<double>(natural_gradient.data(), size_) : std::span<double>());
    double value = -log_likelihood / problem_.num_customers;
    double squared_norm = 0;
    for (std::size_t k = 0; k < size_; ++k) {
      const double scale = problem_.penalty_scale[k];
      value += options_.penalizer * scale * scale * params[k] * params[k];
      if (!gradient) continue;
      gradient[k] = params[k] * (-natural_gradient[k] / problem_.num_customers +
                                 2 * options_.penalizer * scale * scale * params[k]);
      squared_norm += gradient[k] * gradient[k];
    }
    if (!std::isfinite(value)) return std::numeric_limits<double>::max();
    if (value < best_value_) {
      best_value_ = value;
      best_log_params_.assign(log_params, log_params + size_);
      best_log_likelihood_ = log_likelihood;
      if (gradient) best_gradient_norm_ = std::sqrt(squared_norm);
    }
    return value;
  }

  /// True when the best point's gradient already meets the tolerance with a wide margin, so
  /// the optimiser may stop early.
  bool FarInsideTolerance() const {
    return best_gradient_norm_ < 1e-2 * options_.gradient_tolerance;
  }

  int evaluations() const { return evaluations_; }
  const std::vector<double>& best_log_params() const { return best_log_params_; }
  double best_log_likelihood() const { return best_log_likelihood_; }

 private:
  const LikelihoodProblem& problem_;
  const FitOptions& options_;
  std::size_t size_;
  int evaluations_ = 0;
  double best_value_ = std::numeric_limits<double>::infinity();
  double best_gradient_norm_ = std::numeric_limits<double>::infinity();
  double best_log_likelihood_ = -std::numeric_limits<double>::infinity();
  std::vector<double> best_log_params_;
};

struct OptimiserRun {
  nlopt_result result = NLOPT_FAILURE;
  bool hit_evaluation_limit() const { return result == NLOPT_MAXEVAL_REACHED; }
};

// Runs one NLopt algorithm from the objective's best point (or `start`) within the bounds.
OptimiserRun RunOptimiser(nlopt_algorithm algorithm, PenalisedObjective& objective,
                          std::vector<double> start, int max_evaluations) {
  const auto size = static_cast<unsigned>(start.size());
  nlopt_opt optimiser = nlopt_create(algorithm, size);
  CLV_CHECK(optimiser != nullptr, "nlopt_create failed");
  struct Context {
    PenalisedObjective* objective;
    nlopt_opt optimiser;
  } context{&objective, optimiser};
  nlopt_set_min_objective(
      optimiser,
      [](unsigned /*size*/, const double* x, double* gradient, void* data) {
        auto* ctx = static_cast<Context*>(data);
        const double value = ctx->objective->Evaluate(x, gradient);
        if (gradient && ctx->objective->FarInsideTolerance()) nlopt_force_stop(ctx->optimiser);
        return value;
      },
      &context);
  const std::vector<double> lower(size, -kLogBound);
  const std::vector<double> upper(size, kLogBound);
  nlopt_set_lower_bounds(optimiser, lower.data());
  nlopt_set_upper_bounds(optimiser, upper.data());
  nlopt_set_maxeval(optimiser, max_evaluations);
  nlopt_set_ftol_rel(optimiser, 1e-15);
  nlopt_set_xtol_rel(optimiser, 1e-12);
  if (algorithm == NLOPT_LN_NELDERMEAD) {
    const std::vector<double> steps(size, 0.1);
    nlopt_set_initial_step(optimiser, steps.data());
  }
  for (double& value : start)
    value = std::clamp(value, -kLogBound, kLogBound);
  double final_value = 0;
  OptimiserRun run;
  run.result = nlopt_optimize(optimiser, start.data(), &final_value);
  nlopt_destroy(optimiser);
  return run;
}

std::vector<double> Exp(const std::vector<double>& log_params) {
  std::vector<double> params(log_params.size());
  for (std::size_t k = 0; k < params.size(); ++k)
    params[k] = std::exp(log_params[k]);
  return params;
}

// Gradient of F(theta) = -LL + W c sum (s theta)^2 with respect to natural parameters.
std::vector<double> PenalisedGradient(const LikelihoodProblem& problem, double penalizer,
                                      const std::vector<double>& params) {
  std::vector<double> gradient(params.size());
  problem.log_likelihood(params, gradient);
  for (std::size_t k = 0; k < params.size(); ++k) {
    const double scale = problem.penalty_scale[k];
    gradient[k] = -gradient[k] + 2 * problem.num_customers * penalizer * scale * scale * params[k];
  }
  return gradient;
}

// Norm of the gradient of the mean objective over log parameters at `params`.
double LogGradientNorm(const LikelihoodProblem& problem, double penalizer,
                       const std::vector<double>& params) {
  const std::vector<double> gradient = PenalisedGradient(problem, penalizer, params);
  double squared = 0;
  for (std::size_t k = 0; k < params.size(); ++k) {
    const double component = params[k] * gradient[k] / problem.num_customers;
    squared += component * component;
  }
  return std::sqrt(squared);
}

// The Hessian of F in natural parameters, by central differences of the analytic gradient over
// log parameters and the chain rule d2F/dy_j dy_k = theta_j theta_k H_jk + [j=k] theta_j g_j.
Eigen::MatrixXd PenalisedHessian(const LikelihoodProblem& problem, double penalizer,
                                 const std::vector<double>& params) {
  const auto size = static_cast<Eigen::Index>(params.size());
  const auto log_gradient = [&](std::vector<double> log_params) {
    const std::vector<double> at = Exp(log_params);
    std::vector<double> gradient = PenalisedGradient(problem, penalizer, at);
    for (std::size_t k = 0; k < at.size(); ++k)
      gradient[k] *= at[k];
    return gradient;
  };
  std::vector<double> log_params(params.size());
  for (std::size_t k = 0; k < params.size(); ++k)
    log_params[k] = std::log(params[k]);
  const std::vector<double> gradient = PenalisedGradient(problem, penalizer, params);

  Eigen::MatrixXd hessian(size, size);
  for (Eigen::Index k = 0; k < size; ++k) {
    std::vector<double> up = log_params;
    std::vector<double> down = log_params;
    up[static_cast<std::size_t>(k)] += kHessianStep;
    down[static_cast<std::size_t>(k)] -= kHessianStep;
    const std::vector<double> g_up = log_gradient(up);
    const std::vector<double> g_down = log_gradient(down);
    for (Eigen::Index j = 0; j < size; ++j) {
      const auto jj = static_cast<std::size_t>(j);
      hessian(j, k) = (g_up[jj] - g_down[jj]) / (2 * kHessianStep);
    }
  }
  hessian = (0.5 * (hessian + hessian.transpose())).eval();
  for (Eigen::Index j = 0; j < size; ++j) {
    const auto jj = static_cast<std::size_t>(j);
    hessian(j, j) -= params[jj] * gradient[jj];
    for (Eigen::Index k = 0; k < size; ++k) {
      hessian(j, k) /= params[jj] * params[static_cast<std::size_t>(k)];
    }
  }
  return hessian;
}

// Standard errors and Wald intervals from the inverse of the observed information.
void AddStandardErrors(const LikelihoodProblem& problem, double penalizer, FitSummary& summary) {
  const Eigen::MatrixXd information = PenalisedHessian(problem, penalizer, summary.params);
  const Eigen::LLT<Eigen::MatrixXd> cholesky(information);
  if (!information.allFinite() || cholesky.info() != Eigen::Success) {
    summary.standard_errors_note =
        "the observed information is not positive definite; no standard errors";
    return;
  }
  const Eigen::MatrixXd covariance =
      cholesky.solve(Eigen::MatrixXd::Identity(information.rows(), information.cols()));
  for (std::size_t k = 0; k < summary.params.size(); ++k) {
    const double variance = covariance(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
    if (!(variance > 0) || !std::isfinite(variance)) {
      summary.standard_errors.clear();
      summary.lower_95.clear();
      summary.upper_95.clear();
      summary.standard_errors_note = "the covariance matrix has a non-positive variance";
      return;
    }
    const double error = std::sqrt(variance);
    summary.standard_errors.push_back(error);
    summary.lower_95.push_back(summary.params[k] - kNormalQuantile95 * error);
    summary.upper_95.push_back(summary.params[k] + kNormalQuantile95 * error);
  }
}

bool AtBound(const std::vector<double>& log_params) {
  return std::any_of(log_params.begin(), log_params.end(),
                     [](double y) { return std::abs(y) >= kLogBound - 1e-6; });
}

TerminationType ClassifyStop(double gradient_norm, const FitOptions& options,
                             const std::vector<double>& log_params, bool hit_evaluation_limit) {
  if (AtBound(log_params) || !std::isfinite(gradient_norm)) {
    return TerminationType::kNumericalFailure;
  }
  if (gradient_norm <= options.gradient_tolerance) return TerminationType::kConverged;
  if (hit_evaluation_limit) return TerminationType::kIterationLimit;
  return TerminationType::kNoProgress;
}

std::string DescribeStop(TerminationType termination, double gradient_norm,
                         const FitOptions& options) {
  const std::string norm = fmt::format("{:.3g}", gradient_norm);
  const std::string tolerance = fmt::format("{:.3g}", options.gradient_tolerance);
  switch (termination) {
    case TerminationType::kConverged:
      return "gradient norm " + norm + " <= " + tolerance;
    case TerminationType::kIterationLimit:
      return "stopped after max_iterations = " + std::to_string(options.max_iterations) +
             " evaluations with gradient norm " + norm;
    case TerminationType::kNoProgress:
      return "optimisers stalled with gradient norm " + norm + " > " + tolerance;
    case TerminationType::kNumericalFailure:
      return "a parameter ran off to 0 or infinity, or the likelihood is not finite";
  }
  CLV_CHECK(false, "unknown TerminationType");
}

void AddInformationCriteria(FitSummary& summary) {
  const double k = static_cast<double>(summary.params.size());
  summary.aic = 2 * k - 2 * summary.log_likelihood;
  summary.bic = k * std::log(summary.num_customers) - 2 * summary.log_likelihood;
}

FitSummary StartSummary(const LikelihoodProblem& problem, const FitOptions& options) {
  FitSummary summary;
  summary.model = problem.model;
  summary.parameter_names = problem.parameter_names;
  summary.params = problem.starting_point;
  summary.penalizer = options.penalizer;
  summary.num_customers = problem.num_customers;
  summary.num_distinct_rows = problem.num_distinct_rows;
  summary.num_excluded = problem.num_excluded;
  summary.exclusion_note = problem.exclusion_note;
  return summary;
}

}  // namespace

FitSummary MaximiseLikelihood(const LikelihoodProblem& problem, const FitOptions& options,
                              std::chrono::steady_clock::time_point started) {
  CLV_CHECK(problem.starting_point.size() <= kMaxParameters, "too many parameters");
  FitSummary summary = StartSummary(problem, options);
  summary.initial_log_likelihood = problem.log_likelihood(problem.starting_point, {});
  summary.log_likelihood = summary.initial_log_likelihood;
  if (!std::isfinite(summary.initial_log_likelihood)) {
    summary.termination = TerminationType::kNumericalFailure;
    summary.message = "the log-likelihood is not finite at the starting point";
    Log().warn(summary.BriefReport());
    return summary;
  }

  PenalisedObjective objective(problem, options);
  std::vector<double> start(problem.starting_point.size());
  for (std::size_t k = 0; k < start.size(); ++k)
    start[k] = std::log(problem.starting_point[k]);
  summary.method = "lbfgs";
  bool hit_limit =
      RunOptimiser(NLOPT_LD_LBFGS, objective, start, options.max_iterations).hit_evaluation_limit();
  double gradient_norm =
      LogGradientNorm(problem, options.penalizer, Exp(objective.best_log_params()));
  if (gradient_norm > options.gradient_tolerance && options.derivative_free_fallback) {
    // L-BFGS stalls on badly scaled or nearly flat likelihoods (§13.4); a simplex search from
    // its best point does not rely on the gradient, and L-BFGS then polishes its result.
    summary.method += "+simplex+lbfgs";
    hit_limit = RunOptimiser(NLOPT_LN_NELDERMEAD, objective, objective.best_log_params(),
                             options.max_iterations)
                    .hit_evaluation_limit();
    hit_limit |=
        RunOptimiser(NLOPT_LD_LBFGS, objective, objective.best_log_params(), options.max_iterations)
            .hit_evaluation_limit();
    gradient_norm = LogGradientNorm(problem, options.penalizer, Exp(objective.best_log_params()));
  }

  summary.params = Exp(objective.best_log_params());
  summary.log_likelihood = problem.log_likelihood(summary.params, {});
  summary.iterations = objective.evaluations();
  summary.gradient_norm = gradient_norm;
  summary.termination =
      ClassifyStop(gradient_norm, options, objective.best_log_params(), hit_limit);
  summary.message = DescribeStop(summary.termination, gradient_norm, options);
  summary.converged = summary.termination == TerminationType::kConverged;
  summary.usable = summary.converged && std::isfinite(summary.log_likelihood);
  AddInformationCriteria(summary);
  if (options.compute_standard_errors) AddStandardErrors(problem, options.penalizer, summary);
  summary.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Log().log(summary.usable ? spdlog::level::info : spdlog::level::warn, summary.BriefReport());
  return summary;
}

}  // namespace clv::detail
