// Tests of govmetrics/io/csv.hpp: the RFC 4180 reader, strict numbers, wide and long layouts.
#include "govmetrics/io/csv.hpp"

#include "shared_data.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_io_csv_test {

namespace {

using govmetrics::data_error;
using govmetrics::parse_error;
using govmetrics::spec_error;
using govmetrics::io::csv_layout;
using govmetrics::io::csv_options;
using govmetrics::io::csv_report;
using govmetrics::io::parse_csv;
using govmetrics::io::parse_csv_table;
using govmetrics::io::parse_number;
using govmetrics::io::read_csv;
using strings = std::vector<std::string>;

/// Runs `f`, which must throw parse_error; returns the exception for checking line and column.
template <class F>
parse_error catch_parse_error(F f) {
  try {
    f();
  } catch (const parse_error& e) {
    return e;
  }
  FAIL("no parse_error thrown");
  return parse_error("", "", 0, 0);
}

csv_options wide_columns(strings columns) {
  csv_options o;
  o.columns = std::move(columns);
  return o;
}

csv_options long_options(strings columns = {}) {
  csv_options o;
  o.layout = csv_layout::long_;
  o.columns = std::move(columns);
  return o;
}

/// A file in the temporary directory, removed at the end of the scope.
class temp_file {
public:
  explicit temp_file(std::string_view contents) {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("govmetrics_io_csv_test_" + std::to_string(counter++) + ".csv"))
                .string();
    std::ofstream out(path_, std::ios::out | std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    REQUIRE(out.good());
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

} // namespace

TEST_SUITE("io::csv label columns") {
  TEST_CASE("wide: text columns read as labels, trimmed, empty cells empty") {
    csv_options o;
    o.unit_column = "unit";
    o.columns = {"x"};
    o.label_columns = {"grp"};
    const auto d = parse_csv("unit,grp,x\na, Europe ,1\nb,,2\nc,Asia,3\n", "t.csv", o);
    CHECK(d.indicators() == strings{"x"});
    CHECK(d.labels("grp") == strings{"Europe", "", "Asia"});
  }
  TEST_CASE("long: a unit's label from its rows; two different labels are a data_error") {
    csv_options o;
    o.unit_column = "unit";
    o.layout = csv_layout::long_;
    o.label_columns = {"grp"};
    const auto d = parse_csv("unit,grp,indicator,value\na,E,x,1\na,E,y,2\nb,A,x,3\n", "t.csv", o);
    CHECK(d.labels("grp") == strings{"E", "A"});
    CHECK_THROWS_WITH_AS(
        parse_csv("unit,grp,indicator,value\na,E,x,1\na,A,y,2\n", "t.csv", o),
        "csv: unit 'a' has two labels in column 'grp': 'E' and 'A' (t.csv, lines 2 and 3)",
        data_error);
  }
  TEST_CASE("absent, repeated or unit label columns are errors") {
    csv_options o;
    o.unit_column = "unit";
    o.label_columns = {"region"};
    CHECK_THROWS_WITH_AS(parse_csv("unit,x\na,1\n", "t.csv", o),
                         doctest::Contains("label column 'region' not found"), data_error);
    o.label_columns = {"x", "x"};
    CHECK_THROWS_AS(parse_csv("unit,x\na,1\n", "t.csv", o), spec_error);
    o.label_columns = {"unit"};
    CHECK_THROWS_AS(parse_csv("unit,x\na,1\n", "t.csv", o), spec_error);
  }
}

TEST_SUITE("io::csv"){

    // ---- RFC 4180 table
    // ----------------------------------------------------------------------------

    TEST_CASE("parse_csv_table splits header and rows and records physical lines"){
        const auto t = parse_csv_table("unit,a,b\nx,1,2\ny,3,4\n", "t.csv");
CHECK(t.header == strings{"unit", "a", "b"});
REQUIRE(t.rows.size() == 2);
CHECK(t.rows[0] == strings{"x", "1", "2"});
CHECK(t.rows[1] == strings{"y", "3", "4"});
CHECK(t.row_lines == std::vector<std::size_t>{2, 3});
CHECK(t.header_line == 1);
} // namespace unit_io_csv_test

TEST_CASE("quoted fields hold commas, doubled quotes and line breaks") {
  const std::string text = "unit,note,v\n"
                           "\"a,b\",\"he said \"\"hi\"\"\",1\n"
                           "c,\"two\nlines\",2\n"
                           "d,\"crlf\r\ninside\",3\n"
                           "e,\"\",4\n";
  const auto t = parse_csv_table(text, "q.csv");
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0] == strings{"a,b", "he said \"hi\"", "1"});
  CHECK(t.rows[1] == strings{"c", "two\nlines", "2"});
  CHECK(t.rows[2] == strings{"d", "crlf\r\ninside", "3"});
  CHECK(t.rows[3] == strings{"e", "", "4"});
  // A row spanning two physical lines moves the following rows down.
  CHECK(t.row_lines == std::vector<std::size_t>{2, 3, 5, 7});
}

TEST_CASE("CRLF and LF line endings give the same table") {
  const auto lf = parse_csv_table("u,a\nx,1\ny,2\n", "lf.csv");
  const auto crlf = parse_csv_table("u,a\r\nx,1\r\ny,2\r\n", "crlf.csv");
  CHECK(crlf.header == lf.header);
  CHECK(crlf.rows == lf.rows);
  CHECK(crlf.row_lines == lf.row_lines);
  CHECK(crlf.rows[1] == strings{"y", "2"}); // no stray '\r' at the end of the last field
  // A quoted last field followed by CRLF.
  CHECK(parse_csv_table("u,a\r\n\"x\",\"1\"\r\n", "c.csv").rows[0] == strings{"x", "1"});
}

TEST_CASE("a UTF-8 byte order mark at the start is skipped") {
  const auto t = parse_csv_table("\xEF\xBB\xBF"
                                 "unit,a\nx,1\n",
                                 "bom.csv");
  CHECK(t.header == strings{"unit", "a"});
  CHECK(t.header[0].size() == 4);
  // Before a quoted header name too (OECD files).
  CHECK(parse_csv_table("\xEF\xBB\xBF\"unit\",\"a\"\nx,1\n", "bom.csv").header ==
        strings{"unit", "a"});
}

TEST_CASE("a last line without a newline and blank trailing lines are fine") {
  const auto no_newline = parse_csv_table("u,a\nx,1\ny,2", "n.csv");
  CHECK(no_newline.rows.size() == 2);
  CHECK(no_newline.rows[1] == strings{"y", "2"});
  const auto blank = parse_csv_table("u,a\nx,1\ny,2\n\n\n", "b.csv");
  CHECK(blank.rows == no_newline.rows);
  const auto blank_crlf = parse_csv_table("u,a\r\nx,1\r\ny,2\r\n\r\n\r\n", "b.csv");
  CHECK(blank_crlf.rows == no_newline.rows);
  // A header only: no rows.
  CHECK(parse_csv_table("u,a\n", "h.csv").rows.empty());
  CHECK(parse_csv_table("u,a", "h.csv").rows.empty());
}

TEST_CASE("empty fields, including a trailing one, are kept") {
  const auto t = parse_csv_table("u,a,b\nx,,\n,1,\n", "e.csv");
  CHECK(t.rows[0] == strings{"x", "", ""});
  CHECK(t.rows[1] == strings{"", "1", ""});
}

TEST_CASE("comment lines before the header are skipped; after it they are data") {
  const std::string text = "# illustrative data, not official figures\n"
                           "#second comment, with a comma\r\n"
                           "\n"
                           "unit,a\n"
                           "#1,5\n";
  const auto t = parse_csv_table(text, "c.csv");
  CHECK(t.header == strings{"unit", "a"});
  CHECK(t.header_line == 4);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0] == strings{"#1", "5"});
  CHECK(t.row_lines[0] == 5); // lines are physical: comments count
  // Line numbers in errors count the comment lines too.
  const auto e = catch_parse_error([] { parse_csv_table("# c\n# c\nu,a\nx,1,2\n", "c.csv"); });
  CHECK(e.line() == 4);
}

