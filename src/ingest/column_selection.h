// SPDX-License-Identifier: MIT
// Which field of a record holds the customer, the date, the amount and the other columns asked
// for: by header name, by 1-based position, or by the common names users give them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clv/ingest.h"

namespace clv::detail {

/// A chosen column: its 0-based field index (-1 when absent) and how messages call it.
struct ChosenColumn {
  int index = -1;
  std::string label;
};

struct ColumnSelection {
  ChosenColumn customer;
  ChosenColumn date;
  ChosenColumn amount;
  ChosenColumn transaction_id;
  std::vector<ChosenColumn> extra;
};

/// Resolves the columns of `options` against `header` (nullptr when the file has none).
/// Throws InputError naming `path` for an unknown name, a name without a header, a bad position,
/// or a customer or date column that the default names do not find.
ColumnSelection SelectColumns(const IngestOptions& options,
                              const std::vector<std::string_view>* header, const std::string& path);

}  // namespace clv::detail
