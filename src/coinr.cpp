// govmetrics io: COINr's iMeta and iData tables read as they are (docs/coinr.md).
#include "govmetrics/io/coinr.hpp"
#include "govmetrics/io/csv.hpp"
#include "govmetrics/io/files.hpp"
#include "govmetrics/io/results.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace govmetrics::io {

namespace {

std::string trimmed(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t'))
    ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
    --b;
  return std::string(s.substr(a, b - a));
}

bool is_na(std::string_view s) {
  const std::string t = trimmed(s);
  return t.empty() || t == "NA";
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

/// The position of column `name` in `header` (iMeta's columns: case-insensitive; iData's: exact,
/// as the CSV reader of the methodology will match them), or header.size().
std::size_t column_of(const std::vector<std::string>& header, std::string_view name,
                      bool exact = false) {
  for (std::size_t j = 0; j < header.size(); ++j) {
    if (exact ? trimmed(header[j]) == name : same_name(trimmed(header[j]), name))
      return j;
  }
  return header.size();
}

struct imeta_row {
  std::string code, type, parent;
  double level = std::numeric_limits<double>::quiet_NaN();
  std::size_t row = 0;
};

} // namespace

coinr_import import_coinr(std::string_view imeta_text, const std::string& imeta_source,
                          std::string_view idata_text, const std::string& idata_source) {
  const csv_table t = parse_csv_table(imeta_text, imeta_source);
  const auto& h = t.header;
  const auto place = [&](std::size_t row, std::size_t col) {
    return " (" + imeta_source + ", line " + std::to_string(t.row_lines[row]) + ", column " +
           std::to_string(col + 1) + " '" + h[col] + "')";
  };
  const std::size_t none = h.size();
  const auto required = [&](const char* name) {
    const std::size_t j = column_of(h, name);
    if (j == none) {
      GOVMETRICS_THROW(
          data_error("coinr: iMeta has no column '" + std::string(name) + "' (" + imeta_source +
                     "; COINr's iMeta needs iCode, Level, Type, Parent, Direction and Weight)"));
    }
    return j;
  };
  const std::size_t c_code = required("iCode"), c_level = required("Level"),
                    c_type = required("Type"), c_parent = required("Parent"),
                    c_dir = required("Direction"), c_weight = required("Weight");
  const std::size_t c_name = column_of(h, "iName"), c_unit = column_of(h, "Unit"),
                    c_target = column_of(h, "Target"), c_denom = column_of(h, "Denominator");
  coinr_import out;
  for (std::size_t j = 0; j < h.size(); ++j) {
    if (j != c_code && j != c_level && j != c_type && j != c_parent && j != c_dir &&
        j != c_weight && j != c_name && j != c_unit && j != c_target && j != c_denom)
      out.notes.push_back("iMeta column '" + h[j] + "' is not used");
  }
  const auto number = [&](std::size_t row, std::size_t col, const char* what) {
    const std::string& cell = t.rows[row][col];
    if (is_na(cell)) {
      GOVMETRICS_THROW(data_error("coinr: " + std::string(what) + " of '" +
                                  trimmed(t.rows[row][c_code]) + "' is missing" + place(row, col)));
    }
    return parse_number(cell, imeta_source, t.row_lines[row], col + 1, h[col]);
  };

  std::vector<imeta_row> rows;
  std::vector<node> nodes;
  std::map<std::string, std::size_t> seen; // code -> row
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& cells = t.rows[r];
    imeta_row info;
    info.row = r;
    info.code = trimmed(cells[c_code]);
    info.type = trimmed(cells[c_type]);
    if (info.code.empty() || info.code == "NA")
      GOVMETRICS_THROW(data_error("coinr: a row has no iCode" + place(r, c_code)));
    if (const auto [it, fresh] = seen.emplace(info.code, r); !fresh) {
      GOVMETRICS_THROW(data_error("coinr: iCode '" + info.code + "' appears twice (lines " +
                                  std::to_string(t.row_lines[it->second]) + " and " +
                                  std::to_string(t.row_lines[r]) + " of " + imeta_source + ")"));
    }
    if (info.type == "Group") {
      out.group_columns.push_back(info.code);
      continue;
    }
    if (info.type == "Denominator") {
      out.denominator_columns.push_back(info.code);
      continue;
    }
    if (info.type == "Other") {
      out.other_columns.push_back(info.code);
      continue;
    }
    if (info.type != "Indicator" && info.type != "Aggregate") {
      GOVMETRICS_THROW(data_error("coinr: unknown Type '" + info.type + "' of '" + info.code +
                                  "' (COINr's types are Indicator, Aggregate, Group, "
                                  "Denominator and Other)" +
                                  place(r, c_type)));
    }
    const bool indicator = info.type == "Indicator";
    info.level = number(r, c_level, "Level");
    if (info.level != std::floor(info.level) || info.level < 1 || (indicator && info.level != 1) ||
        (!indicator && info.level < 2)) {
      GOVMETRICS_THROW(data_error(
          "coinr: Level " + format_double(info.level) + " of '" + info.code + "' (" +
          (indicator ? "an Indicator is at Level 1" : "an Aggregate is at Level 2 or more") + ")" +
          place(r, c_level)));
    }
    info.parent = is_na(cells[c_parent]) ? std::string() : trimmed(cells[c_parent]);
    if (indicator && info.parent.empty())
      GOVMETRICS_THROW(
          data_error("coinr: Indicator '" + info.code + "' has no Parent" + place(r, c_parent)));
    node n = indicator ? make_indicator(info.code, info.parent) : make_aggregate(info.code);
    n.parent = info.parent;
    n.weight = number(r, c_weight, "Weight");
    if (!(n.weight >= 0.0) || !std::isfinite(n.weight)) {
      GOVMETRICS_THROW(data_error("coinr: Weight " + format_double(n.weight) + " of '" + info.code +
                                  "' (a weight is a finite number, 0 or more)" +
                                  place(r, c_weight)));
    }
    if (indicator) {
      const double d = number(r, c_dir, "Direction");
      if (d != 1.0 && d != -1.0) {
        GOVMETRICS_THROW(data_error("coinr: Direction " + format_double(d) + " of '" + info.code +
                                    "' (1 or -1)" + place(r, c_dir)));
      }
      n.polarity = d > 0 ? direction::positive : direction::negative;
      if (c_denom != none && !is_na(cells[c_denom]))
        n.denominator = trimmed(cells[c_denom]);
      if (c_target != none && !is_na(cells[c_target])) {
        n.labels["target"] = format_double(
            parse_number(cells[c_target], imeta_source, t.row_lines[r], c_target + 1, h[c_target]));
      }
    }
    if (c_name != none && !is_na(cells[c_name]))
      n.name = trimmed(cells[c_name]);
    if (c_unit != none && !is_na(cells[c_unit]))
      n.unit = trimmed(cells[c_unit]);
    rows.push_back(info);
    nodes.push_back(std::move(n));
  }

