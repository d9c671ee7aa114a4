// govmetrics: the engine shared by the compile-time and the run-time pipelines. Both paths call
// these same kernels, so they agree to the last bit.
#pragma once

#include "govmetrics/aggregate/arithmetic.hpp"
#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/aggregate/geometric.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/concepts.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/dataset/dataset_view.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/missing/policy.hpp"
#include "govmetrics/normalize/fitted.hpp"
#include "govmetrics/pipeline/node_weights.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/pipeline/spec.hpp"
#include "govmetrics/pipeline/stages.hpp"
#include "govmetrics/rank/rank.hpp"
#include "govmetrics/treat/any.hpp"
#include "govmetrics/weights/any.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics {

/// Scratch memory of the aggregate-and-rank stage; reuse one across runs to allocate nothing.
struct evaluation_workspace {
  std::vector<double> xs;
  std::vector<double> ws;
  std::vector<double> child_weights;
  std::vector<const double*> columns;
  rank::workspace rank_ws;
  /// Column-wise means: per unit, the compensated sum (sum, compensation) and the children seen.
  std::vector<double> sum;
  std::vector<double> comp;
  std::vector<std::size_t> seen;
  std::vector<const double*> log_columns; ///< per child: its cached logs, or nullptr
  std::vector<unsigned char> child_flags; ///< per child: its column_flags, or 0 (unknown)
  std::vector<double> logs;               ///< the logs of a child without cached ones
  /// Per aggregate slot, the order of the units at its last ranking (rank::rank_into's `order`).
  std::vector<std::vector<std::size_t>> rank_orders;

  /// The natural logs of indicator column `slot` of `data` (NaN where a value is not positive),
  /// computed on first use and kept for the next evaluations of the same prepared data (an
  /// uncertainty analysis evaluates each prepared data set many times). At most 16 data sets are
  /// kept; the cache holds them alive (forget_logs() lets them go).
  const double* log_column(const std::shared_ptr<const prepared_data>& data, std::size_t slot) {
    log_cache* c = cache_of(data);
    if (c->logs.empty())
      c->logs.assign(data->values.size(), std::numeric_limits<double>::quiet_NaN());
    double* out = c->logs.data() + slot * data->n_units;
    if (c->ready[slot] == 0) {
      const double* x = data->values.data() + slot * data->n_units;
      for (std::size_t i = 0; i < data->n_units; ++i)
        out[i] = x[i] > 0.0 ? std::log(x[i]) : std::numeric_limits<double>::quiet_NaN();
      c->ready[slot] = 1;
    }
    return out;
  }

  /// What is known of indicator column `slot` of `data` (cached like the logs): `no_nan` when
  /// every unit has a value, `positive` when every value is above 0.
  static constexpr unsigned char no_nan = 2;
  static constexpr unsigned char positive = 4;
  unsigned char column_flags(const std::shared_ptr<const prepared_data>& data, std::size_t slot) {
    log_cache* c = cache_of(data);
    unsigned char& f = c->flags[slot];
    if (f == 0) {
      const double* x = data->values.data() + slot * data->n_units;
      bool all = true;
      bool pos = true;
      for (std::size_t i = 0; i < data->n_units; ++i) {
        all = all && !std::isnan(x[i]);
        pos = pos && x[i] > 0.0;
      }
      f = static_cast<unsigned char>(1U | (all ? no_nan : 0U) | (pos ? positive : 0U));
    }
    return f;
  }

  /// Drops the cached logs and flags and the prepared data they hold alive.
  void forget_logs() noexcept { logs_.clear(); }

private:
  struct log_cache {
    std::shared_ptr<const prepared_data> data;
    std::vector<double> logs;         ///< empty until a log is asked for
    std::vector<unsigned char> ready; ///< per indicator slot: its logs are computed
    std::vector<unsigned char> flags; ///< per indicator slot: column_flags, 0 until computed
  };
  std::vector<log_cache> logs_;

  log_cache* cache_of(const std::shared_ptr<const prepared_data>& data) {
    for (auto& e : logs_) {
      if (e.data == data)
        return &e;
    }
    if (logs_.size() == 16)
      logs_.clear();
    log_cache* c = &logs_.emplace_back();
    c->data = data;
    c->ready.assign(data->tree->indicators().size(), 0);
    c->flags.assign(data->tree->indicators().size(), 0);
    return c;
  }
};

