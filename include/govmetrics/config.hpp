// govmetrics: version and the one throwing macro.
#pragma once

#include <boost/throw_exception.hpp>

#define GOVMETRICS_VERSION_MAJOR 0
#define GOVMETRICS_VERSION_MINOR 1
#define GOVMETRICS_VERSION_PATCH 0
#define GOVMETRICS_VERSION_STRING "0.1.0"

/// Every throw in govmetrics goes through this macro (Boost.ThrowException: source location,
/// and a single place to change for builds without exceptions).
#define GOVMETRICS_THROW(ex) ::boost::throw_exception(ex)

namespace govmetrics {
/// The library's version, "major.minor.patch".
inline constexpr const char* version() noexcept {
  return GOVMETRICS_VERSION_STRING;
}
} // namespace govmetrics