TEST_CASE("a quote inside an unquoted field is a parse_error with line and field number") {
  const std::string text = "u,a,b\nx,1,2\ny,3,4\"5\n";
  CHECK_THROWS_WITH_AS(parse_csv_table(text, "data.csv"),
                       "csv: quote inside unquoted field (data.csv, line 3, column 3)",
                       parse_error);
  const auto e = catch_parse_error([&] { parse_csv_table(text, "data.csv"); });
  CHECK(e.source() == "data.csv");
  CHECK(e.line() == 3);
  CHECK(e.column() == 3);
}

TEST_CASE("text after a closing quote is a parse_error") {
  CHECK_THROWS_WITH_AS(parse_csv_table("u,a\n\"x\"y,1\n", "data.csv"),
                       "csv: text after closing quote (data.csv, line 2, column 1)", parse_error);
  // After a quoted field that spans lines, the line is the one holding the stray text.
  const auto e = catch_parse_error([] { parse_csv_table("u,a\nx,\"1\n2\" \n", "data.csv"); });
  CHECK(e.line() == 3);
  CHECK(e.column() == 2);
}

TEST_CASE("an unterminated quoted field is a parse_error at the line where it opens") {
  const std::string text = "u,a,b\nx,1,2\ny,3,\"4\nz,5,6\n";
  CHECK_THROWS_WITH_AS(parse_csv_table(text, "data.csv"),
                       "csv: unterminated quoted field (data.csv, line 3, column 3)", parse_error);
  const auto e = catch_parse_error([&] { parse_csv_table(text, "data.csv"); });
  CHECK(e.line() == 3);
  CHECK(e.column() == 3);
  // In the header too.
  CHECK_THROWS_WITH_AS(parse_csv_table("\"u,a\n", "h.csv"),
                       "csv: unterminated quoted field (h.csv, line 1, column 1)", parse_error);
}

