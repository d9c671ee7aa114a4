// govmetrics: the Monte Carlo engine of uncertainty analysis. Replication r draws every uncertain
// choice from stream(seed, r); preparation (treatment, imputation, normalisation) runs once per
// distinct combination of preparation-level choices and is cached, so a replication only
// evaluates (noise on the data re-prepares per replication). Replications are done in fixed
// blocks; the state of a run (state.hpp) is mergeable, and merging the states of any split into
// threads or shards gives the same bits as one run.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/bits.hpp"
#include "govmetrics/detail/parallel.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/pipeline/lean_result.hpp"
#include "govmetrics/pipeline/model.hpp"
#include "govmetrics/uncertainty/random.hpp"
#include "govmetrics/uncertainty/spec.hpp"
#include "govmetrics/uncertainty/state.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
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

/// How a run is carried out and what it keeps (threads, progress: no result depends on them).
struct options {
  std::size_t threads = 0;        ///< worker threads; 0: every core
  std::size_t block_size = 256;   ///< replications per block (part of the state's identity)
  std::vector<std::string> nodes; ///< aggregate nodes whose ranks are tracked; empty: the root
  std::string identity;           ///< state::identity (a digest of methodology and data)
  bool score_quantiles = false;   ///< keep every replication's scores (8 bytes per unit and node)
  bool pairwise = false;          ///< count P(unit i ranks above unit j) (n^2 per replication)
  bool record = false;            ///< keep every replication's sampled inputs and ranks
  /// Called after each block with (blocks done, blocks in the call), from worker threads, one at
  /// a time.
  std::function<void(std::size_t, std::size_t)> progress;
};

namespace detail {
/// The sum of |rank[u] - nominal[u]| over the units ranked both times, and their number
/// (`counted`): the mean absolute rank shift's parts. Ranks are whole or halves, so every partial
/// sum is exact (below 2^52 for any realistic number of units): a sum in any order gives the same
/// bits as a compensated one, so four partial sums may run side by side and the loop has no
/// branch (GOVMETRICS_MULTIVERSION).
GOVMETRICS_MULTIVERSION
inline double sum_rank_shift(const double* __restrict rank, const double* __restrict nominal,
                             std::size_t n, std::size_t& counted) noexcept {
  double sum[4] = {0.0, 0.0, 0.0, 0.0};
  std::size_t c = 0;
  std::size_t u = 0;
  const auto term = [&](std::size_t v) {
    const bool both = (rank[v] == rank[v]) & (nominal[v] == nominal[v]);
    c += static_cast<std::size_t>(both);
    return govmetrics::detail::select_bits(both, std::fabs(rank[v] - nominal[v]), 0.0);
  };
  for (; u + 4 <= n; u += 4) {
    for (std::size_t l = 0; l < 4; ++l)
      sum[l] += term(u + l);
  }
  for (; u < n; ++u)
    sum[0] += term(u);
  counted = c;
  return (sum[0] + sum[1]) + (sum[2] + sum[3]);
}
} // namespace detail

