// govmetrics: combined subjective-objective weights, `weights::combined_method` ("combined"):
// the node's explicit weights mixed with objective weights of its children. Page:
// docs/methods/weights-combined.md.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/mcda.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/weights/details.hpp"
#include "govmetrics/weights/objective_methods.hpp"
#include "govmetrics/weights/pca.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::weights {

/// Subjective weights s (the explicit weights of the children, normalised) combined with objective
/// weights o from `objective` ("entropy", "critic", "std", "cv" or "pca", each with its default
/// parameters):
///   mode "linear":         w = alpha s + (1 - alpha) o
///   mode "multiplicative": w = s o / sum(s o)          (alpha is not used)
struct combined_method {
  std::string objective = "entropy";
  double alpha = 0.5;
  std::string mode = "linear";

  static constexpr const char* name() noexcept { return "combined"; }
  std::size_t min_units() const noexcept { return objective == "pca" ? 3 : 2; }

  void validate() const {
    namespace dm = govmetrics::detail::mcda;
    if (objective != "entropy" && objective != "critic" && objective != "std" &&
        objective != "cv" && objective != "pca") {
      GOVMETRICS_THROW(spec_error("weights::combined: unknown objective method '" + objective +
                                  "' (expected 'entropy', 'critic', 'std', 'cv' or 'pca')"));
    }
    if (mode != "linear" && mode != "multiplicative") {
      GOVMETRICS_THROW(spec_error("weights::combined: unknown mode '" + mode +
                                  "' (expected 'linear' or 'multiplicative')"));
    }
    if (!(alpha >= 0.0 && alpha <= 1.0)) {
      GOVMETRICS_THROW(spec_error("weights::combined: alpha is " + dm::format_number(alpha) +
                                  " (expected a number from 0 to 1)"));
    }
  }

  details compute(const node_input& in) const { return detail::compute_via_into(*this, in); }
  /// The weights into `out.weights` and the objective ones into `out.objective` (their memory
  /// reused: no allocation once warm, except with `pca`, whose eigen solver allocates).
  void compute_into(const node_input& in, details& out, std::vector<double>& scratch) const {
    if (objective == "entropy")
      entropy_method{}.compute_into(in, out, scratch);
    else if (objective == "critic")
      critic_method{}.compute_into(in, out, scratch);
    else if (objective == "std")
      std_method{}.compute_into(in, out, scratch);
    else if (objective == "cv")
      cv_method{}.compute_into(in, out, scratch);
    else
      pca_method{}.compute_into(in, out, scratch);
    out.objective = out.weights;
    const std::size_t k = out.weights.size();
    double* w = out.weights.data();
    const double* o = out.objective.data();
    if (mode == "linear") {
      for (std::size_t c = 0; c < k; ++c)
        w[c] = alpha * in.prior[c] + (1.0 - alpha) * o[c];
    } else {
      for (std::size_t c = 0; c < k; ++c)
        w[c] = in.prior[c] * o[c];
    }
    if (!govmetrics::detail::scale_to_unit_sum(w, k)) {
      GOVMETRICS_THROW(data_error(
          "weights::combined: node '" + in.node +
          "': the subjective and objective weights have no child in common (every product s o "
          "is 0); multiplicative weights are undefined"));
    }
  }
};

} // namespace govmetrics::weights