TEST_CASE("a row with a different number of fields than the header is a parse_error") {
  std::string text = "c1,c2,c3,c4,c5,c6,c7\n";
  for (int i = 0; i < 10; ++i)
    text += "1,2,3,4,5,6,7\n";
  const std::string too_few = text + "1,2,3,4,5\n";
  CHECK_THROWS_WITH_AS(parse_csv_table(too_few, "data.csv"),
                       "csv: row has 5 fields, header has 7 (data.csv, line 12)", parse_error);
  const auto e = catch_parse_error([&] { parse_csv_table(too_few, "data.csv"); });
  CHECK(e.line() == 12);
  CHECK(e.column() == 0);
  CHECK_THROWS_WITH_AS(parse_csv_table("a,b\n1,2,3\n", "data.csv"),
                       "csv: row has 3 fields, header has 2 (data.csv, line 2)", parse_error);
  // A blank line inside the data is a record of one empty field.
  CHECK_THROWS_WITH_AS(parse_csv_table("a,b\n1,2\n\n3,4\n", "data.csv"),
                       "csv: row has 1 field, header has 2 (data.csv, line 3)", parse_error);
}

TEST_CASE("a text without a header is a parse_error") {
  CHECK_THROWS_WITH_AS(parse_csv_table("", "empty.csv"), "csv: no header line (empty.csv)",
                       parse_error);
  CHECK_THROWS_WITH_AS(parse_csv_table("\xEF\xBB\xBF# only a comment\n\n", "c.csv"),
                       "csv: no header line (c.csv)", parse_error);
}

TEST_CASE("UTF-8 passes through untouched") {
  const std::string text = "city,score\n"
                           "\xE6\xAD\xA6\xE6\xB1\x89,1.5\n" // 武汉
                           "Xi'an,2.5\n"
                           "\"S\xC3\xA3o Paulo, SP\",3.5\n";
  const auto t = parse_csv_table(text, "u.csv");
  CHECK(t.rows[0][0] == "武汉");
  CHECK(t.rows[1][0] == "Xi'an");
  const auto d = parse_csv(text, "u.csv");
  CHECK(d.units() == strings{"武汉", "Xi'an", "São Paulo, SP"});
  CHECK(d.at(d.unit_index("武汉"), 0) == 1.5);
  CHECK(d.at(d.unit_index("Xi'an"), 0) == 2.5);
  CHECK(d.has_unit("São Paulo, SP"));
}

// ---- strict numbers
// -----------------------------------------------------------------------------

TEST_CASE("parse_number accepts plain decimal numbers with an optional sign and spaces") {
  const std::string src = "n.csv";
  CHECK(parse_number("12", src, 1, 1) == 12.0);
  CHECK(parse_number("-3.5", src, 1, 1) == -3.5);
  CHECK(parse_number("+0.25", src, 1, 1) == 0.25);
  CHECK(parse_number("  7 ", src, 1, 1) == 7.0);
  CHECK(parse_number("\t8\t", src, 1, 1) == 8.0);
  CHECK(parse_number("1e-3", src, 1, 1) == 0.001);
  CHECK(parse_number("2.5E2", src, 1, 1) == 250.0);
  CHECK(parse_number(".5", src, 1, 1) == 0.5);
  CHECK(parse_number("-.5", src, 1, 1) == -0.5);
  CHECK(parse_number("007", src, 1, 1) == 7.0);
  CHECK(parse_number("0.1", src, 1, 1) == 0.1); // correctly rounded, as from_chars promises
  const double neg_zero = parse_number("-0", src, 1, 1);
  CHECK(neg_zero == 0.0);
  CHECK(std::signbit(neg_zero));
}

TEST_CASE("parse_number rejects anything else, naming source, line, column and text") {
  const std::string src = "data.csv";
  CHECK_THROWS_WITH_AS(parse_number("12abc", src, 4, 3, "osi"),
                       "csv: '12abc' is not a number (data.csv, line 4, column 3 'osi')",
                       parse_error);
  CHECK_THROWS_WITH_AS(parse_number("12abc", src, 4, 3),
                       "csv: '12abc' is not a number (data.csv, line 4, column 3)", parse_error);
  for (const char* bad : {"1,234", "0x10", "inf", "-inf", "+inf",  "infinity", "nan", "NAN",
                          "+-1",   "++1",  "--1", "-+1",  "1 2",   "1e",       "e5",  ".",
                          "abc",   "",     "-",   "+",    "1.2.3", "1_000",    "٣"}) {
    const std::string shown = bad;
    CAPTURE(shown);
    CHECK_THROWS_WITH_AS(parse_number(bad, src, 2, 5, "x"),
                         doctest::Contains("' is not a number (data.csv, line 2, column 5 'x')"),
                         parse_error);
  }
  const auto e = catch_parse_error([&] { parse_number("1,234", src, 9, 2, "hci"); });
  CHECK(e.line() == 9);
  CHECK(e.column() == 2);
  CHECK(e.source() == "data.csv");
  CHECK(std::string(e.what()) == "csv: '1,234' is not a number (data.csv, line 9, column 2 'hci')");
}

