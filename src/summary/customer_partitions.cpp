// SPDX-License-Identifier: MIT
#include "summary/customer_partitions.h"

#include <cstring>

#include "clv/error.h"

namespace clv::detail {
namespace {

constexpr std::size_t kInitialSlots = 64;
constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;

std::uint64_t Mix(std::uint64_t value) {
  value ^= value >> 32;
  value *= 0xD6E8FEB86659FD93ull;
  value ^= value >> 32;
  return value;
}

std::uint32_t Tag(std::uint64_t hash) {
  return static_cast<std::uint32_t>(hash);
}

}  // namespace

std::uint64_t HashCustomerId(std::string_view id) {
  std::uint64_t hash = id.size() * kMultiplier;
  std::size_t pos = 0;
  for (; pos + 8 <= id.size(); pos += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, id.data() + pos, 8);
    hash = (hash ^ word) * kMultiplier;
    hash ^= hash >> 29;
  }
  if (pos < id.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, id.data() + pos, id.size() - pos);
    hash = (hash ^ word) * kMultiplier;
  }
  return Mix(hash);
}

CustomerPartition::~CustomerPartition() {
  for (CustomerState& state : states_)
    state.periods.Release();
}

CustomerState& CustomerPartition::FindOrInsert(std::uint64_t hash, std::string_view id) {
  if ((states_.size() + 1) * 10 > slots_.size() * 7) Rehash();
  const std::size_t mask = slots_.size() - 1;
  const std::uint32_t tag = Tag(hash);
  // The partition already used the top bits of the hash; probe with the middle ones.
  std::size_t slot = (hash >> 20) & mask;
  while (true) {
    Slot& candidate = slots_[slot];
    if (candidate.state_plus_one == 0) break;
    if (candidate.tag == tag) {
      CustomerState& state = states_[candidate.state_plus_one - 1];
      if (IdOf(state) == id) return state;
    }
    slot = (slot + 1) & mask;
  }
  CLV_CHECK(ids_.size() + id.size() < UINT32_MAX, "customer id arena of a partition is full");
  CustomerState& state = states_.emplace_back();
  state.id_offset = static_cast<std::uint32_t>(ids_.size());
  state.id_length = static_cast<std::uint32_t>(id.size());
  ids_.insert(ids_.end(), id.begin(), id.end());
  slots_[slot] = {tag, static_cast<std::uint32_t>(states_.size())};
  return state;
}

void CustomerPartition::Rehash() {
  const std::size_t size = slots_.empty() ? kInitialSlots : slots_.size() * 2;
  std::vector<Slot> slots(size);
  const std::size_t mask = size - 1;
  for (std::size_t index = 0; index < states_.size(); ++index) {
    const std::uint64_t hash = HashCustomerId(IdOf(states_[index]));
    std::size_t slot = (hash >> 20) & mask;
    while (slots[slot].state_plus_one != 0)
      slot = (slot + 1) & mask;
    slots[slot] = {Tag(hash), static_cast<std::uint32_t>(index + 1)};
  }
  slots_ = std::move(slots);
}

}  // namespace clv::detail
