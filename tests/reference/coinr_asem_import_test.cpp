// Reference test: COINr's tables read as they are (govmetrics/io/coinr.hpp). ASEM_iMeta.csv and
// ASEM_iData.csv (../shared/data/coinr_asem/) imported give the tree of the hand-written
// methodology of the example (node by node: code, name, parent, weight, direction, column,
// denominator, unit); with COINr's example_full steps added (build_example_coin(): denominate,
// impute by group mean, screen, treat, normalise, aggregate; the method choices of
// coinr_asem_example_full.json), the run on the data file the import writes reproduces
// example_full_scores.csv and example_full_ranks.csv to 1e-9 (the README's tolerance).
#include "coinr_asem_support.hpp"

#include <govmetrics/io/coinr.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <map>
#include <string>

// Each test file has its own namespace: the files are compiled together in unity batches.
namespace reference_coinr_asem_import_test {

namespace {

namespace gm = govmetrics;
namespace io = govmetrics::io;
using govmetrics_test::shared_path;
using govmetrics_test::source_path;

} // namespace

TEST_SUITE("reference.coinr_asem.import") {
  TEST_CASE("ASEM iMeta imported == the hand-written tree; with example_full's steps == COINr") {
    GOVMETRICS_REQUIRE_SHARED_DATA();
    const std::string meta_path = shared_path("data/coinr_asem/ASEM_iMeta.csv");
    const std::string data_path = shared_path("data/coinr_asem/ASEM_iData.csv");
    const io::coinr_import im = io::read_coinr(meta_path, data_path);
    CHECK(im.group_columns ==
          std::vector<std::string>{"GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"});
    CHECK(im.denominator_columns ==
          std::vector<std::string>{"Area", "Energy", "GDP", "Population"});
    CHECK(im.method.unit_column == "uCode");

    const io::methodology hand = io::read_methodology(
        source_path("tests/reference/methodologies/coinr_asem_example_full.json"));
    REQUIRE(im.method.nodes.size() == hand.nodes.size());
    std::map<std::string, const gm::node*> by_code;
    for (const gm::node& n : im.method.nodes)
      by_code[n.code] = &n;
    for (const gm::node& h : hand.nodes) {
      INFO(h.code);
      REQUIRE(by_code.count(h.code) == 1);
      const gm::node& n = *by_code[h.code];
      CHECK(n.name == h.name);
      CHECK(n.parent == h.parent);
      CHECK(n.weight == h.weight);
      CHECK(n.column == h.column);
      CHECK(n.denominator == h.denominator);
      CHECK(n.unit == h.unit);
      if (h.is_indicator()) {
        CHECK(n.polarity == h.polarity);
        CHECK(n.labels.count("target") == 1); // every ASEM indicator has a Target
      }
    }

    // the data file the import writes, read with the imported methodology plus example_full's steps
    io::methodology m = im.method;
    m.spec = hand.spec;
    const std::string data_text = io::read_text_file(data_path);
    const std::string written = io::coinr_data_csv(data_text, data_path, im.data_columns);
    govmetrics_test::method_run run;
    run.method = m;
    run.data = io::parse_csv(written, "<imported iData>", m.data_options());
    run.result = gm::run(m.tree(), run.data, m.spec);
    coinr_asem::compare_run(run, "example_full");

    // the methodology text reads back to the same tree (targets as numbers)
    const io::methodology again = io::parse_methodology(io::to_json(im.method), "<import>");
    REQUIRE(again.nodes.size() == im.method.nodes.size());
    for (std::size_t i = 0; i < again.nodes.size(); ++i) {
      CHECK(again.nodes[i].code == im.method.nodes[i].code);
      CHECK(again.nodes[i].labels == im.method.nodes[i].labels);
    }
  }

  TEST_CASE("rows that cannot be mapped are errors naming the file, line and column") {
    const std::string head = "iCode,iName,Level,Parent,Direction,Weight,Type\n";
    const std::string good = "Index,Index,2,,,1,Aggregate\nx,X,1,Index,1,1,Indicator\n";
    CHECK(io::import_coinr(head + good, "m.csv").method.nodes.size() == 2);
    const auto fails = [&](const std::string& rows, const std::string& what) {
      INFO(rows);
      bool thrown = false;
      try {
        (void)io::import_coinr(head + rows, "m.csv");
      } catch (const gm::error& e) {
        thrown = true;
        CHECK(std::string(e.what()).find(what) != std::string::npos);
        INFO(e.what());
      }
      CHECK(thrown);
    };
    fails(good + "y,Y,1,Index,1,1,Indicatr\n", "unknown Type 'Indicatr' of 'y'");
    fails(good + "y,Y,1,Index,1,1,Indicatr\n", "m.csv, line 4, column 7 'Type'");
    fails(good + "y,Y,1,Index,0,1,Indicator\n", "Direction 0 of 'y' (1 or -1) (m.csv, line 4");
    fails(good + "y,Y,1,Nowhere,1,1,Indicator\n",
          "the Parent 'Nowhere' of 'y' is not an Aggregate");
    fails(good + "y,Y,2,Index,1,1,Indicator\n", "Level 2 of 'y' (an Indicator is at Level 1)");
    fails(good + "y,Y,1,Index,1,NA,Indicator\n", "Weight of 'y' is missing");
    fails(good + "x,X,1,Index,1,1,Indicator\n", "iCode 'x' appears twice (lines 3 and 4 of m.csv)");
    fails(good + "Other,O,2,,,1,Aggregate\n", "two Aggregates without a Parent");
    fails(good + "y,Y,1,Index,1,abc,Indicator\n", "'abc' is not a number");
    CHECK_THROWS_WITH_AS(io::import_coinr("iCode,Level\nx,1\n", "m.csv"),
                         doctest::Contains("iMeta has no column 'Type'"), gm::data_error);
    CHECK_THROWS_WITH_AS(io::import_coinr(head + good, "m.csv", "UCODE,x\nA,1\n", "d.csv"),
                         doctest::Contains("iData has no column 'uCode'"), gm::data_error);
    CHECK_THROWS_WITH_AS(io::import_coinr(head + good, "m.csv", "uCode,y\nA,1\n", "d.csv"),
                         doctest::Contains("iData (d.csv) lacks the column(s) 'x'"),
                         gm::data_error);
  }
}

} // namespace reference_coinr_asem_import_test
