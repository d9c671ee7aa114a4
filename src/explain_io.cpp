// govmetrics io: the tables that explain one unit.
#include "govmetrics/io/explain.hpp"
#include "govmetrics/io/files.hpp"
#include "govmetrics/io/results.hpp"

#include <filesystem>
#include <sstream>

namespace govmetrics::io {

void write_contributions(std::ostream& out, const std::vector<explain::contribution>& rows) {
  out << "node,parent,score,rank,contribution,share,index_contribution\n";
  for (const auto& r : rows) {
    out << csv_field(r.node) << ',' << csv_field(r.parent) << ',' << format_double(r.score) << ','
        << format_double(r.rank) << ',' << format_double(r.contribution) << ','
        << format_double(r.share) << ',' << format_double(r.index_contribution) << '\n';
  }
}

void write_standings(std::ostream& out, const std::vector<explain::standing>& rows) {
  out << "code,name,parent,rank,value,unit\n";
  for (const auto& r : rows) {
    out << csv_field(r.code) << ',' << csv_field(r.name) << ',' << csv_field(r.parent) << ','
        << format_double(r.rank) << ',' << format_double(r.value) << ',' << csv_field(r.unit)
        << '\n';
  }
}

std::vector<std::string> write_explanation(const std::vector<explain::contribution>& contributions,
                                           const explain::strengths_weaknesses& sw,
                                           const std::string& dir) {
  const std::vector<std::string> names{"contributions.csv", "strengths.csv", "weaknesses.csv"};
  output_files files;
  std::ostringstream c;
  write_contributions(c, contributions);
  files.add((std::filesystem::path(dir) / names[0]).string(), c.str());
  std::ostringstream s;
  write_standings(s, sw.strengths);
  files.add((std::filesystem::path(dir) / names[1]).string(), s.str());
  std::ostringstream w;
  write_standings(w, sw.weaknesses);
  files.add((std::filesystem::path(dir) / names[2]).string(), w.str());
  files.commit_in_directory(dir, "explain");
  return names;
}

} // namespace govmetrics::io
