// SPDX-License-Identifier: MIT
// Reading the customers to segment from `clv predict` output or a customer summary.
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <string>

#include "clv/error.h"
#include "clv/segment.h"
#include "segment/csv_fields.h"

namespace clv {
namespace {

// Column positions of the input, each found by any of its accepted names.
struct ValueColumns {
  std::size_t id = 0;
  std::size_t frequency = 0;
  std::size_t recency = 0;
  std::size_t age = 0;
  std::size_t monetary_value = 0;
  std::optional<std::size_t> clv;
  std::optional<std::size_t> p_alive;
};

std::optional<std::size_t> FindColumn(const std::vector<std::string>& header,
                                      std::initializer_list<std::string_view> names) {
  for (std::size_t column = 0; column < header.size(); ++column) {
    for (const std::string_view name : names) {
      if (header[column] == name) return column;
    }
  }
  return std::nullopt;
}

std::size_t RequireColumn(const std::vector<std::string>& header,
                          std::initializer_list<std::string_view> names, const std::string& path,
                          std::string_view why) {
  if (const std::optional<std::size_t> column = FindColumn(header, names)) return *column;
  throw InputError(InputLocation{.file = path, .line = 1, .column = std::string(*names.begin())},
                   "missing column (" + std::string(why) + ")");
}

ValueColumns FindValueColumns(const std::vector<std::string>& header, const std::string& path) {
  ValueColumns columns;
  columns.clv = FindColumn(header, {"clv"});
  columns.p_alive = FindColumn(header, {"p_alive"});
  if (!columns.clv && FindColumn(header, {"expected_purchases"})) {
    throw InputError(
        InputLocation{.file = path, .line = 1, .column = "clv"},
        "missing column: a prediction without CLV (run clv predict with a spend model, or pass "
        "the summary to segment by historical value)");
  }
  columns.id = RequireColumn(header, {"customer_id", "ID", "id"}, path, "the customer id");
  columns.frequency = RequireColumn(header, {"frequency", "x"}, path, "needed for RFM");
  columns.recency = RequireColumn(header, {"recency", "t_x"}, path, "needed for RFM");
  columns.age = RequireColumn(header, {"T", "age"}, path, "needed for RFM");
  columns.monetary_value =
      RequireColumn(header, {"monetary_value", "zbar"}, path, "needed for RFM and value");
  return columns;
}

double ParseSummaryNumber(const std::string& text, const InputLocation& where) {
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(value) || value < 0.0) {
    throw InputError(where, "must be a finite number >= 0, got");
  }
  return value;
}

// Predictions mark customers they could not score with an empty or non-finite value.
std::optional<double> ParsePrediction(const std::string& text) {
  std::size_t used = 0;
  try {
    const double value = std::stod(text, &used);
    if (used == text.size() && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

void AppendRow(const std::vector<std::string>& fields, const ValueColumns& columns,
               const std::vector<std::string>& header, const std::string& path, std::int64_t line,
               CustomerValues* customers) {
  if (fields.size() != header.size()) {
    throw InputError({.file = path, .line = line}, "expected " + std::to_string(header.size()) +
                                                       " fields, got " +
                                                       std::to_string(fields.size()));
  }
  const auto number = [&](std::size_t column) {
    return ParseSummaryNumber(
        fields[column],
        {.file = path, .line = line, .column = header[column], .text = fields[column]});
  };
  customers->customer_ids.push_back(fields[columns.id]);
  customers->frequency.push_back(number(columns.frequency));
  customers->recency.push_back(number(columns.recency));
  customers->age.push_back(number(columns.age));
  customers->monetary_value.push_back(number(columns.monetary_value));
  if (columns.clv) {
    const std::optional<double> clv = ParsePrediction(fields[*columns.clv]);
    if (!clv) ++customers->values_not_finite;
    customers->value.push_back(clv.value_or(0.0));
  } else {
    // Historical value: the repeat purchases' spend, frequency x monetary value. The summary
    // does not carry the first purchase, so it is left out (docs/metrics.md, "Value").
    customers->value.push_back(customers->frequency.back() * customers->monetary_value.back());
  }
  if (columns.p_alive) {
    customers->p_alive.push_back(ParsePrediction(fields[*columns.p_alive]).value_or(0.0));
  }
}

}  // namespace

CustomerValues ReadCustomerValues(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(InputLocation{.file = path}, "cannot open the customer file");
  std::string line;
  std::vector<std::string> header;
  if (!std::getline(in, line) || detail::TrimBlanks(line).empty()) {
    throw InputError(InputLocation{.file = path}, "the customer file is empty");
  }
  detail::SplitCsvLine(line, &header);
  const ValueColumns columns = FindValueColumns(header, path);

  CustomerValues customers;
  customers.value_is_predicted = columns.clv.has_value();
  std::vector<std::string> fields;
  std::int64_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (detail::TrimBlanks(line).empty()) continue;
    if (!detail::SplitCsvLine(line, &fields)) {
      throw InputError({.file = path, .line = line_number, .text = line}, "unbalanced quote in");
    }
    AppendRow(fields, columns, header, path, line_number, &customers);
  }
  if (customers.size() == 0) {
    throw InputError(InputLocation{.file = path}, "the customer file has a header but no rows");
  }
  return customers;
}

}  // namespace clv
