// govmetrics: a unit's strengths and weaknesses: its best and worst indicators by its rank in each
// (COINr's get_str_weak), with the raw values, names and units of measurement.
#pragma once

#include "govmetrics/audit/data_sets.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/explain/unit.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/rank/rank.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::explain {

/// Where a unit stands in one indicator.
struct standing {
  std::string code;
  std::string name;
  std::string parent;
  double rank = std::numeric_limits<double>::quiet_NaN();  ///< among the units, 1 = best
  double value = std::numeric_limits<double>::quiet_NaN(); ///< the raw value, as given
  std::string unit;                                        ///< the indicator's unit of measurement
};

/// A unit's best and worst indicators.
struct strengths_weaknesses {
  std::vector<standing> strengths;  ///< best first
  std::vector<standing> weaknesses; ///< worst first
};

/// The `k` indicators where unit `unit` (a position in r.units()) ranks best and the `k` where it
/// ranks worst, by its rank among the units in each indicator as the pipeline holds it
/// (normalised, direction applied: rank 1 is the best value whatever the direction), with the
/// result's ties policy; ties between indicators broken by the methodology's indicator order.
/// Indicators where the unit has no value are left out. `raw` (audit::raw_columns) gives the
/// values as given. Unlike COINr's get_str_weak, no `min_discard`: a unit ranked last everywhere
/// still has weaknesses. `indicator_ranks`, when given, holds every indicator's ranks (in
/// framework indicator order, each with a value per unit) as rank::rank_into gives them from the
/// result's scores and ties: a caller explaining many units ranks once (the HTML report).
inline strengths_weaknesses
strengths(const result& r, const audit::named_columns& raw, std::size_t unit, std::size_t k = 5,
          const std::vector<std::vector<double>>* indicator_ranks = nullptr) {
  const framework& fw = r.tree();
  detail::check_unit(r, unit, "explain");
  std::vector<standing> all;
  rank::workspace ws;
  std::vector<double> ranks(r.n_units());
  const auto& inds = fw.indicators();
  for (std::size_t s = 0; s < inds.size(); ++s) {
    const std::size_t i = inds[s];
    column_view rk = r.rank(i);
    if (indicator_ranks != nullptr && rk.size() != r.n_units()) {
      const std::vector<double>& given = (*indicator_ranks).at(s);
      if (given.size() != r.n_units())
        GOVMETRICS_THROW(data_error("explain: indicator_ranks[" + std::to_string(s) + "] has " +
                                    std::to_string(given.size()) + " values for " +
                                    std::to_string(r.n_units()) + " units"));
      rk = column_view{given.data(), given.size()};
    } else if (rk.size() != r.n_units()) { // indicators not ranked by the run: rank them here
      rank::rank_into(r.score(i), r.ties(), ranks.data(), ws);
      rk = column_view{ranks.data(), ranks.size()};
    }
    if (std::isnan(rk[unit]))
      continue;
    standing st;
    st.code = fw[i].code;
    st.name = fw[i].name;
    st.parent = fw[fw.parent(i)].code;
    st.rank = rk[unit];
    st.value =
        s < raw.columns.size() ? raw.columns[s][unit] : std::numeric_limits<double>::quiet_NaN();
    st.unit = fw[i].unit;
    all.push_back(std::move(st));
  }
  strengths_weaknesses out;
  std::vector<standing> best = all;
  std::stable_sort(best.begin(), best.end(),
                   [](const standing& a, const standing& b) { return a.rank < b.rank; });
  best.resize(std::min(k, best.size()));
  out.strengths = std::move(best);
  std::vector<standing> worst = all;
  std::stable_sort(worst.begin(), worst.end(),
                   [](const standing& a, const standing& b) { return a.rank > b.rank; });
  worst.resize(std::min(k, worst.size()));
  out.weaknesses = std::move(worst);
  return out;
}

} // namespace govmetrics::explain