namespace detail {

inline constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// Weight of every node within its parent, normalised among siblings (the root gets 1).
inline void node_weights_into(const framework& fw, const weights::any& scheme,
                              std::vector<double>& out) {
  plan_weights_into(
      fw, [&](std::size_t) -> const weights::any& { return scheme; }, out);
}

inline std::vector<double> node_weights(const framework& fw, const weights::any& scheme) {
  std::vector<double> w;
  node_weights_into(fw, scheme, w);
  return w;
}

/// Throws data_error when the column `x` holds an infinite value after `stage`: names what the
/// column is (`what()`, e.g. "indicator 'x'", built only then: the check allocates nothing), the
/// first unit, its value, how many units are affected, and `why`.
template <class What>
void require_finite_column(const char* stage, What&& what, const double* x, std::size_t n,
                           const std::vector<std::string>& units, const char* why) {
  std::size_t first = n;
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isinf(x[i])) {
      first = count == 0 ? i : first;
      ++count;
    }
  }
  if (count == 0)
    return;
  GOVMETRICS_THROW(data_error(std::string(stage) + ": " + what() + " is " +
                              format_number(x[first]) + " for unit '" + units[first] + "'" +
                              (count > 1 ? " (and " + std::to_string(count - 1) + " more)" : "") +
                              "; " + why));
}

/// Applies the direction sign, fits `norm` on the adjusted column and normalises it into `out`.
/// `units` (the unit ids in column order) reach the normaliser's fit (distance_to_reference).
template <class Normalize>
normalize::fitted normalize_column(const Normalize& norm, const node& ind, column_view raw,
                                   double* out, const std::vector<std::string>* units = nullptr) {
  (void)sizeof(detail::requires_normalizer<Normalize>);
  const double sign = sign_of(ind.polarity);
  const std::size_t n = raw.size();
  for (std::size_t i = 0; i < n; ++i)
    out[i] = raw[i] * sign;
  const auto params = norm.fit(fit_input{column_view{out, n}, ind.polarity, ind.code, units});
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isnan(out[i]))
      out[i] = norm.apply(params, out[i]);
  }
  return normalize::fitted{ind.code, norm.name(), norm.describe(params)};
}

/// Treats one indicator column with `treatment` (not `treat::none`, which the caller skips): copies
/// `raw` into `out` and treats it in place, before any direction sign (as COINr does).
template <class Treatment>
treat::details treat_column(const Treatment& treatment, const node& ind, column_view raw,
                            const std::vector<std::string>& units, double* out) {
  (void)sizeof(treat::detail::requires_treatment<Treatment>);
  const std::size_t n = raw.size();
  for (std::size_t i = 0; i < n; ++i)
    out[i] = raw[i];
  auto d = treatment.apply(treat::column_ref{out, n, ind.code, &units});
  d.indicator = ind.code;
  return d;
}

/// A one-line account of a treatment that changed (or could not test) a column.
inline std::string describe_treatment(const treat::details& d) {
  const auto num = [](double x) { return format_number(std::round(x * 1e4) / 1e4); };
  std::string s = "treat: indicator '" + d.indicator + "' ";
  if (d.method == "winsorise" && !d.tested)
    return s + "could not be tested (all values equal); left unchanged";
  if (d.method == "winsorise") {
    s += "failed the skew/kurtosis test (skew " + num(d.skew_before) + ", kurtosis " +
         num(d.kurtosis_before) + "); winsorised " + std::to_string(d.points_high) + " high and " +
         std::to_string(d.points_low) + " low point" + (d.points() == 1 ? "" : "s") + " (skew " +
         num(d.skew_winsorised) + ", kurtosis " + num(d.kurtosis_winsorised) + ", " +
         (d.pass_winsorised ? "passes" : "still fails") + ")";
    if (d.log_ct)
      s += "; undone and log_ct applied to the original values (skew " + num(d.skew_after) +
           ", kurtosis " + num(d.kurtosis_after) + ", " +
           (d.pass_after ? "passes" : "still fails") + ")";
    return s;
  }
  return s + "transformed by " + d.method + " (skew " + num(d.skew_before) + " -> " +
         num(d.skew_after) + ", kurtosis " + num(d.kurtosis_before) + " -> " +
         num(d.kurtosis_after) + ")";
}

