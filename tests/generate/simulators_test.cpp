// SPDX-License-Identifier: MIT
// The simulators draw from the models they claim to: sample moments and frequencies of simulated
// customers agree with the models' own expressions, within four standard errors.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "clv/error.h"
#include "clv/generate.h"
#include "clv/models/gamma_gamma.h"
#include "clv/models/purchase_model.h"
#include "clv/models/shifted_beta_geometric.h"
#include "common/parallel.h"
#include "generate/sample_statistics.h"

namespace clv {
namespace {

using testing::MeanOf;
using testing::ShareStandardError;

constexpr std::size_t kCustomers = 100000;
constexpr double kTolerance = 4;  // standard errors
constexpr double kCdnowAge = 272.0 / 7;

// Published CDNOW and donations estimates (REFERENCE.md §4.3, §5.3, §6.3, §8.3), weekly.
const std::vector<double> kBgNbd = {0.243, 4.414, 0.793, 2.426};
const std::vector<double> kModifiedBgNbd = {0.525, 6.183, 0.891, 1.614};
const std::vector<double> kParetoNbd = {0.553, 10.578, 0.606, 11.669};
const std::vector<double> kBgBb = {1.204, 0.750, 0.657, 2.783};

std::vector<double> Frequencies(const std::vector<CustomerHistory>& histories) {
  std::vector<double> frequencies;
  for (const CustomerHistory& history : histories)
    frequencies.push_back(history.frequency);
  return frequencies;
}

double ShareWithFrequency(const std::vector<CustomerHistory>& histories, double frequency) {
  double count = 0;
  for (const CustomerHistory& history : histories)
    count += history.frequency == frequency;
  return count / static_cast<double>(histories.size());
}

// Mean frequency against E[X(T)] and the shares of 0, 1 and 2 repeat purchases against
// P(X(T) = n), for customers all observed for the CDNOW calibration age.
void ExpectSummariesFollowModel(ModelKind kind, const std::vector<double>& params) {
  const std::vector<double> ages(kCustomers, kCdnowAge);
  const std::vector<CustomerHistory> histories = SimulateCustomers(kind, params, ages, 11);
  const std::unique_ptr<PurchaseModel> model = MakePurchaseModel(kind);

  const testing::SampleMean frequency = MeanOf(Frequencies(histories));
  EXPECT_NEAR(frequency.mean, model->ExpectedPurchasesNewCustomer(params, kCdnowAge),
              kTolerance * frequency.standard_error);
  for (int n = 0; n <= 2; ++n) {
    const double probability = model->ProbabilityOfPurchases(params, kCdnowAge, n);
    EXPECT_NEAR(ShareWithFrequency(histories, n), probability,
                kTolerance * ShareStandardError(probability, kCustomers))
        << "n = " << n;
  }
  for (const CustomerHistory& history : histories) {
    ASSERT_EQ(model->CheckHistory(history), "");
  }
}

TEST(Correctness, BgNbdSimulationMatchesExpectedPurchasesAndCountDistribution) {
  ExpectSummariesFollowModel(ModelKind::kBgNbd, kBgNbd);
}

TEST(Correctness, ModifiedBgNbdSimulationMatchesExpectedPurchasesAndCountDistribution) {
  ExpectSummariesFollowModel(ModelKind::kModifiedBgNbd, kModifiedBgNbd);
}

TEST(Correctness, ParetoNbdSimulationMatchesExpectedPurchasesAndCountDistribution) {
  ExpectSummariesFollowModel(ModelKind::kParetoNbd, kParetoNbd);
}

TEST(Correctness, BgBbSimulationMatchesTheLikelihoodOfEveryPattern) {
  // A BG/BB pattern (x, t_x) arises from C(t_x - 1, x - 1) sequences of transactions, each with
  // probability L(x, t_x, n) (REFERENCE.md §8.1), so its share is C(t_x - 1, x - 1) L.
  const int n = 6;
  const std::vector<double> ages(kCustomers, n);
  const std::vector<CustomerHistory> histories =
      SimulateCustomers(ModelKind::kBgBb, kBgBb, ages, 5);
  const std::unique_ptr<PurchaseModel> model = MakePurchaseModel(ModelKind::kBgBb);
  double total_probability = 0;
  for (int x = 0; x <= n; ++x) {
    for (int recency = x; recency <= n; ++recency) {
      if ((x == 0) != (recency == 0)) continue;
      const double sequences = x == 0 ? 1
                                      : std::round(std::exp(std::lgamma(recency) - std::lgamma(x) -
                                                            std::lgamma(recency - x + 1)));
      const CustomerHistory pattern{.frequency = double(x), .recency = double(recency), .age = n};
      const double probability = sequences * std::exp(model->LogLikelihood(kBgBb, pattern, {}));
      double count = 0;
      for (const CustomerHistory& history : histories) {
        count += history.frequency == x && history.recency == recency;
      }
      EXPECT_NEAR(count / kCustomers, probability,
                  kTolerance * ShareStandardError(probability, kCustomers))
          << "x = " << x << ", t_x = " << recency;
      total_probability += probability;
    }
  }
  EXPECT_NEAR(total_probability, 1.0, 1e-12);

  const testing::SampleMean frequency = MeanOf(Frequencies(histories));
  EXPECT_NEAR(frequency.mean, model->ExpectedPurchasesNewCustomer(kBgBb, n),
              kTolerance * frequency.standard_error);
}

TEST(Correctness, GammaGammaSimulationMatchesPopulationMeanSpend) {
  // E[zbar | x] = p gamma / (q - 1) for every x (REFERENCE.md §9), CDNOW estimates.
  const std::vector<double> params = {6.25, 3.74, 15.44};
  for (const double x : {1.0, 4.0}) {
    const std::vector<double> frequencies(kCustomers, x);
    const testing::SampleMean spend = MeanOf(SimulateMonetaryValues(params, frequencies, 3));
    EXPECT_NEAR(spend.mean, GammaGammaPopulationMeanSpend(params),
                kTolerance * spend.standard_error)
        << "x = " << x;
  }
  const std::vector<double> no_repeats(10, 0.0);
  for (const double value : SimulateMonetaryValues(params, no_repeats, 3))
    EXPECT_EQ(value, 0.0);
}

TEST(Correctness, CohortSurvivalMatchesSbgSurvivalCurve) {
  // High-end segment estimates (REFERENCE.md §10), twelve periods.
  const std::vector<double> params = {0.668, 3.806};
  const std::vector<std::int64_t> active =
      SimulateCohortSurvival(params[0], params[1], kCustomers, 12, 9);
  ASSERT_EQ(active.size(), 13u);
  EXPECT_EQ(active[0], static_cast<std::int64_t>(kCustomers));
  for (int t = 1; t <= 12; ++t) {
    const double survival = SbgSurvival(params, t);
    EXPECT_NEAR(static_cast<double>(active[t]) / kCustomers, survival,
                kTolerance * ShareStandardError(survival, kCustomers))
        << "period " << t;
    EXPECT_LE(active[t], active[t - 1]);
  }
}

TEST(Consistency, SimulatedCustomersAreIdenticalOnOneAndTwoThreads) {
  const std::vector<double> ages(20000, 30.0);
  std::vector<CustomerHistory> one_thread, two_threads;
  {
    const detail::ThreadLimit limit(1);
    one_thread = SimulateCustomers(ModelKind::kParetoNbd, kParetoNbd, ages, 42);
  }
  {
    const detail::ThreadLimit limit(2);
    two_threads = SimulateCustomers(ModelKind::kParetoNbd, kParetoNbd, ages, 42);
  }
  for (std::size_t i = 0; i < ages.size(); ++i) {
    ASSERT_EQ(one_thread[i].frequency, two_threads[i].frequency) << i;
    ASSERT_EQ(one_thread[i].recency, two_threads[i].recency) << i;
  }
}

TEST(Consistency, SeedChangesTheDrawsAndRepeatsThem) {
  const std::vector<double> ages(1000, kCdnowAge);
  const auto first = Frequencies(SimulateCustomers(ModelKind::kBgNbd, kBgNbd, ages, 1));
  const auto again = Frequencies(SimulateCustomers(ModelKind::kBgNbd, kBgNbd, ages, 1));
  const auto other = Frequencies(SimulateCustomers(ModelKind::kBgNbd, kBgNbd, ages, 2));
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
}

TEST(InputChecks, SimulatorsRejectInvalidParametersAndAges) {
  const std::vector<double> ages = {10.0, 20.0};
  EXPECT_THROW(SimulateCustomers(ModelKind::kBgNbd, std::vector<double>{0.2, 4.0, 0.8}, ages, 1),
               InputError);
  EXPECT_THROW(
      SimulateCustomers(ModelKind::kParetoNbd, std::vector<double>{0.5, 10, 0, 11}, ages, 1),
      InputError);
  EXPECT_THROW(SimulateCustomers(ModelKind::kGammaGamma, std::vector<double>{1, 2, 3}, ages, 1),
               InputError);
  EXPECT_THROW(SimulateCustomers(ModelKind::kBgNbd, kBgNbd, std::vector<double>{-1.0}, 1),
               InputError);
  EXPECT_THROW(SimulateCustomers(ModelKind::kBgBb, kBgBb, std::vector<double>{6.5}, 1), InputError);
  EXPECT_THROW(SimulateMonetaryValues(std::vector<double>{6, 3, 15}, std::vector<double>{1.5}, 1),
               InputError);
  EXPECT_THROW(SimulateCohortSurvival(0.7, -1.0, 100, 7, 1), InputError);
  EXPECT_THROW(SimulateCohortSurvival(0.7, 1.2, -1, 7, 1), InputError);
}

}  // namespace
}  // namespace clv
