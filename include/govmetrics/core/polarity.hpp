// govmetrics: the direction (polarity) of an indicator.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/error.hpp"

#include <string>
#include <string_view>

namespace govmetrics {

/// Whether a higher raw value is better (`positive`) or worse (`negative`). As in COINr, a negative
/// indicator is multiplied by -1 before normalisation, so every normaliser sees "higher = better".
enum class direction : int { positive = 1, negative = -1 };

/// +1.0 or -1.0.
constexpr double sign_of(direction d) noexcept {
  return d == direction::positive ? 1.0 : -1.0;
}

constexpr const char* to_string(direction d) noexcept {
  return d == direction::positive ? "positive" : "negative";
}

/// Parses "positive"/"negative" (also "+1"/"-1", "1"/"-1"); throws spec_error otherwise.
inline direction direction_from_string(std::string_view s) {
  if (s == "positive" || s == "1" || s == "+1")
    return direction::positive;
  if (s == "negative" || s == "-1")
    return direction::negative;
  GOVMETRICS_THROW(spec_error("direction: unknown direction '" + std::string(s) +
                              "' (expected 'positive' or 'negative')"));
}

} // namespace govmetrics
