// govmetrics internals: input checks and min-max scaling shared by the functional multi-criteria
// API (weights/objective.hpp and mcda/*.hpp). Not API.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/core/polarity.hpp"
#include "govmetrics/detail/accumulate.hpp"
#include "govmetrics/error.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <system_error>
#include <vector>

namespace govmetrics::detail::mcda {

/// Shortest text that reads back as the same double ("0.1", "-3", "1e-300", "nan", "inf").
inline std::string format_number(double x) {
  if (std::isnan(x))
    return "nan";
  if (std::isinf(x))
    return x > 0 ? "inf" : "-inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof(buf), x);
  if (r.ec != std::errc())
    return std::to_string(x);
  return std::string(buf, r.ptr);
}

/// "alternative 3, criterion 1" (0-based, as in C++ and NumPy).
inline std::string cell_name(std::size_t i, std::size_t j) {
  return "alternative " + std::to_string(i) + ", criterion " + std::to_string(j);
}

/// The matrix must be non-empty, hold at least `min_rows` alternatives, and only finite values:
/// a NaN (missing value) or an infinity is a data_error naming its alternative and criterion.
inline void check_matrix(const char* who, matrix_view m, std::size_t min_rows) {
  if (m.empty()) {
    GOVMETRICS_THROW(data_error(std::string(who) + ": the matrix is empty (" +
                                std::to_string(m.rows()) + " alternatives x " +
                                std::to_string(m.cols()) + " criteria)"));
  }
  if (m.rows() < min_rows) {
    GOVMETRICS_THROW(data_error(std::string(who) + ": needs at least " + std::to_string(min_rows) +
                                " alternatives (got " + std::to_string(m.rows()) + ")"));
  }
  for (std::size_t j = 0; j < m.cols(); ++j) {
    for (std::size_t i = 0; i < m.rows(); ++i) {
      const double x = m(i, j);
      if (std::isnan(x)) {
        GOVMETRICS_THROW(data_error(std::string(who) + ": missing value (NaN) at " +
                                    cell_name(i, j) + " (impute or remove missing values first)"));
      }
      if (std::isinf(x)) {
        GOVMETRICS_THROW(data_error(std::string(who) + ": value " + format_number(x) + " at " +
                                    cell_name(i, j) + " (values must be finite)"));
      }
    }
  }
}

/// One weight per criterion, each finite and >= 0, not all zero (spec_error otherwise). Weights are
/// used as given, not renormalised.
inline void check_weights(const char* who, const double* w, std::size_t n, std::size_t cols) {
  if (n != cols) {
    GOVMETRICS_THROW(spec_error(std::string(who) + ": " + std::to_string(n) +
                                " weights given for " + std::to_string(cols) + " criteria"));
  }
  bool any_positive = false;
  for (std::size_t j = 0; j < n; ++j) {
    if (!std::isfinite(w[j]) || w[j] < 0.0) {
      GOVMETRICS_THROW(spec_error(std::string(who) + ": weight " + format_number(w[j]) +
                                  " of criterion " + std::to_string(j) +
                                  " (weights must be finite and non-negative)"));
    }
    any_positive = any_positive || w[j] > 0.0;
  }
  if (!any_positive) {
    GOVMETRICS_THROW(spec_error(std::string(who) + ": all " + std::to_string(n) +
                                " weights are zero (at least one must be positive)"));
  }
}
inline void check_weights(const char* who, const std::vector<double>& w, std::size_t cols) {
  check_weights(who, w.data(), w.size(), cols);
}

/// One direction per criterion, each `positive` or `negative` (spec_error otherwise).
inline void check_directions(const char* who, const std::vector<direction>& d, std::size_t cols) {
  if (d.size() != cols) {
    GOVMETRICS_THROW(spec_error(std::string(who) + ": " + std::to_string(d.size()) +
                                " directions given for " + std::to_string(cols) + " criteria"));
  }
  for (std::size_t j = 0; j < d.size(); ++j) {
    if (d[j] != direction::positive && d[j] != direction::negative) {
      GOVMETRICS_THROW(spec_error(std::string(who) + ": direction of criterion " +
                                  std::to_string(j) + " is neither positive nor negative (value " +
                                  std::to_string(static_cast<int>(d[j])) + ")"));
    }
  }
}

/// c_j / sum c (compensated sum), for objective weights, in place. Throws data_error with `why`
/// when the sum is not positive and finite.
inline void normalise_to_one_in_place(const char* who, double* c, std::size_t n, const char* why) {
  if (!scale_to_unit_sum(c, n)) {
    GOVMETRICS_THROW(data_error(std::string(who) + ": " + why));
  }
}
inline std::vector<double> normalise_to_one(const char* who, std::vector<double> c,
                                            const char* why) {
  normalise_to_one_in_place(who, c.data(), c.size(), why);
  return c;
}

/// True when every value equals the first.
inline bool is_constant(column_view x) noexcept {
  for (double v : x) {
    if (v != x[0])
      return false;
  }
  return true;
}

/// Smallest and largest value of a column (assumed non-empty and finite).
struct extent {
  double min = 0.0;
  double max = 0.0;
};

inline extent column_extent(column_view x) noexcept {
  extent e{x[0], x[0]};
  for (double v : x) {
    e.min = v < e.min ? v : e.min;
    e.max = v > e.max ? v : e.max;
  }
  return e;
}

/// The data_error for a constant criterion where a method divides by its range.
[[noreturn]] inline void throw_constant(const char* who, std::size_t j, std::size_t rows,
                                        double value, const char* why) {
  GOVMETRICS_THROW(data_error(std::string(who) + ": criterion " + std::to_string(j) +
                              " is constant (" + std::to_string(rows) + " alternatives, all " +
                              format_number(value) + "); " + why));
}

/// Min-max scaling with direction, column-major like the input: (x - min)/(max - min) for a
/// positive criterion, (max - x)/(max - min) for a negative one, so 1 = best, 0 = worst, into `r`
/// (m.size() values; `d` null: every criterion positive). A constant criterion is a data_error
/// naming it.
inline void min_max_with_direction_into(const char* who, matrix_view m, const direction* d,
                                        double* r) {
  for (std::size_t j = 0; j < m.cols(); ++j) {
    const column_view x = m.column(j);
    const extent e = column_extent(x);
    if (!(e.max > e.min)) {
      throw_constant(who, j, m.rows(), e.min,
                     "min-max normalisation divides by its zero range (remove the criterion)");
    }
    const double range = e.max - e.min;
    const bool positive = d == nullptr || d[j] == direction::positive;
    double* out = r + j * m.rows();
    for (std::size_t i = 0; i < m.rows(); ++i)
      out[i] = positive ? (x[i] - e.min) / range : (e.max - x[i]) / range;
  }
}
inline std::vector<double> min_max_with_direction(const char* who, matrix_view m,
                                                  const std::vector<direction>& d) {
  std::vector<double> r(m.size());
  min_max_with_direction_into(who, m, d.data(), r.data());
  return r;
}

} // namespace govmetrics::detail::mcda
