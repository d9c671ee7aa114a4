// govmetrics io (private): the little-endian binary writer and reader of the state files of
// uncertainty and sensitivity analyses (docs/uncertainty.md, docs/sensitivity.md): strings and
// vectors as a u64 count then the elements, doubles as their IEEE-754 bits, a u64 FNV-1a checksum
// of every byte before it at the end. Errors name the file and the byte offset.
#pragma once

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::io::binary {

inline std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

class state_writer {
public:
  std::string out;
  /// `x` in `n` bytes, little-endian.
  void little_endian(std::uint64_t x, unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      out.push_back(static_cast<char>((x >> (8 * i)) & 0xffU));
  }
  void u64(std::uint64_t x) { little_endian(x, 8); }
  void u32(std::uint32_t x) { little_endian(x, 4); }
  void f64(double x) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    u64(bits);
  }
  void str(const std::string& s) {
    u64(s.size());
    out += s;
  }
  void strings(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v)
      str(s);
  }
  void doubles(const std::vector<double>& v) {
    u64(v.size());
    for (double x : v)
      f64(x);
  }
  template <class Int>
  void ints(const std::vector<Int>& v) {
    u64(v.size());
    for (Int x : v)
      u64(static_cast<std::uint64_t>(x));
  }
};

class state_reader {
public:
  state_reader(std::string_view bytes, const std::string& source,
               const char* kind = "uncertainty state")
      : bytes_(bytes), source_(source), kind_(kind) {}

  [[noreturn]] void fail(const std::string& what) const {
    GOVMETRICS_THROW(data_error(std::string(kind_) + " " + govmetrics::detail::quoted(source_) +
                                ": " + what + " (byte " + std::to_string(pos_) + " of " +
                                std::to_string(bytes_.size()) + ")"));
  }
  void need(std::uint64_t n, const char* what) const {
    if (n > bytes_.size() - pos_)
      fail(std::string("cut short in ") + what);
  }
  /// An unsigned integer of `n` bytes, little-endian.
  std::uint64_t little_endian(std::size_t n, const char* what) {
    need(n, what);
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < n; ++i)
      x |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
    pos_ += n;
    return x;
  }
  std::uint64_t u64(const char* what) { return little_endian(8, what); }
  std::uint32_t u32(const char* what) { return static_cast<std::uint32_t>(little_endian(4, what)); }
  std::size_t size(const char* what) { return to_size(u64(what), what); }
  std::size_t to_size(std::uint64_t x, const char* what) const {
    if (x > bytes_.size())
      fail(std::string("impossible size ") + std::to_string(x) + " in " + what);
    return static_cast<std::size_t>(x);
  }
  bool flag(const char* what) {
    const std::uint64_t x = u64(what);
    if (x > 1)
      fail(std::string("bad flag in ") + what);
    return x == 1;
  }
  double f64(const char* what) {
    const std::uint64_t bits = u64(what);
    double x = 0.0;
    std::memcpy(&x, &bits, sizeof x);
    return x;
  }
  std::string str(const char* what) {
    const std::size_t n = size(what);
    need(n, what);
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<std::string> strings(const char* what) {
    const std::size_t n = size(what);
    std::vector<std::string> v;
    for (std::size_t i = 0; i < n; ++i)
      v.push_back(str(what));
    return v;
  }
  std::vector<double> doubles(const char* what) {
    const std::size_t n = size(what);
    need(8 * static_cast<std::uint64_t>(n), what);
    std::vector<double> v(n);
    for (double& x : v)
      x = f64(what);
    return v;
  }
  template <class Int>
  std::vector<Int> ints(const char* what) {
    const std::size_t n = size(what);
    need(8 * static_cast<std::uint64_t>(n), what);
    std::vector<Int> v(n);
    for (Int& x : v)
      x = static_cast<Int>(u64(what));
    return v;
  }
  std::size_t pos() const noexcept { return pos_; }
  void skip(std::size_t n) { pos_ += n; }

private:
  std::string_view bytes_;
  const std::string& source_;
  const char* kind_;
  std::size_t pos_ = 0;
};

} // namespace govmetrics::io::binary
