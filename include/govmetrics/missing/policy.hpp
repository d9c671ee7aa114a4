// govmetrics: what aggregation does with missing children.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <string>
#include <variant>

namespace govmetrics::missing {

/// Skip missing children and renormalise the remaining weights (COINr's behaviour; the default).
/// When the share of available children (by count) is below `min_share`, the node is NaN for that
/// unit and a diagnostic says why. A unit with no available child is NaN with a diagnostic.
struct skip {
  double min_share = 0.0;
  static constexpr const char* name() noexcept { return "skip"; }
  void validate() const {
    if (!(min_share >= 0.0 && min_share <= 1.0)) {
      GOVMETRICS_THROW(spec_error("missing::skip: 'min_share' must be in [0, 1] (got " +
                                  govmetrics::detail::format_number(min_share) + ")"));
    }
  }
};

/// Any missing child makes the node missing (NaN) for that unit.
struct propagate {
  static constexpr const char* name() noexcept { return "propagate"; }
  void validate() const noexcept {}
};

using any = std::variant<skip, propagate>;

inline std::string name_of(const any& m) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, m);
}

} // namespace govmetrics::missing
