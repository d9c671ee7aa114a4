// govmetrics::io: the CSV reader (see include/govmetrics/io/csv.hpp).
#include "govmetrics/io/csv.hpp"
#include "govmetrics/io/files.hpp"

#include "govmetrics/config.hpp"
#include "govmetrics/detail/format.hpp"
#include "govmetrics/error.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace govmetrics::io {

namespace {

// ---- messages
// -------------------------------------------------------------------------------------

/// A value in a message: quoted, escaped and cut (detail::quoted).
std::string in_quotes(std::string_view s) {
  return detail::quoted(s);
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

/// "(source, line 4, column 3 'osi')", leaving out what is 0 or empty.
std::string location(const std::string& source, std::size_t line, std::size_t column,
                     std::string_view column_name = {}) {
  std::string s = "(" + source;
  if (line != 0)
    s += ", line " + std::to_string(line);
  if (column != 0) {
    s += ", column " + std::to_string(column);
    if (!column_name.empty())
      s += " " + in_quotes(column_name);
  }
  return s + ")";
}

[[noreturn]] void throw_parse_error(const std::string& what, const std::string& source,
                                    std::size_t line, std::size_t column,
                                    std::string_view column_name = {}) {
  GOVMETRICS_THROW(parse_error("csv: " + what + " " + location(source, line, column, column_name),
                               source, line, column));
}

/// The header's names for a message: the first 20, then how many more.
std::string header_list(const std::vector<std::string>& header) {
  constexpr std::size_t shown = 20;
  std::string s;
  for (std::size_t i = 0; i < header.size() && i < shown; ++i) {
    if (!s.empty())
      s += ", ";
    s += in_quotes(header[i]);
  }
  if (header.size() > shown)
    s += " and " + std::to_string(header.size() - shown) + " more";
  return s;
}

// ---- text helpers
// ---------------------------------------------------------------------------------

bool is_blank(char c) noexcept {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) noexcept {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_blank(s[b]))
    ++b;
  while (e > b && is_blank(s[e - 1]))
    --e;
  return s.substr(b, e - b);
}

bool is_missing(std::string_view trimmed, const std::vector<std::string>& tokens) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [trimmed](const std::string& t) { return trimmed == t; });
}

// ---- the RFC 4180 scanner
// -------------------------------------------------------------------------

class scanner {
public:
  scanner(std::string_view text, const std::string& source) : text_(text), source_(source) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (text_.substr(0, bom.size()) == bom)
      pos_ = bom.size();
  }

  bool at_end() const noexcept { return pos_ >= text_.size(); }
  std::size_t line() const noexcept { return line_; }

  /// Skips `#` comment lines and blank lines (before the header).
  void skip_preamble() {
    while (!at_end()) {
      if (text_[pos_] == '#') {
        skip_line();
      } else if (line_break_length() != 0) {
        skip_line();
      } else {
        break;
      }
    }
  }

  /// True when only line breaks (blank lines) remain.
  bool only_blank_lines_remain() const noexcept {
    return text_.find_first_not_of("\r\n", pos_) == std::string_view::npos;
  }

  /// Reads one record; precondition: !at_end().
  std::vector<std::string> record() {
    std::vector<std::string> fields;
    for (;;) {
      const std::size_t field_no = fields.size() + 1;
      std::string field;
      bool more = false;
      if (!at_end() && text_[pos_] == '"') {
        more = quoted_field(field, field_no);
      } else {
        more = unquoted_field(field, field_no);
      }
      fields.push_back(std::move(field));
      if (!more)
        return fields;
    }
  }