  // parents: Aggregate rows one level up; one root
  std::map<std::string, const imeta_row*> aggregates;
  for (const imeta_row& r : rows) {
    if (r.type == "Aggregate")
      aggregates.emplace(r.code, &r);
  }
  const imeta_row* root = nullptr;
  for (const imeta_row& r : rows) {
    if (r.parent.empty()) {
      if (root != nullptr) {
        GOVMETRICS_THROW(data_error("coinr: two Aggregates without a Parent, '" + root->code +
                                    "' (line " + std::to_string(t.row_lines[root->row]) +
                                    ") and '" + r.code + "'" + place(r.row, c_parent) +
                                    ": the index is the only one"));
      }
      root = &r;
      continue;
    }
    const auto p = aggregates.find(r.parent);
    if (p == aggregates.end()) {
      GOVMETRICS_THROW(data_error("coinr: the Parent '" + r.parent + "' of '" + r.code +
                                  "' is not an Aggregate row of iMeta" + place(r.row, c_parent)));
    }
    if (p->second->level != r.level + 1) {
      GOVMETRICS_THROW(data_error("coinr: the Parent '" + r.parent + "' of '" + r.code +
                                  "' is at Level " + format_double(p->second->level) + ", not " +
                                  format_double(r.level + 1) + place(r.row, c_parent)));
    }
  }
  if (root == nullptr)
    GOVMETRICS_THROW(
        data_error("coinr: no Aggregate row without a Parent (the index) in " + imeta_source));
  // root first, then each level down, file order within a level (as the hand-written files)
  std::vector<std::size_t> order(nodes.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rows[a].level > rows[b].level; });
  for (std::size_t i : order)
    out.method.nodes.push_back(nodes[i]);
  out.method.unit_column = "uCode";
  out.method.name = root->code;
  for (const node& n : out.method.nodes) {
    if (n.parent.empty() && !n.name.empty())
      out.method.name = n.name;
  }
  out.method.description = "Imported from COINr's iMeta (" + imeta_source + ")";
  (void)out.method.tree(); // spec_error listing every problem of the tree

  if (idata_text.empty())
    return out;
  const csv_table d = parse_csv_table(idata_text, idata_source);
  const std::size_t c_ucode = column_of(d.header, "uCode", true);
  if (c_ucode == d.header.size())
    GOVMETRICS_THROW(data_error("coinr: iData has no column 'uCode' (" + idata_source + ")"));
  std::map<std::string, std::size_t> units;
  for (std::size_t r = 0; r < d.rows.size(); ++r) {
    const std::string u = trimmed(d.rows[r][c_ucode]);
    if (u.empty() || u == "NA") {
      GOVMETRICS_THROW(data_error("coinr: a row of iData has no uCode (" + idata_source +
                                  ", line " + std::to_string(d.row_lines[r]) + ")"));
    }
    if (const auto [it, fresh] = units.emplace(u, r); !fresh) {
      GOVMETRICS_THROW(data_error("coinr: uCode '" + u + "' appears twice in iData (lines " +
                                  std::to_string(d.row_lines[it->second]) + " and " +
                                  std::to_string(d.row_lines[r]) + " of " + idata_source + ")"));
    }
  }
  std::set<std::string> described{"uCode", "uName"};
  std::vector<std::string> needed;
  for (const node& n : out.method.nodes) {
    if (n.is_indicator())
      needed.push_back(n.column);
    if (!n.denominator.empty())
      needed.push_back(n.denominator);
  }
  for (const auto* list : {&out.group_columns, &out.denominator_columns, &out.other_columns})
    needed.insert(needed.end(), list->begin(), list->end());
  std::string missing;
  for (const std::string& c : needed) {
    described.insert(c);
    if (column_of(d.header, c, true) == d.header.size() &&
        missing.find("'" + c + "'") == std::string::npos)
      missing += (missing.empty() ? "'" : ", '") + c + "'";
  }
  if (!missing.empty()) {
    GOVMETRICS_THROW(data_error("coinr: iData (" + idata_source + ") lacks the column(s) " +
                                missing + " that iMeta names"));
  }
  out.data_columns.push_back(trimmed(d.header[c_ucode]));
  for (std::size_t j = 0; j < d.header.size(); ++j) {
    if (j == c_ucode)
      continue;
    const std::string name = trimmed(d.header[j]);
    out.data_columns.push_back(name);
    if (described.count(name) == 0)
      out.notes.push_back("iData column '" + name + "' is not described by iMeta (kept)");
  }
  return out;
}

