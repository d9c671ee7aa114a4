// govmetrics internals: the named parameters of every built-in strategy, in one place, for the
// methodology-file reader and writer and the Python bindings. Adding a strategy with parameters
// adds one branch here.
#pragma once

#include "govmetrics/aggregate/any.hpp"
#include "govmetrics/impute/any.hpp"
#include "govmetrics/missing/policy.hpp"
#include "govmetrics/missing/screen.hpp"
#include "govmetrics/normalize/any.hpp"
#include "govmetrics/treat/any.hpp"
#include "govmetrics/weights/any.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace govmetrics::detail {

/// Calls `v(key, field)` for every parameter of strategy `s`, in documentation order. A field is
/// one of: double, bool, std::string, std::vector<double>, std::vector<std::string>,
/// std::vector<std::vector<double>> (const when `s` is const). The methodology reader and writer
/// and the Python bindings handle exactly these types (JSON numbers, booleans, strings and arrays
/// of them; Python float, bool, str and sequences of them).
template <class S, class V>
void for_each_field(S& s, V&& v) {
  using T = std::remove_const_t<S>;
  if constexpr (std::is_same_v<T, normalize::min_max>) {
    v("lo", s.lo);
    v("hi", s.hi);
  } else if constexpr (std::is_same_v<T, normalize::z_score>) {
    v("mean", s.mean);
    v("sd", s.sd);
  } else if constexpr (std::is_same_v<T, normalize::goalposts>) {
    v("lo", s.lo);
    v("hi", s.hi);
    v("clip", s.clip);
    v("scale", s.scale);
  } else if constexpr (std::is_same_v<T, normalize::distance_to_target>) {
    v("target", s.target);
    v("cap", s.cap);
  } else if constexpr (std::is_same_v<T, normalize::distance_to_reference>) {
    v("unit", s.unit);
    v("cap", s.cap);
  } else if constexpr (std::is_same_v<T, normalize::categorical>) {
    v("thresholds", s.thresholds);
    v("scores", s.scores);
    v("right_closed", s.right_closed);
  } else if constexpr (std::is_same_v<T, normalize::ratio_to_mean>) {
    v("scale", s.scale);
  } else if constexpr (std::is_same_v<T, normalize::log_min_max>) {
    v("lo", s.lo);
    v("hi", s.hi);
  } else if constexpr (std::is_same_v<T, aggregate::power_mean>) {
    v("p", s.p);
  } else if constexpr (std::is_same_v<T, aggregate::topsis>) {
    v("normalization", s.normalization);
  } else if constexpr (std::is_same_v<T, aggregate::vikor>) {
    v("v", s.v);
  } else if constexpr (std::is_same_v<T, aggregate::grey_relational>) {
    v("rho", s.rho);
  } else if constexpr (std::is_same_v<T, aggregate::mazziotta_pareto>) {
    v("variant", s.variant);
    v("penalty", s.penalty);
    v("goalposts", s.goalposts);
    v("lo", s.lo);
    v("hi", s.hi);
  } else if constexpr (std::is_same_v<T, aggregate::benefit_of_doubt>) {
    v("lower", s.lower);
    v("upper", s.upper);
  } else if constexpr (std::is_same_v<T, missing::skip>) {
    v("min_share", s.min_share);
  } else if constexpr (std::is_same_v<T, treat::winsorise>) {
    v("skew", s.skew);
    v("kurtosis", s.kurtosis);
    v("max_points", s.max_points);
    v("log_fallback", s.log_fallback);
  } else if constexpr (std::is_same_v<T, treat::box_cox>) {
    v("lambda", s.lambda);
  } else if constexpr (std::is_same_v<T, weights::entropy_method>) {
    v("zeros", s.zeros);
  } else if constexpr (std::is_same_v<T, weights::pca_method>) {
    v("mode", s.mode);
  } else if constexpr (std::is_same_v<T, weights::ahp_method>) {
    v("matrix", s.matrix);
    v("order", s.order);
    v("max_cr", s.max_cr);
    v("reciprocal_tol", s.reciprocal_tol);
  } else if constexpr (std::is_same_v<T, weights::combined_method>) {
    v("objective", s.objective);
    v("alpha", s.alpha);
    v("mode", s.mode);
  } else if constexpr (std::is_same_v<T, impute::mean> || std::is_same_v<T, impute::median>) {
    v("group", s.group);
  } else if constexpr (std::is_same_v<T, missing::screen>) {
    v("min_share", s.min_share);
    v("indicator_min_share", s.indicator_min_share);
  } else {
    (void)s;
    (void)v;
  }
}

/// Sets `out` to the alternative of `Variant` whose `name()` is `name` (default-constructed);
/// false when none has that name.
template <class Variant, std::size_t I = 0>
bool emplace_by_name(std::string_view name, Variant& out) {
  if constexpr (I < std::variant_size_v<Variant>) {
    using T = std::variant_alternative_t<I, Variant>;
    if (name == T::name()) {
      out.template emplace<I>();
      return true;
    }
    return emplace_by_name<Variant, I + 1>(name, out);
  } else {
    return false;
  }
}

/// The `name()`s of every alternative of `Variant`, quoted and comma-separated (for messages).
template <class Variant, std::size_t I = 0>
std::string names_of() {
  if constexpr (I < std::variant_size_v<Variant>) {
    using T = std::variant_alternative_t<I, Variant>;
    std::string rest = names_of<Variant, I + 1>();
    return "'" + std::string(T::name()) + "'" + (rest.empty() ? "" : ", " + rest);
  } else {
    return {};
  }
}

} // namespace govmetrics::detail
