// SPDX-License-Identifier: MIT
// Predictions against published values and independent evaluations (REFERENCE.md sections cited
// per test).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "clv/models/gamma_gamma.h"
#include "clv/predict.h"
#include "clv/summary.h"
#include "predict/predict_test_support.h"

namespace clv {
namespace {

using testing::kBgNbdPaper;
using testing::kGammaGammaPaper;
using testing::LinearPurchaseModel;
using testing::MakeSummary;

const std::vector<double> kUnitSpend{1.0, 2.0, 1.0};  // population mean p v / (q - 1) = 1

PredictOptions ClvOptions(int months, double monthly_discount_rate) {
  PredictOptions options;
  options.clv_months = months;
  options.monthly_discount_rate = monthly_discount_rate;
  return options;
}

// §11.1: lifetimes' known-value CLV test. Its one-month predictions are the expected purchases
// of one month; with a constant monthly increment and unit spend the CLVs are those values
// times 1, 0.5, 2 and 0.75 for (months, rate) = (1, 0), (1, 1), (2, 0), (2, 1).
TEST(Correctness, ClvFollowsLifetimesDiscountingConventionKnownValues) {
  const std::vector<double> one_month_purchases{0.016053, 0.021171, 0.030461, 0.031686, 0.001607};
  const std::vector<std::pair<PredictOptions, double>> cases{{ClvOptions(1, 0.0), 1.0},
                                                             {ClvOptions(1, 1.0), 0.5},
                                                             {ClvOptions(2, 0.0), 2.0},
                                                             {ClvOptions(2, 1.0), 0.75}};
  const LinearPurchaseModel model;
  const SummaryTable summary = MakeSummary({{0, 0, 10}}, TimeUnit::kDay);
  for (double per_month : one_month_purchases) {
    const std::vector<double> rate_per_day{per_month / UnitsPerMonth(TimeUnit::kDay)};
    for (const auto& [options, multiple] : cases) {
      const PredictionTable table =
          PredictCustomers(summary, model, rate_per_day, kUnitSpend, options);
      EXPECT_NEAR(table.clv[0], per_month * multiple, 1e-15)
          << "months " << options.clv_months << ", rate " << options.monthly_discount_rate;
    }
  }
}

// §11.1: CLV is the sum over months of spend times the month's increment of E[Y], discounted
// by (1 + d)^i; recomputed here month by month from the model and the Gamma-Gamma formula.
TEST(Correctness, ClvEqualsSumOfDiscountedMonthlyIncrements) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable summary = MakeSummary(
      {{2, 30.43, 38.86, 22.35}, {0, 0, 38.86, 0}, {7, 29.43, 38.86, 73.74}, {26, 30.86, 31, 40}},
      TimeUnit::kWeek);
  const double rate = 0.0125;
  const PredictionTable table =
      PredictCustomers(summary, *model, kBgNbdPaper, kGammaGammaPaper, ClvOptions(18, rate));
  const double f = UnitsPerMonth(TimeUnit::kWeek);
  for (std::size_t row = 0; row < summary.size(); ++row) {
    const CustomerHistory history{summary.frequency[row], summary.recency[row], summary.age[row]};
    const double spend = GammaGammaConditionalExpectedSpend(
        kGammaGammaPaper, summary.frequency[row], summary.monetary_value[row]);
    double expected_clv = 0;
    for (int month = 1; month <= 18; ++month) {
      const double increment = model->ExpectedPurchases(kBgNbdPaper, history, month * f) -
                               model->ExpectedPurchases(kBgNbdPaper, history, (month - 1) * f);
      expected_clv += spend * increment / std::pow(1 + rate, month);
    }
    EXPECT_NEAR(table.clv[row], expected_clv, 1e-12 * expected_clv) << "row " << row;
    EXPECT_EQ(table.expected_spend[row], spend);
  }
}

// §4.2, §9, §11.1 [cross-check]: 12-month CLV at 1 % a month of CDNOW customers 1, 3 and 6 at
// the paper's BG/NBD and Gamma-Gamma estimates, evaluated with mpmath at 40 digits.
TEST(Correctness, BgNbdClvMatchesHighPrecisionEvaluation) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable summary = MakeSummary(
      {{2, 30.43, 38.86, 22.35}, {0, 0, 38.86, 0}, {7, 29.43, 38.86, 73.74}}, TimeUnit::kWeek);
  const PredictionTable table =
      PredictCustomers(summary, *model, kBgNbdPaper, kGammaGammaPaper, ClvOptions(12, 0.01));
  EXPECT_NEAR(table.clv[0], 36.28921112559921, 1e-9);
  EXPECT_NEAR(table.clv[1], 8.369004358920461, 1e-9);
  EXPECT_NEAR(table.clv[2], 283.5327763170920, 1e-8);
}

