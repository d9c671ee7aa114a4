// govmetrics Python bindings: the statistical audit (govmetrics.audit, Result.audit), submodule
// `_core.audit`. Tables come back as dicts of columns (lists and float64 arrays) that Python turns
// into DataFrames; to_csv writes them with the command's writers (the same bytes).
#include "bind_common.hpp"
#include "engine.hpp"

#include <govmetrics/audit.hpp>
#include <govmetrics/explain.hpp>
#include <govmetrics/explain/target_probability.hpp>
#include <govmetrics/io/audit.hpp>
#include <govmetrics/io/explain.hpp>
#include <govmetrics/io/xlsx.hpp>

#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics::python {

namespace {

audit::stats_thresholds thresholds_of(double skew, double kurtosis, double availability,
                                      double nonzero, double unique) {
  audit::stats_thresholds t;
  t.skew = skew;
  t.kurtosis = kurtosis;
  t.availability = availability;
  t.nonzero = nonzero;
  t.unique = unique;
  t.validate();
  return t;
}

py::dict stats_dict(const std::vector<audit::statistics>& rows) {
  std::vector<std::string> code;
  std::vector<double> cols[11];
  std::vector<std::size_t> counts[4];
  std::vector<std::string> flags[4];
  const auto word = [](bool raised, const char* w) { return std::string(raised ? w : "ok"); };
  for (const auto& s : rows) {
    code.push_back(s.code);
    const double v[11] = {s.min,  s.max,        s.mean,         s.median,      s.sd,       s.skew,
                          s.kurt, s.frac_avail, s.frac_nonzero, s.frac_unique, s.frac_same};
    for (std::size_t k = 0; k < 11; ++k)
      cols[k].push_back(v[k]);
    counts[0].push_back(s.n_avail);
    counts[1].push_back(s.n_nonzero);
    counts[2].push_back(s.n_unique);
    counts[3].push_back(s.n_same);
    flags[0].push_back(word(s.low_avail, "LOW"));
    flags[1].push_back(word(s.low_nonzero, "LOW"));
    flags[2].push_back(word(s.low_unique, "LOW"));
    flags[3].push_back(word(s.skew_kurt_out, "OUT"));
  }
  py::dict d;
  d["code"] = code;
  const char* names[7] = {"min", "max", "mean", "median", "sd", "skew", "kurt"};
  for (std::size_t k = 0; k < 7; ++k)
    d[names[k]] = to_numpy(cols[k]);
  d["n_avail"] = counts[0];
  d["n_nonzero"] = counts[1];
  d["n_unique"] = counts[2];
  d["n_same"] = counts[3];
  d["frac_avail"] = to_numpy(cols[7]);
  d["frac_nonzero"] = to_numpy(cols[8]);
  d["frac_unique"] = to_numpy(cols[9]);
  d["frac_same"] = to_numpy(cols[10]);
  d["flag_avail"] = flags[0];
  d["flag_nonzero"] = flags[1];
  d["flag_unique"] = flags[2];
  d["flag_skew_kurt"] = flags[3];
  return d;
}

detail::correlation_method method_of(const std::string& s) {
  for (auto m : {detail::correlation_method::pearson, detail::correlation_method::spearman,
                 detail::correlation_method::kendall}) {
    if (s == detail::to_string(m))
      return m;
  }
  GOVMETRICS_THROW(spec_error("audit: unknown correlation method '" + s +
                              "' (expected 'pearson', 'spearman' or 'kendall')"));
}

py::dict standings_dict(const std::vector<explain::standing>& rows) {
  std::vector<std::string> code, name, parent, unit;
  std::vector<double> rank, value;
  for (const auto& x : rows) {
    code.push_back(x.code);
    name.push_back(x.name);
    parent.push_back(x.parent);
    rank.push_back(x.rank);
    value.push_back(x.value);
    unit.push_back(x.unit);
  }
  py::dict d;
  d["code"] = code;
  d["name"] = name;
  d["parent"] = parent;
  d["rank"] = to_numpy(rank);
  d["value"] = to_numpy(value);
  d["unit"] = unit;
  return d;
}

} // namespace

