// govmetrics: outlier treatment `none` (the data pass unchanged).
#pragma once

#include <string>
#include <variant>

namespace govmetrics::treat {

/// No outlier treatment. (Winsorisation and transforms are separate strategies.)
struct none {
  static constexpr const char* name() noexcept { return "none"; }
  void validate() const noexcept {}
};

using any = std::variant<none>;

inline std::string name_of(const any& t) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, t);
}

} // namespace govmetrics::treat
