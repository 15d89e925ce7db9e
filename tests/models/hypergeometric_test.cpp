// SPDX-License-Identifier: MIT
#include "models/hypergeometric.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace clv::detail {
namespace {

struct UnitGapReference {
  double c, b, z;
  LogHypergeometric expected;
};

// Values computed with mpmath by tests/models/reference/hyp2f1_unit_gap.py.
std::vector<UnitGapReference> ReadUnitGapReferences() {
  std::ifstream in(std::string(CLV_SOURCE_DIR) + "/tests/models/reference/hyp2f1_unit_gap.csv");
  std::vector<UnitGapReference> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    UnitGapReference row{};
    fields >> row.c >> row.b >> row.z >> row.expected.value >> row.expected.d_c >>
        row.expected.d_b >> row.expected.d_z;
    rows.push_back(row);
  }
  return rows;
}

double RelativeError(double actual, double expected) {
  return std::fabs(actual - expected) / std::max(std::fabs(expected), 1e-300);
}

// REFERENCE.md §13.1 and §13.5: Pareto/NBD's 2F1 near z = 1 and at large c.
TEST(Correctness, UnitGapHypergeometricMatchesMpmathWithDerivatives) {
  const auto references = ReadUnitGapReferences();
  ASSERT_EQ(references.size(), 16u);
  for (const auto& ref : references) {
    SCOPED_TRACE("c=" + std::to_string(ref.c) + " b=" + std::to_string(ref.b) +
                 " z=" + std::to_string(ref.z));
    const LogHypergeometric actual = LogHyp2F1UnitGap(ref.c, ref.b, ref.z);
    EXPECT_NEAR(LogHyp2F1UnitGapValue(ref.c, ref.b, ref.z), actual.value,
                1e-14 * std::max(1.0, std::fabs(actual.value)));
    EXPECT_NEAR(actual.value, ref.expected.value, 1e-12 * std::max(1.0, ref.expected.value));
    EXPECT_LT(RelativeError(actual.d_b, ref.expected.d_b), 1e-8);
    EXPECT_LT(RelativeError(actual.d_z, ref.expected.d_z), 1e-8);
    EXPECT_NEAR(actual.d_c, ref.expected.d_c, 1e-8 * std::fabs(ref.expected.d_c) + 1e-14);
  }
}

// REFERENCE.md §13.5: the two published multiprecision values.
TEST(Correctness, UnitGapHypergeometricReproducesPublishedValues) {
  EXPECT_NEAR(std::exp(LogHyp2F1UnitGap(1000.5, 2, 0.999).value), 404056.46006168, 1e-6);
  // mpmath: 2F1(5000.5, 1.6; 5001.5; 0.9999) = exp(13.617930300313648798).
  EXPECT_NEAR(LogHyp2F1UnitGap(5000.5, 1.6, 0.9999).value, 13.617930300313648798, 1e-12);
}

TEST(Correctness, GaussSeriesMatchesElementaryClosedForms) {
  // 2F1(1, 1; 2; z) = -ln(1-z) / z and 2F1(a, b; b; z) = (1-z)^-a.
  const SeriesValue log_form = Hyp2F1Series(1, 1, 2, 0.75, 100000);
  EXPECT_TRUE(log_form.converged);
  EXPECT_NEAR(log_form.value, -std::log(0.25) / 0.75, 1e-14);
  const SeriesValue power_form = Hyp2F1Series(-0.7, 2.3, 2.3, 0.9, 100000);
  EXPECT_TRUE(power_form.converged);
  EXPECT_NEAR(power_form.value, std::pow(0.1, 0.7), 1e-14);
}

TEST(Correctness, EulerBracketIsContinuousAtExponentZero) {
  // At e = 0 the bracket is -ln(1-z) - sum_j (a)_j / ((c)_j j) z^j; near 0 it must agree.
  const double a = 2.1, c = 3.4, z = 0.6;
  const SeriesValue at_zero = EulerBracketOverExponent(a, 0, c, z, 100000);
  const SeriesValue near_zero = EulerBracketOverExponent(a, 1e-9, c, z, 100000);
  ASSERT_TRUE(at_zero.converged && near_zero.converged);
  EXPECT_NEAR(at_zero.value, near_zero.value, 1e-8);
  const double e = 0.3;
  const SeriesValue direct = Hyp2F1Series(a, e, c, z, 100000);
  EXPECT_NEAR(EulerBracketOverExponent(a, e, c, z, 100000).value,
              (1 - std::pow(1 - z, e) * direct.value) / e, 1e-13);
}

TEST(Regression, GaussSeriesReportsAnExhaustedBudget) {
  EXPECT_FALSE(Hyp2F1Series(0.5, 0.5, 1.5, 1 - 1e-9, 1000).converged);
}

}  // namespace
}  // namespace clv::detail
