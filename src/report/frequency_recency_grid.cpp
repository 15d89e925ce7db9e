// SPDX-License-Identifier: MIT
// Mean of a per-customer value over a grid of frequency (rows) by recency (columns). Rows are
// whole repeat-purchase counts, the last gathering every higher count; columns are equal-width
// recency bins over [0, largest age], so every customer falls in some cell.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "clv/report_builder.h"
#include "report/customer_columns.h"

namespace clv {
namespace {

struct GridLayout {
  int rows = 0;  // frequencies 0 .. rows - 2 one each; the last row may be open
  bool last_row_open = false;
  int columns = 0;
  double column_width = 1.0;  // in time units
};

GridLayout ChooseLayout(const CustomerScoresView& customers,
                        const ReportAggregationOptions& options) {
  const double max_frequency =
      *std::max_element(customers.frequency.begin(), customers.frequency.end());
  const double max_age = *std::max_element(customers.age.begin(), customers.age.end());
  GridLayout layout;
  const auto whole_frequencies =
      static_cast<int>(std::min(std::floor(std::max(max_frequency, 0.0)) + 1.0,
                                static_cast<double>(options.max_frequency_rows)));
  layout.rows = std::max(whole_frequencies, 1);
  layout.last_row_open = max_frequency >= static_cast<double>(layout.rows);
  layout.columns = options.recency_columns;
  layout.column_width = max_age > 0.0 ? max_age / layout.columns : 1.0;
  return layout;
}

std::vector<std::string> RowLabels(const GridLayout& layout) {
  std::vector<std::string> labels;
  for (int row = 0; row < layout.rows; ++row)
    labels.push_back(std::to_string(row));
  if (layout.last_row_open) labels.back() += "+";
  return labels;
}

std::vector<std::string> ColumnLabels(const GridLayout& layout) {
  std::vector<std::string> labels;
  for (int column = 0; column < layout.columns; ++column) {
    labels.push_back(fmt::format("{:.3g}-{:.3g}", column * layout.column_width,
                                 (column + 1) * layout.column_width));
  }
  return labels;
}

int CellOf(const GridLayout& layout, double frequency, double recency) {
  const int row = std::clamp(static_cast<int>(std::floor(frequency)), 0, layout.rows - 1);
  const int column = std::clamp(static_cast<int>(std::floor(recency / layout.column_width)), 0,
                                layout.columns - 1);
  return row * layout.columns + column;
}

}  // namespace

Heatmap BuildFrequencyRecencyGrid(const CustomerScoresView& customers,
                                  std::span<const double> values, std::string value_title,
                                  const ReportAggregationOptions& options) {
  options.Validate();
  const std::size_t num_customers = values.size();
  detail::RequireFinite(values, value_title);
  detail::RequireFiniteColumn(customers.frequency, num_customers, "frequency");
  detail::RequireFiniteColumn(customers.recency, num_customers, "recency");
  detail::RequireFiniteColumn(customers.age, num_customers, "age");

  Heatmap heatmap{.row_title = "Repeat purchases (frequency)",
                  .column_title = "Recency",
                  .value_title = std::move(value_title)};
  if (num_customers == 0) return heatmap;
  const GridLayout layout = ChooseLayout(customers, options);
  heatmap.row_labels = RowLabels(layout);
  heatmap.column_labels = ColumnLabels(layout);

  const auto num_cells = static_cast<std::size_t>(layout.rows * layout.columns);
  std::vector<double> sums(num_cells, 0.0);
  std::vector<std::int64_t> counts(num_cells, 0);
  for (std::size_t i = 0; i < num_customers; ++i) {
    const auto cell =
        static_cast<std::size_t>(CellOf(layout, customers.frequency[i], customers.recency[i]));
    sums[cell] += values[i];
    ++counts[cell];
  }
  for (std::size_t cell = 0; cell < num_cells; ++cell) {
    if (counts[cell] == 0) continue;
    const auto index = static_cast<int>(cell);
    heatmap.cells.push_back({.row = index / layout.columns,
                             .column = index % layout.columns,
                             .value = sums[cell] / static_cast<double>(counts[cell]),
                             .customers = counts[cell]});
  }
  return heatmap;
}

}  // namespace clv
