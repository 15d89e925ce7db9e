// SPDX-License-Identifier: MIT
// Fitting the Gamma-Gamma spend model on the repeat buyers of a summary (REFERENCE.md §9).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "clv/error.h"
#include "clv/fit.h"
#include "clv/models/gamma_gamma.h"
#include "fit/distinct_rows.h"
#include "fit/likelihood_problem.h"

namespace clv {
namespace {

// Repeat buyers with positive spend, as (frequency, monetary_value) rows; the rest is counted.
struct SpendRows {
  std::vector<CustomerHistory> rows;  ///< frequency in `frequency`, monetary value in `recency`
  std::vector<double> weights;
  double zero_repeaters = 0;
  double non_positive_spend = 0;
};

SpendRows SelectRepeatBuyers(const SummaryTable& summary) {
  SpendRows selected;
  for (std::size_t row = 0; row < summary.size(); ++row) {
    const double frequency = summary.frequency[row];
    const double spend = summary.monetary_value.empty() ? 0.0 : summary.monetary_value[row];
    const double weight = summary.WeightOf(row);
    if (!(frequency >= 0) || !std::isfinite(frequency)) {
      throw InputError(fmt::format("summary row {}: frequency must be finite and >= 0, got {}",
                                   row + 1, frequency));
    }
    if (!std::isfinite(spend)) {
      throw InputError(
          fmt::format("summary row {}: monetary_value must be finite, got {}", row + 1, spend));
    }
    if (!(weight >= 0) || !std::isfinite(weight)) {
      throw InputError(
          fmt::format("summary row {}: weight must be finite and >= 0, got {}", row + 1, weight));
    }
    if (frequency == 0) {
      selected.zero_repeaters += weight;
    } else if (spend <= 0) {
      selected.non_positive_spend += weight;
    } else {
      selected.rows.push_back({frequency, spend, 0.0});
      selected.weights.push_back(weight);
    }
  }
  return selected;
}

std::string ExclusionNote(const SpendRows& selected) {
  std::string note;
  if (selected.zero_repeaters > 0) {
    note = fmt::format("{} customers with frequency 0 left out (gg fits on repeat buyers)",
                       selected.zero_repeaters);
  }
  if (selected.non_positive_spend > 0) {
    if (!note.empty()) note += "; ";
    note += fmt::format("{} repeat buyers with monetary_value <= 0 left out (no logarithm)",
                        selected.non_positive_spend);
  }
  return note;
}

// What the log-density needs of each distinct row that does not change during a fit.
struct SpendConstants {
  std::vector<double> frequencies;             ///< the distinct frequencies, ascending
  std::vector<std::uint32_t> frequency_index;  ///< per row: index into `frequencies`
  std::vector<double> log_frequency;           ///< per row: ln x
  std::vector<double> log_monetary_value;      ///< per row: ln zbar
};

SpendConstants PrecomputeSpendConstants(const detail::DistinctRows& rows) {
  SpendConstants constants;
  for (const CustomerHistory& row : rows.histories)
    constants.frequencies.push_back(row.frequency);
  std::sort(constants.frequencies.begin(), constants.frequencies.end());
  constants.frequencies.erase(
      std::unique(constants.frequencies.begin(), constants.frequencies.end()),
      constants.frequencies.end());
  for (const CustomerHistory& row : rows.histories) {
    const auto at =
        std::lower_bound(constants.frequencies.begin(), constants.frequencies.end(), row.frequency);
    constants.frequency_index.push_back(
        static_cast<std::uint32_t>(at - constants.frequencies.begin()));
    constants.log_frequency.push_back(std::log(row.frequency));
    constants.log_monetary_value.push_back(std::log(row.recency));
  }
  return constants;
}

// p = 1 and q = 2 with v at the mean spend, so that the population mean p v / (q - 1) starts
// at the sample mean.
std::vector<double> DefaultStartingPoint(const detail::DistinctRows& rows) {
  double total = 0;
  for (std::size_t i = 0; i < rows.histories.size(); ++i) {
    total += rows.weights[i] * rows.histories[i].recency;
  }
  return {1.0, 2.0, total / rows.num_customers};
}

}  // namespace

FitSummary FitGammaGamma(const SummaryTable& summary, const FitOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  detail::ThrowUnlessValid(options);
  const SpendRows selected = SelectRepeatBuyers(summary);
  const detail::DistinctRows rows = detail::CollapseToDistinctRows(selected.rows, selected.weights);
  if (rows.histories.empty()) {
    throw InputError("gg needs at least one repeat buyer (frequency >= 1) with monetary_value > 0");
  }

  detail::LikelihoodProblem problem;
  problem.model = ModelKind::kGammaGamma;
  problem.parameter_names = {"p", "q", "v"};
  problem.starting_point =
      options.starting_point.empty() ? DefaultStartingPoint(rows) : options.starting_point;
  if (problem.starting_point.size() != 3) {
    throw InputError(
        fmt::format("gg needs 3 starting values (p, q, v), got {}", problem.starting_point.size()));
  }
  problem.penalty_scale = {1.0, 1.0, 1.0};
  problem.num_customers = rows.num_customers;
  problem.num_distinct_rows = rows.histories.size();
  problem.num_excluded = selected.zero_repeaters + selected.non_positive_spend;
  problem.exclusion_note = ExclusionNote(selected);
  const SpendConstants constants = PrecomputeSpendConstants(rows);
  problem.log_likelihood = [&](std::span<const double> params, std::span<double> gradient) {
    // The gamma-function terms depend on the frequency only: once per distinct frequency.
    std::vector<GammaGammaFrequencyTerms> terms(constants.frequencies.size());
    for (std::size_t k = 0; k < terms.size(); ++k) {
      terms[k] = GammaGammaTermsOfFrequency(params, constants.frequencies[k], !gradient.empty());
    }
    return detail::SumOverBlocks(
        rows.histories.size(), options.block_size, gradient,
        [&](std::size_t begin, std::size_t end, std::span<double> block_gradient) {
          double total = 0;
          std::array<double, 3> row_gradient{};
          const std::span<double> wanted =
              block_gradient.empty() ? std::span<double>() : std::span<double>(row_gradient);
          for (std::size_t i = begin; i < end; ++i) {
            const CustomerHistory& row = rows.histories[i];
            const double weight = rows.weights[i];
            total += weight * GammaGammaLogDensity(params, row.frequency, row.recency,
                                                   constants.log_frequency[i],
                                                   constants.log_monetary_value[i],
                                                   terms[constants.frequency_index[i]], wanted);
            for (std::size_t k = 0; k < block_gradient.size(); ++k) {
              block_gradient[k] += weight * row_gradient[k];
            }
          }
          return total;
        });
  };
  return detail::MaximiseLikelihood(problem, options, started);
}

}  // namespace clv
