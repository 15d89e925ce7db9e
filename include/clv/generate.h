// SPDX-License-Identifier: MIT
// Synthetic customers: simulators that draw customer summaries straight from the models' own
// stories (for parameter-recovery and moment checks), and the transaction-log generator behind
// `clv generate` (for tests and benchmarks of the whole pipeline).
//
// Determinism: customer i of a run with seed s always gets the same random stream, derived from
// (s, i) alone. Results are therefore identical for any thread count, and the first k customers
// of a run do not change when more customers are requested.
//
// Vocabulary (REFERENCE.md §1.2): frequency = x, recency = t_x, age = T (for BG/BB: n, the
// number of transaction opportunities), monetary value = zbar.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "clv/models/model_kind.h"
#include "clv/models/purchase_model.h"

namespace clv {

// ---------------------------------------------------------------------------------------------
// Simulators
// ---------------------------------------------------------------------------------------------

/// Draws one summary (frequency, recency, age) per entry of `ages` from a purchase-count model,
/// following the process of its paper exactly:
///  - bgnbd (REFERENCE.md §4), params (r, alpha, a, b): lambda ~ Gamma(r, rate alpha),
///    p ~ Beta(a, b); Poisson purchases at rate lambda; after each repeat purchase the customer
///    leaves with probability p.
///  - mbgnbd (§5), same params: as bgnbd, and the customer may also leave right after the first
///    purchase.
///  - pnbd (§6), params (r, alpha, s, beta): lambda ~ Gamma(r, alpha), lifetime exponential with
///    rate mu ~ Gamma(s, beta); purchases while alive.
///  - bgbb (§8), params (alpha, beta, gamma, delta): p ~ Beta(alpha, beta),
///    theta ~ Beta(gamma, delta); at each of the n = age opportunities an active customer first
///    leaves with probability theta, else buys with probability p. `ages` must be whole numbers.
/// Ages are in the model's time unit, measured from the first purchase. Throws InputError for
/// gg or sbg, invalid parameters or negative ages. Thread safe; runs in parallel.
std::vector<CustomerHistory> SimulateCustomers(ModelKind model, std::span<const double> params,
                                               std::span<const double> ages, std::uint64_t seed);

/// Gamma-Gamma spend (REFERENCE.md §9), params (p, q, gamma): for each customer
/// nu ~ Gamma(q, rate gamma) and each of the `frequencies[i]` repeat transactions has value
/// z ~ Gamma(p, rate nu). Returns the mean repeat value zbar per customer, 0 when the frequency
/// is 0. Throws InputError for invalid parameters or frequencies that are not whole numbers >= 0.
std::vector<double> SimulateMonetaryValues(std::span<const double> params,
                                           std::span<const double> frequencies, std::uint64_t seed);

/// Shifted-beta-geometric cohort (REFERENCE.md §10): each of `num_customers` churns at the end
/// of every period with probability theta ~ Beta(alpha, beta). Returns the number still active
/// at the start of periods 0..num_periods (element 0 is num_customers), the form of the
/// retention table in §3.3.
std::vector<std::int64_t> SimulateCohortSurvival(double alpha, double beta,
                                                 std::int64_t num_customers, int num_periods,
                                                 std::uint64_t seed);

// ---------------------------------------------------------------------------------------------
// Transaction-log generator
// ---------------------------------------------------------------------------------------------

enum class RowOrder {
  kCustomer,  ///< all rows of customer 1, then customer 2, ...; each customer's rows in time order
  kTime,      ///< by timestamp, customers interleaved (ties broken by customer, then purchase)
};

enum class CustomerIdFormat {
  kString,   ///< "C000000001", "C000000002", ... (C and nine digits, wider beyond 10^9)
  kInteger,  ///< "1", "2", ...
};

enum class TimestampFormat {
  kDate,      ///< YYYY-MM-DD
  kDateTime,  ///< YYYY-MM-DDTHH:MM:SS
};

/// What `clv generate` draws. Time unit: days. Customer i is acquired (makes its first purchase)
/// at a uniform time in [0, acquisition_days) after the start of `start_date`, then buys under
/// `model` until the end of the observation window, `observation_days` after the start. Every
/// transaction, the first included, has a Gamma-Gamma value (REFERENCE.md §9), rounded to cents
/// and at least 0.01.
struct TransactionLogOptions {
  /// bgnbd or pnbd.
  ModelKind model = ModelKind::kBgNbd;
  /// Per day, in the order of PurchaseModel::ParameterNames(); empty takes
  /// DefaultDailyPurchaseParameters(model).
  std::vector<double> purchase_params;
  /// Gamma-Gamma (p, q, gamma); the default is the CDNOW estimate of REFERENCE.md §9.
  std::array<double, 3> spend_params = {6.25, 3.74, 15.44};
  std::int64_t num_customers = 1000;      ///< 1 .. 2^32 - 1
  std::string start_date = "2024-01-01";  ///< YYYY-MM-DD
  int observation_days = 365;             ///< length of the log, 1 .. 36500
  int acquisition_days = 90;              ///< 1 .. observation_days
  std::uint64_t seed = 1;
  RowOrder order = RowOrder::kCustomer;
  CustomerIdFormat id_format = CustomerIdFormat::kString;
  TimestampFormat timestamps = TimestampFormat::kDate;
  bool transaction_ids = false;  ///< adds a `transaction_id` column ("<customer id>-<k>")
  /// When not empty, adds a `channel` column: each customer's acquisition channel, drawn
  /// uniformly from these names.
  std::vector<std::string> channels;
  /// RowOrder::kTime keeps at most about this many bytes of pending rows in memory; larger logs
  /// are produced in several passes over the customers.
  std::int64_t memory_budget_bytes = std::int64_t{1} << 30;

  /// Throws InputError naming the first option that breaks its rule.
  void Validate() const;
};

/// What a generator run produced.
struct TransactionLogSummary {
  std::int64_t customers = 0;
  std::int64_t rows = 0;
  int passes = 0;  ///< passes over the customers (1 for customer order)
  double elapsed_seconds = 0;
};

/// CDNOW-like defaults per day: the weekly CDNOW estimates of REFERENCE.md §4.3 (bgnbd:
/// 0.243, 4.414, 0.793, 2.426) and §6.3 (pnbd: 0.553, 10.578, 0.606, 11.669) with the rate
/// parameters alpha and beta multiplied by 7.
std::vector<double> DefaultDailyPurchaseParameters(ModelKind model);

/// Writes the log as CSV with header `customer_id,timestamp,amount[,transaction_id][,channel]`
/// to `path` atomically ("-" for standard output); a path ending in ".gz" is gzip-compressed
/// (concatenated gzip members, one per block of customers). Throws InputError for invalid
/// options, Error when the output cannot be written.
TransactionLogSummary WriteTransactionLog(const TransactionLogOptions& options,
                                          const std::string& path);

/// Writes each customer's latent traits for diagnostics, as CSV with header
/// `customer_id,first_purchase,purchase_rate,dropout,spend_rate[,channel]`: purchase_rate is
/// lambda per day, dropout is p (bgnbd) or the death rate mu per day (pnbd), spend_rate is the
/// Gamma-Gamma nu. Rows in customer order; the same customers as WriteTransactionLog.
void WriteLatentTraits(const TransactionLogOptions& options, const std::string& path);

}  // namespace clv
