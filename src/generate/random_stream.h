// SPDX-License-Identifier: MIT
// The random numbers behind clv's simulators: one independent stream per customer, derived from
// (seed, customer index) alone, so a customer's draws never depend on which thread simulates it
// or on how many other customers there are. The generator is xoshiro256++ (Blackman & Vigna),
// seeded through SplitMix64; both are a handful of integer operations, so a fresh stream per
// customer costs less than one variate.
//
// Variates are drawn by methods written out here rather than std:: distributions, whose
// algorithms differ between standard libraries: the same seed gives the same log everywhere.
#pragma once

#include <cmath>
#include <cstdint>

namespace clv::detail {

/// SplitMix64 (Steele, Lea & Flood 2014): turns any 64-bit value into a well-mixed one.
inline std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class RandomStream {
 public:
  /// The stream of customer `customer_index` under `seed`.
  RandomStream(std::uint64_t seed, std::uint64_t customer_index);

  std::uint64_t NextBits() {
    const std::uint64_t result = RotateLeft(state_[0] + state_[3], 23) + state_[0];
    const std::uint64_t shifted = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = RotateLeft(state_[3], 45);
    return result;
  }

  /// Uniform on (0, 1]: never 0, so its logarithm is always finite.
  double UniformPositive() { return static_cast<double>((NextBits() >> 11) + 1) * 0x1.0p-53; }

  /// True with probability `probability`.
  bool Bernoulli(double probability) { return UniformPositive() <= probability; }

  /// Exponential with rate 1.
  double StandardExponential() { return -std::log(UniformPositive()); }

  /// Standard normal (Marsaglia's polar method; the second value of each pair is dropped so the
  /// stream holds no hidden state).
  double StandardNormal();

  /// ln of a Gamma(shape, rate 1) variate. Working in logs keeps shapes well below 1 usable:
  /// their variates underflow a double long before their logarithms do.
  double LogStandardGamma(double shape);

  /// Gamma with the given shape and rate (mean shape / rate); may underflow to 0 for tiny shapes.
  double Gamma(double shape, double rate) { return std::exp(LogStandardGamma(shape)) / rate; }

  /// Beta(a, b), computed from two log-gamma variates so that it is never 0/0.
  double Beta(double a, double b);

  /// A uniform integer in [0, count).
  std::uint64_t UniformIndex(std::uint64_t count) {
    return static_cast<std::uint64_t>(static_cast<double>(count) * (UniformPositive() - 0x1.0p-53));
  }

 private:
  static std::uint64_t RotateLeft(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t state_[4];
};

}  // namespace clv::detail
