// govmetrics: imputation `none` (missing cells stay missing).
#pragma once

#include "govmetrics/impute/details.hpp"

#include <cmath>
#include <string>

namespace govmetrics::impute {

/// No imputation (the default): missing cells stay NaN and aggregation deals with them (see
/// missing::skip). The pipelines skip `none` entirely.
struct none {
  static constexpr const char* name() noexcept { return "none"; }
  void validate() const noexcept {}
  details apply(const column_ref& col) const {
    details d;
    d.method = name();
    d.indicator = std::string(col.code);
    for (std::size_t i = 0; i < col.size; ++i)
      d.missing += std::isnan(col.data[i]) ? 1U : 0U;
    d.left_missing = d.missing;
    return d;
  }
};

static_assert(is_imputer_v<none>, "impute::none must model the imputer concept");

} // namespace govmetrics::impute
