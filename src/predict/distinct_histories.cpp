// SPDX-License-Identifier: MIT
// An open-addressing hash table from the bit patterns of (frequency, recency, age) to the index
// of the distinct history. The table holds only 32-bit indices, so it stays small and cache
// friendly when histories repeat, which is the case that matters for speed.
#include "predict/distinct_histories.h"

#include <bit>
#include <limits>

#include "clv/error.h"

namespace clv::detail {
namespace {

constexpr std::uint32_t kEmptySlot = std::numeric_limits<std::uint32_t>::max();

std::uint64_t Mix(std::uint64_t value) {
  // The finaliser of MurmurHash3: every input bit affects every output bit.
  value ^= value >> 33;
  value *= 0xff51afd7ed558ccdULL;
  value ^= value >> 33;
  value *= 0xc4ceb9fe1a85ec53ULL;
  value ^= value >> 33;
  return value;
}

std::uint64_t HashOf(const CustomerHistory& history) {
  const std::uint64_t frequency = std::bit_cast<std::uint64_t>(history.frequency);
  const std::uint64_t recency = std::bit_cast<std::uint64_t>(history.recency);
  const std::uint64_t age = std::bit_cast<std::uint64_t>(history.age);
  return Mix(frequency ^ Mix(recency ^ Mix(age)));
}

bool SameBits(const CustomerHistory& a, const CustomerHistory& b) {
  return std::bit_cast<std::uint64_t>(a.frequency) == std::bit_cast<std::uint64_t>(b.frequency) &&
         std::bit_cast<std::uint64_t>(a.recency) == std::bit_cast<std::uint64_t>(b.recency) &&
         std::bit_cast<std::uint64_t>(a.age) == std::bit_cast<std::uint64_t>(b.age);
}

class HistoryIndex {
 public:
  explicit HistoryIndex(std::vector<CustomerHistory>& histories) : histories_(histories) {
    Rehash(1 << 12);
  }

  /// The index of `history` in `histories`, appending it when it is new.
  std::uint32_t FindOrInsert(const CustomerHistory& history) {
    std::size_t slot = HashOf(history) & mask_;
    while (slots_[slot] != kEmptySlot) {
      if (SameBits(histories_[slots_[slot]], history)) return slots_[slot];
      slot = (slot + 1) & mask_;
    }
    CLV_CHECK(histories_.size() < kEmptySlot, "more than 2^32 - 1 distinct histories");
    const auto index = static_cast<std::uint32_t>(histories_.size());
    histories_.push_back(history);
    slots_[slot] = index;
    // Keep the load below one half so that probe sequences stay short.
    if (2 * histories_.size() > slots_.size()) Rehash(2 * slots_.size());
    return index;
  }

 private:
  void Rehash(std::size_t num_slots) {
    slots_.assign(num_slots, kEmptySlot);
    mask_ = num_slots - 1;
    for (std::uint32_t index = 0; index < histories_.size(); ++index) {
      std::size_t slot = HashOf(histories_[index]) & mask_;
      while (slots_[slot] != kEmptySlot)
        slot = (slot + 1) & mask_;
      slots_[slot] = index;
    }
  }

  std::vector<CustomerHistory>& histories_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
};

}  // namespace

DistinctHistories CollapseHistories(std::span<const double> frequency,
                                    std::span<const double> recency, std::span<const double> age) {
  CLV_CHECK(frequency.size() == recency.size() && frequency.size() == age.size(),
            "summary columns differ in length");
  DistinctHistories distinct;
  distinct.index_of_row.resize(frequency.size());
  HistoryIndex index(distinct.histories);
  for (std::size_t row = 0; row < frequency.size(); ++row) {
    distinct.index_of_row[row] = index.FindOrInsert({frequency[row], recency[row], age[row]});
  }
  return distinct;
}

}  // namespace clv::detail
