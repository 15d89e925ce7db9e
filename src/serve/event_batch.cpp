// SPDX-License-Identifier: MIT
// The body is read with simdjson's on-demand API, which hands each field to the event being
// filled without building a document first: for batches of 1,000 events, building one (and
// freeing its thousands of small strings and maps) cost more than the rest of the parse.
#include "serve/event_batch.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cmath>
#include <optional>

#include "clv/ingest.h"
#include "ingest/amount_parser.h"
#include "ingest/date_parser.h"

namespace clv::detail {
namespace {

namespace ondemand = simdjson::ondemand;

// Amounts are fixed point with 12 integer digits at most, as in the ingest rules.
constexpr double kLargestAmount = 1e12;

constexpr std::string_view kNotJson = "not valid JSON (or not UTF-8)";

// A structural error of the JSON text itself, as opposed to an event that breaks a rule.
struct MalformedJson {};

template <typename T>
T Take(simdjson::simdjson_result<T> result) {
  T value;
  if (std::move(result).get(value) != simdjson::SUCCESS) throw MalformedJson{};
  return value;
}

// What one field of an event said: its value, or why it is not usable. Unset: not present.
template <typename T>
struct FieldReading {
  bool present = false;
  T value{};
  std::string reason;
};

std::string_view TrimmedToken(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' ||
                            token.back() == '\n')) {
    token.remove_suffix(1);
  }
  return token;
}

bool IsInteger(ondemand::value& value) {
  const ondemand::number_type type = Take(value.get_number_type());
  return type == ondemand::number_type::signed_integer ||
         type == ondemand::number_type::unsigned_integer;
}

FieldReading<std::string> ReadId(ondemand::value value, std::string_view field,
                                 bool allow_integer) {
  FieldReading<std::string> reading{.present = true};
  const ondemand::json_type type = Take(value.type());
  if (type == ondemand::json_type::null) {
    reading.reason = fmt::format("{}: missing", field);
  } else if (type == ondemand::json_type::string) {
    reading.value = std::string(Take(value.get_string()));
  } else if (allow_integer && type == ondemand::json_type::number && IsInteger(value)) {
    reading.value = std::string(TrimmedToken(value.raw_json_token()));
  } else {
    reading.reason = fmt::format("{}: must be a string", field);
  }
  if (!reading.reason.empty()) return reading;
  if (reading.value.empty()) reading.reason = fmt::format("{}: must not be empty", field);
  if (reading.value.size() > kMaxIdBytes) {
    reading.reason = fmt::format("{}: longer than {} bytes", field, kMaxIdBytes);
  }
  return reading;
}

FieldReading<std::int64_t> ReadTimestamp(ondemand::value value) {
  FieldReading<std::int64_t> reading{.present = true};
  const ondemand::json_type type = Take(value.type());
  if (type == ondemand::json_type::null) {
    reading.reason = "timestamp: missing";
    return reading;
  }
  if (type == ondemand::json_type::number && IsInteger(value)) {
    if (value.get_int64().get(reading.value) == simdjson::SUCCESS) return reading;
  }
  ParsedTimestamp parsed;
  if (type != ondemand::json_type::string ||
      !ParseTimestampAuto(Take(value.get_string()), &parsed)) {
    reading.reason = "timestamp: not an ISO 8601 date or date-time, YYYYMMDD or Unix seconds";
    return reading;
  }
  reading.value = parsed.seconds;
  return reading;
}

FieldReading<std::int64_t> ReadAmount(ondemand::value value) {
  FieldReading<std::int64_t> reading{.present = true};
  const ondemand::json_type type = Take(value.type());
  if (type == ondemand::json_type::null) {
    reading.reason = "amount: missing";
  } else if (type == ondemand::json_type::number) {
    const double amount = Take(value.get_double());
    if (!std::isfinite(amount) || std::fabs(amount) >= kLargestAmount) {
      reading.reason = "amount: must be a finite number below 1e12 in magnitude";
    } else {
      reading.value = std::llround(amount * static_cast<double>(kAmountScale));
    }
  } else if (type != ondemand::json_type::string ||
             !ParseAmount(Take(value.get_string()), &reading.value)) {
    reading.reason = "amount: not a number";
  }
  return reading;
}

