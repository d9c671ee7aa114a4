// govmetrics internals: positions of unique names by name, in one flat table (no allocation per
// name), for the ids and codes of a dataset_view.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics::detail {

/// A hash of a name for name_index: eight bytes at a time, each mixed by a multiply and a shift
/// (ids and codes are short: one or two rounds, inline, where std::hash calls a byte-wise murmur).
/// Not for untrusted input at scale (no seed): the table only holds the names of one data set.
inline std::size_t name_hash(std::string_view name) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ name.size();
  const char* p = name.data();
  std::size_t n = name.size();
  const auto mix = [&h](std::uint64_t w) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  };
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, 8);
    mix(w);
  }
  if (n > 0) {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    mix(w);
  }
  h *= 0x94D049BB133111EBULL;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

/// An open-addressing hash table of positions into a vector of names that the caller owns and
/// passes to every call (so the index stays valid when its owner is copied or moved).
class name_index {
public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Indexes `names`. Returns npos, or the position of the first name seen before; `first` is
  /// then that earlier position.
  std::size_t build(const std::vector<std::string>& names, std::size_t& first) {
    std::size_t size = 8;
    while (size < 2 * names.size())
      size *= 2;
    slots_.assign(size, 0);
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::size_t s = slot_of(names, names[i]);
      if (slots_[s] != 0) {
        first = slots_[s] - 1;
        return i;
      }
      slots_[s] = i + 1;
    }
    return npos;
  }

  /// The position of `name` in `names` (the vector given to build), or npos.
  std::size_t find(const std::vector<std::string>& names, std::string_view name) const noexcept {
    if (slots_.empty())
      return npos;
    const std::size_t p = slots_[slot_of(names, name)];
    return p == 0 ? npos : p - 1;
  }

private:
  /// The slot holding `name`, or the empty slot where it would go (linear probing; the table is
  /// at most half full, so there is one).
  std::size_t slot_of(const std::vector<std::string>& names, std::string_view name) const noexcept {
    const std::size_t mask = slots_.size() - 1;
    std::size_t s = name_hash(name) & mask;
    while (slots_[s] != 0 && std::string_view(names[slots_[s] - 1]) != name)
      s = (s + 1) & mask;
    return s;
  }

  std::vector<std::size_t> slots_; // 1 + position, 0 for empty
};

} // namespace govmetrics::detail
