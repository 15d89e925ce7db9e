// SPDX-License-Identifier: MIT
#include "generate/row_formatter.h"

#include <charconv>

namespace clv::detail {
namespace {

constexpr int kStringIdDigits = 9;  // "C000000001"

// Appends `value` with at least `min_digits` digits, zero-padded.
void AppendPadded(std::string& out, std::uint64_t value, int min_digits) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  const auto length = static_cast<int>(end - digits);
  if (length < min_digits) out.append(static_cast<std::size_t>(min_digits - length), '0');
  out.append(digits, static_cast<std::size_t>(length));
}

void AppendTwoDigits(std::string& out, std::int64_t value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace

RowFormatter::RowFormatter(const TransactionLogOptions& options, const LogPlan& plan)
    : id_format_(options.id_format),
      timestamps_(options.timestamps),
      transaction_ids_(options.transaction_ids),
      channels_(options.channels),
      dates_(plan.start_day, plan.observation_days) {}

std::string RowFormatter::Header() const {
  std::string header = "customer_id,timestamp,amount";
  if (transaction_ids_) header += ",transaction_id";
  if (!channels_.empty()) header += ",channel";
  return header + "\n";
}

void RowFormatter::AppendCustomerId(std::string& out, std::uint64_t customer_index) const {
  if (id_format_ == CustomerIdFormat::kString) out += 'C';
  AppendPadded(out, customer_index + 1,
               id_format_ == CustomerIdFormat::kString ? kStringIdDigits : 1);
}

void RowFormatter::AppendTimestamp(std::string& out, std::int64_t second) const {
  out.append(dates_.Date(second / kSecondsPerDay));
  if (timestamps_ == TimestampFormat::kDate) return;
  const std::int64_t second_of_day = second % kSecondsPerDay;
  out += 'T';
  AppendTwoDigits(out, second_of_day / 3600);
  out += ':';
  AppendTwoDigits(out, second_of_day / 60 % 60);
  out += ':';
  AppendTwoDigits(out, second_of_day % 60);
}

void RowFormatter::AppendRow(std::string& out, std::uint64_t customer_index,
                             const LogTransaction& transaction, std::uint32_t channel) const {
  AppendCustomerId(out, customer_index);
  out += ',';
  AppendTimestamp(out, transaction.second);
  out += ',';
  AppendPadded(out, transaction.cents / 100, 1);
  out += '.';
  AppendTwoDigits(out, transaction.cents % 100);
  if (transaction_ids_) {
    out += ',';
    AppendCustomerId(out, customer_index);
    out += '-';
    AppendPadded(out, std::uint64_t{transaction.ordinal} + 1, 1);
  }
  if (!channels_.empty()) {
    out += ',';
    out += channels_[channel];
  }
  out += '\n';
}

}  // namespace clv::detail