/// Values a recorded or score-keeping state may hold (1 GiB of doubles): beyond, a spec_error.
inline constexpr std::size_t max_kept_values = std::size_t{1} << 27;

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
      const column_view rk = nominal_->rank(i);
      const column_view sc = nominal_->score(i);
      for (std::size_t u = 0; u < data_->n_units(); ++u) {
        nominal_rank_.push_back(rk.empty() ? std::numeric_limits<double>::quiet_NaN() : rk[u]);
        nominal_score_.push_back(sc[u]);
      }
    }
    check_size();
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
    std::mutex progress_mutex;
    std::size_t done = 0;
    const auto work = [&] {
      worker w(*this);
      state part = empty_state();
      for (;;) {
        const std::size_t b = next.fetch_add(1);
        if (b >= last)
          break;
        part.blocks.emplace(b, w.run_block(b, part));
        if (opt_.progress) {
          const std::lock_guard<std::mutex> lock(progress_mutex);
          opt_.progress(++done, last - first);
        }
      }
      const std::lock_guard<std::mutex> lock(merge_mutex);
      st.merge(part);
    };
    govmetrics::detail::run_workers(threads, [&](std::size_t) { work(); });
    return st;
  }

  /// Runs the k-th (0-based) of `parts` equal shares of the blocks.
  state run_shard(std::size_t k, std::size_t parts) const {
    if (parts == 0 || k >= parts || parts > max_shards) {
      GOVMETRICS_THROW(spec_error("uncertainty: shard " + std::to_string(k + 1) + " of " +
                                  std::to_string(parts) + " does not exist (at most " +
                                  std::to_string(max_shards) + " shards)"));
    }
    const std::size_t nb = n_blocks();
    return run(k * nb / parts, (k + 1) * nb / parts);
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  /// At most this many shards (so that k * blocks / parts cannot overflow).
  static constexpr std::size_t max_shards = std::size_t{1} << 20U;

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
  struct resolved_data {
    const data_input* in;
    std::vector<std::size_t> nodes;   ///< indicator nodes
    std::vector<std::size_t> columns; ///< their data columns (resolve(): needs the data)
  };
  using resolved =
      std::variant<resolved_weights, resolved_alternatives, resolved_exclude, resolved_data>;

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
  std::vector<double> nominal_rank_;  ///< state::nominal_rank
  std::vector<double> nominal_score_; ///< state::nominal_score
  std::vector<std::string> draw_columns_;
  std::vector<std::vector<std::string>> draw_labels_;
  bool noisy_ = false; ///< some input adds noise to the data: prepared per replication

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
      } else if (const auto* d = std::get_if<data_input>(&in)) {
        resolved_data r{d, {}, {}};
        if (d->indicators.empty()) {
          for (std::size_t i = 0; i < fw.size(); ++i) {
            if (fw.is_indicator(i))
              r.nodes.push_back(i);
          }
        }
        for (const auto& code : d->indicators) {
          const std::size_t i = fw.index_of(code);
          if (!fw.is_indicator(i)) {
            GOVMETRICS_THROW(
                spec_error(where + ": '" + code +
                           "' is not an indicator (noise applies to indicator values)"));
          }
          r.nodes.push_back(i);
        }
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
    // the data columns noise applies to, and the audit trail's columns
    for (auto& in : inputs_) {
      if (auto* d = std::get_if<resolved_data>(&in)) {
        noisy_ = true;
        for (std::size_t i : d->nodes) { // a column two indicators read gets its noise once
          const std::size_t j = data_->indicator_index(fw[i].column);
          if (std::find(d->columns.begin(), d->columns.end(), j) == d->columns.end())
            d->columns.push_back(j);
        }
      }
    }
    if (opt_.record) {
      // Column names are the input names; a name given twice (or 'replication' or 'failed', the
      // trail's own columns) gets its input number: "normalize (input 2)".
      std::map<std::string, std::size_t> uses{{"replication", 1}, {"failed", 1}};
      for (const auto& in : spec_.inputs)
        ++uses[name_of(in)];
      std::size_t number = 0;
      for (const auto& in : inputs_) {
        const std::string& given = name_of(spec_.inputs[number++]);
        const std::string name =
            uses[given] > 1 ? given + " (input " + std::to_string(number) + ")" : given;
        if (const auto* w = std::get_if<resolved_weights>(&in)) {
          for (std::size_t nd : w->nodes) {
            for (std::size_t c : fw.children(nd)) {
              draw_columns_.push_back(name + ":" + fw[c].code);
              draw_labels_.emplace_back();
            }
          }
        } else if (const auto* a = std::get_if<resolved_alternatives>(&in)) {
          draw_columns_.push_back(name);
          std::vector<std::string> labels;
          std::visit(
              [&](const auto& alts) {
                for (const auto& m : alts) {
                  labels.push_back(
                      std::to_string(labels.size() + 1) + ":" +
                      std::visit([](const auto& x) { return std::string(x.name()); }, m));
                }
              },
              a->in->alternatives);
          draw_labels_.push_back(std::move(labels));
        } else if (const auto* e = std::get_if<resolved_exclude>(&in)) {
          draw_columns_.push_back(name);
          // "none", unless a node has that code
          const bool clash = std::any_of(e->nodes.begin(), e->nodes.end(),
                                         [&](std::size_t nd) { return fw[nd].code == "none"; });
          std::vector<std::string> labels{clash ? "(none)" : "none"};
          for (std::size_t nd : e->nodes)
            labels.push_back(fw[nd].code);
          draw_labels_.push_back(std::move(labels));
        }
      }
    }
  }

