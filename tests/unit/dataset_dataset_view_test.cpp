// dataset_view: in-place input gives the same results as an owning dataset.
#include <govmetrics/govmetrics.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_dataset_dataset_view_test {

namespace gm = govmetrics;

TEST_SUITE("dataset_view") {
  TEST_CASE("reads caller memory in place") {
    std::vector<double> x{1, 2, 3};
    std::vector<double> y{9, std::nan(""), 7};
    const gm::dataset_view v({"a", "b", "c"}, {"x", "y"}, {x.data(), y.data()});
    CHECK(v.n_units() == 3);
    CHECK(v.n_indicators() == 2);
    CHECK(v.column(0).data() == x.data()); // no copy
    CHECK(v.column(v.indicator_index("y"))[2] == 7.0);
    CHECK(v.has_indicator("x"));
    CHECK_FALSE(v.has_indicator("z"));
  }

  TEST_CASE("errors: shape, duplicates, unknown code") {
    std::vector<double> x{1, 2};
    CHECK_THROWS_WITH_AS(gm::dataset_view({"a", "b"}, {"x", "y"}, {x.data()}),
                         doctest::Contains("1 columns given for 2 indicator codes"),
                         gm::data_error);
    CHECK_THROWS_WITH_AS(gm::dataset_view({"a", "a"}, {"x"}, {x.data()}),
                         doctest::Contains("duplicate unit id 'a' (positions 0 and 1)"),
                         gm::data_error);
    CHECK_THROWS_WITH_AS(gm::dataset_view({"a", "b"}, {"x", "x"}, {x.data(), x.data()}),
                         doctest::Contains("duplicate indicator code 'x'"), gm::data_error);
    const gm::dataset_view v({"a", "b"}, {"x"}, {x.data()});
    CHECK_THROWS_WITH_AS(v.indicator_index("q"), doctest::Contains("unknown indicator 'q'"),
                         gm::unknown_code_error);
  }

  TEST_CASE("lookups and duplicates among many codes; empty views") {
    std::vector<std::string> codes;
    std::vector<std::string> units;
    for (std::size_t j = 0; j < 300; ++j)
      codes.push_back("c" + std::to_string(j));
    for (std::size_t i = 0; i < 3; ++i)
      units.push_back("u" + std::to_string(i));
    std::vector<double> x{1, 2, 3};
    const std::vector<const double*> cols(codes.size(), x.data());
    const gm::dataset_view v(units, codes, cols);
    for (std::size_t j = 0; j < codes.size(); ++j) {
      CHECK(v.has_indicator(codes[j]));
      CHECK(v.indicator_index(codes[j]) == j);
    }
    CHECK_FALSE(v.has_indicator("c300"));
    CHECK_FALSE(v.has_indicator(""));
    const gm::dataset_view copy = v; // the index holds positions: valid in a copy
    CHECK(copy.indicator_index("c299") == 299);
    auto dup = codes;
    dup[250] = "c17";
    CHECK_THROWS_WITH_AS(gm::dataset_view(units, dup, cols),
                         doctest::Contains("duplicate indicator code 'c17' (positions 17 and 250)"),
                         gm::data_error);
    auto dup_units = units;
    dup_units[2] = "u0";
    CHECK_THROWS_WITH_AS(gm::dataset_view(dup_units, codes, cols),
                         doctest::Contains("duplicate unit id 'u0' (positions 0 and 2)"),
                         gm::data_error);
    const gm::dataset_view empty;
    CHECK_FALSE(empty.has_indicator("c0"));
    CHECK_THROWS_AS(empty.indicator_index("c0"), gm::unknown_code_error);
    const gm::dataset_view no_columns(units, {}, {});
    CHECK(no_columns.n_indicators() == 0);
    CHECK_FALSE(no_columns.has_indicator(""));
  }

  TEST_CASE("names of every length around the hash's 8-byte rounds, differing in one byte") {
    // lengths 0..24, each name also with its last byte changed and with a zero byte inside:
    // every one is found at its position, and an absent variant is not
    std::vector<std::string> codes;
    for (std::size_t len = 0; len <= 24; ++len) {
      std::string a(len, 'x');
      codes.push_back(a);
      if (len > 0) {
        a.back() = 'y';
        codes.push_back(a);
        std::string z(len, 'x');
        z[len / 2] = '\0';
        if (z != std::string(len, 'x') && z != a)
          codes.push_back(z);
      }
    }
    std::vector<double> x{1.0};
    const std::vector<const double*> cols(codes.size(), x.data());
    const gm::dataset_view v({"u"}, codes, cols);
    for (std::size_t j = 0; j < codes.size(); ++j) {
      CAPTURE(j);
      CHECK(v.indicator_index(codes[j]) == j);
      CHECK(v.find_indicator(codes[j]) == j);
    }
    for (std::size_t len = 1; len <= 24; ++len) {
      std::string absent(len, 'x');
      absent.front() = 'z';
      CHECK(v.find_indicator(absent) == v.n_indicators());
      CHECK_FALSE(v.has_indicator(absent));
    }
    // the same lookups on an owning dataset (which has no empty code)
    const std::vector<std::string> named(codes.begin() + 1, codes.end());
    const gm::dataset d({"u"}, named, std::vector<double>(named.size(), 1.0));
    CHECK(d.find_indicator(named.back()) == named.size() - 1);
    CHECK(d.find_indicator("zz") == d.n_indicators());
  }

  TEST_CASE("views share their name lists: copies and views built on them neither copy nor "
            "check the names again") {
    std::vector<double> a{1, 2, 3};
    std::vector<double> b{4, 5, 6};
    const gm::dataset_view v({"u1", "u2", "u3"}, {"a", "b"}, {a.data(), b.data()});
    const gm::dataset_view copy = v;
    CHECK((copy.unit_list() == v.unit_list())); // the same list, not a copy of it
    CHECK((copy.indicator_list() == v.indicator_list()));
    // a second view over other memory, on the same lists
    std::vector<double> c{7, 8, 9};
    const gm::dataset_view w(v.unit_list(), v.indicator_list(), {c.data(), a.data()});
    CHECK(w.units() == v.units());
    CHECK(w.column(w.indicator_index("a"))[2] == 9.0);
    CHECK(w.column(w.indicator_index("b"))[0] == 1.0);
    // lists made apart: duplicates are data_errors naming the first repeat, as in a view
    const auto units =
        std::make_shared<const gm::name_list>(std::vector<std::string>{"x", "y"}, "unit id");
    CHECK(units->find("y") == 1);
    CHECK(units->find("z") == units->size());
    CHECK_THROWS_WITH_AS(gm::name_list({"x", "y", "x"}, "unit id"),
                         "dataset_view: duplicate unit id 'x' (positions 0 and 2)", gm::data_error);
    // shape and null lists
    CHECK_THROWS_WITH_AS(gm::dataset_view(units, v.indicator_list(), {a.data()}),
                         "dataset_view: 1 columns given for 2 indicator codes", gm::data_error);
    CHECK_THROWS_AS(gm::dataset_view(nullptr, v.indicator_list(), {a.data(), b.data()}),
                    gm::data_error);
    // a default view has no names and finds nothing
    const gm::dataset_view empty;
    CHECK(empty.units().empty());
    CHECK((empty.unit_list() == nullptr));
    CHECK(empty.find_indicator("a") == 0);
  }

  TEST_CASE("a run on a view equals a run on the owning dataset, bit for bit") {
    const gm::framework fw({gm::make_aggregate("I"), gm::make_indicator("x", "I"),
                            gm::make_indicator("y", "I", 2.0, gm::direction::negative)});
    const gm::dataset d({"a", "b", "c", "d"}, {"x", "y"},
                        {0.1, 0.7, std::nan(""), 0.3, 5.0, 1.0, 2.0, 8.0});
    const gm::dataset_view v(d);
    const auto r1 = gm::run(fw, d);
    const auto r2 = gm::run(fw, v);
    for (std::size_t n = 0; n < fw.size(); ++n) {
      for (std::size_t u = 0; u < 4; ++u) {
        const double a = r1.score(n)[u];
        const double b = r2.score(n)[u];
        CHECK(std::memcmp(&a, &b, sizeof a) == 0);
      }
    }
  }
}

TEST_SUITE("dataset_view labels") {
  TEST_CASE("a view of a dataset carries its text columns; a view takes its own") {
    gm::dataset d({"a", "b"}, {"x"}, {1.0, 2.0});
    d.add_labels("grp", {"p", "q"});
    const gm::dataset_view v(d);
    CHECK(v.has_labels("grp"));
    CHECK(v.labels("grp") == std::vector<std::string>{"p", "q"});
    const double col[2] = {1.0, 2.0};
    gm::dataset_view w({"a", "b"}, {"x"}, {col});
    CHECK_FALSE(w.has_labels("grp"));
    CHECK_THROWS_WITH_AS(w.labels("grp"),
                         "dataset_view: unknown label column 'grp' (no label columns)",
                         gm::unknown_code_error);
    CHECK_THROWS_AS(w.add_labels("grp", {"p"}), gm::data_error);
    w.add_labels("grp", {"p", "q"});
    CHECK(w.labels("grp")[1] == "q");
  }
}

} // namespace unit_dataset_dataset_view_test
