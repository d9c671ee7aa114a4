// govmetrics internals: numbers in messages.
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace govmetrics::detail {

/// The shortest text that reads back as exactly `x` ("64", "0.1", "nan", "inf").
inline std::string format_number(double x) {
  if (std::isnan(x))
    return "nan";
  if (std::isinf(x))
    return x > 0 ? "inf" : "-inf";
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof(buf), x);
  return res.ec == std::errc() ? std::string(buf, res.ptr) : std::to_string(x);
}

/// "1 unit", "3 units".
inline std::string count_of(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

} // namespace govmetrics::detail
