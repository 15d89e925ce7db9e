// SPDX-License-Identifier: MIT
// Bad summaries, cohorts and options are refused with one line naming the row and the rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "clv/error.h"
#include "clv/fit.h"

namespace clv {
namespace {

using ::testing::HasSubstr;

SummaryTable Summary(std::vector<double> frequency, std::vector<double> recency,
                     std::vector<double> age, std::vector<double> spend = {}) {
  SummaryTable table;
  table.frequency = std::move(frequency);
  table.recency = std::move(recency);
  table.age = std::move(age);
  table.monetary_value =
      spend.empty() ? std::vector<double>(table.frequency.size(), 0.0) : std::move(spend);
  return table;
}

std::string FitError(ModelKind kind, const SummaryTable& table, const FitOptions& options = {}) {
  try {
    FitModel(kind, table, options);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(InputChecks, RejectsRecencyAboveAge) {
  const auto table = Summary({1, 2}, {5, 12}, {10, 10});
  EXPECT_THAT(FitError(ModelKind::kBgNbd, table),
              AllOf(HasSubstr("row 2"), HasSubstr("recency must be <= T")));
}

TEST(InputChecks, RejectsNegativeValues) {
  EXPECT_THAT(FitError(ModelKind::kParetoNbd, Summary({-1}, {0}, {10})),
              AllOf(HasSubstr("row 1"), HasSubstr("frequency must be >= 0")));
  EXPECT_THAT(FitError(ModelKind::kParetoNbd, Summary({0}, {0}, {-3})), HasSubstr("row 1"));
}

TEST(InputChecks, RejectsRepeatBuyerWithZeroRecency) {
  EXPECT_THAT(FitError(ModelKind::kBgNbd, Summary({0, 3}, {0, 0}, {10, 10})),
              AllOf(HasSubstr("row 2"), HasSubstr("recency must be > 0 when frequency > 0")));
}

TEST(InputChecks, RejectsNegativeWeight) {
  auto table = Summary({0, 1}, {0, 2}, {10, 10});
  table.weight = {3, -1};
  EXPECT_THAT(FitError(ModelKind::kBgNbd, table),
              AllOf(HasSubstr("row 2"), HasSubstr("weight must be finite and >= 0")));
}

TEST(InputChecks, RejectsEmptySummary) {
  EXPECT_THAT(FitError(ModelKind::kBgNbd, Summary({}, {}, {})), HasSubstr("no customers"));
  EXPECT_THAT(FitError(ModelKind::kGammaGamma, Summary({}, {}, {})),
              HasSubstr("at least one repeat buyer"));
}

TEST(InputChecks, BgBbRejectsFractionalOpportunities) {
  EXPECT_THAT(FitError(ModelKind::kBgBb, Summary({1}, {2.5}, {6})),
              AllOf(HasSubstr("row 1"), HasSubstr("whole numbers"), HasSubstr("periods 6")));
}

TEST(InputChecks, GammaGammaLeavesOutNonPositiveSpendAndZeroRepeatersWithANote) {
  const auto table =
      Summary({0, 1, 2, 3, 1, 4}, {0, 1, 2, 3, 1, 4}, {5, 5, 5, 5, 5, 5}, {0, 10, -5, 30, 12, 25});
  const FitSummary fit = FitGammaGamma(table);
  EXPECT_EQ(fit.num_customers, 4);
  EXPECT_EQ(fit.num_excluded, 2);
  EXPECT_THAT(fit.exclusion_note, HasSubstr("1 customers with frequency 0"));
  EXPECT_THAT(fit.exclusion_note, HasSubstr("1 repeat buyers with monetary_value <= 0"));
}

TEST(InputChecks, GammaGammaRejectsNonFiniteSpend) {
  const auto table = Summary({1}, {1}, {5}, {std::numeric_limits<double>::quiet_NaN()});
  EXPECT_THAT(FitError(ModelKind::kGammaGamma, table),
              AllOf(HasSubstr("row 1"), HasSubstr("monetary_value must be finite")));
}

TEST(InputChecks, SbgRejectsGrowingOrShortCohorts) {
  const std::vector<double> growing{1000, 800, 850};
  EXPECT_THROW(FitShiftedBetaGeometric(growing), InputError);
  const std::vector<double> single{1000};
  EXPECT_THROW(FitShiftedBetaGeometric(single), InputError);
  const std::vector<double> empty_cohort{0, 0};
  EXPECT_THROW(FitShiftedBetaGeometric(empty_cohort), InputError);
}

TEST(InputChecks, OptionsNameTheViolatedRule) {
  FitOptions options;
  std::string why;
  EXPECT_TRUE(options.Validate(&why));
  options.max_iterations = 0;
  EXPECT_FALSE(options.Validate(&why));
  EXPECT_EQ(why, "max_iterations must be >= 1, got 0");
  options = {};
  options.penalizer = -1;
  EXPECT_THAT(FitError(ModelKind::kBgNbd, Summary({0}, {0}, {5}), options),
              HasSubstr("penalizer must be >= 0, got -1"));
  options = {};
  options.starting_point = {1, 1, 0, 1};
  EXPECT_THAT(FitError(ModelKind::kBgNbd, Summary({0}, {0}, {5}), options),
              HasSubstr("starting_point[2] must be finite and > 0"));
}

TEST(InputChecks, SbgIsNotFittedOnACustomerSummary) {
  EXPECT_THAT(FitError(ModelKind::kShiftedBetaGeometric, Summary({0}, {0}, {5})),
              HasSubstr("period,customers"));
}

}  // namespace
}  // namespace clv
