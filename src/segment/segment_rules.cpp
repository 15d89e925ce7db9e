// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "clv/error.h"
#include "clv/segment.h"
#include "segment/csv_fields.h"
#include "segment/default_rules_text.h"

namespace clv {
namespace {

// Parses "4" or "3-5" into [min, max] with 1 <= min <= max <= 5.
bool ParseScoreRange(std::string_view text, int* min, int* max) {
  const std::size_t dash = text.find('-');
  const std::string_view low = text.substr(0, dash);
  const std::string_view high = dash == std::string_view::npos ? low : text.substr(dash + 1);
  const auto parse = [](std::string_view digits, int* value) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), *value);
    return error == std::errc() && end == digits.data() + digits.size();
  };
  return parse(low, min) && parse(high, max) && *min >= 1 && *min <= *max && *max <= 5;
}

SegmentRule ParseRule(const std::vector<std::string>& fields, const std::string& source,
                      std::int64_t line, std::string_view text) {
  if (fields.size() != 4 || fields[0].empty()) {
    throw InputError({.file = source, .line = line, .text = std::string(text)},
                     "a rule needs four fields 'segment,r_score,f_score,m_score', got");
  }
  SegmentRule rule{.segment = fields[0], .line = line};
  const char* columns[] = {"r_score", "f_score", "m_score"};
  int* ranges[][2] = {{&rule.recency_min, &rule.recency_max},
                      {&rule.frequency_min, &rule.frequency_max},
                      {&rule.monetary_min, &rule.monetary_max}};
  for (int k = 0; k < 3; ++k) {
    if (!ParseScoreRange(fields[k + 1], ranges[k][0], ranges[k][1])) {
      throw InputError({.file = source, .line = line, .column = columns[k], .text = fields[k + 1]},
                       "a score must be 1..5 or a range such as 3-5, got");
    }
  }
  return rule;
}

bool Matches(const SegmentRule& rule, int r, int f, int m) {
  return r >= rule.recency_min && r <= rule.recency_max && f >= rule.frequency_min &&
         f <= rule.frequency_max && m >= rule.monetary_min && m <= rule.monetary_max;
}

void CheckEveryScoreCombinationMatches(const SegmentRules& rules) {
  for (int r = 1; r <= 5; ++r) {
    for (int f = 1; f <= 5; ++f) {
      for (int m = 1; m <= 5; ++m) {
        const bool matched =
            std::any_of(rules.rules.begin(), rules.rules.end(),
                        [&](const SegmentRule& rule) { return Matches(rule, r, f, m); });
        if (matched) continue;
        throw InputError(
            fmt::format("{}: no rule matches r_score={} f_score={} m_score={} (end the file with a "
                        "catch-all rule such as 'other,1-5,1-5,1-5')",
                        rules.source, r, f, m));
      }
    }
  }
}

}  // namespace

std::vector<std::string> SegmentRules::SegmentNames() const {
  std::vector<std::string> names;
  for (const SegmentRule& rule : rules) {
    if (std::find(names.begin(), names.end(), rule.segment) == names.end()) {
      names.push_back(rule.segment);
    }
  }
  return names;
}

SegmentRules ParseSegmentRules(std::string_view text, const std::string& source) {
  SegmentRules rules{.source = source};
  std::istringstream lines{std::string(text)};
  std::string line;
  std::vector<std::string> fields;
  std::int64_t line_number = 0;
  bool header_seen = false;
  while (std::getline(lines, line)) {
    ++line_number;
    const std::string_view trimmed = detail::TrimBlanks(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    if (!detail::SplitCsvLine(trimmed, &fields)) {
      throw InputError({.file = source, .line = line_number, .text = line}, "unbalanced quote in");
    }
    if (!header_seen) {
      header_seen = true;
      if (fields == std::vector<std::string>{"segment", "r_score", "f_score", "m_score"}) continue;
      throw InputError({.file = source, .line = line_number, .text = line},
                       "the header must be 'segment,r_score,f_score,m_score', got");
    }
    rules.rules.push_back(ParseRule(fields, source, line_number, trimmed));
  }
  if (rules.rules.empty()) throw InputError(InputLocation{.file = source}, "no segment rules");
  CheckEveryScoreCombinationMatches(rules);
  return rules;
}

SegmentRules ReadSegmentRules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(InputLocation{.file = path}, "cannot open the segment rules file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseSegmentRules(text.str(), path);
}

SegmentRules DefaultSegmentRules() {
  return ParseSegmentRules(detail::DefaultSegmentRulesText(), "default_rfm_segments.csv");
}

std::string_view ToString(SegmentBy by) {
  switch (by) {
    case SegmentBy::kValue:
      return "value";
    case SegmentBy::kRfm:
      return "rfm";
    case SegmentBy::kBoth:
      return "both";
  }
  CLV_CHECK(false, "unknown SegmentBy");
}

SegmentBy ParseSegmentBy(std::string_view text) {
  if (text == "value") return SegmentBy::kValue;
  if (text == "rfm") return SegmentBy::kRfm;
  if (text == "both") return SegmentBy::kBoth;
  throw InputError("--by must be one of value, rfm, both; got '" + QuoteForMessage(text) + "'");
}

}  // namespace clv
