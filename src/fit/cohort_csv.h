// SPDX-License-Identifier: MIT
// Reading an sBG cohort table: `period,customers`, customers still active at the start of each
// period, period 0 the whole cohort (REFERENCE.md §10).
#pragma once

#include <string>
#include <vector>

namespace clv::detail {

/// Customers active at the start of periods 0, 1, 2, ... The header line is optional; periods
/// must be 0, 1, 2, ... in order. Throws InputError naming file, line and rule otherwise (the
/// counts themselves are checked by FitShiftedBetaGeometric).
std::vector<double> ReadCohortCsv(const std::string& path);

}  // namespace clv::detail
