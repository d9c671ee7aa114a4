// govmetrics: detection traits for the strategy families (C++17 "concepts").
//
// A normaliser N has `N::name()`, a nested `N::params`, `N::params fit(const fit_input&) const`,
// `double apply(const N::params&, double) const`, `void validate() const` and
// `describe(const N::params&) const` (the fitted parameters by name, for the result); optionally
// `void apply_column(const N::params&, double* x, std::size_t n) const`, `apply` on every
// non-missing value of a column at once with the same bits (detail::has_apply_column_v), which may
// return a detail::column_summary of what it wrote instead of void (detail/column_summary.hpp).
// An aggregator A has `A::name()`, `double operator()(const double* x, const double* w,
// std::size_t n) const` over n available children (weights not yet normalised, sum > 0),
// `static constexpr bool requires_positive` and `void validate() const`.
#pragma once

#include "govmetrics/core/column_view.hpp"
#include "govmetrics/core/polarity.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace govmetrics {

/// The smallest and largest non-missing value of a column and how many values are not missing
/// (min and max meaningful only when n > 0).
struct column_extent {
  double min = 0.0;
  double max = 0.0;
  std::size_t n = 0;
};

/// What a normaliser's `fit` sees: the direction-adjusted column (every value already multiplied
/// by the indicator's sign), the indicator's direction, its code (for messages) and, when the
/// caller has them, the unit ids in column order (the pipeline always passes them; a normaliser
/// that needs them, such as distance_to_reference, throws spec_error when they are absent).
struct fit_input {
  column_view values;
  direction polarity = direction::positive;
  std::string_view code;
  const std::vector<std::string>* units = nullptr;
  /// When the caller knows it, the extent of `values` (the pipeline computes it while it copies
  /// the column with its sign, in the same pass); a normaliser may use it instead of a pass of its
  /// own (min_max does). nullptr otherwise.
  const column_extent* extent = nullptr;
};

namespace detail {
template <class...>
using void_t = void;

template <class T, class = void>
struct is_normalizer_impl : std::false_type {};
template <class T>
struct is_normalizer_impl<
    T,
    void_t<decltype(T::name()), typename T::params,
           decltype(std::declval<const T&>().fit(std::declval<const fit_input&>())),
           decltype(std::declval<const T&>().apply(std::declval<const typename T::params&>(), 0.0)),
           decltype(std::declval<const T&>().validate()),
           decltype(std::declval<const T&>().describe(std::declval<const typename T::params&>()))>>
    : std::is_same<decltype(std::declval<const T&>().fit(std::declval<const fit_input&>())),
                   typename T::params> {};

template <class T, class = void>
struct is_aggregator_impl : std::false_type {};
template <class T>
struct is_aggregator_impl<
    T, void_t<decltype(T::name()), decltype(T::requires_positive),
              decltype(std::declval<const T&>()(std::declval<const double*>(),
                                                std::declval<const double*>(), std::size_t{})),
              decltype(std::declval<const T&>().validate())>> : std::true_type {};
} // namespace detail

template <class T>
inline constexpr bool is_normalizer_v = detail::is_normalizer_impl<T>::value;

namespace detail {
/// Whether normaliser N has `apply_column(params, double* x, n)`: `apply` on every non-missing
/// value of a column at once (optional; the same bits as `apply`, faster).
template <class N, class = void>
struct has_apply_column : std::false_type {};
template <class N>
struct has_apply_column<
    N, void_t<decltype(std::declval<const N&>().apply_column(
           std::declval<const typename N::params&>(), std::declval<double*>(), std::size_t{}))>>
    : std::true_type {};
template <class N>
inline constexpr bool has_apply_column_v = has_apply_column<N>::value;
} // namespace detail

template <class T>
inline constexpr bool is_aggregator_v = detail::is_aggregator_impl<T>::value;

namespace detail {
/// Instantiated where a normaliser is required: its name appears in the compiler's error.
template <class T>
struct requires_normalizer {
  static_assert(is_normalizer_v<T>, "T is not a govmetrics normaliser: it needs name(), a nested "
                                    "params type, fit(const fit_input&) -> params, "
                                    "apply(const params&, double) -> double, validate() and "
                                    "describe(const params&).");
};
/// Instantiated where an aggregator is required: its name appears in the compiler's error.
template <class T>
struct requires_aggregator {
  static_assert(is_aggregator_v<T>,
                "T is not a govmetrics aggregator: it needs name(), requires_positive, "
                "operator()(const double* x, const double* w, std::size_t n) and validate().");
};
} // namespace detail

} // namespace govmetrics