/// Runs the data stages (denominate -> impute -> screen, see stages.hpp), then treats and
/// normalises every indicator of `fw` from `data` (a dataset or a dataset_view).
/// `treater_for(node_position, f)` calls `f` with the treatment of that indicator, and
/// `normalizer_for(node_position, f)` with its normaliser. The treatment sees the column as given
/// (before the direction sign); the normaliser the treated column times the sign. An indicator
/// screened out is neither treated nor normalised (all NaN; its fitted record says so).
template <class Data, class TreaterFor, class NormalizerFor>
std::shared_ptr<prepared_data> prepare(std::shared_ptr<const framework> fw, const Data& data,
                                       TreaterFor&& treater_for, NormalizerFor&& normalizer_for,
                                       rank::ties ties, bool rank_indicators,
                                       const data_stages& stages = {}) {
  auto out = std::make_shared<prepared_data>();
  out->tree = fw;
  out->units = data.units();
  out->n_units = data.n_units();
  out->ties = ties;
  const auto& inds = fw->indicators();
  const std::size_t n = data.n_units();
  // Resolve every column first, so that a missing column is reported before any work.
  std::vector<std::size_t> columns;
  columns.reserve(inds.size());
  std::string absent;
  for (std::size_t i : inds) {
    const node& nd = (*fw)[i];
    if (!data.has_indicator(nd.column)) {
      absent += (absent.empty() ? "" : ", ") + ("'" + nd.code + "' (column '" + nd.column + "')");
      continue;
    }
    columns.push_back(data.indicator_index(nd.column));
  }
  if (!absent.empty()) {
    GOVMETRICS_THROW(data_error("pipeline: the data lack the column of indicator " + absent));
  }
  out->values.resize(n * inds.size());
  out->params.reserve(inds.size());
  // The column each indicator's treatment sees: the data as given, or the last data stage's.
  std::vector<column_view> stage_input;
  stage_input.reserve(inds.size());
  for (std::size_t s = 0; s < inds.size(); ++s)
    stage_input.push_back(data.column(columns[s]));
  std::vector<bool> screened_out(inds.size(), false);
  {
    prepared_data staged;
    run_data_stages(*fw, data, stages, stage_input, staged);
    out->denominated = std::move(staged.denominated);
    out->imputed = std::move(staged.imputed);
    out->screened = std::move(staged.screened);
    out->imputation = std::move(staged.imputation);
    out->screened_units = std::move(staged.screened_units);
    out->unit_shares = std::move(staged.unit_shares);
    out->screened_indicators = std::move(staged.screened_indicators);
    out->diagnostics = std::move(staged.diagnostics);
    for (const auto& code : out->screened_indicators)
      screened_out[fw->indicator_slot(fw->index_of(code))] = true;
    // the stage buffers moved without reallocation, so stage_input still points into them
  }
  for (std::size_t s = 0; s < inds.size(); ++s) {
    const node& nd = (*fw)[inds[s]];
    const column_view raw = data.column(columns[s]);
    std::size_t n_missing = 0;
    std::string first_missing;
    for (std::size_t u = 0; u < n; ++u) {
      if (std::isnan(raw[u])) {
        if (n_missing < 5)
          first_missing += (n_missing ? ", '" : "'") + data.units()[u] + "'";
        ++n_missing;
      }
    }
    if (n_missing > 0) {
      out->diagnostics.push_back({diagnostic::level::info, "data", nd.code, "",
                                  "data: indicator '" + nd.code + "' is missing for " +
                                      std::to_string(n_missing) + " of " + std::to_string(n) +
                                      " units (" + first_missing + (n_missing > 5 ? ", ..." : "") +
                                      ")"});
    }
    require_finite_column(
        "data", [&] { return "indicator '" + nd.code + "'"; }, raw.data(), n, out->units,
        "values must be finite numbers (NaN for missing)");
    double* dst = out->values.data() + s * n;
    column_view input = stage_input[s];
    if (screened_out[s]) {
      for (std::size_t u = 0; u < n; ++u)
        dst[u] = nan_v;
      out->params.push_back(normalize::fitted{nd.code, "screened_out", {}});
      continue;
    }
    treater_for(inds[s], [&](const auto& treatment) {
      using T = std::decay_t<decltype(treatment)>;
      if constexpr (!std::is_same_v<T, treat::none>) {
        if (out->treated.empty())
          out->treated.assign(n * inds.size(), nan_v);
        double* tr = out->treated.data() + s * n;
        out->treatment.push_back(treat_column(treatment, nd, input, out->units, tr));
        require_finite_column(
            "treat", [&] { return "indicator '" + nd.code + "' treated by " + treatment.name(); },
            tr, n, out->units, "the treatment overflows a double");
        input = column_view{tr, n};
        const auto& d = out->treatment.back();
        if (d.changed() || !d.tested) {
          out->diagnostics.push_back(
              {diagnostic::level::info, "treat", nd.code, "", describe_treatment(d)});
        }
      }
    });
    normalizer_for(inds[s], [&](const auto& norm) {
      out->params.push_back(normalize_column(norm, nd, input, dst, &out->units));
      require_finite_column(
          "normalize", [&] { return "indicator '" + nd.code + "' normalised by " + norm.name(); },
          dst, n, out->units, "the normalisation overflows a double");
    });
  }
  if (!out->treated.empty()) {
    // Indicators without treatment: their treated values are the values as given.
    std::vector<bool> done(inds.size(), false);
    for (const auto& d : out->treatment)
      done[fw->indicator_slot(fw->index_of(d.indicator))] = true;
    for (std::size_t s = 0; s < inds.size(); ++s) {
      if (done[s])
        continue;
      for (std::size_t u = 0; u < n; ++u)
        out->treated[s * n + u] = stage_input[s][u];
    }
  }
  if (rank_indicators) {
    out->ranks.resize(n * inds.size());
    rank::workspace ws;
    for (std::size_t s = 0; s < inds.size(); ++s) {
      rank::rank_into(out->column(s), ties, out->ranks.data() + s * n, ws);
    }
  }
  return out;
}

