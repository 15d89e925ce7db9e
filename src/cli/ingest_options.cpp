// SPDX-License-Identifier: MIT
#include "cli/ingest_options.h"

#include <unistd.h>

#include "clv/error.h"
#include "common/log.h"
#include "ingest/civil_time.h"
#include "ingest/date_parser.h"

namespace clv::cli {

void AddIngestOptions(CLI::App* command, IngestFlags* flags) {
  IngestOptions& options = flags->options;
  command->add_option("files", options.paths, "Purchase logs to read; '-' is standard input")
      ->required()
      ->type_name("FILE...");
  command->add_option("--customer", options.customer_column,
                      "Customer id column: header name or 1-based position "
                      "(default: customer_id, customer, id, ... or column 1)");
  command->add_option("--date", options.date_column,
                      "Date column: name or position (default: date, timestamp, ... or column 2)");
  command->add_option("--amount", options.amount_column,
                      "Amount column: name or position (default: amount, value, revenue, ...; "
                      "none found: monetary value 0)");
  command->add_option("--transaction-id", options.transaction_id_column,
                      "Transaction id column: name or position (optional)");
  command->add_option("--date-format", options.date_format,
                      "strftime-style date format, e.g. %d/%m/%Y (default: ISO 8601, YYYYMMDD "
                      "or Unix seconds)");
  command
      ->add_option("--delimiter", flags->delimiter,
                   "auto, comma, tab, semicolon, pipe or whitespace")
      ->capture_default_str();
  command->add_option("--header", flags->header, "Is the first line a header: auto, yes, no")
      ->capture_default_str();
  command
      ->add_option("--on-error", flags->on_error,
                   "fail: stop at the first bad row (exit status 2); skip: skip and count "
                   "bad rows")
      ->capture_default_str();
  command
      ->add_option("--chunk-size", options.chunk_bytes,
                   "Bytes per parse chunk (results do not depend on it)")
      ->capture_default_str();
}

IngestOptions ResolveIngestOptions(const IngestFlags& flags) {
  IngestOptions options = flags.options;
  options.delimiter = ParseDelimiter(flags.delimiter);
  options.header = ParseHeaderMode(flags.header);
  options.on_error = ParseOnError(flags.on_error);
  options.progress = ::isatty(STDERR_FILENO) == 1;
  return options;
}

void LogSkippedRows(const IngestReport& report) {
  for (const SkippedRow& skipped : report.first_skipped) {
    detail::Log().warn("skipped: {}", skipped.message);
  }
  const auto listed = static_cast<std::int64_t>(report.first_skipped.size());
  if (report.rows_skipped > listed) {
    detail::Log().warn("skipped: ... and {} more", report.rows_skipped - listed);
  }
}

std::int64_t ParseWindowEnd(std::string_view text, std::string_view option) {
  detail::ParsedTimestamp parsed;
  if (!detail::ParseTimestampAuto(text, &parsed)) {
    throw InputError("--" + std::string(option) +
                     " must be a date (YYYY-MM-DD) or date-time, got '" + std::string(text) + "'");
  }
  return parsed.has_time ? parsed.seconds : parsed.seconds + detail::kSecondsPerDay - 1;
}

}  // namespace clv::cli
