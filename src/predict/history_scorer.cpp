// SPDX-License-Identifier: MIT
#include "predict/history_scorer.h"

#include <cmath>
#include <utility>

#include "common/parallel.h"

namespace clv::detail {
namespace {

class HistoryScorer {
 public:
  HistoryScorer(const PurchaseModel& model, std::span<const double> params,
                const PredictOptions& options, const MonthlySchedule& schedule, bool wants_clv)
      : model_(model),
        params_(params),
        options_(options),
        schedule_(schedule),
        wants_clv_(wants_clv) {}

  HistoryPredictions ScoreAll(std::span<const CustomerHistory> histories) const {
    HistoryPredictions out;
    const std::size_t count = histories.size();
    out.expected_purchases.assign(count, {});
    out.p_alive.assign(count, {});
    if (options_.p_alive_at) out.p_alive_future.assign(count, {});
    if (options_.dert_rate) out.dert.assign(count, {});
    if (wants_clv_) out.discounted_purchases.assign(count, {});
    out.status.assign(count, {});
    out.detail.assign(count, {});
    out.broken_rule.assign(count, {});
    ParallelForBlocks(count, static_cast<std::size_t>(options_.block_size),
                      [&](std::size_t begin, std::size_t end) {
                        for (std::size_t i = begin; i < end; ++i) {
                          Score(histories[i], i, out);
                        }
                      });
    return out;
  }

 private:
  void Score(const CustomerHistory& history, std::size_t i, HistoryPredictions& out) const {
    std::string rule = model_.CheckHistory(history);
    if (!rule.empty()) {
      MarkInvalid(i, std::move(rule), out);
      return;
    }
    out.expected_purchases[i] = model_.ExpectedPurchases(params_, history, options_.horizon);
    out.p_alive[i] = model_.ProbabilityAlive(params_, history, 0);
    if (options_.p_alive_at) {
      out.p_alive_future[i] = model_.ProbabilityAlive(params_, history, *options_.p_alive_at);
    }
    if (options_.dert_rate) {
      out.dert[i] = model_.DiscountedResidualTransactions(params_, history, *options_.dert_rate);
    }
    if (wants_clv_) {
      out.discounted_purchases[i] =
          DiscountedExpectedPurchases(model_, params_, history, schedule_);
    }
    MarkNonFinite(i, out);
  }

  void MarkInvalid(std::size_t i, std::string rule, HistoryPredictions& out) const {
    out.status[i] = RowStatus::kInvalidHistory;
    out.broken_rule[i] = std::move(rule);
    out.expected_purchases[i] = kNotComputed;
    out.p_alive[i] = kNotComputed;
    if (options_.p_alive_at) out.p_alive_future[i] = kNotComputed;
    if (options_.dert_rate) out.dert[i] = kNotComputed;
    if (wants_clv_) out.discounted_purchases[i] = kNotComputed;
  }

  // Replaces each non-finite value by NaN; the first one found names the row's status.
  static void MarkNonFinite(std::size_t i, HistoryPredictions& out) {
    out.status[i] = RowStatus::kOk;
    const auto check = [&](std::vector<double>& column, PredictionReason reason) {
      if (column.empty() || std::isfinite(column[i])) return;
      column[i] = kNotComputed;
      Fail(i, reason, out);
    };
    check(out.expected_purchases, kExpectedPurchasesNotComputable);
    check(out.p_alive, kPAliveNotComputable);
    check(out.p_alive_future, kPAliveFutureNotComputable);
    check(out.dert, kDertNotComputable);
    check(out.discounted_purchases, kClvNotComputable);
  }

  static void Fail(std::size_t i, PredictionReason reason, HistoryPredictions& out) {
    if (out.status[i] != RowStatus::kOk) return;
    out.status[i] = RowStatus::kNotComputable;
    out.detail[i] = reason;
  }

  const PurchaseModel& model_;
  std::span<const double> params_;
  const PredictOptions& options_;
  const MonthlySchedule& schedule_;
  bool wants_clv_;
};

}  // namespace

HistoryPredictions ScoreHistories(const PurchaseModel& model, std::span<const double> params,
                                  std::span<const CustomerHistory> histories,
                                  const PredictOptions& options, const MonthlySchedule& schedule,
                                  bool wants_clv) {
  return HistoryScorer(model, params, options, schedule, wants_clv).ScoreAll(histories);
}

}  // namespace clv::detail
