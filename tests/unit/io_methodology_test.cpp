// Methodology files: the JSON contract, every error naming its JSON path, and the round trip.
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/methodology.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <variant>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_io_methodology_test {

namespace gm = govmetrics;
using gm::io::parse_methodology;

namespace {
// The example from the issue that defined the format, verbatim.
const char* const contract_example = R"({
  "govmetrics": 1,
  "name": "Digital governance index",
  "unit": "city",
  "nodes": [
    {"code": "DGI", "name": "Digital governance index"},
    {"code": "infra", "parent": "DGI", "weight": 1, "name": "Digital infrastructure"},
    {"code": "fbb", "parent": "infra", "weight": 1, "direction": "positive",
     "column": "fixed_broadband_per_100", "name": "Fixed broadband subscriptions per 100 residents"}
  ],
  "normalize": {"method": "min_max", "lo": 0, "hi": 100},
  "aggregate": {"method": "arithmetic"},
  "missing": {"method": "skip", "min_share": 0},
  "rank": {"ties": "min"}
})";

std::string with_nodes(const std::string& extra_top, const std::string& nodes) {
  return R"({"govmetrics": 1, )" + extra_top + R"("nodes": [)" + nodes + "]}";
}
const std::string two_nodes = R"({"code": "I"}, {"code": "x", "parent": "I", "column": "x"})";
} // namespace

