// govmetrics io: .xlsx workbooks written directly (SpreadsheetML parts in a stored ZIP archive;
// docs/excel.md explains why not libxlsxwriter: Debian's build prints numbers with 16 digits).
#include "govmetrics/io/xlsx.hpp"
#include "govmetrics/audit/effective_weights.hpp"
#include "govmetrics/audit/levels.hpp"
#include "govmetrics/io/results.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace govmetrics::io {

namespace {

// ---- a stored ZIP archive (PKWARE APPNOTE 6.3: local headers, central directory, end record) ----

std::uint32_t crc32(const std::string& data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1U) : c >> 1U;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFU;
  for (const char ch : data)
    c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFFU] ^ (c >> 8U);
  return c ^ 0xFFFFFFFFU;
}

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFFU);
  out += static_cast<char>((v >> 8U) & 0xFFU);
}

void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFFU);
  put16(out, v >> 16U);
}

std::string zip_stored(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out, central;
  constexpr std::uint32_t dos_date = (0U << 9U) | (1U << 5U) | 1U; // 1980-01-01, 00:00
  for (const auto& [name, data] : files) {
    if (data.size() > 0xFFFFFFFEU || out.size() > 0xFFFFFFFEU)
      GOVMETRICS_THROW(data_error("xlsx: the workbook is larger than a ZIP archive without "
                                  "ZIP64 holds (4 GiB)"));
    const std::uint32_t crc = crc32(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto offset = static_cast<std::uint32_t>(out.size());
    const auto name_len = static_cast<std::uint32_t>(name.size());
    put32(out, 0x04034b50U);
    put16(out, 20);
    put16(out, 0x0800U); // names in UTF-8
    put16(out, 0);       // stored
    put16(out, 0);
    put16(out, dos_date);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, name_len);
    put16(out, 0);
    out += name;
    out += data;
    put32(central, 0x02014b50U);
    put16(central, 20);
    put16(central, 20);
    put16(central, 0x0800U);
    put16(central, 0);
    put16(central, 0);
    put16(central, dos_date);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, name_len);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += name;
  }
  if (out.size() + central.size() > 0xFFFFFFFEU)
    GOVMETRICS_THROW(data_error("xlsx: the workbook is larger than a ZIP archive without ZIP64 "
                                "holds (4 GiB)"));
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50U);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(files.size()));
  put16(out, static_cast<std::uint32_t>(files.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

// ---- SpreadsheetML ----------------------------------------------------------------------------

const char* const main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* const rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const char* const xml_head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The length of the valid UTF-8 sequence at s[i] (1 to 4), or 0 when it is not valid.
std::size_t utf8_length(const std::string& s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80U            ? 1
                        : (c >> 5U) == 0x6U  ? 2
                        : (c >> 4U) == 0xEU  ? 3
                        : (c >> 3U) == 0x1EU ? 4
                                             : 0;
  if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2U))
    return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U)
      return 0;
  }
  return n;
}

/// Text as XML character data: &, <, >, " escaped; bytes that are not UTF-8 become U+FFFD (the
/// CSV reader passes bytes through; invalid UTF-8 would make the workbook unreadable); a carriage
/// return and text that looks like Excel's _xHHHH_ escape written as such escapes, so that they
/// read back as they were; other control characters become spaces (not allowed in XML 1.0).
std::string xml_escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80U) {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD"; // U+FFFD
      } else {
        out.append(s, i, n);
        i += n - 1;
      }
      continue;
    }
    if (ch == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i + 2),
                    s.begin() + static_cast<std::ptrdiff_t>(i + 6),
                    [](char h) { return std::isxdigit(static_cast<unsigned char>(h)) != 0; })) {
      out += "_x005F_";
      continue;
    }
    if (ch == '\r') {
      out += "_x000D_";
      continue;
    }
    switch (ch) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
        out += ' '; // control characters are not allowed in XML 1.0
      else
        out += ch;
    }
  }
  return out;
}

std::string column_name(std::size_t j) {
  std::string s;
  for (std::size_t k = j + 1; k > 0; k = (k - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (k - 1) % 26));
  return s;
}

std::size_t display_length(const std::string& s) {
  std::size_t n = 0;
  for (const char ch : s)
    n += (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U ? 1 : 0; // UTF-8 code points
  return n;
}

std::string text_cell(const std::string& ref, const std::string& text, bool bold) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"" + (bold ? " s=\"1\"" : "") + "><is><t" +
         (text.empty() || text.front() == ' ' || text.back() == ' ' ? " xml:space=\"preserve\""
                                                                    : "") +
         ">" + xml_escaped(text) + "</t></is></c>";
}

