// SPDX-License-Identifier: MIT
// Values that cannot be computed become statuses, never NaN or infinity in the output.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "clv/predict.h"
#include "predict/predict_test_support.h"

namespace clv {
namespace {

using testing::kBgNbdPaper;
using testing::kGammaGammaPaper;
using testing::MakeSummary;

bool HasNonFiniteText(const std::string& csv) {
  return csv.find("nan") != std::string::npos || csv.find("inf") != std::string::npos;
}

// §13.10: q <= 1 gives an infinite population mean spend; the zero repeater's spend and CLV
// are not computable, the repeat buyer's are.
TEST(Regression, InfiniteMeanSpendBecomesStatusNotNan) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const std::vector<double> heavy_tailed_spend{6.25, 0.9, 15.44};
  const SummaryTable summary =
      MakeSummary({{0, 0, 38.86, 0}, {2, 30.43, 38.86, 22.35}}, TimeUnit::kWeek);
  const PredictionTable table =
      PredictCustomers(summary, *model, kBgNbdPaper, heavy_tailed_spend, PredictOptions{});
  EXPECT_EQ(table.StatusText(0), "not_computable: expected_spend");
  EXPECT_TRUE(std::isfinite(table.expected_purchases[0]));
  EXPECT_EQ(table.StatusText(1), "ok");
  EXPECT_TRUE(std::isfinite(table.clv[1]));
  const std::string csv = FormatPredictionCsv(summary, table);
  EXPECT_FALSE(HasNonFiniteText(csv)) << csv;
}

// §13.8: heavy buyers with an old last purchase overflow a naive P(alive); the predictions
// stay finite (or report a status) for any history.
TEST(Regression, HeavyBuyersWithOldLastPurchaseStayFinite) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable summary =
      MakeSummary({{200, 1, 500, 10}, {5000, 3, 4000, 10}, {1, 1e-9, 1e6, 10}}, TimeUnit::kDay);
  const PredictionTable table =
      PredictCustomers(summary, *model, kBgNbdPaper, kGammaGammaPaper, PredictOptions{});
  for (std::size_t row = 0; row < summary.size(); ++row) {
    if (table.status[row] != RowStatus::kOk) continue;
    EXPECT_TRUE(std::isfinite(table.p_alive[row])) << row;
    EXPECT_GE(table.p_alive[row], 0) << row;
    EXPECT_LE(table.p_alive[row], 1) << row;
    EXPECT_TRUE(std::isfinite(table.clv[row])) << row;
  }
  EXPECT_FALSE(HasNonFiniteText(FormatPredictionCsv(summary, table)));
}

TEST(Regression, NonFiniteSummaryValuesAreInvalidHistories) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const double nan = std::nan("");
  const SummaryTable summary =
      MakeSummary({{nan, 0, 38.86, 0}, {2, 30.43, 38.86, nan}, {1, 2, 3, 4}}, TimeUnit::kWeek);
  const PredictionTable table =
      PredictCustomers(summary, *model, kBgNbdPaper, kGammaGammaPaper, PredictOptions{});
  EXPECT_EQ(table.status[0], RowStatus::kInvalidHistory);
  EXPECT_EQ(table.StatusText(1), "invalid_history: monetary_value must be finite and >= 0");
  EXPECT_EQ(table.StatusText(2), "ok");
  EXPECT_FALSE(HasNonFiniteText(FormatPredictionCsv(summary, table)));
}

}  // namespace
}  // namespace clv
