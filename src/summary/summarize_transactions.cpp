// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <chrono>

#include "clv/error.h"
#include "clv/summary.h"
#include "summary/customer_summaries.h"

namespace clv {

std::string_view ToString(DurationMode mode) {
  switch (mode) {
    case DurationMode::kFloored:
      return "floored";
    case DurationMode::kContinuous:
      return "continuous";
  }
  CLV_CHECK(false, "unknown DurationMode");
}

DurationMode ParseDurationMode(std::string_view text) {
  if (text == "floored") return DurationMode::kFloored;
  if (text == "continuous") return DurationMode::kContinuous;
  throw InputError("--durations must be floored or continuous; got '" + std::string(text) + "'");
}

std::string_view ToString(RefundRule rule) {
  switch (rule) {
    case RefundRule::kNet:
      return "net";
    case RefundRule::kDrop:
      return "drop";
  }
  CLV_CHECK(false, "unknown RefundRule");
}

RefundRule ParseRefundRule(std::string_view text) {
  if (text == "net") return RefundRule::kNet;
  if (text == "drop") return RefundRule::kDrop;
  throw InputError("--refunds must be net or drop; got '" + std::string(text) + "'");
}

std::string SummaryReport::BriefReport() const {
  std::string skipped;
  for (const auto& [reason, count] : ingest.skipped_by_reason) {
    skipped += fmt::format("{}{} {}", skipped.empty() ? " (" : ", ", count, reason);
  }
  if (!skipped.empty()) skipped += ")";
  std::string dropped;
  if (rows_after_observation_end > 0) {
    dropped += fmt::format(", {} after the observation end", rows_after_observation_end);
  }
  if (rows_refund_dropped > 0) dropped += fmt::format(", {} refunds dropped", rows_refund_dropped);
  std::string holdout;
  if (customers_first_seen_in_holdout > 0) {
    holdout =
        fmt::format(" ({} first seen in the holdout left out)", customers_first_seen_in_holdout);
  }
  return fmt::format("{} rows read, {} skipped{}{}; {} customers{}; {:.2f} s", ingest.rows_read,
                     ingest.rows_skipped, skipped, dropped, customers, holdout, elapsed_seconds);
}

SummaryTable SummarizeTransactions(const IngestOptions& ingest, const SummaryOptions& options,
                                   SummaryReport* report) {
  const auto start = std::chrono::steady_clock::now();
  const detail::CustomerSummaries customers(ingest, options);
  SummaryTable table = detail::ToSummaryTable(customers);
  if (report != nullptr) {
    *report = customers.report();
    report->elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return table;
}

}  // namespace clv
