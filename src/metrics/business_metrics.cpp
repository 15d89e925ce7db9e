// SPDX-License-Identifier: MIT
// ComputeBusinessMetrics: group the rows by customer, tally them in one parallel pass, then turn
// the integer tallies into rates and CLVs (REFERENCE.md §12; definitions in docs/metrics.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "clv/error.h"
#include "clv/metrics.h"
#include "metrics/calendar_period.h"
#include "metrics/clv_formulas.h"
#include "metrics/customer_base_tally.h"
#include "metrics/rows_by_customer.h"

namespace clv {
namespace {

using detail::CustomerBaseTally;

// 100 years of months.
constexpr std::int64_t kMostPeriods = 1200;
using detail::ObservationWindow;

// Converts a sum of fixed-point amount units to currency, dividing by the integer number of
// units per currency unit when there is one, so that 24409194 cents print as 244091.94.
double ToCurrency(std::int64_t units, double amount_scale) {
  const double units_per_currency = std::round(1.0 / amount_scale);
  if (std::abs(units_per_currency * amount_scale - 1.0) < 1e-12) {
    return static_cast<double>(units) / units_per_currency;
  }
  return static_cast<double>(units) * amount_scale;
}

std::optional<double> Ratio(double numerator, double denominator) {
  if (denominator == 0.0) return std::nullopt;
  return numerator / denominator;
}

void CheckLogShape(const PurchaseLog& log) {
  CLV_CHECK(log.timestamp.size() == log.rows() && log.amount.size() == log.rows(),
            "purchase log columns differ in length");
  CLV_CHECK(log.channel.empty() || log.channel.size() == log.rows(),
            "purchase log channel column differs in length");
  CLV_CHECK(log.amount_scale > 0.0, "purchase log amount scale must be positive");
}

// The window runs from the day of the earliest row kept to the observation end (or the last
// row's day); rows after the observation end are left out.
ObservationWindow MeasureWindow(const PurchaseLog& log, const MetricsOptions& options,
                                std::int64_t* last_timestamp) {
  std::int64_t earliest = std::numeric_limits<std::int64_t>::max();
  std::int64_t latest = std::numeric_limits<std::int64_t>::min();
  const std::int64_t limit =
      options.observation_end.value_or(std::numeric_limits<std::int64_t>::max());
  for (const std::int64_t timestamp : log.timestamp) {
    if (timestamp > limit) continue;
    earliest = std::min(earliest, timestamp);
    latest = std::max(latest, timestamp);
  }
  if (earliest > latest) {
    throw InputError(log.rows() == 0
                         ? "the purchase log has no rows"
                         : "every row of the purchase log is after the observation end");
  }
  *last_timestamp = options.observation_end.value_or(latest);
  const std::int64_t first_day = detail::DayOfTimestamp(earliest);
  const std::int64_t end_day = detail::DayOfTimestamp(*last_timestamp);
  // The cohort table has periods^2 cells; a window of centuries is a date mistake.
  const std::int64_t periods = detail::PeriodOfDay(end_day, options.period) -
                               detail::PeriodOfDay(first_day, options.period) + 1;
  if (periods > kMostPeriods) {
    throw InputError(fmt::format(
        "the purchase log spans {} {}s, from {} to {}; at most {} are measured (check the "
        "dates, or pass --period year or --observation-end)",
        periods, ToString(options.period), detail::FormatDay(first_day), detail::FormatDay(end_day),
        kMostPeriods));
  }
  return ObservationWindow(options.period, first_day, end_day);
}

std::optional<double> PooledRetention(const CustomerBaseTally& tally) {
  std::int64_t retained = 0;
  std::int64_t at_risk = 0;
  for (int period = 1; period < tally.num_periods; ++period) {
    retained += tally.retained_customers[static_cast<std::size_t>(period)];
    at_risk += tally.active_customers[static_cast<std::size_t>(period - 1)];
  }
  return Ratio(static_cast<double>(retained), static_cast<double>(at_risk));
}

CustomerBaseTotals DescribeCustomerBase(const CustomerBaseTally& tally, double amount_scale,
                                        const MetricsOptions& options) {
  CustomerBaseTotals totals;
  totals.customers = tally.customers;
  totals.orders = tally.orders;
  totals.revenue = ToCurrency(tally.revenue, amount_scale);
  if (tally.customers == 0) return totals;

  const auto customers = static_cast<double>(tally.customers);
  totals.average_order_value = totals.revenue / static_cast<double>(tally.orders);
  totals.orders_per_customer = static_cast<double>(tally.orders) / customers;
  const double exposure_years = static_cast<double>(tally.exposure_days) / detail::kDaysPerYear;
  totals.purchase_frequency = static_cast<double>(tally.orders) / exposure_years;
  totals.repeat_purchase_rate = static_cast<double>(tally.repeaters) / customers;
  totals.observed_lifespan_years =
      static_cast<double>(tally.lifespan_days) / customers / detail::kDaysPerYear;

  totals.retention_rate = PooledRetention(tally);
  if (!totals.retention_rate) return totals;
  totals.churn_rate = 1.0 - *totals.retention_rate;
  const std::optional<double> lifespan_periods =
      detail::ExpectedLifespanPeriods(*totals.retention_rate);
  if (!lifespan_periods) return totals;
  totals.expected_lifespan_years = *lifespan_periods / PeriodsPerYear(options.period);
  totals.simple_clv = detail::SimpleClv(totals.average_order_value, totals.purchase_frequency,
                                        *totals.expected_lifespan_years, options.margin);
  return totals;
}

std::vector<PeriodMetrics> DescribePeriods(const CustomerBaseTally& tally,
                                           const ObservationWindow& window, double amount_scale) {
  std::vector<PeriodMetrics> periods(static_cast<std::size_t>(tally.num_periods));
  std::int64_t customers_so_far = 0;
  std::int64_t repeat_customers_so_far = 0;
  for (std::size_t p = 0; p < periods.size(); ++p) {
    PeriodMetrics& row = periods[p];
    customers_so_far += tally.new_customers[p];
    repeat_customers_so_far += tally.second_orders[p];
    row.label =
        detail::PeriodLabel(window.first_period + static_cast<std::int64_t>(p), window.period);
    row.new_customers = tally.new_customers[p];
    row.active_customers = tally.active_customers[p];
    row.returning_customers = tally.active_customers[p] - tally.new_customers[p];
    row.retained_customers = tally.retained_customers[p];
    row.customers_so_far = customers_so_far;
    row.repeat_customers_so_far = repeat_customers_so_far;
    row.orders = tally.orders_in_period[p];
    row.revenue = ToCurrency(tally.revenue_in_period[p], amount_scale);
    if (p > 0) {
      row.retention_rate = Ratio(static_cast<double>(tally.retained_customers[p]),
                                 static_cast<double>(tally.active_customers[p - 1]));
    }
    if (row.retention_rate) row.churn_rate = 1.0 - *row.retention_rate;
    row.repeat_purchase_rate =
        Ratio(static_cast<double>(repeat_customers_so_far), static_cast<double>(customers_so_far))
            .value_or(0.0);
  }
  return periods;
}

std::vector<Cohort> DescribeCohorts(const CustomerBaseTally& tally, const ObservationWindow& window,
                                    double amount_scale) {
  std::vector<Cohort> cohorts;
  const auto num_periods = static_cast<std::size_t>(tally.num_periods);
  for (std::size_t cohort = 0; cohort < num_periods; ++cohort) {
    const std::int64_t size = tally.new_customers[cohort];
    if (size == 0) continue;
    Cohort& described = cohorts.emplace_back();
    described.label =
        detail::PeriodLabel(window.first_period + static_cast<std::int64_t>(cohort), window.period);
    described.customers = size;
    for (std::size_t since = 0; cohort + since < num_periods; ++since) {
      const std::size_t cell = cohort * num_periods + since;
      const double revenue = ToCurrency(tally.cohort_revenue[cell], amount_scale);
      described.cells.push_back({.periods_since_acquisition = static_cast<int>(since),
                                 .active_customers = tally.cohort_active[cell],
                                 .share_active = static_cast<double>(tally.cohort_active[cell]) /
                                                 static_cast<double>(size),
                                 .revenue = revenue,
                                 .revenue_per_customer = revenue / static_cast<double>(size)});
    }
  }
  return cohorts;
}

// Formula (2) of REFERENCE.md §12.2 and its truncation to the horizon, with m the margin per
// active customer-period.
RetentionClv DescribeRetentionClv(const CustomerBaseTally& tally, const CustomerBaseTotals& totals,
                                  double amount_scale, const MetricsOptions& options) {
  RetentionClv clv;
  const int periods_per_year = PeriodsPerYear(options.period);
  clv.margin = options.margin;
  clv.discount_rate = options.discount_rate.value_or(std::pow(1.1, 1.0 / periods_per_year) - 1.0);
  clv.horizon_periods = options.horizon_periods.value_or(5 * periods_per_year);
  std::int64_t active_customer_periods = 0;
  for (const std::int64_t active : tally.active_customers)
    active_customer_periods += active;
  clv.margin_per_period = options.margin * ToCurrency(tally.revenue, amount_scale) /
                          static_cast<double>(active_customer_periods);
  clv.retention_rate = totals.retention_rate;
  if (!clv.retention_rate) return clv;

  clv.multiple = detail::RetentionMultiple(*clv.retention_rate, clv.discount_rate);
  if (clv.multiple) clv.value = clv.margin_per_period * *clv.multiple;
  clv.finite_horizon_value =
      clv.margin_per_period * detail::FiniteHorizonRetentionMultiple(
                                  *clv.retention_rate, clv.discount_rate, clv.horizon_periods);
  return clv;
}

LtvCac DescribeLtvCac(std::string channel, const CustomerBaseTotals& totals, double cac,
                      double margin) {
  LtvCac result{.channel = std::move(channel), .customers = totals.customers, .cac = cac};
  result.ltv = totals.simple_clv;
  if (result.ltv) result.ratio = *result.ltv / cac;
  const double margin_per_customer_month =
      margin * totals.average_order_value * totals.purchase_frequency / 12.0;
  if (margin_per_customer_month > 0.0) result.months_to_recover = cac / margin_per_customer_month;
  return result;
}

std::string CacTableName(const MetricsOptions& options) {
  return options.cac_source.empty() ? "the CAC table" : options.cac_source;
}

// Every acquisition channel needs a cost, and every cost must belong to an acquisition channel.
void CheckCacChannels(const std::map<std::string, double>& cac_of_channel,
                      const std::vector<std::pair<std::string, CustomerBaseTotals>>& channels,
                      const MetricsOptions& options) {
  for (const auto& [name, totals] : channels) {
    if (!cac_of_channel.contains(name)) {
      throw InputError(fmt::format(
          "{}: no CAC for channel '{}', the first-purchase channel of {} customers (add a row "
          "'{},<cost>')",
          CacTableName(options), QuoteForMessage(name), totals.customers, name));
    }
  }
  for (const auto& [name, cac] : cac_of_channel) {
    const bool known = std::any_of(channels.begin(), channels.end(),
                                   [&](const auto& channel) { return channel.first == name; });
    if (!known) {
      throw InputError(
          fmt::format("{}: unknown channel '{}': no customer made a first purchase through it",
                      CacTableName(options), QuoteForMessage(name)));
    }
  }
}

std::vector<LtvCac> DescribeLtvCacByChannel(const BusinessMetrics& metrics,
                                            const MetricsOptions& options) {
  const std::map<std::string, double> cac_of_channel(options.cac_by_channel.begin(),
                                                     options.cac_by_channel.end());
  CheckCacChannels(cac_of_channel, metrics.channels, options);
  // The overall CAC is the customer-weighted mean of the channels' costs.
  double weighted_cac = 0.0;
  for (const auto& [name, totals] : metrics.channels) {
    weighted_cac += cac_of_channel.at(name) * static_cast<double>(totals.customers);
  }
  const double overall_cac = weighted_cac / static_cast<double>(metrics.totals.customers);
  std::vector<LtvCac> by_channel{DescribeLtvCac("", metrics.totals, overall_cac, options.margin)};
  for (const auto& [name, totals] : metrics.channels) {
    by_channel.push_back(DescribeLtvCac(name, totals, cac_of_channel.at(name), options.margin));
  }
  return by_channel;
}

}  // namespace

void MetricsOptions::Validate() const {
  const auto fail = [](const std::string& rule, double value) {
    throw InputError(fmt::format("{}, got {}", rule, value));
  };
  if (!(margin > 0.0 && margin <= 1.0)) fail("margin must be in (0, 1]", margin);
  if (discount_rate && !(*discount_rate >= 0.0 && std::isfinite(*discount_rate))) {
    fail("discount rate must be a finite number >= 0", *discount_rate);
  }
  if (horizon_periods && *horizon_periods < 1)
    fail("horizon must be >= 1 period", *horizon_periods);
  if (cac && !(*cac > 0.0 && std::isfinite(*cac))) fail("CAC must be a finite number > 0", *cac);
  if (cac && !cac_by_channel.empty()) {
    throw InputError("give either one CAC or a CAC per channel, not both");
  }
  for (const auto& [channel, cost] : cac_by_channel) {
    if (!(cost > 0.0 && std::isfinite(cost))) {
      fail(fmt::format("CAC of channel '{}' must be a finite number > 0", QuoteForMessage(channel)),
           cost);
    }
  }
}

BusinessMetrics ComputeBusinessMetrics(const PurchaseLog& log, const MetricsOptions& options) {
  options.Validate();
  CheckLogShape(log);
  const bool has_channels = !log.channel.empty();
  if (!options.cac_by_channel.empty() && !has_channels) {
    throw InputError("a CAC per channel needs the channel of each purchase (--channel)");
  }

  std::int64_t last_timestamp = 0;
  const ObservationWindow window = MeasureWindow(log, options, &last_timestamp);
  const detail::RowsByCustomer rows = detail::GroupRowsByCustomer(log, last_timestamp);
  const std::vector<CustomerBaseTally> tallies =
      detail::TallyCustomers(rows, window, log.channel_names.size(), has_channels);
  const CustomerBaseTally& overall = tallies[0];
  if (overall.customers == 0) {
    throw InputError("the purchase log has no purchases: every row is a refund (amount < 0)");
  }

  BusinessMetrics metrics;
  metrics.period = options.period;
  metrics.first_day = detail::FormatDay(window.first_day);
  metrics.last_day = detail::FormatDay(window.end_day);
  metrics.rows_used = static_cast<std::int64_t>(rows.rows.size());
  metrics.rows_after_observation_end = static_cast<std::int64_t>(log.rows() - rows.rows.size());
  metrics.totals = DescribeCustomerBase(overall, log.amount_scale, options);
  metrics.retention_clv = DescribeRetentionClv(overall, metrics.totals, log.amount_scale, options);
  metrics.periods = DescribePeriods(overall, window, log.amount_scale);
  metrics.cohorts = DescribeCohorts(overall, window, log.amount_scale);
  for (std::size_t channel = 0; channel + 1 < tallies.size(); ++channel) {
    const CustomerBaseTally& group = tallies[channel + 1];
    if (group.customers == 0) continue;
    metrics.channels.emplace_back(log.channel_names[channel],
                                  DescribeCustomerBase(group, log.amount_scale, options));
  }
  if (options.cac) {
    metrics.ltv_cac.push_back(DescribeLtvCac("", metrics.totals, *options.cac, options.margin));
  } else if (!options.cac_by_channel.empty()) {
    metrics.ltv_cac = DescribeLtvCacByChannel(metrics, options);
  }
  return metrics;
}

}  // namespace clv
