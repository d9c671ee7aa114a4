// govmetrics: the objective (data-driven) weights of objective.hpp as pipeline strategies, applied
// at an aggregate node to its children's values: `entropy_method` ("entropy"), `critic_method`
// ("critic"), `std_method` ("std"), `cv_method` ("cv"). Pages: docs/methods/weights-<name>.md.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/detail/mcda.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/weights/details.hpp"
#include "govmetrics/weights/objective.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace govmetrics::weights {

namespace detail {
/// data_error naming the node, the child and the unit of a bad value.
[[noreturn]] inline void bad_value(const char* who, const node_input& in, std::size_t row,
                                   std::size_t col, const std::string& why) {
  GOVMETRICS_THROW(data_error(std::string(who) + ": node '" + in.node + "': child '" +
                              in.children[col] + "' is " +
                              govmetrics::detail::mcda::format_number(in.values(row, col)) +
                              " for unit '" + in.row_units[row] + "' (" + why + ")"));
}

/// data_error naming the node and a constant child.
[[noreturn]] inline void constant_child(const char* who, const node_input& in, std::size_t col,
                                        const std::string& why) {
  GOVMETRICS_THROW(data_error(
      std::string(who) + ": node '" + in.node + "': child '" + in.children[col] +
      "' is constant (all " + govmetrics::detail::mcda::format_number(in.values(0, col)) +
      " over the " + std::to_string(in.values.rows()) + " units used); " + why));
}

/// `method.compute(in)` through its allocation-free `compute_into` (the result's own memory aside).
template <class Method>
details compute_via_into(const Method& method, const node_input& in) {
  details d;
  std::vector<double> scratch;
  method.compute_into(in, d, scratch);
  return d;
}
} // namespace detail

/// "entropy": weights::entropy() on the children's values (normalised indicators or child
/// scores: direction is already applied). `zeros`: "zero_log_zero" (default) or
/// "column_entropy_zero".
struct entropy_method {
  std::string zeros = "zero_log_zero";

  static constexpr const char* name() noexcept { return "entropy"; }
  static constexpr std::size_t min_units() noexcept { return 2; }
  void validate() const { (void)entropy_zeros_from_string(zeros); }
  details compute(const node_input& in) const { return detail::compute_via_into(*this, in); }
  /// The weights into `out.weights` (its memory reused: no allocation once warm).
  void compute_into(const node_input& in, details& out, std::vector<double>& scratch) const {
    (void)scratch;
    for (std::size_t j = 0; j < in.values.cols(); ++j) {
      for (std::size_t i = 0; i < in.values.rows(); ++i) {
        if (in.values(i, j) < 0.0) {
          detail::bad_value("weights::entropy", in, i, j,
                            "entropy weights need values >= 0; normalise with min_max");
        }
      }
    }
    out.weights.resize(in.values.cols());
    entropy_into(in.values, entropy_zeros_from_string(zeros), out.weights.data());
  }
};

/// "critic": weights::critic() with every child positive (the pipeline's values are already
/// direction-corrected: higher = better).
struct critic_method {
  static constexpr const char* name() noexcept { return "critic"; }
  static constexpr std::size_t min_units() noexcept { return 2; }
  void validate() const noexcept {}
  details compute(const node_input& in) const { return detail::compute_via_into(*this, in); }
  /// The weights into `out.weights`, `scratch` for the scaled matrix (both reused: no
  /// allocation once warm).
  void compute_into(const node_input& in, details& out, std::vector<double>& scratch) const {
    for (std::size_t j = 0; j < in.values.cols(); ++j) {
      if (govmetrics::detail::mcda::is_constant(in.values.column(j))) {
        detail::constant_child("weights::critic", in, j,
                               "its min-max range is zero and its correlations undefined");
      }
    }
    if (scratch.size() < in.values.size())
      scratch.resize(in.values.size());
    out.weights.resize(in.values.cols());
    critic_into(in.values, nullptr, scratch.data(), out.weights.data());
  }
};

/// "std": weights::std_dev() (sd with n - 1, normalised; a constant child gets weight 0).
struct std_method {
  static constexpr const char* name() noexcept { return "std"; }
  static constexpr std::size_t min_units() noexcept { return 2; }
  void validate() const noexcept {}
  details compute(const node_input& in) const { return detail::compute_via_into(*this, in); }
  /// The weights into `out.weights` (its memory reused: no allocation once warm).
  void compute_into(const node_input& in, details& out, std::vector<double>& scratch) const {
    (void)scratch;
    out.weights.resize(in.values.cols());
    std_dev_into(in.values, out.weights.data());
  }
};

/// "cv": weights::cv() (sd (n - 1) / mean, normalised; every child needs a positive mean).
struct cv_method {
  static constexpr const char* name() noexcept { return "cv"; }
  static constexpr std::size_t min_units() noexcept { return 2; }
  void validate() const noexcept {}
  details compute(const node_input& in) const { return detail::compute_via_into(*this, in); }
  /// The weights into `out.weights` (its memory reused: no allocation once warm).
  void compute_into(const node_input& in, details& out, std::vector<double>& scratch) const {
    (void)scratch;
    for (std::size_t j = 0; j < in.values.cols(); ++j) {
      const auto mom =
          govmetrics::detail::compute_moments(in.values.column(j).data(), in.values.rows());
      if (!(mom.mean > 0.0)) {
        GOVMETRICS_THROW(
            data_error("weights::cv: node '" + in.node + "': child '" + in.children[j] +
                       "' has mean " + govmetrics::detail::mcda::format_number(mom.mean) +
                       " over the " + std::to_string(in.values.rows()) +
                       " units used (the coefficient of variation needs a positive mean)"));
      }
    }
    out.weights.resize(in.values.cols());
    cv_into(in.values, out.weights.data());
  }
};

} // namespace govmetrics::weights
