// govmetrics: what an imputation did to one indicator, the column it imputes, the imputer concept,
// and the shared fill-by-group kernel of the built-in imputers.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace govmetrics::impute {

/// One indicator column to impute in place (NaN = missing). `groups` (one label per unit) is set
/// when the imputer works within groups; `group_column` names it in messages. `code` and `units`
/// only name things in messages.
struct column_ref {
  double* data = nullptr;
  std::size_t size = 0;
  std::string_view code = {};
  const std::vector<std::string>* units = nullptr;
  const std::vector<std::string>* groups = nullptr;
  std::string_view group_column = {};

  std::string unit_name(std::size_t i) const {
    if (units != nullptr && i < units->size())
      return "unit '" + (*units)[i] + "'";
    return "position " + std::to_string(i);
  }
};

/// The record of one indicator's imputation.
struct details {
  std::string indicator;                 ///< indicator code (set by the pipeline)
  std::string method;                    ///< the imputer's name()
  std::string group;                     ///< the group column; empty: all units form one group
  std::size_t missing = 0;               ///< missing cells before imputation
  std::vector<std::size_t> units;        ///< positions of the imputed units, ascending
  std::vector<std::string> empty_groups; ///< groups with a missing cell but no data (left NaN)
  std::size_t left_missing = 0;          ///< missing cells left NaN (their group has no data)

  std::size_t imputed() const noexcept { return units.size(); }
};

template <class T, class = void>
struct is_imputer : std::false_type {};
template <class T>
struct is_imputer<
    T, std::void_t<decltype(T::name()), decltype(std::declval<const T&>().validate()),
                   decltype(std::declval<const T&>().apply(std::declval<const column_ref&>()))>>
    : std::is_same<decltype(std::declval<const T&>().apply(std::declval<const column_ref&>())),
                   details> {};
template <class T>
inline constexpr bool is_imputer_v = is_imputer<T>::value;

namespace detail {

/// Guards the pipelines: an imputer has `static name()`, `validate() const` and
/// `details apply(const column_ref&) const`.
template <class T>
struct requires_imputer {
  static_assert(is_imputer_v<T>, "an imputer needs static name(), validate() const and "
                                 "impute::details apply(const impute::column_ref&) const");
};

/// Replaces every NaN of `col` by `estimate(values, n)` of the non-missing values of the same
/// group (all units when `col.groups` is null). `estimate` may reorder the scratch values it is
/// given. A group without data leaves its missing cells NaN (listed in `empty_groups`). An empty
/// group label is a data_error naming the unit and the group column.
template <class Estimate>
details fill_by_group(const column_ref& col, const char* method, Estimate&& estimate) {
  details d;
  d.method = method;
  d.indicator = std::string(col.code);
  d.group = std::string(col.group_column);
  const std::size_t n = col.size;
  for (std::size_t i = 0; i < n; ++i)
    d.missing += std::isnan(col.data[i]) ? 1U : 0U;
  if (d.missing == 0)
    return d;
  // group label -> member positions (std::map: deterministic order of the diagnostics)
  std::map<std::string, std::vector<std::size_t>> members;
  if (col.groups == nullptr) {
    auto& all = members[std::string()];
    all.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      all[i] = i;
  } else {
    if (col.groups->size() != n) {
      GOVMETRICS_THROW(data_error(
          std::string("impute::") + method + ": group column '" + std::string(col.group_column) +
          "' has " + std::to_string(col.groups->size()) + " labels for " + std::to_string(n) +
          " units (indicator '" + std::string(col.code) + "')"));
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& g = (*col.groups)[i];
      if (g.empty()) {
        GOVMETRICS_THROW(data_error(std::string("impute::") + method + ": " + col.unit_name(i) +
                                    " has no group in column '" + std::string(col.group_column) +
                                    "' (empty label; indicator '" + std::string(col.code) +
                                    "'): give every unit a group or impute without 'group'"));
      }
      members[g].push_back(i);
    }
  }
  std::vector<double> scratch;
  for (const auto& [label, rows] : members) {
    scratch.clear();
    std::size_t holes = 0;
    for (std::size_t i : rows) {
      if (std::isnan(col.data[i]))
        ++holes;
      else
        scratch.push_back(col.data[i]);
    }
    if (holes == 0)
      continue;
    if (scratch.empty()) {
      d.empty_groups.push_back(label);
      d.left_missing += holes;
      continue;
    }
    const double value = estimate(scratch.data(), scratch.size());
    for (std::size_t i : rows) {
      if (std::isnan(col.data[i])) {
        col.data[i] = value;
        d.units.push_back(i);
      }
    }
  }
  std::sort(d.units.begin(), d.units.end());
  return d;
}

} // namespace detail
} // namespace govmetrics::impute
