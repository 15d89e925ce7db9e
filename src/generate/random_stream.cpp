// SPDX-License-Identifier: MIT
#include "generate/random_stream.h"

namespace clv::detail {

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t customer_index) {
  // Mix the seed first so that nearby seeds and nearby customers give unrelated streams.
  std::uint64_t seed_state = seed;
  std::uint64_t state = SplitMix64(seed_state) ^ (customer_index * 0xD1B54A32D192ED03ULL);
  for (std::uint64_t& word : state_)
    word = SplitMix64(state);
}

double RandomStream::StandardNormal() {
  while (true) {
    const double u = 2.0 * UniformPositive() - 1.0;
    const double v = 2.0 * UniformPositive() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

double RandomStream::LogStandardGamma(double shape) {
  // Shapes below 1: Gamma(shape) = Gamma(shape + 1) * U^(1/shape) (Marsaglia & Tsang 2000, §6).
  if (shape < 1.0) return LogStandardGamma(shape + 1.0) + std::log(UniformPositive()) / shape;

  // Marsaglia & Tsang (2000), "A Simple Method for Generating Gamma Variables", for shape >= 1.
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double normal = 0;
    double v = 0;
    do {
      normal = StandardNormal();
      v = 1.0 + c * normal;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = UniformPositive();
    if (u < 1.0 - 0.0331 * normal * normal * normal * normal) return std::log(d * v);
    if (std::log(u) < 0.5 * normal * normal + d * (1.0 - v + std::log(v))) return std::log(d * v);
  }
}

double RandomStream::Beta(double a, double b) {
  // X / (X + Y) = 1 / (1 + exp(ln Y - ln X)) for X ~ Gamma(a), Y ~ Gamma(b).
  const double log_x = LogStandardGamma(a);
  const double log_y = LogStandardGamma(b);
  return 1.0 / (1.0 + std::exp(log_y - log_x));
}

}  // namespace clv::detail
