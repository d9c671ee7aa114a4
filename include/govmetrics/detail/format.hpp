// govmetrics internals: numbers and quoted values in messages.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

namespace govmetrics::detail {

/// The shortest text that reads back as exactly `x` ("64", "0.1", "nan", "inf").
inline std::string format_number(double x) {
  if (std::isnan(x))
    return "nan";
  if (std::isinf(x))
    return x > 0 ? "inf" : "-inf";
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof(buf), x);
  return res.ec == std::errc() ? std::string(buf, res.ptr) : std::to_string(x);
}

/// "1 unit", "3 units".
inline std::string count_of(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

/// Length of the valid UTF-8 sequence of two or more bytes starting at s[i], or 0 when s[i] does
/// not start one (overlong forms, surrogates and code points above U+10FFFF are not valid).
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (i + len > s.size() || b(i + 1) < lo || b(i + 1) > hi)
    return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF)
      return 0;
  }
  return len;
}

/// `s` in single quotes, fit for a message: a NUL, control bytes, DEL, a backslash and bytes that
/// are not valid UTF-8 are shown as escapes (\t, \n, \r, \\, else \xHH: a NUL is \x00), valid
/// UTF-8 as is. Longer
/// than `max_bytes` bytes, it is cut at a character boundary and followed by "... (N bytes)".
inline std::string quoted(std::string_view s, std::size_t max_bytes = 120) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "'";
  std::size_t i = 0;
  while (i < s.size() && i < max_bytes) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t len = utf8_sequence_length(s, i); len > 0) {
        out.append(s.data() + i, len);
        i += len;
        continue;
      }
    }
    switch (c) {
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\\':
      out += "\\\\";
      break;
    default:
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
    ++i;
  }
  out += "'";
  if (i < s.size())
    out += "... (" + std::to_string(s.size()) + " bytes)";
  return out;
}

} // namespace govmetrics::detail