/// How missing children are handled inside aggregation.
struct missing_rule {
  bool propagate = false;
  double min_share = 0.0;
};

inline missing_rule to_rule(const missing::any& m) {
  if (const auto* s = std::get_if<missing::skip>(&m))
    return {false, s->min_share};
  return {true, 0.0};
}

template <class A, class = void>
struct has_needs_positive : std::false_type {};
template <class A>
struct has_needs_positive<A, void_t<decltype(std::declval<const A&>().needs_positive())>>
    : std::true_type {};
template <class A, class = void>
struct has_needs_non_negative : std::false_type {};
template <class A>
struct has_needs_non_negative<A, void_t<decltype(std::declval<const A&>().needs_non_negative())>>
    : std::true_type {};

/// Whether aggregator `agg` needs positive children: its member `needs_positive()` when it has one
/// (a parameter-dependent rule, e.g. power_mean), else its static `requires_positive`.
template <class A>
bool needs_positive(const A& agg) noexcept {
  if constexpr (has_needs_positive<A>::value) {
    return agg.needs_positive();
  } else {
    (void)agg;
    return A::requires_positive;
  }
}

/// Whether aggregator `agg` needs non-negative children: its member `needs_non_negative()` when it
/// has one, else false.
template <class A>
bool needs_non_negative(const A& agg) noexcept {
  if constexpr (has_needs_non_negative<A>::value) {
    return agg.needs_non_negative();
  } else {
    (void)agg;
    return false;
  }
}

/// Whether unit `i` of node `nd`, with `k` of its `n_weighted` weighted children available, is
/// missing under `rule`; if so, writes NaN to `out` and the warning to `diags`.
inline bool missing_unit(const framework& fw, std::size_t nd, std::size_t k, std::size_t n_weighted,
                         missing_rule rule, const std::string& unit, double& out,
                         std::vector<diagnostic>& diags) {
  if (k == n_weighted)
    return false;
  const double share = static_cast<double>(k) / static_cast<double>(n_weighted);
  if (k != 0 && !rule.propagate && share >= rule.min_share)
    return false;
  out = nan_v;
  std::string why = k == 0           ? "no child has data"
                    : rule.propagate ? "missing children propagate"
                                     : "share " + format_number(share) + " < min_share " +
                                           format_number(rule.min_share);
  diags.push_back({diagnostic::level::warning, "aggregate", fw[nd].code, unit,
                   "aggregate: node '" + fw[nd].code + "' is missing for unit '" + unit + "' (" +
                       std::to_string(k) + " of " + std::to_string(n_weighted) +
                       " children available; " + why + ")"});
  return true;
}

