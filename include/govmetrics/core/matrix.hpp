// govmetrics: a plain column-major matrix of doubles (alternatives x criteria) for the functional
// multi-criteria API: a non-owning view and a small owning matrix.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/error.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics {

/// A read-only view of `rows` x `cols` doubles stored column-major: column j is the contiguous
/// block `data[j * rows .. j * rows + rows)`. In the multi-criteria functions rows are alternatives
/// (units) and columns are criteria (indicators). A NumPy array in Fortran order
/// (`np.asfortranarray`, `DataFrame.to_numpy()` of a single-dtype frame) and `dataset::data()` have
/// exactly this layout, so either can be viewed without a copy: `matrix_view(ds.data(),
/// ds.n_units(), ds.n_indicators())`. The view neither owns nor checks the memory: it must hold
/// rows * cols values and outlive the view.
class matrix_view {
public:
  constexpr matrix_view() noexcept = default;
  constexpr matrix_view(const double* data, std::size_t rows, std::size_t cols) noexcept
      : data_(data), rows_(rows), cols_(cols) {}

  constexpr const double* data() const noexcept { return data_; }
  /// Number of rows (alternatives).
  constexpr std::size_t rows() const noexcept { return rows_; }
  /// Number of columns (criteria).
  constexpr std::size_t cols() const noexcept { return cols_; }
  constexpr std::size_t size() const noexcept { return rows_ * cols_; }
  constexpr bool empty() const noexcept { return rows_ == 0 || cols_ == 0; }

  /// Column j (criterion j) as a contiguous view of rows() values. No bounds check.
  constexpr column_view column(std::size_t j) const noexcept { return {data_ + j * rows_, rows_}; }
  /// The value of row i (alternative), column j (criterion). No bounds check.
  constexpr const double& operator()(std::size_t i, std::size_t j) const noexcept {
    return data_[j * rows_ + i];
  }

private:
  const double* data_ = nullptr;
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
};

/// A small owning column-major matrix, mainly for tests and for callers who build a decision matrix
/// by hand. Converts implicitly to matrix_view.
class matrix {
public:
  matrix() = default;

  /// `rows` x `cols`, every value `value`.
  matrix(std::size_t rows, std::size_t cols, double value = 0.0)
      : values_(rows * cols, value), rows_(rows), cols_(cols) {}

  /// `rows` x `cols` from values given column-major. Throws data_error when the count differs
  /// from rows * cols.
  matrix(std::size_t rows, std::size_t cols, std::vector<double> column_major)
      : values_(std::move(column_major)), rows_(rows), cols_(cols) {
    if (values_.size() != rows * cols) {
      GOVMETRICS_THROW(data_error("matrix: " + std::to_string(values_.size()) +
                                  " values given for " + std::to_string(rows) + " rows x " +
                                  std::to_string(cols) + " columns"));
    }
  }

  /// From rows written ROW-WISE, as one reads a decision matrix on paper:
  /// `matrix{{7, 5, 35}, {5, 4, 26}}` is 2 alternatives x 3 criteria. Stored column-major.
  /// Throws data_error when the rows differ in length.
  matrix(std::initializer_list<std::initializer_list<double>> row_wise)
      : rows_(row_wise.size()), cols_(row_wise.size() == 0 ? 0 : row_wise.begin()->size()) {
    values_.resize(rows_ * cols_);
    std::size_t i = 0;
    for (const auto& row : row_wise) {
      if (row.size() != cols_) {
        GOVMETRICS_THROW(data_error("matrix: row " + std::to_string(i) + " has " +
                                    std::to_string(row.size()) + " values, row 0 has " +
                                    std::to_string(cols_) + " (rows must have equal lengths)"));
      }
      std::size_t j = 0;
      for (double v : row) {
        values_[j * rows_ + i] = v;
        ++j;
      }
      ++i;
    }
  }

  std::size_t rows() const noexcept { return rows_; }
  std::size_t cols() const noexcept { return cols_; }
  std::size_t size() const noexcept { return values_.size(); }
  bool empty() const noexcept { return rows_ == 0 || cols_ == 0; }

  const double* data() const noexcept { return values_.data(); }
  double* data() noexcept { return values_.data(); }
  /// All values, column-major.
  const std::vector<double>& values() const noexcept { return values_; }

  double& operator()(std::size_t i, std::size_t j) noexcept { return values_[j * rows_ + i]; }
  const double& operator()(std::size_t i, std::size_t j) const noexcept {
    return values_[j * rows_ + i];
  }
  column_view column(std::size_t j) const noexcept { return {values_.data() + j * rows_, rows_}; }
  mutable_column_view column(std::size_t j) noexcept { return {values_.data() + j * rows_, rows_}; }

  matrix_view view() const noexcept { return {values_.data(), rows_, cols_}; }
  operator matrix_view() const noexcept { return view(); }

private:
  std::vector<double> values_;
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
};

} // namespace govmetrics
