// SPDX-License-Identifier: MIT
// Fits do not depend on the thread count or on how the customers were collapsed, and a fit that
// does not converge is a result, not an exception.
#include <gtest/gtest.h>

#include <vector>

#include "clv/fit.h"
#include "common/parallel.h"
#include "fit/test_data.h"

namespace clv {
namespace {

FitSummary FitWithThreads(ModelKind kind, const SummaryTable& summary, int threads) {
  const detail::ThreadLimit limit(threads);
  FitOptions options;
  options.block_size = 16;  // many blocks, so that threads really share the work
  return FitModel(kind, summary, options);
}

TEST(Consistency, FitIsIdenticalForAnyThreadCount) {
  const SummaryTable cdnow = testing::Cdnow();
  for (ModelKind kind : {ModelKind::kBgNbd, ModelKind::kParetoNbd}) {
    const FitSummary serial = FitWithThreads(kind, cdnow, 1);
    for (int threads : {2, 4}) {
      const FitSummary parallel = FitWithThreads(kind, cdnow, threads);
      EXPECT_EQ(parallel.params, serial.params) << ToString(kind) << " with " << threads;
      EXPECT_EQ(parallel.log_likelihood, serial.log_likelihood);
      EXPECT_EQ(parallel.standard_errors, serial.standard_errors);
      EXPECT_EQ(parallel.iterations, serial.iterations);
    }
  }
}

TEST(Consistency, CollapsedInputWithWeightsFitsLikeOneRowPerCustomer) {
  // donations.csv is collapsed (22 rows with weights); expand it to 11,104 rows.
  const SummaryTable collapsed = testing::Donations();
  SummaryTable expanded;
  for (std::size_t row = 0; row < collapsed.size(); ++row) {
    for (int copy = 0; copy < static_cast<int>(collapsed.weight[row]); ++copy) {
      expanded.frequency.push_back(collapsed.frequency[row]);
      expanded.recency.push_back(collapsed.recency[row]);
      expanded.age.push_back(collapsed.age[row]);
    }
  }
  const FitSummary from_collapsed = FitPurchaseModel(ModelKind::kBgBb, collapsed);
  const FitSummary from_expanded = FitPurchaseModel(ModelKind::kBgBb, expanded);
  EXPECT_EQ(from_expanded.num_customers, 11104);
  EXPECT_EQ(from_expanded.num_distinct_rows, 22u);
  EXPECT_EQ(from_expanded.params, from_collapsed.params);
  EXPECT_EQ(from_expanded.log_likelihood, from_collapsed.log_likelihood);
}

TEST(Consistency, GammaGammaFitIsIdenticalForAnyThreadCount) {
  const SummaryTable cdnow = testing::CdnowWithSpend();
  const FitSummary serial = FitWithThreads(ModelKind::kGammaGamma, cdnow, 1);
  const FitSummary parallel = FitWithThreads(ModelKind::kGammaGamma, cdnow, 2);
  EXPECT_EQ(parallel.params, serial.params);
  EXPECT_EQ(parallel.log_likelihood, serial.log_likelihood);
}

TEST(Regression, NonConvergenceIsReportedAsAResult) {
  FitOptions options;
  options.max_iterations = 2;
  const FitSummary fit = FitPurchaseModel(ModelKind::kBgNbd, testing::Cdnow(), options);
  EXPECT_EQ(fit.termination, TerminationType::kIterationLimit);
  EXPECT_FALSE(fit.converged);
  EXPECT_FALSE(fit.usable);
  EXPECT_GT(fit.gradient_norm, options.gradient_tolerance);
  EXPECT_LE(fit.iterations, 3 * options.max_iterations);
  EXPECT_EQ(fit.params.size(), 4u);
  EXPECT_NE(fit.BriefReport().find("iteration_limit"), std::string::npos);
}

TEST(Regression, PenalizerShrinksTheParameters) {
  // FitOptions::penalizer: -LL / W + c sum (s_k theta_k)^2 pulls every parameter towards 0.
  const SummaryTable donations = testing::Donations();
  FitOptions penalised;
  penalised.penalizer = 0.1;
  const FitSummary plain = FitPurchaseModel(ModelKind::kBgBb, donations);
  const FitSummary shrunk = FitPurchaseModel(ModelKind::kBgBb, donations, penalised);
  ASSERT_TRUE(shrunk.usable) << shrunk.FullReport();
  EXPECT_EQ(shrunk.penalizer, 0.1);
  double plain_norm = 0;
  double shrunk_norm = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    plain_norm += plain.params[k] * plain.params[k];
    shrunk_norm += shrunk.params[k] * shrunk.params[k];
  }
  EXPECT_LT(shrunk_norm, plain_norm);
  EXPECT_LT(shrunk.log_likelihood, plain.log_likelihood);
}

}  // namespace
}  // namespace clv
