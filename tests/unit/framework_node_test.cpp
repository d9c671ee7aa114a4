// Tests of govmetrics/framework/node.hpp: the node record and its two factories.
#include "govmetrics/framework/node.hpp"

#include <doctest/doctest.h>

#include <string>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace unit_framework_node_test {

namespace {
using govmetrics::direction;
using govmetrics::make_aggregate;
using govmetrics::make_indicator;
using govmetrics::node;
} // namespace

TEST_SUITE("node") {
  TEST_CASE("a default node is a positive aggregate root of weight 1") {
    const node n;
    CHECK(n.code.empty());
    CHECK(n.parent.empty());
    CHECK(n.weight == 1.0);
    CHECK(n.polarity == direction::positive);
    CHECK_FALSE(n.is_indicator());
    CHECK(n.labels.empty());
  }

  TEST_CASE("make_aggregate sets code, parent, weight and name, and no column") {
    const node root = make_aggregate("idx");
    CHECK(root.code == "idx");
    CHECK(root.parent.empty());
    CHECK(root.weight == 1.0);
    CHECK_FALSE(root.is_indicator());

    const node dim = make_aggregate("infra", "idx", 0.25, "数字基础设施");
    CHECK(dim.code == "infra");
    CHECK(dim.parent == "idx");
    CHECK(dim.weight == 0.25);
    CHECK(dim.name == "数字基础设施");
    CHECK(dim.column.empty());
    CHECK_FALSE(dim.is_indicator());
  }

  TEST_CASE("make_indicator reads its own code as column unless one is given") {
    const node a = make_indicator("bb", "infra");
    CHECK(a.code == "bb");
    CHECK(a.parent == "infra");
    CHECK(a.column == "bb");
    CHECK(a.weight == 1.0);
    CHECK(a.polarity == direction::positive);
    CHECK(a.is_indicator());

    const node b = make_indicator("hom", "safety", 2.0, direction::negative, "homicide_rate",
                                  "Homicides per 100k");
    CHECK(b.code == "hom");
    CHECK(b.column == "homicide_rate");
    CHECK(b.weight == 2.0);
    CHECK(b.polarity == direction::negative);
    CHECK(b.name == "Homicides per 100k");
    CHECK(b.is_indicator());
  }

  TEST_CASE("an indicator with an empty code and no column has no column either") {
    // make_indicator falls back to the code for the column; an empty code leaves both empty, and
    // the node is then not an indicator (framework validation reports the empty code).
    const node n = make_indicator("", "idx");
    CHECK(n.column.empty());
    CHECK_FALSE(n.is_indicator());
  }
}

} // namespace unit_framework_node_test
