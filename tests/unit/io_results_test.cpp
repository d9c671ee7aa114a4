// Results writers: long results are complete and round-trip exact; weights are normalised.
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/results.hpp>

#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_io_results_test {

namespace gm = govmetrics;

namespace {
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

double parse(const std::string& s) {
  if (s.empty())
    return std::nan("");
  double x = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), x);
  REQUIRE(r.ec == std::errc());
  REQUIRE(r.ptr == s.data() + s.size());
  return x;
}

bool same_bits(double a, double b) {
  if (std::isnan(a) && std::isnan(b))
    return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}
} // namespace

TEST_SUITE("io::results") {
  TEST_CASE("format_double is the shortest round-trip text") {
    CHECK(gm::io::format_double(0.1) == "0.1");
    CHECK(gm::io::format_double(1.0 / 3.0) == "0.3333333333333333");
    CHECK(gm::io::format_double(100.0) == "100");
    CHECK(gm::io::format_double(std::nan("")).empty());
    const double tricky = 5.0999999999999996; // distinct from 5.1000000000000005
    CHECK(parse(gm::io::format_double(tricky)) == tricky);
  }

  TEST_CASE("csv_field quotes only when needed") {
    CHECK(gm::io::csv_field("Wuhan") == "Wuhan");
    CHECK(gm::io::csv_field("Xi'an") == "Xi'an");
    CHECK(gm::io::csv_field("a,b") == "\"a,b\"");
    CHECK(gm::io::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(gm::io::csv_field("two\nlines") == "\"two\nlines\"");
  }

  TEST_CASE("long results: every unit at every node, exact, UTF-8 and quoting intact") {
    const gm::framework fw({gm::make_aggregate("I"), gm::make_aggregate("A", "I"),
                            gm::make_indicator("x", "A"), gm::make_indicator("y", "A"),
                            gm::make_indicator("z", "I", 2.0, gm::direction::negative)});
    const gm::dataset data({"武汉", "Xi'an", "Town, North"}, {"x", "y", "z"},
                           {1.0 / 3.0, 2.0, 7.0, 0.1, std::nan(""), 0.3, 5.0, 4.0, 3.0});
    const auto r = gm::run(fw, data);
    std::ostringstream os;
    gm::io::write_results_long(os, r);
    std::istringstream in(os.str());
    std::string line;
    std::getline(in, line);
    CHECK(line == "unit,node,score,rank");
    std::size_t rows = 0;
    while (std::getline(in, line)) {
      const auto f = split(line);
      REQUIRE(f.size() == 4);
      const std::size_t u = r.unit_index(f[0]);
      const std::size_t n = fw.index_of(f[1]);
      CHECK(same_bits(parse(f[2]), r.score(n)[u]));
      CHECK(same_bits(parse(f[3]), r.rank(n)[u]));
      ++rows;
    }
    CHECK(rows == 3 * 5);
    CHECK(os.str().find("\"Town, North\",I,") != std::string::npos);
    CHECK(os.str().find("武汉,x,0,3\n") != std::string::npos); // x: 1/3 is the minimum -> 0
  }

  TEST_CASE("weights are normalised within each parent") {
    const gm::framework fw({gm::make_aggregate("I"), gm::make_indicator("x", "I", 3.0),
                            gm::make_indicator("y", "I", 1.0)});
    const gm::dataset data({"a", "b"}, {"x", "y"}, {1, 2, 3, 4});
    std::ostringstream os;
    gm::io::write_weights(os, gm::run(fw, data));
    CHECK(os.str() == "node,parent,weight\nI,,1\nx,I,0.75\ny,I,0.25\n");
  }

  TEST_CASE("write_file_atomically writes whole files and names unwritable paths") {
    const std::string path = "govmetrics_io_results_test.csv";
    gm::io::write_file_atomically(path, "a,b\n1,2\n");
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    CHECK(ss.str() == "a,b\n1,2\n");
    std::remove(path.c_str());
    CHECK_THROWS_WITH_AS(
        gm::io::write_file_atomically("/nonexistent/dir/out.csv", "x"),
        doctest::Contains("cannot create a file next to '/nonexistent/dir/out.csv' in "
                          "'/nonexistent/dir' (No such file or directory)"),
        gm::data_error);
  }
}

} // namespace unit_io_results_test
