// SPDX-License-Identifier: MIT
// The most valuable customers, found in one pass with a bounded heap (O(n log k) for k rows).
#include <fmt/format.h>

#include <algorithm>
#include <queue>
#include <vector>

#include "clv/error.h"
#include "clv/report_builder.h"
#include "report/customer_columns.h"

namespace clv {
namespace {

struct Ranked {
  double clv;
  std::size_t position;
};

// True when `a` ranks above `b`: higher CLV first, then the earlier position.
bool RanksAbove(const Ranked& a, const Ranked& b) {
  return a.clv != b.clv ? a.clv > b.clv : a.position < b.position;
}

std::vector<std::size_t> TopPositions(std::span<const double> clv, std::size_t count) {
  // A min-heap of the best `count` so far: its top is the weakest kept customer.
  const auto weaker_on_top = [](const Ranked& a, const Ranked& b) { return RanksAbove(a, b); };
  std::priority_queue<Ranked, std::vector<Ranked>, decltype(weaker_on_top)> kept(weaker_on_top);
  for (std::size_t i = 0; i < clv.size(); ++i) {
    const Ranked candidate{clv[i], i};
    if (kept.size() < count) {
      kept.push(candidate);
    } else if (count > 0 && RanksAbove(candidate, kept.top())) {
      kept.pop();
      kept.push(candidate);
    }
  }
  std::vector<std::size_t> positions(kept.size());
  for (auto slot = positions.rbegin(); slot != positions.rend(); ++slot) {
    *slot = kept.top().position;
    kept.pop();
  }
  return positions;
}

}  // namespace

std::vector<TopCustomer> SelectTopCustomers(const CustomerScoresView& customers,
                                            const ReportAggregationOptions& options) {
  options.Validate();
  const std::size_t num_customers = customers.clv.size();
  detail::RequireFinite(customers.clv, "clv");
  detail::RequireColumnLength(customers.frequency, num_customers, "frequency");
  detail::RequireColumnLength(customers.recency, num_customers, "recency");
  detail::RequireColumnLength(customers.age, num_customers, "age");
  detail::RequireColumnLength(customers.monetary_value, num_customers, "monetary_value");
  detail::RequireColumnLength(customers.expected_purchases, num_customers, "expected_purchases");
  detail::RequireColumnLength(customers.p_alive, num_customers, "p_alive");
  const bool has_ids = !customers.customer_ids.empty();
  if (has_ids && customers.customer_ids.size() != num_customers) {
    throw InputError(fmt::format(
        "report aggregation: column 'customer_ids' has {} entries, expected one per customer ({})",
        customers.customer_ids.size(), num_customers));
  }

  std::vector<TopCustomer> rows;
  for (const std::size_t i :
       TopPositions(customers.clv, static_cast<std::size_t>(options.top_customers))) {
    rows.push_back({.customer_id = has_ids ? customers.customer_ids[i] : std::to_string(i + 1),
                    .frequency = customers.frequency[i],
                    .recency = customers.recency[i],
                    .age = customers.age[i],
                    .monetary_value = customers.monetary_value[i],
                    .expected_purchases = customers.expected_purchases[i],
                    .p_alive = customers.p_alive[i],
                    .clv = customers.clv[i]});
  }
  return rows;
}

}  // namespace clv