TEST_CASE("parse_number rejects values outside the range of a double") {
  CHECK_THROWS_WITH_AS(
      parse_number("1e999", "data.csv", 3, 2, "tii"),
      "csv: '1e999' is out of the range of a double (data.csv, line 3, column 2 'tii')",
      parse_error);
  CHECK_THROWS_WITH_AS(parse_number("-1e400", "data.csv", 3, 2),
                       doctest::Contains("'-1e400' is out of the range of a double"), parse_error);
  CHECK(std::isfinite(parse_number("1.7e308", "data.csv", 1, 1)));
}

// ---- wide layout
// --------------------------------------------------------------------------------

TEST_CASE("wide: units in file order, requested indicators in requested order") {
  const std::string text = "country,osi,hci,tii\nIRQ,0.1,0.2,0.3\nIRL,0.4,0.5,0.6\n";
  const auto d = parse_csv(text, "w.csv", wide_columns({"tii", "osi"}));
  CHECK(d.units() == strings{"IRQ", "IRL"});
  CHECK(d.indicators() == strings{"tii", "osi"});
  CHECK(d.values() == std::vector<double>{0.3, 0.6, 0.1, 0.4}); // column-major
  // Default: every column but the unit column, in file order.
  const auto all = parse_csv(text, "w.csv");
  CHECK(all.indicators() == strings{"osi", "hci", "tii"});
  CHECK(all.at(1, 1) == 0.5);
}

TEST_CASE("wide: the unit column by name, elsewhere than first") {
  const std::string text = "year,a,country\n2022,1,IRQ\n2022,2,IRL\n";
  csv_options o = wide_columns({"a"});
  o.unit_column = "country";
  const auto d = parse_csv(text, "w.csv", o);
  CHECK(d.units() == strings{"IRQ", "IRL"});
  CHECK(d.at(1, 0) == 2.0);
  // Default columns skip the named unit column, wherever it is.
  csv_options all;
  all.unit_column = "country";
  CHECK(parse_csv(text, "w.csv", all).indicators() == strings{"year", "a"});
}

TEST_CASE("wide: unit ids are trimmed unless asked not to") {
  const std::string text = "Country Name,E-Gov\n\"Iraq \",0.4383\n\tIreland ,0.8567\n";
  const auto d = parse_csv(text, "un.csv");
  CHECK(d.units() == strings{"Iraq", "Ireland"});
  csv_options keep;
  keep.trim_unit_ids = false;
  CHECK(parse_csv(text, "un.csv", keep).units() == strings{"Iraq ", "\tIreland "});
}

TEST_CASE("wide: each missing token gives NaN, with or without surrounding spaces") {
  const std::string text = "u,v\n"
                           "a,\n"
                           "b,NA\n"
                           "c,NaN\n"
                           "d,..\n"
                           "e,-\n"
                           "f,  NA \n"
                           "g,\"  \"\n"
                           "h,1\n";
  const auto d = parse_csv(text, "m.csv");
  REQUIRE(d.n_units() == 8);
  for (std::size_t i = 0; i < 7; ++i) {
    CAPTURE(d.units()[i]);
    CHECK(std::isnan(d.at(i, 0)));
  }
  CHECK(d.at(7, 0) == 1.0);
  CHECK(d.count_missing() == 7);
}

TEST_CASE("wide: missing tokens are exact and configurable") {
  // "na" and "N/A" are not default tokens: they are bad numbers.
  CHECK_THROWS_WITH_AS(parse_csv("u,v\na,na\n", "m.csv"),
                       "csv: 'na' is not a number (m.csv, line 2, column 2 'v')", parse_error);
  csv_options o;
  o.missing_tokens = {"N/A"};
  const auto d = parse_csv("u,v\na,N/A\nb,2\n", "m.csv", o);
  CHECK(std::isnan(d.at(0, 0)));
  CHECK(d.at(1, 0) == 2.0);
  // With "-" and "" no longer tokens, they are bad numbers.
  CHECK_THROWS_WITH_AS(parse_csv("u,v\na,-\n", "m.csv", o),
                       "csv: '-' is not a number (m.csv, line 2, column 2 'v')", parse_error);
  CHECK_THROWS_WITH_AS(parse_csv("u,v\na,\n", "m.csv", o),
                       "csv: '' is not a number (m.csv, line 2, column 2 'v')", parse_error);
}

TEST_CASE("wide: missing tokens never apply to unit ids") {
  const auto d = parse_csv("iso2,v\nNA,1\nNG,2\n", "iso2.csv"); // NA is Namibia
  CHECK(d.units() == strings{"NA", "NG"});
}

TEST_CASE("wide: a bad number names source, line, field number, column name and text") {
  const std::string text = "country,hci,osi\nIRQ,1,2\nIRL,3,4\nISR,5,12abc\nITA,7,8\n";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv"),
                       "csv: '12abc' is not a number (data.csv, line 4, column 3 'osi')",
                       parse_error);
  const auto e = catch_parse_error([&] { parse_csv(text, "data.csv"); });
  CHECK(e.line() == 4);
  CHECK(e.column() == 3);
  CHECK(e.source() == "data.csv");
}