private:
  /// Length of the line break at the current position (2 for CRLF, 1 for LF), 0 if none.
  std::size_t line_break_length() const noexcept {
    if (at_end())
      return 0;
    if (text_[pos_] == '\n')
      return 1;
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')
      return 2;
    return 0;
  }

  void skip_line() {
    const std::size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) {
      pos_ = text_.size();
    } else {
      pos_ = nl + 1;
      ++line_;
    }
  }

  /// After a field: consumes a separator or a line break. True if another field follows.
  bool end_of_field() {
    if (at_end())
      return false;
    if (text_[pos_] == ',') {
      ++pos_;
      return true;
    }
    const std::size_t n = line_break_length();
    pos_ += n;
    ++line_;
    return false;
  }

  bool unquoted_field(std::string& field, std::size_t field_no) {
    const std::size_t begin = pos_;
    while (!at_end()) {
      const char c = text_[pos_];
      if (c == ',' || line_break_length() != 0)
        break;
      if (c == '"')
        throw_parse_error("quote inside unquoted field", source_, line_, field_no);
      ++pos_;
    }
    field.assign(text_.substr(begin, pos_ - begin));
    return end_of_field();
  }

  bool quoted_field(std::string& field, std::size_t field_no) {
    const std::size_t open_line = line_;
    ++pos_; // the opening quote
    for (;;) {
      if (at_end())
        throw_parse_error("unterminated quoted field", source_, open_line, field_no);
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
          continue;
        }
        ++pos_; // the closing quote
        break;
      }
      if (c == '\n')
        ++line_;
      field += c;
      ++pos_;
    }
    if (!at_end() && text_[pos_] != ',' && line_break_length() == 0) {
      throw_parse_error("text after closing quote", source_, line_, field_no);
    }
    return end_of_field();
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// ---- columns
// --------------------------------------------------------------------------------------

/// Position of a header column; data_error if absent or given more than once.
std::size_t find_column(const csv_table& table, const std::string& name, const char* role,
                        const std::string& source) {
  const auto& h = table.header;
  const auto it = std::find(h.begin(), h.end(), name);
  if (it == h.end()) {
    GOVMETRICS_THROW(data_error("csv: " + std::string(role) + " " + in_quotes(name) +
                                " not found in the header (" + source +
                                "; header: " + header_list(h) + ")"));
  }
  const auto first = static_cast<std::size_t>(it - h.begin());
  const auto again = std::find(it + 1, h.end(), name);
  if (again != h.end()) {
    GOVMETRICS_THROW(data_error("csv: " + std::string(role) + " " + in_quotes(name) +
                                " appears more than once in the header (" + source + ", columns " +
                                std::to_string(first + 1) + " and " +
                                std::to_string(static_cast<std::size_t>(again - h.begin()) + 1) +
                                ")"));
  }
  return first;
}

std::size_t unit_column_index(const csv_table& table, const csv_options& options,
                              const std::string& source) {
  if (options.unit_column.empty())
    return 0;
  return find_column(table, options.unit_column, "unit column", source);
}

void check_distinct_requests(const std::vector<std::string>& requested, const char* what) {
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < requested.size(); ++i) {
    if (!seen.emplace(requested[i], i).second) {
      GOVMETRICS_THROW(spec_error("csv: " + std::string(what) + " " + in_quotes(requested[i]) +
                                  " requested twice (positions " +
                                  std::to_string(seen[requested[i]] + 1) + " and " +
                                  std::to_string(i + 1) + " of csv_options::columns)"));
    }
  }
}

std::string unit_id(const std::string& field, const csv_options& options, const csv_table& table,
                    std::size_t row, std::size_t unit_col, const std::string& source) {
  std::string id = options.trim_unit_ids ? std::string(trim(field)) : field;
  if (id.empty()) {
    throw_parse_error("empty unit id", source, table.row_lines[row], unit_col + 1,
                      table.header[unit_col]);
  }
  return id;
}

double value_of(const std::string& field, const csv_options& options, const csv_table& table,
                std::size_t row, std::size_t col, const std::string& source) {
  const std::string_view t = trim(field);
  if (is_missing(t, options.missing_tokens))
    return std::numeric_limits<double>::quiet_NaN();
  return parse_number(t, source, table.row_lines[row], col + 1, table.header[col]);
}

/// Label columns: each requested once, none the unit column.
void check_label_requests(const csv_options& options, const csv_table& table, std::size_t unit_col,
                          const std::string& source) {
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < options.label_columns.size(); ++i) {
    const std::string& name = options.label_columns[i];
    if (!seen.emplace(name, i).second) {
      GOVMETRICS_THROW(spec_error("csv: label column " + in_quotes(name) +
                                  " requested twice (csv_options::label_columns)"));
    }
    if (name == table.header[unit_col]) {
      GOVMETRICS_THROW(spec_error("csv: label column " + in_quotes(name) + " is the unit column (" +
                                  source + ")"));
    }
  }
}

// ---- layouts
// --------------------------------------------------------------------------------------

