// SPDX-License-Identifier: MIT
// Business metrics of a purchase log: totals, the simple and the retention-based CLV, the
// per-period table (new, active, returning customers, retention, churn, repeat rate, revenue),
// the acquisition-cohort table and LTV:CAC. Every definition is written out in docs/metrics.md;
// the formulas are those of REFERENCE.md §12.
//
// An order is a customer-day with at least one purchase row (amount >= 0). Refund rows
// (amount < 0) lower the revenue of their day but never make an order or an active period.
//
// Counts and money are summed as integers, so every result is identical for any thread count
// and any order of the input rows.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clv/ingest.h"

namespace clv {

/// The calendar period of the per-period and cohort tables.
enum class CalendarPeriod { kMonth, kQuarter, kYear };

/// "month", "quarter", "year".
std::string_view ToString(CalendarPeriod period);
/// Parses the names above; throws InputError otherwise.
CalendarPeriod ParseCalendarPeriod(std::string_view text);
/// 12, 4 or 1.
int PeriodsPerYear(CalendarPeriod period);

/// A purchase log in the compact form the metrics need, one entry per row in each row vector.
/// Fill it with PurchaseLogBuilder, or directly from an ingest sink.
struct PurchaseLog {
  std::size_t num_customers = 0;           ///< customer indices run from 0 to num_customers - 1
  std::vector<std::string> customer_ids;   ///< customer index -> id; may be left empty
  std::vector<std::string> channel_names;  ///< channel index -> name; empty without channels

  std::vector<std::uint32_t> customer;  ///< per row: customer index
  std::vector<std::int64_t> timestamp;  ///< per row: Unix seconds, UTC
  std::vector<std::int64_t> amount;     ///< per row: amount in units of `amount_scale`
  std::vector<std::uint32_t> channel;   ///< per row: channel index; empty without channels

  double amount_scale = 0.01;  ///< currency per amount unit (0.01: amounts in cents)

  std::size_t rows() const { return customer.size(); }
};

/// Interns customer ids and channel names while rows are appended. Use one of the two Add
/// overloads for every row of a log. Not thread safe.
class PurchaseLogBuilder {
 public:
  explicit PurchaseLogBuilder(double amount_scale = 0.01);
  ~PurchaseLogBuilder();
  PurchaseLogBuilder(const PurchaseLogBuilder&) = delete;
  PurchaseLogBuilder& operator=(const PurchaseLogBuilder&) = delete;

  /// Appends one row without a channel.
  void Add(std::string_view customer_id, std::int64_t timestamp, std::int64_t amount);
  /// Appends one row whose acquisition channel (or any first-purchase attribute) is `channel`.
  void Add(std::string_view customer_id, std::int64_t timestamp, std::int64_t amount,
           std::string_view channel);

  /// Hands over the log; the builder is empty afterwards.
  PurchaseLog Release();

 private:
  struct Interner;
  PurchaseLog log_;
  std::unique_ptr<Interner> customers_;
  std::unique_ptr<Interner> channels_;
};

/// Reads a purchase log with ReadTransactions (in parallel). `channel_column`, when not empty,
/// names the column holding each row's channel (or other first-purchase attribute); it is added
/// to the extra columns read. Customer ids are kept only when asked for. Throws InputError as
/// ReadTransactions.
PurchaseLog ReadPurchaseLog(IngestOptions ingest, const std::string& channel_column,
                            IngestReport* report = nullptr, bool keep_customer_ids = false);

/// Per customer index, the channel of the customer's first purchase row (the earliest; at
/// equal times the smaller amount, then the channel name first in sort order), or "" for a
/// customer with refunds only. Needs PurchaseLog::channel.
std::vector<std::string> FirstPurchaseChannels(const PurchaseLog& log);

/// Per customer index, the month of the first purchase as "YYYY-MM" ("" with refunds only).
std::vector<std::string> AcquisitionMonths(const PurchaseLog& log);

/// The `--group-by` name that groups customers by the month of their first purchase; any other
/// name is a column of the log, read as the channel.
inline constexpr std::string_view kAcquisitionMonthGroup = "acquisition_month";

/// The column ReadPurchaseLog must read as the channel to group by `group_by` ("" for
/// kAcquisitionMonthGroup).
inline std::string GroupColumnOf(std::string_view group_by) {
  return group_by == kAcquisitionMonthGroup ? std::string() : std::string(group_by);
}

/// Per id of `customer_ids`, the first-purchase attribute `group_by` names: the month of the
/// first purchase, or the channel of `log` (read with GroupColumnOf(group_by) and the customer
/// ids kept). "" for an id not in the log or a customer with refunds only.
std::vector<std::string> FirstPurchaseGroups(const PurchaseLog& log, std::string_view group_by,
                                             const std::vector<std::string>& customer_ids);

/// Reads a CSV of acquisition costs per channel: a header `channel,cac`, then one row per
/// channel. Lines starting with '#' and blank lines are skipped. Throws InputError naming file
/// and line for a missing file, a row without two fields, a cost that is not a number > 0 or a
/// channel listed twice.
std::vector<std::pair<std::string, double>> ReadCacTable(const std::string& path);

/// Options of ComputeBusinessMetrics. Defaults reproduce the plain revenue view.
struct MetricsOptions {
  CalendarPeriod period = CalendarPeriod::kMonth;

  /// Contribution margin in (0, 1]: the share of revenue that is profit. Multiplies every CLV.
  double margin = 1.0;

  /// Discount rate per period, >= 0. Unset: the per-period equivalent of 10 % a year,
  /// (1.1)^(1 / periods per year) - 1.
  std::optional<double> discount_rate;

  /// Horizon of the finite-horizon retention CLV, in periods, >= 1. Unset: five years.
  std::optional<int> horizon_periods;

