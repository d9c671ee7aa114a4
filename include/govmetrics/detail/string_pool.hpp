// govmetrics internals: resizing a vector of strings that are refilled again and again (unit ids,
// child codes of a node) without freeing the strings' memory. Not API.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace govmetrics::detail {

/// Gives `v` n strings: a shrinking `v` moves its last strings (with their memory) into `pool`, a
/// growing one takes strings from `pool` before making new ones. Strings taken back keep their old
/// text until assigned. Once `v` and `pool` have held their largest sizes, no allocation.
inline void resize_strings(std::vector<std::string>& v, std::size_t n,
                           std::vector<std::string>& pool) {
  while (v.size() > n) {
    pool.push_back(std::move(v.back()));
    v.pop_back();
  }
  while (v.size() < n) {
    if (pool.empty()) {
      v.emplace_back();
    } else {
      v.push_back(std::move(pool.back()));
      pool.pop_back();
    }
  }
}

} // namespace govmetrics::detail
