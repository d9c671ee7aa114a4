// govmetrics io: results writers.
#include "govmetrics/io/files.hpp"
#include "govmetrics/io/results.hpp"

#include "govmetrics/config.hpp"
#include "govmetrics/error.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <system_error>

namespace govmetrics::io {

std::string format_double(double x) {
  if (std::isnan(x))
    return {};
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof(buf), x);
  if (res.ec != std::errc())
    GOVMETRICS_THROW(error("io: cannot format a number"));
  return std::string(buf, res.ptr);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos)
    return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"')
      q += '"';
    q += c;
  }
  q += '"';
  return q;
}

void write_results_long(std::ostream& out, const result& r) {
  const framework& fw = r.tree();
  out << "unit,node,score,rank\n";
  for (std::size_t u = 0; u < r.n_units(); ++u) {
    const std::string unit = csv_field(r.units()[u]);
    for (std::size_t i = 0; i < fw.size(); ++i) {
      const column_view ranks = r.rank(i);
      out << unit << ',' << csv_field(fw[i].code) << ',' << format_double(r.score(i)[u]) << ','
          << (ranks.empty() ? std::string() : format_double(ranks[u])) << '\n';
    }
  }
}

void write_outputs_long(std::ostream& out, const result& r) {
  const framework& fw = r.tree();
  out << "node,unit,output,value\n";
  for (std::size_t i = 0; i < fw.size(); ++i) {
    const node_outputs& o = r.outputs(i);
    const std::string node = csv_field(fw[i].code);
    for (const auto& c : o.columns()) {
      const std::string name = csv_field(c.name);
      for (std::size_t u = 0; u < r.n_units() && u < c.values.size(); ++u) {
        out << node << ',' << csv_field(r.units()[u]) << ',' << name << ','
            << format_double(c.values[u]) << '\n';
      }
    }
    for (const auto& f : o.facts())
      out << node << ",," << csv_field(f.name) << ',' << format_double(f.value) << '\n';
  }
}

std::size_t count_output_rows(const result& r) {
  std::size_t rows = 0;
  for (std::size_t i = 0; i < r.n_nodes(); ++i) {
    const node_outputs& o = r.outputs(i);
    for (const auto& c : o.columns())
      rows += std::min(c.values.size(), r.n_units());
    rows += o.facts().size();
  }
  return rows;
}

void write_weights(std::ostream& out, const result& r) {
  const framework& fw = r.tree();
  out << "node,parent,weight\n";
  for (std::size_t i = 0; i < fw.size(); ++i) {
    out << csv_field(fw[i].code) << ',' << csv_field(fw[i].parent) << ','
        << format_double(r.weights()[i]) << '\n';
  }
}

void write_file_atomically(const std::string& path, const std::string& content) {
  output_files files;
  files.add(path, content);
  files.commit();
}

} // namespace govmetrics::io