TEST_CASE("wide: a quoted thousands separator is one field and not a number") {
  const std::string text = "u,pop\nx,\"1,234\"\n";
  CHECK(parse_csv_table(text, "data.csv").rows[0] == strings{"x", "1,234"});
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv"),
                       "csv: '1,234' is not a number (data.csv, line 2, column 2 'pop')",
                       parse_error);
}

TEST_CASE("wide: a duplicate unit id is a data_error naming it and both lines") {
  const std::string text = "u,v\nIRQ,1\nIRL,2\nIRQ,3\n";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv"),
                       "csv: unit 'IRQ' appears twice (data.csv, lines 2 and 4)", data_error);
  // Duplicates after trimming too.
  CHECK_THROWS_WITH_AS(parse_csv("u,v\nIraq,1\n\"Iraq \",2\n", "data.csv"),
                       "csv: unit 'Iraq' appears twice (data.csv, lines 2 and 3)", data_error);
}

TEST_CASE("wide: an empty unit id is a parse_error with its line") {
  CHECK_THROWS_WITH_AS(parse_csv("u,v\nx,1\n,2\n", "data.csv"),
                       "csv: empty unit id (data.csv, line 3, column 1 'u')", parse_error);
  csv_options o;
  o.unit_column = "u";
  const auto e = catch_parse_error([&] { parse_csv("v,u\n1,x\n2,\"  \"\n", "data.csv", o); });
  CHECK(e.line() == 3);
  CHECK(e.column() == 2);
}

TEST_CASE("wide: an absent column is a data_error naming it, the file and the header") {
  const std::string text = "country,osi,hci\nIRQ,1,2\n";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", wide_columns({"osi", "tii"})),
                       "csv: column 'tii' not found in the header (data.csv; header: "
                       "'country', 'osi', 'hci')",
                       data_error);
  csv_options o;
  o.unit_column = "Country";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", o),
                       "csv: unit column 'Country' not found in the header (data.csv; header: "
                       "'country', 'osi', 'hci')",
                       data_error);
}

TEST_CASE("wide: extra columns are ignored and never parsed") {
  const std::string text = "Survey Year,Country,Rank,E_Index,Region\r\n"
                           "2024,Iraq ,148,0.45721,Asia\r\n"
                           "2024,Ireland ,20,0.91377,Europe\r\n";
  csv_options o = wide_columns({"E_Index"});
  o.unit_column = "Country";
  const auto d = parse_csv(text, "egdi2024.csv", o);
  CHECK(d.units() == strings{"Iraq", "Ireland"});
  CHECK(d.indicators() == strings{"E_Index"});
  CHECK(d.values() == std::vector<double>{0.45721, 0.91377});
  // Without a selection, the text column is read as an indicator and fails.
  csv_options all;
  all.unit_column = "Country";
  CHECK_THROWS_WITH_AS(parse_csv(text, "egdi2024.csv", all),
                       "csv: 'Asia' is not a number (egdi2024.csv, line 2, column 5 'Region')",
                       parse_error);
}

TEST_CASE("wide: contradictory or ambiguous column requests are rejected") {
  const std::string text = "u,a,b\nx,1,2\n";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", wide_columns({"a", "b", "a"})),
                       "csv: column 'a' requested twice (positions 1 and 3 of "
                       "csv_options::columns)",
                       spec_error);
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", wide_columns({"u"})),
                       "csv: column 'u' is the unit column and cannot be read as an indicator "
                       "(data.csv)",
                       spec_error);
  CHECK_THROWS_WITH_AS(parse_csv("u,a,a\nx,1,2\n", "data.csv", wide_columns({"a"})),
                       "csv: column 'a' appears more than once in the header (data.csv, "
                       "columns 2 and 3)",
                       data_error);
  CHECK_THROWS_WITH_AS(parse_csv("u,a,a\nx,1,2\n", "data.csv"),
                       doctest::Contains("column 'a' appears more than once in the header"),
                       data_error);
  CHECK_THROWS_WITH_AS(parse_csv("u,,b\nx,1,2\n", "data.csv"),
                       "csv: header column 2 has no name (data.csv)", data_error);
}

TEST_CASE("wide: a header without rows gives a dataset without units") {
  const auto d = parse_csv("u,a,b\n", "h.csv");
  CHECK(d.n_units() == 0);
  CHECK(d.indicators() == strings{"a", "b"});
}

// ---- long layout
// --------------------------------------------------------------------------------

TEST_CASE("long: units and codes in order of first appearance, missing pairs are NaN") {
  const std::string text = "unit,indicator,value\n"
                           "IRQ,osi,0.1\n"
                           "IRQ,hci,0.2\n"
                           "IRL,hci,0.5\n"
                           "IRL,tii,0.6\n";
  const auto d = parse_csv(text, "l.csv", long_options());
  CHECK(d.units() == strings{"IRQ", "IRL"});
  CHECK(d.indicators() == strings{"osi", "hci", "tii"});
  CHECK(d.at(0, 0) == 0.1);
  CHECK(std::isnan(d.at(1, 0)));
  CHECK(d.at(0, 1) == 0.2);
  CHECK(d.at(1, 1) == 0.5);
  CHECK(std::isnan(d.at(0, 2)));
  CHECK(d.at(1, 2) == 0.6);
  CHECK(d.count_missing() == 2);
}