// The first rule an event breaks, checked field by field in a fixed order, or "".
template <typename T>
bool Usable(const FieldReading<T>& reading, std::string_view field, std::string* reason) {
  if (!reading.present) {
    *reason = fmt::format("{}: missing", field);
  } else {
    *reason = reading.reason;
  }
  return reason->empty();
}

// Reads one item: an event, or the reason it is not one. A later repeat of a key wins.
void ReadItem(ondemand::value item, std::size_t index, EventBatch* batch) {
  if (Take(item.type()) != ondemand::json_type::object) {
    batch->errors.push_back({index, "not a JSON object"});
    return;
  }
  FieldReading<std::string> transaction_id, customer_id;
  FieldReading<std::int64_t> timestamp, amount;
  for (auto field : Take(item.get_object())) {
    ondemand::field entry = Take(std::move(field));
    const std::string_view key = Take(entry.unescaped_key());
    if (key == "transaction_id") {
      transaction_id = ReadId(entry.value(), key, false);
    } else if (key == "customer_id") {
      customer_id = ReadId(entry.value(), key, true);
    } else if (key == "timestamp") {
      timestamp = ReadTimestamp(entry.value());
    } else if (key == "amount") {
      amount = ReadAmount(entry.value());
    }
  }
  std::string reason;
  if (Usable(transaction_id, "transaction_id", &reason) &&
      Usable(customer_id, "customer_id", &reason) && Usable(timestamp, "timestamp", &reason) &&
      Usable(amount, "amount", &reason)) {
    batch->events.push_back({.transaction_id = std::move(transaction_id.value),
                             .customer_id = std::move(customer_id.value),
                             .timestamp = timestamp.value,
                             .amount = amount.value});
    return;
  }
  batch->errors.push_back({index, std::move(reason)});
}

// Whether the document was read to its end: anything after the root value is not JSON.
bool AtEnd(ondemand::document& document) {
  const char* location = nullptr;
  return document.current_location().get(location) == simdjson::OUT_OF_BOUNDS;
}

ondemand::parser& ThreadParser() {
  thread_local ondemand::parser parser;
  return parser;
}

void ReadArray(std::string_view body, EventBatch* batch) {
  const simdjson::padded_string padded(body);
  try {
    ondemand::document document = Take(ThreadParser().iterate(padded));
    std::size_t index = 0;
    for (auto element : Take(document.get_array())) {
      ReadItem(Take(std::move(element)), index++, batch);
    }
    if (!AtEnd(document)) throw MalformedJson{};
  } catch (const MalformedJson&) {
    *batch = EventBatch{};
    batch->malformed = "the body is not valid JSON (or not UTF-8)";
  }
}

void ReadLines(std::string_view body, EventBatch* batch) {
  std::size_t index = 0;
  while (!body.empty()) {
    const std::size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const simdjson::padded_string padded(line);
    if (line[line.find_first_not_of(" \t")] != '{') {
      // Not an object: the rare case, told apart from broken JSON by validating it whole.
      thread_local simdjson::dom::parser validator;
      const bool valid = validator.parse(padded).error() == simdjson::SUCCESS;
      batch->errors.push_back({index, valid ? "not a JSON object" : std::string(kNotJson)});
      ++index;
      continue;
    }
    const std::size_t events_before = batch->events.size();
    const std::size_t errors_before = batch->errors.size();
    try {
      ondemand::document document = Take(ThreadParser().iterate(padded));
      ReadItem(Take(document.get_value()), index, batch);
      if (!AtEnd(document)) throw MalformedJson{};
    } catch (const MalformedJson&) {
      batch->events.resize(events_before);
      batch->errors.resize(errors_before);
      batch->errors.push_back({index, std::string(kNotJson)});
    }
    ++index;
  }
}

}  // namespace

EventBatch ParseEventBatch(std::string_view body, std::string_view content_type) {
  EventBatch batch;
  const std::size_t start = body.find_first_not_of(" \t\r\n");
  const bool is_array = content_type.find("ndjson") == std::string_view::npos &&
                        start != std::string_view::npos && body[start] == '[';
  if (is_array) {
    ReadArray(body, &batch);
  } else {
    ReadLines(body, &batch);
  }
  return batch;
}

}  // namespace clv::detail
