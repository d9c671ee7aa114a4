// govmetrics: the mergeable state of an uncertainty run and the statistics read from it. A state
// holds exact rank histograms (integers), per block of replications the compensated sums of
// scores, each replication's mean absolute rank shift and, when asked for, every replication's
// scores, ranks and sampled inputs; merging the states of any split into threads or shards gives
// the same bits as one run, because every statistic reads the blocks in block order.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/rank/rank.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::uncertainty {

/// The mergeable state of (a part of) an uncertainty run.
struct state {
  /// What analysis this is (the front ends store a digest of the methodology and the data); two
  /// states merge only when it agrees.
  std::string identity;
  std::uint64_t seed = 0;
  std::size_t runs = 0;
  std::size_t block_size = 0;
  std::vector<std::string> units;
  std::vector<std::string> nodes; ///< tracked aggregate nodes
  rank::ties ties = rank::ties::min;
  std::vector<double> nominal_rank;  ///< [node][unit]: the nominal run's rank (NaN: unranked)
  std::vector<double> nominal_score; ///< [node][unit]: the nominal run's score (NaN: missing)
  bool keep_scores = false;          ///< blocks keep every replication's scores (score quantiles)
  bool pairwise = false;             ///< `above` is counted
  bool record = false;               ///< blocks keep every replication's ranks and sampled inputs
  /// The audit trail's columns (when `record`): one per sampled value, and per column the labels
  /// of its values (alternatives, exclusions; empty for numbers).
  std::vector<std::string> draw_columns;
  std::vector<std::vector<std::string>> draw_labels;
  /// [node][unit][bin]: bin b < 2n - 1 counts rank 1 + b / 2 (ranks are integers, or halves under
  /// ties "average"); bin 2n - 1 counts replications where the unit had no rank.
  std::vector<std::uint64_t> rank_counts;
  /// [node][i][j] when `pairwise`: replications in which unit i ranked strictly above unit j.
  std::vector<std::uint64_t> above;
  struct block {
    std::size_t failed = 0;
    std::vector<std::size_t> failed_at; ///< the replications (absolute indices) that failed
    std::vector<double> score_sum;      ///< [node][unit], of score - origin, over the ranked ones
    std::vector<double> score_sum2;     ///< [node][unit], of (score - origin)^2
    std::vector<double> shift;          ///< per replication: mean |rank - nominal| at nodes[0]; NaN
                                        ///< when it failed
    std::vector<double> scores;         ///< keep_scores: [replication][node][unit], NaN: unranked
    std::vector<double> ranks;          ///< recorded: [replication][node][unit]
    std::vector<double> draws;          ///< recorded: [replication][draw column]
  };
  std::map<std::size_t, block> blocks;         ///< by block index
  std::map<std::string, std::size_t> failures; ///< replications failed, per reason

  std::size_t n_units() const noexcept { return units.size(); }
  std::size_t n_bins() const noexcept { return 2 * units.size(); }
  std::size_t n_blocks() const noexcept {
    return block_size == 0 ? 0 : (runs + block_size - 1) / block_size;
  }
  bool complete() const noexcept { return blocks.size() == n_blocks(); }
  std::uint64_t count(std::size_t node, std::size_t unit, std::size_t bin) const noexcept {
    return rank_counts[(node * n_units() + unit) * n_bins() + bin];
  }
  /// What the score sums are taken from: the nominal score (0 where it is missing), so that the
  /// sd keeps its precision when it is small against the mean.
  double origin(std::size_t node, std::size_t unit) const noexcept {
    const double x = nominal_score[node * n_units() + unit];
    return std::isnan(x) ? 0.0 : x;
  }

