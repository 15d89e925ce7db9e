// SPDX-License-Identifier: MIT
// The purchase log read once and summarised twice. The rows are parsed a single time into the
// compact PurchaseLog the business metrics need; they are then replayed into the summary sink of
// `clv summary`, whose per-customer state yields both the calibration summary (with the holdout
// columns) and the whole-window summary. Sharing the sink keeps every number identical to what
// `clv summary` writes for the same options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clv/ingest.h"
#include "clv/metrics.h"
#include "clv/summary.h"
#include "summary/periods.h"

namespace clv::detail {

/// The log as read, with the span of the rows a summary would use.
struct LogRows {
  PurchaseLog log;  ///< customer ids kept; channels when a group column was asked for
  IngestReport ingest;
  std::int64_t first_timestamp = 0;  ///< earliest row within the observation window
  std::int64_t last_timestamp = 0;   ///< latest such row
};

/// Reads the log of `ingest` once; `group_column` (may be empty) is kept per row as the channel.
/// Throws InputError as ReadTransactions does, and when no row falls in the observation window.
LogRows ReadLogRows(const IngestOptions& ingest, const std::string& group_column,
                    const SummaryOptions& options);

/// Purchases of the customers in the fitting window, per period of the summary's scale (a day
/// with continuous durations, else one unit), from `first_period` on.
struct PurchaseActivity {
  std::int32_t first_period = 0;
  std::vector<std::int64_t> first_purchases;   ///< customers whose first period is this one
  std::vector<std::int64_t> repeat_purchases;  ///< purchase periods after each first one
};

/// The two summaries and what the tracking plot needs of the rows.
struct LogWindows {
  SummaryReport report;                     ///< of the whole window
  std::optional<SummaryTable> calibration;  ///< set when `options.calibration_end` is
  bool split = false;                       ///< the windows were split at a calibration end
  SummaryTable whole;
  PurchaseActivity activity;  ///< calibration customers when split, else every customer
  PeriodScale scale{TimeUnit::kDay, DurationMode::kFloored};
  std::int32_t calibration_end_period = 0;  ///< the observation end's without a split
  std::int32_t observation_end_period = 0;
};

/// Summarises `rows` with `options` (REFERENCE.md §2.1); with a calibration end, also on the
/// calibration window. Throws InputError as SummarizeTransactions does.
LogWindows SummarizeLogWindows(const LogRows& rows, const SummaryOptions& options);

}  // namespace clv::detail
