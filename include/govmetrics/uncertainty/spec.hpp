// govmetrics: what an uncertainty analysis varies. Each input is one factor: weights drawn around
// the nominal ones, alternatives for a method, one node excluded at a time, noise on the data.
#pragma once

#include "govmetrics/aggregate/any.hpp"
#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/impute/any.hpp"
#include "govmetrics/missing/policy.hpp"
#include "govmetrics/normalize/any.hpp"
#include "govmetrics/treat/any.hpp"
#include "govmetrics/weights/any.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics::uncertainty {

/// How the children's weights of a node are drawn.
enum class weight_distribution {
  uniform,   ///< each nominal weight times U(1 - spread, 1 + spread), then renormalised (COINr)
  dirichlet, ///< Dirichlet(concentration * w): centred on the nominal weights w
  simplex    ///< uniform over all weight vectors (Dirichlet(1, ..., 1)): no preference at all
};

inline const char* name_of(weight_distribution d) noexcept {
  switch (d) {
  case weight_distribution::uniform:
    return "uniform";
  case weight_distribution::dirichlet:
    return "dirichlet";
  case weight_distribution::simplex:
    return "simplex";
  }
  return "?";
}

/// The weights of the children of `nodes` (aggregate node codes; empty: every aggregate node,
/// "*" in a file), drawn around the nominal weights.
struct weights_input {
  std::string name = "weights";
  std::vector<std::string> nodes;
  weight_distribution distribution = weight_distribution::uniform;
  double spread = 0.25;         ///< uniform: the half-width s of U(1 - s, 1 + s), in [0, 1)
  double concentration = 100.0; ///< dirichlet: the total concentration, > 0
};

/// One of several methods for a stage, drawn per replication (equally likely unless
/// `probabilities` are given). `nodes`: the indicators (normalize, treat, impute) or aggregate
/// nodes (aggregate, weights) it applies to; empty: the global method (and every override of that
/// stage is dropped, so the alternative applies everywhere).
struct alternatives_input {
  std::string name;
  std::vector<std::string> nodes;
  std::variant<std::vector<normalize::any>, std::vector<aggregate::any>, std::vector<treat::any>,
               std::vector<impute::any>, std::vector<weights::any>, std::vector<missing::any>>
      alternatives;
  std::vector<double> probabilities; ///< empty: equal

  /// "normalize", "aggregate", "treat", "impute", "weighting" (weighting schemes) or "missing":
  /// the file's `kind`.
  const char* kind() const noexcept {
    static constexpr const char* kinds[] = {"normalize", "aggregate", "treat",
                                            "impute",    "weighting", "missing"};
    return kinds[alternatives.index()];
  }
  std::size_t size() const noexcept {
    return std::visit([](const auto& v) { return v.size(); }, alternatives);
  }
  /// Whether the stage is one of preparation (normalize, treat, impute): its alternatives are
  /// prepared once each and cached; the others only change the evaluation.
  bool prepares() const noexcept {
    return std::holds_alternative<std::vector<normalize::any>>(alternatives) ||
           std::holds_alternative<std::vector<treat::any>>(alternatives) ||
           std::holds_alternative<std::vector<impute::any>>(alternatives);
  }
};

/// Each replication leaves out none or one of `nodes` (equally likely: 1 / (n + 1) each); the
/// weights of its siblings are renormalised.
struct exclude_input {
  std::string name = "exclude";
  std::vector<std::string> nodes;
};

/// Measurement error: each replication adds noise to the values of `indicators` (indicator codes;
/// empty: every indicator, "*" in a file) before any stage runs: x (1 + relative_sd z) or
/// x + sd z, z standard normal, one draw per value (missing values stay missing). The data then
/// differ in every replication, so each one prepares them again (no cache).
struct data_input {
  std::string name = "data";
  std::vector<std::string> indicators;
  double relative_sd = 0.0; ///< multiplicative noise: x (1 + relative_sd z)
  double sd = 0.0;          ///< additive noise: x + sd z
};

