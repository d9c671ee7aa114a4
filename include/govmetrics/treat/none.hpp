// govmetrics: outlier treatment `none` (the data pass unchanged).
#pragma once

#include "govmetrics/treat/details.hpp"

namespace govmetrics::treat {

/// No outlier treatment. (Winsorisation and transforms are separate strategies; the pipelines skip
/// `none` entirely, so it costs nothing.)
struct none {
  static constexpr const char* name() noexcept { return "none"; }
  void validate() const noexcept {}
  details apply(const column_ref& col) const {
    details d;
    d.method = name();
    d.indicator = std::string(col.code);
    return d;
  }
};

static_assert(is_treatment_v<none>, "treat::none must model the treatment concept");

} // namespace govmetrics::treat
