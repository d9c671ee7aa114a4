// Shared by the normaliser and aggregator unit tests: normalise a raw column as the pipeline does,
// compare columns, and run a methodology text after checking its write-read round trip.
#pragma once

#include "govmetrics/dataset/dataset.hpp"
#include "govmetrics/framework/node.hpp"
#include "govmetrics/io/methodology.hpp"
#include "govmetrics/pipeline/engine.hpp"
#include "govmetrics/pipeline/run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace govmetrics::test {

/// Applies the direction sign to raw `x`, fits and normalises, as the pipeline does.
template <class N>
std::vector<double> normalise(const N& n, const std::vector<double>& x,
                              direction d = direction::positive, const char* code = "c") {
  const auto ind = make_indicator(code, "idx", 1.0, d);
  std::vector<double> y(x.size());
  detail::normalize_column(n, ind, column_view{x.data(), x.size()}, y.data());
  return y;
}

/// Same length, NaN where expected is NaN, equal to 1e-14 relative elsewhere.
inline void check_column(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == doctest::Approx(expected[i]).epsilon(1e-14));
    }
  }
}

inline std::vector<double> to_vector(column_view c) {
  return std::vector<double>(c.begin(), c.end());
}

/// Parses a methodology text, checks that writing and reading it back gives the same text, and
/// runs it on `data`.
inline result run_round_trip(const std::string& text, const dataset& data) {
  const auto m = io::parse_methodology(text, "t.json");
  const auto again = io::parse_methodology(io::to_json(m), "again.json");
  CHECK(io::to_json(again) == io::to_json(m));
  return run(m.tree(), data, m.spec);
}

// The normaliser tests' data: units u1..u5, indicator a = the test column 2, NaN, 5, 11, 8
// (min 2, max 11) and b = 0, 1, 2, 3, 4.
inline const std::vector<std::string> test_units{"u1", "u2", "u3", "u4", "u5"};
inline const std::vector<double> test_column{2.0, std::numeric_limits<double>::quiet_NaN(), 5.0,
                                             11.0, 8.0};
inline const dataset& test_data() {
  static const dataset data(test_units, {"a", "b"},
                            {test_column[0], test_column[1], test_column[2], test_column[3],
                             test_column[4], 0.0, 1.0, 2.0, 3.0, 4.0});
  return data;
}

/// A methodology text: idx over a (direction `a_direction`, `a_extra` appended to its node) and
/// b (positive), with `top` appended to the top-level object.
inline std::string methodology(const std::string& top, const std::string& a_extra,
                               const char* a_direction = "positive") {
  return R"({"govmetrics": 1, "nodes": [{"code": "idx"},
    {"code": "a", "parent": "idx", "column": "a", "direction": ")" +
         std::string(a_direction) + "\"" + a_extra + R"(},
    {"code": "b", "parent": "idx", "column": "b"}])" +
         top + "}";
}

/// run_round_trip on the test data.
inline result run_text(const std::string& text) {
  return run_round_trip(text, test_data());
}

/// A methodology text for the aggregator tests: idx over a, b, c (weights 1, 1, 2), raw values
/// (normalize none), aggregated as `aggregate` (a JSON object).
inline std::string aggregate_methodology(const std::string& aggregate) {
  return R"({"govmetrics": 1, "nodes": [{"code": "idx"},
    {"code": "a", "parent": "idx", "column": "a"},
    {"code": "b", "parent": "idx", "column": "b"},
    {"code": "c", "parent": "idx", "column": "c", "weight": 2}],
    "normalize": {"method": "none"}, "aggregate": )" +
         aggregate + "}";
}

/// run_round_trip on units u1, u2 with indicators a, b, c given column-major.
inline result run_aggregate_text(const std::string& text, const std::vector<double>& column_major) {
  return run_round_trip(text, dataset({"u1", "u2"}, {"a", "b", "c"}, column_major));
}

} // namespace govmetrics::test