/// The weighted arithmetic (or, `Geometric`, geometric) mean of node `nd` for every unit, column by
/// column: children outer, units inner, with the same compensated sums in the same order as
/// aggregate::arithmetic and aggregate::geometric per unit, so the same bits; the sum of the
/// weights is computed once for the units with every child, and the logs of indicator children
/// come from `ws.log_columns` when given (cached across evaluations). Returns false, having
/// written nothing, when the geometric mean meets a value that is not positive: the per-unit path
/// then names the unit and the child.
template <bool Geometric>
bool aggregate_node_mean(const framework& fw, std::size_t nd, const double* const* cols,
                         const double* w, std::size_t n_units, missing_rule rule,
                         const std::vector<std::string>& units, double* out,
                         evaluation_workspace& ws, std::vector<diagnostic>& diags) {
  const std::size_t m = fw.children(nd).size();
  ws.sum.assign(n_units, 0.0);
  ws.comp.assign(n_units, 0.0);
  ws.seen.assign(n_units, 0);
  double* sum = ws.sum.data();
  double* comp = ws.comp.data();
  std::size_t* seen = ws.seen.data();
  std::size_t n_weighted = 0;
  std::size_t full = 0; // clean columns: every unit has them (not counted in `seen`)
  neumaier_sum all_weights;
  for (std::size_t c = 0; c < m; ++c) {
    const double wc = w[c];
    if (wc == 0.0)
      continue;
    ++n_weighted;
    all_weights.add(wc);
    const double* x = cols[c];
    const double* lx = Geometric ? ws.log_columns[c] : nullptr;
    // A clean column (every value there and, geometric, positive: the usual case) takes the
    // branch-free loop, which the compiler vectorises; the arithmetic per unit is the same.
    bool clean = true;
    if (const unsigned char f = ws.child_flags[c]; f != 0) {
      clean =
          (f & (Geometric ? evaluation_workspace::positive : evaluation_workspace::no_nan)) != 0;
    } else {
      for (std::size_t i = 0; i < n_units && clean; ++i)
        clean = Geometric ? x[i] > 0.0 : !std::isnan(x[i]);
    }
    if (clean) {
      const double* term = x;
      if constexpr (Geometric) {
        if (lx == nullptr) {
          ws.logs.resize(n_units);
          for (std::size_t i = 0; i < n_units; ++i)
            ws.logs[i] = std::log(x[i]);
          lx = ws.logs.data();
        }
        term = lx;
      }
      ++full;
      for (std::size_t i = 0; i < n_units; ++i) {
        // neumaier_sum::add on (sum[i], comp[i])
        const double y = wc * term[i];
        const double t = sum[i] + y;
        const double bp = t - sum[i];
        comp[i] += (sum[i] - (t - bp)) + (y - bp);
        sum[i] = t;
      }
      continue;
    }
    for (std::size_t i = 0; i < n_units; ++i) {
      const double v = x[i];
      if (std::isnan(v))
        continue;
      double term = v;
      if constexpr (Geometric) {
        if (!(v > 0.0))
          return false;
        term = lx != nullptr ? lx[i] : std::log(v);
      }
      // neumaier_sum::add on (sum[i], comp[i])
      const double y = wc * term;
      const double t = sum[i] + y;
      const double bp = t - sum[i];
      comp[i] += (sum[i] - (t - bp)) + (y - bp);
      sum[i] = t;
      ++seen[i];
    }
  }
  const double all = all_weights.value();
  if (full == n_weighted) { // every unit has every child
    for (std::size_t i = 0; i < n_units; ++i) {
      const double mean = (sum[i] + comp[i]) / all;
      out[i] = Geometric ? std::exp(mean) : mean;
    }
    return true;
  }
  for (std::size_t i = 0; i < n_units; ++i) {
    const std::size_t k = seen[i] + full;
    if (missing_unit(fw, nd, k, n_weighted, rule, units[i], out[i], diags))
      continue;
    double den = all;
    if (k < n_weighted) { // the weights of the children available to this unit
      neumaier_sum d;
      for (std::size_t c = 0; c < m; ++c) {
        if (w[c] != 0.0 && !std::isnan(cols[c][i]))
          d.add(w[c]);
      }
      den = d.value();
    }
    const double mean = (sum[i] + comp[i]) / den;
    out[i] = Geometric ? std::exp(mean) : mean;
  }
  return true;
}

