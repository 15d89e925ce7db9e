// SPDX-License-Identifier: MIT
// Per-customer state for the RFM summary, spread over hash partitions. A worker routes each row
// to the partition of its customer's hash and updates that partition under its lock, one lock per
// partition and batch, never per row. Each partition is an open-addressing table over a dense
// vector of states, with the customer id bytes in one arena.
#pragma once

#include <cstdint>
#include <mutex>
#include <string_view>
#include <vector>

#include "summary/period_set.h"

namespace clv::detail {

/// What one customer's rows add up to. Spend is fixed point (kAmountScale), hence exact.
struct CustomerState {
  std::uint32_t id_offset = 0;
  std::uint32_t id_length = 0;
  std::int64_t first_period_spend = 0;  ///< spend in the earliest period seen so far
  std::int64_t calibration_spend = 0;   ///< all spend up to the calibration end
  std::int64_t holdout_spend = 0;       ///< spend after the calibration end
  PeriodSet periods;                    ///< distinct purchase periods
};

/// 64-bit hash of a customer id (multiply-mix over 8-byte words).
std::uint64_t HashCustomerId(std::string_view id);

class CustomerPartition {
 public:
  CustomerPartition() = default;
  ~CustomerPartition();
  CustomerPartition(const CustomerPartition&) = delete;
  CustomerPartition& operator=(const CustomerPartition&) = delete;

  /// The state of `id`, created empty on first sight. The caller holds mutex().
  CustomerState& FindOrInsert(std::uint64_t hash, std::string_view id);

  std::mutex& mutex() { return mutex_; }
  const std::vector<CustomerState>& states() const { return states_; }
  std::string_view IdOf(const CustomerState& state) const {
    return {ids_.data() + state.id_offset, state.id_length};
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;             // low bits of the hash, to skip most string compares
    std::uint32_t state_plus_one = 0;  // 0 marks an empty slot
  };
  void Rehash();

  std::mutex mutex_;
  std::vector<Slot> slots_;
  std::vector<CustomerState> states_;
  std::vector<char> ids_;
};

}  // namespace clv::detail