using input = std::variant<weights_input, alternatives_input, exclude_input, data_input>;

inline const std::string& name_of(const input& in) noexcept {
  return std::visit([](const auto& x) -> const std::string& { return x.name; }, in);
}

/// The uncertainty analysis: how many replications, from which seed, varying which inputs.
struct spec {
  std::size_t runs = 1000;
  std::uint64_t seed = 42;
  std::vector<input> inputs;
};

namespace detail {

inline void check_probabilities(const alternatives_input& a, const std::string& where) {
  if (a.size() == 0) {
    GOVMETRICS_THROW(spec_error(where + ": no alternatives"));
  }
  if (a.probabilities.empty())
    return;
  if (a.probabilities.size() != a.size()) {
    GOVMETRICS_THROW(spec_error(where + ": " + std::to_string(a.probabilities.size()) +
                                " probabilities for " + std::to_string(a.size()) +
                                " alternatives"));
  }
  double total = 0.0;
  for (double p : a.probabilities) {
    if (!(p >= 0.0) || !std::isfinite(p)) {
      GOVMETRICS_THROW(spec_error(where + ": probability " + govmetrics::detail::format_number(p) +
                                  " is not a finite number >= 0"));
    }
    total += p;
  }
  if (std::fabs(total - 1.0) > 1e-9) {
    GOVMETRICS_THROW(spec_error(where + ": the probabilities sum to " +
                                govmetrics::detail::format_number(total) + ", not 1"));
  }
}

} // namespace detail

/// Checks the parameters that do not depend on a framework; spec_error naming the input.
inline void validate(const spec& s) {
  if (s.runs == 0) {
    GOVMETRICS_THROW(spec_error("uncertainty: 'runs' must be at least 1"));
  }
  for (std::size_t k = 0; k < s.inputs.size(); ++k) {
    const std::string where =
        "uncertainty: input " + std::to_string(k + 1) + " ('" + name_of(s.inputs[k]) + "')";
    if (const auto* w = std::get_if<weights_input>(&s.inputs[k])) {
      if (!(w->spread >= 0.0 && w->spread < 1.0)) {
        GOVMETRICS_THROW(spec_error(where + ": 'spread' must be in [0, 1) (spread " +
                                    govmetrics::detail::format_number(w->spread) + ")"));
      }
      if (!(w->concentration > 0.0) || !std::isfinite(w->concentration)) {
        GOVMETRICS_THROW(spec_error(where + ": 'concentration' must be a finite number > 0"));
      }
    } else if (const auto* a = std::get_if<alternatives_input>(&s.inputs[k])) {
      detail::check_probabilities(*a, where);
      std::visit(
          [](const auto& alts) {
            for (const auto& m : alts)
              std::visit([](const auto& x) { x.validate(); }, m);
          },
          a->alternatives);
    } else if (const auto* e = std::get_if<exclude_input>(&s.inputs[k])) {
      if (e->nodes.empty()) {
        GOVMETRICS_THROW(spec_error(where + ": 'nodes' lists no node to exclude"));
      }
    } else if (const auto* d = std::get_if<data_input>(&s.inputs[k])) {
      const std::pair<const char*, double> params[] = {{"relative_sd", d->relative_sd},
                                                       {"sd", d->sd}};
      for (const auto& [key, v] : params) {
        if (!(v >= 0.0) || !std::isfinite(v)) {
          GOVMETRICS_THROW(spec_error(where + ": '" + key + "' must be a finite number >= 0 (" +
                                      key + " " + govmetrics::detail::format_number(v) + ")"));
        }
      }
      if ((d->relative_sd > 0.0) == (d->sd > 0.0)) {
        GOVMETRICS_THROW(spec_error(where + ": give one of 'relative_sd' (x (1 + relative_sd z)) "
                                            "and 'sd' (x + sd z), above 0"));
      }
    }
  }
}

} // namespace govmetrics::uncertainty
