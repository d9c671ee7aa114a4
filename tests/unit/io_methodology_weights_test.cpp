// Methodology files: the weighting schemes at top level and per aggregate node ("weights" node
// key), their parameters (text and arrays), errors naming the JSON path, and the round trip.
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/methodology.hpp>

#include <doctest/doctest.h>

#include <string>
#include <variant>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_io_methodology_weights_test {

namespace gm = govmetrics;
using gm::io::parse_methodology;

namespace {
const char* const weighted = R"({
  "govmetrics": 1,
  "nodes": [
    {"code": "I"},
    {"code": "d1", "parent": "I",
     "weights": {"method": "ahp", "matrix": [[1, 3], [0.3333, 1]], "order": ["b", "a"],
                 "max_cr": 0.05}},
    {"code": "d2", "parent": "I", "weights": {"method": "combined", "objective": "critic",
                                               "alpha": 0.25, "mode": "multiplicative"}},
    {"code": "a", "parent": "d1", "column": "a"},
    {"code": "b", "parent": "d1", "column": "b"},
    {"code": "c", "parent": "d2", "column": "c", "weight": 2},
    {"code": "e", "parent": "d2", "column": "e"}
  ],
  "weights": {"method": "entropy", "zeros": "column_entropy_zero"}
})";

std::string one_problem(const std::string& text) {
  const auto problems = gm::io::check_methodology(text, "w.json");
  REQUIRE(problems.size() == 1);
  return problems[0];
}

std::string tree_with(const std::string& node_weights, const std::string& top = "") {
  return R"({"govmetrics": 1, )" + top + R"("nodes": [{"code": "I")" + node_weights +
         R"(}, {"code": "x", "parent": "I", "column": "x"}, {"code": "y", "parent": "I", "column": "y"}]})";
}
} // namespace

TEST_SUITE("io::methodology weights") {
  TEST_CASE("top-level and per-node schemes with their parameters") {
    const auto m = parse_methodology(weighted, "w.json");
    const auto* e = std::get_if<gm::weights::entropy_method>(&m.spec.weights);
    REQUIRE(e != nullptr);
    CHECK(e->zeros == "column_entropy_zero");
    REQUIRE(m.spec.weights_overrides.size() == 2);
    const auto& a = std::get<gm::weights::ahp_method>(m.spec.weights_overrides.at("d1"));
    CHECK(a.matrix == std::vector<std::vector<double>>{{1, 3}, {0.3333, 1}});
    CHECK(a.order == std::vector<std::string>{"b", "a"});
    CHECK(a.max_cr == 0.05);
    CHECK(a.reciprocal_tol == 0.01);
    const auto& c = std::get<gm::weights::combined_method>(m.spec.weights_overrides.at("d2"));
    CHECK(c.objective == "critic");
    CHECK(c.alpha == 0.25);
    CHECK(c.mode == "multiplicative");
  }

  TEST_CASE("round trip: to_json then parse gives the same schemes") {
    const auto m = parse_methodology(weighted, "w.json");
    const std::string text = gm::io::to_json(m);
    CHECK(text.find(R"("weights": {
        "method": "ahp")") != std::string::npos);
    const auto back = parse_methodology(text, "back.json");
    CHECK(gm::io::to_json(back) == text);
    const auto& a = std::get<gm::weights::ahp_method>(back.spec.weights_overrides.at("d1"));
    CHECK(a.order == std::vector<std::string>{"b", "a"});
    CHECK(std::get<gm::weights::entropy_method>(back.spec.weights).zeros == "column_entropy_zero");
    for (const char* name : {"critic", "std", "cv", "pca", "explicit", "equal"}) {
      const auto mm = parse_methodology(
          tree_with("", R"("weights": {"method": ")" + std::string(name) + R"("}, )"), "t.json");
      CHECK(gm::weights::name_of(mm.spec.weights) == name);
      CHECK(gm::weights::name_of(parse_methodology(gm::io::to_json(mm), "t").spec.weights) == name);
    }
  }

  TEST_CASE("errors name the JSON path") {
    CHECK(one_problem(tree_with(R"(, "weights": {"method": "entropy", "zeros": 0})")) ==
          "methodology: $.nodes[0].weights.zeros: expected a string, got a number (w.json)");
    CHECK(one_problem(tree_with(R"(, "weights": {"method": "pca", "mode": "abs"})")) ==
          "methodology: $.nodes[0].weights: weights::pca: unknown mode 'abs' (expected "
          "'squared', 'absolute' or 'signed') (w.json)");
    CHECK(one_problem(tree_with(R"(, "weights": {"method": "ahp", "matrix": [[1, 3], [3, 1]]})"))
              .find("$.nodes[0].weights: weights::ahp: the matrix is not reciprocal") !=
          std::string::npos);
    CHECK(one_problem(tree_with(R"(, "weights": {"method": "entropi"})"))
              .find("$.nodes[0].weights.method: unknown weighting method 'entropi'") !=
          std::string::npos);
    // the matrix must fit the node's children (a check that needs the tree)
    CHECK(
        one_problem(tree_with(
            R"(, "weights": {"method": "ahp", "matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]})")) ==
        "methodology: $: weights::ahp: node 'I' has 2 children but the matrix is 3 x 3 "
        "(w.json)");
    // an indicator cannot carry weights
    const std::string on_indicator =
        R"({"govmetrics": 1, "nodes": [{"code": "I"}, {"code": "x", "parent": "I", "column": "x", "weights": {"method": "equal"}}]})";
    CHECK(one_problem(on_indicator).find("$.nodes[1].weights: an indicator") != std::string::npos);
  }

  TEST_CASE("a parsed methodology runs: AHP at d1 in its order, entropy elsewhere") {
    auto m = parse_methodology(weighted, "w.json");
    const gm::dataset ds({"u1", "u2", "u3"}, {"a", "b", "c", "e"},
                         {1, 2, 3, 4, 5, 6, 1, 3, 2, 2, 1, 4});
    const gm::result r = gm::run(m.tree(), ds, m.spec);
    const auto& fw = r.tree();
    // b is 3 times as important as a; 0.3333 instead of 1/3 moves the weights slightly
    CHECK(r.weights()[fw.index_of("b")] == doctest::Approx(0.75).epsilon(1e-4));
    CHECK(r.weight_details("d1").method == "ahp");
    CHECK(r.weight_details("d2").method == "combined");
    CHECK(r.weight_details("I").method == "entropy");
  }
}

} // namespace unit_io_methodology_weights_test
