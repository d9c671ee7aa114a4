// Tests of govmetrics/dataset/dataset.hpp: the owning units x indicators matrix (column-major,
// NaN = missing), its validation and its lookups (UTF-8 ids included).
#include "govmetrics/dataset/dataset.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_dataset_dataset_test {

namespace {

using govmetrics::data_error;
using govmetrics::dataset;
using govmetrics::unknown_code_error;
using strings = std::vector<std::string>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

dataset make(strings units, strings indicators) {
  return dataset(std::move(units), std::move(indicators));
}
dataset make(strings units, strings indicators, std::vector<double> values) {
  return dataset(std::move(units), std::move(indicators), std::move(values));
}

} // namespace

TEST_SUITE("dataset") {
  TEST_CASE("a default dataset is empty") {
    const dataset d;
    CHECK(d.n_units() == 0);
    CHECK(d.n_indicators() == 0);
    CHECK(d.values().empty());
    CHECK(d.count_missing() == 0);
  }

  TEST_CASE("without values every cell is missing") {
    const dataset d = make({"a", "b", "c"}, {"x", "y"});
    CHECK(d.n_units() == 3);
    CHECK(d.n_indicators() == 2);
    REQUIRE(d.values().size() == 6);
    for (double v : d.values())
      CHECK(std::isnan(v));
    CHECK(d.count_missing() == 6);
  }

  TEST_CASE("values are column-major: one contiguous block per indicator") {
    // units a, b, c; indicators x, y; x = 1 2 3, y = 10 20 30
    const dataset d = make({"a", "b", "c"}, {"x", "y"}, {1, 2, 3, 10, 20, 30});
    CHECK(d.at(0, 0) == 1.0);
    CHECK(d.at(2, 0) == 3.0);
    CHECK(d.at(0, 1) == 10.0);
    CHECK(d.at(1, 1) == 20.0);
    CHECK(d.at(2, 1) == 30.0);

    const auto y = d.column("y");
    REQUIRE(y.size() == 3);
    CHECK(y[0] == 10.0);
    CHECK(y[1] == 20.0);
    CHECK(y[2] == 30.0);
    // column j starts j * n_units values into the storage
    CHECK(d.column(std::size_t{0}).data() == d.data());
    CHECK(d.column(std::size_t{1}).data() == d.data() + 3);
    CHECK(d.column("y").data() == d.column(std::size_t{1}).data());
    CHECK(d.values() == std::vector<double>{1, 2, 3, 10, 20, 30});
  }

  TEST_CASE("writes through at() and a mutable column land in the right cell") {
    dataset d = make({"a", "b", "c"}, {"x", "y"});
    d.at(1, 0) = 5.0;       // unit b, indicator x -> storage position 1
    d.column("y")[2] = 7.0; // unit c, indicator y -> storage position 5
    CHECK(d.values()[1] == 5.0);
    CHECK(d.values()[5] == 7.0);
    CHECK(d.count_missing() == 4);
    d.data()[3] = -1.0; // unit a, indicator y
    CHECK(d.at(0, 1) == -1.0);
  }

  TEST_CASE("count_missing counts NaN cells only") {
    const dataset d = make({"a", "b"}, {"x", "y", "z"}, {nan_v, 0.0, 1.0, nan_v, nan_v, -0.0});
    CHECK(d.count_missing() == 3);
  }

  TEST_CASE("indicator and unit lookup") {
    const dataset d = make({"a", "b", "c"}, {"x", "y"}, {1, 2, 3, 10, 20, 30});
    CHECK(d.indicator_index("x") == 0);
    CHECK(d.indicator_index("y") == 1);
    CHECK(d.unit_index("c") == 2);
    CHECK(d.has_indicator("y"));
    CHECK_FALSE(d.has_indicator("Y"));
    CHECK(d.has_unit("a"));
    CHECK_FALSE(d.has_unit("d"));
    CHECK(d.units() == strings{"a", "b", "c"});
    CHECK(d.indicators() == strings{"x", "y"});
  }

  TEST_CASE("unknown codes are unknown_code_error naming them") {
    dataset d = make({"a"}, {"x"}, {1});
    CHECK_THROWS_WITH_AS(d.unit_index("zz"), "dataset: unknown unit 'zz'", unknown_code_error);
    CHECK_THROWS_WITH_AS(d.indicator_index("q"), "dataset: unknown indicator 'q'",
                         unknown_code_error);
    CHECK_THROWS_WITH_AS(d.column("q"), "dataset: unknown indicator 'q'", unknown_code_error);
    const dataset& cd = d;
    CHECK_THROWS_WITH_AS(cd.column("q"), "dataset: unknown indicator 'q'", unknown_code_error);
  }

  TEST_CASE("UTF-8 unit ids are stored and found byte for byte") {
    const dataset d =
        make({"杭州", "武汉", "Xi'an", "Zhengzhou"}, {"数字基础设施"}, {1.0, 2.0, 3.0, 4.0});
    CHECK(d.unit_index("武汉") == 1);
    CHECK(d.unit_index("Xi'an") == 2);
    CHECK(d.unit_index("杭州") == 0);
    CHECK(d.at(d.unit_index("武汉"), d.indicator_index("数字基础设施")) == 2.0);
    CHECK(d.units()[1] == "\xe6\xad\xa6\xe6\xb1\x89"); // 武汉 in UTF-8
    // similar-looking but different ids are not found
    CHECK_FALSE(d.has_unit("武"));
    CHECK_FALSE(d.has_unit("Xi\xe2\x80\x99"
                           "an")); // typographic apostrophe
    CHECK_THROWS_WITH_AS(d.unit_index("Xian"), "dataset: unknown unit 'Xian'", unknown_code_error);
  }

  TEST_CASE("zero units is a valid (empty) dataset") {
    const dataset d = make({}, {"x", "y"}, {});
    CHECK(d.n_units() == 0);
    CHECK(d.n_indicators() == 2);
    CHECK(d.column("y").size() == 0);
  }

  TEST_CASE("duplicate unit ids and indicator codes are data_error with both positions") {
    CHECK_THROWS_WITH_AS(make({"a", "b", "a"}, {"x"}),
                         "dataset: duplicate unit id 'a' (positions 0 and 2)", data_error);
    CHECK_THROWS_WITH_AS(make({"a", "b"}, {"x", "x"}),
                         "dataset: duplicate indicator code 'x' (positions 0 and 1)", data_error);
    CHECK_THROWS_WITH_AS(make({"武汉", "武汉"}, {"x"}, {1, 2}),
                         "dataset: duplicate unit id '武汉' (positions 0 and 1)", data_error);
  }

  TEST_CASE("empty unit ids and indicator codes are data_error with the position") {
    CHECK_THROWS_WITH_AS(make({"a", ""}, {"x"}), "dataset: empty unit id at position 1",
                         data_error);
    CHECK_THROWS_WITH_AS(make({"a"}, {"", "y"}), "dataset: empty indicator code at position 0",
                         data_error);
  }

  TEST_CASE("a wrong number of values is a data_error with the counts") {
    CHECK_THROWS_WITH_AS(make({"a", "b", "c"}, {"x", "y"}, {1, 2, 3, 4, 5}),
                         "dataset: 5 values given for 3 units x 2 indicators", data_error);
    CHECK_THROWS_WITH_AS(make({"a"}, {"x"}, {1, 2}),
                         doctest::Contains("dataset: 2 values given for 1 unit"), data_error);
    CHECK_THROWS_WITH_AS(make({"a"}, {"x"}, {}), doctest::Contains("0 values given"), data_error);
  }
}

TEST_SUITE("dataset labels") {
  TEST_CASE("text columns: one label per unit, by name") {
    dataset d({"a", "b"}, {"x"});
    CHECK_FALSE(d.has_labels("grp"));
    d.add_labels("grp", {"Europe", ""});
    CHECK(d.has_labels("grp"));
    CHECK(d.labels("grp") == strings{"Europe", ""});
    CHECK(d.all_labels().size() == 1);
    CHECK_FALSE(d.has_indicator("grp")); // not a numeric column
  }
  TEST_CASE("a wrong size, an empty name and an unknown name are errors naming them") {
    dataset d({"a", "b"}, {"x"});
    CHECK_THROWS_WITH_AS(d.add_labels("grp", {"Europe"}),
                         "dataset: label column 'grp' has 1 values for 2 units", data_error);
    CHECK_THROWS_AS(d.add_labels("", {"p", "q"}), data_error);
    d.add_labels("grp", {"p", "q"});
    CHECK_THROWS_WITH_AS(d.labels("region"),
                         "dataset: unknown label column 'region' (label columns: 'grp')",
                         unknown_code_error);
  }
}

} // namespace unit_dataset_dataset_test
