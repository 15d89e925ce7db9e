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
  SummaryTable table;
  table.unit = options.unit;
  table.has_holdout = customers.has_holdout();
  const std::size_t size = customers.size();
  table.customer_ids.reserve(size);
  for (std::vector<double>* column :
       {&table.frequency, &table.recency, &table.age, &table.monetary_value}) {
    column->reserve(size);
  }
  for (std::size_t row = 0; row < size; ++row) {
    const detail::CustomerRow values = customers.Row(row);
    table.customer_ids.emplace_back(customers.CustomerId(row));
    table.frequency.push_back(values.frequency);
    table.recency.push_back(values.recency);
    table.age.push_back(values.age);
    table.monetary_value.push_back(values.monetary_value);
    if (table.has_holdout) {
      table.frequency_holdout.push_back(values.frequency_holdout);
      table.monetary_value_holdout.push_back(values.monetary_value_holdout);
      table.duration_holdout.push_back(values.duration_holdout);
    }
  }
  if (report != nullptr) {
    *report = customers.report();
    report->elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return table;
}

}  // namespace clv
