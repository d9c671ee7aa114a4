// govmetrics: a non-owning units x indicators view (column pointers into someone else's memory,
// e.g. a numpy array or a pandas DataFrame's float64 block).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/detail/name_index.hpp"
#include "govmetrics/error.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics {

/// Units x indicators read in place: each indicator is a pointer to `n_units()` contiguous doubles
/// (NaN = missing) owned by the caller, who keeps them alive while the view is used. Unit ids and
/// indicator codes are copied (they are small) and must be unique.
class dataset_view {
public:
  dataset_view() = default;

  dataset_view(std::vector<std::string> units, std::vector<std::string> indicators,
               std::vector<const double*> columns)
      : units_(std::move(units)), indicators_(std::move(indicators)), columns_(std::move(columns)) {
    if (columns_.size() != indicators_.size()) {
      GOVMETRICS_THROW(data_error("dataset_view: " + std::to_string(columns_.size()) +
                                  " columns given for " + std::to_string(indicators_.size()) +
                                  " indicator codes"));
    }
    check_unique(units_, "unit id");
    index(indicators_, indicator_index_, "indicator code");
  }

  /// A view of an owning dataset (which must outlive the view).
  explicit dataset_view(const dataset& d) : units_(d.units()), indicators_(d.indicators()) {
    columns_.reserve(d.n_indicators());
    for (std::size_t j = 0; j < d.n_indicators(); ++j)
      columns_.push_back(d.column(j).data());
    labels_ = d.all_labels();
    check_unique(units_, "unit id");
    index(indicators_, indicator_index_, "indicator code");
  }

  std::size_t n_units() const noexcept { return units_.size(); }
  std::size_t n_indicators() const noexcept { return indicators_.size(); }
  const std::vector<std::string>& units() const noexcept { return units_; }
  const std::vector<std::string>& indicators() const noexcept { return indicators_; }
  column_view column(std::size_t j) const noexcept { return {columns_[j], units_.size()}; }

  /// Adds (or replaces) a named text column, one label per unit (copied; see dataset::add_labels).
  void add_labels(std::string name, std::vector<std::string> values) {
    dataset::check_labels(name, values.size(), units_.size(), "dataset_view");
    labels_[std::move(name)] = std::move(values);
  }
  bool has_labels(std::string_view name) const {
    return labels_.find(std::string(name)) != labels_.end();
  }
  /// The text column `name`; throws unknown_code_error naming it.
  const std::vector<std::string>& labels(std::string_view name) const {
    const auto it = labels_.find(std::string(name));
    if (it == labels_.end()) {
      GOVMETRICS_THROW(unknown_code_error("dataset_view: unknown label column '" +
                                          std::string(name) + "'" + dataset::label_hint(labels_)));
    }
    return it->second;
  }
  const std::map<std::string, std::vector<std::string>>& all_labels() const noexcept {
    return labels_;
  }

  /// The position of indicator `code`, or n_indicators() when there is none.
  std::size_t find_indicator(std::string_view code) const noexcept {
    const std::size_t j = indicator_index_.find(indicators_, code);
    return j == detail::name_index::npos ? n_indicators() : j;
  }
  bool has_indicator(std::string_view code) const noexcept {
    return indicator_index_.find(indicators_, code) != detail::name_index::npos;
  }
  std::size_t indicator_index(std::string_view code) const {
    const std::size_t j = indicator_index_.find(indicators_, code);
    if (j == detail::name_index::npos) {
      GOVMETRICS_THROW(
          unknown_code_error("dataset_view: unknown indicator '" + std::string(code) + "'"));
    }
    return j;
  }

private:
  /// Unit ids are only checked to be unique: nothing looks a unit up in a view.
  static void check_unique(const std::vector<std::string>& names, const char* what) {
    detail::name_index seen;
    index(names, seen, what);
  }
  static void index(const std::vector<std::string>& names, detail::name_index& out,
                    const char* what) {
    std::size_t first = 0;
    const std::size_t i = out.build(names, first);
    if (i != detail::name_index::npos) {
      GOVMETRICS_THROW(data_error(std::string("dataset_view: duplicate ") + what + " '" + names[i] +
                                  "' (positions " + std::to_string(first) + " and " +
                                  std::to_string(i) + ")"));
    }
  }

  std::vector<std::string> units_;
  std::vector<std::string> indicators_;
  std::vector<const double*> columns_;
  std::map<std::string, std::vector<std::string>> labels_;
  detail::name_index indicator_index_;
};

} // namespace govmetrics
