// govmetrics: variance-based sensitivity analysis of a composite index. The factors are the
// inputs of the methodology's uncertainty section (uncertainty/spec.hpp), each one factor however
// many coordinates it draws (a weights input one per weight, data noise one per cell); the
// uncertainty engine evaluates every row of a radial design (design.hpp) with its draws taken
// from the row's coordinates; the outputs are COINr's scalar (the mean absolute rank shift from
// nominal at the first tracked node), and every unit's rank and score at every tracked node, so
// one design gives all their Sobol' indices (estimators.hpp).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/parallel.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/sensitivity/design.hpp"
#include "govmetrics/sensitivity/estimators.hpp"
#include "govmetrics/sensitivity/settings.hpp"
#include "govmetrics/uncertainty/engine.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

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
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace govmetrics::sensitivity {

/// Draws from the coordinates of one design row: input k's draws are its coordinates, in order
/// (after start(k)). Each draw is an exact function of one coordinate u in [0, 1): uniform u;
/// a choice among m, the bin floor(u m); a normal or gamma value, the inverse distribution
/// function at u moved half a grid step into (0, 1).
class coordinate_draws {
public:
  coordinate_draws(const double* row, const std::vector<std::size_t>& offsets) noexcept
      : row_(row), offsets_(&offsets) {}

  void start(std::size_t k) {
    next_ = (*offsets_)[k];
    end_ = (*offsets_)[k + 1];
  }
  double uniform() { return take(); }
  double uniform_open() {
    const double u = take(); // u + 2^-54 is exact below 1/2; from 1/2, u < 1 stays
    return u < 0.5 ? u + 0x1.0p-54 : u;
  }
  std::size_t below(std::size_t m) {
    const auto c = static_cast<std::size_t>(take() * static_cast<double>(m));
    return std::min(c, m - 1);
  }
  double normal() { return -1.4142135623730950488 * boost::math::erfc_inv(2.0 * uniform_open()); }
  double gamma(double shape) { return boost::math::gamma_p_inv(shape, uniform_open()); }

private:
  double take() {
    if (next_ >= end_) // the coordinate counts of analysis::coordinates() are wrong
      throw std::logic_error("sensitivity: an input drew more coordinates than it has");
    return row_[next_++];
  }
  const double* row_;
  const std::vector<std::size_t>* offsets_;
  std::size_t next_ = 0;
  std::size_t end_ = 0;
};

/// How a sensitivity analysis is carried out.
struct options {
  std::size_t n = 1024;           ///< base sample size N (a power of two for Sobol' points)
  design_options design;          ///< seed, Sobol' or Monte Carlo, scrambling
  estimator_options estimator;    ///< bootstrap resamples, confidence, their seed
  std::size_t threads = 0;        ///< 0: every core; no result depends on it
  std::vector<std::string> nodes; ///< nodes whose ranks and scores are outputs; empty: the root
  bool dummy = false;             ///< add a factor that changes nothing (its indices are 0)
  std::size_t block_size = 16;    ///< base points per block of work
  std::string identity;           ///< a digest of methodology and data (io::analysis_identity)
  /// Called after each block with (blocks done, blocks in the call), one call at a time.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// The options a methodology file's "sensitivity" section gives: its settings, the seed of the
/// design and of the bootstrap the section's, else `default_seed` (the uncertainty section's).
/// The command and Python override what their caller gives.
inline options options_from(const settings& s, std::uint64_t default_seed) {
  options o;
  o.n = s.n;
  o.design.seed = s.seed.value_or(default_seed);
  o.design.method = s.monte_carlo ? sampling::monte_carlo : sampling::sobol;
  o.design.scramble = s.scramble;
  o.estimator.bootstrap = s.bootstrap;
  o.estimator.confidence = s.confidence;
  o.estimator.seed = o.design.seed;
  o.dummy = s.dummy;
  o.nodes = s.nodes;
  return o;
}

/// The outputs of a design and the indices estimated from them.
struct results {
  std::vector<std::string> factors; ///< the uncertainty inputs' names (and "dummy")
  std::vector<std::string> outputs; ///< "mean_abs_rank_shift", "rank:UNIT@NODE", "score:UNIT@NODE"
  std::size_t n = 0;                ///< base points used (N less those dropped)
  std::size_t n_design = 0;         ///< base points of the design (N)
  std::vector<double> y;            ///< outputs, n (d + 2) rows x outputs, row-major
  std::map<std::string, std::size_t> failures; ///< failed evaluations per reason
  std::size_t dropped = 0;                     ///< base points dropped (one of their rows failed)
  indices estimates;                           ///< with bootstrap intervals
  std::vector<indices> convergence;            ///< at N/8, N/4, N/2, N (no intervals)

  std::size_t n_outputs() const noexcept { return outputs.size(); }
  std::size_t n_factors() const noexcept { return factors.size(); }
};

/// The evaluations of some blocks of a design (a shard, `--shard K/N`): what a state file holds.
/// The parts of all the blocks of one analysis merge (merge_parts) into the same results as one
/// run, to the last bit.
struct part {
  std::string identity;   ///< options::identity (methodology and data)
  std::uint64_t seed = 0; ///< of the design
  bool monte_carlo = false;
  bool scramble = true;
  std::size_t n = 0; ///< base points of the whole design
  std::size_t block_size = 0;
  std::size_t bootstrap = 0; ///< estimator settings, applied when merged
  std::uint64_t bootstrap_seed = 0;
  double confidence = 0.95;
  std::vector<std::string> factors;
  std::vector<std::size_t> groups;
  std::vector<std::string> outputs;
  std::size_t first_block = 0; ///< blocks [first_block, last_block)
  std::size_t last_block = 0;
  std::vector<double> y;             ///< (d + 2) blocks x the part's base points x outputs
  std::vector<unsigned char> failed; ///< per base point of the part
  std::map<std::string, std::size_t> failures;

  std::size_t n_blocks() const noexcept {
    return block_size == 0 ? 0 : (n + block_size - 1) / block_size;
  }
  std::size_t first_point() const noexcept { return std::min(n, first_block * block_size); }
  std::size_t last_point() const noexcept { return std::min(n, last_block * block_size); }
};

/// The indices from the outputs `y` of a whole design (n (d + 2) rows x outputs) and its failed
/// base points: a base point with a failed row is dropped (its row in every block) and noted.
inline results finish(std::vector<std::string> factors, std::vector<std::string> outputs,
                      std::size_t n, const estimator_options& estimator, std::vector<double> y,
                      const std::vector<unsigned char>& failed,
                      std::map<std::string, std::size_t> failures = {}) {
  results r;
  const std::size_t k = outputs.size();
  const std::size_t d = factors.size();
  const std::size_t blocks = d + 2;
  r.factors = std::move(factors);
  r.outputs = std::move(outputs);
  r.n_design = n;
  r.failures = std::move(failures);
  std::vector<std::size_t> keep;
  for (std::size_t j = 0; j < n; ++j) {
    if (failed.at(j) == 0)
      keep.push_back(j);
  }
  r.dropped = n - keep.size();
  r.n = keep.size();
  if (r.dropped > 0) {
    std::vector<double> kept(keep.size() * blocks * k);
    for (std::size_t block = 0; block < blocks; ++block) {
      for (std::size_t t = 0; t < keep.size(); ++t) {
        const double* from = y.data() + (block * n + keep[t]) * k;
        std::copy(from, from + k,
                  kept.begin() + static_cast<std::ptrdiff_t>((block * keep.size() + t) * k));
      }
    }
    y.swap(kept);
  }
  if (r.n < 2) {
    std::string reasons;
    for (const auto& [why, count] : r.failures)
      reasons += "; " + std::to_string(count) + " x " + why;
    GOVMETRICS_THROW(data_error("sensitivity: " + std::to_string(r.dropped) + " of " +
                                std::to_string(n) +
                                " base points failed, too few are left to estimate" + reasons));
  }
  r.y = std::move(y);
  r.estimates = sobol_indices(r.y.data(), r.n * blocks, d, k, estimator);
  if (r.dropped > 0) {
    r.estimates.notes.push_back(
        std::to_string(r.dropped) + " of " + std::to_string(n) +
        " base points dropped: an evaluation of theirs failed (the indices use the rest; a "
        "Sobol' design then loses its balance)");
  }
  estimator_options plain = estimator;
  plain.bootstrap = 0;
  r.convergence = convergence(r.y.data(), r.n * blocks, d, k, plain);
  return r;
}

/// The results of the parts of every block of one analysis (shards, in any order): the same
/// bits as one run. spec_error when the parts are of different analyses (methodology, data,
/// design or estimator settings) or do not cover every block exactly once.
inline results merge_parts(std::vector<part> parts, std::size_t threads = 0) {
  if (parts.empty())
    GOVMETRICS_THROW(spec_error("sensitivity: no parts to merge"));
  std::sort(parts.begin(), parts.end(), [](const part& a, const part& b) {
    return a.first_block != b.first_block ? a.first_block < b.first_block
                                          : a.last_block < b.last_block; // empty parts first
  });
  const part& p0 = parts.front();
  const auto same = [&](const part& p) {
    return p.identity == p0.identity && p.seed == p0.seed && p.monte_carlo == p0.monte_carlo &&
           p.scramble == p0.scramble && p.n == p0.n && p.block_size == p0.block_size &&
           p.bootstrap == p0.bootstrap && p.bootstrap_seed == p0.bootstrap_seed &&
           p.confidence == p0.confidence && p.factors == p0.factors && p.groups == p0.groups &&
           p.outputs == p0.outputs;
  };
  std::size_t expected = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const part& p = parts[i];
    if (!same(p)) {
      GOVMETRICS_THROW(spec_error(
          "sensitivity: cannot merge the parts of two different analyses (methodology, data, "
          "N, seed, sampling, bootstrap settings, factors and outputs must agree)"));
    }
    if (p.first_block != expected) {
      GOVMETRICS_THROW(spec_error(p.first_block < expected
                                      ? "sensitivity: block " + std::to_string(p.first_block + 1) +
                                            " is in two parts (a shard merged twice?)"
                                      : "sensitivity: blocks " + std::to_string(expected + 1) +
                                            " to " + std::to_string(p.first_block) + " of " +
                                            std::to_string(p0.n_blocks()) +
                                            " are in no part (a shard is missing)"));
    }
    expected = p.last_block;
  }
  if (expected != p0.n_blocks()) {
    GOVMETRICS_THROW(spec_error("sensitivity: blocks " + std::to_string(expected + 1) + " to " +
                                std::to_string(p0.n_blocks()) + " of " +
                                std::to_string(p0.n_blocks()) +
                                " are in no part (a shard is missing)"));
  }
  const std::size_t k = p0.outputs.size();
  const std::size_t blocks = p0.factors.size() + 2;
  std::vector<double> y(p0.n * blocks * k);
  std::vector<unsigned char> failed(p0.n, 0);
  std::map<std::string, std::size_t> failures;
  for (const part& p : parts) {
    const std::size_t j0 = p.first_point();
    const std::size_t span = p.last_point() - j0;
    for (std::size_t block = 0; block < blocks; ++block) {
      std::copy(p.y.begin() + static_cast<std::ptrdiff_t>(block * span * k),
                p.y.begin() + static_cast<std::ptrdiff_t>((block + 1) * span * k),
                y.begin() + static_cast<std::ptrdiff_t>((block * p0.n + j0) * k));
    }
    std::copy(p.failed.begin(), p.failed.end(), failed.begin() + static_cast<std::ptrdiff_t>(j0));
    for (const auto& [why, count] : p.failures)
      failures[why] += count;
  }
  estimator_options est;
  est.bootstrap = p0.bootstrap;
  est.seed = p0.bootstrap_seed;
  est.confidence = p0.confidence;
  est.threads = threads;
  return finish(p0.factors, p0.outputs, p0.n, est, std::move(y), failed, std::move(failures));
}

/// A sensitivity analysis of one methodology on one data set.
class analysis {
public:
  analysis(std::shared_ptr<const framework> fw, std::shared_ptr<const dataset> data,
           pipeline_spec base, uncertainty::spec factors, options opt = {})
      : opt_(std::move(opt)) {
    if (factors.inputs.empty()) {
      GOVMETRICS_THROW(spec_error("sensitivity: the uncertainty section has no inputs: there is "
                                  "no factor to analyse"));
    }
    check_base_size(opt_.n, opt_.design);
    if (!(opt_.estimator.confidence > 0.0 && opt_.estimator.confidence < 1.0))
      GOVMETRICS_THROW(spec_error("sensitivity: the confidence must lie in (0, 1)"));
    if (opt_.block_size == 0)
      GOVMETRICS_THROW(spec_error("sensitivity: 'block_size' must be at least 1"));
    uncertainty::options uo;
    uo.nodes = opt_.nodes;
    uo.threads = 1;
    uo.identity = opt_.identity;
    ua_ = std::make_unique<uncertainty::analysis>(std::move(fw), std::move(data), std::move(base),
                                                  std::move(factors), std::move(uo));
    const auto& spec = ua_->uncertainty();
    offsets_.push_back(0);
    for (std::size_t k = 0; k < spec.inputs.size(); ++k) {
      factors_.push_back(uncertainty::name_of(spec.inputs[k]));
      groups_.push_back(ua_->coordinates(k));
      offsets_.push_back(offsets_.back() + groups_.back());
    }
    if (opt_.dummy) {
      factors_.emplace_back("dummy");
      groups_.push_back(1);
    }
    for (std::size_t g : groups_)
      dims_ += g;
    for (std::size_t k = 0; k < groups_.size(); ++k) {
      if (groups_[k] == 0) {
        GOVMETRICS_THROW(spec_error("sensitivity: input " + std::to_string(k + 1) + " ('" +
                                    factors_[k] + "') draws nothing, so it is no factor"));
      }
    }
    const framework& tree = ua_->tree();
    outputs_.emplace_back("mean_abs_rank_shift");
    const auto& units = ua_->data().units();
    for (const char* what : {"rank:", "score:"}) {
      for (std::size_t nd : ua_->tracked()) {
        for (const auto& u : units)
          outputs_.push_back(what + u + "@" + tree[nd].code);
      }
    }
    const double values = static_cast<double>(opt_.n) * static_cast<double>(groups_.size() + 2) *
                          static_cast<double>(outputs_.size());
    if (values > static_cast<double>(uncertainty::max_kept_values)) {
      GOVMETRICS_THROW(spec_error("sensitivity: N = " + std::to_string(opt_.n) + " with " +
                                  std::to_string(groups_.size()) + " factors and " +
                                  std::to_string(outputs_.size()) + " outputs would keep " +
                                  govmetrics::detail::format_number(values) + " numbers (at most " +
                                  std::to_string(uncertainty::max_kept_values) +
                                  "); ask for a smaller N or fewer tracked nodes"));
    }
  }

  const std::vector<std::string>& factors() const noexcept { return factors_; }
  const std::vector<std::string>& outputs() const noexcept { return outputs_; }
  /// Coordinates per factor (a design's groups).
  const std::vector<std::size_t>& groups() const noexcept { return groups_; }
  const uncertainty::analysis& model() const noexcept { return *ua_; }
  std::size_t n_blocks() const noexcept { return (opt_.n + opt_.block_size - 1) / opt_.block_size; }
  std::size_t n_rows() const noexcept { return opt_.n * (groups_.size() + 2); }

  /// Evaluates the rows of base points in blocks [first, last) into `y` (n (d + 2) rows x
  /// outputs; rows outside the blocks untouched); returns the failures per reason and marks the
  /// failed base points in `failed` (n entries).
  std::map<std::string, std::size_t> evaluate(std::size_t first, std::size_t last,
                                              std::vector<double>& y,
                                              std::vector<unsigned char>& failed) const {
    return evaluate_into(first, last, y, failed, 0, opt_.n);
  }

private:
  /// evaluate() into rows for base points origin .. origin + span - 1 only: y holds (d + 2)
  /// blocks of `span` rows, failed `span` entries.
  std::map<std::string, std::size_t> evaluate_into(std::size_t first, std::size_t last,
                                                   std::vector<double>& y,
                                                   std::vector<unsigned char>& failed,
                                                   std::size_t origin, std::size_t span) const {
    last = std::min(last, n_blocks());
    y.resize(span * (groups_.size() + 2) * outputs_.size(),
             std::numeric_limits<double>::quiet_NaN());
    failed.resize(span, 0);
    std::map<std::string, std::size_t> failures;
    if (first >= last)
      return failures;
    std::size_t threads = opt_.threads != 0 ? opt_.threads : std::thread::hardware_concurrency();
    threads = std::max<std::size_t>(1, std::min(threads, last - first));
    std::atomic<std::size_t> next{first};
    std::mutex merge_mutex;
    std::mutex progress_mutex;
    std::size_t done = 0;
    const point_set points(2 * dims_, opt_.design);
    const auto work = [&] {
      uncertainty::analysis::worker w(*ua_);
      std::map<std::string, std::size_t> mine;
      std::vector<double> base;
      std::vector<double> row(dims_);
      for (;;) {
        const std::size_t b = next.fetch_add(1);
        if (b >= last)
          break;
        const std::size_t j0 = b * opt_.block_size;
        const std::size_t j1 = std::min(opt_.n, j0 + opt_.block_size);
        base.resize((j1 - j0) * 2 * dims_);
        points.fill(j0, j1 - j0, base.data());
        for (std::size_t j = j0; j < j1; ++j) {
          const double* a = base.data() + (j - j0) * 2 * dims_;
          const double* bb = a + dims_;
          for (std::size_t block = 0; block < groups_.size() + 2; ++block) {
            if (block == 1) {
              std::copy(bb, bb + dims_, row.begin());
            } else {
              std::copy(a, a + dims_, row.begin());
              if (block >= 2) { // AB_i: factor i's coordinates from B
                std::size_t off = 0;
                for (std::size_t i = 0; i + 2 < block; ++i)
                  off += groups_[i];
                const std::size_t g = groups_[block - 2];
                std::copy(bb + off, bb + off + g, row.begin() + static_cast<std::ptrdiff_t>(off));
              }
            }
            double* out = y.data() + (block * span + (j - origin)) * outputs_.size();
            std::string why;
            if (!evaluate_row(w, row.data(), out, why)) {
              ++mine[why];
              failed[j - origin] = 1; // each j is written by one thread only
            }
          }
        }
        if (opt_.progress) {
          const std::lock_guard<std::mutex> lock(progress_mutex);
          opt_.progress(++done, last - first);
        }
      }
      const std::lock_guard<std::mutex> lock(merge_mutex);
      for (const auto& [why, count] : mine)
        failures[why] += count;
    };
    govmetrics::detail::run_workers(threads, [&](std::size_t) { work(); });
    return failures;
  }

public:
  /// The indices from design outputs `y` (all blocks evaluated) and the failed base points:
  /// base points with a failed row are dropped (every block's row of that point) and noted.
  results estimate(std::vector<double> y, const std::vector<unsigned char>& failed,
                   std::map<std::string, std::size_t> failures = {}) const {
    return finish(factors_, outputs_, opt_.n, opt_.estimator, std::move(y), failed,
                  std::move(failures));
  }

  /// Evaluates blocks [first, last) only: a shard's part, to merge with the others
  /// (merge_parts).
  part run_part(std::size_t first, std::size_t last) const {
    last = std::min(last, n_blocks());
    first = std::min(first, last);
    part p;
    p.identity = opt_.identity;
    p.seed = opt_.design.seed;
    p.monte_carlo = opt_.design.method == sampling::monte_carlo;
    p.scramble = opt_.design.scramble;
    p.n = opt_.n;
    p.block_size = opt_.block_size;
    p.bootstrap = opt_.estimator.bootstrap;
    p.bootstrap_seed = opt_.estimator.seed;
    p.confidence = opt_.estimator.confidence;
    p.factors = factors_;
    p.groups = groups_;
    p.outputs = outputs_;
    p.first_block = first;
    p.last_block = last;
    p.failures = evaluate_into(first, last, p.y, p.failed, p.first_point(),
                               p.last_point() - p.first_point());
    return p;
  }

  /// Runs the k-th (0-based) of `parts` equal shares of the blocks.
  part run_shard(std::size_t k, std::size_t parts) const {
    if (parts == 0 || k >= parts || parts > uncertainty::analysis::max_shards) {
      GOVMETRICS_THROW(spec_error("sensitivity: shard " + std::to_string(k + 1) + " of " +
                                  std::to_string(parts) + " does not exist (at most " +
                                  std::to_string(uncertainty::analysis::max_shards) + " shards)"));
    }
    const std::size_t nb = n_blocks();
    return run_part(k * nb / parts, (k + 1) * nb / parts);
  }

  /// Evaluates the whole design and estimates the indices.
  results run() const {
    std::vector<double> y;
    std::vector<unsigned char> failed;
    auto failures = evaluate(0, n_blocks(), y, failed);
    return estimate(std::move(y), failed, std::move(failures));
  }

private:
  /// Evaluates one design row into `out` (outputs_.size() values); false with `why` on failure.
  bool evaluate_row(uncertainty::analysis::worker& w, const double* coords, double* out,
                    std::string& why) const {
    coordinate_draws g(coords, offsets_);
    const lean_result* res = w.evaluate_draws(g, why);
    const std::size_t k = outputs_.size();
    if (res == nullptr) {
      std::fill(out, out + k, std::numeric_limits<double>::quiet_NaN());
      return false;
    }
    const std::size_t n_units = ua_->data().n_units();
    const auto& tracked = ua_->tracked();
    govmetrics::detail::neumaier_sum shift;
    std::size_t shifted = 0;
    for (std::size_t t = 0; t < tracked.size(); ++t) {
      const column_view rk = res->rank(tracked[t]);
      const column_view sc = res->score(tracked[t]);
      for (std::size_t u = 0; u < n_units; ++u) {
        out[1 + t * n_units + u] = rk[u];
        out[1 + (tracked.size() + t) * n_units + u] = sc[u];
        const double nominal = ua_->nominal_rank(0, u);
        if (t == 0 && !std::isnan(rk[u]) && !std::isnan(nominal)) {
          shift.add(std::fabs(rk[u] - nominal));
          ++shifted;
        }
      }
    }
    out[0] = shifted == 0 ? std::numeric_limits<double>::quiet_NaN()
                          : shift.value() / static_cast<double>(shifted);
    return true;
  }

  options opt_;
  std::unique_ptr<uncertainty::analysis> ua_;
  std::vector<std::string> factors_;
  std::vector<std::size_t> groups_;  ///< coordinates per factor
  std::vector<std::size_t> offsets_; ///< of each uncertainty input's coordinates (and the end)
  std::vector<std::string> outputs_;
  std::size_t dims_ = 0;
};

} // namespace govmetrics::sensitivity
