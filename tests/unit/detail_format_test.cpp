// Values quoted in messages (issue 9): escaped so that a NUL, a control byte or invalid UTF-8 can
// neither cut a message nor garble a terminal, and cut so that a 50 MB value gives a short message.
#include "govmetrics/detail/format.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_detail_format_test {

/// govmetrics::detail::quoted under another name: called `quoted` with a std::string,
/// argument-dependent lookup would pick std::quoted.
std::string q(std::string_view s, std::size_t max_bytes = 120) {
  return govmetrics::detail::quoted(s, max_bytes);
}

TEST_SUITE("detail::quoted") {
  TEST_CASE("plain text and valid UTF-8 are kept as they are") {
    CHECK(q("Iraq") == "'Iraq'");
    CHECK(q("it's") == "'it's'");
    CHECK(q("S\xC3\xA3o Tom\xC3\xA9") == "'S\xC3\xA3o Tom\xC3\xA9'");     // 2-byte
    CHECK(q("\xE5\x8C\x97\xE4\xBA\xAC") == "'\xE5\x8C\x97\xE4\xBA\xAC'"); // 3-byte (Beijing)
    CHECK(q("\xF0\x9F\x8C\x8D") == "'\xF0\x9F\x8C\x8D'");                 // 4-byte
    CHECK(q("") == "''");
  }

  TEST_CASE("NUL, control bytes, DEL and the backslash are escapes") {
    CHECK(q(std::string("a\0b", 3)) == "'a\\x00b'");
    CHECK(q("a\tb\nc\rd") == "'a\\tb\\nc\\rd'");
    CHECK(q("\x01\x1f\x7f") == "'\\x01\\x1f\\x7f'");
    CHECK(q("C:\\data") == "'C:\\\\data'");
  }

  TEST_CASE("bytes that are not valid UTF-8 are escapes") {
    CHECK(q("\xFF") == "'\\xff'");
    CHECK(q("\xC3") == "'\\xc3'");                            // truncated sequence
    CHECK(q("\xC0\xAF") == "'\\xc0\\xaf'");                   // overlong '/'
    CHECK(q("\xED\xA0\x80") == "'\\xed\\xa0\\x80'");          // a UTF-16 surrogate
    CHECK(q("\xF4\x90\x80\x80") == "'\\xf4\\x90\\x80\\x80'"); // above U+10FFFF
    CHECK(q("\x80z") == "'\\x80z'");                          // a lone continuation byte
  }

  TEST_CASE("long values are cut at a character boundary, with their length") {
    CHECK(q(std::string(200, 'x'), 10) == "'xxxxxxxxxx'... (200 bytes)");
    CHECK(q(std::string(50'000'000, 'h')).size() < 200);
    // a 2-byte character is not split: 9 ASCII bytes then one character crossing byte 10
    CHECK(q("123456789\xC3\xA9zz", 10) == "'123456789\xC3\xA9'... (13 bytes)");
    CHECK(q(std::string(10, 'x'), 10) == "'xxxxxxxxxx'"); // exactly the limit: not cut
  }
}

} // namespace unit_detail_format_test
