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
  return write_tables(
      dir, "explain",
      {{"contributions.csv", [&](std::ostream& o) { write_contributions(o, contributions); }},
       {"strengths.csv", [&](std::ostream& o) { write_standings(o, sw.strengths); }},
       {"weaknesses.csv", [&](std::ostream& o) { write_standings(o, sw.weaknesses); }}});
}

void write_target_changes(std::ostream& out, const std::vector<explain::target_change>& rows) {
  out << "code,name,parent,unit,from,to,change,cost,lo,hi\n";
  for (const auto& r : rows) {
    out << csv_field(r.code) << ',' << csv_field(r.name) << ',' << csv_field(r.parent) << ','
        << csv_field(r.unit) << ',' << format_double(r.from) << ',' << format_double(r.to) << ','
        << format_double(r.change) << ',' << format_double(r.cost) << ',' << format_double(r.lo)
        << ',' << format_double(r.hi) << '\n';
  }
}

void write_target_summary(std::ostream& out, const explain::target_result& t) {
  out << "key,value\n";
  const auto row = [&](const char* key, const std::string& value) {
    out << key << ',' << csv_field(value) << '\n';
  };
  row("unit", t.unit);
  row("node", t.node);
  row("rank_goal", t.rank_goal > 0 ? std::to_string(t.rank_goal) : std::string());
  row("score_goal", format_double(t.score_goal));
  row("reachable", t.reachable ? "true" : "false");
  row("method", t.method);
  row("reason", t.reason);
  row("score_before", format_double(t.score_before));
  row("rank_before", format_double(t.rank_before));
  row("score_after", format_double(t.score_after));
  row("rank_after", format_double(t.rank_after));
  row("total_cost", format_double(t.total_cost));
  if (t.probability_runs > 0) {
    row("probability_runs", std::to_string(t.probability_runs));
    row("probability_before", format_double(t.probability_before));
    row("probability_after", format_double(t.probability_after));
  }
  for (const auto& [code, why] : t.unchanged)
    out << csv_field("unchanged:" + code) << ',' << csv_field(why) << '\n';
}

std::vector<std::string> write_target(const explain::target_result& t, const std::string& dir) {
  return write_tables(
      dir, "target",
      {{"target.csv", [&](std::ostream& o) { write_target_changes(o, t.changes); }},
       {"target_summary.csv", [&](std::ostream& o) { write_target_summary(o, t); }}});
}

} // namespace govmetrics::io
