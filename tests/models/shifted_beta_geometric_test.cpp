// SPDX-License-Identifier: MIT
// sBG kernels against REFERENCE.md §10 and finite differences.
#include "clv/models/shifted_beta_geometric.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "models/central_difference.h"

namespace clv {
namespace {

constexpr std::array<double, 2> kRegular{0.704077, 1.182043};
constexpr std::array<double, 2> kHighEnd{0.668088, 3.806095};

TEST(Correctness, SbgSurvivalMatchesFaderHardie2007Projections) {
  // REFERENCE.md §10: fitted and projected survival %, years 1..12 [cross-check, 2 dp].
  const std::vector<double> regular{62.67, 47.38, 38.80, 33.21, 29.23, 26.25,
                                    23.90, 22.01, 20.44, 19.12, 17.99, 17.00};
  const std::vector<double> high_end{85.07, 74.69, 66.98, 60.99, 56.18, 52.22,
                                     48.89, 46.04, 43.58, 41.42, 39.51, 37.80};
  for (int year = 1; year <= 12; ++year) {
    const auto index = static_cast<std::size_t>(year - 1);
    EXPECT_NEAR(100 * SbgSurvival(kRegular, year), regular[index], 0.005) << "year " << year;
    EXPECT_NEAR(100 * SbgSurvival(kHighEnd, year), high_end[index], 0.005) << "year " << year;
  }
  EXPECT_DOUBLE_EQ(SbgSurvival(kRegular, 0), 1.0);
}

TEST(Correctness, SbgChurnAndRetentionAgreeWithSurvival) {
  for (int t = 1; t <= 10; ++t) {
    EXPECT_NEAR(SbgChurnProbability(kRegular, t),
                SbgSurvival(kRegular, t - 1) - SbgSurvival(kRegular, t), 1e-14);
    EXPECT_NEAR(SbgRetentionRate(kRegular, t),
                SbgSurvival(kRegular, t) / SbgSurvival(kRegular, t - 1), 1e-14);
  }
}

TEST(Correctness, SbgDiscountedLifetimesMatchFaderHardie2010) {
  // REFERENCE.md §10: DEL(0.10) and DERL(0.10 | n-1 renewals) for n = 1, 2, 5, 8 [cross-check];
  // High end with seven renewals matches jdmaturen's README "7.530".
  EXPECT_NEAR(SbgDiscountedExpectedLifetime(kRegular, 0.10), 3.6949, 1e-4);
  EXPECT_NEAR(SbgDiscountedExpectedLifetime(kHighEnd, 0.10), 5.9223, 1e-4);
  const std::vector<int> renewals{0, 1, 4, 7};
  const std::vector<double> regular{2.9644, 4.1031, 5.8941, 6.8423};
  const std::vector<double> high_end{5.4145, 5.9014, 6.8967, 7.5296};
  for (std::size_t i = 0; i < renewals.size(); ++i) {
    EXPECT_NEAR(SbgDiscountedExpectedResidualLifetime(kRegular, 0.10, renewals[i]), regular[i],
                1e-4);
    EXPECT_NEAR(SbgDiscountedExpectedResidualLifetime(kHighEnd, 0.10, renewals[i]), high_end[i],
                1e-4);
  }
}

TEST(Correctness, SbgResidualLifetimeAfterNoRenewalIsDelMinusFirstPayment) {
  // REFERENCE.md §10: DERL(d | 0 renewals) = (1 + d) (DEL(d) - 1).
  EXPECT_NEAR(SbgDiscountedExpectedResidualLifetime(kRegular, 0.10, 0),
              1.1 * (SbgDiscountedExpectedLifetime(kRegular, 0.10) - 1), 1e-12);
}

TEST(Correctness, SbgLogLikelihoodGradientMatchesFiniteDifferences) {
  const std::vector<double> cohort{1000, 631, 468, 382, 326, 289, 262, 241};
  const std::vector<double> params{0.8, 1.3};
  std::array<double, 2> gradient{};
  SbgLogLikelihood(params, cohort, gradient);
  const std::vector<double> numeric = test::CentralDifferenceGradient(
      [&](const std::vector<double>& at) { return SbgLogLikelihood(at, cohort); }, params);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_NEAR(gradient[k], numeric[k], 1e-6 * (1 + std::abs(numeric[k]))) << "parameter " << k;
  }
}

}  // namespace
}  // namespace clv
