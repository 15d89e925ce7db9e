// SPDX-License-Identifier: MIT
// Gamma-Gamma kernels against REFERENCE.md §9 and finite differences.
#include "clv/models/gamma_gamma.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "models/central_difference.h"

namespace clv {
namespace {

constexpr std::array<double, 3> kPaperParams{6.25, 3.74, 15.44};

TEST(Correctness, GammaGammaConditionalSpendMatchesFaderHardieNote) {
  // REFERENCE.md §9: first ten CDNOW customers at (6.25, 3.74, 15.44) [cross-check, 2 dp].
  struct Customer {
    double x, zbar, expected;
  };
  const std::vector<Customer> customers{
      {2, 22.35, 24.66}, {1, 11.77, 18.92}, {0, 0, 35.22}, {7, 73.74, 71.47}, {2, 25.55, 27.29}};
  for (const Customer& customer : customers) {
    EXPECT_NEAR(GammaGammaConditionalExpectedSpend(kPaperParams, customer.x, customer.zbar),
                customer.expected, 0.005)
        << "x = " << customer.x;
  }
}

TEST(Correctness, GammaGammaLogDensityMatchesReferenceFormula) {
  // REFERENCE.md §9: ln f at x = 50, zbar = 38 is -4.1702 (btyd's asserted 862.9432 is wrong).
  EXPECT_NEAR(GammaGammaLogDensity(kPaperParams, 50, 38), -4.1702, 1e-4);
}

TEST(Correctness, GammaGammaPopulationMeanIsPVOverQMinusOne) {
  EXPECT_DOUBLE_EQ(GammaGammaPopulationMeanSpend(kPaperParams), 6.25 * 15.44 / 2.74);
}

TEST(Correctness, GammaGammaGradientMatchesFiniteDifferences) {
  const std::vector<double> params{6.0, 3.5, 15.0};
  for (const auto& [x, zbar] :
       std::vector<std::pair<double, double>>{{1, 11.77}, {7, 73.7}, {50, 38}}) {
    std::array<double, 3> gradient{};
    GammaGammaLogDensity(params, x, zbar, gradient);
    const std::vector<double> numeric = test::CentralDifferenceGradient(
        [&](const std::vector<double>& at) { return GammaGammaLogDensity(at, x, zbar); }, params);
    for (std::size_t k = 0; k < 3; ++k) {
      EXPECT_NEAR(gradient[k], numeric[k], 1e-6 * (1 + std::abs(numeric[k]))) << "parameter " << k;
    }
  }
}

TEST(Regression, GammaGammaInfiniteMeanIsReportedAsInfinityNotNegative) {
  // §13.10: q <= 1 has no finite population mean; lifetimes once returned negative CLVs.
  const std::array<double, 3> heavy_tail{6.25, 0.8, 15.44};
  EXPECT_TRUE(std::isinf(GammaGammaPopulationMeanSpend(heavy_tail)));
  EXPECT_TRUE(std::isinf(GammaGammaConditionalExpectedSpend(heavy_tail, 0, 0)));
  // A repeat buyer still has a finite posterior mean when p x + q > 1.
  EXPECT_GT(GammaGammaConditionalExpectedSpend(heavy_tail, 1, 20), 0);
}

}  // namespace
}  // namespace clv
