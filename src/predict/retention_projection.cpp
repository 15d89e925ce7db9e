// SPDX-License-Identifier: MIT
// The sBG projection table of a contractual cohort (REFERENCE.md §10): survival, retention and
// the discounted expected residual lifetime per period.
#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <string>

#include "clv/error.h"
#include "clv/models/shifted_beta_geometric.h"
#include "clv/predict.h"

namespace clv {
namespace {

void ThrowUnlessValid(std::span<const double> sbg_params, int periods, double discount_rate) {
  if (sbg_params.size() != 2) {
    throw InputError("sbg needs 2 parameters (alpha, beta), got " +
                     std::to_string(sbg_params.size()));
  }
  for (double value : sbg_params) {
    if (!std::isfinite(value) || value <= 0) {
      throw InputError("sbg parameters must be finite and > 0, got " + std::to_string(value));
    }
  }
  if (periods < 1) throw InputError("periods must be >= 1, got " + std::to_string(periods));
  if (!std::isfinite(discount_rate) || discount_rate <= 0) {
    throw InputError("discount rate must be finite and > 0 for DERL, got " +
                     std::to_string(discount_rate));
  }
}

}  // namespace

std::vector<RetentionProjectionRow> ProjectRetention(std::span<const double> sbg_params,
                                                     int periods, double discount_rate) {
  ThrowUnlessValid(sbg_params, periods, discount_rate);
  std::vector<RetentionProjectionRow> rows;
  rows.reserve(static_cast<std::size_t>(periods));
  for (int period = 1; period <= periods; ++period) {
    // In period t the customer has renewed t - 1 times (Fader & Hardie 2010, eq. 6).
    rows.push_back({.period = period,
                    .survival = SbgSurvival(sbg_params, period),
                    .retention = SbgRetentionRate(sbg_params, period),
                    .discounted_residual_lifetime = SbgDiscountedExpectedResidualLifetime(
                        sbg_params, discount_rate, period - 1)});
  }
  return rows;
}

std::string FormatRetentionProjectionCsv(std::span<const RetentionProjectionRow> rows) {
  std::string csv = "period,survival,retention,derl\n";
  for (const RetentionProjectionRow& row : rows) {
    fmt::format_to(std::back_inserter(csv), "{},{},{},{}\n", row.period, row.survival,
                   row.retention, row.discounted_residual_lifetime);
  }
  return csv;
}

}  // namespace clv
