// govmetrics: what an outlier treatment did to one indicator, the column it treats, and the
// treatment concept.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace govmetrics::treat {

/// One indicator column to treat in place (NaN = missing). `code` and `units` only name things in
/// error messages; `units` may be null (positions are then reported).
struct column_ref {
  double* data = nullptr;
  std::size_t size = 0;
  std::string_view code = {};
  const std::vector<std::string>* units = nullptr;

  std::string unit_name(std::size_t i) const {
    if (units != nullptr && i < units->size())
      return "unit '" + (*units)[i] + "'";
    return "position " + std::to_string(i);
  }
};

/// The record of one indicator's treatment. Skewness and kurtosis are e1071 type 2 (excess
/// kurtosis; see detail/moments.hpp), NaN when they cannot be computed. The pass test
/// (|skew| < skew threshold OR kurtosis < kurtosis threshold) is evaluated by `winsorise` only;
/// `tested` is false for the plain transforms and for a column whose statistics are undefined.
struct details {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  std::string indicator; ///< indicator code (set by the pipeline)
  std::string method;    ///< the strategy's name()
  std::size_t n = 0;     ///< non-missing values
  bool tested = false;   ///< the pass test was evaluated

  double skew_before = nan; ///< of the column as given (COINr check_SkewKurt0)
  double kurtosis_before = nan;
  bool pass_before = false;

  bool winsorised = false;            ///< winsorisation ran (the column failed the first test)
  std::size_t points_low = 0;         ///< points winsorised at the low end (COINr "winlo")
  std::size_t points_high = 0;        ///< points winsorised at the high end (COINr "winhi")
  std::vector<std::size_t> low_units; ///< their positions (units) in the column
  std::vector<std::size_t> high_units;
  double skew_winsorised = nan; ///< after winsorisation (COINr check_SkewKurt1)
  double kurtosis_winsorised = nan;
  bool pass_winsorised = false;

  bool log_ct = false; ///< winsorisation was undone and log_ct applied to the original column

  double skew_after = nan; ///< of the column returned (after log_ct: COINr check_SkewKurt2)
  double kurtosis_after = nan;
  bool pass_after = false;

  /// Points winsorised in all (COINr's `nwin`: tied extremes count one each).
  std::size_t points() const noexcept { return points_low + points_high; }
  /// True when the values were changed.
  bool changed() const noexcept { return winsorised || log_ct || (!tested && method != "none"); }
};

namespace detail {
template <class...>
using void_t = void;
template <class T, class = void>
struct is_treatment_impl : std::false_type {};
template <class T>
struct is_treatment_impl<
    T, void_t<decltype(T::name()), decltype(std::declval<const T&>().validate()),
              decltype(std::declval<const T&>().apply(std::declval<const column_ref&>()))>>
    : std::is_same<decltype(std::declval<const T&>().apply(std::declval<const column_ref&>())),
                   details> {};
} // namespace detail

/// True when `T` models a treatment: name(), validate() and apply(const column_ref&) -> details
/// (treats the column in place).
template <class T>
inline constexpr bool is_treatment_v = detail::is_treatment_impl<T>::value;

namespace detail {
/// Instantiated where a treatment is required: its name appears in the compiler's error.
template <class T>
struct requires_treatment {
  static_assert(is_treatment_v<T>, "T is not a govmetrics treatment: it needs name(), validate() "
                                   "and apply(const treat::column_ref&) -> treat::details.");
};
} // namespace detail

} // namespace govmetrics::treat
