// govmetrics: the level of every node of a framework, counted from the indicators up (COINr's
// levels: indicators 1, their parents 2, ..., the root highest).
#pragma once

#include "govmetrics/framework/framework.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace govmetrics::audit {

/// Per node (framework position): 1 for an indicator, 1 + the highest level among its children for
/// an aggregate. In a tree whose indicators all lie at the same depth this is COINr's Level; in a
/// ragged tree an aggregate sits one above its highest child.
inline std::vector<std::size_t> levels(const framework& fw) {
  std::vector<std::size_t> level(fw.size(), 1);
  for (std::size_t nd : fw.aggregation_order()) { // children before parents
    std::size_t top = 0;
    for (std::size_t c : fw.children(nd))
      top = std::max(top, level[c]);
    level[nd] = top + 1;
  }
  return level;
}

} // namespace govmetrics::audit
