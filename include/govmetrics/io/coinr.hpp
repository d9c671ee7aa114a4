// govmetrics io: COINr's tables read as they are: iMeta (the tree, directions, weights, units,
// targets, denominators) becomes a methodology; iData's columns are checked against it and can be
// written back as the data file the methodology reads (docs/coinr.md). Compiled into
// govmetrics::io.
#pragma once

#include "govmetrics/io/methodology.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace govmetrics::io {

/// What an import of COINr's iMeta (and iData) gives.
struct coinr_import {
  /// The methodology: unit column "uCode", the tree of iMeta's Indicator and Aggregate rows (in
  /// file order), each node's name (iName), weight, direction (indicators), unit of measurement,
  /// denominator, and COINr's Target as the label "target"; every method choice at govmetrics'
  /// defaults, which are COINr's (min-max 0-100, arithmetic mean, missing children skipped, ties
  /// "min").
  methodology method;
  std::vector<std::string> group_columns;       ///< iMeta rows of Type "Group"
  std::vector<std::string> denominator_columns; ///< iMeta rows of Type "Denominator"
  std::vector<std::string> other_columns;       ///< iMeta rows of Type "Other"
  /// iData's columns (when iData was given), to be written back: uCode first, then the others in
  /// iData's order. Empty without iData.
  std::vector<std::string> data_columns;
  /// Lines for a person: columns of iMeta not used, iData columns that iMeta does not describe.
  std::vector<std::string> notes;
};

/// Reads COINr's iMeta table (CSV text; `source` names it in errors) and, when `idata_text` is not
/// empty, checks iData against it (every indicator, denominator and group column present, a uCode
/// column, unique unit codes). iMeta's columns (case as COINr writes them): iCode, Level, Type,
/// Parent, Direction, Weight (required); iName, Unit, Target, Denominator (optional; other columns
/// are noted and ignored). Rows by Type: Indicator (Level 1, a Parent, Direction 1 or -1, a
/// weight), Aggregate (Level 2 or more; the one without a Parent is the root), Group, Denominator,
/// Other (iData columns, not nodes). Every row that cannot be mapped is a data_error naming the
/// file, line and column (unknown Type, missing or bad Level / Direction / Weight, a Parent that is
/// not an Aggregate row or sits at another level than Level + 1, duplicate codes, no root or two);
/// a bad number is a parse_error with its place.
coinr_import import_coinr(std::string_view imeta_text, const std::string& imeta_source,
                          std::string_view idata_text = {}, const std::string& idata_source = {});

/// import_coinr on files (read whole, binary); `idata_path` may be empty.
coinr_import read_coinr(const std::string& imeta_path, const std::string& idata_path = {});

/// iData (CSV text) written back as the data file of an import: its columns in `columns` order
/// (import's data_columns), every field as it was (numbers keep their text), RFC 4180 quoting.
std::string coinr_data_csv(std::string_view idata_text, const std::string& idata_source,
                           const std::vector<std::string>& columns);

} // namespace govmetrics::io
