// SPDX-License-Identifier: MIT
// Where a buffer of delimited text can be cut so that every piece holds whole records: after a
// line break that is outside quotes. Quote state is the parity of '"' characters since the
// buffer's start (which must be a record start); an escaped quote ("") counts twice and so keeps
// the parity, which is why counting is enough.
#pragma once

#include <string_view>

namespace clv::detail {

/// Length of the longest prefix of `buffer` made of whole records (ending just past a line break
/// outside quotes); 0 when the buffer holds no complete record.
std::size_t CompleteRecordsLength(std::string_view buffer);

}  // namespace clv::detail
