// SPDX-License-Identifier: MIT
// One customer of a generated transaction log: its latent traits and its transactions, drawn from
// the customer's own random stream in a fixed order (purchase traits, spend rate, acquisition
// time, channel, then one value per transaction in time order), so that every pass over the
// customers (customer order, each window of time order, the traits file) sees the same customer.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "clv/generate.h"
#include "generate/purchase_process.h"
#include "generate/random_stream.h"

namespace clv::detail {

inline constexpr std::int64_t kSecondsPerDay = 86400;

/// Customers drawn and formatted together as one unit of parallel work in customer order.
inline constexpr std::int64_t kLogCustomersPerBlock = 16384;

/// Validated options with the defaults filled in.
struct LogPlan {
  ModelKind model = ModelKind::kBgNbd;
  std::vector<double> purchase_params;  ///< per day
  double spend_shape = 0;               ///< Gamma-Gamma p
  double spend_rate_shape = 0;          ///< Gamma-Gamma q
  double spend_rate_rate = 0;           ///< Gamma-Gamma gamma
  std::int64_t num_customers = 0;
  std::int64_t start_day = 0;  ///< days since 1970-01-01
  int observation_days = 0;
  int acquisition_days = 0;
  std::uint64_t seed = 0;
  std::size_t num_channels = 0;

  std::int64_t observation_seconds() const { return observation_days * kSecondsPerDay; }
};

/// Validates `options` (throwing InputError) and resolves the defaults.
LogPlan MakeLogPlan(const TransactionLogOptions& options);

/// A customer's latent traits.
struct LogCustomer {
  PurchaseTraits purchase;
  double spend_rate = 0;       ///< Gamma-Gamma nu
  double acquisition_day = 0;  ///< days after the start, in [0, acquisition_days)
  std::uint32_t channel = 0;   ///< index into the channel names (0 when there are none)
};

/// One transaction: when (seconds after the start), how much (cents), and its position among the
/// customer's transactions (0 is the first purchase).
struct LogTransaction {
  std::int64_t second = 0;
  std::uint32_t cents = 0;
  std::uint32_t ordinal = 0;
};

/// Draws the latent traits of a customer; leaves `random` ready for DrawTransactions.
LogCustomer DrawLogCustomer(const LogPlan& plan, RandomStream& random);

/// One transaction value in cents: Gamma(p, rate nu) dollars, rounded, at least one cent.
std::uint32_t DrawCents(const LogPlan& plan, double spend_rate, RandomStream& random);

/// Calls `on_transaction(LogTransaction)` for each transaction of `customer` in time order until
/// it returns false: the first purchase at acquisition, then the repeat purchases of the model
/// up to the end of observation.
template <typename OnTransaction>
void DrawTransactions(const LogPlan& plan, const LogCustomer& customer, RandomStream& random,
                      OnTransaction&& on_transaction) {
  const std::int64_t last_second = plan.observation_seconds() - 1;
  std::uint32_t ordinal = 0;
  auto emit = [&](double day) {
    const auto second = static_cast<std::int64_t>(std::floor(day * kSecondsPerDay));
    const LogTransaction transaction{.second = second < last_second ? second : last_second,
                                     .cents = DrawCents(plan, customer.spend_rate, random),
                                     .ordinal = ordinal++};
    return on_transaction(transaction);
  };
  if (!emit(customer.acquisition_day)) return;
  const double horizon = plan.observation_days - customer.acquisition_day;
  DrawRepeatPurchaseTimes(plan.model, customer.purchase, horizon, random,
                          [&](double t) { return emit(customer.acquisition_day + t); });
}

}  // namespace clv::detail
