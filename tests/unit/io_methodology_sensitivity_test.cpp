// The "sensitivity" section of a methodology file (issue 11): read with its defaults, written back
// by to_json (round trip), and every bad value reported with its JSON path.
#include <govmetrics/io/methodology.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace unit_io_methodology_sensitivity_test {

namespace {

namespace io = govmetrics::io;

std::string file(const std::string& sections) {
  return R"({"govmetrics": 1, "nodes": [{"code": "idx"}, {"code": "d1", "parent": "idx"},
    {"code": "a", "parent": "d1", "column": "a"}, {"code": "b", "parent": "d1", "column": "b"},
    {"code": "c", "parent": "idx", "column": "c"}])" +
         sections + "}";
}

const std::string uncertainty =
    R"(, "uncertainty": {"seed": 7, "inputs": [{"kind": "weights", "spread": 0.2}]})";

bool has(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("the sensitivity section: defaults, given values, round trip") {
  const auto none = io::parse_methodology(file(uncertainty), "m.json");
  CHECK_FALSE(none.sensitivity.has_value());
  const auto m = io::parse_methodology(
      file(uncertainty + R"(, "sensitivity": {"n": 4096, "bootstrap": 20, "confidence": 0.9,
           "dummy": true, "nodes": ["d1"], "seed": 3})"),
      "m.json");
  REQUIRE(m.sensitivity.has_value());
  CHECK(m.sensitivity->n == 4096);
  CHECK(m.sensitivity->bootstrap == 20);
  CHECK(m.sensitivity->confidence == 0.9);
  CHECK(m.sensitivity->dummy);
  CHECK(m.sensitivity->scramble);
  CHECK_FALSE(m.sensitivity->monte_carlo);
  CHECK(m.sensitivity->nodes == std::vector<std::string>{"d1"});
  REQUIRE(m.sensitivity->seed.has_value());
  CHECK(*m.sensitivity->seed == 3);
  const std::string text = io::to_json(m);
  CHECK(text.find("\"sensitivity\"") != std::string::npos);
  const auto back = io::parse_methodology(text, "back.json");
  REQUIRE(back.sensitivity.has_value());
  CHECK(io::to_json(back) == text);
  const auto mc =
      io::parse_methodology(file(uncertainty + R"(, "sensitivity": {"sampling": "monte_carlo",
           "n": 100})"),
                            "m.json");
  CHECK(mc.sensitivity->monte_carlo);
  CHECK(mc.sensitivity->n == 100);
  CHECK_FALSE(mc.sensitivity->seed.has_value());
  CHECK(io::to_json(io::parse_methodology(io::to_json(mc), "x")) == io::to_json(mc));
}

TEST_CASE("bad sensitivity sections are reported with their JSON paths") {
  const auto problems = io::check_methodology(
      file(uncertainty + R"(, "sensitivity": {"n": 100, "confidence": 1.5, "sampling": "lhs",
           "bootstrap": -1, "dummy": "yes", "extra": 1})"),
      "m.json");
  CHECK(has(problems, "$.sensitivity.n: N must be a power of two for Sobol' points (got 100)"));
  CHECK(has(problems,
            "$.sensitivity.confidence: expected a number between 0 and 1 (e.g. 0.95), got 1.5"));
  CHECK(has(problems,
            "$.sensitivity.sampling: unknown sampling 'lhs' (expected 'sobol' or 'monte_carlo')"));
  CHECK(has(problems, "$.sensitivity.bootstrap: expected a whole number from 0 to 1000000"));
  CHECK(has(problems, "$.sensitivity.dummy: expected true or false"));
  CHECK(has(problems, "$.sensitivity.extra"));
  CHECK(has(io::check_methodology(file(R"(, "sensitivity": {"n": 64})"), "m.json"),
            "$.sensitivity: needs an \"uncertainty\" section (its inputs are the factors)"));
  CHECK(has(
      io::check_methodology(file(uncertainty + R"(, "sensitivity": {"nodes": ["a"]})"), "m.json"),
      "$.sensitivity.nodes[0]: 'a' is an indicator, not an aggregate node"));
  CHECK(has(
      io::check_methodology(file(uncertainty + R"(, "sensitivity": {"nodes": ["zz"]})"), "m.json"),
      "$.sensitivity.nodes[0]: unknown node 'zz'"));
  CHECK(has(io::check_methodology(file(uncertainty + R"(, "sensitivity": {"sampling":
                "monte_carlo", "scramble": false})"),
                                  "m.json"),
            "'scramble' applies to Sobol' points"));
  CHECK(has(io::check_methodology(file(uncertainty + R"(, "sensitivity": [1])"), "m.json"),
            "$.sensitivity: expected an object"));
}

} // namespace unit_io_methodology_sensitivity_test
