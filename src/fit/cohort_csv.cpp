// SPDX-License-Identifier: MIT
#include "fit/cohort_csv.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <optional>
#include <string_view>

#include "clv/error.h"

namespace clv::detail {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<double> ParseNumber(std::string_view text) {
  text = Trim(text);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<double> ReadCohortCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(InputLocation{.file = path}, "cannot open the cohort file");
  std::vector<double> customers;
  std::string line;
  for (std::int64_t line_number = 1; std::getline(in, line); ++line_number) {
    if (Trim(line).empty()) continue;
    const std::size_t comma = line.find(',');
    const InputLocation where{.file = path, .line = line_number, .text = line};
    if (comma == std::string::npos) {
      throw InputError(where, "expected two columns 'period,customers'");
    }
    const auto period = ParseNumber(std::string_view(line).substr(0, comma));
    const auto count = ParseNumber(std::string_view(line).substr(comma + 1));
    if (!period && !count && customers.empty() && line_number == 1) continue;  // the header
    if (!period || !count) throw InputError(where, "period and customers must be numbers");
    if (*period != static_cast<double>(customers.size())) {
      throw InputError(where, fmt::format("periods must run 0, 1, 2, ... in order; expected {}",
                                          customers.size()));
    }
    customers.push_back(*count);
  }
  if (customers.empty()) throw InputError(InputLocation{.file = path}, "the cohort file is empty");
  return customers;
}

}  // namespace clv::detail
