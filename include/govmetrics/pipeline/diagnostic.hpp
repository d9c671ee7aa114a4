// govmetrics: diagnostics, the record of valid but noteworthy events (never thrown).
#pragma once

#include <string>

namespace govmetrics {

/// One noteworthy event: a missing value, a unit whose node fell below the minimum data share, ...
struct diagnostic {
  enum class level { info, warning };
  level severity = level::info;
  std::string component; ///< e.g. "normalize", "aggregate"
  std::string node;      ///< node or indicator code, if any
  std::string unit;      ///< unit id, if any
  std::string message;   ///< full sentence in the house message shape
};

inline const char* to_string(diagnostic::level l) noexcept {
  return l == diagnostic::level::info ? "info" : "warning";
}

} // namespace govmetrics