/// Aggregates node `nd` for every unit from its children's columns. The aggregator gets scratch
/// copies (ws.xs, ws.ws) of the available children's values and weights.
template <class Aggregate>
void aggregate_node(const Aggregate& agg, const framework& fw, std::size_t nd,
                    const double* const* cols, const double* w, std::size_t n_units,
                    missing_rule rule, const std::vector<std::string>& units, double* out,
                    evaluation_workspace& ws, std::vector<diagnostic>& diags) {
  (void)sizeof(detail::requires_aggregator<Aggregate>);
  const auto& kids = fw.children(nd);
  const std::size_t m = kids.size();
  double* xs = ws.xs.data();
  double* wv = ws.ws.data();
  const bool positive = needs_positive(agg);
  const bool non_negative = needs_non_negative(agg);
  for (std::size_t i = 0; i < n_units; ++i) {
    std::size_t k = 0;          // available children with a non-zero weight
    std::size_t n_weighted = 0; // children with a non-zero weight
    for (std::size_t c = 0; c < m; ++c) {
      if (w[c] == 0.0)
        continue;
      ++n_weighted;
      const double v = cols[c][i];
      if (std::isnan(v))
        continue;
      xs[k] = v;
      wv[k] = w[c];
      ++k;
    }
    if (missing_unit(fw, nd, k, n_weighted, rule, units[i], out[i], diags))
      continue;
    if (positive || non_negative) {
      for (std::size_t c = 0; c < m; ++c) {
        const double v = cols[c][i];
        if (!std::isnan(v) && w[c] != 0.0 && !(positive ? v > 0.0 : v >= 0.0)) {
          GOVMETRICS_THROW(data_error(
              std::string("aggregate::") + agg.name() + ": node '" + fw[nd].code + "' needs " +
              (positive ? "positive" : "non-negative") + " values, but child '" + fw[kids[c]].code +
              "' is " + format_number(v) + " for unit '" + units[i] +
              "' (normalise to a positive range, e.g. min_max with lo 1 and hi 100)"));
        }
      }
    }
    out[i] = agg(xs, wv, k);
  }
}

