// govmetrics: the data stages of the prepare step, before treatment and normalisation, in COINr's
// order: denominate -> impute -> screen. Each stage that runs keeps its whole data set in
// prepared_data (denominated, imputed, screened) so results can be audited stage by stage.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/framework.hpp"
#include "govmetrics/impute/any.hpp"
#include "govmetrics/missing/screen.hpp"
#include "govmetrics/pipeline/diagnostic.hpp"
#include "govmetrics/pipeline/result.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace govmetrics {

/// The run-time choices of the data stages, resolved per indicator (denominators are node
/// fields, so they need no entry here).
struct data_stages {
  /// Imputer of each indicator slot (framework().indicators() order); empty: no imputation.
  std::vector<impute::any> imputers;
  missing::screen screen{};
};

namespace detail {

/// "'a', 'b', 'c', ..." of the first five names picked by `pick(i)` among `n`, for messages.
template <class Name>
std::string first_names(const std::vector<std::size_t>& idx, Name&& name) {
  std::string s;
  for (std::size_t k = 0; k < idx.size() && k < 5; ++k)
    s += (k ? ", '" : "'") + name(idx[k]) + "'";
  return s + (idx.size() > 5 ? ", ..." : "");
}

/// Copies the current input columns into a new stage buffer and points `input` at it.
inline std::vector<double> open_stage(std::vector<column_view>& input, std::size_t n) {
  std::vector<double> stage(n * input.size());
  for (std::size_t s = 0; s < input.size(); ++s) {
    for (std::size_t u = 0; u < n; ++u)
      stage[s * n + u] = input[s][u];
  }
  return stage;
}

inline void point_at(std::vector<column_view>& input, const std::vector<double>& stage,
                     std::size_t n) {
  for (std::size_t s = 0; s < input.size(); ++s)
    input[s] = column_view{stage.data() + s * n, n};
}

/// Denominate -> impute -> screen. `input[s]` starts as indicator slot s's data column and ends
/// as the column the treatment sees. Fills the stage buffers, records and diagnostics of `out`.
template <class Data>
void run_data_stages(const framework& fw, const Data& data, const data_stages& stages,
                     std::vector<column_view>& input, prepared_data& out) {
  const auto& inds = fw.indicators();
  const std::size_t n = data.n_units();
  const auto unit = [&](std::size_t u) { return data.units()[u]; };

  // ---- denominate
  bool any_denominator = false;
  std::string absent;
  for (std::size_t i : inds) {
    const node& nd = fw[i];
    if (nd.denominator.empty())
      continue;
    any_denominator = true;
    if (!data.has_indicator(nd.denominator)) {
      absent += (absent.empty() ? "'" : ", '") + nd.code + "' (denominator column '" +
                nd.denominator + "')";
    }
  }
  if (!absent.empty()) {
    GOVMETRICS_THROW(
        data_error("denominate: the data lack the denominator column of indicator " + absent));
  }
  if (any_denominator) {
    out.denominated = open_stage(input, n);
    for (std::size_t s = 0; s < inds.size(); ++s) {
      const node& nd = fw[inds[s]];
      if (nd.denominator.empty())
        continue;
      const column_view den = data.column(data.indicator_index(nd.denominator));
      double* col = out.denominated.data() + s * n;
      std::vector<std::size_t> zero;
      std::vector<std::size_t> missing_den;
      for (std::size_t u = 0; u < n; ++u) {
        if (std::isnan(col[u]))
          continue;
        if (den[u] == 0.0) {
          zero.push_back(u);
          col[u] = std::numeric_limits<double>::quiet_NaN();
        } else if (std::isnan(den[u])) {
          missing_den.push_back(u);
          col[u] = std::numeric_limits<double>::quiet_NaN();
        } else {
          const double value = col[u];
          col[u] /= den[u];
          if (std::isinf(col[u])) {
            GOVMETRICS_THROW(data_error("denominate: indicator '" + nd.code +
                                        "' divided by its denominator '" + nd.denominator +
                                        "' overflows a double for unit '" + unit(u) + "' (" +
                                        format_number(value) + " / " + format_number(den[u]) +
                                        "); rescale the indicator or the denominator"));
          }
        }
      }
      if (!zero.empty()) {
        out.diagnostics.push_back(
            {diagnostic::level::warning, "denominate", nd.code,
             zero.size() == 1 ? unit(zero[0]) : "",
             "denominate: indicator '" + nd.code + "' has denominator '" + nd.denominator +
                 "' equal to 0 for " + count_of(zero.size(), "unit", "units") + " (" +
                 first_names(zero, unit) + "); set to missing (COINr would give Inf or NaN)"});
      }
      if (!missing_den.empty()) {
        out.diagnostics.push_back({diagnostic::level::info, "denominate", nd.code,
                                   missing_den.size() == 1 ? unit(missing_den[0]) : "",
                                   "denominate: indicator '" + nd.code + "' has denominator '" +
                                       nd.denominator + "' missing for " +
                                       count_of(missing_den.size(), "unit", "units") + " (" +
                                       first_names(missing_den, unit) + "); set to missing"});
      }
    }
    point_at(input, out.denominated, n);
  }

  // ---- impute
  bool any_imputer = false;
  for (const auto& m : stages.imputers)
    any_imputer = any_imputer || !std::holds_alternative<impute::none>(m);
  if (any_imputer) {
    if (stages.imputers.size() != inds.size()) {
      GOVMETRICS_THROW(spec_error("impute: " + std::to_string(stages.imputers.size()) +
                                  " imputers given for " + std::to_string(inds.size()) +
                                  " indicators"));
    }
    // Every group column first, so that an absent one is reported before any work.
    for (std::size_t s = 0; s < inds.size(); ++s) {
      const std::string g = impute::group_of(stages.imputers[s]);
      if (!g.empty() && !data.has_labels(g)) {
        std::string have;
        for (const auto& [k, v] : data.all_labels()) {
          (void)v;
          have += (have.empty() ? "'" : ", '") + k + "'";
        }
        GOVMETRICS_THROW(data_error(
            "impute::" + impute::name_of(stages.imputers[s]) + ": indicator '" + fw[inds[s]].code +
            "' is imputed by group '" + g + "', but the data have no such label column (" +
            (have.empty() ? std::string("no label columns") : "label columns: " + have) +
            "; read it with csv_options::label_columns)"));
      }
    }
    out.imputed = open_stage(input, n);
    for (std::size_t s = 0; s < inds.size(); ++s) {
      const auto& imputer = stages.imputers[s];
      if (std::holds_alternative<impute::none>(imputer))
        continue;
      const node& nd = fw[inds[s]];
      const std::string g = impute::group_of(imputer);
      impute::column_ref col{out.imputed.data() + s * n,
                             n,
                             nd.code,
                             &data.units(),
                             g.empty() ? nullptr : &data.labels(g),
                             g};
      impute::details d = std::visit(
          [&](const auto& m) {
            (void)sizeof(impute::detail::requires_imputer<std::decay_t<decltype(m)>>);
            return m.apply(col);
          },
          imputer);
      d.indicator = nd.code;
      const std::string how = d.method + (g.empty() ? "" : " by '" + g + "'");
      if (d.imputed() > 0) {
        out.diagnostics.push_back(
            {diagnostic::level::info, "impute", nd.code, "",
             "impute: indicator '" + nd.code + "': " + count_of(d.imputed(), "cell", "cells") +
                 " imputed (" + how + "; " + first_names(d.units, unit) + ")"});
      }
      for (const auto& grp : d.empty_groups) {
        out.diagnostics.push_back(
            {diagnostic::level::warning, "impute", nd.code, "",
             "impute: indicator '" + nd.code + "' has no data " +
                 (grp.empty() ? std::string("at all") : "in group '" + grp + "'") +
                 "; its missing cells stay missing (" + how + ")"});
      }
      out.imputation.push_back(std::move(d));
    }
    point_at(input, out.imputed, n);
  }

  // ---- screen
  if (stages.screen.active()) {
    stages.screen.validate();
    out.screened = open_stage(input, n);
    const std::size_t m = inds.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<bool> kept(n, true);
    std::size_t n_kept = n;
    out.unit_shares.assign(n, 0.0);
    for (std::size_t u = 0; u < n; ++u) {
      std::size_t have = 0;
      for (std::size_t s = 0; s < m; ++s)
        have += std::isnan(out.screened[s * n + u]) ? 0U : 1U;
      const double share = m == 0 ? 0.0 : static_cast<double>(have) / static_cast<double>(m);
      out.unit_shares[u] = share;
      if (share < stages.screen.min_share) {
        kept[u] = false;
        --n_kept;
        out.screened_units.push_back(unit(u));
        for (std::size_t s = 0; s < m; ++s)
          out.screened[s * n + u] = nan;
        out.diagnostics.push_back(
            {diagnostic::level::warning, "screen", "", unit(u),
             "screen: unit '" + unit(u) + "' screened out: " + std::to_string(have) + " of " +
                 std::to_string(m) + " indicators available (share " + format_number(share) +
                 " < min_share " + format_number(stages.screen.min_share) +
                 "); kept in the results with missing values"});
      }
    }
    if (n_kept == 0 && n > 0) {
      GOVMETRICS_THROW(data_error("screen: every unit is below min_share " +
                                  format_number(stages.screen.min_share) + " (" +
                                  std::to_string(n) + " units; nothing left to compute)"));
    }
    if (stages.screen.indicator_min_share > 0.0) {
      for (std::size_t s = 0; s < m; ++s) {
        std::size_t have = 0;
        for (std::size_t u = 0; u < n; ++u)
          have += kept[u] && !std::isnan(out.screened[s * n + u]) ? 1U : 0U;
        const double share = static_cast<double>(have) / static_cast<double>(n_kept);
        if (share < stages.screen.indicator_min_share) {
          const node& nd = fw[inds[s]];
          out.screened_indicators.push_back(nd.code);
          for (std::size_t u = 0; u < n; ++u)
            out.screened[s * n + u] = nan;
          out.diagnostics.push_back(
              {diagnostic::level::warning, "screen", nd.code, "",
               "screen: indicator '" + nd.code + "' screened out: data for " +
                   std::to_string(have) + " of " + std::to_string(n_kept) + " units (share " +
                   format_number(share) + " < indicator_min_share " +
                   format_number(stages.screen.indicator_min_share) +
                   "); all its values are missing and its parent uses its other children"});
        }
      }
    }
    point_at(input, out.screened, n);
  }
}

} // namespace detail
} // namespace govmetrics
