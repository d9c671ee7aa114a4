// govmetrics: the preparation stage shared by the compile-time and the run-time pipelines: the
// data stages, then treatment and normalisation of every indicator, into a prepared_data.
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
#include "govmetrics/normalize/detail.hpp"
#include "govmetrics/normalize/fitted.hpp"
#include "govmetrics/pipeline/column_checks.hpp"
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
namespace detail {

/// Applies the direction sign, fits `norm` on the adjusted column and normalises it into `out`;
/// returns the fitted parameters. `units` (the unit ids in column order) reach the normaliser's
/// fit (distance_to_reference). `signed_extent` given: `out` already holds the signed column and
/// this is its extent (normalize::detail::signed_copy_extent), which the fit receives. `summary`
/// given: set to summarise_column of `out` (by the normaliser's apply_column when it returns
/// one, in its pass).
template <class Normalize>
typename Normalize::params
normalize_values(const Normalize& norm, const node& ind, column_view raw, double* out,
                 const std::vector<std::string>* units = nullptr,
                 const column_extent* signed_extent = nullptr, column_summary* summary = nullptr) {
  (void)sizeof(detail::requires_normalizer<Normalize>);
  const std::size_t n = raw.size();
  if (signed_extent == nullptr) {
    const double sign = sign_of(ind.polarity);
    for (std::size_t i = 0; i < n; ++i)
      out[i] = raw[i] * sign;
  }
  auto params =
      norm.fit(fit_input{column_view{out, n}, ind.polarity, ind.code, units, signed_extent});
  bool summarised = false;
  if constexpr (has_apply_column_v<Normalize>) {
    using applied = decltype(norm.apply_column(params, out, n));
    if constexpr (std::is_same_v<applied, column_summary>) {
      const column_summary s = norm.apply_column(params, out, n);
      if (summary != nullptr)
        *summary = s;
      summarised = true;
    } else {
      norm.apply_column(params, out, n);
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isnan(out[i]))
        out[i] = norm.apply(params, out[i]);
    }
  }
  if (summary != nullptr && !summarised)
    *summary = summarise_column(out, n);
  return params;
}

/// normalize_values, and the record of the fit (its parameters described by name).
template <class Normalize>
normalize::fitted normalize_column(const Normalize& norm, const node& ind, column_view raw,
                                   double* out, const std::vector<std::string>* units = nullptr,
                                   const column_extent* signed_extent = nullptr,
                                   column_summary* summary = nullptr) {
  const auto params = normalize_values(norm, ind, raw, out, units, signed_extent, summary);
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
    const std::size_t j = data.find_indicator(nd.column);
    if (j == data.n_indicators()) {
      absent += (absent.empty() ? "" : ", ") + ("'" + nd.code + "' (column '" + nd.column + "')");
      continue;
    }
    columns.push_back(j);
  }
  if (!absent.empty()) {
    GOVMETRICS_THROW(data_error("pipeline: the data lack the column of indicator " + absent));
  }
  out->values.resize(n * inds.size());
  out->column_flags.assign(inds.size(), 0);
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
    double* dst = out->values.data() + s * n;
    column_view input = stage_input[s];
    // An indicator that reaches its normaliser as given (no data stage is active, which would copy
    // every column, and it has no treatment):
    // one pass copies it with its sign into `dst` and finds its extent, which give the missing
    // count, the check for infinite values and the min_max fit (the same bits as separate
    // passes).
    bool untreated = true;
    treater_for(inds[s], [&](const auto& treatment) {
      untreated = std::is_same_v<std::decay_t<decltype(treatment)>, treat::none>;
    });
    const bool one_pass = untreated && !screened_out[s] && input.data() == raw.data();
    column_extent signed_extent;
    std::size_t n_missing = 0;
    bool infinite = false;
    if (one_pass) {
      signed_extent =
          normalize::detail::signed_copy_extent(raw.data(), sign_of(nd.polarity), dst, n);
      n_missing = n - signed_extent.n;
      constexpr double largest = std::numeric_limits<double>::max();
      infinite = signed_extent.n > 0 && !(std::fabs(signed_extent.min) <= largest &&
                                          std::fabs(signed_extent.max) <= largest);
    } else {
      const column_summary given = summarise_column(raw.data(), n);
      n_missing = given.missing;
      infinite = given.infinite > 0;
    }
    if (n_missing > 0) {
      std::string first_missing;
      for (std::size_t u = 0, listed = 0; u < n && listed < 5; ++u) {
        if (std::isnan(raw[u]))
          first_missing += (listed++ ? ", '" : "'") + data.units()[u] + "'";
      }
      out->diagnostics.push_back({diagnostic::level::info, "data", nd.code, "",
                                  "data: indicator '" + nd.code + "' is missing for " +
                                      std::to_string(n_missing) + " of " + std::to_string(n) +
                                      " units (" + first_missing + (n_missing > 5 ? ", ..." : "") +
                                      ")"});
    }
    if (infinite) { // (known from the pass above: the error names the first unit)
      throw_infinite(
          "data", [&] { return "indicator '" + nd.code + "'"; }, raw.data(), n, out->units,
          "values must be finite numbers (NaN for missing)");
    }
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
      // what the overflow check and evaluation want to know of the column, learnt in the
      // normaliser's pass (or one more)
      column_summary summary;
      // (described by name when the result's params() are first read)
      out->params.add(nd.code, norm,
                      normalize_values(norm, nd, input, dst, &out->units,
                                       one_pass ? &signed_extent : nullptr, &summary));
      if (summary.infinite > 0) {
        throw_infinite(
            "normalize", [&] { return "indicator '" + nd.code + "' normalised by " + norm.name(); },
            dst, n, out->units, "the normalisation overflows a double");
      }
      out->column_flags[s] = flags_of(summary.missing, summary.not_positive);
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

} // namespace detail
} // namespace govmetrics
