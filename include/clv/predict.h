// SPDX-License-Identifier: MIT
// Per-customer predictions from a fitted purchase-count model (and optionally a Gamma-Gamma
// spend model): expected purchases, P(alive), expected spend, CLV and DERT; plus the
// population-level predictions for a new customer and the sBG retention projection.
//
// Every customer is scored independently, so a customer whose history breaks the model's rules
// or whose value cannot be computed gets a status of its own and the other rows are unaffected.
// Customers with the same (frequency, recency, age) share one evaluation of the model. The work
// runs in parallel on oneTBB, and every number is identical for any thread count.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "clv/models/purchase_model.h"
#include "clv/summary_table.h"

namespace clv {

namespace detail {
class AtomicOutputFile;
}

/// What to predict. Durations are in the model's time unit ("model periods": the unit the
/// model was fitted in; opportunities for BG/BB) unless the name says months.
struct PredictOptions {
  /// Length t of the window (T, T + t] for `expected_purchases`, and of (0, t] for the
  /// new-customer predictions. >= 0; a whole number for BG/BB.
  double horizon = 39;

  /// CLV horizon H in months, a whole number >= 0 (REFERENCE.md §11.1; lifetimes' `time`).
  int clv_months = 12;

  /// Discount rate d per month for CLV, >= 0 (lifetimes' `discount_rate`).
  double monthly_discount_rate = 0.01;

  /// When set, compute DERT at this rate, > 0: a continuous rate per model period for BG/NBD,
  /// MBG/NBD and Pareto/NBD, a discrete rate per opportunity for BG/BB (§6.2, §8.2, §11.2).
  std::optional<double> dert_rate;

  /// When set to k >= 0, compute P(X(horizon) = n) for a new customer, n = 0..k.
  std::optional<int> pmf_max_purchases;

  /// When set to t >= 0, also compute P(alive) at T + t (for BG/BB: at opportunity n + 1 + t).
  std::optional<double> p_alive_at;

  /// Worker threads, >= 0; 0 uses the threads oneTBB allows in the calling context.
  int threads = 0;

  /// Distinct histories per parallel block, >= 1. Results do not depend on it.
  int block_size = 256;

  /// True when every field is in range; otherwise `*why` (if given) names the first violated
  /// rule, e.g. "clv_months must be >= 0, got -3".
  bool Validate(std::string* why) const;
};

/// Why a row's predictions are (or are not) complete.
enum class RowStatus : std::uint8_t {
  kOk,              ///< every requested value is finite
  kInvalidHistory,  ///< the history breaks a rule of the model; no value was computed
  kNotComputable,   ///< the history is valid but some value came out non-finite
};

/// "ok", "invalid_history", "not_computable".
std::string_view ToString(RowStatus status);

/// Predictions that do not depend on a customer's history: a customer acquired at time 0.
struct NewCustomerPredictions {
  double horizon = 0;             ///< t, in model periods
  double expected_purchases = 0;  ///< E[X(t)]
  /// P(X(t) = n) for n = 0..pmf_max_purchases; empty unless requested.
  std::vector<double> purchase_count_probabilities;
};

/// Columnar predictions, one entry per customer of the summary, in the summary's row order.
/// Optional columns are empty unless requested (or, for spend, unless a spend model was given).
/// A cell that could not be computed holds NaN and the row's status says why; the CSV writer
/// writes such a cell empty, so no NaN ever reaches the output.
struct PredictionTable {
  PredictOptions options;  ///< the options the table was computed with
  bool has_spend = false;  ///< expected_spend and clv were computed

  std::vector<double> expected_purchases;  ///< E[Y(horizon) | history]
  std::vector<double> p_alive;             ///< P(alive) now
  std::vector<double> expected_spend;      ///< E[M | frequency, monetary_value] (Gamma-Gamma)
  std::vector<double> clv;                 ///< discounted CLV over clv_months (§11.1)
  std::vector<double> dert;                ///< DERT at dert_rate
  std::vector<double> dert_value;          ///< DERT * expected_spend (CLVTools' predicted.CLV)
  std::vector<double> p_alive_future;      ///< P(alive) at T + p_alive_at

