// Tests of govmetrics/framework/framework.hpp: validation of the index tree (every problem with its
// message), the derived structure (parents, children, depth, slots, aggregation order) and lookup.
#include "govmetrics/framework/framework.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_framework_framework_test {

namespace {

using govmetrics::direction;
using govmetrics::framework;
using govmetrics::make_aggregate;
using govmetrics::make_indicator;
using govmetrics::node;
using govmetrics::spec_error;
using govmetrics::unknown_code_error;
using strings = std::vector<std::string>;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// Builds a framework from `nodes` (a function, so that CHECK_THROWS sees one expression).
framework build(std::vector<node> nodes) {
  return framework(std::move(nodes));
}

std::size_t count_containing(const strings& v, const std::string& part) {
  return static_cast<std::size_t>(std::count_if(
      v.begin(), v.end(), [&](const std::string& s) { return s.find(part) != std::string::npos; }));
}

/// The 4-level tree used below (file order deliberately not parent-first):
///
///   idx                          depth 0
///   +- d1 (w 3)                  depth 1
///   |  +- s11 (w 1)              depth 2
///   |  |  +- i111, i112          depth 3
///   |  +- s12 (w 1)              depth 2
///   |  |  +- i121                depth 3
///   |  +- i13 (w 2, negative)    depth 2 (an indicator directly under a dimension)
///   +- d2 (w 1)                  depth 1
///      +- s21                    depth 2
///         +- i211, i212          depth 3
std::vector<node> four_level_nodes() {
  return {
      make_indicator("i111", "s11"),
      make_aggregate("idx"),
      make_aggregate("d1", "idx", 3.0),
      make_indicator("i112", "s11"),
      make_aggregate("s11", "d1"),
      make_aggregate("s12", "d1"),
      make_indicator("i121", "s12", 1.0, direction::positive, "col_121"),
      make_indicator("i13", "d1", 2.0, direction::negative),
      make_aggregate("d2", "idx", 1.0),
      make_aggregate("s21", "d2"),
      make_indicator("i211", "s21"),
      make_indicator("i212", "s21"),
  };
}

} // namespace

