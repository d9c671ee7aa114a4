// govmetrics: weights from the framework (`explicit`) or equal within each parent (`equal`).
// The variant of every weighting scheme, `weights::any`, is in weights/any.hpp.
#pragma once

namespace govmetrics::weights {

/// The weights written on the nodes, normalised to sum to 1 within each parent.
struct explicit_weights {
  static constexpr const char* name() noexcept { return "explicit"; }
  void validate() const noexcept {}
};

/// Every child of a parent gets 1 / (number of children), whatever the nodes say.
struct equal {
  static constexpr const char* name() noexcept { return "equal"; }
  void validate() const noexcept {}
};

} // namespace govmetrics::weights
