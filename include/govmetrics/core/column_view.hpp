// govmetrics: non-owning views of one contiguous column of doubles.
#pragma once

#include <cstddef>

namespace govmetrics {

/// A read-only view of a contiguous column of doubles (NaN = missing).
class column_view {
public:
  constexpr column_view() noexcept = default;
  constexpr column_view(const double* data, std::size_t size) noexcept : data_(data), size_(size) {}

  constexpr const double* data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr const double& operator[](std::size_t i) const noexcept { return data_[i]; }
  constexpr const double* begin() const noexcept { return data_; }
  constexpr const double* end() const noexcept { return data_ + size_; }

private:
  const double* data_ = nullptr;
  std::size_t size_ = 0;
};

/// A writable view of a contiguous column of doubles.
class mutable_column_view {
public:
  constexpr mutable_column_view() noexcept = default;
  constexpr mutable_column_view(double* data, std::size_t size) noexcept
      : data_(data), size_(size) {}

  constexpr double* data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr double& operator[](std::size_t i) const noexcept { return data_[i]; }
  constexpr double* begin() const noexcept { return data_; }
  constexpr double* end() const noexcept { return data_ + size_; }
  constexpr operator column_view() const noexcept { return {data_, size_}; }

private:
  double* data_ = nullptr;
  std::size_t size_ = 0;
};

} // namespace govmetrics
