// SPDX-License-Identifier: MIT
#include <cmath>
#include <fstream>
#include <set>
#include <string>

#include "clv/error.h"
#include "clv/metrics.h"

namespace clv {
namespace {

std::string Trim(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

double ParseCost(const std::string& text, const InputLocation& where) {
  std::size_t used = 0;
  double cost = 0.0;
  try {
    cost = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !std::isfinite(cost) || cost <= 0.0) {
    throw InputError(where, "CAC must be a number > 0, got");
  }
  return cost;
}

}  // namespace

std::vector<std::pair<std::string, double>> ReadCacTable(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(InputLocation{.file = path}, "cannot open the CAC file");
  std::vector<std::pair<std::string, double>> table;
  std::set<std::string> seen;
  std::string line;
  std::int64_t line_number = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++line_number;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t comma = line.find(',');
    if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos) {
      throw InputError({.file = path, .line = line_number, .text = line},
                       "expected two fields 'channel,cac', got");
    }
    const std::string channel = Trim(line.substr(0, comma));
    const std::string cost = Trim(line.substr(comma + 1));
    if (!header_seen) {
      header_seen = true;
      if (channel == "channel" && cost == "cac") continue;
      throw InputError({.file = path, .line = line_number, .text = line},
                       "the header must be 'channel,cac', got");
    }
    const double value =
        ParseCost(cost, {.file = path, .line = line_number, .column = "cac", .text = cost});
    if (!seen.insert(channel).second) {
      throw InputError({.file = path, .line = line_number, .column = "channel", .text = channel},
                       "channel listed twice");
    }
    table.emplace_back(channel, value);
  }
  if (table.empty()) throw InputError(InputLocation{.file = path}, "the CAC file has no rows");
  return table;
}

}  // namespace clv
