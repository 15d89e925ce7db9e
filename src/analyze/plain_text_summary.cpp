// SPDX-License-Identifier: MIT
// The few lines `clv analyze` prints on stdout: what was read, which model and how well it
// forecast, what the customers are worth, who is slipping away, which segments matter.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "clv/analyze.h"

namespace clv {
namespace {

// A customer is "slipping away" when the model gives them less than even odds of being active
// while they have bought before: the ones a retention campaign can still reach.
constexpr double kSlippingPAlive = 0.5;

// `value` with `decimals` decimals and its whole part in groups of three: 1,234,567.89.
std::string Grouped(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", std::abs(value), decimals);
  const std::size_t point = decimals > 0 ? text.find('.') : text.size();
  for (std::size_t at = point; at > 3; at -= 3)
    text.insert(at - 3, ",");
  return (value < 0 ? "-" : "") + text;
}

std::string Count(double value) {
  return Grouped(value, 0);
}

std::string Money(const std::string& currency, double value) {
  return currency + Grouped(value, 2);
}

std::string Share(double share) {
  return fmt::format("{:.1f} %", 100 * share);
}

void AppendHoldout(std::string& out, const Analysis& analysis) {
  out += fmt::format("window    {}\n", analysis.window.note);
  for (const CandidateModel& candidate : analysis.candidates) {
    if (!candidate.chosen || !candidate.holdout) continue;
    const HoldoutScore& score = *candidate.holdout;
    out += fmt::format(
        "holdout   MAE {:.3f}, RMSE {:.3f} purchases per customer; {} expected against {} "
        "actual ({:+.1f} %)\n",
        score.mae, score.rmse, Count(score.expected_purchases), Count(score.actual_purchases),
        100 * score.aggregate_error_share);
  }
}

void AppendValue(std::string& out, const Analysis& analysis) {
  const ReportHeadline& headline = analysis.report.headline;
  out += fmt::format("forecast  {} purchases in the {}", Count(headline.expected_purchases),
                     headline.horizon);
  if (analysis.predictions.has_spend) {
    out += fmt::format("; CLV over {} months {} in total, {} per customer",
                       analysis.options.predict.clv_months,
                       Money(analysis.options.currency, headline.total_clv),
                       Money(analysis.options.currency,
                             headline.total_clv / std::max<double>(1.0, headline.customers)));
  }
  out += "\n";
  const std::optional<double>& top20 = analysis.segmentation.concentration.top_20_share;
  if (top20) {
    out += fmt::format("          the top 20 % of customers hold {} of the {}\n", Share(*top20),
                       analysis.predictions.has_spend ? "value" : "expected purchases");
  }
}

void AppendSlipping(std::string& out, const Analysis& analysis) {
  std::int64_t slipping = 0;
  const std::vector<double>& p_alive = analysis.predictions.p_alive;
  for (std::size_t row = 0; row < p_alive.size(); ++row) {
    if (analysis.whole.frequency[row] > 0 && p_alive[row] < kSlippingPAlive) ++slipping;
  }
  out +=
      fmt::format("at risk   {} repeat buyers ({}) have P(alive) below {:.0f} %: slipping away\n",
                  Count(static_cast<double>(slipping)),
                  Share(static_cast<double>(slipping) / std::max<double>(1.0, p_alive.size())),
                  100 * kSlippingPAlive);
}

void AppendSegments(std::string& out, const Analysis& analysis) {
  std::vector<SegmentSummary> segments = analysis.segmentation.by_segment;
  std::stable_sort(segments.begin(), segments.end(),
                   [](const SegmentSummary& a, const SegmentSummary& b) {
                     return a.total_value > b.total_value;
                   });
  out += "segments  by share of value:";
  const std::size_t shown = std::min<std::size_t>(3, segments.size());
  for (std::size_t k = 0; k < shown; ++k) {
    out += fmt::format("{} {} ({} of customers, {} of value)", k == 0 ? "" : ";", segments[k].name,
                       Share(segments[k].share_of_customers), Share(segments[k].share_of_value));
  }
  out += "\n";
}

}  // namespace

std::string Analysis::PlainTextSummary() const {
  const CustomerBaseTotals& totals = metrics.totals;
  std::string out = fmt::format("clv analyze: {} customers, {} rows ({} skipped), {} to {}\n",
                                Count(static_cast<double>(whole.size())),
                                Count(static_cast<double>(read_report.ingest.rows_read)),
                                Count(static_cast<double>(read_report.ingest.rows_skipped)),
                                metrics.first_day, metrics.last_day);
  AppendHoldout(out, *this);
  out += fmt::format("model     {}\n", choice_reason);
  if (spend_independence) out += fmt::format("spend     {}\n", spend_independence->note);
  AppendValue(out, *this);
  AppendSlipping(out, *this);
  AppendSegments(out, *this);
  out += "business  ";
  if (totals.revenue != 0) {  // a log without amounts has no revenue to speak of
    out += fmt::format("revenue {}, average order {}, ", Money(options.currency, totals.revenue),
                       Money(options.currency, totals.average_order_value));
  }
  out += fmt::format("repeat rate {}", Share(totals.repeat_purchase_rate));
  if (totals.retention_rate) {
    out += fmt::format(", retention {} per {}", Share(*totals.retention_rate),
                       ToString(metrics.period));
  }
  out += "\n";
  for (const std::string& warning : warnings)
    out += fmt::format("warning   {}\n", warning);
  return out;
}

}  // namespace clv