dataset read_wide(const csv_table& table, const std::string& source, const csv_options& options,
                  csv_report* report) {
  const std::size_t unit_col = unit_column_index(table, options, source);

  std::vector<std::size_t> cols;
  std::vector<std::string> indicators;
  if (options.columns.empty()) {
    for (std::size_t j = 0; j < table.header.size(); ++j) {
      if (j == unit_col)
        continue;
      const std::string& name = table.header[j];
      if (name.empty()) {
        GOVMETRICS_THROW(data_error("csv: header column " + std::to_string(j + 1) +
                                    " has no name (" + source + ")"));
      }
      cols.push_back(find_column(table, name, "column", source)); // rejects duplicates
      indicators.push_back(name);
    }
  } else {
    check_distinct_requests(options.columns, "column");
    for (const auto& name : options.columns) {
      const std::size_t j = find_column(table, name, "column", source);
      if (j == unit_col) {
        GOVMETRICS_THROW(spec_error("csv: column " + in_quotes(name) +
                                    " is the unit column and cannot be read as an indicator (" +
                                    source + ")"));
      }
      cols.push_back(j);
      indicators.push_back(name);
    }
  }

  const std::size_t n = table.rows.size();
  std::vector<std::string> units;
  units.reserve(n);
  std::unordered_map<std::string, std::size_t> unit_row;
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = unit_id(table.rows[i][unit_col], options, table, i, unit_col, source);
    if (report != nullptr && id.size() != table.rows[i][unit_col].size())
      report->trimmed_unit_ids.push_back(id);
    const auto [it, inserted] = unit_row.emplace(id, i);
    if (!inserted) {
      GOVMETRICS_THROW(data_error("csv: unit " + in_quotes(id) + " appears twice (" + source +
                                  ", lines " + std::to_string(table.row_lines[it->second]) +
                                  " and " + std::to_string(table.row_lines[i]) + ")"));
    }
    units.push_back(std::move(id));
  }

  std::vector<double> values;
  values.reserve(n * cols.size());
  for (const std::size_t col : cols) {
    for (std::size_t i = 0; i < n; ++i) {
      values.push_back(value_of(table.rows[i][col], options, table, i, col, source));
    }
  }
  dataset out(std::move(units), std::move(indicators), std::move(values));
  check_label_requests(options, table, unit_col, source);
  for (const auto& name : options.label_columns) {
    const std::size_t j = find_column(table, name, "label column", source);
    std::vector<std::string> labels;
    labels.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      labels.emplace_back(trim(table.rows[i][j]));
    out.add_labels(name, std::move(labels));
  }
  if (report != nullptr && !options.columns.empty()) {
    std::vector<bool> used(table.header.size(), false);
    used[unit_col] = true;
    for (const std::size_t col : cols)
      used[col] = true;
    for (const auto& name : options.label_columns)
      used[find_column(table, name, "label column", source)] = true;
    for (std::size_t j = 0; j < table.header.size(); ++j) {
      if (!used[j])
        report->unused_columns.push_back(table.header[j]);
    }
  }
  return out;
}

