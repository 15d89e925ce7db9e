// SPDX-License-Identifier: MIT
// Paths of the shared reference data and small helpers for the fit tests.
#pragma once

#include <string>

#include "clv/summary.h"

namespace clv::testing {

inline std::string SharedData(const std::string& name) {
  return std::string(CLV_SHARED_DATA_DIR) + "/" + name;
}

/// REFERENCE.md §3.2: the 22 donation patterns with weights.
inline SummaryTable Donations() {
  return ReadSummaryCsv(SharedData("donations.csv"), TimeUnit::kDay);
}

/// REFERENCE.md §3.1: the CDNOW sample summary (2-dp CSV, weeks) with zbar.
inline SummaryTable CdnowWithSpend() {
  return ReadSummaryCsv(SharedData("cdnow_customers_summary_with_transactions.csv"),
                        TimeUnit::kWeek);
}

/// REFERENCE.md §3.1: the CDNOW sample summary (2-dp CSV, weeks).
inline SummaryTable Cdnow() {
  return ReadSummaryCsv(SharedData("cdnow_customers_summary.csv"), TimeUnit::kWeek);
}

}  // namespace clv::testing