TEST_SUITE("framework") {
  TEST_CASE("a valid tree has no problems") {
    const std::vector<node> nodes{make_aggregate("idx"), make_indicator("a", "idx"),
                                  make_indicator("b", "idx", 0.0)};
    CHECK(framework::check(nodes).empty());
    const framework fw(nodes);
    CHECK(fw.size() == 3);
    CHECK(fw.root() == 0);
  }

  TEST_CASE("a default framework is empty") {
    const framework fw;
    CHECK(fw.size() == 0);
    CHECK(fw.nodes().empty());
    CHECK(fw.root() == framework::npos);
    CHECK_FALSE(fw.contains("idx"));
  }

  TEST_CASE("empty tree") {
    CHECK(framework::check({}) == strings{"the tree is empty (no nodes)"});
    CHECK_THROWS_WITH_AS(build({}), "framework: 1 problem: the tree is empty (no nodes)",
                         spec_error);
  }

  TEST_CASE("empty code") {
    const std::vector<node> nodes{make_aggregate("idx"),
                                  make_indicator("", "idx", 1.0, direction::positive, "col")};
    CHECK(framework::check(nodes) == strings{"node at position 1 has an empty code"});
    CHECK_THROWS_WITH_AS(build(nodes), "framework: 1 problem: node at position 1 has an empty code",
                         spec_error);
  }

  TEST_CASE("duplicate code") {
    const std::vector<node> nodes{make_aggregate("idx"), make_indicator("a", "idx"),
                                  make_indicator("a", "idx")};
    CHECK(framework::check(nodes) == strings{"duplicate code 'a'"});
    CHECK_THROWS_WITH_AS(build(nodes), doctest::Contains("duplicate code 'a'"), spec_error);
  }

  TEST_CASE("unknown parent") {
    const std::vector<node> nodes{make_aggregate("idx"), make_indicator("x", "idx"),
                                  make_indicator("a", "nope")};
    CHECK(framework::check(nodes) == strings{"node 'a' has unknown parent 'nope'"});
    CHECK_THROWS_WITH_AS(build(nodes), doctest::Contains("node 'a' has unknown parent 'nope'"),
                         spec_error);
  }

  TEST_CASE("more than one root") {
    const std::vector<node> nodes{make_aggregate("idx"), make_aggregate("idx2"),
                                  make_indicator("x", "idx"), make_indicator("y", "idx2")};
    CHECK(framework::check(nodes) == strings{"more than one root ('idx', 'idx2')"});
    CHECK_THROWS_WITH_AS(build(nodes), doctest::Contains("more than one root ('idx', 'idx2')"),
                         spec_error);
  }

  TEST_CASE("no root: every node has a parent") {
    // a -> b -> a and nothing else: no root, and the cycle itself.
    const std::vector<node> nodes{make_aggregate("a", "b"), make_aggregate("b", "a"),
                                  make_indicator("x", "a")};
    CHECK(framework::check(nodes) ==
          strings{"no root (every node has a parent, so the tree has a cycle)",
                  "cycle 'a' -> 'b' -> 'a'"});
    CHECK_THROWS_WITH_AS(build(nodes), doctest::Contains("framework: 2 problems: no root"),
                         spec_error);
  }

  TEST_CASE("a cycle beside a valid root is found, and reported once") {
    // idx is a proper root; a -> b -> a hangs in the air beside it.
    const std::vector<node> nodes{make_aggregate("idx"), make_aggregate("a", "b"),
                                  make_aggregate("b", "a"), make_indicator("x", "idx"),
                                  make_indicator("y", "a")};
    CHECK(framework::check(nodes) == strings{"cycle 'a' -> 'b' -> 'a'"});
    CHECK_THROWS_WITH_AS(build(nodes), "framework: 1 problem: cycle 'a' -> 'b' -> 'a'", spec_error);

    // A three-node cycle, with a node hanging below it that is not on the cycle.
    const std::vector<node> three{make_aggregate("idx"),    make_indicator("x", "idx"),
                                  make_aggregate("a", "c"), make_aggregate("b", "a"),
                                  make_aggregate("c", "b"), make_indicator("y", "a")};
    const auto problems = framework::check(three);
    // walk up from 'a' (the smallest position on the cycle): a's parent is c, c's is b, b's is a
    CHECK(problems == strings{"cycle 'a' -> 'c' -> 'b' -> 'a'"});
    CHECK(count_containing(problems, "cycle") == 1);
  }

  TEST_CASE("two cycles are reported in the order of their smallest positions") {
    // positions: idx 0, x 1, d 2, a 3, e 4, b 5: cycles {d, e} (smallest 2) and {a, b} (3).
    const std::vector<node> nodes{make_aggregate("idx"),    make_indicator("x", "idx"),
                                  make_aggregate("d", "e"), make_aggregate("a", "b"),
                                  make_aggregate("e", "d"), make_aggregate("b", "a")};
    CHECK(framework::check(nodes) == strings{"cycle 'd' -> 'e' -> 'd'", "cycle 'a' -> 'b' -> 'a'"});
  }

  TEST_CASE("a 100,000-deep chain builds without recursion; a 100,000-node cycle is one problem") {
    // Linear-time tree code (issue 9): the earlier walk-up cycle check was quadratic in depth.
    constexpr std::size_t n = 100000;
    std::vector<node> chain{make_aggregate("n0")};
    for (std::size_t i = 1; i + 1 < n; ++i)
      chain.push_back(make_aggregate("n" + std::to_string(i), "n" + std::to_string(i - 1)));
    chain.push_back(make_indicator("x", "n" + std::to_string(n - 2)));
    const framework fw(chain);
    CHECK(fw.size() == n);
    CHECK(fw.depth(fw.index_of("x")) == n - 1);
    CHECK(fw.aggregation_order().size() == n - 1);
    CHECK(fw.aggregation_order().front() == n - 2); // children before parents
    CHECK(fw.aggregation_order().back() == 0);

    std::vector<node> ring{make_aggregate("idx"), make_indicator("x", "idx")};
    for (std::size_t i = 0; i < n; ++i)
      ring.push_back(make_aggregate("c" + std::to_string(i), "c" + std::to_string((i + 1) % n)));
    const auto problems = framework::check(ring);
    REQUIRE(problems.size() == 1);
    // the first ten nodes are named, the rest counted: the message stays short
    CHECK(problems[0] == "cycle 'c0' -> 'c1' -> 'c2' -> 'c3' -> 'c4' -> 'c5' -> 'c6' -> 'c7' -> "
                         "'c8' -> 'c9' -> ... (99990 more nodes) -> 'c0'");
  }

  TEST_CASE("own parent") {
    const std::vector<node> nodes{make_aggregate("idx"), make_indicator("x", "idx"),
                                  make_indicator("a", "a")};
    CHECK(framework::check(nodes) == strings{"node 'a' is its own parent (cycle)"});
    CHECK_THROWS_WITH_AS(build(nodes), doctest::Contains("node 'a' is its own parent (cycle)"),
                         spec_error);
  }

  TEST_CASE("a leaf with no data column") {
    const std::vector<node> nodes{make_aggregate("idx"), make_indicator("x", "idx"),
                                  make_aggregate("d", "idx")};
    CHECK(framework::check(nodes) == strings{"leaf 'd' has no data column"});
    CHECK_THROWS_WITH_AS(build(nodes), doctest::Contains("leaf 'd' has no data column"),
                         spec_error);
    // A lone aggregate root is such a leaf as well.
    CHECK(framework::check({make_aggregate("idx")}) == strings{"leaf 'idx' has no data column"});
  }

  TEST_CASE("an indicator with children") {
    const std::vector<node> nodes{make_aggregate("idx"),
                                  make_indicator("x", "idx", 1.0, direction::positive, "x_col"),
                                  make_indicator("y", "x"), make_indicator("z", "x")};
    CHECK(framework::check(nodes) == strings{"indicator 'x' (column 'x_col') has 2 children"});
    CHECK_THROWS_WITH_AS(build(nodes),
                         doctest::Contains("indicator 'x' (column 'x_col') has 2 children"),
                         spec_error);
  }

  TEST_CASE("a negative weight") {
    const std::vector<node> nodes{make_aggregate("idx"), make_indicator("x", "idx", -0.5),
                                  make_indicator("y", "idx")};
    CHECK(framework::check(nodes) ==
          strings{"node 'x' has weight -0.5 (weights must be finite and non-negative)"});
    CHECK_THROWS_WITH_AS(build(nodes), doctest::Contains("node 'x' has weight -0.5"), spec_error);
  }

  TEST_CASE("NaN and infinite weights") {
    for (double w : {nan_v, inf_v, -inf_v}) {
      const std::string text = w != w ? "nan" : (w > 0 ? "inf" : "-inf");
      CAPTURE(text);
      const std::vector<node> nodes{make_aggregate("idx"), make_indicator("x", "idx", w),
                                    make_indicator("y", "idx")};
      CHECK(framework::check(nodes) ==
            strings{"node 'x' has weight " + text + " (weights must be finite and non-negative)"});
      CHECK_THROWS_WITH_AS(build(nodes),
                           doctest::Contains(("node 'x' has weight " + text + " (").c_str()),
                           spec_error);
    }
  }

  TEST_CASE("the children of a node all have weight 0") {
    const std::vector<node> nodes{make_aggregate("idx"), make_indicator("x", "idx", 0.0),
                                  make_indicator("y", "idx", 0.0)};
    CHECK(framework::check(nodes) == strings{"the 2 children of 'idx' all have weight 0"});
    CHECK_THROWS_WITH_AS(
        build(nodes), doctest::Contains("the 2 children of 'idx' all have weight 0"), spec_error);
    // -0.0 is not negative, but it is still zero
    const std::vector<node> neg_zero{make_aggregate("idx"), make_indicator("x", "idx", -0.0)};
    CHECK(framework::check(neg_zero) == strings{"the only child of 'idx' has weight 0"});
  }

  TEST_CASE("check reports several problems at once, and the constructor lists them all") {
    const std::vector<node> nodes{make_aggregate("idx"),
                                  make_indicator("a", "idx", -1.0),    // negative weight
                                  make_indicator("a", "idx"),          // duplicate code
                                  make_aggregate("d", "idx"),          // leaf without column
                                  make_indicator("b", "missing_dim")}; // unknown parent
    const strings expected{"duplicate code 'a'",
                           "node 'a' has weight -1 (weights must be finite "
                           "and non-negative)",
                           "node 'b' has unknown parent 'missing_dim'",
                           "leaf 'd' has no data column"};
    CHECK(framework::check(nodes) == expected);
    std::string message = "framework: 4 problems: ";
    for (std::size_t i = 0; i < expected.size(); ++i)
      message += (i ? "; " : "") + expected[i];
    CHECK_THROWS_WITH_AS(build(nodes), message.c_str(), spec_error);
  }

  TEST_CASE("a 4-level tree: parents, children, depth, indicators and slots") {
    const framework fw(four_level_nodes());
    REQUIRE(fw.size() == 12);
    const auto at = [&](const char* code) { return fw.index_of(code); };

    CHECK(fw.root() == at("idx"));
    CHECK(fw.parent(at("idx")) == framework::npos);
    CHECK(fw.parent(at("i111")) == at("s11"));
    CHECK(fw.parent(at("s11")) == at("d1"));
    CHECK(fw.parent(at("d1")) == at("idx"));
    CHECK(fw.parent(at("i13")) == at("d1"));

    // children in file order
    CHECK(fw.children(at("idx")) == std::vector<std::size_t>{at("d1"), at("d2")});
    CHECK(fw.children(at("d1")) == std::vector<std::size_t>{at("s11"), at("s12"), at("i13")});
    CHECK(fw.children(at("s11")) == std::vector<std::size_t>{at("i111"), at("i112")});
    CHECK(fw.children(at("i111")).empty());

    // depth below the root
    CHECK(fw.depth(at("idx")) == 0);
    CHECK(fw.depth(at("d1")) == 1);
    CHECK(fw.depth(at("d2")) == 1);
    CHECK(fw.depth(at("s11")) == 2);
    CHECK(fw.depth(at("s21")) == 2);
    CHECK(fw.depth(at("i13")) == 2);
    CHECK(fw.depth(at("i111")) == 3);
    CHECK(fw.depth(at("i121")) == 3);
    CHECK(fw.depth(at("i212")) == 3);

    // indicators in file order, with their slots
    const std::vector<std::size_t> inds{at("i111"), at("i112"), at("i121"),
                                        at("i13"),  at("i211"), at("i212")};
    CHECK(fw.indicators() == inds);
    for (std::size_t s = 0; s < inds.size(); ++s) {
      CHECK(fw.is_indicator(inds[s]));
      CHECK(fw.indicator_slot(inds[s]) == s);
      CHECK(fw.aggregate_slot(inds[s]) == framework::npos);
    }
    CHECK(fw.indicator_slot(at("d1")) == framework::npos);
    CHECK(fw[at("i121")].column == "col_121");
    CHECK(fw[at("i13")].polarity == direction::negative);
    CHECK(fw[at("d1")].weight == 3.0);
  }

  TEST_CASE("aggregation_order lists every aggregate once, children before parents, root last") {
    const framework fw(four_level_nodes());
    const auto& order = fw.aggregation_order();
    REQUIRE(order.size() == 6); // idx d1 d2 s11 s12 s21
    CHECK(order.back() == fw.root());
    std::vector<bool> seen(fw.size(), false);
    for (std::size_t slot = 0; slot < order.size(); ++slot) {
      const std::size_t nd = order[slot];
      CAPTURE(fw[nd].code);
      CHECK_FALSE(fw.is_indicator(nd));
      CHECK_FALSE(seen[nd]); // listed once
      for (std::size_t c : fw.children(nd)) {
        if (!fw.is_indicator(c))
          CHECK(seen[c]); // an aggregate child was evaluated before its parent
      }
      CHECK(fw.aggregate_slot(nd) == slot);
      seen[nd] = true;
    }
    for (const char* code : {"idx", "d1", "d2", "s11", "s12", "s21"})
      CHECK(seen[fw.index_of(code)]);
  }

  TEST_CASE("index_of and contains") {
    const framework fw(four_level_nodes());
    CHECK(fw.index_of("idx") == 1); // file position
    CHECK(fw.index_of("i111") == 0);
    CHECK(fw.index_of("i212") == 11);
    CHECK(fw.contains("s21"));
    CHECK_FALSE(fw.contains("S21"));
    CHECK_FALSE(fw.contains(""));
    CHECK_THROWS_WITH_AS(fw.index_of("zzz"), "framework: unknown node 'zzz'", unknown_code_error);
    CHECK_THROWS_WITH_AS(fw.index_of(""), "framework: unknown node ''", unknown_code_error);
  }

  TEST_CASE("a framework copies and keeps working") {
    const framework original(four_level_nodes());
    const framework copy = original; // NOLINT(performance-unnecessary-copy-initialization)
    CHECK(copy.index_of("s12") == original.index_of("s12"));
    CHECK(copy.aggregation_order() == original.aggregation_order());
    CHECK(copy.depth(copy.index_of("i211")) == 3);
  }
}

} // namespace unit_framework_framework_test