// §4.4: E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226 (lifetimes, from Hardie's spreadsheet);
// 1.22603 and P(alive) 0.72658 [cross-check] at the 3-dp estimates with the 2-dp inputs.
TEST(Correctness, BgNbdCustomerOneMatchesHardieSpreadsheet) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable summary = MakeSummary({{2, 30.43, 38.86}}, TimeUnit::kWeek);
  PredictOptions options;
  options.horizon = 39;
  const PredictionTable table = PredictCustomers(summary, *model, kBgNbdPaper, {}, options);
  EXPECT_NEAR(table.expected_purchases[0], 1.226, 0.001);
  EXPECT_NEAR(table.expected_purchases[0], 1.22603, 5e-6);
  EXPECT_NEAR(table.p_alive[0], 0.72658, 5e-6);
  EXPECT_EQ(table.status[0], RowStatus::kOk);
}

// §4.4: new-customer predictions at the paper's estimates: P(X(39) = 0) = 0.5737864 (BTYD
// manual via lifetimes) and E[X(52)] = 1.444004 (BTYD) within the 3-dp parameter rounding.
TEST(Correctness, BgNbdNewCustomerPredictionsMatchBtyd) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable summary = MakeSummary({{0, 0, 38.86}}, TimeUnit::kWeek);
  PredictOptions options;
  options.horizon = 39;
  options.pmf_max_purchases = 3;
  const PredictionTable table = PredictCustomers(summary, *model, kBgNbdPaper, {}, options);
  ASSERT_EQ(table.new_customer.purchase_count_probabilities.size(), 4u);
  EXPECT_NEAR(table.new_customer.purchase_count_probabilities[0], 0.5737864, 1e-6);
  EXPECT_EQ(table.p_alive[0], 1.0);  // §13.7: exactly 1 for zero repeaters under BG/NBD

  options.horizon = 52;
  const PredictionTable year = PredictCustomers(summary, *model, kBgNbdPaper, {}, options);
  EXPECT_NEAR(year.new_customer.expected_purchases, 1.444004, 0.003);
}

// §9: E[M | x, zbar] for the first ten CDNOW customers: within 0.1 of the published values
// (lifetimes' tolerance) and to the cent of the [cross-check] at (6.25, 3.74, 15.44).
TEST(Correctness, GammaGammaSpendOfFirstTenCdnowCustomersMatchesPublished) {
  const SummaryTable cdnow = ReadSummaryCsv(
      std::string(CLV_SHARED_DATA_DIR) + "/cdnow_customers_summary_with_transactions.csv",
      TimeUnit::kWeek);
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const PredictionTable table =
      PredictCustomers(cdnow, *model, kBgNbdPaper, kGammaGammaPaper, PredictOptions{});
  const std::vector<double> published{24.65, 18.91, 35.17, 35.17, 35.17,
                                      71.46, 18.91, 35.17, 27.28, 35.17};
  const std::vector<double> recomputed{24.66, 18.92, 35.22, 35.22, 35.22,
                                       71.47, 18.92, 35.22, 27.29, 35.22};
  for (std::size_t row = 0; row < published.size(); ++row) {
    EXPECT_NEAR(table.expected_spend[row], published[row], 0.1) << "customer " << row + 1;
    EXPECT_NEAR(table.expected_spend[row], recomputed[row], 0.0051) << "customer " << row + 1;
  }
  EXPECT_EQ(table.NumProblemRows(), 0u);
}