coinr_import read_coinr(const std::string& imeta_path, const std::string& idata_path) {
  const std::string meta = read_input_file(imeta_path, "coinr");
  const std::string data =
      idata_path.empty() ? std::string() : read_input_file(idata_path, "coinr");
  if (!idata_path.empty() && data.empty())
    GOVMETRICS_THROW(data_error("coinr: iData is empty (" + idata_path + ")"));
  return import_coinr(meta, imeta_path, data, idata_path);
}

std::string coinr_data_csv(std::string_view idata_text, const std::string& idata_source,
                           const std::vector<std::string>& columns) {
  const csv_table d = parse_csv_table(idata_text, idata_source);
  std::vector<std::size_t> at;
  for (const std::string& c : columns) {
    const std::size_t j = column_of(d.header, c, true);
    if (j == d.header.size())
      GOVMETRICS_THROW(data_error("coinr: iData has no column '" + c + "' (" + idata_source + ")"));
    at.push_back(j);
  }
  std::string out;
  for (std::size_t k = 0; k < columns.size(); ++k)
    out += (k ? "," : "") + csv_field(columns[k]);
  out += '\n';
  for (const auto& row : d.rows) {
    for (std::size_t k = 0; k < at.size(); ++k) {
      const std::string cell = trimmed(row[at[k]]);
      out += (k ? "," : "") + (cell == "NA" ? std::string() : csv_field(cell));
    }
    out += '\n';
  }
  return out;
}

} // namespace govmetrics::io