std::string sheet_xml(const xlsx_sheet& s) {
  // Excel's limits: 1,048,576 rows, 16,384 columns, 32,767 characters in a cell
  const auto too_large = [&](const std::string& what) {
    GOVMETRICS_THROW(spec_error("xlsx: sheet '" + s.name + "' " + what));
  };
  if (s.rows.size() + 1 > 1048576)
    too_large("has " + std::to_string(s.rows.size()) +
              " rows (Excel holds 1,048,575 below the header)");
  if (s.header.size() > 16384)
    too_large("has " + std::to_string(s.header.size()) + " columns (Excel holds 16,384)");
  for (const auto& row : s.rows) {
    if (row.size() > 16384)
      too_large("has a row of " + std::to_string(row.size()) + " cells (Excel holds 16,384)");
    for (const auto& c : row) {
      if (const auto* t = std::get_if<std::string>(&c); t != nullptr && t->size() > 32767)
        too_large("has a text of " + std::to_string(t->size()) +
                  " bytes (Excel holds 32,767 characters in a cell)");
    }
  }
  std::vector<std::size_t> width(s.header.size(), 4);
  for (std::size_t j = 0; j < s.header.size(); ++j)
    width[j] = std::max(width[j], std::min<std::size_t>(display_length(s.header[j]), 80));
  for (const auto& row : s.rows) {
    for (std::size_t j = 0; j < row.size() && j < width.size(); ++j) {
      if (const auto* d = std::get_if<double>(&row[j]))
        width[j] = std::max(width[j], format_double(*d).size());
      else if (const auto* t = std::get_if<std::string>(&row[j]))
        width[j] = std::max(width[j], std::min<std::size_t>(display_length(*t), 80));
    }
  }
  std::string x = xml_head;
  x += "<worksheet xmlns=\"" + std::string(main_ns) +
       "\"><sheetViews><sheetView workbookViewId=\"0\">";
  const std::string top_left = column_name(s.frozen_columns) + "2";
  x += "<pane" +
       (s.frozen_columns > 0 ? " xSplit=\"" + std::to_string(s.frozen_columns) + "\""
                             : std::string()) +
       " ySplit=\"1\" topLeftCell=\"" + top_left + "\" activePane=\"" +
       (s.frozen_columns > 0 ? "bottomRight" : "bottomLeft") + "\" state=\"frozen\"/>";
  x += "</sheetView></sheetViews>";
  if (!width.empty()) {
    x += "<cols>";
    for (std::size_t j = 0; j < width.size(); ++j) {
      const std::string col = std::to_string(j + 1);
      x += "<col min=\"" + col + "\" max=\"" + col + "\" width=\"" + std::to_string(width[j] + 2) +
           "\" customWidth=\"1\"/>";
    }
    x += "</cols>";
  }
  x += "<sheetData><row r=\"1\">";
  for (std::size_t j = 0; j < s.header.size(); ++j)
    x += text_cell(column_name(j) + "1", s.header[j], true);
  x += "</row>";
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const std::string r = std::to_string(i + 2);
    x += "<row r=\"" + r + "\">";
    for (std::size_t j = 0; j < s.rows[i].size(); ++j) {
      const xlsx_cell& c = s.rows[i][j];
      const std::string ref = column_name(j) + r;
      if (const auto* d = std::get_if<double>(&c)) {
        if (std::isfinite(*d))
          x += "<c r=\"" + ref + "\"><v>" + format_double(*d) + "</v></c>";
        else if (!std::isnan(*d))
          x += text_cell(ref, *d > 0 ? "inf" : "-inf", false); // no infinite numbers in xlsx
      } else if (const auto* t = std::get_if<std::string>(&c); t != nullptr && !t->empty()) {
        x += text_cell(ref, *t, false); // empty text: an empty cell, like a missing number
      }
    }
    x += "</row>";
  }
  x += "</sheetData></worksheet>";
  return x;
}

} // namespace

std::string xlsx_workbook(const std::vector<xlsx_sheet>& sheets) {
  std::set<std::string> names;
  for (const auto& s : sheets) {
    if (s.name.empty() || s.name.size() > 31 ||
        s.name.find_first_of("[]:*?/\\") != std::string::npos || !names.insert(s.name).second) {
      GOVMETRICS_THROW(spec_error("xlsx: sheet name '" + s.name +
                                  "' is empty, longer than 31 characters, repeated or holds one of "
                                  "[]:*?/\\"));
    }
  }
  std::vector<std::pair<std::string, std::string>> parts;
  std::string types = std::string(xml_head) +
                      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                      "content-types\"><Default Extension=\"rels\" "
                      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                      "<Override PartName=\"/xl/workbook.xml\" "
                      "ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                      "<Override PartName=\"/xl/styles.xml\" "
                      "ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
  std::string workbook = std::string(xml_head) + "<workbook xmlns=\"" + main_ns + "\" xmlns:r=\"" +
                         rel_ns + "\"><sheets>";
  std::string rels = std::string(xml_head) +
                     "<Relationships "
                     "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t k = 0; k < sheets.size(); ++k) {
    const std::string n = std::to_string(k + 1);
    types += "<Override PartName=\"/xl/worksheets/sheet" + n +
             ".xml\" ContentType=\"application/"
             "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
    workbook += "<sheet name=\"" + xml_escaped(sheets[k].name) + "\" sheetId=\"" + n +
                "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + rel_ns +
            "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
  }
  types += "</Types>";
  workbook += "</sheets></workbook>";
  rels += "<Relationship Id=\"rId" + std::to_string(sheets.size() + 1) + "\" Type=\"" + rel_ns +
          "/styles\" Target=\"styles.xml\"/></Relationships>";
  const std::string styles =
      std::string(xml_head) + "<styleSheet xmlns=\"" + main_ns +
      "\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz "
      "val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill "
      "patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
      "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
      "borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" "
      "fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" "
      "borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle "
      "name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";
  parts.emplace_back("[Content_Types].xml", types);
  parts.emplace_back("_rels/.rels",
                     std::string(xml_head) +
                         "<Relationships "
                         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"" +
                         rel_ns + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  parts.emplace_back("xl/workbook.xml", workbook);
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels);
  parts.emplace_back("xl/styles.xml", styles);
  for (std::size_t k = 0; k < sheets.size(); ++k)
    parts.emplace_back("xl/worksheets/sheet" + std::to_string(k + 1) + ".xml",
                       sheet_xml(sheets[k]));
  return zip_stored(parts);
}