// §6.4 [cross-check]: Pareto/NBD DERT with BTYD's manual parameters at delta = 0.0027.
TEST(Correctness, ParetoNbdDertMatchesCheckValues) {
  const auto model = MakePurchaseModel(ModelKind::kParetoNbd);
  const std::vector<double> params{0.5629966, 12.5590370, 0.4081095, 10.5148048};
  std::vector<testing::Row> rows{{7, 35, 77.86}};
  for (int x = 1; x <= 10; ++x)
    rows.push_back({static_cast<double>(x), 30, 77.86});
  PredictOptions options;
  options.dert_rate = 0.0027;
  const PredictionTable table =
      PredictCustomers(MakeSummary(rows, TimeUnit::kWeek), *model, params, {}, options);
  EXPECT_NEAR(table.dert[0], 1.8641833, 1e-6);
  const std::vector<double> by_frequency{2.19916, 2.84353,  2.86713,  2.44541,  1.8405,
                                         1.26242, 0.809618, 0.494804, 0.292025, 0.167928};
  for (std::size_t x = 0; x < by_frequency.size(); ++x) {
    EXPECT_NEAR(table.dert[x + 1], by_frequency[x], 6e-6 * by_frequency[x] + 1e-6) << x + 1;
  }
}

// §8.4 [cross-check]: BG/BB DERT at d = 0.10 per opportunity at BTYD's run-3 estimates, and
// DERT times spend as the discounted residual value (§11.2).
TEST(Correctness, BgBbDertMatchesCheckValues) {
  const auto model = MakePurchaseModel(ModelKind::kBgBb);
  const std::vector<double> params{1.203528, 0.7497260, 0.6567808, 2.783796};
  const SummaryTable summary =
      MakeSummary({{6, 6, 6, 10}, {0, 0, 6, 0}, {3, 6, 6, 10}}, TimeUnit::kMonth);
  PredictOptions options;
  options.horizon = 5;
  options.dert_rate = 0.10;
  const PredictionTable table =
      PredictCustomers(summary, *model, params, kGammaGammaPaper, options);
  EXPECT_NEAR(table.dert[0], 5.9097, 5e-5);
  EXPECT_NEAR(table.dert[1], 0.1148, 5e-5);
  EXPECT_NEAR(table.dert[2], 3.4486, 5e-5);
  for (std::size_t row = 0; row < summary.size(); ++row) {
    EXPECT_EQ(table.dert_value[row], table.dert[row] * table.expected_spend[row]);
  }
}

// §10 [cross-check]: sBG DERL at d = 0.10 for n = 1, 2, 5, 8 (n - 1 renewals) and the fitted
// survival of years 1..7, Regular and High end segments.
TEST(Correctness, SbgProjectionMatchesRetentionTableCheckValues) {
  struct Segment {
    std::vector<double> params;
    std::vector<double> survival_percent;  // years 1..7
    std::vector<double> derl;              // n = 1, 2, 5, 8
  };
  const std::vector<Segment> segments{{{0.704077, 1.182043},
                                       {62.67, 47.38, 38.80, 33.21, 29.23, 26.25, 23.90},
                                       {2.9644, 4.1031, 5.8941, 6.8423}},
                                      {{0.668088, 3.806095},
                                       {85.07, 74.69, 66.98, 60.99, 56.18, 52.22, 48.89},
                                       {5.4145, 5.9014, 6.8967, 7.5296}}};
  for (const Segment& segment : segments) {
    const auto rows = ProjectRetention(segment.params, 8, 0.10);
    ASSERT_EQ(rows.size(), 8u);
    for (std::size_t t = 0; t < 7; ++t) {
      EXPECT_EQ(rows[t].period, static_cast<int>(t + 1));
      EXPECT_NEAR(100 * rows[t].survival, segment.survival_percent[t], 0.005);
    }
    const std::vector<int> periods{1, 2, 5, 8};
    for (std::size_t k = 0; k < periods.size(); ++k) {
      EXPECT_NEAR(rows[periods[k] - 1].discounted_residual_lifetime, segment.derl[k], 5e-5)
          << "n = " << periods[k];
    }
    EXPECT_NEAR(rows[1].retention, rows[1].survival / rows[0].survival, 1e-15);
  }
}

}  // namespace
}  // namespace clv
