// govmetrics::io: reading CSV files into a dataset (compiled into govmetrics::io).
//
// A small hand-written RFC 4180 reader:
// - fields are separated by commas; records end with CRLF or LF (the last one may end without);
// - a field in double quotes may hold commas, doubled quotes `""` and line breaks (kept as they
// are);
// - a UTF-8 byte order mark at the very start is skipped; UTF-8 text passes through untouched;
// - blank lines at the end of the text are ignored;
// - extension: before the header, lines starting with `#` (comments) and blank lines are skipped.
//   A header whose first name starts with `#` must therefore be preceded by nothing but comments.
// Everything else that RFC 4180 forbids is a parse_error carrying the source, the 1-based physical
// line and, for field-level errors, the 1-based field number as the column: a quote inside an
// unquoted field, text after a closing quote, an unterminated quoted field (reported at the line
// where it opens), a record with a different number of fields than the header (column 0), a text
// without a header.
#pragma once

#include "govmetrics/dataset/dataset.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govmetrics::io {

/// How a CSV file lays out a units x indicators matrix.
enum class csv_layout {
  wide, ///< a row per unit, a column per indicator
  long_ ///< a row per (unit, indicator, value)
};

/// What to read from a CSV file and how.
struct csv_options {
  /// Column holding the unit ids; empty: the first column.
  std::string unit_column;
  /// Wide: indicator columns to read, in this order (empty: every column but the unit column, in
  /// file order). Long: indicator codes to keep, in this order (empty: every code seen, in order of
  /// first appearance).
  std::vector<std::string> columns;
  csv_layout layout = csv_layout::wide;
  /// Long layout: the column holding the indicator codes (taken exactly, not trimmed).
  std::string indicator_column = "indicator";
  /// Long layout: the column holding the values.
  std::string value_column = "value";
  /// A value field equal to one of these after trimming surrounding ASCII spaces and tabs is
  /// missing (NaN). Never applied to unit ids (`NA` is Namibia's ISO 3166 code).
  std::vector<std::string> missing_tokens = {"", "NA", "NaN", "..", "-"};
  /// Strip ASCII spaces and tabs around unit ids (UN files have "Iraq ").
  bool trim_unit_ids = true;
  /// Text columns to read as unit labels (dataset::add_labels), e.g. a group such as
  /// "EurAsia_group". Cells are taken as text (no number parsing), trimmed of ASCII spaces and
  /// tabs; an empty cell is an empty label ("no label"). Long layout: every row of a unit must
  /// carry the same label (else data_error); a unit's label is taken from its rows.
  std::vector<std::string> label_columns;
};

/// The raw cells of a CSV text: the header and the data records, all as UTF-8 strings.
struct csv_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  /// The 1-based physical line where each row starts (rows may span lines in quoted fields).
  std::vector<std::size_t> row_lines;
  /// The 1-based physical line of the header.
  std::size_t header_line = 0;
};

/// What a read left out of the dataset, so that callers can say so (nothing is dropped silently).
struct csv_report {
  /// Wide layout with requested columns: header columns read neither as unit ids, indicators nor
  /// labels, in file order.
  std::vector<std::string> unused_columns;
  /// Long layout with requested codes: the indicator codes whose rows were skipped, each with its
  /// number of rows, in order of first appearance.
  std::vector<std::pair<std::string, std::size_t>> skipped_codes;
  /// With csv_options::trim_unit_ids: the unit ids (as trimmed) whose field had surrounding spaces
  /// or tabs, each once, in order of first appearance. Nothing was left out; this is a note.
  std::vector<std::string> trimmed_unit_ids;

  /// True when nothing was left out (trimmed_unit_ids, a note, does not count).
  bool empty() const noexcept { return unused_columns.empty() && skipped_codes.empty(); }
};

/// One line per thing the report records, for a person: the columns not used, the rows skipped
/// per code, the unit ids trimmed (each list cut after 8 items with how many more). The command
/// prints them as "note: ..."; Python's Result.notes holds them.
std::vector<std::string> csv_notes(const csv_report& report);

/// The `# ...` lines that open the data file `path` (a byte-order mark, blank lines and CRs
/// skipped; the '#' and one space after it removed): its notes, e.g. the bundled example's
/// "ILLUSTRATIVE SYNTHETIC DATA" label. Empty when the file cannot be read.
std::vector<std::string> leading_comments(const std::string& path);

/// Splits an RFC 4180 text (see the top of this header) into header and rows; every row has as many
/// fields as the header. `source` names the text in error messages (a file path, "<string>").
/// Throws parse_error.
csv_table parse_csv_table(std::string_view text, const std::string& source);

/// Reads a dataset from CSV text (see csv_options). Units come in file order (long layout: order of
/// first appearance, counting every row, also rows of indicators not kept); indicators in the
/// requested order. Throws parse_error (malformed text, bad number, empty unit id or indicator
/// code), data_error (absent or ambiguous column, duplicate unit or unit-indicator pair, requested
/// code never seen) and spec_error (contradictory options: a column requested twice, the unit
/// column requested as an indicator, layout columns that coincide).
/// When `report` is given, it receives what was left out (see csv_report).
dataset parse_csv(std::string_view text, const std::string& source, const csv_options& options = {},
                  csv_report* report = nullptr);

/// Reads the file at `path` (binary, no newline translation) and parses it with parse_csv, naming
/// `path` as the source. Throws data_error when the file cannot be opened or read.
dataset read_csv(const std::string& path, const csv_options& options = {},
                 csv_report* report = nullptr);

/// Strict, locale-independent number parsing (std::from_chars): an optional leading `+` or `-`,
/// surrounding ASCII spaces and tabs allowed, then a decimal number (`12`, `0.5`, `.5`, `1e-3`)
/// that must take up the whole rest of the field. No thousands separators, hexadecimal, `inf` or
/// `nan`; out-of-range values (overflow or underflow of a double) are rejected too. Throws
/// parse_error naming the source, line, column (1-based field number) and, when given, the column
/// name: `csv: '12abc' is not a number (data.csv, line 4, column 3 'osi')`.
double parse_number(std::string_view field, const std::string& source, std::size_t line,
                    std::size_t column, std::string_view column_name = {});

} // namespace govmetrics::io
