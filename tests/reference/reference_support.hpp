// Helpers shared by the reference tests: running a methodology file on shared data, subsets of
// units, tolerance checks and the "tied within rounding" rule for published ranks.
#pragma once

#include "shared_data.hpp"

#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/csv.hpp>
#include <govmetrics/io/methodology.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#ifndef GOVMETRICS_SOURCE_DIR
#error "GOVMETRICS_SOURCE_DIR must be defined (the project source folder)"
#endif

namespace govmetrics_test {

/// `rel` resolved against the project source folder.
inline std::string source_path(const std::string& rel) {
  return std::string(GOVMETRICS_SOURCE_DIR) + "/" + rel;
}

/// Published numbers carry a few decimals; a difference that is exactly the decimal bound (e.g.
/// 0.6645 - 0.665 = -5e-4) comes out a few ulps above it in binary. This slack, far below every
/// printed digit, absorbs that and nothing else.
inline constexpr double binary_slack = 1e-12;

/// Relative closeness as the COINr reference README means it: |a - b| <= rel * max(1, |b|), with
/// `b` the reference value (so it is an absolute tolerance of `rel` for |b| <= 1). Two NaNs (both
/// missing) are close; a NaN and a number are not.
inline bool close_rel(double a, double b, double rel) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b));
}

/// A methodology file of this project run on a data file, the way the govmetrics command does it:
/// read_methodology, read_csv with data_options(), then run.
struct method_run {
  govmetrics::io::methodology method;
  govmetrics::dataset data;
  govmetrics::result result;
};

inline method_run run_methodology(const std::string& methodology_path,
                                  const std::string& data_path) {
  method_run out;
  out.method = govmetrics::io::read_methodology(methodology_path);
  out.data = govmetrics::io::read_csv(data_path, out.method.data_options());
  out.result = govmetrics::run(out.method.tree(), out.data, out.method.spec);
  return out;
}

/// The units of `data` for which `keep(unit_index)` is true, in the same order, with all their
/// values.
template <class Keep>
govmetrics::dataset keep_units(const govmetrics::dataset& data, Keep keep) {
  std::vector<std::size_t> rows;
  for (std::size_t u = 0; u < data.n_units(); ++u) {
    if (keep(u))
      rows.push_back(u);
  }
  std::vector<std::string> units;
  units.reserve(rows.size());
  for (std::size_t u : rows)
    units.push_back(data.units()[u]);
  std::vector<double> values;
  values.reserve(rows.size() * data.n_indicators());
  for (std::size_t j = 0; j < data.n_indicators(); ++j) {
    for (std::size_t u : rows)
      values.push_back(data.at(u, j));
  }
  return govmetrics::dataset(std::move(units), data.indicators(), std::move(values));
}

/// The outcome of comparing computed ranks with published ranks.
struct rank_comparison {
  std::size_t eligible = 0;   ///< units the publisher ranked and we compare against
  std::size_t compared = 0;   ///< of those, not tied within rounding: rank asserted equal
  std::size_t mismatches = 0; ///< compared units whose rank differs
  std::vector<std::string> tied_units;
};

/// "Tied within rounding": sort the units by published score, best first; a unit is tied when it
/// and a neighbour in that order have equal published scores, or when our scores of the two differ
/// by less than 2 * `tolerance` (each of our scores may sit up to `tolerance` from the published
/// one, so such a pair may be ordered either way without any error on our side). Every other unit
/// must have exactly its published rank. `ours`, `our_rank`, `published` and `published_rank` are
/// indexed alike; `units` names them in messages.
inline rank_comparison compare_ranks(const std::vector<std::string>& units,
                                     const std::vector<double>& ours,
                                     const std::vector<double>& our_rank,
                                     const std::vector<double>& published,
                                     const std::vector<double>& published_rank, double tolerance) {
  const std::size_t n = units.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return published[a] > published[b] ||
           (published[a] == published[b] && published_rank[a] < published_rank[b]);
  });
  std::vector<bool> tied(n, false);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    const std::size_t a = order[k];
    const std::size_t b = order[k + 1];
    if (published[a] == published[b] || std::fabs(ours[a] - ours[b]) < 2.0 * tolerance) {
      tied[a] = true;
      tied[b] = true;
    }
  }
  rank_comparison out;
  out.eligible = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (tied[i]) {
      out.tied_units.push_back(units[i]);
      continue;
    }
    ++out.compared;
    INFO("unit '" << units[i] << "': our score " << ours[i] << ", published " << published[i]);
    CHECK(our_rank[i] == published_rank[i]);
    if (our_rank[i] != published_rank[i])
      ++out.mismatches;
  }
  return out;
}

/// Joins names for messages.
inline std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names)
    s += (s.empty() ? "" : ", ") + n;
  return s;
}

} // namespace govmetrics_test
