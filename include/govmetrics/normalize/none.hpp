// govmetrics: normalise `none` (values pass through, direction still applied).
#pragma once

#include "govmetrics/normalize/detail.hpp"

#include <string>
#include <utility>
#include <vector>

namespace govmetrics::normalize {

/// y = x (after the direction sign: a negative indicator becomes -x, as in COINr).
struct none {
  static constexpr const char* name() noexcept { return "none"; }
  struct params {};
  void validate() const noexcept {}
  params fit(const fit_input&) const noexcept { return {}; }
  double apply(const params&, double x) const noexcept { return x; }
  std::vector<std::pair<std::string, double>> describe(const params&) const { return {}; }
};

static_assert(is_normalizer_v<none>, "normalize::none must model the normaliser concept");

} // namespace govmetrics::normalize
