// SPDX-License-Identifier: MIT
// PredictCustomers: check the inputs, collapse the customers to distinct histories, evaluate the
// purchase model once per distinct history in parallel, then scatter the results to the rows,
// adding each row's spend and CLV. Every value depends only on its own row, so the table is
// identical for any thread count and block size.
#include <tbb/task_arena.h>

#include <cmath>
#include <map>
#include <string>

#include "clv/error.h"
#include "clv/models/gamma_gamma.h"
#include "clv/predict.h"
#include "common/parallel.h"
#include "predict/distinct_histories.h"
#include "predict/history_scorer.h"
#include "predict/monthly_discounting.h"

namespace clv {
namespace {

using detail::HistoryPredictions;
using detail::kNotComputed;
constexpr std::size_t kRowsPerBlock = 16384;

bool IsWholeNumber(double value) {
  return std::floor(value) == value;
}

void ThrowUnlessValid(const PredictOptions& options) {
  std::string why;
  if (!options.Validate(&why)) throw InputError(why);
}

void ThrowUnlessValidSpendParameters(std::span<const double> spend_params) {
  if (spend_params.size() != 3) {
    throw InputError("gg needs 3 parameters (p, q, v), got " + std::to_string(spend_params.size()));
  }
  for (double value : spend_params) {
    if (!std::isfinite(value) || value <= 0) {
      throw InputError("gg parameters must be finite and > 0, got " + std::to_string(value));
    }
  }
}

void ThrowUnlessSummaryComplete(const SummaryTable& summary, bool has_spend) {
  const std::size_t rows = summary.size();
  if (summary.recency.size() != rows || summary.age.size() != rows ||
      (has_spend && summary.monetary_value.size() != rows)) {
    throw InputError("summary columns frequency, recency, T" +
                     std::string(has_spend ? ", monetary_value" : "") + " differ in length");
  }
}

// BG/BB counts transaction opportunities; fractional ones have no meaning (§8).
void ThrowUnlessValidForOpportunities(const PredictOptions& options, TimeUnit unit,
                                      bool has_spend) {
  if (!IsWholeNumber(options.horizon)) {
    throw InputError("bgbb: horizon must be a whole number of opportunities, got " +
                     std::to_string(options.horizon));
  }
  if (options.p_alive_at && !IsWholeNumber(*options.p_alive_at)) {
    throw InputError("bgbb: p_alive_at must be a whole number of opportunities, got " +
                     std::to_string(*options.p_alive_at));
  }
  if (has_spend && options.clv_months > 0 && unit != TimeUnit::kMonth) {
    throw InputError(
        "bgbb: monthly CLV needs one opportunity per month (unit month); use the DERT rate "
        "per opportunity for other units");
  }
}

// Gives each distinct broken rule one entry in `table.status_details`, in history order.
void InternBrokenRules(HistoryPredictions& scored, PredictionTable& table) {
  std::map<std::string, std::uint32_t> index_of_rule;
  for (std::size_t i = 0; i < scored.status.size(); ++i) {
    if (scored.status[i] != RowStatus::kInvalidHistory) continue;
    auto [entry, inserted] = index_of_rule.try_emplace(
        scored.broken_rule[i], static_cast<std::uint32_t>(table.status_details.size()));
    if (inserted) table.status_details.push_back(scored.broken_rule[i]);
    scored.detail[i] = entry->second;
  }
}

PredictionTable MakeEmptyTable(std::size_t rows, const PredictOptions& options, bool has_spend) {
  PredictionTable table;
  table.options = options;
  table.has_spend = has_spend;
  table.status_details.assign(detail::kFixedReasonTexts.begin(), detail::kFixedReasonTexts.end());
  table.expected_purchases.assign(rows, {});
  table.p_alive.assign(rows, {});
  if (has_spend) {
    table.expected_spend.assign(rows, {});
    table.clv.assign(rows, {});
  }
  if (options.dert_rate) table.dert.assign(rows, {});
  if (options.dert_rate && has_spend) table.dert_value.assign(rows, {});
  if (options.p_alive_at) table.p_alive_future.assign(rows, {});
  table.status.assign(rows, {});
  table.status_detail.assign(rows, {});
  return table;
}

class RowScatter {
 public:
  RowScatter(const SummaryTable& summary, const detail::DistinctHistories& distinct,
             const HistoryPredictions& scored, std::span<const double> spend_params)
      : summary_(summary), distinct_(distinct), scored_(scored), spend_params_(spend_params) {}

  void FillAll(PredictionTable& table) const {
    detail::ParallelForBlocks(table.size(), kRowsPerBlock, [&](std::size_t begin, std::size_t end) {
      for (std::size_t row = begin; row < end; ++row)
        Fill(row, table);
    });
  }

