// govmetrics: the run-time choice of outlier treatment (a closed variant of the built-ins).
#pragma once

#include "govmetrics/treat/none.hpp"
#include "govmetrics/treat/transform.hpp"
#include "govmetrics/treat/winsorise.hpp"

#include <string>
#include <variant>

namespace govmetrics::treat {

using any = std::variant<none, winsorise, log, log1p, box_cox>;

inline std::string name_of(const any& t) {
  return std::visit([](const auto& s) { return std::string(s.name()); }, t);
}

} // namespace govmetrics::treat
