// govmetrics: the Monte Carlo engine of uncertainty analysis. Replication r draws every uncertain
// choice from stream(seed, r); preparation (treatment, imputation, normalisation) runs once per
// distinct combination of preparation-level choices and is cached, so a replication only
// evaluates. Replications are done in fixed blocks; the state of a run is mergeable, and merging
// the states of any split into threads or shards gives the same bits as one run.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/pipeline/run.hpp"
#include "govmetrics/uncertainty/random.hpp"
#include "govmetrics/uncertainty/spec.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics::uncertainty {

/// How a run is carried out (none of these changes a result).
struct options {
  std::size_t threads = 0;        ///< worker threads; 0: every core
  std::size_t block_size = 256;   ///< replications per block (part of the state's identity)
  std::vector<std::string> nodes; ///< aggregate nodes whose ranks are tracked; empty: the root
};

/// The mergeable state of (a part of) an uncertainty run: rank histograms (exact, integers) and,
/// per block of replications, the compensated sums of scores and each replication's mean absolute
/// rank shift. merge() adds histograms and takes the union of blocks; the statistics read blocks in
/// block order, so any split gives the same bits.
struct state {
  std::uint64_t seed = 0;
  std::size_t runs = 0;
  std::size_t block_size = 0;
  std::vector<std::string> units;
  std::vector<std::string> nodes; ///< tracked aggregate nodes
  rank::ties ties = rank::ties::min;
  /// [node][unit][bin]: bin b < 2n - 1 counts rank 1 + b / 2 (ranks are integers, or halves under
  /// ties "average"); bin 2n - 1 counts replications where the unit had no rank.
  std::vector<std::uint64_t> rank_counts;
  /// [node][unit]: the nominal score (0 where it is missing). The block sums are of the scores
  /// minus this origin, so the sd keeps its precision when it is small against the mean.
  std::vector<double> score_origin;
  struct block {
    std::size_t failed = 0;
    std::vector<double> score_sum;  ///< [node][unit], of score - origin, over the ranked ones
    std::vector<double> score_sum2; ///< [node][unit], of (score - origin)^2
    std::vector<double> shift;      ///< per replication: mean |rank - nominal| at nodes[0]; NaN
                                    ///< when it failed
  };
  std::map<std::size_t, block> blocks;         ///< by block index
  std::map<std::string, std::size_t> failures; ///< replications failed, per reason

  std::size_t n_units() const noexcept { return units.size(); }
  std::size_t n_bins() const noexcept { return 2 * units.size(); }
  std::size_t n_blocks() const noexcept {
    return block_size == 0 ? 0 : (runs + block_size - 1) / block_size;
  }
  std::uint64_t count(std::size_t node, std::size_t unit, std::size_t bin) const noexcept {
    return rank_counts[(node * n_units() + unit) * n_bins() + bin];
  }

  /// Adds `other` (a state of the same analysis: seed, runs, block size, units and nodes) to this
  /// one; a block present in both is a spec_error.
  void merge(const state& other) {
    if (other.seed != seed || other.runs != runs || other.block_size != block_size ||
        other.units != units || other.nodes != nodes || other.ties != ties ||
        other.score_origin != score_origin) {
      GOVMETRICS_THROW(spec_error("uncertainty: cannot merge the states of two different analyses "
                                  "(seed, runs, block size, units, nodes and ties must agree)"));
    }
    for (const auto& [index, b] : other.blocks) {
      if (blocks.count(index) != 0) {
        GOVMETRICS_THROW(spec_error("uncertainty: block " + std::to_string(index) +
                                    " is in both states (a shard merged twice?)"));
      }
    }
    for (const auto& [index, b] : other.blocks)
      blocks.emplace(index, b);
    for (std::size_t i = 0; i < rank_counts.size(); ++i)
      rank_counts[i] += other.rank_counts[i];
    for (const auto& [reason, n] : other.failures)
      failures[reason] += n;
  }
};