public:
  /// The nodes whose ranks are tracked (node indices; the root first when none were named).
  const std::vector<std::size_t>& tracked() const noexcept { return tracked_; }
  /// The nominal rank of unit u at tracked node k (state::nominal_rank's layout).
  double nominal_rank(std::size_t k, std::size_t u) const noexcept {
    return nominal_rank_[k * data_->n_units() + u];
  }
  const dataset& data() const noexcept { return *data_; }

  /// How many uniform coordinates input k takes from a design (sensitivity analysis): one per
  /// perturbed weight, one per method choice or exclusion, one per noisy data cell. Draws from
  /// a coordinate are exact: a choice among m by equal-width bins, a normal or gamma value by its
  /// inverse distribution function.
  std::size_t coordinates(std::size_t k) const {
    const auto& in = inputs_.at(k);
    if (const auto* w = std::get_if<resolved_weights>(&in)) {
      std::size_t c = 0;
      for (std::size_t nd : w->nodes)
        c += fw_->children(nd).size();
      return c;
    }
    if (const auto* d = std::get_if<resolved_data>(&in))
      return d->columns.size() * data_->n_units();
    return 1;
  }

private:
  /// spec_error when what the options keep would not fit in memory.
  void check_size() const {
    const std::size_t n_units = data_->n_units();
    const std::size_t per_run = tracked_.size() * n_units;
    const auto check = [&](bool on, std::size_t values, const char* what) {
      if (on && values > max_kept_values) {
        GOVMETRICS_THROW(spec_error(
            std::string("uncertainty: ") + what + " for " + std::to_string(spec_.runs) +
            " replications would keep " + std::to_string(values) + " numbers (at most " +
            std::to_string(max_kept_values) + "); ask for fewer replications or tracked nodes"));
      }
    };
    const double runs = static_cast<double>(spec_.runs);
    const auto values = [&](std::size_t per) {
      const double v = runs * static_cast<double>(per);
      return v > 1e18 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(v);
    };
    check(opt_.score_quantiles, values(per_run), "score quantiles");
    // pairwise counts: one matrix per worker thread and one for the state
    const std::size_t workers =
        (opt_.threads != 0 ? opt_.threads : std::thread::hardware_concurrency()) + 1;
    const double pairs = static_cast<double>(tracked_.size()) * static_cast<double>(n_units) *
                         static_cast<double>(n_units) * static_cast<double>(workers);
    if (opt_.pairwise && pairs > static_cast<double>(max_kept_values)) {
      GOVMETRICS_THROW(spec_error(
          "uncertainty: pairwise probabilities of " + std::to_string(n_units) + " units at " +
          std::to_string(tracked_.size()) + " node(s) on " + std::to_string(workers - 1) +
          " thread(s) would keep " + govmetrics::detail::format_number(pairs) +
          " counts (at most " + std::to_string(max_kept_values) + ")"));
    }
    check(opt_.record, values(per_run + draw_columns_.size()),
          "recording every replication (the audit trail)");
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
    s.identity = opt_.identity;
    s.nominal_rank = nominal_rank_;
    s.nominal_score = nominal_score_;
    s.keep_scores = opt_.score_quantiles;
    s.pairwise = opt_.pairwise;
    s.record = opt_.record;
    s.draw_columns = draw_columns_;
    s.draw_labels = draw_labels_;
    s.rank_counts.assign(s.nodes.size() * s.n_units() * s.n_bins(), 0);
    if (s.pairwise)
      s.above.assign(s.nodes.size() * s.n_units() * s.n_units(), 0);
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

public:
  /// One thread's scratch: the plan it edits, the evaluation workspace and result. Replications
  /// draw from stream(seed, r); evaluate_draws() takes its draws from any source with the
  /// stream's members and start(k) (sensitivity designs: coordinates per input).
  class worker {
  public:
    explicit worker(const analysis& a) : a_(a), plan_(a.plan_), out_(a.tracked_) {
      reset_schemes();
      if (a.noisy_)
        noisy_ = *a.data_;
      row_.assign(a.draw_columns_.size(), std::numeric_limits<double>::quiet_NaN());
    }

    state::block run_block(std::size_t b, state& part) {
      const analysis& a = a_;
      const std::size_t n = a.data_->n_units();
      const std::size_t n_nodes = a.tracked_.size();
      const double nan = std::numeric_limits<double>::quiet_NaN();
      state::block out;
      out.score_sum.assign(n_nodes * n, 0.0);
      out.score_sum2.assign(n_nodes * n, 0.0);
      // per [node][unit], the compensated sums (sum, compensation) of score - origin and of its
      // square, over the replications that ranked the unit (detail::add_moments)
      std::vector<double> s1(n_nodes * n, 0.0);
      std::vector<double> c1(n_nodes * n, 0.0);
      std::vector<double> s2(n_nodes * n, 0.0);
      std::vector<double> c2(n_nodes * n, 0.0);
      std::vector<double> origin(n_nodes * n);
      for (std::size_t k = 0; k < n_nodes; ++k) {
        for (std::size_t u = 0; u < n; ++u)
          origin[k * n + u] = part.origin(k, u);
      }
      const std::size_t begin = b * a.opt_.block_size;
      const std::size_t end = std::min(a.spec_.runs, begin + a.opt_.block_size);
      const bool trail = part.record;
      recording_ = trail;
      out.shift.reserve(end - begin);
      const bool keep = part.keep_scores;
      const std::size_t bins = part.n_bins();
      std::uint64_t* const counts = part.rank_counts.data();
      if (keep)
        out.scores.reserve((end - begin) * n_nodes * n);
      if (trail) {
        out.ranks.reserve((end - begin) * n_nodes * n);
        out.draws.reserve((end - begin) * row_.size());
      }
      for (std::size_t r = begin; r < end; ++r) {
        std::string why;
        if (trail)
          std::fill(row_.begin(), row_.end(), nan);
        const lean_result* res = replicate(r, why);
        if (trail)
          out.draws.insert(out.draws.end(), row_.begin(), row_.end());
        if (res == nullptr) {
          ++out.failed;
          out.failed_at.push_back(r);
          ++part.failures[why];
          out.shift.push_back(nan);
          for (std::size_t k = 0; k < n_nodes; ++k) {
            for (std::size_t u = 0; u < n; ++u)
              ++part.rank_counts[(k * n + u) * part.n_bins() + part.n_bins() - 1];
          }
          if (part.keep_scores)
            out.scores.insert(out.scores.end(), n_nodes * n, nan);
          if (trail)
            out.ranks.insert(out.ranks.end(), n_nodes * n, nan);
          continue;
        }
        double shift = 0.0;
        std::size_t shifted = 0;
        for (std::size_t k = 0; k < n_nodes; ++k) {
          const column_view rk = res->rank(a.tracked_[k]);
          const column_view sc = res->score(a.tracked_[k]);
          govmetrics::detail::add_moments(s1.data() + k * n, c1.data() + k * n, s2.data() + k * n,
                                          c2.data() + k * n, sc.data(), origin.data() + k * n,
                                          rk.data(), n);
          if (k == 0)
            shift = detail::sum_rank_shift(rk.data(), a.nominal_rank_.data(), n, shifted);
          std::uint64_t* const node_counts = counts + k * n * bins;
          for (std::size_t u = 0; u < n; ++u) {
            const double rank = rk[u];
            // ranks are whole or (average ties) halves: 2 (rank - 1) is a whole number, exact
            const std::size_t bin =
                std::isnan(rank) ? bins - 1 : static_cast<std::size_t>(2.0 * (rank - 1.0));
            ++node_counts[u * bins + bin];
          }
          if (keep) {
            for (std::size_t u = 0; u < n; ++u)
              out.scores.push_back(std::isnan(rk[u]) ? nan : sc[u]);
          }
          if (trail)
            out.ranks.insert(out.ranks.end(), rk.begin(), rk.end());
          if (part.pairwise) {
            std::uint64_t* above = part.above.data() + k * n * n;
            for (std::size_t i = 0; i < n; ++i) {
              const double ri = rk[i];
              if (std::isnan(ri))
                continue;
              for (std::size_t j = 0; j < n; ++j)
                above[i * n + j] +=
                    static_cast<std::uint64_t>(ri < rk[j]); // false when rk[j] is NaN
            }
          }
        }
        out.shift.push_back(shifted == 0 ? nan : shift / static_cast<double>(shifted));
      }
      for (std::size_t i = 0; i < n_nodes * n; ++i) {
        out.score_sum[i] = s1[i] + c1[i]; // neumaier_sum::value()
        out.score_sum2[i] = s2[i] + c2[i];
      }
      return out;
    }

  private:
    const analysis& a_;
    evaluation_plan plan_;
    evaluation_workspace ws_;
    lean_result out_; ///< scores, and the ranks of the tracked nodes only
    std::vector<std::size_t> key_;
    std::vector<std::size_t> excluded_;
    dataset noisy_; ///< the data with this replication's noise (noise inputs only)
    std::shared_ptr<const prepared_data> noisy_prepared_; ///< noisy_, prepared
    /// The combinations this worker has evaluated and their prepared data (worker::prepared).
    std::vector<std::pair<std::vector<std::size_t>, std::shared_ptr<const prepared_data>>> local_;
    std::vector<double> row_; ///< this replication's sampled inputs (recorded runs only)
    std::size_t column_ = 0;  ///< next column of row_
    bool recording_ = false;  ///< the audit trail is kept (the block records every replication)

  public:
    /// Replication r: draws every input from stream(seed, r), in input order, then evaluates.
    /// Returns the result, or nullptr with `why` when the replication fails.
    const lean_result* replicate(std::size_t r, std::string& why) {
      stream g(a_.spec_.seed, r);
      return evaluate_draws(g, why);
    }

    /// Draws every input from `g` (input k after g.start(k), when `g` has it), then evaluates.
    template <class Draws>
    const lean_result* evaluate_draws(Draws& g, std::string& why) {
      const analysis& a = a_;
      // The weights start from the plan's (inputs scale them). The aggregators, weighting
      // schemes and missing policy need no reset: only apply_alternative changes them, for the
      // inputs that do not prepare, and every replication applies every input below, each to the
      // same slots, so each replication sees its own choices and the plan's everywhere else.
      plan_.weights = a.plan_.weights;
      key_.clear();
      column_ = 0;
      if (a.noisy_) { // every replication starts from the data as given
        for (const auto& in : a.inputs_) {
          if (const auto* d = std::get_if<resolved_data>(&in)) {
            for (std::size_t j : d->columns) {
              const column_view from = a.data_->column(j);
              std::copy(from.begin(), from.end(), noisy_.column(j).begin());
            }
          }
        }
      }
      for (std::size_t k = 0; k < a.inputs_.size(); ++k) {
        const auto& in = a.inputs_[k];
        begin_input(g, k);
        if (const auto* w = std::get_if<resolved_weights>(&in)) {
          draw_weights(*w, g);
        } else if (const auto* alt = std::get_if<resolved_alternatives>(&in)) {
          const std::size_t choice = choose(*alt, g);
          record(static_cast<double>(choice));
          if (alt->in->prepares()) {
            key_.push_back(choice);
          } else {
            apply_alternative(*alt, choice);
          }
        } else if (const auto* d = std::get_if<resolved_data>(&in)) {
          add_noise(*d, g);
        } else {
          const auto& e = std::get<resolved_exclude>(in);
          const std::size_t choice = g.below(e.nodes.size() + 1);
          record(static_cast<double>(choice));
          if (choice > 0)
            excluded_.push_back(e.nodes[choice - 1]);
        }
      }
      // after every other input, so that no later weights input puts the node back
      for (std::size_t nd : excluded_)
        plan_.weights[nd] = 0.0;
      excluded_.clear();
      const std::shared_ptr<const prepared_data>* data = nullptr;
      if (a.noisy_) {
        try {
          noisy_prepared_ = govmetrics::prepare(a.fw_, noisy_, a.preparation_spec(key_));
        } catch (const govmetrics::error& e) {
          why = e.what();
          return nullptr;
        }
        data = &noisy_prepared_;
      } else {
        data = prepared(key_, why);
      }
      if (data == nullptr)
        return nullptr;
      try {
        evaluate(*data, plan_, ws_, out_);
      } catch (const govmetrics::error& e) {
        why = e.what();
        return nullptr;
      }
      if (a.noisy_) // this replication's data are never evaluated again
        ws_.forget_logs();
      return &out_;
    }

  private:
    /// The prepared data of a combination: from this worker's own list once seen (no lock, and no
    /// write to the shared count of the data), else from the analysis's cache; nullptr with `why`
    /// when preparing fails.
    const std::shared_ptr<const prepared_data>* prepared(const std::vector<std::size_t>& key,
                                                         std::string& why) {
      for (const auto& e : local_) {
        if (e.first == key)
          return &e.second;
      }
      std::shared_ptr<const prepared_data> p = a_.prepared(key, why);
      if (!p)
        return nullptr;
      if (local_.size() == 64) // many combinations: this list stays short to search
        local_.clear();
      local_.emplace_back(key, std::move(p));
      return &local_.back().second;
    }

    void record(double x) {
      if (column_ < row_.size())
        row_[column_++] = x;
    }

    static void begin_input(stream&, std::size_t) noexcept {}
    template <class Draws>
    static void begin_input(Draws& g, std::size_t k) {
      g.start(k);
    }

    template <class Draws>
    void add_noise(const resolved_data& d, Draws& g) {
      for (std::size_t j : d.columns) {
        mutable_column_view c = noisy_.column(j);
        for (double& x : c) {
          const double z = g.normal(); // drawn for missing values too: draws do not depend on data
          if (!std::isnan(x))
            x = d.in->relative_sd > 0.0 ? x * (1.0 + d.in->relative_sd * z) : x + d.in->sd * z;
        }
      }
    }

    template <class Draws>
    static std::size_t choose(const resolved_alternatives& alt, Draws& g) {
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

    template <class Draws>
    void draw_weights(const resolved_weights& w, Draws& g) {
      const framework& fw = *a_.fw_;
      for (std::size_t nd : w.nodes) {
        double* weights = plan_.weights.data();
        switch (w.in->distribution) {
        case weight_distribution::uniform: {
          // each weight times 1 - s + 2 s u, i.e. (1 - s) + (2 s) u, the constants read once
          const double lo = 1.0 - w.in->spread;
          const double span = 2.0 * w.in->spread;
          for (std::size_t c : fw.children(nd))
            weights[c] *= lo + span * g.uniform();
          break;
        }
        case weight_distribution::dirichlet: {
          // Dirichlet's total concentration applies to the current weights normalised among the
          // children (an earlier input may have left them on another scale).
          govmetrics::detail::neumaier_sum total;
          for (std::size_t c : fw.children(nd))
            total.add(weights[c]);
          for (std::size_t c : fw.children(nd)) {
            const double x = weights[c];
            weights[c] = x > 0.0 ? g.gamma(w.in->concentration * (x / total.value())) : 0.0;
          }
          break;
        }
        case weight_distribution::simplex: // a child weighted 0 stays out
          for (std::size_t c : fw.children(nd))
            weights[c] = weights[c] > 0.0 ? g.gamma(1.0) : 0.0;
          break;
        }
        if (recording_) { // the audit trail: the weights normalised among the children
          govmetrics::detail::neumaier_sum drawn;
          for (std::size_t c : fw.children(nd))
            drawn.add(plan_.weights[c]);
          for (std::size_t c : fw.children(nd))
            record(plan_.weights[c] / drawn.value());
        }
      }
    }

    /// Every slot's scheme back to the analysis' plan's, by reference (no scheme is copied per
    /// replication: a copy of an AHP scheme would copy its matrix).
    void reset_schemes() {
      const auto& schemes = a_.plan_.schemes;
      plan_.scheme_refs.resize(schemes.size());
      for (std::size_t s = 0; s < schemes.size(); ++s)
        plan_.scheme_refs[s] = &schemes[s];
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
          plan_.scheme_refs[s] = &scheme; // the alternative itself, not a copy
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
