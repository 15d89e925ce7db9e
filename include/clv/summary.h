// SPDX-License-Identifier: MIT
// Customer summaries: building them from a purchase log (REFERENCE.md §2.1, §3.1) and reading
// and writing them as CSV. The columns are described in clv/summary_table.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "clv/ingest.h"
#include "clv/summary_table.h"

namespace clv {

namespace detail {
class AtomicOutputFile;
}

/// How recency, T and the holdout duration are measured.
enum class DurationMode {
  /// Timestamps are floored to whole periods of the unit (weeks start on Monday, months are
  /// calendar months) and durations count whole periods, as lifetimes does.
  kFloored,
  /// Purchases are kept at day resolution and durations are fractional units (days / 7 for
  /// weeks), as CLVTools, BTYD and the published CDNOW summary do.
  kContinuous,
};

/// "floored", "continuous".
std::string_view ToString(DurationMode mode);
/// Parses the names above; throws InputError otherwise.
DurationMode ParseDurationMode(std::string_view text);

/// What a purchase row with a negative amount (a refund) does.
enum class RefundRule {
  /// The row is a transaction like any other: it marks its period as a purchase period and its
  /// amount nets against the other amounts of that period (lifetimes' behaviour).
  kNet,
  /// The row is skipped and counted under "refund".
  kDrop,
};

std::string_view ToString(RefundRule rule);
RefundRule ParseRefundRule(std::string_view text);

/// How a purchase log becomes a customer summary.
struct SummaryOptions {
  TimeUnit unit = TimeUnit::kDay;
  DurationMode durations = DurationMode::kFloored;
  RefundRule refunds = RefundRule::kNet;
  /// Last instant (Unix seconds, UTC) that belongs to the observation window; later rows are
  /// dropped and counted. Unset: the last timestamp seen.
  std::optional<std::int64_t> observation_end;
  /// Last instant of the calibration window; set, it splits calibration and holdout.
  std::optional<std::int64_t> calibration_end;
};

/// What SummarizeTransactions did besides building the table.
struct SummaryReport {
  IngestReport ingest;
  std::int64_t rows_used = 0;
  std::int64_t rows_after_observation_end = 0;
  std::int64_t rows_refund_dropped = 0;
  std::int64_t customers = 0;
  std::int64_t customers_first_seen_in_holdout = 0;
  std::int64_t observation_end = 0;  ///< the observation end in effect (Unix seconds)
  double elapsed_seconds = 0.0;

  /// One line: rows read, skipped and why, customers, elapsed time.
  std::string BriefReport() const;
};

/// Reads the log described by `ingest` and summarises it per customer (REFERENCE.md §2.1).
/// Rows are sorted by customer id, numerically when every id is an integer. The result is
/// identical for any thread count and any order of the input rows.
/// Throws InputError for bad input (see IngestOptions::on_error), for an observation end before
/// the first purchase and for a calibration end outside the observation window.
SummaryTable SummarizeTransactions(const IngestOptions& ingest, const SummaryOptions& options,
                                   SummaryReport* report = nullptr);

/// Reads a customer summary CSV: what `clv summary` writes (`customer_id,frequency,recency,T,
/// monetary_value` and optionally `frequency_holdout,monetary_value_holdout,duration_holdout`),
/// and the published files' headers `ID,frequency,recency,T` and `ID,x,t_x,T,zbar`. A `weight`,
/// `weights` or `count` column fills SummaryTable::weight; `periods` or `n` stand for T.
/// Without an id column, customers are numbered from 1. Durations are taken to be in `unit`.
/// Throws InputError naming file, line and column for a missing column or a value that is not
/// a finite number >= 0.
SummaryTable ReadSummaryCsv(const std::string& path, TimeUnit unit);

/// Writes `table` as CSV (header then one row per customer, holdout columns when present) with
/// the shortest decimal form that reads back to the same double. Ids holding a delimiter, a
/// quote or a line break are quoted (RFC 4180).
void WriteSummaryCsv(const SummaryTable& table, detail::AtomicOutputFile& out);

}  // namespace clv
