// SPDX-License-Identifier: MIT
// The body of POST /v1/events: a JSON array of events or NDJSON (one event object per line),
// each {transaction_id, customer_id, timestamp, amount}. A request is validated as a whole so
// that it can be committed whole or rejected whole with every problem listed.
//
// Rules per event: transaction_id and customer_id are non-empty strings of at most 256 bytes
// (customer ids may also be integers); JSON text is UTF-8 by definition and the parser rejects
// anything else; timestamp is ISO 8601 (date or date-time, optional offset), YYYYMMDD or Unix
// seconds, as text or as an integer; amount is a number or decimal text (see ingest's amount
// rules), at most 12 integer digits.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "serve/event.h"

namespace clv::detail {

inline constexpr std::size_t kMaxIdBytes = 256;

/// A problem with one item of the request.
struct ItemError {
  std::size_t index = 0;  ///< 0-based position in the array, or line among non-blank lines
  std::string reason;     ///< e.g. "timestamp: not a date or date-time"
};

struct EventBatch {
  std::vector<Event> events;
  std::vector<ItemError> errors;  ///< empty when every event is valid
  std::string malformed;          ///< set when the body as a whole cannot be read
  bool ok() const { return errors.empty() && malformed.empty(); }
};

/// Parses and validates a request body. `content_type` chooses NDJSON when it names ndjson;
/// otherwise a body starting with '[' is an array and anything else is read as NDJSON.
EventBatch ParseEventBatch(std::string_view body, std::string_view content_type);

}  // namespace clv::detail