dataset read_long(const csv_table& table, const std::string& source, const csv_options& options,
                  csv_report* report) {
  const std::size_t unit_col = unit_column_index(table, options, source);
  const std::size_t code_col =
      find_column(table, options.indicator_column, "indicator column", source);
  const std::size_t value_col = find_column(table, options.value_column, "value column", source);
  if (unit_col == code_col || unit_col == value_col || code_col == value_col) {
    GOVMETRICS_THROW(spec_error("csv: the unit, indicator and value columns must differ (" +
                                source + ": " + in_quotes(table.header[unit_col]) + ", " +
                                in_quotes(table.header[code_col]) + ", " +
                                in_quotes(table.header[value_col]) + ")"));
  }

  std::vector<std::string> codes;
  std::unordered_map<std::string, std::size_t> code_index;
  const bool fixed_codes = !options.columns.empty();
  if (fixed_codes) {
    check_distinct_requests(options.columns, "indicator");
    codes = options.columns;
    for (std::size_t k = 0; k < codes.size(); ++k)
      code_index.emplace(codes[k], k);
  }

  // First pass: units, codes and, for each kept row, its (unit, indicator) cell.
  struct cell {
    std::size_t row, unit, indicator;
  };
  std::vector<cell> cells;
  cells.reserve(table.rows.size());
  std::vector<std::string> units;
  std::unordered_map<std::string, std::size_t> unit_index;
  check_label_requests(options, table, unit_col, source);
  std::vector<std::size_t> label_cols;
  for (const auto& name : options.label_columns)
    label_cols.push_back(find_column(table, name, "label column", source));
  std::vector<std::vector<std::string>> labels(label_cols.size());
  std::vector<std::size_t> label_row; // first row of each unit
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    std::string id = unit_id(row[unit_col], options, table, i, unit_col, source);
    const auto [uit, new_unit] = unit_index.emplace(id, units.size());
    if (new_unit) {
      if (report != nullptr && id.size() != row[unit_col].size())
        report->trimmed_unit_ids.push_back(id);
      units.push_back(std::move(id));
      label_row.push_back(i);
      for (std::size_t k = 0; k < label_cols.size(); ++k)
        labels[k].emplace_back(trim(row[label_cols[k]]));
    } else {
      for (std::size_t k = 0; k < label_cols.size(); ++k) {
        const std::string_view here = trim(row[label_cols[k]]);
        if (here != labels[k][uit->second]) {
          GOVMETRICS_THROW(data_error(
              "csv: unit " + in_quotes(units[uit->second]) + " has two labels in column " +
              in_quotes(options.label_columns[k]) + ": " + in_quotes(labels[k][uit->second]) +
              " and " + in_quotes(std::string(here)) + " (" + source + ", lines " +
              std::to_string(table.row_lines[label_row[uit->second]]) + " and " +
              std::to_string(table.row_lines[i]) + ")"));
        }
      }
    }

    const std::string& code = row[code_col];
    if (code.empty()) { // an error also when the methodology fixes the codes: no row is lost
      throw_parse_error("empty indicator code", source, table.row_lines[i], code_col + 1,
                        table.header[code_col]);
    }
    auto cit = code_index.find(code);
    if (cit == code_index.end()) {
      if (fixed_codes) { // an indicator not asked for: counted for the report
        if (report != nullptr) {
          auto& skipped = report->skipped_codes;
          auto sit = std::find_if(skipped.begin(), skipped.end(),
                                  [&](const auto& entry) { return entry.first == code; });
          if (sit == skipped.end())
            skipped.emplace_back(code, 1);
          else
            ++sit->second;
        }
        continue;
      }
      cit = code_index.emplace(code, codes.size()).first;
      codes.push_back(code);
    }
    cells.push_back({i, uit->second, cit->second});
  }

  if (fixed_codes) {
    std::vector<bool> seen(codes.size(), false);
    for (const auto& c : cells)
      seen[c.indicator] = true;
    for (std::size_t k = 0; k < codes.size(); ++k) {
      if (!seen[k]) {
        GOVMETRICS_THROW(data_error("csv: indicator " + in_quotes(codes[k]) +
                                    " not found in column " + in_quotes(options.indicator_column) +
                                    " (" + source + ")"));
      }
    }
  }

  // Second pass: values; a pair given twice is an error, a pair never given stays NaN.
  const std::size_t n = units.size();
  std::vector<double> values(n * codes.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<std::size_t> given_at(values.size(), 0); // index of the row + 1; 0: not given
  for (const auto& c : cells) {
    const std::size_t k = c.indicator * n + c.unit;
    if (given_at[k] != 0) {
      GOVMETRICS_THROW(data_error("csv: unit " + in_quotes(units[c.unit]) + " has indicator " +
                                  in_quotes(codes[c.indicator]) + " twice (" + source + ", lines " +
                                  std::to_string(table.row_lines[given_at[k] - 1]) + " and " +
                                  std::to_string(table.row_lines[c.row]) + ")"));
    }
    given_at[k] = c.row + 1;
    values[k] = value_of(table.rows[c.row][value_col], options, table, c.row, value_col, source);
  }
  dataset out(std::move(units), std::move(codes), std::move(values));
  for (std::size_t k = 0; k < label_cols.size(); ++k)
    out.add_labels(options.label_columns[k], std::move(labels[k]));
  return out;
}

} // namespace

// ---- public functions
// -----------------------------------------------------------------------------