std::vector<xlsx_sheet> result_sheets(const methodology& m, const result& r,
                                      const audit::named_columns& raw) {
  const framework& fw = r.tree();
  const std::string unit_header = m.unit_column.empty() ? "unit" : m.unit_column;
  std::vector<xlsx_sheet> out;
  const auto by_unit = [&](std::string name, const std::vector<std::string>& codes,
                           const std::vector<column_view>& cols) {
    xlsx_sheet s;
    s.name = std::move(name);
    s.frozen_columns = 1;
    s.header.push_back(unit_header);
    s.header.insert(s.header.end(), codes.begin(), codes.end());
    for (std::size_t u = 0; u < r.n_units(); ++u) {
      std::vector<xlsx_cell> row{r.units()[u]};
      for (const column_view& c : cols)
        if (c.empty())
          row.emplace_back();
        else
          row.emplace_back(c[u]);
      s.rows.push_back(std::move(row));
    }
    out.push_back(std::move(s));
  };
  std::vector<std::string> codes;
  std::vector<column_view> scores, ranks;
  for (std::size_t i = 0; i < fw.size(); ++i) {
    codes.push_back(fw[i].code);
    scores.push_back(r.score(i));
    ranks.push_back(r.rank(i));
  }
  by_unit("scores", codes, scores);
  by_unit("ranks", codes, ranks);

  xlsx_sheet w;
  w.name = "weights";
  w.header = {"node", "parent", "level", "weight", "effective_weight"};
  for (const auto& e : audit::effective_weights(r)) {
    w.rows.push_back({e.node, fw[fw.index_of(e.node)].parent, static_cast<double>(e.level),
                      e.weight, e.effective_weight});
  }
  out.push_back(std::move(w));

  for (const auto set :
       {audit::data_set::raw, audit::data_set::treated, audit::data_set::normalised}) {
    const audit::named_columns c = audit::data_set_columns(r, set, raw);
    by_unit(audit::to_string(set), c.codes, c.columns);
  }

  xlsx_sheet meth;
  meth.name = "methodology";
  meth.frozen_columns = 1;
  meth.header = {"code",   "name",   "parent", "level",       "direction",
                 "weight", "column", "unit",   "denominator", "target"};
  const std::vector<std::size_t> level = audit::levels(fw);
  for (std::size_t i = 0; i < fw.size(); ++i) {
    const node& n = fw[i];
    const auto target = n.labels.find("target");
    meth.rows.push_back({n.code, n.name, n.parent, static_cast<double>(level[i]),
                         n.is_indicator() ? std::string(to_string(n.polarity)) : std::string(),
                         n.weight, n.column, n.unit, n.denominator,
                         target == n.labels.end() ? xlsx_cell{} : xlsx_cell{target->second}});
  }
  out.push_back(std::move(meth));

  xlsx_sheet methods;
  methods.name = "methods";
  methods.header = {"setting", "value"};
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(to_json(m));
  for (const auto& [key, value] : doc.items()) {
    if (key == "nodes")
      continue;
    methods.rows.push_back({key, value.is_string() ? value.get<std::string>() : value.dump()});
  }
  out.push_back(std::move(methods));

  xlsx_sheet diag;
  diag.name = "diagnostics";
  diag.header = {"level", "stage", "node", "unit", "message"};
  for (const diagnostic& d : r.diagnostics())
    diag.rows.push_back(
        {std::string(to_string(d.severity)), d.component, d.node, d.unit, d.message});
  out.push_back(std::move(diag));
  return out;
}

xlsx_sheet uncertainty_sheet(const std::vector<uncertainty::unit_statistics>& stats) {
  xlsx_sheet s;
  s.name = "uncertainty";
  s.frozen_columns = 1;
  s.header = {"unit", "node", "nominal", "mean",          "median",     "q05",
              "q95",  "sd",   "ranked",  "score_nominal", "score_mean", "score_sd"};
  for (const auto& u : stats) {
    s.rows.push_back({u.unit, u.node, u.nominal, u.mean, u.median, u.q05, u.q95, u.sd,
                      static_cast<double>(u.ranked), u.score_nominal, u.score_mean, u.score_sd});
  }
  return s;
}

} // namespace govmetrics::io
