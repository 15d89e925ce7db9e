// SPDX-License-Identifier: MIT
// clv analyze against published CDNOW figures (REFERENCE.md §3.1, §4.3, §6.3, §9): the one-read
// summaries, the tracking series, the holdout comparison, the fitted models, the spend check.
#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "analyze/spend_model.h"
#include "clv/analyze.h"

namespace clv {
namespace {

const std::string kData = CLV_SHARED_DATA_DIR;

// CDNOW_sample.txt: master id, sample id, date, CDs, dollars; keyed by the sample id, days
// merged, weeks from day resolution, calibration to 1997-09-30 (§3.1).
AnalyzeOptions CdnowSampleOptions(ModelChoice model) {
  AnalyzeOptions options;
  options.ingest.paths = {kData + "/CDNOW_sample.txt"};
  options.ingest.customer_column = "2";
  options.ingest.date_column = "3";
  options.ingest.amount_column = "5";
  options.summary.unit = TimeUnit::kWeek;
  options.summary.durations = DurationMode::kContinuous;
  options.summary.calibration_end = 875'663'999;  // 1997-09-30 23:59:59 UTC
  options.model = model;
  return options;
}

const Analysis& CdnowSampleAnalysis() {
  static const Analysis analysis = Analyze(CdnowSampleOptions(ModelChoice::kAuto));
  return analysis;
}

double Sum(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0);
}

const CandidateModel& Candidate(const Analysis& analysis, ModelKind kind) {
  for (const CandidateModel& candidate : analysis.candidates) {
    if (candidate.model == kind) return candidate;
  }
  throw std::runtime_error("no such candidate");
}

TEST(Correctness, OneReadGivesThePublishedCalibrationAndHoldoutTotals) {
  const Analysis& analysis = CdnowSampleAnalysis();
  ASSERT_TRUE(analysis.window.used);
  EXPECT_EQ(analysis.calibration.size(), 2357u);
  EXPECT_EQ(analysis.whole.size(), 2357u);
  EXPECT_DOUBLE_EQ(Sum(analysis.calibration.frequency), 2457);
  EXPECT_DOUBLE_EQ(Sum(analysis.calibration.frequency_holdout), 1882);
  EXPECT_NEAR(analysis.calibration.recency[0], 30.428571, 1e-6);
  EXPECT_NEAR(analysis.calibration.age[0], 38.857143, 1e-6);
  // The whole window: 6,696 customer-days, of which 2,357 are first purchases.
  EXPECT_DOUBLE_EQ(Sum(analysis.whole.frequency), 6696 - 2357);
}

TEST(Correctness, TrackingSeriesCountsThePublishedWeeklyRepeatTransactions) {
  const std::vector<double> published = {
      0,    19,   42,   81,   119,  192,  261,  351,  428,  504,  610,  733,  828,
      914,  1005, 1078, 1149, 1222, 1286, 1359, 1414, 1484, 1517, 1573, 1672, 1746,
      1800, 1840, 1885, 1973, 2032, 2069, 2132, 2192, 2239, 2290, 2342, 2395, 2457,
      2507, 2563, 2612, 2671, 2718, 2803, 2864, 2923, 2968, 3038, 3104, 3153, 3183,
      3234, 3276, 3329, 3357, 3404, 3444, 3490, 3533, 3598, 3677, 3727, 3786, 3844,
      3879, 3915, 3962, 3991, 4035, 4077, 4112, 4141, 4183, 4231, 4279, 4311, 4339};
  const TrackingSeries& tracking = CdnowSampleAnalysis().report.tracking;
  ASSERT_EQ(tracking.points.size(), published.size());
  for (std::size_t week = 0; week < published.size(); ++week) {
    EXPECT_EQ(tracking.points[week].cumulative_actual, published[week]) << "week " << week + 1;
  }
  EXPECT_EQ(tracking.points.front().period, "1997-01-01");
  EXPECT_EQ(tracking.calibration_end_period, tracking.points[38].period);  // week 39
  // The model, fitted on weeks 1-39, forecasts the 1,882 holdout purchases within 10 %.
  const double forecast =
      tracking.points[77].cumulative_expected - tracking.points[38].cumulative_expected;
  EXPECT_NEAR(forecast, 1882, 0.1 * 1882);
}

TEST(Correctness, HoldoutComparisonHasThePublishedBinsAndMeans) {
  const std::vector<std::int64_t> sizes = {1411, 439, 214, 100, 62, 38, 29, 64};
  const std::vector<double> means = {0.2367116, 0.6970387, 1.392523, 1.560000,
                                     2.532258,  2.947368,  3.862069, 6.359375};
  const std::vector<HoldoutFrequencyRow>& rows = CdnowSampleAnalysis().report.holdout_by_frequency;
  ASSERT_EQ(rows.size(), sizes.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    EXPECT_EQ(rows[k].customers, sizes[k]) << rows[k].calibration_frequency;
    EXPECT_NEAR(rows[k].actual_mean, means[k], 1e-6) << rows[k].calibration_frequency;
  }
  EXPECT_EQ(rows.back().calibration_frequency, "7+");
}

TEST(Correctness, CalibrationCandidatesReproduceThePublishedEstimates) {
  const Analysis& analysis = CdnowSampleAnalysis();
  const FitSummary& bgnbd = Candidate(analysis, ModelKind::kBgNbd).fit;
  ASSERT_TRUE(bgnbd.usable);
  const std::vector<double> published = {0.243, 4.414, 0.793, 2.426};  // §4.3
  for (std::size_t k = 0; k < published.size(); ++k) {
    EXPECT_NEAR(bgnbd.params[k], published[k], 1e-3) << bgnbd.parameter_names[k];
  }
  EXPECT_NEAR(bgnbd.log_likelihood, -9582.429, 1e-3);
  const FitSummary& pnbd = Candidate(analysis, ModelKind::kParetoNbd).fit;
  ASSERT_TRUE(pnbd.usable);
  EXPECT_NEAR(pnbd.log_likelihood, -9594.976, 1e-3);  // §6.3: compare LL, not beta
}

TEST(Correctness, AutoChoosesTheLowestHoldoutRmseAndSaysWhy) {
  const Analysis& analysis = CdnowSampleAnalysis();
  ASSERT_EQ(analysis.candidates.size(), 3u);
  double best = 1e300;
  for (const CandidateModel& candidate : analysis.candidates) {
    ASSERT_TRUE(candidate.holdout.has_value()) << ToString(candidate.model);
    EXPECT_NEAR(candidate.holdout->actual_purchases, 1882, 1e-9);
    best = std::min(best, candidate.holdout->rmse);
  }
  const CandidateModel& chosen = Candidate(analysis, analysis.chosen_model);
  EXPECT_TRUE(chosen.chosen);
  EXPECT_EQ(chosen.holdout->rmse, best);
  EXPECT_NE(analysis.choice_reason.find("holdout RMSE"), std::string::npos);
  EXPECT_NE(analysis.choice_reason.find(DisplayName(analysis.chosen_model)), std::string::npos);
  // The chosen model is refitted on all 78 weeks.
  EXPECT_EQ(analysis.purchase_fit.model, analysis.chosen_model);
  EXPECT_TRUE(analysis.purchase_fit.usable);
  EXPECT_NE(analysis.purchase_fit.log_likelihood, chosen.fit.log_likelihood);
}

TEST(Correctness, SpendIndependenceCheckGivesThePublishedCorrelation) {
  // §3.1: among the 946 calibration repeaters corr(x, zbar) = 0.114.
  const SpendIndependence check = detail::CheckSpendIndependence(CdnowSampleAnalysis().calibration);
  EXPECT_EQ(check.repeat_buyers, 946);
  EXPECT_NEAR(check.correlation, 0.114, 5e-4);
  EXPECT_TRUE(check.holds);
}

TEST(Correctness, DefaultHoldoutIsTheLastQuarterCutAtTheEndOfAWeek) {
  AnalyzeOptions options = CdnowSampleOptions(ModelChoice::kBgNbd);
  options.summary.calibration_end.reset();
  options.summary.durations = DurationMode::kFloored;
  const Analysis analysis = Analyze(options);
  // 1997-01-01 .. 1998-06-30 is 545 days; three quarters in is 1998-02-13, in the week of
  // Monday 1998-02-09, so calibration ends on Sunday 1998-02-15 at 23:59:59.
  ASSERT_TRUE(analysis.window.used);
  EXPECT_FALSE(analysis.window.calibration_end_given);
  EXPECT_EQ(analysis.window.calibration_end, 887'587'199);
  EXPECT_NE(analysis.window.note.find("the last quarter"), std::string::npos);
  EXPECT_TRUE(analysis.calibration.has_holdout);
  EXPECT_DOUBLE_EQ(analysis.calibration.duration_holdout.front(), 20);  // weeks 1998-02-16 ..
}

TEST(Correctness, SpendCorrelatedWithFrequencyFailsTheIndependenceCheckWithAWarning) {
  SummaryTable summary{.unit = TimeUnit::kWeek};
  for (int row = 0; row < 200; ++row) {
    const double frequency = 1 + row % 10;
    summary.customer_ids.push_back(std::to_string(row));
    summary.frequency.push_back(frequency);
    summary.recency.push_back(frequency);
    summary.age.push_back(20);
    summary.monetary_value.push_back(5 * frequency + (row % 3));  // spend grows with frequency
  }
  const detail::SpendModel spend = detail::FitSpendModel(summary, {});
  ASSERT_TRUE(spend.independence.has_value());
  EXPECT_FALSE(spend.independence->holds);
  EXPECT_GT(spend.independence->correlation, kSpendCorrelationLimit);
  ASSERT_FALSE(spend.warnings.empty());
  EXPECT_NE(spend.warnings.front().find("correlated with frequency"), std::string::npos);
}

TEST(Correctness, GivenModelIsUsedWithoutCompetitors) {
  const Analysis analysis = Analyze(CdnowSampleOptions(ModelChoice::kBgNbd));
  ASSERT_EQ(analysis.candidates.size(), 1u);
  EXPECT_EQ(analysis.chosen_model, ModelKind::kBgNbd);
  EXPECT_NE(analysis.choice_reason.find("as asked"), std::string::npos);
  EXPECT_TRUE(analysis.spend_fit.has_value());
  EXPECT_TRUE(analysis.predictions.has_spend);
}

}  // namespace
}  // namespace clv
