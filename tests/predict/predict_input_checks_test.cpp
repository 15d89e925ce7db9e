// SPDX-License-Identifier: MIT
// Bad options, parameters and files are refused with a one-line message naming the rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "clv/error.h"
#include "clv/predict.h"
#include "predict/predict_test_support.h"

namespace clv {
namespace {

using testing::kBgNbdPaper;
using testing::MakeSummary;
using testing::RunClv;
using testing::TemporaryDirectory;

// Bad input to the CLI is reported as one line on stderr with exit status 2.
class InputChecks : public ::testing::Test {
 protected:
  void ExpectOneLineInputError(const std::string& arguments, const std::string& fragment) {
    const testing::CommandResult result = RunClv(directory_, arguments);
    EXPECT_EQ(result.exit_status, 2) << result.standard_error;
    EXPECT_EQ(std::count(result.standard_error.begin(), result.standard_error.end(), '\n'), 1)
        << result.standard_error;
    EXPECT_NE(result.standard_error.find(fragment), std::string::npos) << result.standard_error;
    EXPECT_EQ(result.standard_output, "");
  }

  std::string Summary() {
    return directory_.Write("summary.csv", "customer_id,frequency,recency,T\n1,2,30.43,38.86\n");
  }
  std::string WeeklyModel() {
    return directory_.Write(
        "model.json",
        R"({"model": "bgnbd", "params": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
            "unit": "week"})");
  }

  TemporaryDirectory directory_;
};

TEST_F(InputChecks, OptionsNameTheFirstBrokenRule) {
  PredictOptions options;
  std::string why;
  EXPECT_TRUE(options.Validate(&why));
  options.clv_months = -3;
  EXPECT_FALSE(options.Validate(&why));
  EXPECT_EQ(why, "clv_months must be >= 0, got -3");
  options = PredictOptions{};
  options.dert_rate = 0;
  EXPECT_FALSE(options.Validate(&why));
  EXPECT_EQ(why, "dert_rate must be finite and > 0, got 0");
  options = PredictOptions{};
  options.horizon = -1;
  EXPECT_FALSE(options.Validate(&why));
  EXPECT_EQ(why, "horizon must be finite and >= 0, got -1");
}

TEST_F(InputChecks, PredictRejectsInvalidOptionsAndParameters) {
  const auto model = MakePurchaseModel(ModelKind::kBgNbd);
  const SummaryTable summary = MakeSummary({{1, 2, 3}}, TimeUnit::kWeek);
  PredictOptions options;
  options.monthly_discount_rate = -0.1;
  EXPECT_THROW(PredictCustomers(summary, *model, kBgNbdPaper, {}, options), InputError);
  const std::vector<double> negative{0.243, -4.414, 0.793, 2.426};
  EXPECT_THROW(PredictCustomers(summary, *model, negative, {}, PredictOptions{}), InputError);
  const std::vector<double> two_spend_params{1, 2};
  EXPECT_THROW(PredictCustomers(summary, *model, kBgNbdPaper, two_spend_params, PredictOptions{}),
               InputError);
}

TEST_F(InputChecks, BgBbRefusesFractionalOpportunities) {
  const auto model = MakePurchaseModel(ModelKind::kBgBb);
  const std::vector<double> params{1.204, 0.750, 0.657, 2.783};
  const SummaryTable summary = MakeSummary({{1, 2, 6}}, TimeUnit::kMonth);
  PredictOptions options;
  options.horizon = 2.5;
  EXPECT_THROW(PredictCustomers(summary, *model, params, {}, options), InputError);
}

TEST_F(InputChecks, SbgProjectionRejectsZeroPeriodsAndRate) {
  const std::vector<double> params{0.7, 1.2};
  EXPECT_THROW(ProjectRetention(params, 0, 0.1), InputError);
  EXPECT_THROW(ProjectRetention(params, 5, 0.0), InputError);
}

TEST_F(InputChecks, MissingModelFileIsAnInputError) {
  ExpectOneLineInputError("predict " + Summary() + " --model " + directory_.File("none.json"),
                          "none.json");
}

TEST_F(InputChecks, UnitMismatchIsAnInputError) {
  ExpectOneLineInputError("predict " + Summary() + " --model " + WeeklyModel() + " --unit day",
                          "unit mismatch");
}

TEST_F(InputChecks, SummaryWithoutRecencyColumnIsAnInputError) {
  const std::string summary =
      directory_.Write("no_recency.csv", "customer_id,frequency,T\n1,2,38.86\n");
  ExpectOneLineInputError("predict " + summary + " --model " + WeeklyModel(), "recency");
}

TEST_F(InputChecks, SpendModelMustBeGammaGamma) {
  ExpectOneLineInputError(
      "predict " + Summary() + " --model " + WeeklyModel() + " --spend-model " + WeeklyModel(),
      "gg");
}

TEST_F(InputChecks, UnusableFitIsRefusedWithStatusThreeUnlessForced) {
  const std::string model = directory_.Write(
      "unusable.json",
      R"({"model": "bgnbd", "params": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
          "unit": "week", "termination": "iteration_limit", "converged": false,
          "usable": false})");
  const std::string output = directory_.File("out.csv");
  const testing::CommandResult refused =
      RunClv(directory_, "predict " + Summary() + " --model " + model + " -o " + output);
  EXPECT_EQ(refused.exit_status, 3);
  EXPECT_NE(refused.standard_error.find("--force"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(output));

  const testing::CommandResult forced =
      RunClv(directory_, "predict " + Summary() + " --model " + model + " --force -o " + output);
  EXPECT_EQ(forced.exit_status, 0) << forced.standard_error;
  EXPECT_TRUE(std::filesystem::exists(output));
}

}  // namespace
}  // namespace clv