/// Aggregates node `nd` with a column-wide aggregator (aggregate/column.hpp). The units taking
/// part are those with every weighted child available (for an aggregator that accepts missing
/// values: at least one, and the missing rule's share); the others get NaN and a warning. The
/// aggregator sees those units x the weighted children as one contiguous column-major matrix, with
/// the children's weights renormalised to sum to 1; its extra outputs are spread back to every
/// unit (NaN for the units that did not take part).
template <class Aggregate>
void aggregate_node_columns(const Aggregate& agg, const framework& fw, std::size_t nd,
                            const double* const* cols, const double* w, std::size_t n_units,
                            missing_rule rule, const std::vector<std::string>& units, double* out,
                            node_outputs& extra, std::vector<diagnostic>& diags) {
  (void)sizeof(aggregate::detail::requires_column_aggregator<Aggregate>);
  constexpr bool partial = aggregate::accepts_missing_v<Aggregate>;
  const auto& kids = fw.children(nd);
  std::vector<std::size_t> weighted;
  for (std::size_t c = 0; c < kids.size(); ++c) {
    if (w[c] != 0.0)
      weighted.push_back(c);
  }
  const std::size_t m = weighted.size();
  extra.clear();
  extra.node = fw[nd].code;
  for (std::size_t c : weighted)
    extra.children.push_back(fw[kids[c]].code);
  std::vector<std::size_t> rows;
  rows.reserve(n_units);
  for (std::size_t i = 0; i < n_units; ++i) {
    std::size_t k = 0;
    for (std::size_t c : weighted) {
      if (!std::isnan(cols[c][i]))
        ++k;
    }
    if (k == m && m > 0) {
      rows.push_back(i);
      continue;
    }
    const double share = m == 0 ? 0.0 : static_cast<double>(k) / static_cast<double>(m);
    if (partial && k > 0 && !rule.propagate && share >= rule.min_share) {
      rows.push_back(i);
      continue;
    }
    out[i] = nan_v;
    std::string why = k == 0     ? "no child has data"
                      : !partial ? std::string("'") + agg.name() +
                                       "' needs every weighted child; it runs on the complete units"
                      : rule.propagate ? "missing children propagate"
                                       : "share " + format_number(share) + " < min_share " +
                                             format_number(rule.min_share);
    diags.push_back({diagnostic::level::warning, "aggregate", fw[nd].code, units[i],
                     "aggregate: node '" + fw[nd].code + "' is missing for unit '" + units[i] +
                         "' (" + std::to_string(k) + " of " + std::to_string(m) +
                         " children available; " + why + ")"});
  }
  if (rows.empty())
    return;
  const std::size_t n = rows.size();
  std::vector<double> x(n * m);
  std::vector<double> wv(m);
  for (std::size_t j = 0; j < m; ++j)
    wv[j] = w[weighted[j]];
  scale_to_unit_sum(wv.data(), m);
  for (std::size_t j = 0; j < m; ++j) {
    const double* src = cols[weighted[j]];
    for (std::size_t r = 0; r < n; ++r)
      x[j * n + r] = src[rows[r]];
  }
  extra.units.reserve(n);
  for (std::size_t r : rows)
    extra.units.push_back(units[r]);
  std::vector<double> scores(n, nan_v);
  agg.aggregate_all(matrix_view(x.data(), n, m), wv.data(), scores.data(), extra);
  for (std::size_t r = 0; r < n; ++r)
    out[rows[r]] = scores[r];
  extra.scatter(rows, n_units);
}