TEST_CASE("long: requested codes in requested order; other rows skipped, never parsed") {
  const std::string text = "unit,indicator,value\n"
                           "IRQ,osi,0.1\n"
                           "IRQ,rank,first\n" // not requested: its value is never parsed
                           "IRQ,hci,0.2\n"
                           "IRL,hci,0.5\n"
                           "IRL,rank,\"2,0\"\n"
                           "IRL,osi,0.4\n"
                           "IRL,hci_dup_if_kept,0.9\n";
  const auto d = parse_csv(text, "l.csv", long_options({"hci", "osi"}));
  CHECK(d.indicators() == strings{"hci", "osi"});
  CHECK(d.units() == strings{"IRQ", "IRL"});
  CHECK(d.values() == std::vector<double>{0.2, 0.5, 0.1, 0.4});
}

TEST_CASE("long: the report counts the skipped rows per code, in order of first appearance") {
  const std::string text = "unit,indicator,value\n"
                           "IRQ,rank,1\n"
                           "IRQ,osi,0.1\n"
                           "IRL,tii,0.6\n"
                           "IRL,rank,2\n"
                           "IRL,osi,0.2\n";
  csv_report report;
  report.unused_columns.push_back("stale"); // cleared by the read
  parse_csv(text, "l.csv", long_options({"osi"}), &report);
  CHECK(report.unused_columns.empty());
  REQUIRE(report.skipped_codes.size() == 2);
  CHECK(report.skipped_codes[0] == std::pair<std::string, std::size_t>{"rank", 2});
  CHECK(report.skipped_codes[1] == std::pair<std::string, std::size_t>{"tii", 1});
  // every code requested (or none requested): nothing skipped
  parse_csv(text, "l.csv", long_options(), &report);
  CHECK(report.empty());
}

TEST_CASE("wide: the report lists the columns read as neither unit, indicator nor label") {
  const std::string text = "name,code,a,group,b,note\nX,x,1,g,2,n\n";
  csv_options o = wide_columns({"b", "a"});
  o.unit_column = "code";
  o.label_columns = {"group"};
  csv_report report;
  parse_csv(text, "w.csv", o, &report);
  CHECK(report.unused_columns == strings{"name", "note"});
  CHECK(report.skipped_codes.empty());
  // without requested columns every other column is an indicator: nothing unused
  parse_csv("code,a,b\nx,1,2\n", "w.csv", csv_options{}, &report);
  CHECK(report.empty());
}

TEST_CASE("long: a unit seen only in skipped rows stays, with NaN") {
  const std::string text = "unit,indicator,value\nIRQ,osi,0.1\nIRL,tii,0.6\n";
  const auto d = parse_csv(text, "l.csv", long_options({"osi"}));
  CHECK(d.units() == strings{"IRQ", "IRL"});
  CHECK(std::isnan(d.at(1, 0)));
}

TEST_CASE("long: a unit-indicator pair given twice is a data_error naming both lines") {
  const std::string text = "unit,indicator,value\n"
                           "IRQ,osi,0.1\n"
                           "IRL,osi,0.2\n"
                           "IRQ,osi,0.3\n";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", long_options()),
                       "csv: unit 'IRQ' has indicator 'osi' twice (data.csv, lines 2 and 4)",
                       data_error);
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", long_options({"osi"})),
                       doctest::Contains("unit 'IRQ' has indicator 'osi' twice"), data_error);
  // A duplicate among skipped rows does not matter.
  CHECK(parse_csv("unit,indicator,value\nIRQ,a,1\nIRQ,b,2\nIRQ,b,3\n", "data.csv",
                  long_options({"a"}))
            .at(0, 0) == 1.0);
}

TEST_CASE("long: a requested code never seen is a data_error naming it") {
  const std::string text = "unit,indicator,value\nIRQ,osi,0.1\n";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", long_options({"osi", "tii"})),
                       "csv: indicator 'tii' not found in column 'indicator' (data.csv)",
                       data_error);
}

TEST_CASE("long: the unit, indicator and value columns must exist") {
  const std::string text = "unit,indicator,value\nIRQ,osi,0.1\n";
  csv_options o = long_options();
  o.indicator_column = "variable";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", o),
                       "csv: indicator column 'variable' not found in the header (data.csv; "
                       "header: 'unit', 'indicator', 'value')",
                       data_error);
  o = long_options();
  o.value_column = "obs_value";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", o),
                       doctest::Contains("value column 'obs_value' not found in the header"),
                       data_error);
  o = long_options();
  o.unit_column = "iso3";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", o),
                       doctest::Contains("unit column 'iso3' not found in the header"), data_error);
  o = long_options();
  o.value_column = "indicator";
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", o),
                       "csv: the unit, indicator and value columns must differ (data.csv: "
                       "'unit', 'indicator', 'indicator')",
                       spec_error);
  CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv", long_options({"osi", "osi"})),
                       doctest::Contains("indicator 'osi' requested twice"), spec_error);
}