  /// Last instant (Unix seconds) of the observation window; later rows are left out.
  /// Unset: the last timestamp in the log.
  std::optional<std::int64_t> observation_end;

  /// Acquisition cost per customer, > 0, for LTV:CAC over all customers.
  std::optional<double> cac;
  /// Acquisition cost per channel (name, cost > 0); needs PurchaseLog::channel. Every channel
  /// of a customer's first order must be listed, and every listed channel must occur.
  std::vector<std::pair<std::string, double>> cac_by_channel;
  /// Where cac_by_channel came from (a file name), for error messages.
  std::string cac_source;

  /// Throws InputError naming the first option that breaks its rule.
  void Validate() const;
};

/// One row of the per-period table (REFERENCE.md §12.3).
struct PeriodMetrics {
  std::string label;                         ///< "1997-01", "1997-Q1" or "1997"
  std::int64_t new_customers = 0;            ///< first order in this period
  std::int64_t active_customers = 0;         ///< at least one order in this period
  std::int64_t returning_customers = 0;      ///< active, first order in an earlier period
  std::int64_t retained_customers = 0;       ///< active in the previous period and in this one
  std::int64_t customers_so_far = 0;         ///< first order in this period or earlier
  std::int64_t repeat_customers_so_far = 0;  ///< second order in this period or earlier
  std::int64_t orders = 0;
  double revenue = 0.0;
  /// retained / active in the previous period; unset in the first period or after an empty one.
  std::optional<double> retention_rate;
  std::optional<double> churn_rate;   ///< 1 - retention_rate
  double repeat_purchase_rate = 0.0;  ///< repeat_customers_so_far / customers_so_far
};

/// One cell of the cohort table.
struct CohortCell {
  int periods_since_acquisition = 0;
  std::int64_t active_customers = 0;
  double share_active = 0.0;  ///< active / cohort size
  double revenue = 0.0;
  double revenue_per_customer = 0.0;  ///< revenue / cohort size
};

/// An acquisition cohort: the customers whose first order falls in one period.
struct Cohort {
  std::string label;
  std::int64_t customers = 0;
  std::vector<CohortCell> cells;  ///< periods since acquisition 0, 1, ... up to the last period
};

/// Totals of one group of customers (all customers, or those of one acquisition channel).
struct CustomerBaseTotals {
  std::int64_t customers = 0;
  std::int64_t orders = 0;
  double revenue = 0.0;
  double average_order_value = 0.0;  ///< revenue / orders
  double orders_per_customer = 0.0;
  /// Orders per customer-year of observation (each customer observed from the day of the first
  /// order to the end of the window, both included).
  double purchase_frequency = 0.0;
  /// Pooled retention per period: sum of retained / sum of active in the previous period.
  std::optional<double> retention_rate;
  std::optional<double> churn_rate;
  double repeat_purchase_rate = 0.0;     ///< share of customers with two or more orders
  double observed_lifespan_years = 0.0;  ///< mean time from first to last order
  /// 1 / churn rate periods, in years; unset when nobody churns.
  std::optional<double> expected_lifespan_years;
  /// AOV x purchase frequency x expected lifespan x margin (REFERENCE.md §12.1).
  std::optional<double> simple_clv;
};

/// The retention-based CLV of REFERENCE.md §12.2, formula (2): first margin excluded, cash at
/// period ends, constant retention.
struct RetentionClv {
  double margin = 1.0;
  double margin_per_period = 0.0;  ///< margin x revenue per active customer per period
  std::optional<double> retention_rate;
  double discount_rate = 0.0;
  int horizon_periods = 0;
  std::optional<double> multiple;  ///< r / (1 + d - r)
  std::optional<double> value;     ///< margin_per_period x multiple (infinite horizon)
  /// sum_{t=1..H} m (r / (1 + d))^t
  std::optional<double> finite_horizon_value;
};

/// LTV:CAC of one group (REFERENCE.md §12.4), LTV being the margin-based simple CLV.
struct LtvCac {
  std::string channel;  ///< empty for all customers
  std::int64_t customers = 0;
  double cac = 0.0;
  std::optional<double> ltv;
  std::optional<double> ratio;
  /// CAC / (margin x revenue per customer per month): months of margin that pay back the cost.
  std::optional<double> months_to_recover;
};

/// Everything ComputeBusinessMetrics measures.
struct BusinessMetrics {
  CalendarPeriod period = CalendarPeriod::kMonth;
  std::string first_day;  ///< "YYYY-MM-DD" of the first order
  std::string last_day;   ///< "YYYY-MM-DD" of the end of the window
  std::int64_t rows_used = 0;
  std::int64_t rows_after_observation_end = 0;

  CustomerBaseTotals totals;
  RetentionClv retention_clv;
  std::vector<PeriodMetrics> periods;
  std::vector<Cohort> cohorts;
  std::vector<LtvCac> ltv_cac;  ///< overall first, then channels by name; empty without a CAC
  std::vector<std::pair<std::string, CustomerBaseTotals>> channels;  ///< by name
};

/// Measures `log` (REFERENCE.md §12; definitions in docs/metrics.md). Runs in parallel over
/// customers; the result does not depend on the thread count or on the row order.
/// Throws InputError for invalid options, a log without orders, or a CAC table that does not
/// match the channels of the log.
BusinessMetrics ComputeBusinessMetrics(const PurchaseLog& log, const MetricsOptions& options);

/// The metrics as JSON text (keys in docs/metrics.md), indented by two spaces.
std::string MetricsToJson(const BusinessMetrics& metrics);

/// A readable plain-text report: totals, CLV, LTV:CAC and the per-period table.
std::string MetricsToText(const BusinessMetrics& metrics);

}  // namespace clv
