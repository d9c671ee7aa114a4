// govmetrics: the exception hierarchy.
//
// Messages follow the shape `<component>: <what is wrong> (<context>)`, lower-case, codes in
// single quotes, counts and values included.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace govmetrics {

/// Root of every exception govmetrics throws.
class error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A methodology (framework, method choice, parameter) is invalid.
class spec_error : public error {
public:
  using error::error;
};

/// Data are unusable for the requested computation (zero range, non-positive values for a
/// geometric mean, duplicate units, ...).
class data_error : public error {
public:
  using error::error;
};

/// A code (indicator, node, unit, column) that does not exist was asked for.
class unknown_code_error : public error {
public:
  using error::error;
};

/// Text (CSV, JSON) could not be read; carries the source and a 1-based line and column
/// (0 where not applicable).
class parse_error : public error {
public:
  parse_error(const std::string& message, std::string source, std::size_t line, std::size_t column)
      : error(message), source_(std::move(source)), line_(line), column_(column) {}

  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

private:
  std::string source_;
  std::size_t line_;
  std::size_t column_;
};

} // namespace govmetrics
