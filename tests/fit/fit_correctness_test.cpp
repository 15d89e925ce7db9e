// SPDX-License-Identifier: MIT
// Fits reproduce the published estimates (REFERENCE.md §4.3, §5.3, §6.3, §8.3, §9, §10).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "clv/fit.h"
#include "clv/models/purchase_model.h"
#include "fit/test_data.h"

namespace clv {
namespace {

using testing::Cdnow;
using testing::CdnowWithSpend;
using testing::Donations;

TEST(Correctness, BgNbdMatchesFaderHardieLee2005OnCdnow) {
  // REFERENCE.md §4.3: paper 0.243, 4.414, 0.793, 2.426 and LL -9582.4; on the 2-dp CSV the
  // MLE is 0.24259, 4.41353, 0.79289, 2.42575 with LL -9582.4256 [cross-check].
  const FitSummary fit = FitPurchaseModel(ModelKind::kBgNbd, Cdnow());
  ASSERT_TRUE(fit.usable) << fit.FullReport();
  EXPECT_NEAR(fit.params[0], 0.24259, 1e-5);
  EXPECT_NEAR(fit.params[1], 4.41353, 1e-4);
  EXPECT_NEAR(fit.params[2], 0.79289, 1e-4);
  EXPECT_NEAR(fit.params[3], 2.42575, 2e-4);
  EXPECT_NEAR(fit.log_likelihood, -9582.4256, 1e-3);
  EXPECT_NEAR(fit.log_likelihood, -9582.4, 0.05);
  EXPECT_EQ(fit.num_customers, 2357);
  EXPECT_EQ(fit.num_distinct_rows, 1016u);  // REFERENCE.md §1.2
}

TEST(Correctness, ParetoNbdMatchesPublishedLikelihoodAndPredictionsOnCdnow) {
  // REFERENCE.md §6.3 and §13.4: beta is flat (SE about 6.2), so compare the LL and predictions.
  // The 3-dp paper values give LL -9594.9740 on the 2-dp CSV; the MLE can only be higher.
  const FitSummary fit = FitPurchaseModel(ModelKind::kParetoNbd, Cdnow());
  ASSERT_TRUE(fit.usable) << fit.FullReport();
  EXPECT_GE(fit.log_likelihood, -9594.9740);
  EXPECT_NEAR(fit.log_likelihood, -9594.974, 2e-3);
  EXPECT_NEAR(fit.log_likelihood, -9595.0, 0.05);
  EXPECT_NEAR(fit.params[0], 0.553, 1e-3);
  EXPECT_NEAR(fit.params[1], 10.578, 5e-3);
  EXPECT_NEAR(fit.params[2], 0.606, 1e-3);
  // §6.4 at the BTYD estimates: E[X(52)] 1.473434 [BTYD]; customer 1516 P(alive) 0.997874.
  const auto model = MakePurchaseModel(ModelKind::kParetoNbd);
  EXPECT_NEAR(model->ExpectedPurchasesNewCustomer(fit.params, 52), 1.4734, 1e-3);
  EXPECT_NEAR(model->ProbabilityAlive(fit.params, {26, 30.85714, 31}, 0), 0.997874, 1e-4);
  EXPECT_NEAR(model->ExpectedPurchases(fit.params, {26, 30.85714, 31}, 52), 25.456, 0.01);
}

TEST(Correctness, ParetoNbdStandardErrorsMatchClvTools) {
  // REFERENCE.md §6.3: CLVTools' SEs r 0.0476264, alpha 0.8427222, s 0.1872594, beta 6.2105448
  // (its test tolerance 0.001).
  const FitSummary fit = FitPurchaseModel(ModelKind::kParetoNbd, Cdnow());
  ASSERT_EQ(fit.standard_errors.size(), 4u) << fit.standard_errors_note;
  EXPECT_NEAR(fit.standard_errors[0], 0.0476264, 1e-3);
  EXPECT_NEAR(fit.standard_errors[1], 0.8427222, 1e-3);
  EXPECT_NEAR(fit.standard_errors[2], 0.1872594, 1e-3);
  EXPECT_NEAR(fit.standard_errors[3], 6.2105448, 1e-3);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_NEAR(fit.upper_95[k] - fit.params[k], 1.959963984540054 * fit.standard_errors[k], 1e-9);
    EXPECT_NEAR(fit.params[k] - fit.lower_95[k], 1.959963984540054 * fit.standard_errors[k], 1e-9);
  }
}

TEST(Correctness, ModifiedBgNbdMatchesBtydPlusOnCdnow) {
  // REFERENCE.md §5.3: 0.525, 6.183, 0.891, 1.614 (3 dp); MLE LL -9582.1327 on the 2-dp CSV.
  const FitSummary fit = FitPurchaseModel(ModelKind::kModifiedBgNbd, Cdnow());
  ASSERT_TRUE(fit.usable) << fit.FullReport();
  EXPECT_NEAR(fit.params[0], 0.52484, 1e-4);
  EXPECT_NEAR(fit.params[1], 6.18299, 1e-3);
  EXPECT_NEAR(fit.params[2], 0.89136, 1e-4);
  EXPECT_NEAR(fit.params[3], 1.61400, 1e-3);
  EXPECT_NEAR(fit.log_likelihood, -9582.1327, 1e-3);
}

TEST(Correctness, InformationCriteriaFollowFromTheLikelihood) {
  const FitSummary fit = FitPurchaseModel(ModelKind::kBgNbd, Cdnow());
  EXPECT_DOUBLE_EQ(fit.aic, 2 * 4 - 2 * fit.log_likelihood);
  EXPECT_DOUBLE_EQ(fit.bic, 4 * std::log(2357.0) - 2 * fit.log_likelihood);
}

TEST(Correctness, BgBbMatchesFaderHardieShang2010OnDonations) {
  // REFERENCE.md §8.3: MLE 1.20352, 0.74972, 0.65672, 2.78344; LL -33225.58 [BTYD].
  const FitSummary fit = FitPurchaseModel(ModelKind::kBgBb, Donations());
  ASSERT_TRUE(fit.usable) << fit.FullReport();
  EXPECT_NEAR(fit.params[0], 1.20352, 2e-4);
  EXPECT_NEAR(fit.params[1], 0.74972, 2e-4);
  EXPECT_NEAR(fit.params[2], 0.65672, 2e-4);
  EXPECT_NEAR(fit.params[3], 2.78344, 2e-3);
  EXPECT_NEAR(fit.log_likelihood, -33225.58, 0.005);
  EXPECT_EQ(fit.num_customers, 11104);
  EXPECT_EQ(fit.num_distinct_rows, 22u);
}

TEST(Correctness, GammaGammaMatchesFaderHardie2013OnCdnowRepeatBuyers) {
  // REFERENCE.md §9: on the 2-dp CSV the MLE is 6.2488, 3.74459, 15.44775 with LL -4055.9232;
  // the paper prints 6.25, 3.74, 15.44.
  const FitSummary fit = FitGammaGamma(CdnowWithSpend());
  ASSERT_TRUE(fit.usable) << fit.FullReport();
  EXPECT_NEAR(fit.params[0], 6.25, 0.005);
  EXPECT_NEAR(fit.params[1], 3.74, 0.01);
  EXPECT_NEAR(fit.params[2], 15.44, 0.01);
  EXPECT_NEAR(fit.log_likelihood, -4055.9232, 1e-3);
  EXPECT_EQ(fit.num_customers, 946);
}

// REFERENCE.md §3.3: customers active at the start of years 0..7 of a 1,000-customer cohort.
std::vector<double> Cohort(const std::vector<double>& percentages) {
  std::vector<double> customers;
  for (double percentage : percentages)
    customers.push_back(10 * percentage);
  return customers;
}

// Fits one cohort of REFERENCE.md §3.3 and compares with §10's maximum-likelihood values.
void ExpectSbgFit(const std::vector<double>& percentages, double alpha, double beta,
                  double log_likelihood) {
  const FitSummary fit = FitShiftedBetaGeometric(Cohort(percentages));
  ASSERT_TRUE(fit.usable) << fit.FullReport();
  EXPECT_NEAR(fit.params[0], alpha, 1e-4);
  EXPECT_NEAR(fit.params[1], beta, 1e-3);
  EXPECT_NEAR(fit.log_likelihood, log_likelihood, 1e-4);
}

TEST(Correctness, SbgMatchesFaderHardie2007HighEnd) {
  // REFERENCE.md §10: alpha 0.668088, beta 3.806095, LL -1611.1581 [cross-check; jdmaturen test].
  ExpectSbgFit({100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1}, 0.668088, 3.806095, -1611.1581);
}

TEST(Correctness, SbgMatchesFaderHardie2007Regular) {
  // REFERENCE.md §10: alpha 0.704077, beta 1.182043, LL -1680.2652 [cross-check].
  ExpectSbgFit({100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1}, 0.704077, 1.182043, -1680.2652);
}

}  // namespace
}  // namespace clv
