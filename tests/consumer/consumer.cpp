// A downstream program: builds a tiny index with the header-only core and with a methodology
// text through govmetrics::io, and checks the numbers (worked by hand below).
#include <govmetrics/govmetrics.hpp>
#include <govmetrics/io/methodology.hpp>

#include <cmath>
#include <cstdio>

int main() {
  namespace gm = govmetrics;
  // x = 1, 2, 3 -> min-max 0, 50, 100; y (negative) = 5, 4, 3 -> 0, 50, 100; index = mean.
  const gm::framework fw({gm::make_aggregate("I"), gm::make_indicator("x", "I"),
                          gm::make_indicator("y", "I", 1.0, gm::direction::negative)});
  const gm::dataset data({"a", "b", "c"}, {"x", "y"}, {1, 2, 3, 5, 4, 3});
  const gm::result r = gm::run(fw, data);
  const auto text = R"({"govmetrics": 1, "nodes": [{"code": "I"},
      {"code": "x", "parent": "I", "column": "x"},
      {"code": "y", "parent": "I", "column": "y", "direction": "negative"}]})";
  const gm::io::methodology m = gm::io::parse_methodology(text, "<consumer>");
  const gm::result r2 = gm::run(m.tree(), data, m.spec);
  const bool ok = r.score("b", "I") == 50.0 && r.score("c", "I") == 100.0 &&
                  r.rank("I")[2] == 1.0 && r2.score("b", "I") == 50.0;
  std::printf("govmetrics %s consumer: %s\n", gm::version(), ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
