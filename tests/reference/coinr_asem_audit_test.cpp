// Reference test: the statistical audit (govmetrics/audit.hpp) against COINr 1.1.14 on the ASEM
// example, pipeline `base` (../shared/reference/coinr_asem/README.md):
// - base_stats_Raw.csv: get_stats(coin, dset = "Raw") with its default thresholds; COINr rounds
//   every number to 3 significant digits (signif(), R's rounding: scale by a power of ten, round
//   half to even): ours, rounded the same way here, must equal the file exactly; flags exactly;
// - base_corr_L1_vs_parent.csv: Pearson, each indicator (normalised) against its pillar, pairwise
//   complete observations: to 1e-12 (the file holds 15 significant digits);
// - base_cronbach.csv: alpha of Physical (its 8 normalised indicators), Conn and Sust (their
//   pillar scores): 1e-12;
// - base_effective_weights.csv: every node's effective weight: 1e-12;
// - base_PCA_weights_level2_all.csv: get_PCA(by_groups = FALSE) on the 8 pillars: the audit's
//   "level:2" group, first component loadings, to 1e-9 (the README's tolerance).
#include "coinr_asem_support.hpp"

#include <govmetrics/audit.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace reference_coinr_asem_audit_test {

namespace {

namespace gm = govmetrics;
namespace audit = govmetrics::audit;
using coinr_asem::num;
using coinr_asem::read_cells;

constexpr double tol = 1e-12;

/// R's signif(x, 3) (nmath fprec.c): e10 = digits - 1 - floor(log10 |x|); x * 10^e10 rounded half
/// to even, divided back (or the reverse for e10 <= 0).
double r_signif(double x, int digits = 3) {
  if (!std::isfinite(x) || x == 0.0)
    return x;
  const double sgn = x < 0 ? -1.0 : 1.0;
  const double a = std::fabs(x);
  const int e10 = digits - 1 - static_cast<int>(std::floor(std::log10(a)));
  double p = 1.0;
  for (int i = 0; i < std::abs(e10); ++i)
    p *= 10.0;
  if (e10 > 0)
    return sgn * std::nearbyint(a * p) / p;
  return sgn * std::nearbyint(a / p) * p;
}

bool close(double ours, double ref) {
  if (std::isnan(ours) || std::isnan(ref))
    return std::isnan(ours) && std::isnan(ref);
  return std::fabs(ours - ref) <= tol * std::max(1.0, std::fabs(ref));
}

const char* flag(bool raised, const char* word) {
  return raised ? word : "ok";
}

} // namespace

