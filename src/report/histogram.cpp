// SPDX-License-Identifier: MIT
// Equal-width histogram whose last bin gathers the tail above a quantile: CLV is heavily skewed,
// and bins spread up to the largest value would put nearly every customer in the first one.
#include <algorithm>
#include <cmath>
#include <vector>

#include "clv/report_builder.h"
#include "report/customer_columns.h"

namespace clv {
namespace {

// The value below which a share `quantile` of `values` lies (an order statistic, no
// interpolation), found in linear time on a copy.
double OrderStatistic(std::span<const double> values, double quantile) {
  std::vector<double> copy(values.begin(), values.end());
  const auto last = static_cast<double>(copy.size() - 1);
  const auto rank = static_cast<std::size_t>(std::ceil(quantile * last));
  std::nth_element(copy.begin(), copy.begin() + static_cast<std::ptrdiff_t>(rank), copy.end());
  return copy[rank];
}

}  // namespace

Histogram BuildHistogram(std::span<const double> values, std::string value_title,
                         const ReportAggregationOptions& options) {
  options.Validate();
  detail::RequireFinite(values, value_title);
  Histogram histogram;
  histogram.value_title = std::move(value_title);
  if (values.empty()) return histogram;

  const auto [min_it, max_it] = std::minmax_element(values.begin(), values.end());
  const double smallest = *min_it;
  const double largest = *max_it;
  const double tail_start = OrderStatistic(values, options.histogram_tail_quantile);
  histogram.last_bin_open = tail_start < largest && tail_start > smallest;

  // Regular bins cover [smallest, regular_end); an open last bin covers [regular_end, largest].
  const int regular_bins =
      histogram.last_bin_open ? options.histogram_bins - 1 : options.histogram_bins;
  const double regular_end = histogram.last_bin_open ? tail_start : largest;
  const double width = regular_end > smallest ? (regular_end - smallest) / regular_bins : 1.0;
  for (int bin = 0; bin < regular_bins; ++bin) {
    histogram.bins.push_back({smallest + bin * width, smallest + (bin + 1) * width, 0});
  }
  if (histogram.last_bin_open) histogram.bins.push_back({regular_end, largest, 0});

  const auto last_bin = static_cast<std::ptrdiff_t>(histogram.bins.size() - 1);
  for (const double value : values) {
    const auto bin = value >= regular_end && histogram.last_bin_open
                         ? last_bin
                         : static_cast<std::ptrdiff_t>((value - smallest) / width);
    ++histogram.bins[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(bin, 0, last_bin))]
          .customers;
  }
  return histogram;
}

}  // namespace clv