  /// Adds `other` (a state of the same analysis) to this one; a block present in both, or a
  /// state of another analysis, is a spec_error.
  void merge(const state& other) {
    const auto same_bits = [](const std::vector<double>& a, const std::vector<double>& b) {
      return a.size() == b.size() &&
             (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
    };
    if (other.identity != identity || other.seed != seed || other.runs != runs ||
        other.block_size != block_size || other.units != units || other.nodes != nodes ||
        other.ties != ties || !same_bits(other.nominal_rank, nominal_rank) ||
        !same_bits(other.nominal_score, nominal_score) || other.keep_scores != keep_scores ||
        other.pairwise != pairwise || other.record != record ||
        other.draw_columns != draw_columns || other.draw_labels != draw_labels) {
      GOVMETRICS_THROW(spec_error(
          "uncertainty: cannot merge the states of two different analyses (methodology, data, "
          "seed, runs, block size, tracked nodes and recorded outputs must agree)"));
    }
    for (const auto& [index, b] : other.blocks) {
      if (blocks.count(index) != 0) {
        GOVMETRICS_THROW(spec_error("uncertainty: block " + std::to_string(index + 1) + " of " +
                                    std::to_string(n_blocks()) +
                                    " is in both states (a shard merged twice?)"));
      }
    }
    for (const auto& [index, b] : other.blocks)
      blocks.emplace(index, b);
    for (std::size_t i = 0; i < rank_counts.size(); ++i)
      rank_counts[i] += other.rank_counts[i];
    for (std::size_t i = 0; i < above.size(); ++i)
      above[i] += other.above[i];
    for (const auto& [reason, n] : other.failures)
      failures[reason] += n;
  }
};

/// Rank and score statistics of one unit at one node. Quantiles are R's type 7 (as COINr reports
/// them), of ranks from the exact rank histogram, of scores from every replication's score (NaN
/// unless the state kept them); sd divides by n - 1.
struct unit_statistics {
  std::string unit;
  std::string node;
  double nominal = 0.0; ///< rank in the nominal run (NaN when unranked)
  double mean = 0.0;
  double median = 0.0;
  double q05 = 0.0;
  double q95 = 0.0;
  double sd = 0.0;
  std::size_t ranked = 0; ///< replications in which the unit had a rank
  double score_nominal = 0.0;
  double score_mean = 0.0;
  double score_sd = 0.0;
  double score_median = std::numeric_limits<double>::quiet_NaN();
  double score_q05 = std::numeric_limits<double>::quiet_NaN();
  double score_q95 = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {

/// R's quantile type 7 of the values a histogram counts: `value(bin)` of each bin, `total` values.
template <class Count, class Value>
double histogram_quantile(Count&& count, std::size_t bins, Value&& value, std::uint64_t total,
                          double p) {
  if (total == 0)
    return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(total - 1) * p;
  const auto lo = static_cast<std::uint64_t>(std::floor(h));
  const std::uint64_t hi = std::min<std::uint64_t>(lo + 1, total - 1);
  // the lo-th and hi-th order statistics (0-based)
  double x_lo = 0.0;
  double x_hi = 0.0;
  std::uint64_t seen = 0;
  bool have_lo = false;
  for (std::size_t b = 0; b < bins; ++b) {
    const std::uint64_t c = count(b);
    if (c == 0)
      continue;
    if (!have_lo && lo < seen + c) {
      x_lo = value(b);
      have_lo = true;
    }
    if (hi < seen + c) {
      x_hi = value(b);
      break;
    }
    seen += c;
  }
  return x_lo + (h - static_cast<double>(lo)) * (x_hi - x_lo);
}

/// spec_error unless every block of the run is in `s` (statistics of a shard alone would be
/// wrong).
inline void require_complete(const state& s) {
  if (!s.complete()) {
    GOVMETRICS_THROW(spec_error("uncertainty: the state holds " + std::to_string(s.blocks.size()) +
                                " of " + std::to_string(s.n_blocks()) +
                                " blocks; merge the states of the other shards first"));
  }
}

/// R's quantile type 7 of a sorted vector.
inline double sorted_quantile(const std::vector<double>& x, double p) {
  if (x.empty())
    return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(x.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

} // namespace detail

/// The statistics of a complete state (every block present), per tracked node then unit.
inline std::vector<unit_statistics> rank_statistics(const state& s) {
  detail::require_complete(s);
  const std::size_t n = s.n_units();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<unit_statistics> out;
  out.reserve(s.nodes.size() * n);
  std::vector<double> scores;
  for (std::size_t k = 0; k < s.nodes.size(); ++k) {
    for (std::size_t u = 0; u < n; ++u) {
      unit_statistics st;
      st.unit = s.units[u];
      st.node = s.nodes[k];
      st.nominal = s.nominal_rank[k * n + u];
      st.score_nominal = s.nominal_score[k * n + u];
      const auto count = [&](std::size_t b) { return s.count(k, u, b); };
      const auto value = [](std::size_t b) { return 1.0 + 0.5 * static_cast<double>(b); };
      const std::size_t bins = s.n_bins() - 1; // without the "no rank" bin
      std::uint64_t total = 0;
      govmetrics::detail::neumaier_sum sum;
      for (std::size_t b = 0; b < bins; ++b) {
        total += count(b);
        sum.add(static_cast<double>(count(b)) * value(b));
      }
      st.ranked = static_cast<std::size_t>(total);
      st.mean = total == 0 ? nan : sum.value() / static_cast<double>(total);
      govmetrics::detail::neumaier_sum dev;
      for (std::size_t b = 0; b < bins; ++b) {
        const double d = value(b) - st.mean;
        dev.add(static_cast<double>(count(b)) * d * d);
      }
      st.sd = total < 2 ? nan : std::sqrt(dev.value() / static_cast<double>(total - 1));
      st.median = detail::histogram_quantile(count, bins, value, total, 0.5);
      st.q05 = detail::histogram_quantile(count, bins, value, total, 0.05);
      st.q95 = detail::histogram_quantile(count, bins, value, total, 0.95);
      // scores: the block sums in block order
      govmetrics::detail::neumaier_sum s1;
      govmetrics::detail::neumaier_sum s2;
      for (const auto& [index, b] : s.blocks) {
        s1.add(b.score_sum[k * n + u]);
        s2.add(b.score_sum2[k * n + u]);
      }
      const double dn = static_cast<double>(total);
      const double shift = total == 0 ? nan : s1.value() / dn; // mean of score - origin
      st.score_mean = s.origin(k, u) + shift;
      st.score_sd = total < 2 ? nan
                              : std::sqrt(std::max(0.0, (s2.value() - s1.value() * shift) /
                                                            static_cast<double>(total - 1)));
      if (s.keep_scores) {
        scores.clear();
        const std::size_t stride = s.nodes.size() * n;
        for (const auto& [index, b] : s.blocks) {
          for (std::size_t r = k * n + u; r < b.scores.size(); r += stride) {
            if (!std::isnan(b.scores[r]))
              scores.push_back(b.scores[r]);
          }
        }
        std::sort(scores.begin(), scores.end());
        st.score_median = detail::sorted_quantile(scores, 0.5);
        st.score_q05 = detail::sorted_quantile(scores, 0.05);
        st.score_q95 = detail::sorted_quantile(scores, 0.95);
      }
      out.push_back(std::move(st));
    }
  }
  return out;
}

/// P(rank = r) for unit `u` at tracked node `k`, over every replication (failed ones count in the
/// denominator as "no rank"): one entry per histogram bin with a count, as (rank, probability).
inline std::vector<std::pair<double, double>> acceptability(const state& s, std::size_t k,
                                                            std::size_t u) {
  detail::require_complete(s);
  std::vector<std::pair<double, double>> out;
  const double runs = static_cast<double>(s.runs);
  for (std::size_t b = 0; b + 1 < s.n_bins(); ++b) {
    const std::uint64_t c = s.count(k, u, b);
    if (c > 0)
      out.emplace_back(1.0 + 0.5 * static_cast<double>(b), static_cast<double>(c) / runs);
  }
  return out;
}

/// P(rank <= r) for unit `u` at tracked node `k`, over every replication.
inline double rank_at_most(const state& s, std::size_t k, std::size_t u, double r) {
  double p = 0.0;
  for (const auto& [rank, q] : acceptability(s, k, u))
    p += rank <= r ? q : 0.0;
  return p;
}

/// P(unit i ranks strictly above unit j) at tracked node `k`, over every replication; spec_error
/// unless the state counted pairs.
inline double above(const state& s, std::size_t k, std::size_t i, std::size_t j) {
  detail::require_complete(s);
  if (!s.pairwise) {
    GOVMETRICS_THROW(spec_error("uncertainty: pairwise probabilities were not counted (ask for "
                                "them: options::pairwise, --pairwise-out, pairwise=True)"));
  }
  const std::size_t n = s.n_units();
  return static_cast<double>(s.above[(k * n + i) * n + j]) / static_cast<double>(s.runs);
}

/// Every replication's mean absolute rank shift from the nominal ranks at the first tracked node,
/// in replication order (NaN for a failed replication): COINr's scalar output.
inline std::vector<double> rank_shifts(const state& s) {
  std::vector<double> out;
  out.reserve(s.runs);
  for (const auto& [index, b] : s.blocks)
    out.insert(out.end(), b.shift.begin(), b.shift.end());
  return out;
}

} // namespace govmetrics::uncertainty
