// govmetrics io: Excel workbooks (Office Open XML, .xlsx) of a result: scores, ranks, weights, the
// data sets, the methodology, the diagnostics (docs/excel.md). Numbers are written as numbers with
// the shortest text that reads back exactly; header rows (and the unit column) are frozen; column
// widths fit their content. Compiled into govmetrics::io; no library beyond the standard one.
#pragma once

#include "govmetrics/audit/data_sets.hpp"
#include "govmetrics/io/methodology.hpp"
#include "govmetrics/pipeline/result.hpp"
#include "govmetrics/uncertainty/state.hpp"

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace govmetrics::io {

/// A cell: empty (a missing value), a number or text.
using xlsx_cell = std::variant<std::monostate, double, std::string>;

/// One worksheet: a bold header row and data rows (as many cells as the header, or fewer).
struct xlsx_sheet {
  std::string name; ///< at most 31 characters, none of []:*?/\ .
  std::vector<std::string> header;
  std::vector<std::vector<xlsx_cell>> rows;
  std::size_t frozen_columns = 0; ///< columns kept in view (the unit id column: 1)
};

/// The bytes of an .xlsx file holding `sheets`, in order (a ZIP archive, stored, with fixed
/// timestamps: the same sheets give the same bytes). spec_error for a bad or repeated sheet name.
std::string xlsx_workbook(const std::vector<xlsx_sheet>& sheets);

/// The sheets of result `r` of methodology `m` whose raw data are `raw` (audit::raw_columns):
/// `scores` and `ranks` (a row per unit, its id first, a column per node headed by its code, in
/// framework order), `weights` (node, parent, level, weight, effective_weight), `raw`, `treated`,
/// `normalised` (a row per unit, a column per indicator), `methodology` (a row per node: code,
/// name, parent, level, direction, weight, column, unit, denominator, target), `methods` (each
/// method choice of the file as JSON text), `diagnostics` (level, stage, node, unit, message).
std::vector<xlsx_sheet> result_sheets(const methodology& m, const result& r,
                                      const audit::named_columns& raw);

/// The sheet `uncertainty` of an uncertainty analysis's statistics: `unit, node, nominal, mean,
/// median, q05, q95, sd, ranked, score_nominal, score_mean, score_sd` (the rank statistics of
/// `govmetrics uncertainty --out` and the score moments), a row per unit and tracked node.
xlsx_sheet uncertainty_sheet(const std::vector<uncertainty::unit_statistics>& stats);

} // namespace govmetrics::io
