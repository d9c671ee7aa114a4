// govmetrics: the validated index tree.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"
#include "govmetrics/framework/node.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace govmetrics {

/// A tree of nodes of any depth, validated on construction: exactly one root, unique codes, known
/// parents, no cycles, every leaf an indicator with a data column, no indicator with children,
/// finite non-negative weights and no parent whose children's weights are all zero.
class framework {
public:
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  framework() = default;

  /// Validates `nodes`; throws spec_error listing every problem found.
  explicit framework(std::vector<node> nodes) : nodes_(std::move(nodes)) {
    auto problems = check(nodes_);
    if (!problems.empty()) {
      std::string msg = "framework: " + std::to_string(problems.size()) +
                        (problems.size() == 1 ? " problem: " : " problems: ");
      for (std::size_t i = 0; i < problems.size(); ++i)
        msg += (i ? "; " : "") + problems[i];
      GOVMETRICS_THROW(spec_error(msg));
    }
    build();
  }

  /// Every problem in `nodes`, one message each (empty when the tree is valid).
  static std::vector<std::string> check(const std::vector<node>& nodes) {
    std::vector<std::string> out;
    if (nodes.empty()) {
      out.emplace_back("the tree is empty (no nodes)");
      return out;
    }
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const node& n = nodes[i];
      if (n.code.empty()) {
        out.push_back("node at position " + std::to_string(i) + " has an empty code");
        continue;
      }
      if (!index.emplace(n.code, i).second)
        out.push_back("duplicate code '" + n.code + "'");
    }
    std::vector<std::size_t> roots;
    std::vector<std::size_t> parent(nodes.size(), npos);
    std::vector<std::size_t> n_children(nodes.size(), 0);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const node& n = nodes[i];
      if (n.parent.empty()) {
        roots.push_back(i);
      } else if (auto it = index.find(n.parent); it == index.end()) {
        out.push_back("node '" + n.code + "' has unknown parent '" + n.parent + "'");
      } else if (it->second == i) {
        out.push_back("node '" + n.code + "' is its own parent (cycle)");
      } else {
        parent[i] = it->second;
        ++n_children[it->second];
      }
      if (!n.denominator.empty() && !n.is_indicator()) {
        out.push_back("node '" + n.code + "' has denominator '" + n.denominator +
                      "' but is not an indicator (no column)");
      }
      if (!std::isfinite(n.weight) || n.weight < 0.0) {
        out.push_back("node '" + n.code + "' has weight " + detail::format_number(n.weight) +
                      " (weights must be finite and non-negative)");
      }
    }
    if (roots.empty()) {
      out.emplace_back("no root (every node has a parent, so the tree has a cycle)");
    } else if (roots.size() > 1) {
      std::string list;
      for (std::size_t r : roots)
        list += (list.empty() ? "'" : ", '") + nodes[r].code + "'";
      out.push_back("more than one root (" + list + ")");
    }
    // Cycles, in O(nodes): walk up from every node not seen yet, marking the walk; reaching a node
    // of the same walk closes a cycle, reaching a node of an earlier walk (or the top) does not.
    // Each cycle is reported once, from its smallest position, in the order of those positions.
    {
      constexpr std::size_t unseen = npos;
      std::vector<std::size_t> walk_of(nodes.size(), unseen);
      std::vector<std::pair<std::size_t, std::string>> cycles;
      for (std::size_t start = 0; start < nodes.size(); ++start) {
        std::size_t v = start;
        while (v != npos && walk_of[v] == unseen && parent[v] != v) {
          walk_of[v] = start;
          v = parent[v];
        }
        if (v == npos || walk_of[v] != start)
          continue; // the top, a self-parent (reported above) or an earlier walk
        std::size_t smallest = v;
        for (std::size_t q = parent[v]; q != v; q = parent[q])
          smallest = std::min(smallest, q);
        // at most `shown` nodes are named: a cycle of 100,000 nodes gives a short message
        constexpr std::size_t shown = 10;
        std::string path = "'" + nodes[smallest].code + "'";
        std::size_t length = 1;
        for (std::size_t q = parent[smallest]; q != smallest; q = parent[q], ++length) {
          if (length < shown)
            path += " -> '" + nodes[q].code + "'";
        }
        if (length > shown)
          path += " -> ... (" + std::to_string(length - shown) + " more nodes)";
        cycles.emplace_back(smallest, "cycle " + path + " -> '" + nodes[smallest].code + "'");
      }
      std::sort(cycles.begin(), cycles.end());
      for (auto& c : cycles)
        out.push_back(std::move(c.second));
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const node& n = nodes[i];
      if (n.is_indicator() && n_children[i] > 0) {
        out.push_back("indicator '" + n.code + "' (column '" + n.column + "') has " +
                      detail::count_of(n_children[i], "child", "children"));
      }
      if (!n.is_indicator() && n_children[i] == 0 && !n.code.empty()) {
        out.push_back("leaf '" + n.code + "' has no data column");
      }
    }
    // Siblings whose weights are all zero.
    std::vector<double> child_weight_sum(nodes.size(), 0.0);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (parent[i] != npos && std::isfinite(nodes[i].weight) && nodes[i].weight > 0.0) {
        child_weight_sum[parent[i]] += nodes[i].weight;
      }
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (n_children[i] > 0 && !(child_weight_sum[i] > 0.0)) {
        out.push_back(n_children[i] == 1
                          ? "the only child of '" + nodes[i].code + "' has weight 0"
                          : "the " + std::to_string(n_children[i]) + " children of '" +
                                nodes[i].code + "' all have weight 0");
      }
    }
    return out;
  }

  const std::vector<node>& nodes() const noexcept { return nodes_; }
  std::size_t size() const noexcept { return nodes_.size(); }
  const node& operator[](std::size_t i) const noexcept { return nodes_[i]; }

  std::size_t root() const noexcept { return root_; }
  std::size_t parent(std::size_t i) const noexcept { return parent_[i]; }
  const std::vector<std::size_t>& children(std::size_t i) const noexcept { return children_[i]; }
  /// Depth below the root (root = 0).
  std::size_t depth(std::size_t i) const noexcept { return depth_[i]; }
  bool is_indicator(std::size_t i) const noexcept { return nodes_[i].is_indicator(); }

  /// Positions of the indicators, in file order.
  const std::vector<std::size_t>& indicators() const noexcept { return indicators_; }
  /// Position of indicator node i among indicators() (npos for aggregates).
  std::size_t indicator_slot(std::size_t i) const noexcept { return indicator_slot_[i]; }
  /// Positions of the aggregate nodes, children before parents (the root last).
  const std::vector<std::size_t>& aggregation_order() const noexcept { return aggregation_order_; }
  /// Position of aggregate node i among aggregation_order() (npos for indicators).
  std::size_t aggregate_slot(std::size_t i) const noexcept { return aggregate_slot_[i]; }

  /// Position of a node code; throws unknown_code_error.
  std::size_t index_of(std::string_view code) const {
    const auto it = index_.find(std::string(code));
    if (it == index_.end()) {
      GOVMETRICS_THROW(unknown_code_error("framework: unknown node '" + std::string(code) + "'"));
    }
    return it->second;
  }
  bool contains(std::string_view code) const {
    return index_.find(std::string(code)) != index_.end();
  }

