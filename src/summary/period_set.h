// SPDX-License-Identifier: MIT
// The distinct purchase periods of one customer, sorted. Most customers buy in a handful of
// periods, so up to four live inline; heavy buyers move to a heap array. The type is trivially
// copyable so customer states can live in a plain vector: the owner calls Release() once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace clv::detail {

class PeriodSet {
 public:
  static constexpr std::uint32_t kInlineCapacity = 4;

  std::uint32_t size() const { return size_; }
  const std::int32_t* begin() const { return data(); }
  const std::int32_t* end() const { return data() + size_; }
  std::int32_t front() const { return data()[0]; }

  /// Adds `period` unless present. Appending a later period (time-ordered logs) is O(1).
  void Insert(std::int32_t period) {
    std::int32_t* values = data();
    std::uint32_t position = size_;
    if (size_ > 0 && period <= values[size_ - 1]) {
      position =
          static_cast<std::uint32_t>(std::lower_bound(values, values + size_, period) - values);
      if (values[position] == period) return;
    }
    if (size_ == capacity_) values = Grow();
    std::memmove(values + position + 1, values + position, (size_ - position) * sizeof(period));
    values[position] = period;
    ++size_;
  }

  /// Frees the heap array of a heavy buyer.
  void Release() {
    if (capacity_ > kInlineCapacity) std::free(heap_);
    capacity_ = kInlineCapacity;
    size_ = 0;
  }

 private:
  const std::int32_t* data() const { return capacity_ > kInlineCapacity ? heap_ : inline_; }
  std::int32_t* data() { return capacity_ > kInlineCapacity ? heap_ : inline_; }

  std::int32_t* Grow() {
    const std::uint32_t capacity = capacity_ * 2;
    auto* grown = static_cast<std::int32_t*>(std::malloc(capacity * sizeof(std::int32_t)));
    if (grown == nullptr) throw std::bad_alloc();
    std::memcpy(grown, data(), size_ * sizeof(std::int32_t));
    if (capacity_ > kInlineCapacity) std::free(heap_);
    heap_ = grown;
    capacity_ = capacity;
    return grown;
  }

  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = kInlineCapacity;
  union {
    std::int32_t inline_[kInlineCapacity];
    std::int32_t* heap_;
  };
};

}  // namespace clv::detail
