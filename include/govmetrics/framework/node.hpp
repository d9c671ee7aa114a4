// govmetrics: one node of an index tree (the index, a dimension, ..., an indicator).
#pragma once

#include "govmetrics/core/polarity.hpp"

#include <map>
#include <string>
#include <utility>

namespace govmetrics {

/// A node of the index tree. A node with a `column` is an indicator (a leaf that reads that data
/// column); every other node aggregates its children. The root has an empty `parent`.
struct node {
  std::string code;    ///< unique code, e.g. "infra"
  std::string name;    ///< human-readable name (UTF-8)
  std::string parent;  ///< parent code; empty for the root
  double weight = 1.0; ///< weight within the parent (normalised among siblings)
  direction polarity = direction::positive; ///< indicators only
  std::string column;                       ///< data column of an indicator; empty for aggregates
  std::string unit;                         ///< unit of measurement (indicators), free text
  /// Indicators only: a data column (not an indicator) the values are divided by before every
  /// other stage, e.g. "Population" for a per-capita indicator; empty: not denominated.
  std::string denominator;
  std::string description;                   ///< free text
  std::map<std::string, std::string> labels; ///< further names, e.g. {"name_zh", "数字基础设施"}

  bool is_indicator() const noexcept { return !column.empty(); }
};

/// An aggregate node (the root when `parent` is empty).
inline node make_aggregate(std::string code, std::string parent = {}, double weight = 1.0,
                           std::string name = {}) {
  node n;
  n.code = std::move(code);
  n.parent = std::move(parent);
  n.weight = weight;
  n.name = std::move(name);
  return n;
}

/// An indicator reading data column `column` (its code when `column` is empty).
inline node make_indicator(std::string code, std::string parent, double weight = 1.0,
                           direction polarity = direction::positive, std::string column = {},
                           std::string name = {}) {
  node n;
  n.column = column.empty() ? code : std::move(column);
  n.code = std::move(code);
  n.parent = std::move(parent);
  n.weight = weight;
  n.polarity = polarity;
  n.name = std::move(name);
  return n;
}

} // namespace govmetrics
