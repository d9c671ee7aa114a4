// govmetrics: how likely a target's new values reach the rank under the uncertainty inputs: the
// uncertainty analysis (uncertainty/engine.hpp) run on the data with the unit's values changed,
// and on the data as they are. Definitions: docs/explain.md.
#pragma once

#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/explain/target.hpp"
#include "govmetrics/uncertainty/engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::explain {

/// P(rank at the target's node <= its rank goal) over the replications of an uncertainty analysis.
struct target_probability {
  double before = std::numeric_limits<double>::quiet_NaN(); ///< on the data as they are
  double after = std::numeric_limits<double>::quiet_NaN();  ///< with the target's changes
  std::size_t runs = 0;
};

namespace detail {

/// Replications of `s` in which unit `u` ranked k or better at tracked node 0 (unranked ones
/// count as not), over all replications.
inline double share_at_or_above(const uncertainty::state& s, std::size_t u, std::size_t k) {
  std::uint64_t hits = 0;
  for (std::size_t bin = 0; bin + 1 < s.n_bins(); ++bin) {
    if (1.0 + static_cast<double>(bin) / 2.0 <= static_cast<double>(k))
      hits += s.count(0, u, bin);
  }
  return static_cast<double>(hits) / static_cast<double>(s.runs);
}

} // namespace detail

/// A data value a target changes: the unit's value in `column` of the data becomes `value`.
struct raw_change {
  std::string column;
  double value = 0.0;
};

/// The data values that give unit `unit` the target's new values `changes`: for each changed
/// indicator of `fw`, its `to` value times the unit's denominator (for an indicator that has one,
/// so that the denominated value is `to`), in its data column. `value_of(column)` reads the
/// unit's value in a data column. spec_error when the treatment changed the unit's value (the
/// raw value per denominator is not the target's `from`): the new value has no raw equivalent.
/// Used by probability_of_target and by Python's Target.probability.
template <class ValueOf>
std::vector<raw_change> raw_changes(const framework& fw, const std::vector<target_change>& changes,
                                    const std::string& unit, ValueOf&& value_of) {
  std::vector<raw_change> out;
  for (const target_change& c : changes) {
    const node& nd = fw[fw.index_of(c.code)];
    const double denominator = nd.denominator.empty() ? 1.0 : value_of(nd.denominator);
    const double raw = value_of(nd.column);
    // the target's values are those the normaliser receives: the raw value (per denominator)
    // unless the treatment changed it (winsorised, log-transformed): then there is no raw value
    // that gives the new one
    if (!(std::abs(raw / denominator - c.from) <= 1e-12 * std::max(1.0, std::abs(c.from)))) {
      GOVMETRICS_THROW(spec_error(
          "target: indicator '" + c.code + "' of unit '" + unit +
          "' was changed by the treatment (raw " + govmetrics::detail::format_number(raw) +
          (nd.denominator.empty() ? std::string() : " per '" + nd.denominator + "'") +
          ", treated " + govmetrics::detail::format_number(c.from) +
          "): its target value has no raw equivalent, so the uncertainty analysis cannot be run "
          "on the new values"));
    }
    out.push_back({nd.column, c.to * denominator});
  }
  return out;
}

/// The uncertainty analysis `uncertain` of methodology (`fw`, `base`) run twice with the target's
/// node tracked: on `data` (the raw data the target was computed from) and on a copy in which unit
/// `t.unit`'s values of the changed indicators are the target's `to` values (times the unit's
/// denominator for an indicator that has one, so that the denominated value is `to`). Each run
/// re-prepares the data (treatment and normalisation fitted again, as every replication of an
/// uncertainty analysis does): the probability is that of the whole methodology, not of the
/// target's fixed parameters. spec_error when the target is a score (no rank goal) or was
/// unreachable. Same seed and runs for both: the difference is the changes' (common random
/// numbers).
inline target_probability probability_of_target(std::shared_ptr<const framework> fw,
                                                const dataset& data, const pipeline_spec& base,
                                                const uncertainty::spec& uncertain,
                                                const target_result& t, std::size_t threads = 0) {
  if (t.rank_goal == 0)
    GOVMETRICS_THROW(spec_error("target: a probability needs a rank goal (not a score)"));
  if (!t.reachable)
    GOVMETRICS_THROW(spec_error("target: the target is unreachable; there are no new values to "
                                "try under uncertainty"));
  const std::size_t u = data.unit_index(t.unit);
  auto changed = std::make_shared<dataset>(data);
  for (const raw_change& c : raw_changes(*fw, t.changes, t.unit, [&](const std::string& column) {
         return data.at(u, data.indicator_index(column));
       }))
    changed->at(u, data.indicator_index(c.column)) = c.value;
  uncertainty::options opt;
  opt.threads = threads;
  opt.nodes = {t.node};
  target_probability out;
  out.runs = uncertain.runs;
  const uncertainty::analysis as_is(fw, std::make_shared<const dataset>(data), base, uncertain,
                                    opt);
  out.before = detail::share_at_or_above(as_is.run(), u, t.rank_goal);
  const uncertainty::analysis with_changes(std::move(fw), changed, base, uncertain, opt);
  out.after = detail::share_at_or_above(with_changes.run(), u, t.rank_goal);
  return out;
}

} // namespace govmetrics::explain
