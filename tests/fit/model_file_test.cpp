// SPDX-License-Identifier: MIT
// Model files round-trip, may be written by hand, and bad ones are refused with one line.
#include "clv/model_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "clv/error.h"
#include "fit/test_data.h"

namespace clv {
namespace {

using ::testing::HasSubstr;

std::string ParseError(const std::string& json) {
  try {
    ParseModelFile(json, "model.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Correctness, ModelFileHasEveryDocumentedKey) {
  const FitSummary fit = FitPurchaseModel(ModelKind::kBgBb, testing::Donations());
  const auto json = nlohmann::json::parse(ModelFileToJson(MakeModelFile(fit, std::nullopt)));
  for (const char* key : {"model", "params", "log_likelihood", "n_customers", "standard_errors",
                          "converged", "termination", "iterations", "gradient_norm", "usable",
                          "aic", "bic", "confidence_intervals", "penalizer"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["model"], "bgbb");
  EXPECT_EQ(json["params"]["delta"].get<double>(), fit.params[3]);
  EXPECT_EQ(json["confidence_intervals"]["alpha"][0].get<double>(), fit.lower_95[0]);
}

TEST(Consistency, ModelFileRoundTripsThroughDisk) {
  const FitSummary fit = FitGammaGamma(testing::CdnowWithSpend());
  const std::string path =
      (std::filesystem::temp_directory_path() / "clv_model_file_test.json").string();
  WriteModelFile(path, MakeModelFile(fit, TimeUnit::kWeek));
  const ModelFile read = ReadModelFile(path);
  std::filesystem::remove(path);
  EXPECT_EQ(read.model, ModelKind::kGammaGamma);
  EXPECT_EQ(read.params, fit.params);
  ASSERT_TRUE(read.unit.has_value());
  EXPECT_EQ(*read.unit, TimeUnit::kWeek);
  ASSERT_TRUE(read.fit.has_value());
  EXPECT_EQ(read.fit->log_likelihood, fit.log_likelihood);
  EXPECT_EQ(read.fit->standard_errors, fit.standard_errors);
  EXPECT_EQ(read.fit->termination, TerminationType::kConverged);
  EXPECT_TRUE(read.fit->usable);
}

TEST(Correctness, HandWrittenModelFileNeedsOnlyModelAndParams) {
  const ModelFile file = ParseModelFile(
      R"({"model": "bgnbd", "params": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}})",
      "model.json");
  EXPECT_EQ(file.model, ModelKind::kBgNbd);
  EXPECT_EQ(file.params, (std::vector<double>{0.243, 4.414, 0.793, 2.426}));
  EXPECT_FALSE(file.unit.has_value());
  EXPECT_FALSE(file.fit.has_value());
  const ModelFile with_unit = ParseModelFile(
      R"({"model": "sbg", "params": {"alpha": 0.7, "beta": 1.2}, "unit": "week"})", "m.json");
  EXPECT_EQ(*with_unit.unit, TimeUnit::kWeek);
}

TEST(InputChecks, ModelFileErrorsNameTheFileAndTheProblem) {
  EXPECT_THAT(ParseError("{"), AllOf(HasSubstr("model.json"), HasSubstr("not valid JSON")));
  EXPECT_THAT(ParseError(R"({"params": {}})"), HasSubstr("needs a 'model' name"));
  EXPECT_THAT(ParseError(R"({"model": "bgnbd"})"), HasSubstr("needs a 'params' object"));
  EXPECT_THAT(ParseError(R"({"model": "xyz", "params": {}})"),
              AllOf(HasSubstr("model.json"), HasSubstr("--model must be one of")));
  EXPECT_THAT(ParseError(R"({"model": "gg", "params": {"p": 1, "q": 2}})"),
              HasSubstr("params lacks 'v'"));
  EXPECT_THAT(ParseError(R"({"model": "gg", "params": {"p": 1, "q": -2, "v": 3}})"),
              HasSubstr("params.q must be finite and > 0"));
  EXPECT_THAT(ParseError(R"({"model": "sbg", "params": {"alpha": 1, "beta": 1, "gamma": 1}})"),
              HasSubstr("unknown key 'gamma'"));
  EXPECT_THAT(ParseError(R"({"model": "sbg", "params": {"alpha": 1, "beta": 1}, "unit": "yr"})"),
              HasSubstr("time unit must be one of"));
}

}  // namespace
}  // namespace clv