csv_table parse_csv_table(std::string_view text, const std::string& source) {
  scanner scan(text, source);
  scan.skip_preamble();
  if (scan.at_end())
    throw_parse_error("no header line", source, 0, 0);

  csv_table table;
  table.header_line = scan.line();
  table.header = scan.record();
  const std::size_t width = table.header.size();

  while (!scan.at_end() && !scan.only_blank_lines_remain()) {
    const std::size_t line = scan.line();
    auto fields = scan.record();
    if (fields.size() != width) {
      throw_parse_error("row has " + plural(fields.size(), "field") + ", header has " +
                            std::to_string(width),
                        source, line, 0);
    }
    table.rows.push_back(std::move(fields));
    table.row_lines.push_back(line);
  }
  return table;
}

dataset parse_csv(std::string_view text, const std::string& source, const csv_options& options,
                  csv_report* report) {
  const csv_table table = parse_csv_table(text, source);
  if (report != nullptr)
    *report = csv_report{};
  return options.layout == csv_layout::wide ? read_wide(table, source, options, report)
                                            : read_long(table, source, options, report);
}

namespace {

constexpr std::size_t notes_shown = 8;

/// The first `notes_shown` values, quoted and comma-separated, then how many more.
template <class Quote>
std::string short_list(std::size_t total, Quote&& quote) {
  std::string s;
  for (std::size_t k = 0; k < total && k < notes_shown; ++k)
    s += (k ? ", " : "") + quote(k);
  if (total > notes_shown)
    s += ", ... (" + std::to_string(total - notes_shown) + " more)";
  return s;
}

} // namespace

std::vector<std::string> leading_comments(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
      line.erase(0, 3);
    first = false;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue; // blank lines before the header are skipped, as the CSV reader does
    if (line[0] != '#')
      break;
    line.erase(0, 1);
    if (!line.empty() && line[0] == ' ')
      line.erase(0, 1);
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> csv_notes(const csv_report& report) {
  std::vector<std::string> notes;
  const auto& cols = report.unused_columns;
  if (!cols.empty()) {
    notes.push_back(std::to_string(cols.size()) + " data column" +
                    (cols.size() == 1 ? " is" : "s are") + " not used by the methodology: " +
                    short_list(cols.size(), [&](std::size_t k) { return in_quotes(cols[k]); }));
  }
  const auto& codes = report.skipped_codes;
  if (!codes.empty()) {
    std::size_t rows = 0;
    for (const auto& entry : codes)
      rows += entry.second;
    notes.push_back(
        plural(rows, "data row") + " of " + plural(codes.size(), "indicator") +
        " not in the methodology were skipped: " + short_list(codes.size(), [&](std::size_t k) {
          return in_quotes(codes[k].first) + " (" + plural(codes[k].second, "row") + ")";
        }));
  }
  const auto& trimmed = report.trimmed_unit_ids;
  if (!trimmed.empty()) {
    notes.push_back(
        plural(trimmed.size(), "unit id") + " had surrounding spaces or tabs, trimmed: " +
        short_list(trimmed.size(), [&](std::size_t k) { return in_quotes(trimmed[k]); }));
  }
  return notes;
}

dataset read_csv(const std::string& path, const csv_options& options, csv_report* report) {
  // a regular file of at most max_input_bytes(): never a FIFO, a device or endless input
  const std::string text = read_input_file(path, "csv");
  return parse_csv(text, path, options, report);
}

double parse_number(std::string_view field, const std::string& source, std::size_t line,
                    std::size_t column, std::string_view column_name) {
  const std::string_view t = trim(field);
  // from_chars takes no '+': drop one. After the sign, a digit or a point must follow; this
  // rejects "inf", "nan", "+-1", "++1", "--1".
  std::string_view digits = t;
  std::string_view rest = t;
  if (!t.empty() && (t.front() == '+' || t.front() == '-'))
    rest.remove_prefix(1);
  if (!t.empty() && t.front() == '+')
    digits.remove_prefix(1);
  const bool starts_ok =
      !rest.empty() && ((rest.front() >= '0' && rest.front() <= '9') || rest.front() == '.');
  double value = 0.0;
  if (starts_ok) {
    const char* first = digits.data();
    const char* last = first + digits.size();
    const auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
    if (ec == std::errc::result_out_of_range && ptr == last) {
      throw_parse_error(in_quotes(t) + " is out of the range of a double", source, line, column,
                        column_name);
    }
    if (ec == std::errc() && ptr == last && std::isfinite(value))
      return value;
  }
  throw_parse_error(in_quotes(t) + " is not a number", source, line, column, column_name);
}

} // namespace govmetrics::io
