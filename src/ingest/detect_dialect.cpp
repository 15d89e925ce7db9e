// SPDX-License-Identifier: MIT
#include "ingest/detect_dialect.h"

#include <algorithm>
#include <array>
#include <vector>

#include "ingest/amount_parser.h"
#include "ingest/csv_record.h"

namespace clv::detail {
namespace {

constexpr int kSampleLines = 20;
constexpr std::array<char, 4> kCandidates = {',', '\t', ';', '|'};

// The first records of the sample, split at line breaks outside quotes. A record cut short by
// the end of the sample is left out unless it is the only one.
std::vector<std::string_view> FirstRecords(std::string_view sample) {
  std::vector<std::string_view> records;
  std::size_t begin = 0;
  bool quoted = false;
  for (std::size_t pos = 0; pos < sample.size() && records.size() < kSampleLines; ++pos) {
    if (sample[pos] == '"') quoted = !quoted;
    if (sample[pos] != '\n' || quoted) continue;
    std::string_view record = sample.substr(begin, pos - begin);
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (!TrimSpaces(record).empty()) records.push_back(record);
    begin = pos + 1;
  }
  if (records.empty() && begin < sample.size()) records.push_back(sample.substr(begin));
  return records;
}

int CountOutsideQuotes(std::string_view line, char delimiter) {
  int count = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    count += !quoted && c == delimiter;
  }
  return count;
}

// A candidate scores one point per record holding it as often as the first record does; a
// bad row among the sample (a missing field) must not hide the delimiter of the others.
char GuessDelimiter(std::string_view sample) {
  const std::vector<std::string_view> records = FirstRecords(sample);
  char best = kWhitespaceDelimiter;
  std::size_t best_score = 0;
  int best_count = 0;
  for (char candidate : kCandidates) {
    const int first_count = records.empty() ? 0 : CountOutsideQuotes(records[0], candidate);
    if (first_count == 0) continue;
    const auto score = static_cast<std::size_t>(
        std::count_if(records.begin(), records.end(), [&](std::string_view record) {
          return CountOutsideQuotes(record, candidate) == first_count;
        }));
    const bool most_agree = 2 * score > records.size();
    if (most_agree && (score > best_score || (score == best_score && first_count > best_count))) {
      best = candidate;
      best_score = score;
      best_count = first_count;
    }
  }
  return best;
}

bool LooksLikeValue(std::string_view field, const DateFormat* date_format) {
  const std::string_view text = TrimSpaces(field);
  if (text.empty()) return false;
  ParsedTimestamp timestamp;
  std::int64_t amount = 0;
  return ParseTimestampAuto(text, &timestamp) || ParseAmount(text, &amount) ||
         (date_format != nullptr && date_format->Parse(text, &timestamp));
}

bool GuessHeader(std::string_view sample, char delimiter, const DateFormat* date_format) {
  CsvRecordReader reader(sample, delimiter);
  std::vector<std::string_view> fields;
  while (reader.Next(fields) && fields.empty()) {
  }
  for (std::string_view field : fields) {
    if (LooksLikeValue(field, date_format)) return false;
  }
  return !fields.empty();
}

}  // namespace

char DelimiterCharacter(Delimiter delimiter) {
  switch (delimiter) {
    case Delimiter::kComma:
      return ',';
    case Delimiter::kTab:
      return '\t';
    case Delimiter::kSemicolon:
      return ';';
    case Delimiter::kPipe:
      return '|';
    case Delimiter::kWhitespace:
    case Delimiter::kAuto:
      return kWhitespaceDelimiter;
  }
  return kWhitespaceDelimiter;
}

Dialect DetectDialect(std::string_view sample, const IngestOptions& options,
                      const DateFormat* date_format) {
  Dialect dialect;
  dialect.delimiter = options.delimiter == Delimiter::kAuto ? GuessDelimiter(sample)
                                                            : DelimiterCharacter(options.delimiter);
  switch (options.header) {
    case HeaderMode::kPresent:
      dialect.has_header = true;
      break;
    case HeaderMode::kAbsent:
      dialect.has_header = false;
      break;
    case HeaderMode::kAuto:
      dialect.has_header = GuessHeader(sample, dialect.delimiter, date_format);
      break;
  }
  return dialect;
}

}  // namespace clv::detail