TEST_CASE("long: values use the missing tokens and strict numbers") {
  const std::string text = "unit,indicator,value\n"
                           "IRQ,osi,NA\n"
                           "IRQ,hci,..\n"
                           "IRL,osi, 0.5 \n";
  const auto d = parse_csv(text, "l.csv", long_options());
  CHECK(std::isnan(d.at(0, 0)));
  CHECK(std::isnan(d.at(0, 1)));
  CHECK(d.at(1, 0) == 0.5);
  CHECK(std::isnan(d.at(1, 1))); // pair never given
  CHECK_THROWS_WITH_AS(
      parse_csv("unit,indicator,value\nIRQ,osi,0.1\nIRL,osi,12abc\n", "data.csv", long_options()),
      "csv: '12abc' is not a number (data.csv, line 3, column 3 'value')", parse_error);
}

TEST_CASE("long: empty unit ids and indicator codes are parse_errors") {
  CHECK_THROWS_WITH_AS(parse_csv("unit,indicator,value\n,osi,1\n", "data.csv", long_options()),
                       "csv: empty unit id (data.csv, line 2, column 1 'unit')", parse_error);
  CHECK_THROWS_WITH_AS(
      parse_csv("unit,indicator,value\nIRQ,osi,1\nIRQ,,1\n", "data.csv", long_options()),
      "csv: empty indicator code (data.csv, line 3, column 2 'indicator')", parse_error);
}

TEST_CASE("long: an OECD-like file with a BOM, quoted names and an extra ref_year column") {
  const std::string text = "\xEF\xBB\xBF\"cc_iso3c\",\"ref_year\",\"variable\",\"value\"\n"
                           "\"KOR\",2023,\"digital_design\",0.971\n"
                           "\"KOR\",2023,\"data_driven\",1\n"
                           "\"KOR\",2023,\"composite_rank\",1\n"
                           "\"DNK\",2023,\"digital_design\",0.8\n"
                           "\"PER\",2023,\"data_driven\",0.5\n";
  csv_options o = long_options({"digital_design", "data_driven"});
  o.indicator_column = "variable";
  const auto d = parse_csv(text, "oecd_dgi_2023.csv", o);
  CHECK(d.units() == strings{"KOR", "DNK", "PER"});
  CHECK(d.indicators() == strings{"digital_design", "data_driven"});
  CHECK(d.at(d.unit_index("KOR"), d.indicator_index("digital_design")) == 0.971);
  CHECK(d.at(d.unit_index("KOR"), d.indicator_index("data_driven")) == 1.0);
  CHECK(std::isnan(d.at(d.unit_index("DNK"), d.indicator_index("data_driven"))));
  CHECK(std::isnan(d.at(d.unit_index("PER"), d.indicator_index("digital_design"))));
  CHECK(d.count_missing() == 2);
}

// ---- files
// --------------------------------------------------------------------------------------

TEST_CASE("read_csv reads a real file in binary, BOM and CRLF included") {
  const temp_file f("\xEF\xBB\xBF# illustrative data\r\n"
                    "city,a,b\r\n"
                    "\xE6\xAD\xA6\xE6\xB1\x89,1,NA\r\n"
                    "Xi'an,\"2\",3\r\n");
  const auto d = read_csv(f.path());
  CHECK(d.units() == strings{"武汉", "Xi'an"});
  CHECK(d.indicators() == strings{"a", "b"});
  CHECK(d.at(0, 0) == 1.0);
  CHECK(std::isnan(d.at(0, 1)));
  CHECK(d.at(1, 1) == 3.0);
}

TEST_CASE("read_csv names the file in errors and passes options on") {
  const temp_file f("u,v,w\nx,1,oops\n");
  const auto e = catch_parse_error([&] { read_csv(f.path()); });
  CHECK(e.source() == f.path());
  CHECK(std::string(e.what()) ==
        "csv: 'oops' is not a number (" + f.path() + ", line 2, column 3 'w')");
  CHECK(read_csv(f.path(), wide_columns({"v"})).at(0, 0) == 1.0);
}

TEST_CASE("read_csv on a file that does not exist is a data_error naming the path") {
  const std::string path = (std::filesystem::temp_directory_path() /
                            "govmetrics_io_csv_test_no_such_dir" / "missing.csv")
                               .string();
  const std::string message = "csv: cannot open '" + path + "' (No such file or directory)";
  CHECK_THROWS_WITH_AS(read_csv(path), message.c_str(), data_error);
  CHECK_THROWS_AS(read_csv(path), govmetrics::error);
}

TEST_CASE("read_csv on a directory is a data_error naming the path") {
  const std::string dir = std::filesystem::temp_directory_path().string();
  const std::string message = "csv: cannot read '" + dir + "' (it is a directory)";
  CHECK_THROWS_WITH_AS(read_csv(dir), message.c_str(), data_error);
}

