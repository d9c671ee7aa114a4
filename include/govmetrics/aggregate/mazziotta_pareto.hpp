// govmetrics: aggregate `mazziotta_pareto{variant, penalty, goalposts, lo, hi}` (column-wide:
// Mazziotta-Pareto Index MPI and its adjusted form AMPI).
#pragma once

#include "govmetrics/aggregate/column.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::aggregate {

/// The Mazziotta-Pareto Index (Mazziotta & Pareto 2016, Soc. Indic. Res. 127:983-1003), a
/// non-compensatory mean that penalises units whose children are unbalanced.
///
/// Each weighted child j is first put on a common scale over the n units taking part:
/// - variant "mpi" (default): z_ij = 100 + 10 (x_ij - M_j) / S_j, M_j the mean and S_j the
///   POPULATION standard deviation (divisor n) of child j, as Mazziotta & Pareto define it;
/// - variant "ampi": z_ij = 70 + 60 (x_ij - Min_j) / (Max_j - Min_j), with goalposts "data"
///   (default: Min_j, Max_j = the child's minimum and maximum over the units taking part) or
///   "fixed" (Min_j = lo, Max_j = hi for every child, e.g. 0 and 100 after a min-max).
/// Then, per unit, with w the children's weights (summing to 1): M_i = sum_j w_j z_ij,
/// S_i = sqrt(sum_j w_j (z_ij - M_i)^2) (population, weighted; equal weights give Mazziotta &
/// Pareto's unweighted index exactly), cv_i = S_i / M_i and
/// score_i = M_i - S_i cv_i (penalty "negative", default: for a phenomenon where higher = better,
/// imbalance lowers the score) or M_i + S_i cv_i (penalty "positive").
/// Children arrive direction-corrected (higher = better). Outputs: columns `mean` (M_i), `sd`
/// (S_i), `cv` (cv_i). Errors: data_error for a child that is constant over the units taking part
/// (mpi: S_j = 0; ampi with data goalposts: Max_j = Min_j), for fewer than 2 units (mpi), and for a
/// unit with M_i <= 0 (cv undefined; only possible with fixed goalposts far from the data). Units
/// lacking a weighted child get NaN (and a warning).
struct mazziotta_pareto {
  std::string variant = "mpi";      ///< "mpi" or "ampi"
  std::string penalty = "negative"; ///< "negative" (M - S cv) or "positive" (M + S cv)
  std::string goalposts = "data";   ///< ampi only: "data" or "fixed"
  double lo = 0.0;                  ///< ampi with fixed goalposts: Min
  double hi = 100.0;                ///< ampi with fixed goalposts: Max

  static constexpr const char* name() noexcept { return "mazziotta_pareto"; }

  void validate() const {
    const auto bad = [](const char* key, const std::string& got, const char* expected) {
      GOVMETRICS_THROW(spec_error(std::string("aggregate::mazziotta_pareto: parameter '") + key +
                                  "' must be " + expected + " (got '" + got + "')"));
    };
    if (variant != "mpi" && variant != "ampi")
      bad("variant", variant, "'mpi' or 'ampi'");
    if (penalty != "negative" && penalty != "positive")
      bad("penalty", penalty, "'negative' or 'positive'");
    if (goalposts != "data" && goalposts != "fixed")
      bad("goalposts", goalposts, "'data' or 'fixed'");
    if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi)) {
      GOVMETRICS_THROW(spec_error(
          "aggregate::mazziotta_pareto: parameters 'lo' and 'hi' must be finite with lo < hi (lo " +
          govmetrics::detail::format_number(lo) + ", hi " + govmetrics::detail::format_number(hi) +
          ")"));
    }
  }

  void aggregate_all(matrix_view x, const double* w, double* out, node_outputs& extra) const {
    validate();
    using govmetrics::detail::format_number;
    const std::size_t n = x.rows();
    const std::size_t m = x.cols();
    const bool ampi = variant == "ampi";
    // (the messages' prefix, built only for an error: the usual call allocates nothing)
    const auto who = [&] { return "aggregate::mazziotta_pareto: " + detail::node_context(extra); };
    if (!ampi && n < 2) {
      GOVMETRICS_THROW(data_error(who() +
                                  ": mpi standardises each child over the units taking part "
                                  "and needs at least 2 of them"));
    }
    // z, column-major like x
    double* z = extra.scratch(n * m);
    for (std::size_t j = 0; j < m; ++j) {
      const column_view c = x.column(j);
      double* zj = z + j * n;
      const auto child = [&] {
        return j < extra.children.size() ? extra.children[j] : std::to_string(j);
      };
      if (!ampi) {
        govmetrics::detail::neumaier_sum s;
        for (double v : c)
          s.add(v);
        const double mean = s.value() / static_cast<double>(n);
        govmetrics::detail::neumaier_sum ss;
        for (double v : c)
          ss.add((v - mean) * (v - mean));
        const double sd = std::sqrt(ss.value() / static_cast<double>(n));
        if (!(sd > 0.0)) {
          GOVMETRICS_THROW(data_error(who() + ": child '" + child() + "' is constant (all " +
                                      format_number(c[0]) +
                                      "); mpi divides by its standard deviation"));
        }
        for (std::size_t i = 0; i < n; ++i)
          zj[i] = 100.0 + 10.0 * (c[i] - mean) / sd;
      } else {
        double mn = lo;
        double mx = hi;
        if (goalposts == "data") {
          mn = mx = c[0];
          for (double v : c) {
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
          }
          if (!(mx > mn)) {
            GOVMETRICS_THROW(data_error(who() + ": child '" + child() + "' is constant (all " +
                                        format_number(mn) +
                                        "); ampi with data goalposts divides by its range"));
          }
        }
        for (std::size_t i = 0; i < n; ++i)
          zj[i] = 70.0 + 60.0 * (c[i] - mn) / (mx - mn);
      }
    }
    double* mean_out = extra.add_column("mean", n);
    double* sd_out = extra.add_column("sd", n);
    double* cv_out = extra.add_column("cv", n);
    const double sign = penalty == "negative" ? -1.0 : 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      govmetrics::detail::neumaier_sum ms;
      for (std::size_t j = 0; j < m; ++j)
        ms.add(w[j] * z[j * n + i]);
      const double mi = ms.value();
      govmetrics::detail::neumaier_sum vs;
      for (std::size_t j = 0; j < m; ++j) {
        const double d = z[j * n + i] - mi;
        vs.add(w[j] * d * d);
      }
      const double si = std::sqrt(vs.value());
      if (!(mi > 0.0)) {
        const std::string unit = i < extra.units.size() ? extra.units[i] : std::to_string(i);
        GOVMETRICS_THROW(data_error(who() + ": unit '" + unit + "' has mean rescaled value " +
                                    format_number(mi) +
                                    " <= 0, so its coefficient of variation is undefined (check "
                                    "the goalposts 'lo' and 'hi')"));
      }
      const double cv = si / mi;
      mean_out[i] = mi;
      sd_out[i] = si;
      cv_out[i] = cv;
      out[i] = mi + sign * si * cv;
    }
  }
};

static_assert(is_column_aggregator_v<mazziotta_pareto>,
              "aggregate::mazziotta_pareto must model the column-wide aggregator concept");

} // namespace govmetrics::aggregate
