// govmetrics: a non-owning units x indicators view (column pointers into someone else's memory,
// e.g. a numpy array or a pandas DataFrame's float64 block).
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/dataset/name_list.hpp"
#include "govmetrics/error.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics {

/// Units x indicators read in place: each indicator is a pointer to `n_units()` contiguous doubles
/// (NaN = missing) owned by the caller, who keeps them alive while the view is used. Unit ids and
/// indicator codes must be unique; the view holds them as shared name_lists, so a copy of a view,
/// or a view built on the lists of another, neither copies nor checks them again.
class dataset_view {
public:
  dataset_view() = default;

  /// Copies nothing but the names given (checked unique: data_error naming a duplicate).
  dataset_view(std::vector<std::string> units, std::vector<std::string> indicators,
               std::vector<const double*> columns)
      : columns_(std::move(columns)) {
    check_shape(columns_.size(), indicators.size());
    units_ = std::make_shared<const name_list>(std::move(units), "unit id");
    indicators_ = std::make_shared<const name_list>(std::move(indicators), "indicator code");
  }

  /// Over lists checked before (e.g. kept across runs on the same ids and columns); data_error
  /// when one is null or the columns do not match the codes.
  dataset_view(std::shared_ptr<const name_list> units, std::shared_ptr<const name_list> indicators,
               std::vector<const double*> columns)
      : units_(std::move(units)), indicators_(std::move(indicators)), columns_(std::move(columns)) {
    if (units_ == nullptr || indicators_ == nullptr)
      GOVMETRICS_THROW(data_error("dataset_view: no unit ids or indicator codes (a null list)"));
    check_shape(columns_.size(), indicators_->size());
  }

  /// A view of an owning dataset (which must outlive the view).
  explicit dataset_view(const dataset& d)
      : units_(std::make_shared<const name_list>(d.units(), "unit id")),
        indicators_(std::make_shared<const name_list>(d.indicators(), "indicator code")) {
    columns_.reserve(d.n_indicators());
    for (std::size_t j = 0; j < d.n_indicators(); ++j)
      columns_.push_back(d.column(j).data());
    labels_ = d.all_labels();
  }

  std::size_t n_units() const noexcept { return units_ ? units_->size() : 0; }
  std::size_t n_indicators() const noexcept { return indicators_ ? indicators_->size() : 0; }
  const std::vector<std::string>& units() const noexcept {
    return units_ ? units_->names() : no_names();
  }
  const std::vector<std::string>& indicators() const noexcept {
    return indicators_ ? indicators_->names() : no_names();
  }
  /// The shared lists (null in a default-constructed view), to build more views on them.
  const std::shared_ptr<const name_list>& unit_list() const noexcept { return units_; }
  const std::shared_ptr<const name_list>& indicator_list() const noexcept { return indicators_; }
  column_view column(std::size_t j) const noexcept { return {columns_[j], n_units()}; }

  /// Adds (or replaces) a named text column, one label per unit (copied; see dataset::add_labels).
  void add_labels(std::string name, std::vector<std::string> values) {
    dataset::check_labels(name, values.size(), n_units(), "dataset_view");
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

  bool has_indicator(std::string_view code) const noexcept {
    return find_indicator(code) != n_indicators();
  }
  /// The position of indicator `code`, or n_indicators() when there is none.
  std::size_t find_indicator(std::string_view code) const noexcept {
    return indicators_ ? indicators_->find(code) : 0;
  }
  std::size_t indicator_index(std::string_view code) const {
    const std::size_t j = find_indicator(code);
    if (j == n_indicators()) {
      GOVMETRICS_THROW(
          unknown_code_error("dataset_view: unknown indicator '" + std::string(code) + "'"));
    }
    return j;
  }

private:
  static void check_shape(std::size_t n_columns, std::size_t n_codes) {
    if (n_columns != n_codes) {
      GOVMETRICS_THROW(data_error("dataset_view: " + std::to_string(n_columns) +
                                  " columns given for " + std::to_string(n_codes) +
                                  " indicator codes"));
    }
  }
  static const std::vector<std::string>& no_names() noexcept {
    static const std::vector<std::string> none;
    return none;
  }

  std::shared_ptr<const name_list> units_;
  std::shared_ptr<const name_list> indicators_;
  std::vector<const double*> columns_;
  std::map<std::string, std::vector<std::string>> labels_;
};

} // namespace govmetrics
