// govmetrics: the record of a fitted normalisation (kept in results for audit).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// Method name and every fitted parameter by name, e.g. {"min_max", {{"min", 2}, {"max", 9}}}.
struct fitted {
  std::string indicator;
  std::string method;
  std::vector<std::pair<std::string, double>> values;
};

} // namespace govmetrics::normalize
