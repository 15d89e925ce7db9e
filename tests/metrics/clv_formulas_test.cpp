// SPDX-License-Identifier: MIT
// The business CLV formulas against the worked examples of REFERENCE.md §12.
#include "metrics/clv_formulas.h"

#include <gtest/gtest.h>

namespace clv::detail {
namespace {

// REFERENCE.md §12.1 arithmetic checks.
TEST(Correctness, SimpleClvReproducesTheCalculatorExamples) {
  EXPECT_DOUBLE_EQ(SimpleClv(45.0, 12.0, 2.5, 1.0), 1350.0);
  EXPECT_DOUBLE_EQ(SimpleClv(45.0, 12.0, 2.5, 0.6), 810.0);
  EXPECT_DOUBLE_EQ(SimpleClv(60.0, 3.0, 2.0, 0.5), 180.0);
  EXPECT_DOUBLE_EQ(SimpleClv(85.0, 4.0, 3.0, 1.0), 1020.0);
  EXPECT_DOUBLE_EQ(SimpleClv(85.0, 4.0, 3.0, 0.55), 561.0);
  EXPECT_NEAR(SimpleClv(85.0, 4.0, 3.0, 0.55) / 50.0, 11.22, 1e-12);
}

// REFERENCE.md §12.1: lifespan = 1 / (1 - r).
TEST(Correctness, ExpectedLifespanIsInverseChurn) {
  EXPECT_DOUBLE_EQ(*ExpectedLifespanPeriods(0.6), 2.5);
  EXPECT_FALSE(ExpectedLifespanPeriods(1.0).has_value());
}

// REFERENCE.md §12.2: r = 0.8, d = 0.1 gives the multiple 2.67.
TEST(Correctness, RetentionMultipleIsTwoPointSixSevenAtEightyPercentAndTenPercent) {
  EXPECT_NEAR(*RetentionMultiple(0.8, 0.1), 2.67, 5e-3);
  EXPECT_DOUBLE_EQ(*RetentionMultiple(0.8, 0.1), 0.8 / 0.3);
  EXPECT_FALSE(RetentionMultiple(1.0, 0.0).has_value());
}

// REFERENCE.md §12.2: the truncated sum tends to the infinite-horizon multiple.
TEST(Correctness, FiniteHorizonMultipleSumsDiscountedRetentionAndConverges) {
  const double k = 0.8 / 1.1;
  EXPECT_NEAR(FiniteHorizonRetentionMultiple(0.8, 0.1, 1), k, 1e-15);
  EXPECT_NEAR(FiniteHorizonRetentionMultiple(0.8, 0.1, 2), k + k * k, 1e-15);
  EXPECT_NEAR(FiniteHorizonRetentionMultiple(0.8, 0.1, 1000), 0.8 / 0.3, 1e-12);
  EXPECT_DOUBLE_EQ(FiniteHorizonRetentionMultiple(1.0, 0.0, 7), 7.0);
}

}  // namespace
}  // namespace clv::detail
