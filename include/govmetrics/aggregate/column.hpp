// govmetrics: the column-wide ("matrix") aggregator concept and the extra outputs such an
// aggregator reports per node.
//
// A per-unit aggregator (core/concepts.hpp) sees one unit's children at a time. A column-wide
// aggregator A needs every unit's children at once (TOPSIS compares each unit with the best and
// worst of all units, Copeland compares every pair, ...). It has `A::name()`,
// `void validate() const` and
//
//   void aggregate_all(matrix_view x, const double* w, double* out, node_outputs& extra) const;
//
// x: the units taking part (rows) x the node's children with a non-zero weight (columns),
// column-major and contiguous, direction-corrected (higher = better for every child); w: one weight
// per column (positive, summing to 1); out: one score per row (higher = better, because the
// pipeline ranks scores descending). `extra` names the node, its children and the units (for
// messages) and receives named per-unit columns (`add_column`) and node-level facts (`add_fact`).
// An aggregator with `static constexpr bool accepts_missing = true` may receive NaN cells (units
// with some, but not all, children missing); the others receive complete rows only.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/core/column_view.hpp"
#include "govmetrics/core/matrix.hpp"
#include "govmetrics/detail/string_pool.hpp"
#include "govmetrics/error.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace govmetrics::aggregate {

/// Extra outputs of a column-wide aggregator at one node: named per-unit columns (TOPSIS d_plus,
/// d_minus, closeness; VIKOR S, R, Q, ...) and named node-level facts (VIKOR's compromise
/// conditions, ...). In a result, every column has one value per unit of the run (NaN for the units
/// that did not take part); facts are numbers (a condition: 1 = holds, 0 = fails).
class node_outputs {
public:
  struct column_entry {
    std::string name;
    std::vector<double> values;
  };
  struct fact_entry {
    std::string name;
    double value = 0.0;
  };

  /// Context for messages, filled by the pipeline before the aggregator is called.
  std::string node;                  ///< the node's code
  std::vector<std::string> children; ///< codes of the columns of x, in order
  std::vector<std::string> units;    ///< ids of the rows of x, in order

  /// Adds (or replaces) column `name` of `n` values, NaN-filled; returns its storage. Reuses the
  /// memory of a column dropped by clear() or clear_outputs() (the same name first): a node
  /// evaluated again with the same shape allocates nothing.
  double* add_column(std::string_view name, std::size_t n) {
    for (auto& c : columns_) {
      if (c.name == name) {
        c.values.assign(n, nan());
        return c.values.data();
      }
    }
    columns_.push_back(take_spare(spare_columns_, name));
    column_entry& c = columns_.back();
    c.values.assign(n, nan());
    return c.values.data();
  }
  /// Adds (or replaces) fact `name` (reusing a dropped fact's memory, like add_column).
  void add_fact(std::string_view name, double value) {
    for (auto& f : facts_) {
      if (f.name == name) {
        f.value = value;
        return;
      }
    }
    facts_.push_back(take_spare(spare_facts_, name));
    facts_.back().value = value;
  }

  /// Storage for `n` doubles that a column-wide aggregator may use as scratch during one
  /// aggregate_all (kept across evaluations, so that they allocate nothing once warm; the contents
  /// are not kept between calls and a later call may move the storage).
  double* scratch(std::size_t n) {
    if (scratch_.size() < n)
      scratch_.resize(n);
    return scratch_.data();
  }
  /// Like scratch(), for `n` positions (sorting, ...).
  std::size_t* index_scratch(std::size_t n) {
    if (index_scratch_.size() < n)
      index_scratch_.resize(n);
    return index_scratch_.data();
  }

  const std::vector<column_entry>& columns() const noexcept { return columns_; }
  const std::vector<fact_entry>& facts() const noexcept { return facts_; }
  bool empty() const noexcept { return columns_.empty() && facts_.empty(); }
  bool has_column(std::string_view name) const noexcept { return find_column(name) != nullptr; }
  bool has_fact(std::string_view name) const noexcept { return find_fact(name) != nullptr; }

  /// Column `name`; unknown_code_error listing the columns there are.
  column_view column(std::string_view name) const {
    if (const auto* c = find_column(name))
      return {c->values.data(), c->values.size()};
    std::string known;
    for (const auto& c : columns_)
      known += (known.empty() ? "'" : ", '") + c.name + "'";
    GOVMETRICS_THROW(unknown_code_error(
        "result: node '" + node + "' has no output column '" + std::string(name) + "' (" +
        (known.empty() ? std::string("it has none") : known) + ")"));
  }
  /// Fact `name`; unknown_code_error listing the facts there are.
  double fact(std::string_view name) const {
    if (const auto* f = find_fact(name))
      return f->value;
    std::string known;
    for (const auto& f : facts_)
      known += (known.empty() ? "'" : ", '") + f.name + "'";
    GOVMETRICS_THROW(
        unknown_code_error("result: node '" + node + "' has no output fact '" + std::string(name) +
                           "' (" + (known.empty() ? std::string("it has none") : known) + ")"));
  }

  /// Drops every output, keeping its memory for the next add_column / add_fact; the context is
  /// kept.
  void clear_outputs() {
    for (auto& c : columns_)
      spare_columns_.push_back(std::move(c));
    columns_.clear();
    for (auto& f : facts_)
      spare_facts_.push_back(std::move(f));
    facts_.clear();
  }

  /// Drops every output and the context (keeping the context's strings for resize_context).
  void clear() {
    clear_outputs();
    node.clear();
    resize_context(0, 0);
  }