  std::vector<RowStatus> status;
  /// For rows that are not ok: index into `status_details` of the reason, e.g.
  /// "recency must be <= T" or "clv"; 0 ("") for ok rows.
  std::vector<std::uint32_t> status_detail;
  std::vector<std::string> status_details{""};

  NewCustomerPredictions new_customer;

  std::size_t size() const { return status.size(); }
  /// "ok", "invalid_history: <rule>" or "not_computable: <column>".
  std::string StatusText(std::size_t row) const;
  /// Rows whose status is not ok.
  std::size_t NumProblemRows() const;
};

/// Scores every customer of `summary` with the purchase model `model` at `purchase_params`
/// (natural scale, in the model's parameter order) and, when `spend_params` is not empty, with
/// the Gamma-Gamma spend model at {p, q, v}:
///  - expected_purchases = E[Y(horizon) | frequency, recency, age], p_alive = P(alive now);
///  - expected_spend = E[M | frequency, monetary_value], the population mean for frequency 0;
///  - clv = sum_{i=1}^{H} expected_spend * (E[Y(i f)] - E[Y(i f - f)]) / (1 + d)^i with H
///    months, d the monthly rate and f = UnitsPerMonth(summary.unit): lifetimes'
///    `customer_lifetime_value` with the same month boundaries and exponents, equal to it up
///    to rounding (REFERENCE.md §11.1, §2.2).
/// Throws InputError for invalid options or parameters (naming the rule); bad histories and
/// non-finite values become row statuses instead.
PredictionTable PredictCustomers(const SummaryTable& summary, const PurchaseModel& model,
                                 std::span<const double> purchase_params,
                                 std::span<const double> spend_params,
                                 const PredictOptions& options);

/// Writes `summary`'s columns (customer_id, frequency, recency, T, monetary_value, weight when
/// present) followed by the prediction columns and `status`, as CSV, atomically, to `path`
/// ("-" is standard output). Doubles are written in their shortest round-trip form.
/// Throws Error when the file cannot be written.
void WritePredictionCsv(const std::string& path, const SummaryTable& summary,
                        const PredictionTable& predictions);

/// A text column written after `status`: row i holds labels[codes[i]] (value tiers, segments).
struct LabelColumn {
  std::string name;
  std::vector<std::string> labels;
  std::span<const int> codes;  ///< one per row
};

/// Writes the CSV of WritePredictionCsv followed by `label_columns` into `out`, leaving the
/// commit to the caller (so several files can be completed before any is renamed into place).
void WritePredictionCsv(detail::AtomicOutputFile& out, const SummaryTable& summary,
                        const PredictionTable& predictions,
                        std::span<const LabelColumn> label_columns);

/// The same CSV text as WritePredictionCsv writes, as a string (for small tables and tests).
std::string FormatPredictionCsv(const SummaryTable& summary, const PredictionTable& predictions);

/// One row of the sBG projection for a cohort (REFERENCE.md §10).
struct RetentionProjectionRow {
  int period = 0;        ///< t >= 1
  double survival = 0;   ///< S(t), share of the cohort still active at the start of period t
  double retention = 0;  ///< r_t = S(t) / S(t - 1)
  /// DERL(d | t - 1 renewals): discounted expected residual lifetime, in periods, of a customer
  /// who has renewed t - 1 times, just before the next renewal decision.
  double discounted_residual_lifetime = 0;
};

/// The sBG projection for periods 1..`periods` at `discount_rate` per period, with sBG
/// parameters {alpha, beta}. Throws InputError when periods < 1, the rate is not > 0 or a
/// parameter is not finite and > 0.
std::vector<RetentionProjectionRow> ProjectRetention(std::span<const double> sbg_params,
                                                     int periods, double discount_rate);

/// CSV text with header `period,survival,retention,derl`.
std::string FormatRetentionProjectionCsv(std::span<const RetentionProjectionRow> rows);

}  // namespace clv
