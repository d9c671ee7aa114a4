// govmetrics: the owning units x indicators matrix (column-major, NaN = missing).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/error.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace govmetrics {

/// Units (rows) x indicators (columns) of doubles, stored column-major: column j is one contiguous
/// block of `n_units()` values. NaN means missing. Unit ids and indicator codes are UTF-8 strings,
/// each unique.
class dataset {
public:
  dataset() = default;

  /// An all-missing dataset of the given units and indicator codes. Throws data_error on an empty
  /// or duplicate unit id or indicator code.
  dataset(std::vector<std::string> units, std::vector<std::string> indicators)
      : units_(std::move(units)), indicators_(std::move(indicators)),
        values_(units_.size() * indicators_.size(), std::numeric_limits<double>::quiet_NaN()) {
    index_names(units_, unit_index_, "unit id");
    index_names(indicators_, indicator_index_, "indicator code");
  }

  /// As above, with values given column-major (size n_units * n_indicators).
  dataset(std::vector<std::string> units, std::vector<std::string> indicators,
          std::vector<double> column_major_values)
      : dataset(std::move(units), std::move(indicators)) {
    if (column_major_values.size() != values_.size()) {
      GOVMETRICS_THROW(data_error("dataset: " + std::to_string(column_major_values.size()) +
                                  " values given for " + std::to_string(units_.size()) +
                                  " units x " + std::to_string(indicators_.size()) +
                                  " indicators"));
    }
    values_ = std::move(column_major_values);
  }

  std::size_t n_units() const noexcept { return units_.size(); }
  std::size_t n_indicators() const noexcept { return indicators_.size(); }
  const std::vector<std::string>& units() const noexcept { return units_; }
  const std::vector<std::string>& indicators() const noexcept { return indicators_; }

  column_view column(std::size_t j) const noexcept {
    return {values_.data() + j * units_.size(), units_.size()};
  }
  mutable_column_view column(std::size_t j) noexcept {
    return {values_.data() + j * units_.size(), units_.size()};
  }
  column_view column(std::string_view code) const { return column(indicator_index(code)); }
  mutable_column_view column(std::string_view code) { return column(indicator_index(code)); }

  double& at(std::size_t unit, std::size_t indicator) noexcept {
    return values_[indicator * units_.size() + unit];
  }
  double at(std::size_t unit, std::size_t indicator) const noexcept {
    return values_[indicator * units_.size() + unit];
  }

  /// All values, column-major.
  const std::vector<double>& values() const noexcept { return values_; }
  double* data() noexcept { return values_.data(); }
  const double* data() const noexcept { return values_.data(); }

  /// Position of an indicator code; throws unknown_code_error naming it.
  std::size_t indicator_index(std::string_view code) const {
    return lookup(indicator_index_, code, "indicator");
  }
  /// Position of a unit id; throws unknown_code_error naming it.
  std::size_t unit_index(std::string_view id) const { return lookup(unit_index_, id, "unit"); }

  /// The position of indicator `code`, or n_indicators() when there is none.
  std::size_t find_indicator(std::string_view code) const {
    const auto it = indicator_index_.find(std::string(code));
    return it == indicator_index_.end() ? n_indicators() : it->second;
  }
  bool has_indicator(std::string_view code) const {
    return indicator_index_.find(std::string(code)) != indicator_index_.end();
  }
  bool has_unit(std::string_view id) const {
    return unit_index_.find(std::string(id)) != unit_index_.end();
  }

  /// Adds (or replaces) a named text column with one label per unit, in unit order, e.g. a group
  /// such as "EurAsia_group" = "Europe"/"Asia". An empty string means "no label". Throws
  /// data_error when the size differs from n_units() or the name is empty.
  void add_labels(std::string name, std::vector<std::string> values) {
    check_labels(name, values.size(), units_.size(), "dataset");
    labels_[std::move(name)] = std::move(values);
  }
  bool has_labels(std::string_view name) const {
    return labels_.find(std::string(name)) != labels_.end();
  }
  /// The text column `name`; throws unknown_code_error naming it.
  const std::vector<std::string>& labels(std::string_view name) const {
    const auto it = labels_.find(std::string(name));
    if (it == labels_.end()) {
      GOVMETRICS_THROW(unknown_code_error("dataset: unknown label column '" + std::string(name) +
                                          "'" + label_hint(labels_)));
    }
    return it->second;
  }
  /// Every text column by name.
  const std::map<std::string, std::vector<std::string>>& all_labels() const noexcept {
    return labels_;
  }

  /// Number of missing (NaN) cells.
  std::size_t count_missing() const noexcept {
    std::size_t n = 0;
    for (double v : values_)
      n += std::isnan(v) ? 1U : 0U;
    return n;
  }

  /// Shared by dataset and dataset_view: the size and name checks of a text column.
  static void check_labels(const std::string& name, std::size_t size, std::size_t n_units,
                           const char* who) {
    if (name.empty()) {
      GOVMETRICS_THROW(data_error(std::string(who) + ": a label column needs a name"));
    }
    if (size != n_units) {
      GOVMETRICS_THROW(data_error(std::string(who) + ": label column '" + name + "' has " +
                                  std::to_string(size) + " values for " + std::to_string(n_units) +
                                  " units"));
    }
  }
  /// " (label columns: 'a', 'b')" or " (no label columns)", for messages.
  static std::string label_hint(const std::map<std::string, std::vector<std::string>>& labels) {
    if (labels.empty())
      return " (no label columns)";
    std::string s;
    for (const auto& [k, v] : labels) {
      (void)v;
      s += (s.empty() ? "'" : ", '") + k + "'";
    }
    return " (label columns: " + s + ")";
  }

private:
  static void index_names(const std::vector<std::string>& names,
                          std::unordered_map<std::string, std::size_t>& index, const char* what) {
    index.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) {
        GOVMETRICS_THROW(data_error(std::string("dataset: empty ") + what + " at position " +
                                    std::to_string(i)));
      }
      if (!index.emplace(names[i], i).second) {
        GOVMETRICS_THROW(data_error(std::string("dataset: duplicate ") + what + " '" + names[i] +
                                    "' (positions " + std::to_string(index[names[i]]) + " and " +
                                    std::to_string(i) + ")"));
      }
    }
  }

  static std::size_t lookup(const std::unordered_map<std::string, std::size_t>& index,
                            std::string_view key, const char* what) {
    const auto it = index.find(std::string(key));
    if (it == index.end()) {
      GOVMETRICS_THROW(unknown_code_error(std::string("dataset: unknown ") + what + " '" +
                                          std::string(key) + "'"));
    }
    return it->second;
  }

  std::vector<std::string> units_;
  std::vector<std::string> indicators_;
  std::vector<double> values_;
  std::map<std::string, std::vector<std::string>> labels_;
  std::unordered_map<std::string, std::size_t> unit_index_;
  std::unordered_map<std::string, std::size_t> indicator_index_;
};

} // namespace govmetrics