TEST_SUITE("io::methodology") {
  TEST_CASE("the contract example parses into the expected tree and methods") {
    const auto m = parse_methodology(contract_example, "contract.json");
    CHECK(m.name == "Digital governance index");
    CHECK(m.unit_column == "city");
    REQUIRE(m.nodes.size() == 3);
    CHECK(m.nodes[2].column == "fixed_broadband_per_100");
    CHECK(m.nodes[2].polarity == gm::direction::positive);
    CHECK(m.nodes[1].parent == "DGI");
    const auto* mm = std::get_if<gm::normalize::min_max>(&m.spec.normalize);
    REQUIRE(mm != nullptr);
    CHECK(mm->lo == 0.0);
    CHECK(mm->hi == 100.0);
    CHECK(std::holds_alternative<gm::aggregate::arithmetic>(m.spec.aggregate));
    CHECK(std::get<gm::missing::skip>(m.spec.missing).min_share == 0.0);
    CHECK(m.spec.ties == gm::rank::ties::min);
    const auto fw = m.tree();
    CHECK(fw[fw.root()].code == "DGI");
    const auto opts = m.data_options();
    CHECK(opts.unit_column == "city");
    REQUIRE(opts.columns.size() == 1);
    CHECK(opts.columns[0] == "fixed_broadband_per_100");
  }

  TEST_CASE("defaults: weight 1, direction positive, COINr's methods") {
    const auto m = parse_methodology(with_nodes("", two_nodes), "d.json");
    CHECK(m.nodes[1].weight == 1.0);
    CHECK(m.nodes[1].polarity == gm::direction::positive);
    CHECK(std::holds_alternative<gm::normalize::min_max>(m.spec.normalize));
    CHECK(std::holds_alternative<gm::aggregate::arithmetic>(m.spec.aggregate));
    CHECK(std::holds_alternative<gm::missing::skip>(m.spec.missing));
    CHECK(std::holds_alternative<gm::weights::explicit_weights>(m.spec.weights));
    CHECK(m.spec.ranks == gm::rank_scope::all);
    CHECK(m.unit_column.empty());
    CHECK(m.layout == gm::io::csv_layout::wide);
  }

  TEST_CASE("per-indicator normalisation and per-node aggregation overrides") {
    const auto m =
        parse_methodology(with_nodes("", R"({"code": "I", "aggregate": {"method": "geometric"}},
          {"code": "x", "parent": "I", "column": "x",
           "normalize": {"method": "goalposts", "lo": 1, "hi": 9, "clip": false}},
          {"code": "y", "parent": "I", "column": "y", "direction": "negative", "weight": 2.5,
           "name_zh": "乙"})"),
                          "o.json");
    const auto& g = std::get<gm::normalize::goalposts>(m.spec.normalize_overrides.at("x"));
    CHECK(g.lo == 1.0);
    CHECK(g.hi == 9.0);
    CHECK_FALSE(g.clip);
    CHECK(g.scale == 1.0);
    CHECK(std::holds_alternative<gm::aggregate::geometric>(m.spec.aggregate_overrides.at("I")));
    CHECK(m.nodes[2].weight == 2.5);
    CHECK(m.nodes[2].polarity == gm::direction::negative);
    CHECK(m.nodes[2].labels.at("name_zh") == "乙");
  }

  TEST_CASE("long layout, ranks scope and ties, weights method") {
    const auto m = parse_methodology(
        with_nodes(R"("data": {"layout": "long", "indicator": "variable", "value": "v"},
                      "rank": {"ties": "average", "nodes": "aggregates"},
                      "weights": {"method": "equal"}, "missing": {"method": "propagate"}, )",
                   two_nodes),
        "l.json");
    CHECK(m.layout == gm::io::csv_layout::long_);
    CHECK(m.indicator_column == "variable");
    CHECK(m.value_column == "v");
    CHECK(m.spec.ties == gm::rank::ties::average);
    CHECK(m.spec.ranks == gm::rank_scope::aggregates);
    CHECK(std::holds_alternative<gm::weights::equal>(m.spec.weights));
    CHECK(std::holds_alternative<gm::missing::propagate>(m.spec.missing));
  }

  TEST_CASE("unknown keys are spec_errors naming the JSON path") {
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I"}, {"code": "x", "parent": "I",
                                             "column": "x", "wieght": 2})"),
                          "typo.json"),
        doctest::Contains("$.nodes[1].wieght: unknown key 'wieght'"), gm::spec_error);
    CHECK_THROWS_WITH_AS(parse_methodology(with_nodes(R"("normalise": {}, )", two_nodes), "t.json"),
                         doctest::Contains("$.normalise: unknown key 'normalise'"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(
            with_nodes(R"("normalize": {"method": "min_max", "low": 1}, )", two_nodes), "t.json"),
        doctest::Contains("$.normalize.low: unknown key 'low' for method 'min_max'"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("rank": {"tie": "min"}, )", two_nodes), "t.json"),
        doctest::Contains("$.rank.tie: unknown key 'tie'"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("data": {"layout": "long", "val": "v"}, )", two_nodes),
                          "t.json"),
        doctest::Contains("$.data.val: unknown key 'val'"), gm::spec_error);
  }

  TEST_CASE("unknown methods are spec_errors listing the known ones") {
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("normalize": {"method": "minmax"}, )", two_nodes),
                          "m.json"),
        doctest::Contains("$.normalize.method: unknown normalisation method 'minmax' (expected one "
                          "of 'min_max', 'z_score'"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("aggregate": {"method": "mean"}, )", two_nodes), "m.json"),
        doctest::Contains("$.aggregate.method: unknown aggregation method 'mean'"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("missing": {"method": "impute"}, )", two_nodes), "m.json"),
        doctest::Contains("$.missing.method: unknown missing-value method 'impute'"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("rank": {"ties": "first"}, )", two_nodes), "m.json"),
        doctest::Contains("$.rank.ties: rank: unknown ties policy 'first'"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("normalize": {"lo": 0}, )", two_nodes), "m.json"),
        doctest::Contains("$.normalize: missing key 'method'"), gm::spec_error);
  }

  TEST_CASE("wrong types are spec_errors naming the path and the type found") {
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I"}, {"code": "x", "parent": "I",
                                             "column": "x", "weight": "1"})"),
                          "w.json"),
        doctest::Contains("$.nodes[1].weight: expected a number, got a string"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(
            with_nodes(R"("normalize": {"method": "goalposts", "clip": 1}, )", two_nodes),
            "w.json"),
        doctest::Contains("$.normalize.clip: expected true or false, got a number"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(parse_methodology(R"({"govmetrics": 1, "nodes": {}})", "w.json"),
                         doctest::Contains("$.nodes: expected an array of nodes, got object"),
                         gm::spec_error);
    CHECK_THROWS_WITH_AS(parse_methodology(with_nodes("", R"({"code": 7})"), "w.json"),
                         doctest::Contains("$.nodes[0].code: expected a string, got a number"),
                         gm::spec_error);
    CHECK_THROWS_WITH_AS(parse_methodology("[1, 2]", "w.json"),
                         doctest::Contains("$: expected a JSON object at the top level"),
                         gm::spec_error);
  }

  TEST_CASE("format version, missing nodes, misplaced keys") {
    CHECK_THROWS_WITH_AS(parse_methodology(R"({"nodes": []})", "v.json"),
                         doctest::Contains("missing key 'govmetrics'"), gm::spec_error);
    CHECK_THROWS_WITH_AS(parse_methodology(R"({"govmetrics": 2, "nodes": []})", "v.json"),
                         doctest::Contains("$.govmetrics: unsupported format version 2"),
                         gm::spec_error);
    CHECK_THROWS_WITH_AS(parse_methodology(R"({"govmetrics": 1})", "v.json"),
                         doctest::Contains("missing key 'nodes'"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I", "normalize": {"method": "rank"}},
                                            {"code": "x", "parent": "I", "column": "x"})"),
                          "p.json"),
        doctest::Contains("$.nodes[0].normalize: only an indicator"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I"}, {"code": "x", "parent": "I",
                                 "column": "x", "aggregate": {"method": "geometric"}})"),
                          "p.json"),
        doctest::Contains("$.nodes[1].aggregate: an indicator"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I", "direction": "negative"},
                                            {"code": "x", "parent": "I", "column": "x"})"),
                          "p.json"),
        doctest::Contains("$.nodes[0].direction: 'direction' applies to indicators only"),
        gm::spec_error);
  }

  TEST_CASE("invalid parameters and tree problems are reported with the rest") {
    const std::string text =
        with_nodes(R"("normalize": {"method": "min_max", "lo": 5, "hi": 5},
                      "missing": {"method": "skip", "min_share": 1.5}, )",
                   R"({"code": "I"}, {"code": "x", "parent": "I", "column": "x", "weight": -1},
                      {"code": "x", "parent": "I", "column": "y"}, {"code": "z", "parent": "q"})");
    const auto problems = gm::io::check_methodology(text, "many.json");
    REQUIRE(problems.size() == 6);
    CHECK(problems[0].find("$.normalize: normalize::min_max: 'lo' must be less than 'hi'") !=
          std::string::npos);
    CHECK(problems[1].find("$.missing: missing::skip: 'min_share' must be in [0, 1]") !=
          std::string::npos);
    CHECK(problems[2].find("duplicate code 'x'") != std::string::npos);
    CHECK(problems[3].find("node 'x' has weight -1") != std::string::npos);
    CHECK(problems[4].find("node 'z' has unknown parent 'q'") != std::string::npos);
    CHECK(problems[5].find("leaf 'z' has no data column") != std::string::npos);
    for (const auto& p : problems)
      CHECK(p.find("(many.json)") != std::string::npos);
    CHECK_THROWS_WITH_AS(parse_methodology(text, "many.json"),
                         doctest::Contains("methodology: 6 problems in many.json"), gm::spec_error);
  }

  TEST_CASE("invalid JSON is a parse_error with line and column") {
    const std::string text =
        "{\n  \"govmetrics\": 1,\n  \"nodes\": [\n    {\"code\": \"I\",, }\n]}";
    try {
      parse_methodology(text, "bad.json");
      FAIL("no exception");
    } catch (const gm::parse_error& e) {
      CHECK(e.source() == "bad.json");
      CHECK(e.line() == 4);
      CHECK(e.column() == 18); // the second comma of `    {"code": "I",, }`
      CHECK(std::string(e.what()).find("invalid JSON (bad.json, line 4, column 18)") !=
            std::string::npos);
    }
    CHECK(gm::io::check_methodology(text, "bad.json").size() == 1);
  }

  TEST_CASE("a key given twice in one object is a spec_error, not a silent overwrite") {
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I"}, {"code": "x", "parent": "I",
                                             "column": "x", "weight": 1, "weight": 2})"),
                          "dup.json"),
        doctest::Contains("$.nodes[1]: key 'weight' is given twice in one object"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(
            with_nodes(R"("normalize": {"method": "min_max", "lo": 0, "lo": 1}, )", two_nodes),
            "dup.json"),
        doctest::Contains("$.normalize: key 'lo' is given twice in one object"), gm::spec_error);
    CHECK_THROWS_WITH_AS(parse_methodology(R"({"govmetrics": 1, "govmetrics": 1, "nodes": [
                                                {"code": "I"}, {"code": "x", "parent": "I",
                                                 "column": "x"}]})",
                                           "dup.json"),
                         doctest::Contains("$: key 'govmetrics' is given twice in one object"),
                         gm::spec_error);
    // the same key in two different objects is fine
    CHECK_NOTHROW(parse_methodology(with_nodes("", two_nodes), "ok.json"));
  }

  TEST_CASE("a number beyond the range of a double is a parse_error at its line, column and path") {
    const std::string text = "{\"govmetrics\": 1, \"nodes\": [\n  {\"code\": \"I\"},\n"
                             "  {\"code\": \"x\", \"parent\": \"I\", \"weight\": 1e999}]}";
    try {
      parse_methodology(text, "big.json");
      FAIL("no exception");
    } catch (const gm::parse_error& e) {
      CHECK(std::string(e.what()) == "methodology: '1e999' at $.nodes[1].weight is out of the "
                                     "range of a double (big.json, line 3, column 42)");
      CHECK(e.line() == 3);
      CHECK(e.column() == 42); // where 1e999 starts
    }
    CHECK_THROWS_WITH_AS(parse_methodology(R"({"govmetrics": 1, "nodes": [-1e400]})", "b.json"),
                         "methodology: '-1e400' at $.nodes[0] is out of the range of a double "
                         "(b.json, line 1, column 29)",
                         gm::parse_error);
  }

  TEST_CASE("a file that cannot be read is a data_error naming it") {
    CHECK_THROWS_WITH_AS(gm::io::read_methodology("/nonexistent/dir/m.json"),
                         doctest::Contains("cannot open '/nonexistent/dir/m.json'"),
                         gm::data_error);
  }

  TEST_CASE("to_json round-trips every choice") {
    const auto a =
        parse_methodology(with_nodes(R"("name": "Ünïcode 指数", "unit": "id",
                      "normalize": {"method": "z_score", "mean": 10, "sd": 2},
                      "aggregate": {"method": "harmonic"}, "missing": {"method": "skip",
                      "min_share": 0.25}, "weights": {"method": "equal"},
                      "rank": {"ties": "dense", "nodes": "root"},
                      "data": {"layout": "long", "indicator": "var", "value": "val"}, )",
                                     R"({"code": "I", "aggregate": {"method": "arithmetic"}},
                      {"code": "x", "parent": "I", "column": "cx", "weight": 0.5,
                       "direction": "negative", "unit": "%", "description": "d", "name_zh": "甲",
                       "normalize": {"method": "percentile_rank"}})"),
                          "a.json");
    const std::string text = gm::io::to_json(a);
    const auto b = parse_methodology(text, "b.json");
    CHECK(gm::io::to_json(b) == text);
    CHECK(b.name == "Ünïcode 指数");
    CHECK(b.unit_column == "id");
    CHECK(std::get<gm::normalize::z_score>(b.spec.normalize).mean == 10.0);
    CHECK(std::get<gm::missing::skip>(b.spec.missing).min_share == 0.25);
    CHECK(b.spec.ties == gm::rank::ties::dense);
    CHECK(b.spec.ranks == gm::rank_scope::root);
    CHECK(b.layout == gm::io::csv_layout::long_);
    CHECK(b.value_column == "val");
    CHECK(b.nodes[1].weight == 0.5);
    CHECK(b.nodes[1].polarity == gm::direction::negative);
    CHECK(b.nodes[1].labels.at("name_zh") == "甲");
    CHECK(
        std::holds_alternative<gm::normalize::percentile_rank>(b.spec.normalize_overrides.at("x")));
    CHECK(std::holds_alternative<gm::aggregate::arithmetic>(b.spec.aggregate_overrides.at("I")));
  }
}