void register_audit(py::module_& root) {
  py::module_ m = root.attr("audit");
  m.def(
      "indicator_columns",
      [](const std::shared_ptr<engine>& e) {
        std::vector<std::string> out;
        for (std::size_t i : e->tree()->indicators())
          out.push_back((*e->tree())[i].column);
        return out;
      },
      py::arg("engine"), "The data column of each indicator, in indicator order.");
  m.def(
      "treated", [](const std::shared_ptr<result>& r) { return !r->prepared().treated.empty(); },
      py::arg("result"), "Whether an outlier treatment ran (the treated data set is its own).");
  m.def(
      "stats",
      [](const std::shared_ptr<result>& r, const std::string& data_set, const f_array& raw,
         double skew, double kurtosis, double availability, double nonzero, double unique) {
        const auto t = thresholds_of(skew, kurtosis, availability, nonzero, unique);
        const auto cols = audit::data_set_columns(*r, audit::data_set_from_string(data_set),
                                                  raw_columns_of(*r, raw));
        return stats_dict(audit::describe(cols, t));
      },
      py::arg("result"), py::arg("data_set"), py::arg("raw"), py::arg("skew"), py::arg("kurtosis"),
      py::arg("availability"), py::arg("nonzero"), py::arg("unique"),
      "Statistics and flags of a data set as a dict of columns (docs/audit.md).");
  m.def(
      "correlations",
      [](const std::shared_ptr<result>& r, const std::vector<std::string>& methods) {
        std::vector<detail::correlation_method> ms;
        for (const auto& s : methods)
          ms.push_back(method_of(s));
        const auto rows = audit::correlations(*r, ms);
        std::vector<std::string> method, a, b;
        std::vector<double> rr, p;
        std::vector<std::size_t> n;
        std::vector<bool> parent;
        for (const auto& x : rows) {
          method.emplace_back(detail::to_string(x.method));
          a.push_back(x.a);
          b.push_back(x.b);
          rr.push_back(x.r);
          p.push_back(x.p);
          n.push_back(x.n);
          parent.push_back(x.with_parent);
        }
        py::dict d;
        d["method"] = method;
        d["a"] = a;
        d["b"] = b;
        d["r"] = to_numpy(rr);
        d["p"] = to_numpy(p);
        d["n"] = n;
        d["with_parent"] = parent;
        return d;
      },
      py::arg("result"), py::arg("methods"));
  m.def(
      "sibling_flags",
      [](const std::shared_ptr<result>& r, double collinear) {
        std::vector<std::string> parent, a, b, flag;
        std::vector<double> rr;
        for (const auto& f : audit::sibling_flags(*r, collinear)) {
          parent.push_back(f.parent);
          a.push_back(f.a);
          b.push_back(f.b);
          rr.push_back(f.r);
          flag.push_back(f.flag);
        }
        py::dict d;
        d["parent"] = parent;
        d["a"] = a;
        d["b"] = b;
        d["r"] = to_numpy(rr);
        d["flag"] = flag;
        return d;
      },
      py::arg("result"), py::arg("collinear"));
  m.def(
      "cronbach",
      [](const std::shared_ptr<result>& r) {
        std::vector<std::string> node, why;
        std::vector<double> alpha;
        std::vector<std::size_t> k, n;
        for (const auto& c : audit::cronbach(*r)) {
          node.push_back(c.node);
          alpha.push_back(c.alpha);
          k.push_back(c.n_children);
          n.push_back(c.n_units);
          why.push_back(c.why);
        }
        py::dict d;
        d["node"] = node;
        d["alpha"] = to_numpy(alpha);
        d["n_children"] = k;
        d["n_units"] = n;
        d["why"] = why;
        return d;
      },
      py::arg("result"));
  m.def(
      "effective_weights",
      [](const std::shared_ptr<result>& r) {
        std::vector<std::string> node;
        std::vector<std::size_t> level;
        std::vector<double> w, eff;
        for (const auto& e : audit::effective_weights(*r)) {
          node.push_back(e.node);
          level.push_back(e.level);
          w.push_back(e.weight);
          eff.push_back(e.effective_weight);
        }
        py::dict d;
        d["node"] = node;
        d["level"] = level;
        d["weight"] = to_numpy(w);
        d["effective_weight"] = to_numpy(eff);
        return d;
      },
      py::arg("result"));
  m.def(
      "remove",
      [](const std::shared_ptr<engine>& e, const std::shared_ptr<result>& r) {
        std::vector<std::string> element, why;
        std::vector<double> change;
        std::vector<std::size_t> n;
        {
          py::gil_scoped_release release;
          for (auto& x : audit::remove_elements(e->plan(), r->prepared_ptr())) {
            element.push_back(std::move(x.element));
            change.push_back(x.mean_abs_rank_change);
            n.push_back(x.n_units);
            why.push_back(std::move(x.why));
          }
        }
        py::dict d;
        d["element"] = element;
        d["mean_abs_rank_change"] = to_numpy(change);
        d["n_units"] = n;
        d["why"] = why;
        return d;
      },
      py::arg("engine"), py::arg("result"),
      "Every node left out in turn: the root's mean absolute rank change (remove.csv).");
  m.def(
      "importance",
      [](const std::shared_ptr<result>& r, double factor) {
        std::vector<std::string> node, output, flag;
        std::vector<double> w, eff, ratio, r2, s_share, w_share, bw;
        std::vector<std::size_t> n;
        std::vector<audit::importance_row> rows;
        {
          py::gil_scoped_release release;
          rows = audit::importance(*r, factor);
        }
        for (const auto& x : rows) {
          node.push_back(x.node);
          output.push_back(x.output);
          w.push_back(x.weight);
          eff.push_back(x.effective_weight);
          ratio.push_back(x.correlation_ratio);
          r2.push_back(x.pearson_r2);
          flag.push_back(x.flag);
          s_share.push_back(x.importance_share);
          w_share.push_back(x.weight_share);
          bw.push_back(x.bandwidth);
          n.push_back(x.n_units);
        }
        py::dict d;
        d["node"] = node;
        d["parent"] = output;
        d["weight"] = to_numpy(w);
        d["effective_weight"] = to_numpy(eff);
        d["correlation_ratio"] = to_numpy(ratio);
        d["pearson_r2"] = to_numpy(r2);
        d["flag"] = flag;
        d["importance_share"] = to_numpy(s_share);
        d["weight_share"] = to_numpy(w_share);
        d["bandwidth"] = to_numpy(bw);
        d["n_units"] = n;
        return d;
      },
      py::arg("result"), py::arg("factor"),
      "Main effects (correlation ratios) of every node on its parent and on the index.");
  m.def(
      "explain",
      [](const std::shared_ptr<engine>& e, const std::shared_ptr<result>& r,
         const std::string& unit, const f_array& raw, std::size_t top, const std::string& dir) {
        const std::size_t u = r->unit_index(unit);
        const auto c = explain::contributions(e->plan(), *r, u);
        const auto p = explain::profile(*r, u);
        const auto sw = explain::strengths(*r, raw_columns_of(*r, raw), u, top);
        if (!dir.empty())
          io::write_explanation(c, sw, dir);
        std::vector<std::string> node, parent, how;
        std::vector<double> score, rank, contribution, share, index_contribution, median, best;
        for (std::size_t i = 0; i < c.size(); ++i) {
          node.push_back(c[i].node);
          parent.push_back(c[i].parent);
          score.push_back(c[i].score);
          rank.push_back(c[i].rank);
          contribution.push_back(c[i].contribution);
          share.push_back(c[i].share);
          index_contribution.push_back(c[i].index_contribution);
          how.push_back(c[i].how);
          median.push_back(p[i].median);
          best.push_back(p[i].best);
        }
        py::dict cd;
        cd["node"] = node;
        cd["parent"] = parent;
        cd["score"] = to_numpy(score);
        cd["rank"] = to_numpy(rank);
        cd["contribution"] = to_numpy(contribution);
        cd["share"] = to_numpy(share);
        cd["index_contribution"] = to_numpy(index_contribution);
        cd["how"] = how;
        py::dict pd;
        pd["node"] = node;
        pd["score"] = to_numpy(score);
        pd["rank"] = to_numpy(rank);
        pd["median"] = to_numpy(median);
        pd["best"] = to_numpy(best);
        py::dict out;
        out["contributions"] = cd;
        out["profile"] = pd;
        out["strengths"] = standings_dict(sw.strengths);
        out["weaknesses"] = standings_dict(sw.weaknesses);
        return out;
      },
      py::arg("engine"), py::arg("result"), py::arg("unit"), py::arg("raw"), py::arg("top"),
      py::arg("dir"),
      "One unit's contributions, profile, strengths and weaknesses; with dir, the command's "
      "files too.");
  m.def(
      "xlsx",
      [](const std::shared_ptr<engine>& e, const std::shared_ptr<result>& r, const f_array& raw) {
        const std::string bytes =
            io::xlsx_workbook(io::result_sheets(e->method(), *r, raw_columns_of(*r, raw)));
        return py::bytes(bytes);
      },
      py::arg("engine"), py::arg("result"), py::arg("raw"),
      "The .xlsx bytes of `govmetrics run --xlsx` for this result.");
  m.def(
      "xlsx_sheets",
      [](const std::shared_ptr<engine>& e, const std::shared_ptr<result>& r, const f_array& raw) {
        py::list out;
        for (const auto& s : io::result_sheets(e->method(), *r, raw_columns_of(*r, raw))) {
          py::list rows;
          for (const auto& row : s.rows) {
            py::list cells;
            for (const auto& c : row) {
              if (const auto* d = std::get_if<double>(&c))
                cells.append(*d);
              else if (const auto* t = std::get_if<std::string>(&c))
                cells.append(*t);
              else
                cells.append(py::none());
            }
            rows.append(cells);
          }
          out.append(py::make_tuple(s.name, s.header, rows, s.frozen_columns));
        }
        return out;
      },
      py::arg("engine"), py::arg("result"), py::arg("raw"),
      "The sheets of the workbook as (name, header, rows, frozen columns).");
  m.def(
      "pca",
      [](const std::shared_ptr<result>& r) {
        const auto rows = audit::principal_components(*r);
        std::vector<std::string> group, note, lgroup, lcode;
        std::vector<std::size_t> component, n_units, lcomponent;
        std::vector<double> cols[3], loading;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (const auto& p : rows) {
          if (p.eigenvalues.empty()) {
            group.push_back(p.group);
            component.push_back(0);
            for (auto& c : cols)
              c.push_back(nan);
            n_units.push_back(p.n_units);
            note.push_back(p.why);
            continue;
          }
          const std::size_t k = p.codes.size();
          for (std::size_t j = 0; j < k; ++j) {
            group.push_back(p.group);
            component.push_back(j + 1);
            cols[0].push_back(p.eigenvalues[j]);
            cols[1].push_back(p.variance_explained[j]);
            cols[2].push_back(p.cumulative[j]);
            n_units.push_back(p.n_units);
            note.emplace_back();
          }
          for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < k; ++j) {
              lgroup.push_back(p.group);
              lcode.push_back(p.codes[i]);
              lcomponent.push_back(j + 1);
              loading.push_back(p.loading(i, j));
            }
          }
        }
        py::dict comp;
        comp["group"] = group;
        comp["component"] = component;
        comp["eigenvalue"] = to_numpy(cols[0]);
        comp["variance_explained"] = to_numpy(cols[1]);
        comp["cumulative"] = to_numpy(cols[2]);
        comp["n_units"] = n_units;
        comp["note"] = note;
        py::dict load;
        load["group"] = lgroup;
        load["code"] = lcode;
        load["component"] = lcomponent;
        load["loading"] = to_numpy(loading);
        py::dict out;
        out["components"] = comp;
        out["loadings"] = load;
        return out;
      },
      py::arg("result"), "Principal components per aggregate node and per level.");
  m.def(
      "target",
      [](const std::shared_ptr<engine>& e, const std::shared_ptr<result>& r,
         const std::string& unit, const f_array& raw, const std::string& node, std::size_t rank,
         double score, const std::map<std::string, double>& costs,
         const std::vector<std::string>& fixed,
         const std::map<std::string, std::pair<double, double>>& bounds, const std::string& dir) {
        explain::target_options o;
        o.node = node;
        o.rank = rank;
        o.score = score;
        o.costs = costs;
        o.fixed = fixed;
        o.bounds = bounds;
        const std::size_t u = r->unit_index(unit);
        const auto named = raw_columns_of(*r, raw);
        explain::target_result t;
        {
          py::gil_scoped_release release;
          t = explain::find_target(e->model(), *r, named, u, o);
        }
        if (!dir.empty())
          io::write_target(t, dir);
        std::vector<std::string> code, name, parent, measure;
        std::vector<double> cols[6];
        for (const auto& c : t.changes) {
          code.push_back(c.code);
          name.push_back(c.name);
          parent.push_back(c.parent);
          measure.push_back(c.unit);
          const double v[6] = {c.from, c.to, c.change, c.cost, c.lo, c.hi};
          for (int k = 0; k < 6; ++k)
            cols[k].push_back(v[k]);
        }
        py::dict changes;
        changes["code"] = code;
        changes["name"] = name;
        changes["parent"] = parent;
        changes["unit"] = measure;
        const char* keys[6] = {"from", "to", "change", "cost", "lo", "hi"};
        for (int k = 0; k < 6; ++k)
          changes[keys[k]] = to_numpy(cols[k]);
        py::dict out;
        out["unit"] = t.unit;
        out["node"] = t.node;
        out["rank_goal"] = t.rank_goal;
        out["score_goal"] = t.score_goal;
        out["reachable"] = t.reachable;
        out["method"] = t.method;
        out["reason"] = t.reason;
        out["score_before"] = t.score_before;
        out["rank_before"] = t.rank_before;
        out["score_after"] = t.score_after;
        out["rank_after"] = t.rank_after;
        out["total_cost"] = t.total_cost;
        out["changes"] = changes;
        out["unchanged"] = t.unchanged;
        return out;
      },
      py::arg("engine"), py::arg("result"), py::arg("unit"), py::arg("raw"), py::arg("node"),
      py::arg("rank"), py::arg("score"), py::arg("costs"), py::arg("fixed"), py::arg("bounds"),
      py::arg("dir"),
      "The least costly indicator changes that bring a unit to a rank or score at a node; with "
      "dir, the command's files too.");
  m.def(
      "target_raw_changes",
      [](const std::shared_ptr<engine>& e, const std::string& unit,
         const std::vector<std::string>& codes, const std::vector<double>& from,
         const std::vector<double>& to, const std::map<std::string, double>& values) {
        std::vector<explain::target_change> changes(codes.size());
        for (std::size_t k = 0; k < codes.size(); ++k) {
          changes[k].code = codes[k];
          changes[k].from = from.at(k);
          changes[k].to = to.at(k);
        }
        std::vector<std::pair<std::string, double>> out;
        for (const auto& c :
             explain::raw_changes(*e->tree(), changes, unit, [&](const std::string& column) {
               const auto it = values.find(column);
               if (it == values.end())
                 GOVMETRICS_THROW(data_error("target: the data have no column '" + column +
                                             "' for unit '" + unit + "'"));
               return it->second;
             }))
          out.emplace_back(c.column, c.value);
        return out;
      },
      py::arg("engine"), py::arg("unit"), py::arg("codes"), py::arg("from_"), py::arg("to"),
      py::arg("values"),
      "explain::raw_changes: the (column, value) pairs that give a unit a target's new values.");
  m.def(
      "compare",
      [](const std::shared_ptr<result>& a, const std::shared_ptr<result>& b,
         const std::string& dir) {
        const audit::comparison c = audit::compare(*a, *b);
        if (!dir.empty())
          io::write_compare(c, dir);
        std::vector<std::string> node, unit;
        std::vector<double> cols[5];
        for (const auto& r : c.rows) {
          node.push_back(r.node);
          unit.push_back(r.unit);
          const double v[5] = {r.score_a, r.score_b, r.rank_a, r.rank_b, r.shift};
          for (int k = 0; k < 5; ++k)
            cols[k].push_back(v[k]);
        }
        py::dict rows;
        rows["node"] = node;
        rows["unit"] = unit;
        const char* keys[5] = {"score_a", "score_b", "rank_a", "rank_b", "shift"};
        for (int k = 0; k < 5; ++k)
          rows[keys[k]] = to_numpy(cols[k]);
        std::vector<std::string> snode;
        std::vector<std::size_t> n_units, n_moved;
        std::vector<double> scols[3];
        for (const auto& s : c.summary) {
          snode.push_back(s.node);
          n_units.push_back(s.n_units);
          n_moved.push_back(s.n_moved);
          scols[0].push_back(s.spearman);
          scols[1].push_back(s.mean_abs_shift);
          scols[2].push_back(s.max_abs_shift);
        }
        py::dict summary;
        summary["node"] = snode;
        summary["n_units"] = n_units;
        summary["spearman"] = to_numpy(scols[0]);
        summary["mean_abs_shift"] = to_numpy(scols[1]);
        summary["max_abs_shift"] = to_numpy(scols[2]);
        summary["n_moved"] = n_moved;
        py::dict out;
        out["rows"] = rows;
        out["summary"] = summary;
        out["only_a_units"] = c.only_a_units;
        out["only_b_units"] = c.only_b_units;
        out["only_a_nodes"] = c.only_a_nodes;
        out["only_b_nodes"] = c.only_b_nodes;
        return out;
      },
      py::arg("a"), py::arg("b"), py::arg("dir"),
      "Two results compared: per unit and common node the scores, ranks and shift, and a summary "
      "per node; with dir, the command's files too.");
  m.def(
      "correlation_matrix",
      [](const f_array& x, const std::string& method) {
        if (x.ndim() != 2)
          GOVMETRICS_THROW(data_error("audit: correlation_matrix needs a 2-D array"));
        const auto rows = static_cast<std::size_t>(x.shape(0));
        const auto k = static_cast<std::size_t>(x.shape(1));
        const auto how = method_of(method);
        py::array_t<double, py::array::f_style> r({x.shape(1), x.shape(1)});
        py::array_t<double, py::array::f_style> p({x.shape(1), x.shape(1)});
        {
          py::gil_scoped_release release;
          for (std::size_t a = 0; a < k; ++a) {
            for (std::size_t b = 0; b < k; ++b) {
              const auto c = detail::correlate(x.data() + a * rows, x.data() + b * rows, rows, how);
              r.mutable_data()[a + b * k] = c.r;
              p.mutable_data()[a + b * k] = c.p;
            }
          }
        }
        return py::make_tuple(r, p);
      },
      py::arg("x"), py::arg("method"),
      "Correlations (and p-values) of every pair of columns of x, pairwise complete.");
  m.def(
      "write",
      [](const std::shared_ptr<engine>& e, const std::shared_ptr<result>& r, const f_array& raw,
         const std::string& dir, double skew, double kurtosis, double availability, double nonzero,
         double unique) {
        const auto t = thresholds_of(skew, kurtosis, availability, nonzero, unique);
        auto rep = audit::make_report(*r, raw_columns_of(*r, raw), t);
        rep.removals = audit::remove_elements(e->plan(), r->prepared_ptr());
        io::write_audit(rep, dir);
        return io::audit_file_names();
      },
      py::arg("engine"), py::arg("result"), py::arg("raw"), py::arg("dir"), py::arg("skew"),
      py::arg("kurtosis"), py::arg("availability"), py::arg("nonzero"), py::arg("unique"),
      "Writes every table into dir as `govmetrics audit --out-dir` does; returns the file names.");
}

} // namespace govmetrics::python
