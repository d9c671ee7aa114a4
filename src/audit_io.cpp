// govmetrics io: the tables of a statistical audit.
#include "govmetrics/io/audit.hpp"
#include "govmetrics/io/files.hpp"
#include "govmetrics/io/results.hpp"

#include <cstddef>
#include <filesystem>
#include <sstream>
#include <string>

namespace govmetrics::io {

void write_stats(std::ostream& out, const std::vector<audit::statistics>& stats) {
  out << "code,min,max,mean,median,sd,skew,kurt,n_avail,n_nonzero,n_unique,n_same,frac_avail,"
         "frac_nonzero,frac_unique,frac_same,flag_avail,flag_nonzero,flag_unique,"
         "flag_skew_kurt\n";
  const auto flag = [](bool raised, const char* word) { return raised ? word : "ok"; };
  for (const auto& s : stats) {
    out << csv_field(s.code);
    for (double v : {s.min, s.max, s.mean, s.median, s.sd, s.skew, s.kurt})
      out << ',' << format_double(v);
    for (std::size_t v : {s.n_avail, s.n_nonzero, s.n_unique, s.n_same})
      out << ',' << v;
    for (double v : {s.frac_avail, s.frac_nonzero, s.frac_unique, s.frac_same})
      out << ',' << format_double(v);
    out << ',' << flag(s.low_avail, "LOW") << ',' << flag(s.low_nonzero, "LOW") << ','
        << flag(s.low_unique, "LOW") << ',' << flag(s.skew_kurt_out, "OUT") << '\n';
  }
}

void write_correlations(std::ostream& out, const std::vector<audit::correlation_row>& rows) {
  out << "method,a,b,r,p,n\n";
  for (const auto& r : rows) {
    out << detail::to_string(r.method) << ',' << csv_field(r.a) << ',' << csv_field(r.b) << ','
        << format_double(r.r) << ',' << format_double(r.p) << ',' << r.n << '\n';
  }
}

void write_cronbach(std::ostream& out, const std::vector<audit::cronbach_row>& rows) {
  out << "node,alpha,n_children,n_units\n";
  for (const auto& r : rows) {
    out << csv_field(r.node) << ',' << format_double(r.alpha) << ',' << r.n_children << ','
        << r.n_units << '\n';
  }
}

void write_effective_weights(std::ostream& out, const std::vector<audit::effective_weight>& rows) {
  out << "node,level,weight,effective_weight\n";
  for (const auto& r : rows) {
    out << csv_field(r.node) << ',' << r.level << ',' << format_double(r.weight) << ','
        << format_double(r.effective_weight) << '\n';
  }
}

void write_removals(std::ostream& out, const std::vector<audit::removal>& rows) {
  out << "element,mean_abs_rank_change\n";
  for (const auto& r : rows)
    out << csv_field(r.element) << ',' << format_double(r.mean_abs_rank_change) << '\n';
}

void write_importance(std::ostream& out, const std::vector<audit::importance_row>& rows) {
  out << "node,parent,weight,effective_weight,correlation_ratio,pearson_r2,flag\n";
  for (const auto& r : rows) {
    out << csv_field(r.node) << ',' << csv_field(r.output) << ',' << format_double(r.weight) << ','
        << format_double(r.effective_weight) << ',' << format_double(r.correlation_ratio) << ','
        << format_double(r.pearson_r2) << ',' << r.flag << '\n';
  }
}

void write_pca(std::ostream& out, const std::vector<audit::principal_components_row>& rows) {
  out << "group,component,eigenvalue,variance_explained,cumulative,n_units,note\n";
  for (const auto& r : rows) {
    if (r.eigenvalues.empty()) {
      out << csv_field(r.group) << ",,,,," << r.n_units << ',' << csv_field(r.why) << '\n';
      continue;
    }
    for (std::size_t j = 0; j < r.eigenvalues.size(); ++j) {
      out << csv_field(r.group) << ',' << j + 1 << ',' << format_double(r.eigenvalues[j]) << ','
          << format_double(r.variance_explained[j]) << ',' << format_double(r.cumulative[j]) << ','
          << r.n_units << ",\n";
    }
  }
}

void write_pca_loadings(std::ostream& out,
                        const std::vector<audit::principal_components_row>& rows) {
  out << "group,code,component,loading\n";
  for (const auto& r : rows) {
    if (r.eigenvalues.empty())
      continue;
    for (std::size_t i = 0; i < r.codes.size(); ++i) {
      for (std::size_t j = 0; j < r.codes.size(); ++j) {
        out << csv_field(r.group) << ',' << csv_field(r.codes[i]) << ',' << j + 1 << ','
            << format_double(r.loading(i, j)) << '\n';
      }
    }
  }
}

std::vector<std::string> audit_file_names() {
  return {"stats_raw.csv",    "stats_treated.csv", "stats_normalised.csv",  "stats_aggregated.csv",
          "correlations.csv", "cronbach.csv",      "effective_weights.csv", "importance.csv",
          "remove.csv",       "pca.csv",           "pca_loadings.csv"};
}

void write_audit(const audit::report& r, const std::string& dir) {
  const auto names = audit_file_names();
  output_files files;
  const auto add = [&](std::size_t k, auto&& write) {
    std::ostringstream text;
    write(text);
    files.add((std::filesystem::path(dir) / names[k]).string(), text.str());
  };
  for (std::size_t k = 0; k < 4; ++k)
    add(k, [&](std::ostream& o) { write_stats(o, r.stats[k]); });
  add(4, [&](std::ostream& o) { write_correlations(o, r.correlations); });
  add(5, [&](std::ostream& o) { write_cronbach(o, r.cronbach); });
  add(6, [&](std::ostream& o) { write_effective_weights(o, r.effective_weights); });
  add(7, [&](std::ostream& o) { write_importance(o, r.importance); });
  if (!r.removals.empty())
    add(8, [&](std::ostream& o) { write_removals(o, r.removals); });
  add(9, [&](std::ostream& o) { write_pca(o, r.pca); });
  add(10, [&](std::ostream& o) { write_pca_loadings(o, r.pca); });
  files.commit_in_directory(dir, "audit");
}

void write_comparison(std::ostream& out, const audit::comparison& c) {
  out << "node,unit,score_a,score_b,rank_a,rank_b,shift\n";
  for (const auto& r : c.rows) {
    out << csv_field(r.node) << ',' << csv_field(r.unit) << ',' << format_double(r.score_a) << ','
        << format_double(r.score_b) << ',' << format_double(r.rank_a) << ','
        << format_double(r.rank_b) << ',' << format_double(r.shift) << '\n';
  }
}

void write_comparison_summary(std::ostream& out, const audit::comparison& c) {
  out << "node,n_units,spearman,mean_abs_shift,max_abs_shift,n_moved\n";
  for (const auto& s : c.summary) {
    out << csv_field(s.node) << ',' << s.n_units << ',' << format_double(s.spearman) << ','
        << format_double(s.mean_abs_shift) << ',' << format_double(s.max_abs_shift) << ','
        << s.n_moved << '\n';
  }
}

std::vector<std::string> write_compare(const audit::comparison& c, const std::string& dir) {
  return write_tables(
      dir, "compare",
      {{"compare.csv", [&](std::ostream& o) { write_comparison(o, c); }},
       {"compare_summary.csv", [&](std::ostream& o) { write_comparison_summary(o, c); }}});
}

} // namespace govmetrics::io
