// SPDX-License-Identifier: MIT
// Checks shared by the report builders on the per-customer columns of CustomerScoresView.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace clv::detail {

/// Throws InputError unless `column` holds one entry per customer (`num_customers`).
void RequireColumnLength(std::span<const double> column, std::size_t num_customers,
                         std::string_view column_name);

/// Throws InputError naming the column and the customer position of the first value that is
/// NaN or infinite.
void RequireFinite(std::span<const double> column, std::string_view column_name);

/// Both checks above.
void RequireFiniteColumn(std::span<const double> column, std::size_t num_customers,
                         std::string_view column_name);

}  // namespace clv::detail
