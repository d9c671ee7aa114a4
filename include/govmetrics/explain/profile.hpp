// govmetrics: a unit's profile: its score and rank at every node against the median and the best.
#pragma once

#include "govmetrics/error.hpp"
#include "govmetrics/explain/unit.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::explain {

/// One node of a unit's profile.
struct profile_row {
  std::string node;
  double score = std::numeric_limits<double>::quiet_NaN();
  double rank = std::numeric_limits<double>::quiet_NaN();   ///< NaN when the node was not ranked
  double median = std::numeric_limits<double>::quiet_NaN(); ///< over the units with a score
  double best = std::numeric_limits<double>::quiet_NaN();   ///< the highest score
  std::size_t n_units = 0;                                  ///< units with a score
};

/// The profile of unit `unit` (a position in r.units()) at every node, framework order. Scores
/// as the pipeline holds them (indicators normalised, direction applied: higher is better).
inline std::vector<profile_row> profile(const result& r, std::size_t unit) {
  const framework& fw = r.tree();
  detail::check_unit(r, unit, "explain");
  std::vector<profile_row> out;
  std::vector<double> v;
  for (std::size_t i = 0; i < fw.size(); ++i) {
    profile_row p;
    p.node = fw[i].code;
    const column_view s = r.score(i);
    p.score = s[unit];
    const column_view rk = r.rank(i);
    p.rank = rk.size() == r.n_units() ? rk[unit] : std::numeric_limits<double>::quiet_NaN();
    v.clear();
    for (double x : s) {
      if (!std::isnan(x))
        v.push_back(x);
    }
    p.n_units = v.size();
    if (!v.empty()) {
      std::sort(v.begin(), v.end());
      const std::size_t mid = v.size() / 2;
      p.median = v.size() % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
      p.best = v.back();
    }
    out.push_back(p);
  }
  return out;
}

} // namespace govmetrics::explain