TEST_SUITE("pipeline::evaluate") {
  TEST_CASE("a ties policy different from the one the indicators were ranked with is refused") {
    const auto m = parse_methodology(with_nodes("", two_nodes), "t.json");
    auto tree = std::make_shared<const gm::framework>(m.tree());
    const gm::dataset data({"a", "b"}, {"x"}, {1.0, 2.0});
    const auto prepared = gm::prepare(tree, data, m.spec); // ties min
    auto plan = gm::make_plan(*tree, m.spec);
    plan.ties = gm::rank::ties::dense;
    gm::evaluation_workspace ws;
    gm::result r;
    CHECK_THROWS_WITH_AS(gm::evaluate(prepared, plan, ws, r),
                         doctest::Contains("indicators were ranked with ties 'min' but evaluation "
                                           "asks for 'dense'"),
                         gm::spec_error);
  }
}

TEST_SUITE("io::methodology treat") {
  TEST_CASE("winsorise's fallback: the specified key 'fallback' and the older 'log_fallback'") {
    const auto fallback = [](const char* treat) {
      const auto m = parse_methodology(
          with_nodes("\"treat\": " + std::string(treat) + ", ", two_nodes), "f.json");
      return std::get<gm::treat::winsorise>(m.spec.treat).log_fallback;
    };
    CHECK(fallback(R"({"method": "winsorise", "fallback": "log_ct"})"));
    CHECK_FALSE(fallback(R"({"method": "winsorise", "fallback": "none"})"));
    CHECK_FALSE(fallback(R"({"method": "winsorise", "log_fallback": false})"));
    CHECK(fallback(R"({"method": "winsorise", "fallback": "log_ct", "log_fallback": true})"));
    CHECK_THROWS_WITH_AS(
        fallback(R"({"method": "winsorise", "fallback": "log"})"),
        doctest::Contains("$.treat.fallback: unknown fallback 'log' (expected 'log_ct' or 'none')"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        fallback(R"({"method": "winsorise", "fallback": "none", "log_fallback": true})"),
        doctest::Contains("$.treat.fallback: 'fallback': 'none' contradicts 'log_fallback': true"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(fallback(R"({"method": "winsorise", "fallback": true})"),
                         doctest::Contains("$.treat.fallback: expected a string"), gm::spec_error);
  }

  TEST_CASE("a top-level treat and a per-indicator treat (with none) are read") {
    const auto m = parse_methodology(
        with_nodes(R"("treat": {"method": "winsorise", "skew": 2.25, "kurtosis": 4, "max_points": 3,
                                "log_fallback": false}, )",
                   R"({"code": "I"}, {"code": "x", "parent": "I", "column": "x"},
                      {"code": "y", "parent": "I", "column": "y", "treat": {"method": "none"}},
                      {"code": "z", "parent": "I", "column": "z",
                       "treat": {"method": "box_cox", "lambda": 0.5}})"),
        "t.json");
    const auto& w = std::get<gm::treat::winsorise>(m.spec.treat);
    CHECK(w.skew == 2.25);
    CHECK(w.kurtosis == 4.0);
    CHECK(w.max_points == 3.0);
    CHECK_FALSE(w.log_fallback);
    CHECK(std::holds_alternative<gm::treat::none>(m.spec.treat_overrides.at("y")));
    CHECK(std::get<gm::treat::box_cox>(m.spec.treat_overrides.at("z")).lambda == 0.5);
    CHECK(m.spec.treat_overrides.count("x") == 0);
    // Defaults of the winsorise parameters are COINr's.
    const auto d =
        parse_methodology(with_nodes(R"("treat": {"method": "winsorise"}, )", two_nodes), "d.json");
    const auto& dw = std::get<gm::treat::winsorise>(d.spec.treat);
    CHECK(dw.skew == 2.0);
    CHECK(dw.kurtosis == 3.5);
    CHECK(dw.max_points == 5.0);
    CHECK(dw.log_fallback);
    for (const char* method : {"log", "log1p", "none"}) {
      const auto t = parse_methodology(
          with_nodes(std::string(R"("treat": {"method": ")") + method + R"("}, )", two_nodes),
          "t.json");
      CHECK(gm::treat::name_of(t.spec.treat) == method);
    }
  }

  TEST_CASE("to_json writes treat (top level when not none, and per indicator) and round-trips") {
    const auto a =
        parse_methodology(with_nodes(R"("treat": {"method": "winsorise", "max_points": 2}, )",
                                     R"({"code": "I"}, {"code": "x", "parent": "I", "column": "x",
                      "treat": {"method": "log1p"}})"),
                          "a.json");
    const std::string text = gm::io::to_json(a);
    CHECK(text.find(R"("treat": {
    "method": "winsorise",
    "skew": 2.0,
    "kurtosis": 3.5,
    "max_points": 2.0,
    "log_fallback": true
  })") != std::string::npos);
    const auto b = parse_methodology(text, "b.json");
    CHECK(gm::io::to_json(b) == text);
    CHECK(std::holds_alternative<gm::treat::log1p>(b.spec.treat_overrides.at("x")));
    // No treatment: no "treat" key (files without one are written as before).
    const auto plain = parse_methodology(with_nodes("", two_nodes), "p.json");
    CHECK(gm::io::to_json(plain).find("\"treat\"") == std::string::npos);
  }

  TEST_CASE("treat errors name their JSON path") {
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("treat": {"method": "trim"}, )", two_nodes), "t.json"),
        "methodology: 1 problem in t.json: $.treat.method: unknown treatment method 'trim' "
        "(expected one of 'none', 'winsorise', 'log', 'log1p', 'box_cox')",
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(
            with_nodes(R"("treat": {"method": "winsorise", "fallbak": "log_ct"}, )", two_nodes),
            "t.json"),
        doctest::Contains("$.treat.fallbak: unknown key 'fallbak' for method 'winsorise' "
                          "(expected one of 'fallback', 'kurtosis', 'log_fallback', 'max_points', "
                          "'method', 'skew')"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(
            with_nodes(R"("treat": {"method": "winsorise", "max_points": 2.5}, )", two_nodes),
            "t.json"),
        doctest::Contains("$.treat: treat::winsorise: 'max_points' must be a whole number >= 1 "
                          "(max_points 2.5)"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(
            with_nodes(R"("treat": {"method": "winsorise", "log_fallback": "yes"}, )", two_nodes),
            "t.json"),
        doctest::Contains("$.treat.log_fallback: expected true or false, got a string"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes(R"("treat": "winsorise", )", two_nodes), "t.json"),
        doctest::Contains("$.treat: expected an object like {\"method\": ...}"), gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I", "treat": {"method": "log"}},
                                            {"code": "x", "parent": "I", "column": "x"})"),
                          "t.json"),
        doctest::Contains(
            "$.nodes[0].treat: only an indicator (a node with 'column') may carry 'treat'"),
        gm::spec_error);
    CHECK_THROWS_WITH_AS(
        parse_methodology(with_nodes("", R"({"code": "I"}, {"code": "x", "parent": "I",
                                            "column": "x", "treat": {"method": "box_cox",
                                            "lambda": "one"}})"),
                          "t.json"),
        doctest::Contains("$.nodes[1].treat.lambda: expected a number, got a string"),
        gm::spec_error);
  }
}

