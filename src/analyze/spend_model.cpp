// SPDX-License-Identifier: MIT
#include "analyze/spend_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "clv/error.h"

namespace clv::detail {

SpendIndependence CheckSpendIndependence(const SummaryTable& summary) {
  double n = 0, sum_x = 0, sum_m = 0, sum_xx = 0, sum_mm = 0, sum_xm = 0;
  for (std::size_t row = 0; row < summary.size(); ++row) {
    const double x = summary.frequency[row];
    const double m = summary.monetary_value[row];
    if (x < 1 || !(m > 0)) continue;
    const double w = summary.WeightOf(row);
    n += w;
    sum_x += w * x;
    sum_m += w * m;
    sum_xx += w * x * x;
    sum_mm += w * m * m;
    sum_xm += w * x * m;
  }
  SpendIndependence check{.repeat_buyers = static_cast<std::int64_t>(n)};
  const double var_x = sum_xx - sum_x * sum_x / std::max(n, 1.0);
  const double var_m = sum_mm - sum_m * sum_m / std::max(n, 1.0);
  if (n < 3 || !(var_x > 0) || !(var_m > 0)) {
    check.note = fmt::format(
        "the independence of spend and frequency cannot be checked on {} repeat buyers "
        "whose frequency or spend does not vary",
        check.repeat_buyers);
    return check;
  }
  check.correlation = (sum_xm - sum_x * sum_m / n) / std::sqrt(var_x * var_m);
  check.holds = std::abs(check.correlation) < kSpendCorrelationLimit;
  check.note = check.holds
                   ? fmt::format(
                         "spend per purchase is close to independent of frequency (correlation "
                         "{:.3f} over {} repeat buyers), as Gamma-Gamma assumes",
                         check.correlation, check.repeat_buyers)
                   : fmt::format(
                         "spend per purchase is correlated with frequency (correlation {:.3f} "
                         "over {} repeat buyers, limit {:.1f}): Gamma-Gamma assumes they are "
                         "independent, so expected spend and CLV are biased; read them as rough",
                         check.correlation, check.repeat_buyers, kSpendCorrelationLimit);
  return check;
}

SpendModel FitSpendModel(const SummaryTable& summary, const FitOptions& options) {
  SpendModel spend;
  const bool anyone_spent =
      std::any_of(summary.monetary_value.begin(), summary.monetary_value.end(),
                  [](double value) { return value > 0; });
  if (!anyone_spent) {
    spend.warnings.push_back(
        "no spend model: no repeat buyer spent anything (a log without an amount column?); "
        "expected spend and CLV are left out and customers are ranked by expected purchases");
    return spend;
  }
  spend.independence = CheckSpendIndependence(summary);
  if (!spend.independence->holds) spend.warnings.push_back(spend.independence->note);
  try {
    FitSummary fit = FitGammaGamma(summary, options);
    if (fit.usable) {
      spend.fit = std::move(fit);
    } else {
      spend.warnings.push_back(fmt::format(
          "no spend model: the Gamma-Gamma fit is not usable ({}: {}); expected spend and CLV "
          "are left out and customers are ranked by expected purchases",
          ToString(fit.termination), fit.message));
    }
  } catch (const InputError& error) {
    spend.warnings.push_back(fmt::format(
        "no spend model: {}; expected spend and CLV are left out and customers are ranked by "
        "expected purchases",
        error.what()));
  }
  return spend;
}

}  // namespace clv::detail
