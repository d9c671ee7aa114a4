// govmetrics: a list of unique names (unit ids or indicator codes), checked once and indexed by
// name, that views of data may share.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/name_index.hpp"
#include "govmetrics/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics {

/// Names checked to be unique, with their positions by name. Immutable once built: dataset_views
/// hold one through a std::shared_ptr<const name_list>, so views built again and again over the
/// same ids or codes (a service, the Python bindings) share it instead of copying and checking
/// the names each time.
class name_list {
public:
  name_list() = default;

  /// Takes `names`; data_error when one repeats: "<who>: duplicate <what> 'x' (positions i and
  /// j)".
  name_list(std::vector<std::string> names, const char* what, const char* who = "dataset_view")
      : names_(std::move(names)) {
    std::size_t first = 0;
    const std::size_t i = index_.build(names_, first);
    if (i != detail::name_index::npos) {
      GOVMETRICS_THROW(data_error(std::string(who) + ": duplicate " + what + " '" + names_[i] +
                                  "' (positions " + std::to_string(first) + " and " +
                                  std::to_string(i) + ")"));
    }
  }

  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t size() const noexcept { return names_.size(); }
  const std::string& operator[](std::size_t i) const noexcept { return names_[i]; }

  /// The position of `name`, or size() when there is none.
  std::size_t find(std::string_view name) const noexcept {
    const std::size_t i = index_.find(names_, name);
    return i == detail::name_index::npos ? names_.size() : i;
  }

private:
  std::vector<std::string> names_;
  detail::name_index index_;
};

} // namespace govmetrics