private:
  void build() {
    const std::size_t n = nodes_.size();
    parent_.assign(n, npos);
    children_.assign(n, {});
    depth_.assign(n, 0);
    indicator_slot_.assign(n, npos);
    aggregate_slot_.assign(n, npos);
    for (std::size_t i = 0; i < n; ++i)
      index_.emplace(nodes_[i].code, i);
    for (std::size_t i = 0; i < n; ++i) {
      if (nodes_[i].parent.empty()) {
        root_ = i;
      } else {
        parent_[i] = index_.at(nodes_[i].parent);
        children_[parent_[i]].push_back(i);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (nodes_[i].is_indicator()) {
        indicator_slot_[i] = indicators_.size();
        indicators_.push_back(i);
      }
    }
    // Iterative post-order from the root: children before parents.
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root_, 0}};
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < children_[v].size()) {
        const std::size_t c = children_[v][next++];
        depth_[c] = depth_[v] + 1;
        stack.emplace_back(c, 0);
      } else {
        if (!nodes_[v].is_indicator()) {
          aggregate_slot_[v] = aggregation_order_.size();
          aggregation_order_.push_back(v);
        }
        stack.pop_back();
      }
    }
  }

  std::vector<node> nodes_;
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t root_ = npos;
  std::vector<std::size_t> parent_;
  std::vector<std::vector<std::size_t>> children_;
  std::vector<std::size_t> depth_;
  std::vector<std::size_t> indicators_;
  std::vector<std::size_t> indicator_slot_;
  std::vector<std::size_t> aggregation_order_;
  std::vector<std::size_t> aggregate_slot_;
};

} // namespace govmetrics