 private:
  void Fill(std::size_t row, PredictionTable& table) const {
    const std::uint32_t h = distinct_.index_of_row[row];
    table.status[row] = scored_.status[h];
    table.status_detail[row] = scored_.detail[h];
    table.expected_purchases[row] = scored_.expected_purchases[h];
    table.p_alive[row] = scored_.p_alive[h];
    if (!table.p_alive_future.empty()) table.p_alive_future[row] = scored_.p_alive_future[h];
    if (!table.dert.empty()) table.dert[row] = scored_.dert[h];
    if (table.has_spend) FillSpend(row, h, table);
  }

  void FillSpend(std::size_t row, std::uint32_t h, PredictionTable& table) const {
    const double monetary_value = summary_.monetary_value[row];
    const bool valid_monetary_value = std::isfinite(monetary_value) && monetary_value >= 0;
    if (table.status[row] != RowStatus::kInvalidHistory && !valid_monetary_value) {
      table.status[row] = RowStatus::kInvalidHistory;
      table.status_detail[row] = detail::kInvalidMonetaryValue;
    }
    if (table.status[row] == RowStatus::kInvalidHistory) {
      table.expected_spend[row] = kNotComputed;
      table.clv[row] = kNotComputed;
      if (!table.dert_value.empty()) table.dert_value[row] = kNotComputed;
      return;
    }
    const double spend =
        GammaGammaConditionalExpectedSpend(spend_params_, summary_.frequency[row], monetary_value);
    table.expected_spend[row] = Checked(spend, detail::kExpectedSpendNotComputable, row, table);
    table.clv[row] =
        Checked(scored_.discounted_purchases[h] * spend, detail::kClvNotComputable, row, table);
    if (!table.dert_value.empty()) {
      table.dert_value[row] =
          Checked(table.dert[row] * spend, detail::kDertNotComputable, row, table);
    }
  }

  // `value` when finite; otherwise NaN, and the row becomes not computable (first reason wins).
  static double Checked(double value, detail::PredictionReason reason, std::size_t row,
                        PredictionTable& table) {
    if (std::isfinite(value)) return value;
    if (table.status[row] == RowStatus::kOk) {
      table.status[row] = RowStatus::kNotComputable;
      table.status_detail[row] = reason;
    }
    return kNotComputed;
  }

  const SummaryTable& summary_;
  const detail::DistinctHistories& distinct_;
  const HistoryPredictions& scored_;
  std::span<const double> spend_params_;
};

NewCustomerPredictions PredictNewCustomer(const PurchaseModel& model,
                                          std::span<const double> params,
                                          const PredictOptions& options) {
  const auto finite_or_not_computed = [](double value) {
    return std::isfinite(value) ? value : kNotComputed;
  };
  NewCustomerPredictions out;
  out.horizon = options.horizon;
  out.expected_purchases =
      finite_or_not_computed(model.ExpectedPurchasesNewCustomer(params, options.horizon));
  for (int n = 0; n <= options.pmf_max_purchases.value_or(-1); ++n) {
    out.purchase_count_probabilities.push_back(
        finite_or_not_computed(model.ProbabilityOfPurchases(params, options.horizon, n)));
  }
  return out;
}

PredictionTable PredictInCurrentArena(const SummaryTable& summary, const PurchaseModel& model,
                                      std::span<const double> purchase_params,
                                      std::span<const double> spend_params,
                                      const PredictOptions& options) {
  const bool has_spend = !spend_params.empty();
  const detail::MonthlySchedule schedule =
      detail::MakeMonthlySchedule(has_spend ? options.clv_months : 0, UnitsPerMonth(summary.unit),
                                  options.monthly_discount_rate);

  const detail::DistinctHistories distinct =
      detail::CollapseHistories(summary.frequency, summary.recency, summary.age);
  HistoryPredictions scored = detail::ScoreHistories(model, purchase_params, distinct.histories,
                                                     options, schedule, has_spend);

  PredictionTable table = MakeEmptyTable(summary.size(), options, has_spend);
  InternBrokenRules(scored, table);
  RowScatter(summary, distinct, scored, spend_params).FillAll(table);
  table.new_customer = PredictNewCustomer(model, purchase_params, options);
  return table;
}

}  // namespace

PredictionTable PredictCustomers(const SummaryTable& summary, const PurchaseModel& model,
                                 std::span<const double> purchase_params,
                                 std::span<const double> spend_params,
                                 const PredictOptions& options) {
  const bool has_spend = !spend_params.empty();
  ThrowUnlessValid(options);
  model.ValidateParameters(purchase_params);
  if (has_spend) ThrowUnlessValidSpendParameters(spend_params);
  ThrowUnlessSummaryComplete(summary, has_spend);
  if (model.kind() == ModelKind::kBgBb) {
    ThrowUnlessValidForOpportunities(options, summary.unit, has_spend);
  }

  if (options.threads == 0) {
    return PredictInCurrentArena(summary, model, purchase_params, spend_params, options);
  }
  tbb::task_arena arena(options.threads);
  return arena.execute([&] {
    return PredictInCurrentArena(summary, model, purchase_params, spend_params, options);
  });
}

}  // namespace clv
