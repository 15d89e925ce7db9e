// SPDX-License-Identifier: MIT
#include "serve/event_batch.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "clv/ingest.h"
#include "ingest/amount_parser.h"
#include "ingest/date_parser.h"

namespace clv::detail {
namespace {

using nlohmann::json;

// Amounts are fixed point with 12 integer digits at most, as in the ingest rules.
constexpr double kLargestAmount = 1e12;

bool ReadId(const json& item, const char* field, bool allow_integer, std::string* id,
            std::string* reason) {
  const auto found = item.find(field);
  if (found == item.end() || found->is_null()) {
    *reason = fmt::format("{}: missing", field);
    return false;
  }
  if (allow_integer && found->is_number_integer()) {
    *id = found->dump();
  } else if (found->is_string()) {
    *id = found->get<std::string>();
  } else {
    *reason = fmt::format("{}: must be a string", field);
    return false;
  }
  if (id->empty()) *reason = fmt::format("{}: must not be empty", field);
  if (id->size() > kMaxIdBytes) {
    *reason = fmt::format("{}: longer than {} bytes", field, kMaxIdBytes);
  }
  return reason->empty();
}

bool ReadTimestamp(const json& item, std::int64_t* seconds, std::string* reason) {
  const auto found = item.find("timestamp");
  if (found == item.end() || found->is_null()) {
    *reason = "timestamp: missing";
    return false;
  }
  if (found->is_number_integer()) {
    *seconds = found->get<std::int64_t>();
    return true;
  }
  ParsedTimestamp parsed;
  if (!found->is_string() || !ParseTimestampAuto(found->get_ref<const std::string&>(), &parsed)) {
    *reason = "timestamp: not an ISO 8601 date or date-time, YYYYMMDD or Unix seconds";
    return false;
  }
  *seconds = parsed.seconds;
  return true;
}

bool ReadAmount(const json& item, std::int64_t* fixed_point, std::string* reason) {
  const auto found = item.find("amount");
  if (found == item.end() || found->is_null()) {
    *reason = "amount: missing";
    return false;
  }
  if (found->is_number()) {
    const double value = found->get<double>();
    if (!std::isfinite(value) || std::fabs(value) >= kLargestAmount) {
      *reason = "amount: must be a finite number below 1e12 in magnitude";
      return false;
    }
    *fixed_point = std::llround(value * static_cast<double>(kAmountScale));
    return true;
  }
  if (!found->is_string() || !ParseAmount(found->get_ref<const std::string&>(), fixed_point)) {
    *reason = "amount: not a number";
    return false;
  }
  return true;
}

void ReadItem(const json& item, std::size_t index, EventBatch* batch) {
  std::string reason;
  Event event;
  const bool valid =
      item.is_object() && ReadId(item, "transaction_id", false, &event.transaction_id, &reason) &&
      ReadId(item, "customer_id", true, &event.customer_id, &reason) &&
      ReadTimestamp(item, &event.timestamp, &reason) && ReadAmount(item, &event.amount, &reason);
  if (valid) {
    batch->events.push_back(std::move(event));
    return;
  }
  if (!item.is_object()) reason = "not a JSON object";
  batch->errors.push_back({index, std::move(reason)});
}

void ReadArray(std::string_view body, EventBatch* batch) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    batch->malformed = "the body is not valid JSON (or not UTF-8)";
    return;
  }
  if (!parsed.is_array()) {
    batch->malformed = "the body must be a JSON array of events or NDJSON";
    return;
  }
  batch->events.reserve(parsed.size());
  for (std::size_t index = 0; index < parsed.size(); ++index) {
    ReadItem(parsed[index], index, batch);
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
    const json item = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (item.is_discarded()) {
      batch->errors.push_back({index, "not valid JSON (or not UTF-8)"});
    } else {
      ReadItem(item, index, batch);
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