/// The aggregate-and-rank stage. `aggregator_for(aggregate_slot, f)` calls `f` with the
/// aggregator of that node; `scheme_for(aggregate_slot)` returns the weighting scheme of that
/// node's children (`weights` holds the planned weights; computed schemes replace them). Allocates
/// nothing when `out` and `ws` were used for the same shape and every scheme is explicit or equal.
template <class AggregatorFor, class SchemeFor>
void evaluate(const std::shared_ptr<const prepared_data>& data, const std::vector<double>& weights,
              AggregatorFor&& aggregator_for, SchemeFor&& scheme_for, missing_rule rule,
              rank::ties ties, rank_scope scope, evaluation_workspace& ws, result& out) {
  const framework& fw = *data->tree;
  if (!data->ranks.empty() && data->ties != ties) {
    GOVMETRICS_THROW(spec_error(std::string("pipeline: the indicators were ranked with ties '") +
                                rank::to_string(data->ties) + "' but evaluation asks for '" +
                                rank::to_string(ties) + "' (prepare with the same ties policy)"));
  }
  const std::size_t n = data->n_units;
  const auto& order = fw.aggregation_order();
  const std::size_t n_agg = order.size();

  result_access::data(out) = data;
  result_access::reset_unit_index(out);
  result_access::ties(out) = ties;
  auto& scores = result_access::scores(out);
  scores.resize(n * n_agg);
  auto& used_weights = result_access::weights(out);
  used_weights = weights;
  auto& weight_details = result_access::weight_details(out);
  weight_details.resize(n_agg);
  auto& methods = result_access::methods(out);
  methods.resize(fw.size());
  auto& diags = result_access::diagnostics(out);
  diags.clear();
  auto& outputs = result_access::outputs(out);
  outputs.resize(n_agg);

  std::size_t max_children = 0;
  for (std::size_t nd : order)
    max_children = std::max(max_children, fw.children(nd).size());
  ws.xs.resize(max_children);
  ws.ws.resize(max_children);
  ws.child_weights.resize(max_children);
  ws.columns.resize(max_children);
  ws.child_flags.resize(max_children);

  for (std::size_t slot = 0; slot < n_agg; ++slot) {
    const std::size_t nd = order[slot];
    const auto& kids = fw.children(nd);
    for (std::size_t c = 0; c < kids.size(); ++c) {
      const std::size_t k = kids[c];
      ws.columns[c] = fw.is_indicator(k) ? data->column(fw.indicator_slot(k)).data()
                                         : scores.data() + fw.aggregate_slot(k) * n;
      ws.child_weights[c] = weights[k];
      ws.child_flags[c] = fw.is_indicator(k) ? ws.column_flags(data, fw.indicator_slot(k))
                                             : static_cast<unsigned char>(0);
    }
    // Given weights need not be normalised among siblings, and may lie anywhere in the double
    // range: scaled here (largest first), so 1e308 siblings neither overflow nor become 0.
    scale_to_unit_sum(ws.child_weights.data(), kids.size());
    std::visit(
        [&](const auto& scheme) {
          node_weights_at(scheme, fw, nd, ws.columns.data(), ws.child_weights.data(), n,
                          data->units, weight_details[slot], diags);
        },
        scheme_for(slot));
    for (std::size_t c = 0; c < kids.size(); ++c)
      used_weights[kids[c]] = ws.child_weights[c];
    aggregator_for(slot, [&](const auto& agg) {
      using A = std::decay_t<decltype(agg)>;
      methods[nd] = agg.name();
      if constexpr (aggregate::is_column_aggregator_v<A>) {
        aggregate_node_columns(agg, fw, nd, ws.columns.data(), ws.child_weights.data(), n, rule,
                               data->units, scores.data() + slot * n, outputs[slot], diags);
      } else {
        if (!outputs[slot].empty())
          outputs[slot].clear();
        constexpr bool arithmetic = std::is_same_v<A, aggregate::arithmetic>;
        constexpr bool geometric = std::is_same_v<A, aggregate::geometric>;
        bool done = false;
        if constexpr (arithmetic || geometric) {
          if constexpr (geometric) {
            ws.log_columns.resize(max_children);
            for (std::size_t c = 0; c < kids.size(); ++c) {
              ws.log_columns[c] = fw.is_indicator(kids[c])
                                      ? ws.log_column(data, fw.indicator_slot(kids[c]))
                                      : nullptr;
            }
          }
          done = aggregate_node_mean<geometric>(fw, nd, ws.columns.data(), ws.child_weights.data(),
                                                n, rule, data->units, scores.data() + slot * n, ws,
                                                diags);
        }
        if (!done) {
          aggregate_node(agg, fw, nd, ws.columns.data(), ws.child_weights.data(), n, rule,
                         data->units, scores.data() + slot * n, ws, diags);
        }
      }
      require_finite_column(
          "aggregate", [&] { return "node '" + fw[nd].code + "' aggregated by " + agg.name(); },
          scores.data() + slot * n, n, data->units, "the aggregate overflows a double");
    });
  }

  auto& ranks = result_access::ranks(out);
  auto& ranked = result_access::ranked(out);
  ranks.resize(n * n_agg);
  ranked.assign(n_agg, nan_v);
  ws.rank_orders.resize(n_agg);
  for (std::size_t slot = 0; slot < n_agg; ++slot) {
    const bool want = scope != rank_scope::root || order[slot] == fw.root();
    if (!want)
      continue;
    ranked[slot] = 1.0;
    rank::rank_into(column_view{scores.data() + slot * n, n}, ties, ranks.data() + slot * n,
                    ws.rank_ws, &ws.rank_orders[slot]);
  }
}

/// The aggregate-and-rank stage with the given weights at every node (reported as "explicit").
template <class AggregatorFor>
void evaluate(const std::shared_ptr<const prepared_data>& data, const std::vector<double>& weights,
              AggregatorFor&& aggregator_for, missing_rule rule, rank::ties ties, rank_scope scope,
              evaluation_workspace& ws, result& out) {
  static const govmetrics::weights::any given = govmetrics::weights::explicit_weights{};
  evaluate(
      data, weights, std::forward<AggregatorFor>(aggregator_for),
      [](std::size_t) -> const govmetrics::weights::any& { return given; }, rule, ties, scope, ws,
      out);
}

} // namespace detail
} // namespace govmetrics
