// govmetrics io: methodology files (JSON), the public contract documented in
// docs/methodology-file.md. Compiled into govmetrics::io.
#pragma once

#include "govmetrics/framework/framework.hpp"
#include "govmetrics/framework/node.hpp"
#include "govmetrics/io/csv.hpp"
#include "govmetrics/pipeline/spec.hpp"
#include "govmetrics/sensitivity/settings.hpp"
#include "govmetrics/uncertainty/spec.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::io {

/// A parsed methodology file: the tree, every method choice, and how to read the data.
struct methodology {
  int format = 1;          ///< "govmetrics": the file format version
  std::string name;        ///< "name"
  std::string description; ///< "description"
  std::string unit_column; ///< "unit": the data column holding unit ids (empty: the first column)
  std::vector<node> nodes; ///< "nodes", in file order
  pipeline_spec spec;      ///< "normalize", "aggregate", "missing", "weights", "rank", overrides
  csv_layout layout = csv_layout::wide;       ///< "data": {"layout": ...}
  std::string indicator_column = "indicator"; ///< "data": {"indicator": ...} (long layout)
  std::string value_column = "value";         ///< "data": {"value": ...} (long layout)
  /// "uncertainty": what an uncertainty analysis varies (docs/uncertainty.md); absent when the
  /// file has no such section.
  std::optional<uncertainty::spec> uncertainty;
  /// "sensitivity": how a sensitivity analysis of the uncertainty inputs runs
  /// (docs/sensitivity.md); absent when the file has no such section (the defaults apply).
  std::optional<sensitivity::settings> sensitivity;

  /// The validated tree (throws spec_error listing every problem).
  framework tree() const { return framework(nodes); }
  /// CSV options that read exactly the indicator columns this methodology needs.
  csv_options data_options() const;
};

/// Every problem in a methodology text: JSON syntax (with line and column), unknown keys, unknown
/// methods, wrong types (each naming its JSON path, e.g. `$.nodes[3].weight`), invalid parameters,
/// and the tree's problems. Empty when the methodology is valid.
std::vector<std::string> check_methodology(std::string_view json_text, const std::string& source);

/// Parses a methodology. Throws parse_error on invalid JSON (with line and column) and spec_error
/// listing every other problem.
methodology parse_methodology(std::string_view json_text, const std::string& source);

/// Reads and parses a methodology file (data_error when it cannot be read).
methodology read_methodology(const std::string& path);

/// Writes a methodology back as JSON text (2-space indent); parse_methodology(to_json(m)) == m.
std::string to_json(const methodology& m);

/// Reads a file whole (binary); data_error naming the path when it cannot be opened.
std::string read_text_file(const std::string& path);

} // namespace govmetrics::io