#ifdef GOVMETRICS_SHARED_DIR
// The public files bundled beside the clone (see tests/CMakeLists.txt).
TEST_CASE("read_csv reads the OECD DGI 2023 long file (BOM, quoted names, ref_year)") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  csv_options o = long_options();
  o.indicator_column = "variable";
  const auto d =
      read_csv(std::string(GOVMETRICS_SHARED_DIR) + "/data/oecd_dgi_2023/oecd_dgi_2023.csv", o);
  CHECK(d.n_units() == 38);
  CHECK(d.n_indicators() == 8);
  CHECK(d.units().front() == "KOR");
  CHECK(d.indicators().front() == "digital_design");
  CHECK(d.at(d.unit_index("KOR"), d.indicator_index("digital_design")) == 0.971);
  CHECK(d.at(d.unit_index("NZL"), d.indicator_index("proactiveness")) == 0.61);
  CHECK(d.count_missing() == 5); // 299 rows for 38 x 8 pairs
}

TEST_CASE("read_csv reads the UN EGDI 2022 wide file (CRLF, quoted \"Iraq \")") {
  GOVMETRICS_REQUIRE_SHARED_DATA();
  csv_options o;
  o.unit_column = "Country Name";
  o.columns = {"Online Service Index", "Human Capital Index",
               "Telecommunication Infrastructure Index"};
  const auto d =
      read_csv(std::string(GOVMETRICS_SHARED_DIR) + "/data/un_egdi_2022/EGOV_DATA_2022.csv", o);
  CHECK(d.n_units() == 193);
  REQUIRE(d.has_unit("Iraq"));
  CHECK(d.at(d.unit_index("Iraq"), 0) == 0.206);
  CHECK(d.at(d.unit_index("Iraq"), 2) == 0.5201);
  CHECK(d.count_missing() == 0);
}
#endif
}

TEST_SUITE("io::csv messages and notes (issue 9)") {
  TEST_CASE("a NUL, control bytes and invalid UTF-8 in a value are escaped, the location kept") {
    const std::string text = std::string("unit,x\nA,1\0002\n", 13);
    CHECK_THROWS_WITH_AS(parse_csv(text, "data.csv"),
                         "csv: '1\\x002' is not a number (data.csv, line 2, column 2 'x')",
                         parse_error);
    CHECK_THROWS_WITH_AS(parse_csv("unit,x\nA,\x01\xff\xc3\xa9\n", "data.csv"),
                         "csv: '\\x01\\xff\xc3\xa9' is not a number (data.csv, line 2, column 2 "
                         "'x')",
                         parse_error);
  }

  TEST_CASE("a 50 MB header name is cut in the message") {
    const std::string huge(50'000'000, 'h');
    std::string message;
    try {
      parse_csv("unit," + huge + "\nA,1\n", "data.csv", wide_columns({"x"}));
      FAIL("expected an error");
    } catch (const govmetrics::error& e) {
      message = e.what();
    }
    CHECK(message.size() < 2000);
    CHECK(message.find("... (50000000 bytes)") != std::string::npos);
  }

  TEST_CASE("long: an empty indicator code is an error also when the methodology fixes the codes") {
    CHECK_THROWS_WITH_AS(
        parse_csv("unit,indicator,value\nIRQ,osi,1\nIRQ,,1\n", "data.csv", long_options({"osi"})),
        "csv: empty indicator code (data.csv, line 3, column 2 'indicator')", parse_error);
  }

  TEST_CASE("trimmed unit ids are reported once each, in order, in both layouts") {
    csv_report report;
    const auto w = parse_csv("unit,x\n\"Iraq \",1\nChad,2\n\t Peru,3\n", "w.csv", {}, &report);
    CHECK(w.units() == strings{"Iraq", "Chad", "Peru"});
    CHECK(report.trimmed_unit_ids == strings{"Iraq", "Peru"});
    CHECK(report.empty()); // a note, not something left out
    CHECK(govmetrics::io::csv_notes(report) ==
          strings{"2 unit ids had surrounding spaces or tabs, trimmed: 'Iraq', 'Peru'"});
    parse_csv("unit,indicator,value\nIraq ,a,1\nIraq ,b,2\nChad,a,3\n", "l.csv", long_options(),
              &report);
    CHECK(report.trimmed_unit_ids == strings{"Iraq"});
    CHECK(govmetrics::io::csv_notes(report) ==
          strings{"1 unit id had surrounding spaces or tabs, trimmed: 'Iraq'"});
  }

  TEST_CASE("csv_notes lists the first 8 and counts the rest") {
    csv_report report;
    for (int i = 0; i < 10; ++i)
      report.unused_columns.push_back("c" + std::to_string(i));
    report.skipped_codes = {{"rank", 2}, {"total", 1}};
    const auto notes = govmetrics::io::csv_notes(report);
    REQUIRE(notes.size() == 2);
    CHECK(notes[0] == "10 data columns are not used by the methodology: 'c0', 'c1', 'c2', 'c3', "
                      "'c4', 'c5', 'c6', 'c7', ... (2 more)");
    CHECK(notes[1] ==
          "3 data rows of 2 indicators not in the methodology were skipped: 'rank' (2 rows), "
          "'total' (1 row)");
  }
}

} // namespace unit_io_csv_test