TEST_SUITE("reference.coinr_asem.audit") {
  TEST_CASE("statistics of the raw data == COINr get_stats (3 significant digits, flags)") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const auto run = coinr_asem::run_tag("base");
    const auto raw = audit::raw_columns(run.result.tree(), run.data);
    const auto stats = audit::describe(raw);
    const auto cells = read_cells("base_stats_Raw.csv");
    REQUIRE(cells.size() == 50);
    REQUIRE(cells[0].size() == 20);
    std::map<std::string, const audit::statistics*> by_code;
    for (const auto& s : stats)
      by_code[s.code] = &s;
    REQUIRE(stats.size() == 49);
    std::size_t numbers = 0;
    std::size_t flags_raised = 0;
    for (std::size_t row = 1; row < cells.size(); ++row) {
      const auto& c = cells[row];
      REQUIRE(by_code.count(c[0]) == 1);
      const audit::statistics& s = *by_code[c[0]];
      const double ours[15] = {s.min,
                               s.max,
                               s.mean,
                               s.median,
                               s.sd,
                               s.skew,
                               s.kurt,
                               static_cast<double>(s.n_avail),
                               static_cast<double>(s.n_nonzero),
                               static_cast<double>(s.n_unique),
                               static_cast<double>(s.n_same),
                               s.frac_avail,
                               s.frac_nonzero,
                               s.frac_unique,
                               s.frac_same};
      for (std::size_t k = 0; k < 15; ++k) {
        INFO(c[0] << ", column " << cells[0][k + 1] << ": ours " << ours[k] << " (signif "
                  << r_signif(ours[k]) << "), COINr " << c[k + 1]);
        const double ref = num(c[k + 1]);
        if (std::isnan(ref)) {
          CHECK(std::isnan(ours[k]));
        } else {
          CHECK(r_signif(ours[k]) == ref);
        }
        ++numbers;
      }
      INFO(c[0]);
      CHECK(c[16] == flag(s.low_avail, "LOW"));
      CHECK(c[17] == flag(s.low_nonzero, "LOW"));
      CHECK(c[18] == flag(s.low_unique, "LOW"));
      CHECK(c[19] == flag(s.skew_kurt_out, "OUT"));
      flags_raised += s.low_unique ? 1U : 0U;
    }
    CHECK(numbers == 49 * 15);
    CHECK(flags_raised == 5); // Tariff, TIRcon, RTAs, Visa, Poverty (read from the file)
  }

  TEST_CASE("Pearson correlations of indicators with their pillar == COINr get_corr (1e-12)") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const auto run = coinr_asem::run_tag("base");
    const auto rows = audit::correlations(run.result, {audit::correlation_method::pearson});
    std::map<std::pair<std::string, std::string>, const audit::correlation_row*> with_parent;
    for (const auto& r : rows) {
      if (r.with_parent)
        with_parent[{r.b, r.a}] = &r; // (parent, node), COINr's (Var1, Var2)
    }
    const auto cells = read_cells("base_corr_L1_vs_parent.csv");
    REQUIRE(cells.size() == 50);
    for (std::size_t row = 1; row < cells.size(); ++row) {
      const auto& c = cells[row];
      INFO(c[0] << " ~ " << c[1]);
      const auto it = with_parent.find({c[0], c[1]});
      REQUIRE(it != with_parent.end());
      CHECK(close(it->second->r, num(c[2])));
      CHECK(it->second->n <= 51);
      CHECK(it->second->p >= 0.0);
    }
    // ConSpeed has 43 values: the pairwise count says so
    const auto it = with_parent.find({"Physical", "ConSpeed"});
    REQUIRE(it != with_parent.end());
    CHECK(it->second->n == 43);
  }

  TEST_CASE("Cronbach's alpha of Physical, Conn and Sust == COINr get_cronbach (1e-12)") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const auto run = coinr_asem::run_tag("base");
    std::map<std::string, audit::cronbach_row> by_node;
    for (const auto& r : audit::cronbach(run.result))
      by_node[r.node] = r;
    const auto cells = read_cells("base_cronbach.csv");
    REQUIRE(cells.size() == 4);
    for (std::size_t row = 1; row < cells.size(); ++row) {
      INFO(cells[row][0] << ": ours " << by_node[cells[row][0]].alpha << ", COINr "
                         << cells[row][1]);
      REQUIRE(by_node.count(cells[row][0]) == 1);
      CHECK(close(by_node[cells[row][0]].alpha, num(cells[row][1])));
    }
    CHECK(by_node["Physical"].n_children == 8);
    CHECK(by_node["Sust"].n_children == 3);
    CHECK(by_node["Sust"].alpha < 0.0); // COINr's -0.338: negative alphas are reported as they are
  }

  TEST_CASE("effective weights of every node == COINr get_eff_wts (1e-12)") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const auto run = coinr_asem::run_tag("base");
    std::map<std::string, audit::effective_weight> by_node;
    for (const auto& w : audit::effective_weights(run.result))
      by_node[w.node] = w;
    const auto cells = read_cells("base_effective_weights.csv");
    REQUIRE(cells.size() == 61); // header + 49 indicators, 8 pillars, 2 sub-indexes, index
    double indicator_sum = 0.0;
    for (std::size_t row = 1; row < cells.size(); ++row) {
      const auto& c = cells[row];
      INFO(c[0]);
      REQUIRE(by_node.count(c[0]) == 1);
      const auto& w = by_node[c[0]];
      CHECK(static_cast<double>(w.level) == num(c[1]));
      CHECK(close(w.effective_weight, num(c[3])));
      if (w.level == 1)
        indicator_sum += w.effective_weight;
    }
    CHECK(indicator_sum == doctest::Approx(1.0).epsilon(1e-14));
  }

  TEST_CASE("principal components of the pillars (level 2) == COINr get_PCA loadings (1e-9)") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const auto run = coinr_asem::run_tag("base");
    const auto groups = audit::principal_components(run.result);
    const audit::principal_components_row* level2 = nullptr;
    for (const auto& g : groups) {
      if (g.group == "level:2")
        level2 = &g;
    }
    REQUIRE(level2 != nullptr);
    REQUIRE(level2->codes.size() == 8);
    CHECK(level2->n_units == 51);
    const auto cells = read_cells("base_PCA_weights_level2_all.csv");
    std::size_t checked = 0;
    for (std::size_t row = 1; row < cells.size(); ++row) {
      if (num(cells[row][1]) != 2.0)
        continue;
      const auto at = std::find(level2->codes.begin(), level2->codes.end(), cells[row][0]);
      REQUIRE(at != level2->codes.end());
      const double ours = level2->loading(static_cast<std::size_t>(at - level2->codes.begin()), 0);
      const double ref = num(cells[row][2]);
      INFO(cells[row][0] << ": ours " << ours << ", COINr " << ref);
      CHECK(std::fabs(ours - ref) <= 1e-9 * std::max(1.0, std::fabs(ref)));
      ++checked;
    }
    CHECK(checked == 8);
    // the eigenvalues of a correlation matrix sum to its size; shares run to 1
    double sum = 0.0;
    for (double l : level2->eigenvalues)
      sum += l;
    CHECK(sum == doctest::Approx(8.0).epsilon(1e-13));
    CHECK(level2->cumulative.back() == doctest::Approx(1.0).epsilon(1e-13));
    // every aggregate has its group; Physical's 8 indicators among them
    const auto physical = std::find_if(groups.begin(), groups.end(),
                                       [](const auto& g) { return g.group == "Physical"; });
    REQUIRE(physical != groups.end());
    CHECK(physical->codes.size() == 8);
  }
}

} // namespace reference_coinr_asem_audit_test
