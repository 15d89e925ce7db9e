// SPDX-License-Identifier: MIT
#include "report/customer_columns.h"

#include <fmt/format.h>

#include <cmath>

#include "clv/error.h"

namespace clv::detail {

void RequireColumnLength(std::span<const double> column, std::size_t num_customers,
                         std::string_view column_name) {
  if (column.size() != num_customers) {
    throw InputError(fmt::format(
        "report aggregation: column '{}' has {} entries, expected one per customer ({})",
        column_name, column.size(), num_customers));
  }
}

void RequireFinite(std::span<const double> column, std::string_view column_name) {
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (!std::isfinite(column[i])) [[unlikely]] {
      throw InputError(fmt::format(
          "report aggregation: column '{}' at customer position {} must be finite, got {}",
          column_name, i, column[i]));
    }
  }
}

void RequireFiniteColumn(std::span<const double> column, std::size_t num_customers,
                         std::string_view column_name) {
  RequireColumnLength(column, num_customers, column_name);
  RequireFinite(column, column_name);
}

}  // namespace clv::detail
