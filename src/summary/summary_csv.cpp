// SPDX-License-Identifier: MIT
// Customer summary CSV in and out. The reader accepts clv's own header and the published files'
// names for the same columns (REFERENCE.md §3.1, data/README.md).
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "clv/error.h"
#include "clv/summary.h"
#include "common/atomic_file.h"
#include "ingest/csv_record.h"
#include "summary/customer_summaries.h"

namespace clv {
namespace {

// Accepted header names per column, compared case-sensitively for T and case-insensitively
// otherwise (see NormalizedName).
struct ColumnNames {
  std::string_view role;
  std::array<std::string_view, 4> names;
  bool required;
};

enum Role { kId, kFrequency, kRecency, kAge, kMonetary, kWeight, kFreqHold, kMonHold, kDurHold };

constexpr std::array<ColumnNames, 9> kColumns{{
    {"customer_id", {"customer_id", "id", "customer", ""}, false},
    {"frequency", {"frequency", "x", "frequency_cal", ""}, true},
    {"recency", {"recency", "t_x", "recency_cal", ""}, true},
    {"T", {"t", "age", "periods", "n"}, true},
    {"monetary_value", {"monetary_value", "zbar", "m_x", "monetary_value_cal"}, false},
    {"weight", {"weight", "weights", "count", ""}, false},
    {"frequency_holdout", {"frequency_holdout", "", "", ""}, false},
    {"monetary_value_holdout", {"monetary_value_holdout", "", "", ""}, false},
    {"duration_holdout", {"duration_holdout", "", "", ""}, false},
}};

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::array<int, kColumns.size()> FindColumns(const std::vector<std::string_view>& header,
                                             const std::string& path) {
  std::array<int, kColumns.size()> position{};
  position.fill(-1);
  for (std::size_t field = 0; field < header.size(); ++field) {
    const std::string name = Lowercase(detail::TrimSpaces(header[field]));
    for (std::size_t role = 0; role < kColumns.size(); ++role) {
      for (std::string_view candidate : kColumns[role].names) {
        if (!candidate.empty() && name == candidate && position[role] < 0) {
          position[role] = static_cast<int>(field);
        }
      }
    }
  }
  for (std::size_t role = 0; role < kColumns.size(); ++role) {
    if (kColumns[role].required && position[role] < 0) {
      throw InputError(InputLocation{.file = path, .line = 1},
                       fmt::format("summary has no {} column", kColumns[role].role),
                       "expected a header such as customer_id,frequency,recency,T,monetary_value");
    }
  }
  return position;
}

// Monetary columns may be negative (net refunds, docs/ingest.md); every other column is >= 0.
double ParseValue(std::string_view text, const InputLocation& where, bool may_be_negative) {
  const std::string_view trimmed = detail::TrimSpaces(text);
  double value = 0.0;
  const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || error != std::errc() || end != trimmed.data() + trimmed.size() ||
      !std::isfinite(value)) {
    throw InputError(where, "not a finite number");
  }
  if (value < 0.0 && !may_be_negative) throw InputError(where, "must be >= 0, got");
  return value;
}

std::vector<double>* ColumnOf(SummaryTable& table, int role) {
  switch (role) {
    case kFrequency:
      return &table.frequency;
    case kRecency:
      return &table.recency;
    case kAge:
      return &table.age;
    case kMonetary:
      return &table.monetary_value;
    case kWeight:
      return &table.weight;
    case kFreqHold:
      return &table.frequency_holdout;
    case kMonHold:
      return &table.monetary_value_holdout;
    case kDurHold:
      return &table.duration_holdout;
    default:
      return nullptr;
  }
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(InputLocation{.file = path}, "cannot open summary file");
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

void AppendRow(SummaryTable& table, const std::array<int, kColumns.size()>& position,
               const std::vector<std::string_view>& fields, const std::string& path,
               std::int64_t line) {
  for (std::size_t role = 0; role < kColumns.size(); ++role) {
    const int field = position[role];
    if (field < 0) continue;
    const InputLocation where{.file = path,
                              .line = line,
                              .column = std::string(kColumns[role].role),
                              .text = static_cast<std::size_t>(field) < fields.size()
                                          ? std::string(fields[field])
                                          : std::string()};
    if (static_cast<std::size_t>(field) >= fields.size()) {
      throw InputError(where, "missing column");
    }
    if (role == kId) {
      table.customer_ids.emplace_back(fields[field]);
    } else {
      const bool monetary = role == kMonetary || role == kMonHold;
      ColumnOf(table, static_cast<int>(role))
          ->push_back(ParseValue(fields[field], where, monetary));
    }
  }
}

void FillAbsentColumns(SummaryTable& table, const std::array<int, kColumns.size()>& position) {
  const std::size_t rows = table.frequency.size();
  if (position[kId] < 0) {
    table.customer_ids.reserve(rows);
    for (std::size_t row = 0; row < rows; ++row)
      table.customer_ids.push_back(std::to_string(row + 1));
  }
  if (position[kMonetary] < 0) table.monetary_value.assign(rows, 0.0);
  table.has_holdout = position[kFreqHold] >= 0 && position[kDurHold] >= 0;
  if (table.has_holdout && position[kMonHold] < 0) table.monetary_value_holdout.assign(rows, 0.0);
  if (!table.has_holdout) {
    table.frequency_holdout.clear();
    table.monetary_value_holdout.clear();
    table.duration_holdout.clear();
  }
}

}  // namespace

SummaryTable ReadSummaryCsv(const std::string& path, TimeUnit unit) {
  const std::string contents = ReadWholeFile(path);
  detail::CsvRecordReader reader(contents, ',');
  std::vector<std::string_view> fields;
  if (!reader.Next(fields)) throw InputError(InputLocation{.file = path}, "summary file is empty");
  const auto position = FindColumns(fields, path);

  SummaryTable table;
  table.unit = unit;
  while (true) {
    const std::int64_t line = reader.line() + 1;
    if (!reader.Next(fields)) break;
    if (fields.size() == 1 && detail::TrimSpaces(fields[0]).empty()) continue;
    if (reader.unbalanced_quote()) {
      throw InputError(InputLocation{.file = path, .line = line}, "unbalanced quote");
    }
    AppendRow(table, position, fields, path, line);
  }
  if (table.frequency.empty()) {
    throw InputError(InputLocation{.file = path}, "summary file has a header but no rows");
  }
  FillAbsentColumns(table, position);
  return table;
}

void WriteSummaryCsv(const SummaryTable& table, detail::AtomicOutputFile& out) {
  std::string buffer = detail::SummaryCsvHeader(table.has_holdout);
  static constexpr std::size_t kFlushBytes = 1 << 20;
  for (std::size_t row = 0; row < table.size(); ++row) {
    detail::CustomerRow values{table.frequency[row], table.recency[row], table.age[row],
                               table.monetary_value[row]};
    if (table.has_holdout) {
      values.frequency_holdout = table.frequency_holdout[row];
      values.monetary_value_holdout = table.monetary_value_holdout[row];
      values.duration_holdout = table.duration_holdout[row];
    }
    detail::AppendSummaryCsvRow(buffer, table.customer_ids[row], values, table.has_holdout);
    if (buffer.size() >= kFlushBytes) {
      out.Write(buffer);
      buffer.clear();
    }
  }
  out.Write(buffer);
}

}  // namespace clv
