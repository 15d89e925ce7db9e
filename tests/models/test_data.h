// SPDX-License-Identifier: MIT
// The CDNOW customer summaries used by the model tests (REFERENCE.md §3.1), read from
// CLV_SHARED_DATA_DIR. Durations are in weeks; frequency counts repeat purchase days.
#pragma once

#include <vector>

#include "clv/models/purchase_model.h"

namespace clv::test {

/// One CDNOW customer: the calibration history, the mean repeat spend (zbar, 0 when
/// frequency = 0) and, for the exact summary only, the holdout frequency x*.
struct CdnowCustomer {
  CustomerHistory history;
  double monetary_value = 0;
  double holdout_frequency = 0;
};

/// The 2,357 rows of cdnow_customers_summary_with_transactions.csv in file order: the published
/// summary with recency and T rounded to two decimals (the data of cdnow_customers_summary.csv).
std::vector<CdnowCustomer> LoadCdnowRoundedSummary();

/// The exact summary built from CDNOW_sample.txt by the rule of REFERENCE.md §3.1 (BTYD's
/// cdnowSummary): calibration to 1997-09-30, holdout to 1998-06-30, ordered by sample id.
std::vector<CdnowCustomer> BuildCdnowExactSummary();

/// The histories of `customers`, in order.
std::vector<CustomerHistory> HistoriesOf(const std::vector<CdnowCustomer>& customers);

}  // namespace clv::test