  /// Sizes the context to `n_children` children and `n_units` units, keeping the memory of the
  /// strings it drops and taking it back when it grows, so that assigning names of the same
  /// lengths again allocates nothing. Used by the pipeline.
  void resize_context(std::size_t n_children, std::size_t n_units) {
    govmetrics::detail::resize_strings(children, n_children, spare_children_);
    govmetrics::detail::resize_strings(units, n_units, spare_units_);
  }

  /// Spreads every column from the rows given to the aggregator to all `n_units` units of the run:
  /// value k goes to unit rows[k] (`rows` ascending, each below n_units), the other units get NaN.
  /// In place: no allocation once a column has held n_units values. Used by the pipeline.
  void scatter(const std::size_t* rows, std::size_t n_rows, std::size_t n_units) {
    for (auto& c : columns_) {
      const std::size_t n = std::min(n_rows, c.values.size());
      c.values.resize(n_units, nan());
      double* v = c.values.data();
      // rows[k] >= k: from the last row down, a value moves up (or stays), never over one not
      // yet moved
      std::size_t next = n_units; // v[next..) is final
      for (std::size_t k = n; k-- > 0;) {
        const std::size_t to = rows[k];
        while (next > to + 1)
          v[--next] = nan();
        v[--next] = v[k];
      }
      while (next > 0)
        v[--next] = nan();
    }
  }
  /// (`rows` ascending, as above.)
  void scatter(const std::vector<std::size_t>& rows, std::size_t n_units) {
    scatter(rows.data(), rows.size(), n_units);
  }

private:
  static constexpr double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }
  const column_entry* find_column(std::string_view name) const noexcept {
    for (const auto& c : columns_) {
      if (c.name == name)
        return &c;
    }
    return nullptr;
  }
  const fact_entry* find_fact(std::string_view name) const noexcept {
    for (const auto& f : facts_) {
      if (f.name == name)
        return &f;
    }
    return nullptr;
  }

  /// An entry named `name` from `spare` (the one of that name when there is one: its memory has
  /// the right size), or a new one.
  template <class Entry>
  static Entry take_spare(std::vector<Entry>& spare, std::string_view name) {
    if (spare.empty())
      return Entry{std::string(name), {}};
    std::size_t k = spare.size() - 1;
    for (std::size_t j = 0; j < spare.size(); ++j) {
      if (spare[j].name == name) {
        k = j;
        break;
      }
    }
    Entry e = std::move(spare[k]);
    if (k + 1 != spare.size())
      spare[k] = std::move(spare.back());
    spare.pop_back();
    e.name.assign(name.data(), name.size());
    return e;
  }

  std::vector<column_entry> columns_;
  std::vector<fact_entry> facts_;
  std::vector<std::string> spare_children_; ///< the context's dropped strings, kept for their
  std::vector<std::string> spare_units_;    ///< memory
  std::vector<column_entry> spare_columns_; ///< dropped columns, kept for their memory
  std::vector<fact_entry> spare_facts_;
  std::vector<double> scratch_;
  std::vector<std::size_t> index_scratch_;
};

namespace detail {
template <class...>
using void_t = void;

template <class T, class = void>
struct is_column_aggregator_impl : std::false_type {};
template <class T>
struct is_column_aggregator_impl<
    T, void_t<decltype(T::name()), decltype(std::declval<const T&>().validate()),
              decltype(std::declval<const T&>().aggregate_all(
                  std::declval<matrix_view>(), std::declval<const double*>(),
                  std::declval<double*>(), std::declval<node_outputs&>()))>> : std::true_type {};

template <class T, class = void>
struct accepts_missing_impl : std::false_type {};
template <class T>
struct accepts_missing_impl<T, void_t<decltype(T::accepts_missing)>>
    : std::integral_constant<bool, T::accepts_missing> {};
} // namespace detail

/// True when T models the column-wide aggregator concept (see the top of this header).
template <class T>
inline constexpr bool is_column_aggregator_v = detail::is_column_aggregator_impl<T>::value;

/// True when column-wide aggregator T takes units with some children missing (NaN cells).
template <class T>
inline constexpr bool accepts_missing_v = detail::accepts_missing_impl<T>::value;

namespace detail {
/// Instantiated where a column-wide aggregator is required: its name appears in the error.
template <class T>
struct requires_column_aggregator {
  static_assert(is_column_aggregator_v<T>,
                "T is not a govmetrics column-wide aggregator: it needs name(), validate() and "
                "aggregate_all(matrix_view, const double* w, double* out, node_outputs&).");
};

/// "node 'x' (children 'a', 'b'; 5 units)": the context every column-wide aggregator's messages
/// carry.
inline std::string node_context(const node_outputs& extra) {
  std::string kids;
  for (const auto& c : extra.children)
    kids += (kids.empty() ? "'" : ", '") + c + "'";
  return "node '" + extra.node + "' (children " + kids + "; " + std::to_string(extra.units.size()) +
         (extra.units.size() == 1 ? " unit)" : " units)");
}

/// Runs `f` (a call of a functional multi-criteria kernel) and rethrows its data_error or
/// spec_error with `who` and the node context in front, so that a message names the node. The
/// kernel's "criterion j" is the j-th child listed, its "alternative i" the i-th unit taking part.
template <class F>
auto with_node_context(const char* who, const node_outputs& extra, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const data_error& e) {
    GOVMETRICS_THROW(
        data_error(std::string(who) + ": " + node_context(extra) + ": " + std::string(e.what())));
  } catch (const spec_error& e) {
    GOVMETRICS_THROW(
        spec_error(std::string(who) + ": " + node_context(extra) + ": " + std::string(e.what())));
  }
}
} // namespace detail

} // namespace govmetrics::aggregate

namespace govmetrics {
using aggregate::node_outputs;
} // namespace govmetrics
