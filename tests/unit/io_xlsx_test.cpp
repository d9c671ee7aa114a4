// Tests of govmetrics/io/xlsx.hpp: the archive's structure (stored ZIP: local headers, central
// directory, end record), the SpreadsheetML of a sheet (numbers exactly, text escaped, empty
// cells), reproducible bytes, and the sheet names refused. Reading back with a real spreadsheet
// reader (openpyxl) is python/tests/test_excel.py.
#include "govmetrics/io/xlsx.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_io_xlsx_test {

namespace {

namespace gm = govmetrics;
namespace io = govmetrics::io;

std::uint32_t u32(const std::string& s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8U |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16U |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24U;
}

io::xlsx_sheet small() {
  io::xlsx_sheet s;
  s.name = "scores";
  s.header = {"unit", "x"};
  s.frozen_columns = 1;
  s.rows.push_back({std::string("<a&b>"), 0.1 + 0.2});
  s.rows.push_back({std::string("c"), std::numeric_limits<double>::quiet_NaN()});
  s.rows.push_back({std::string("d"), io::xlsx_cell{}});
  return s;
}

} // namespace

TEST_SUITE("io.xlsx") {
  TEST_CASE("a stored ZIP with the SpreadsheetML parts; numbers exact, text escaped") {
    const std::string z = io::xlsx_workbook({small()});
    REQUIRE(z.size() > 100);
    CHECK(u32(z, 0) == 0x04034b50U);       // a local file header first
    const std::size_t end = z.size() - 22; // the end record (no comment)
    CHECK(u32(z, end) == 0x06054b50U);
    CHECK((static_cast<unsigned char>(z[end + 10]) |
           (static_cast<unsigned char>(z[end + 11]) << 8)) == 6);
    const std::size_t cd = u32(z, end + 16); // the central directory's offset
    CHECK(u32(z, cd) == 0x02014b50U);
    for (const char* part :
         {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
          "xl/styles.xml", "xl/worksheets/sheet1.xml"})
      CHECK(z.find(part) != std::string::npos);
    CHECK(z.find("<v>0.30000000000000004</v>") != std::string::npos);
    CHECK(z.find("<t>&lt;a&amp;b&gt;</t>") != std::string::npos);
    CHECK(z.find("r=\"B3\"") == std::string::npos); // NaN: no cell
    CHECK(z.find("r=\"B4\"") == std::string::npos); // empty: no cell
    CHECK(z.find("state=\"frozen\"") != std::string::npos);
    CHECK(z.find("xSplit=\"1\"") != std::string::npos);
    CHECK(io::xlsx_workbook({small()}) == z); // reproducible
  }

  TEST_CASE("text that would not read back: invalid UTF-8, carriage returns, _xHHHH_") {
    io::xlsx_sheet s = small();
    s.rows = {{std::string("S\xE3o Tom\xC3\xA9"), std::string("a\rb _x0041_ _x00")}};
    const std::string z = io::xlsx_workbook({s});
    CHECK(z.find("S\xEF\xBF\xBDo Tom\xC3\xA9") != std::string::npos); // U+FFFD, valid kept
    CHECK(z.find("a_x000D_b _x005F_x0041_ _x00") != std::string::npos);
    s.rows = {{std::string(32768, 'x')}};
    CHECK_THROWS_AS(io::xlsx_workbook({s}), gm::spec_error);
  }

  TEST_CASE("sheet names Excel refuses are refused") {
    io::xlsx_sheet s = small();
    s.name = "a/b";
    CHECK_THROWS_AS(io::xlsx_workbook({s}), gm::spec_error);
    s.name = std::string(32, 'x');
    CHECK_THROWS_AS(io::xlsx_workbook({s}), gm::spec_error);
    CHECK_THROWS_AS(io::xlsx_workbook({small(), small()}), gm::spec_error);
    s.name = std::string(31, 'x');
    CHECK_NOTHROW(io::xlsx_workbook({s}));
  }
}

} // namespace unit_io_xlsx_test