/// Rank and score statistics of one unit at one node. Quantiles are R's type 7 (as COINr reports
/// them), from the exact rank histogram; sd divides by n - 1.
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
  if (s.blocks.size() != s.n_blocks()) {
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

/// The statistics of a complete state (every block present), per tracked node then unit, with the
/// nominal ranks and scores of `nominal` (a result of the nominal run over the same units).
inline std::vector<unit_statistics> rank_statistics(const state& s, const result& nominal) {
  detail::require_complete(s);
  const std::size_t n = s.n_units();
  std::vector<unit_statistics> out;
  out.reserve(s.nodes.size() * n);
  for (std::size_t k = 0; k < s.nodes.size(); ++k) {
    const column_view nominal_rank = nominal.rank(s.nodes[k]);
    const column_view nominal_score = nominal.score(s.nodes[k]);
    for (std::size_t u = 0; u < n; ++u) {
      unit_statistics st;
      st.unit = s.units[u];
      st.node = s.nodes[k];
      st.nominal =
          nominal_rank.empty() ? std::numeric_limits<double>::quiet_NaN() : nominal_rank[u];
      st.score_nominal = nominal_score[u];
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
      const double nan = std::numeric_limits<double>::quiet_NaN();
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
      st.score_mean = s.score_origin[k * n + u] + shift;
      st.score_sd = total < 2 ? nan
                              : std::sqrt(std::max(0.0, (s2.value() - s1.value() * shift) /
                                                            static_cast<double>(total - 1)));
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

/// Every replication's mean absolute rank shift from the nominal ranks at the first tracked node,
/// in replication order (NaN for a failed replication): COINr's scalar output.
inline std::vector<double> rank_shifts(const state& s) {
  std::vector<double> out;
  out.reserve(s.runs);
  for (const auto& [index, b] : s.blocks)
    out.insert(out.end(), b.shift.begin(), b.shift.end());
  return out;
}

/// An uncertainty analysis of one methodology (framework + pipeline_spec) on one data set.
/// Thread-safe: run() may be called from several threads (each call has its own workers).
class analysis {
public:
  analysis(std::shared_ptr<const framework> fw, std::shared_ptr<const dataset> data,
           pipeline_spec base, spec uncertain, options opt = {})
      : fw_(std::move(fw)), data_(std::move(data)), base_(std::move(base)),
        spec_(std::move(uncertain)), opt_(std::move(opt)) {
    validate(spec_);
    govmetrics::validate(*fw_, base_);
    if (opt_.block_size == 0) {
      GOVMETRICS_THROW(spec_error("uncertainty: 'block_size' must be at least 1"));
    }
    resolve();
    // The nominal run ranks what the replications rank (every tracked node).
    pipeline_spec nominal = base_;
    nominal.ranks = scope_;
    nominal_ = std::make_shared<result>(govmetrics::run(*fw_, *data_, nominal));
    for (std::size_t i : tracked_) {
      for (double x : nominal_->score(i))
        origin_.push_back(std::isnan(x) ? 0.0 : x);
    }
  }

  const framework& tree() const noexcept { return *fw_; }
  const spec& uncertainty() const noexcept { return spec_; }
  /// The run with every input at its nominal value (the base methodology).
  const result& nominal() const noexcept { return *nominal_; }
  std::size_t n_blocks() const noexcept {
    return (spec_.runs + opt_.block_size - 1) / opt_.block_size;
  }

  /// Runs blocks [first, last) of the replications (all of them by default).
  state run(std::size_t first = 0, std::size_t last = npos) const {
    last = std::min(last, n_blocks());
    state st = empty_state();
    if (first >= last)
      return st;
    std::size_t threads = opt_.threads != 0 ? opt_.threads : std::thread::hardware_concurrency();
    threads = std::max<std::size_t>(1, std::min(threads, last - first));
    std::atomic<std::size_t> next{first};
    std::mutex merge_mutex;
    const auto work = [&] {
      worker w(*this);
      state part = empty_state();
      for (;;) {
        const std::size_t b = next.fetch_add(1);
        if (b >= last)
          break;
        part.blocks.emplace(b, w.run_block(b, part));
      }
      const std::lock_guard<std::mutex> lock(merge_mutex);
      st.merge(part);
    };
    if (threads == 1) {
      work();
    } else {
      std::vector<std::thread> pool;
      std::vector<std::exception_ptr> errors(threads);
      for (std::size_t t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
          try {
            work();
          } catch (...) {
            errors[t] = std::current_exception();
          }
        });
      }
      for (auto& th : pool)
        th.join();
      for (const auto& e : errors) {
        if (e)
          std::rethrow_exception(e);
      }
    }
    return st;
  }

  /// Runs the k-th (0-based) of `parts` equal shares of the blocks.
  state run_shard(std::size_t k, std::size_t parts) const {
    if (parts == 0 || k >= parts) {
      GOVMETRICS_THROW(spec_error("uncertainty: shard " + std::to_string(k + 1) + " of " +
                                  std::to_string(parts) + " does not exist"));
    }
    const std::size_t nb = n_blocks();
    return run(k * nb / parts, (k + 1) * nb / parts);
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Checks `s` and `opt` against `fw` without data (what a methodology file's validation can
  /// do): spec_error or unknown_code_error naming the input or node.
  static void check(const framework& fw, const spec& s, const pipeline_spec& base = {},
                    const options& opt = {}) {
    validate(s);
    (void)resolve_inputs(fw, s, base);
    (void)resolve_tracked(fw, opt);
  }

private:
  /// An input resolved against the framework.
  struct resolved_weights {
    const weights_input* in;
    std::vector<std::size_t> nodes; ///< aggregate nodes whose children are drawn
  };
  struct resolved_alternatives {
    const alternatives_input* in;
    std::vector<std::size_t> slots; ///< aggregate slots (aggregate, weights); empty: global
    std::vector<double> cumulative; ///< with probabilities
  };
  struct resolved_exclude {
    const exclude_input* in;
    std::vector<std::size_t> nodes;
  };
  using resolved = std::variant<resolved_weights, resolved_alternatives, resolved_exclude>;

  std::shared_ptr<const framework> fw_;
  std::shared_ptr<const dataset> data_;
  pipeline_spec base_;
  spec spec_;
  options opt_;
  std::vector<resolved> inputs_;
  std::vector<std::size_t> tracked_; ///< node indices
  evaluation_plan plan_;
  rank_scope scope_ = rank_scope::root;
  std::shared_ptr<result> nominal_;
  std::vector<double> origin_; ///< state::score_origin

  /// Prepared data per combination of preparation-level choices, built on first use.
  mutable std::mutex cache_mutex_;
  mutable std::map<std::vector<std::size_t>, std::shared_ptr<const prepared_data>> prepared_;
  mutable std::map<std::vector<std::size_t>, std::string> prepare_failed_;

  static std::size_t aggregate_node(const framework& fw, const std::string& code,
                                    const std::string& where) {
    const std::size_t i = fw.index_of(code);
    if (fw.is_indicator(i)) {
      GOVMETRICS_THROW(
          spec_error(where + ": '" + code + "' is an indicator, not an aggregate node"));
    }
    return i;
  }

  /// The inputs of `s` resolved against `fw` (node codes to positions); spec_error or
  /// unknown_code_error naming the input.
  static std::vector<resolved> resolve_inputs(const framework& fw, const spec& s,
                                              const pipeline_spec& base) {
    std::vector<resolved> out;
    const auto computed = [](const weights::any& w) { return weights::is_computed(w); };
    const auto base_scheme = [&](std::size_t nd) -> const weights::any& {
      const auto it = base.weights_overrides.find(fw[nd].code);
      return it == base.weights_overrides.end() ? base.weights : it->second;
    };
    // aggregate nodes whose weights some input may compute from the data
    std::vector<bool> may_compute(fw.size(), false);
    for (std::size_t nd : fw.aggregation_order())
      may_compute[nd] = computed(base_scheme(nd));
    for (std::size_t k = 0; k < s.inputs.size(); ++k) {
      const std::string where =
          "uncertainty: input " + std::to_string(k + 1) + " ('" + name_of(s.inputs[k]) + "')";
      const input& in = s.inputs[k];
      if (const auto* w = std::get_if<weights_input>(&in)) {
        resolved_weights r{w, {}};
        if (w->nodes.empty()) {
          r.nodes = fw.aggregation_order();
        } else {
          for (const auto& code : w->nodes)
            r.nodes.push_back(aggregate_node(fw, code, where));
        }
        out.emplace_back(std::move(r));
      } else if (const auto* a = std::get_if<alternatives_input>(&in)) {
        resolved_alternatives r{a, {}, {}};
        if (!a->nodes.empty() &&
            std::holds_alternative<std::vector<missing::any>>(a->alternatives)) {
          GOVMETRICS_THROW(spec_error(where + ": missing-value alternatives are global; 'nodes' "
                                              "does not apply"));
        }
        for (const auto& code : a->nodes) {
          const std::size_t i = fw.index_of(code);
          if (a->prepares() && !fw.is_indicator(i)) {
            GOVMETRICS_THROW(spec_error(where + ": '" + code + "' is not an indicator (" +
                                        a->kind() + " alternatives apply to indicators)"));
          }
          if (!a->prepares())
            r.slots.push_back(fw.aggregate_slot(aggregate_node(fw, code, where)));
        }
        if (const auto* ws = std::get_if<std::vector<weights::any>>(&a->alternatives)) {
          std::vector<std::size_t> targets;
          for (std::size_t slot : r.slots)
            targets.push_back(fw.aggregation_order()[slot]);
          if (r.slots.empty())
            targets = fw.aggregation_order();
          for (const auto& scheme : *ws) {
            for (std::size_t nd : targets) {
              may_compute[nd] = may_compute[nd] || computed(scheme);
              if (const auto* ahp = std::get_if<weights::ahp_method>(&scheme)) {
                std::vector<std::string> kids;
                for (std::size_t c : fw.children(nd))
                  kids.push_back(fw[c].code);
                (void)ahp->positions(fw[nd].code, kids); // spec_error when it does not fit
              }
            }
          }
        }
        double c = 0.0;
        for (double p : a->probabilities)
          r.cumulative.push_back(c += p);
        out.emplace_back(std::move(r));
      } else {
        const auto& e = std::get<exclude_input>(in);
        resolved_exclude r{&e, {}};
        for (const auto& code : e.nodes) {
          const std::size_t i = fw.index_of(code);
          if (i == fw.root()) {
            GOVMETRICS_THROW(spec_error(where + ": the root '" + code + "' cannot be excluded"));
          }
          r.nodes.push_back(i);
        }
        out.emplace_back(std::move(r));
      }
    }
    // An excluded node's weight is set to 0 among its siblings; a scheme computed from the data
    // would replace it, so exclusion needs explicit or equal weights at the parent.
    for (std::size_t k = 0; k < out.size(); ++k) {
      const auto* e = std::get_if<resolved_exclude>(&out[k]);
      if (e == nullptr)
        continue;
      for (std::size_t nd : e->nodes) {
        const std::size_t p = fw.parent(nd);
        if (may_compute[p]) {
          GOVMETRICS_THROW(spec_error(
              "uncertainty: input " + std::to_string(k + 1) + " ('" + e->in->name + "'): '" +
              fw[nd].code + "' cannot be excluded: the weights of its parent '" + fw[p].code +
              "' are computed from the data (a weighting scheme such as entropy or pca), which "
              "would give it a weight again; exclusion needs explicit or equal weights there"));
        }
      }
    }
    return out;
  }

  /// The tracked nodes of `opt` (the root when none are named).
  static std::vector<std::size_t> resolve_tracked(const framework& fw, const options& opt) {
    std::vector<std::size_t> out;
    if (opt.nodes.empty()) {
      out.push_back(fw.root());
    } else {
      for (const auto& code : opt.nodes)
        out.push_back(aggregate_node(fw, code, "uncertainty: tracked node"));
    }
    return out;
  }

  void resolve() {
    const framework& fw = *fw_;
    inputs_ = resolve_inputs(fw, spec_, base_);
    tracked_ = resolve_tracked(fw, opt_);
    scope_ = tracked_.size() == 1 && tracked_[0] == fw.root() ? rank_scope::root
                                                              : rank_scope::aggregates;
    pipeline_spec eval = base_;
    eval.ranks = scope_;
    plan_ = make_plan(fw, eval);
  }

  state empty_state() const {
    state s;
    s.seed = spec_.seed;
    s.runs = spec_.runs;
    s.block_size = opt_.block_size;
    s.units = data_->units();
    for (std::size_t i : tracked_)
      s.nodes.push_back((*fw_)[i].code);
    s.ties = base_.ties;
    s.rank_counts.assign(s.nodes.size() * s.n_units() * s.n_bins(), 0);
    s.score_origin = origin_;
    return s;
  }

  /// The pipeline_spec of a combination of preparation-level choices.
  pipeline_spec preparation_spec(const std::vector<std::size_t>& key) const {
    pipeline_spec s = base_;
    std::size_t j = 0;
    for (const auto& r : inputs_) {
      const auto* a = std::get_if<resolved_alternatives>(&r);
      if (a == nullptr || !a->in->prepares())
        continue;
      const std::size_t choice = key[j++];
      const auto& nodes = a->in->nodes;
      const auto apply = [&](auto& global, auto& overrides, const auto& alts) {
        if (nodes.empty()) {
          global = alts[choice];
          overrides.clear();
        } else {
          for (const auto& code : nodes)
            overrides[code] = alts[choice];
        }
      };
      if (const auto* n = std::get_if<std::vector<normalize::any>>(&a->in->alternatives))
        apply(s.normalize, s.normalize_overrides, *n);
      else if (const auto* t = std::get_if<std::vector<treat::any>>(&a->in->alternatives))
        apply(s.treat, s.treat_overrides, *t);
      else if (const auto* m = std::get_if<std::vector<impute::any>>(&a->in->alternatives))
        apply(s.impute, s.impute_overrides, *m);
    }
    s.ranks = scope_;
    return s;
  }

  /// The prepared data of a combination (cached), or nullptr with `why` when preparing fails.
  std::shared_ptr<const prepared_data> prepared(const std::vector<std::size_t>& key,
                                                std::string& why) const {
    {
      const std::lock_guard<std::mutex> lock(cache_mutex_);
      if (const auto it = prepared_.find(key); it != prepared_.end())
        return it->second;
      if (const auto it = prepare_failed_.find(key); it != prepare_failed_.end()) {
        why = it->second;
        return nullptr;
      }
    }
    // Prepared outside the lock; two threads may prepare the same combination, with the same
    // result, and the first stored is kept.
    std::shared_ptr<const prepared_data> p;
    try {
      p = govmetrics::prepare(fw_, *data_, preparation_spec(key));
    } catch (const govmetrics::error& e) {
      why = e.what();
      const std::lock_guard<std::mutex> lock(cache_mutex_);
      prepare_failed_.emplace(key, why);
      return nullptr;
    }
    const std::lock_guard<std::mutex> lock(cache_mutex_);
    return prepared_.emplace(key, std::move(p)).first->second;
  }

  /// One thread's scratch: the plan it edits, the evaluation workspace and result.
  class worker {
  public:
    explicit worker(const analysis& a) : a_(a), plan_(a.plan_) {}

    state::block run_block(std::size_t b, state& part) {
      const analysis& a = a_;
      const std::size_t n = a.data_->n_units();
      const std::size_t n_nodes = a.tracked_.size();
      state::block out;
      out.score_sum.assign(n_nodes * n, 0.0);
      out.score_sum2.assign(n_nodes * n, 0.0);
      std::vector<govmetrics::detail::neumaier_sum> s1(n_nodes * n);
      std::vector<govmetrics::detail::neumaier_sum> s2(n_nodes * n);
      const std::size_t begin = b * a.opt_.block_size;
      const std::size_t end = std::min(a.spec_.runs, begin + a.opt_.block_size);
      const column_view nominal = a.nominal_->rank(a.tracked_[0]);
      for (std::size_t r = begin; r < end; ++r) {
        std::string why;
        const result* res = replicate(r, why);
        if (res == nullptr) {
          ++out.failed;
          ++part.failures[why];
          out.shift.push_back(std::numeric_limits<double>::quiet_NaN());
          for (std::size_t k = 0; k < n_nodes; ++k) {
            for (std::size_t u = 0; u < n; ++u)
              ++part.rank_counts[(k * n + u) * part.n_bins() + part.n_bins() - 1];
          }
          continue;
        }
        govmetrics::detail::neumaier_sum shift;
        std::size_t shifted = 0;
        for (std::size_t k = 0; k < n_nodes; ++k) {
          const column_view rk = res->rank(a.tracked_[k]);
          const column_view sc = res->score(a.tracked_[k]);
          for (std::size_t u = 0; u < n; ++u) {
            const double rank = rk[u];
            std::size_t bin = part.n_bins() - 1;
            if (!std::isnan(rank)) {
              bin = static_cast<std::size_t>(std::lround(2.0 * (rank - 1.0)));
              const double d = sc[u] - part.score_origin[k * n + u];
              s1[k * n + u].add(d);
              s2[k * n + u].add(d * d);
              if (k == 0 && !std::isnan(nominal[u])) {
                shift.add(std::fabs(rank - nominal[u]));
                ++shifted;
              }
            }
            ++part.rank_counts[(k * n + u) * part.n_bins() + bin];
          }
        }
        out.shift.push_back(shifted == 0 ? std::numeric_limits<double>::quiet_NaN()
                                         : shift.value() / static_cast<double>(shifted));
      }
      for (std::size_t i = 0; i < n_nodes * n; ++i) {
        out.score_sum[i] = s1[i].value();
        out.score_sum2[i] = s2[i].value();
      }
      return out;
    }

  private:
    const analysis& a_;
    evaluation_plan plan_;
    evaluation_workspace ws_;
    result out_;
    std::vector<std::size_t> key_;
    std::vector<std::size_t> excluded_;

    /// Replication r: draws every input from stream(seed, r), in input order, then evaluates.
    /// Returns the result, or nullptr with `why` when the replication fails.
    const result* replicate(std::size_t r, std::string& why) {
      const analysis& a = a_;
      stream g(a.spec_.seed, r);
      plan_.weights = a.plan_.weights;
      plan_.aggregators = a.plan_.aggregators;
      plan_.schemes = a.plan_.schemes;
      plan_.missing = a.plan_.missing;
      key_.clear();
      for (const auto& in : a.inputs_) {
        if (const auto* w = std::get_if<resolved_weights>(&in)) {
          draw_weights(*w, g);
        } else if (const auto* alt = std::get_if<resolved_alternatives>(&in)) {
          const std::size_t choice = choose(*alt, g);
          if (alt->in->prepares()) {
            key_.push_back(choice);
          } else {
            apply_alternative(*alt, choice);
          }
        } else {
          const auto& e = std::get<resolved_exclude>(in);
          const std::size_t choice = g.below(e.nodes.size() + 1);
          if (choice > 0)
            excluded_.push_back(e.nodes[choice - 1]);
        }
      }
      // after every other input, so that no later weights input puts the node back
      for (std::size_t nd : excluded_)
        plan_.weights[nd] = 0.0;
      excluded_.clear();
      const auto data = a.prepared(key_, why);
      if (!data)
        return nullptr;
      try {
        evaluate(data, plan_, ws_, out_);
      } catch (const govmetrics::error& e) {
        why = e.what();
        return nullptr;
      }
      return &out_;
    }

    static std::size_t choose(const resolved_alternatives& alt, stream& g) {
      if (alt.cumulative.empty())
        return g.below(alt.in->size());
      const double u = g.uniform();
      for (std::size_t i = 0; i < alt.cumulative.size(); ++i) {
        if (u < alt.cumulative[i])
          return i;
      }
      // rounding left u above the last cumulative sum: the last alternative that can be drawn
      std::size_t last = alt.cumulative.size() - 1;
      while (last > 0 && alt.in->probabilities[last] == 0.0)
        --last;
      return last;
    }

    void draw_weights(const resolved_weights& w, stream& g) {
      const framework& fw = *a_.fw_;
      for (std::size_t nd : w.nodes) {
        // Dirichlet's total concentration applies to the current weights normalised among the
        // children (an earlier input may have left them on another scale).
        govmetrics::detail::neumaier_sum total;
        for (std::size_t c : fw.children(nd))
          total.add(plan_.weights[c]);
        for (std::size_t c : fw.children(nd)) {
          double& x = plan_.weights[c];
          switch (w.in->distribution) {
          case weight_distribution::uniform:
            x *= 1.0 - w.in->spread + 2.0 * w.in->spread * g.uniform();
            break;
          case weight_distribution::dirichlet:
            x = x > 0.0 ? g.gamma(w.in->concentration * (x / total.value())) : 0.0;
            break;
          case weight_distribution::simplex: // a child weighted 0 stays out
            x = x > 0.0 ? g.gamma(1.0) : 0.0;
            break;
          }
        }
      }
    }

    void apply_alternative(const resolved_alternatives& alt, std::size_t choice) {
      const framework& fw = *a_.fw_;
      const std::size_t n_slots = fw.aggregation_order().size();
      if (const auto* ag = std::get_if<std::vector<aggregate::any>>(&alt.in->alternatives)) {
        if (alt.slots.empty()) {
          for (std::size_t s = 0; s < n_slots; ++s)
            plan_.aggregators[s] = (*ag)[choice];
        } else {
          for (std::size_t s : alt.slots)
            plan_.aggregators[s] = (*ag)[choice];
        }
      } else if (const auto* ws = std::get_if<std::vector<weights::any>>(&alt.in->alternatives)) {
        const weights::any& scheme = (*ws)[choice];
        const bool equal = std::holds_alternative<weights::equal>(scheme);
        const auto set = [&](std::size_t s) {
          plan_.schemes[s] = scheme;
          const std::size_t nd = fw.aggregation_order()[s];
          for (std::size_t c : fw.children(nd))
            plan_.weights[c] = equal ? 1.0 : fw[c].weight;
        };
        if (alt.slots.empty()) {
          for (std::size_t s = 0; s < n_slots; ++s)
            set(s);
        } else {
          for (std::size_t s : alt.slots)
            set(s);
        }
      } else if (const auto* m = std::get_if<std::vector<missing::any>>(&alt.in->alternatives)) {
        plan_.missing = (*m)[choice];
      }
    }
  };
};

} // namespace govmetrics::uncertainty