TEST_SUITE("io::methodology data stages") {
  const std::string staged_nodes =
      R"({"code": "I"}, {"code": "x", "parent": "I", "column": "x", "denominator": "pop",
          "impute": {"method": "median"}}, {"code": "y", "parent": "I", "column": "y"})";

  TEST_CASE("impute, screen, denominator and a per-indicator imputer parse and round-trip") {
    const auto m = parse_methodology(with_nodes(R"("impute": {"method": "mean", "group": "region"},
                      "screen": {"min_share": 0.9, "indicator_min_share": 0.5}, )",
                                                staged_nodes),
                                     "s.json");
    CHECK(std::get<gm::impute::mean>(m.spec.impute).group == "region");
    CHECK(m.spec.screen.min_share == 0.9);
    CHECK(m.spec.screen.indicator_min_share == 0.5);
    CHECK(m.nodes[1].denominator == "pop");
    CHECK(std::holds_alternative<gm::impute::median>(m.spec.impute_overrides.at("x")));
    const auto o = m.data_options();
    CHECK(o.columns == std::vector<std::string>{"x", "y", "pop"});
    CHECK(o.label_columns == std::vector<std::string>{"region"});
    const auto again = parse_methodology(gm::io::to_json(m), "again.json");
    CHECK(gm::io::to_json(again) == gm::io::to_json(m));
    CHECK(again.nodes[1].denominator == "pop");
    CHECK(again.spec.screen.indicator_min_share == 0.5);
  }

  TEST_CASE("defaults: no imputation, no screening, nothing written") {
    const auto m = parse_methodology(with_nodes("", two_nodes), "d.json");
    CHECK(std::holds_alternative<gm::impute::none>(m.spec.impute));
    CHECK_FALSE(m.spec.screen.active());
    const std::string text = gm::io::to_json(m);
    CHECK(text.find("impute") == std::string::npos);
    CHECK(text.find("screen") == std::string::npos);
  }

  TEST_CASE("errors name their JSON path") {
    const auto problems = gm::io::check_methodology(
        with_nodes(R"("impute": {"method": "mode"}, "screen": {"min_share": 2, "share": 1}, )",
                   R"({"code": "I", "denominator": "pop", "impute": {"method": "mean"}},
                      {"code": "x", "parent": "I", "column": "x", "denominator": ""})"),
        "bad.json");
    std::string all;
    for (const auto& p : problems)
      all += p + "\n";
    CAPTURE(all);
    CHECK(all.find("$.impute.method: unknown imputation method 'mode'") != std::string::npos);
    CHECK(all.find("$.screen: missing::screen: 'min_share' must be in [0, 1] (got 2)") !=
          std::string::npos);
    CHECK(all.find("$.screen.share: unknown key 'share'") != std::string::npos);
    CHECK(all.find("$.nodes[0].denominator: 'denominator' applies to indicators only") !=
          std::string::npos);
    CHECK(all.find("$.nodes[0].impute: only an indicator") != std::string::npos);
    CHECK(all.find("$.nodes[1].denominator: empty denominator column name") != std::string::npos);
  }
}

} // namespace unit_io_methodology_test
