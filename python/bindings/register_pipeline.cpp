// govmetrics Python bindings: the run-time pipeline. PipelineSpec (every method choice), Engine
// (a resolved methodology: the C++ side of govmetrics.Methodology) with its runs on caller memory
// (numpy arrays and pandas blocks, read in place through a dataset_view), and Result, whose
// arrays view the C++ result's memory with the result kept alive as their base.
#include "bind_common.hpp"

#include "engine.hpp"

#include <govmetrics/io/sensitivity.hpp>
#include <govmetrics/io/uncertainty.hpp>
#include <govmetrics/io/xlsx.hpp>
#ifdef GOVMETRICS_HAVE_REPORT
#include <govmetrics/io/html_report.hpp>
#endif
#include <govmetrics/sensitivity.hpp>
#include <govmetrics/uncertainty.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

namespace govmetrics::python {
namespace {

const char* scope_name(rank_scope s) noexcept {
  return s == rank_scope::all ? "all" : (s == rank_scope::aggregates ? "aggregates" : "root");
}

rank_scope scope_from_string(const std::string& s) {
  if (s == "all")
    return rank_scope::all;
  if (s == "aggregates")
    return rank_scope::aggregates;
  if (s == "root")
    return rank_scope::root;
  GOVMETRICS_THROW(
      spec_error("rank: unknown rank scope '" + s + "' (expected 'all', 'aggregates' or 'root')"));
}

std::string spec_repr(const pipeline_spec& s) {
  const auto r = [](const auto& v) {
    return std::visit([](const auto& x) { return repr_of(py::cast(x)); }, v);
  };
  return "PipelineSpec(normalize=" + r(s.normalize) + ", aggregate=" + r(s.aggregate) +
         ", missing=" + r(s.missing) + ", weights=" + r(s.weights) + ", treat=" + r(s.treat) +
         ", impute=" + r(s.impute) + ", screen=" + repr_of(py::cast(s.screen)) + ", ties='" +
         rank::to_string(s.ties) + "', ranks='" + scope_name(s.ranks) + "')";
}

/// Unit ids converted once to C++ strings (for an immutable pandas Index reused across runs), and
/// checked unique once, when a run first asks (under the GIL, like every call below).
struct unit_ids {
  std::vector<std::string> ids;
  std::shared_ptr<const name_list> checked;
};

/// The last list or tuple of unit ids (str objects) a run converted, and its checked name_list.
/// It holds those str objects: a str never changes and a held one keeps its address, so a list
/// holding the same objects in the same order (the same list again, or a copy of it) has the same
/// ids, and a run given it converts and checks nothing. Lists up to max_ids (so that it never
/// holds much memory). Used under the GIL only, like every call below.
struct last_id_list {
  static constexpr Py_ssize_t max_ids = 4096;
  std::vector<py::object> items;
  std::shared_ptr<const name_list> ids;

  /// The ids of `p` (a list or tuple) when it holds the objects of the last one, else nullptr.
  std::shared_ptr<const name_list> find(PyObject* p) const {
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(p);
    if (ids == nullptr || static_cast<std::size_t>(n) != items.size())
      return nullptr;
    for (Py_ssize_t k = 0; k < n; ++k) {
      if (PySequence_Fast_GET_ITEM(p, k) != items[static_cast<std::size_t>(k)].ptr())
        return nullptr;
    }
    return ids;
  }

  /// Whether every item of `p` is a str (not a subclass): converting those calls no Python code,
  /// so the list cannot change while its ids are converted.
  static bool all_str(PyObject* p) {
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(p);
    if (n > max_ids)
      return false;
    for (Py_ssize_t k = 0; k < n; ++k) {
      if (PyUnicode_CheckExact(PySequence_Fast_GET_ITEM(p, k)) == 0)
        return false;
    }
    return true;
  }

  /// Keeps `list` as the ids of `p`, whose items are all str (all_str).
  void keep(PyObject* p, std::shared_ptr<const name_list> list) {
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(p);
    std::vector<py::object> held;
    held.reserve(static_cast<std::size_t>(n));
    for (Py_ssize_t k = 0; k < n; ++k)
      held.push_back(py::reinterpret_borrow<py::object>(PySequence_Fast_GET_ITEM(p, k)));
    items = std::move(held);
    ids = std::move(list);
  }
};

last_id_list& id_list_cache() {
  // never destroyed: its str objects must not be released after the interpreter has finished
  static auto* cache = new last_id_list();
  return *cache;
}

/// Unit ids for a run: a UnitIds' list (checked on its first run, then shared), the last list or
/// tuple of str ids again (last_id_list), or converted from any iterable of labels and checked.
std::shared_ptr<const name_list> run_unit_ids(const py::object& units) {
  if (py::isinstance<unit_ids>(units)) {
    auto& u = units.cast<unit_ids&>();
    if (u.checked == nullptr)
      u.checked = std::make_shared<const name_list>(u.ids, "unit id");
    return u.checked;
  }
  PyObject* p = units.ptr();
  if (PyList_CheckExact(p) != 0 || PyTuple_CheckExact(p) != 0) {
    if (auto ids = id_list_cache().find(p))
      return ids;
    if (last_id_list::all_str(p)) {
      auto ids = std::make_shared<const name_list>(to_unit_ids(units, "compute"), "unit id");
      id_list_cache().keep(p, ids);
      return ids;
    }
  }
  return std::make_shared<const name_list>(to_unit_ids(units, "compute"), "unit id");
}

/// Indicator column names for a run: `names` when given, else the methodology's data columns.
std::shared_ptr<const name_list> column_names(const engine& e, const py::object& names) {
  if (names.is_none())
    return e.column_list();
  return std::make_shared<const name_list>(names.cast<std::vector<std::string>>(),
                                           "indicator code");
}

/// Column pointers of a 2-D float64 Fortran-ordered matrix (units x columns).
std::vector<const double*> matrix_columns(const f_array& x, std::size_t n_units,
                                          std::size_t n_names) {
  if (x.ndim() != 2) {
    GOVMETRICS_THROW(data_error("compute: expected a 2-D array (units x indicators), got " +
                                std::to_string(x.ndim()) + " dimension(s)"));
  }
  const auto rows = static_cast<std::size_t>(x.shape(0));
  const auto cols = static_cast<std::size_t>(x.shape(1));
  if (rows != n_units || cols != n_names) {
    GOVMETRICS_THROW(data_error("compute: the array is " + std::to_string(rows) + " x " +
                                std::to_string(cols) + ", but " + std::to_string(n_units) +
                                " unit ids and " + std::to_string(n_names) +
                                " column names were given"));
  }
  std::vector<const double*> out(cols);
  for (std::size_t j = 0; j < cols; ++j)
    out[j] = x.data() + j * rows;
  return out;
}

/// Column pointers into pandas blocks: column j is row blkloc[j] of blocks[blkno[j]], each block
/// a C-contiguous float64 array of shape (columns in block, units).
std::vector<const double*> block_columns(const py::list& blocks,
                                         const py::array_t<std::int64_t>& blkno,
                                         const py::array_t<std::int64_t>& blkloc,
                                         std::size_t n_units, std::size_t n_names) {
  if (static_cast<std::size_t>(blkno.size()) != n_names ||
      static_cast<std::size_t>(blkloc.size()) != n_names) {
    GOVMETRICS_THROW(data_error("compute: " + std::to_string(blkno.size()) +
                                " block positions for " + std::to_string(n_names) + " columns"));
  }
  std::vector<const double*> base(blocks.size());
  std::vector<std::size_t> height(blocks.size());
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const auto arr = blocks[b].cast<py::array>();
    // an equivalent dtype, not the same object: an unpickled DataFrame (Dask, multiprocessing)
    // holds its own float64 dtype instances
    const bool ok = py::isinstance<py::array_t<double, py::array::c_style>>(arr) &&
                    arr.ndim() == 2 && (arr.flags() & py::array::c_style) != 0;
    if (!ok)
      GOVMETRICS_THROW(data_error("compute: block " + std::to_string(b) +
                                  " is not a C-contiguous 2-D float64 array"));
    if (static_cast<std::size_t>(arr.shape(1)) != n_units) {
      GOVMETRICS_THROW(data_error("compute: block " + std::to_string(b) + " holds " +
                                  std::to_string(arr.shape(1)) + " units, expected " +
                                  std::to_string(n_units)));
    }
    base[b] = static_cast<const double*>(arr.data());
    height[b] = static_cast<std::size_t>(arr.shape(0));
  }
  std::vector<const double*> out(n_names);
  const auto no = blkno.unchecked<1>();
  const auto loc = blkloc.unchecked<1>();
  for (std::size_t j = 0; j < n_names; ++j) {
    const auto b = static_cast<std::size_t>(no(static_cast<py::ssize_t>(j)));
    const auto l = static_cast<std::size_t>(loc(static_cast<py::ssize_t>(j)));
    if (b >= base.size() || l >= height[b])
      GOVMETRICS_THROW(data_error("compute: block position out of range"));
    out[j] = base[b] + l * n_units;
  }
  return out;
}

/// Text columns for a run: {name: labels}, each label a str; None, NaN or '' is "no label" ('').
std::map<std::string, std::vector<std::string>> label_columns(const py::object& labels) {
  std::map<std::string, std::vector<std::string>> out;
  if (labels.is_none())
    return out;
  for (auto item : labels.cast<py::dict>()) {
    const auto name = item.first.cast<std::string>();
    auto& col = out[name];
    for (py::handle h : item.second) {
      const bool missing =
          h.is_none() || (PyFloat_Check(h.ptr()) != 0 && std::isnan(PyFloat_AsDouble(h.ptr())));
      col.push_back(missing ? std::string() : py::str(h).cast<std::string>());
    }
  }
  return out;
}

/// The (units x nodes) matrix of every node's scores or ranks, framework order, Fortran order.
template <class Get>
py::array_t<double> node_matrix(const result& r, Get&& get) {
  const std::size_t n = r.n_units();
  const std::size_t k = r.n_nodes();
  py::array_t<double, py::array::f_style> out(
      {static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(k)});
  double* dst = out.mutable_data();
  for (std::size_t i = 0; i < k; ++i) {
    const column_view c = get(i);
    if (c.empty())
      std::fill(dst + i * n, dst + (i + 1) * n, std::numeric_limits<double>::quiet_NaN());
    else
      std::copy(c.begin(), c.end(), dst + i * n);
  }
  return out;
}

std::size_t node_position(const result& r, const py::object& node) {
  if (py::isinstance<py::str>(node))
    return r.tree().index_of(node.cast<std::string>());
  const auto i = node.cast<std::size_t>();
  if (i >= r.n_nodes()) {
    GOVMETRICS_THROW(unknown_code_error("result: node position " + std::to_string(i) +
                                        " out of range (" + std::to_string(r.n_nodes()) +
                                        " nodes)"));
  }
  return i;
}

/// A dataset_view over caller memory with the text (label) columns attached.
dataset_view labelled_view(std::shared_ptr<const name_list> ids,
                           std::shared_ptr<const name_list> cols, std::vector<const double*> ptrs,
                           std::map<std::string, std::vector<std::string>> text) {
  dataset_view view(std::move(ids), std::move(cols), std::move(ptrs));
  for (auto& [k, v] : text)
    view.add_labels(k, std::move(v));
  return view;
}

/// An uncertainty analysis that ran (all of it, or some blocks: a shard): its state and, when
/// complete, its statistics. What govmetrics.UncertaintyResult wraps.
struct uncertainty_run {
  uncertainty::state state;
  std::vector<uncertainty::unit_statistics> stats;
  std::vector<std::string> inputs; ///< the inputs' names, when this process ran it (the report)

  void finish() {
    stats.clear();
    if (state.complete())
      stats = uncertainty::rank_statistics(state);
  }
  const std::vector<uncertainty::unit_statistics>& statistics() const {
    uncertainty::detail::require_complete(state);
    return stats;
  }
};

/// A sensitivity analysis that ran: the design's outputs and the indices. What
/// govmetrics.sensitivity.SensitivityResult wraps.
struct sensitivity_run {
  sensitivity::results r;
  std::optional<sensitivity::part> part; ///< a shard's evaluations (first_block / last_block)
};

/// A d x k table (factor-major) as a 2-D numpy array.
py::array_t<double> table(const std::vector<double>& v, std::size_t d, std::size_t k) {
  py::array_t<double> out({static_cast<py::ssize_t>(d), static_cast<py::ssize_t>(k)});
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

/// The estimates of `x` as a dict of arrays (d x k): first, total, first_lo, first_hi, total_lo,
/// total_hi; variance (k); n; notes.
py::dict indices_dict(const sensitivity::indices& x) {
  py::dict out;
  out["first"] = table(x.first, x.d, x.k);
  out["total"] = table(x.total, x.d, x.k);
  out["first_lo"] = table(x.first_lo, x.d, x.k);
  out["first_hi"] = table(x.first_hi, x.d, x.k);
  out["total_lo"] = table(x.total_lo, x.d, x.k);
  out["total_hi"] = table(x.total_hi, x.d, x.k);
  out["variance"] = to_numpy(x.variance);
  out["n"] = x.n;
  out["notes"] = x.notes;
  return out;
}

/// The keyword options of the uncertainty entry points, read with the GIL held; a "sensitivity"
/// dict among them asks for a sensitivity analysis instead (its keys: n, bootstrap, confidence,
/// dummy, method, scramble; seed, threads, nodes and progress as for uncertainty).
struct uncertainty_request {
  std::optional<std::size_t> runs;
  std::optional<std::uint64_t> seed;
  uncertainty::options opt;
  std::size_t first = 0;
  std::size_t last = uncertainty::analysis::npos;
  py::object progress; ///< None or a callable (done blocks, total blocks)
  /// A sensitivity analysis: what the call gives (unset: the file's "sensitivity" section's, else
  /// the default).
  struct sensitivity_request {
    std::optional<std::size_t> n;
    std::optional<std::size_t> bootstrap;
    std::optional<double> confidence;
    std::optional<bool> dummy;
    std::optional<bool> monte_carlo;
    std::optional<bool> scramble;
  };
  std::optional<sensitivity_request> sensitivity;
};

uncertainty_request read_request(const py::dict& d) {
  uncertainty_request r;
  const auto get = [&](const char* key) -> py::object {
    return d.contains(key) ? py::reinterpret_borrow<py::object>(d[key]) : py::none();
  };
  if (!get("runs").is_none())
    r.runs = get("runs").cast<std::size_t>();
  if (!get("seed").is_none())
    r.seed = get("seed").cast<std::uint64_t>();
  if (!get("threads").is_none())
    r.opt.threads = get("threads").cast<std::size_t>();
  if (!get("nodes").is_none())
    r.opt.nodes = get("nodes").cast<std::vector<std::string>>();
  r.opt.pairwise = !get("pairwise").is_none() && get("pairwise").cast<bool>();
  r.opt.record = !get("record").is_none() && get("record").cast<bool>();
  r.opt.score_quantiles = !get("score_quantiles").is_none() && get("score_quantiles").cast<bool>();
  if (!get("first_block").is_none())
    r.first = get("first_block").cast<std::size_t>();
  if (!get("last_block").is_none())
    r.last = get("last_block").cast<std::size_t>();
  r.progress = get("progress");
  if (!get("sensitivity").is_none()) {
    const auto sd = get("sensitivity").cast<py::dict>();
    const auto sget = [&](const char* key) -> py::object {
      return sd.contains(key) ? py::reinterpret_borrow<py::object>(sd[key]) : py::none();
    };
    uncertainty_request::sensitivity_request so;
    if (!sget("n").is_none())
      so.n = sget("n").cast<std::size_t>();
    if (!sget("bootstrap").is_none())
      so.bootstrap = sget("bootstrap").cast<std::size_t>();
    if (!sget("confidence").is_none())
      so.confidence = sget("confidence").cast<double>();
    if (!sget("dummy").is_none())
      so.dummy = sget("dummy").cast<bool>();
    if (!sget("method").is_none()) {
      const auto method = sget("method").cast<std::string>();
      if (method != "sobol" && method != "monte_carlo")
        GOVMETRICS_THROW(spec_error("sensitivity: unknown sampling '" + method +
                                    "' (expected 'sobol' or 'monte_carlo')"));
      so.monte_carlo = method == "monte_carlo";
    }
    if (!sget("scramble").is_none())
      so.scramble = sget("scramble").cast<bool>();
    r.sensitivity = so;
  }
  return r;
}

/// A dataset copied from `data` (a dataset_view over caller memory): the analysis prepares every
/// combination of preparation choices from it, possibly after the caller's arrays are gone.
template <class Data>
std::shared_ptr<const dataset> own(const Data& data) {
  std::vector<double> values;
  values.reserve(data.n_units() * data.n_indicators());
  for (std::size_t j = 0; j < data.n_indicators(); ++j) {
    const column_view c = data.column(j);
    values.insert(values.end(), c.begin(), c.end());
  }
  auto d = std::make_shared<dataset>(data.units(), data.indicators(), std::move(values));
  for (const auto& [name, labels] : data.all_labels())
    d->add_labels(name, labels);
  return d;
}

/// The engine's progress callback for `req.progress` (empty when it is None): called from worker
/// threads, it takes the GIL for each call; an exception it raises is reported as unraisable
/// under `what`. A borrowed handle: `req` (in the caller's frame, which holds the GIL) keeps the
/// callable alive.
std::function<void(std::size_t, std::size_t)> progress_callback(const uncertainty_request& req,
                                                                const char* what) {
  if (req.progress.is_none())
    return {};
  PyObject* callback = req.progress.ptr();
  return [callback, what](std::size_t done, std::size_t total) {
    py::gil_scoped_acquire gil;
    try {
      const py::handle f(callback);
      f(done, total);
    } catch (py::error_already_set& err) {
      err.discard_as_unraisable(what);
    }
  };
}

/// Runs blocks [first, last) of the uncertainty section of `e`'s methodology on `data`; `runs`
/// and `seed` override the file's when given. Call without the GIL (a progress callable takes it
/// for each call).
std::shared_ptr<uncertainty_run> run_uncertainty(const engine& e,
                                                 std::shared_ptr<const dataset> data,
                                                 const uncertainty_request& req) {
  if (!e.method().uncertainty) {
    GOVMETRICS_THROW(spec_error("uncertainty: the methodology has no \"uncertainty\" section "
                                "and no inputs were given (see docs/uncertainty.md)"));
  }
  uncertainty::spec s = *e.method().uncertainty;
  if (req.runs)
    s.runs = *req.runs;
  if (req.seed)
    s.seed = *req.seed;
  uncertainty::options opt = req.opt;
  opt.identity = io::analysis_identity(e.method(), *data);
  opt.progress = progress_callback(req, "govmetrics.uncertainty progress");
  auto out = std::make_shared<uncertainty_run>();
  const uncertainty::analysis an(e.tree(), std::move(data), e.method().spec, s, opt);
  out->state = an.run(req.first, req.last);
  out->finish();
  for (const auto& in : s.inputs)
    out->inputs.push_back(uncertainty::name_of(in));
  return out;
}

/// Runs the sensitivity analysis of `e`'s uncertainty section on `data` (the design's seed and
/// the bootstrap's: `seed` when given, else the section's). Call without the GIL.
std::shared_ptr<sensitivity_run> run_sensitivity(const engine& e,
                                                 std::shared_ptr<const dataset> data,
                                                 const uncertainty_request& req) {
  if (!e.method().uncertainty) {
    GOVMETRICS_THROW(spec_error("sensitivity: the methodology has no \"uncertainty\" section "
                                "and no inputs were given (its inputs are the factors; see "
                                "docs/sensitivity.md)"));
  }
  const uncertainty::spec s = *e.method().uncertainty;
  const auto& asked = *req.sensitivity;
  sensitivity::options opt =
      sensitivity::options_from(e.method().sensitivity.value_or(sensitivity::settings{}), s.seed);
  opt.n = asked.n.value_or(opt.n);
  opt.estimator.bootstrap = asked.bootstrap.value_or(opt.estimator.bootstrap);
  opt.estimator.confidence = asked.confidence.value_or(opt.estimator.confidence);
  opt.dummy = asked.dummy.value_or(opt.dummy);
  if (asked.monte_carlo) {
    opt.design.method =
        *asked.monte_carlo ? sensitivity::sampling::monte_carlo : sensitivity::sampling::sobol;
  }
  opt.design.scramble = asked.scramble.value_or(opt.design.scramble);
  opt.threads = opt.estimator.threads = req.opt.threads;
  if (!req.opt.nodes.empty())
    opt.nodes = req.opt.nodes;
  if (req.seed)
    opt.design.seed = opt.estimator.seed = *req.seed;
  opt.identity = io::analysis_identity(e.method(), *data);
  opt.progress = progress_callback(req, "govmetrics.sensitivity progress");
  auto out = std::make_shared<sensitivity_run>();
  const sensitivity::analysis an(e.tree(), std::move(data), e.method().spec, s, opt);
  if (req.first != 0 || req.last != uncertainty::analysis::npos)
    out->part = an.run_part(req.first, req.last);
  else
    out->r = sensitivity::merge_parts({an.run_part(0, an.n_blocks())}, opt.threads);
  return out;
}

using analysis_run =
    std::variant<std::shared_ptr<uncertainty_run>, std::shared_ptr<sensitivity_run>>;

/// The uncertainty or (a "sensitivity" option) sensitivity analysis of `data`. Call without the
/// GIL.
analysis_run run_analysis(const engine& e, std::shared_ptr<const dataset> data,
                          const uncertainty_request& req) {
  if (req.sensitivity)
    return run_sensitivity(e, std::move(data), req);
  return run_uncertainty(e, std::move(data), req);
}

} // namespace

void register_pipeline(py::module_& m) {
  // ---- PipelineSpec
  py::class_<pipeline_spec> spec(m, "PipelineSpec",
                                 "Every method choice of a run (C++ govmetrics::pipeline_spec).");
  spec.def(py::init([](const py::object& normalize, const py::object& aggregate,
                       const py::object& missing, const py::object& weights,
                       const py::object& treat, const std::string& ties, const std::string& ranks,
                       const py::object& normalize_overrides, const py::object& aggregate_overrides,
                       const py::object& impute, const py::object& screen,
                       const py::object& impute_overrides, const py::object& weights_overrides) {
             pipeline_spec s;
             if (!normalize.is_none())
               s.normalize = normalize.cast<normalize::any>();
             if (!aggregate.is_none())
               s.aggregate = aggregate.cast<aggregate::any>();
             if (!missing.is_none())
               s.missing = missing.cast<missing::any>();
             if (!weights.is_none())
               s.weights = weights.cast<weights::any>();
             if (!treat.is_none())
               s.treat = treat.cast<treat::any>();
             if (!impute.is_none())
               s.impute = impute.cast<impute::any>();
             if (!screen.is_none())
               s.screen = screen.cast<missing::screen>();
             if (!impute_overrides.is_none())
               s.impute_overrides = impute_overrides.cast<std::map<std::string, impute::any>>();
             s.ties = rank::ties_from_string(ties);
             s.ranks = scope_from_string(ranks);
             if (!normalize_overrides.is_none()) {
               s.normalize_overrides =
                   normalize_overrides.cast<std::map<std::string, normalize::any>>();
             }
             if (!aggregate_overrides.is_none()) {
               s.aggregate_overrides =
                   aggregate_overrides.cast<std::map<std::string, aggregate::any>>();
             }
             if (!weights_overrides.is_none()) {
               s.weights_overrides = weights_overrides.cast<std::map<std::string, weights::any>>();
             }
             return s;
           }),
           py::kw_only(), py::arg("normalize") = py::none(), py::arg("aggregate") = py::none(),
           py::arg("missing") = py::none(), py::arg("weights") = py::none(),
           py::arg("treat") = py::none(), py::arg("ties") = "min", py::arg("ranks") = "all",
           py::arg("normalize_overrides") = py::none(), py::arg("aggregate_overrides") = py::none(),
           py::arg("impute") = py::none(), py::arg("screen") = py::none(),
           py::arg("impute_overrides") = py::none(), py::arg("weights_overrides") = py::none());
  spec.def_readwrite("normalize", &pipeline_spec::normalize);
  spec.def_readwrite("aggregate", &pipeline_spec::aggregate);
  spec.def_readwrite("missing", &pipeline_spec::missing);
  spec.def_readwrite("weights", &pipeline_spec::weights);
  spec.def_readwrite("treat", &pipeline_spec::treat);
  spec.def_readwrite("impute", &pipeline_spec::impute);
  spec.def_readwrite("screen", &pipeline_spec::screen);
  spec.def_readwrite("impute_overrides", &pipeline_spec::impute_overrides);
  spec.def_property(
      "ties", [](const pipeline_spec& s) { return std::string(rank::to_string(s.ties)); },
      [](pipeline_spec& s, const std::string& t) { s.ties = rank::ties_from_string(t); });
  spec.def_property(
      "ranks", [](const pipeline_spec& s) { return std::string(scope_name(s.ranks)); },
      [](pipeline_spec& s, const std::string& t) { s.ranks = scope_from_string(t); });
  spec.def_readwrite("normalize_overrides", &pipeline_spec::normalize_overrides);
  spec.def_readwrite("aggregate_overrides", &pipeline_spec::aggregate_overrides);
  spec.def_readwrite("weights_overrides", &pipeline_spec::weights_overrides);
  spec.def("__repr__", &spec_repr);

  // ---- UnitIds
  py::class_<unit_ids, std::shared_ptr<unit_ids>>(
      m, "UnitIds", "Unit ids converted once to C++ strings, for repeated runs on the same index.")
      .def(py::init([](const py::object& labels) {
             return std::make_shared<unit_ids>(unit_ids{to_unit_ids(labels, "compute"), nullptr});
           }),
           py::arg("labels"))
      .def("__len__", [](const unit_ids& u) { return u.ids.size(); })
      .def("tolist", [](const unit_ids& u) { return u.ids; });

  // ---- Result
  py::class_<result, std::shared_ptr<result>> res(
      m, "Result",
      "Scores and ranks of every unit at every node (C++ govmetrics::result). Private: "
      "govmetrics.Result wraps it with pandas labels.");
  res.def_property_readonly("units", [](const result& r) { return r.units(); });
  res.def_property_readonly("n_units", &result::n_units);
  res.def_property_readonly("n_nodes", &result::n_nodes);
  res.def_property_readonly("ties",
                            [](const result& r) { return std::string(rank::to_string(r.ties())); });
  res.def(
      "score",
      [](const std::shared_ptr<result>& r, const py::object& node) {
        const column_view c = r->score(node_position(*r, node));
        return view_of(c.data(), c.size(), r);
      },
      py::arg("node"),
      "Scores of one node (code or framework position): a read-only array viewing the result's "
      "memory, which it keeps alive.");
  res.def(
      "rank",
      [](const std::shared_ptr<result>& r, const py::object& node) -> py::object {
        const column_view c = r->rank(node_position(*r, node));
        if (c.empty())
          return py::none();
        return view_of(c.data(), c.size(), r);
      },
      py::arg("node"), "Ranks of one node as a read-only view, or None when it was not ranked.");
  res.def(
      "scores_matrix",
      [](const result& r) { return node_matrix(r, [&](std::size_t i) { return r.score(i); }); },
      "Every node's scores: (units x nodes), framework order, a new Fortran-ordered array.");
  res.def(
      "ranks_matrix",
      [](const result& r) { return node_matrix(r, [&](std::size_t i) { return r.rank(i); }); },
      "Every node's ranks (NaN where not ranked), like scores_matrix.");
  res.def(
      "outputs",
      [](const result& r, const py::object& node) {
        py::dict d;
        for (const auto& c : r.outputs(node_position(r, node)).columns())
          d[py::str(c.name)] = to_numpy(c.values);
        return d;
      },
      py::arg("node"),
      "Extra per-unit outputs of a column-wide aggregator at one node: {name: array}, in output "
      "order ({} for indicators and per-unit aggregators).");
  res.def(
      "facts",
      [](const result& r, const py::object& node) {
        py::dict d;
        for (const auto& f : r.outputs(node_position(r, node)).facts())
          d[py::str(f.name)] = f.value;
        return d;
      },
      py::arg("node"), "Node-level facts of a column-wide aggregator: {name: value}.");
  res.def_property_readonly(
      "weights", [](const result& r) { return to_numpy(r.weights()); },
      "Weight of each node within its parent (root 1), framework order.");
  res.def(
      "weight_details",
      [](const result& r) {
        py::list out;
        for (const auto& d : r.weight_details()) {
          py::dict row;
          row["node"] = d.node;
          row["method"] = d.method;
          row["children"] = d.children;
          row["weights"] = d.weights;
          row["units_used"] = d.units_used;
          row["units_total"] = d.units_total;
          row["variance_explained"] = d.variance_explained;
          row["loadings"] = d.loadings;
          row["lambda_max"] = d.lambda_max;
          row["consistency_index"] = d.consistency_index;
          row["consistency_ratio"] = d.consistency_ratio;
          row["objective"] = d.objective;
          out.append(row);
        }
        return out;
      },
      "How each aggregate node's children were weighted (aggregation order): dicts with node, "
      "method, children, weights, units_used, units_total, variance_explained, loadings, "
      "lambda_max, consistency_index, consistency_ratio, objective.");
  res.def_property_readonly(
      "methods", [](const result& r) { return r.aggregation_methods(); },
      "Aggregation method of each node ('' for indicators).");
  res.def(
      "params",
      [](const result& r) {
        py::list out;
        for (const auto& f : r.params())
          out.append(py::make_tuple(f.indicator, f.method, f.values));
        return out;
      },
      "Fitted normalisation parameters: [(indicator, method, [(name, value), ...]), ...].");
  // The data stages: each indicator's values after denomination, imputation and screening (None
  // when that stage did not run), what the imputation did, what the screening removed.
  const auto stage = [&](const char* name, column_view (result::*get)(std::string_view) const) {
    res.def(
        name,
        [get](const std::shared_ptr<result>& r, const std::string& code) -> py::object {
          const column_view c = ((*r).*get)(code);
          if (c.empty())
            return py::none();
          return view_of(c.data(), c.size(), r);
        },
        py::arg("code"));
  };
  stage("denominated", &result::denominated);
  stage("imputed", &result::imputed);
  stage("screened", &result::screened);
  res.def(
      "imputation",
      [](const result& r) {
        py::list out;
        for (const auto& d : r.imputation()) {
          std::vector<std::string> units;
          for (std::size_t u : d.units)
            units.push_back(r.units()[u]);
          out.append(py::make_tuple(d.indicator, d.method, d.group, d.missing, units,
                                    d.left_missing, d.empty_groups));
        }
        return out;
      },
      "[(indicator, method, group, missing, imputed_units, left_missing, empty_groups), ...].");
  res.def_property_readonly("screened_units", &result::screened_units);
  res.def_property_readonly("screened_indicators", &result::screened_indicators);
  res.def_property_readonly("unit_shares", [](const result& r) -> py::object {
    if (r.prepared().unit_shares.empty())
      return py::none();
    return to_numpy(r.prepared().unit_shares);
  });
  res.def(
      "diagnostics",
      [](const result& r) {
        py::list out;
        for (const auto& d : r.diagnostics()) {
          out.append(py::make_tuple(to_string(d.severity), d.component, d.node, d.unit, d.message));
        }
        return out;
      },
      "[(severity, component, node, unit, message), ...].");

  // ---- Engine
  py::class_<engine, std::shared_ptr<engine>> eng(
      m, "Engine",
      "A validated methodology resolved for repeated runs. Private: govmetrics.Methodology "
      "holds one.");
  eng.def(py::init([](std::vector<node> nodes, const pipeline_spec& s, std::string name,
                      std::string description, std::string unit) {
            io::methodology mt;
            mt.nodes = std::move(nodes);
            mt.spec = s;
            mt.name = std::move(name);
            mt.description = std::move(description);
            mt.unit_column = std::move(unit);
            return std::make_shared<engine>(std::move(mt));
          }),
          py::arg("nodes"), py::arg("spec"), py::kw_only(), py::arg("name") = "",
          py::arg("description") = "", py::arg("unit") = "");
  eng.def_property_readonly("nodes", [](const engine& e) { return e.method().nodes; });
  eng.def_property_readonly("spec", [](const engine& e) { return e.method().spec; });
  eng.def_property_readonly("name", [](const engine& e) { return e.method().name; });
  eng.def_property_readonly("description", [](const engine& e) { return e.method().description; });
  eng.def_property_readonly("unit", [](const engine& e) { return e.method().unit_column; });
  eng.def_property_readonly("layout", [](const engine& e) {
    return std::string(e.method().layout == io::csv_layout::wide ? "wide" : "long");
  });
  eng.def_property_readonly("columns", &engine::columns,
                            "Data columns the indicators read, first-use order.");
  eng.def_property_readonly(
      "label_columns", [](const engine& e) { return e.csv().label_columns; },
      "Text (label) columns the methodology needs, e.g. the imputation group.");
  eng.def_property_readonly("codes", [](const engine& e) {
    std::vector<std::string> out;
    for (const auto& n : e.tree()->nodes())
      out.push_back(n.code);
    return out;
  });
  eng.def_property_readonly("parents", [](const engine& e) {
    std::vector<std::string> out;
    for (const auto& n : e.tree()->nodes())
      out.push_back(n.parent);
    return out;
  });
  eng.def_property_readonly("depths", [](const engine& e) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < e.tree()->size(); ++i)
      out.push_back(e.tree()->depth(i));
    return out;
  });
  eng.def_property_readonly("root", [](const engine& e) { return e.tree()->root(); });
  eng.def_property_readonly(
      "indicators", [](const engine& e) { return e.tree()->indicators(); },
      "Positions of the indicators, file order.");
  eng.def(
      "children", [](const engine& e, std::size_t i) { return e.tree()->children(i); },
      py::arg("position"));
  eng.def_property_readonly(
      "weights", [](const engine& e) { return to_numpy(e.plan().weights); },
      "Weight of each node within its parent as the runs use them.");

  eng.def(
      "run_matrix",
      [](const std::shared_ptr<engine>& e, const py::object& units, const f_array& x,
         const py::object& names, const py::object& labels) {
        auto ids = run_unit_ids(units);
        auto cols = column_names(*e, names);
        auto ptrs = matrix_columns(x, ids->size(), cols->size());
        auto text = label_columns(labels);
        py::gil_scoped_release release;
        const dataset_view view =
            labelled_view(std::move(ids), std::move(cols), std::move(ptrs), std::move(text));
        return e->run(view);
      },
      py::arg("units"), py::arg("x"), py::arg("names") = py::none(), py::arg("labels") = py::none(),
      "Run on a (units x columns) float64 array, read in place when Fortran-ordered.");
  eng.def(
      "run_blocks",
      [](const std::shared_ptr<engine>& e, const py::object& units, const py::list& blocks,
         const py::array_t<std::int64_t>& blkno, const py::array_t<std::int64_t>& blkloc,
         const py::object& names, const py::object& labels) {
        auto ids = run_unit_ids(units);
        auto cols = column_names(*e, names);
        auto ptrs = block_columns(blocks, blkno, blkloc, ids->size(), cols->size());
        auto text = label_columns(labels);
        py::gil_scoped_release release;
        const dataset_view view =
            labelled_view(std::move(ids), std::move(cols), std::move(ptrs), std::move(text));
        return e->run(view);
      },
      py::arg("units"), py::arg("blocks"), py::arg("blkno"), py::arg("blkloc"),
      py::arg("names") = py::none(), py::arg("labels") = py::none(),
      "Run on columns read in place from 2-D C-contiguous float64 blocks (pandas' layout).");
  // What the runs above read, as addresses: proof (in the tests) that no copy was made.
  eng.def(
      "matrix_addresses",
      [](const engine& e, const py::object& units, const f_array& x, const py::object& names) {
        const auto ids = run_unit_ids(units);
        const auto cols = column_names(e, names);
        std::vector<std::uintptr_t> out;
        for (const double* p : matrix_columns(x, ids->size(), cols->size()))
          out.push_back(reinterpret_cast<std::uintptr_t>(p));
        return out;
      },
      py::arg("units"), py::arg("x"), py::arg("names") = py::none());
  eng.def(
      "block_addresses",
      [](const engine& e, const py::object& units, const py::list& blocks,
         const py::array_t<std::int64_t>& blkno, const py::array_t<std::int64_t>& blkloc,
         const py::object& names) {
        auto ids = run_unit_ids(units);
        auto cols = column_names(e, names);
        auto ptrs = block_columns(blocks, blkno, blkloc, ids->size(), cols->size());
        const dataset_view view(std::move(ids), std::move(cols), std::move(ptrs));
        std::vector<std::uintptr_t> out;
        for (std::size_t j = 0; j < view.n_indicators(); ++j)
          out.push_back(reinterpret_cast<std::uintptr_t>(view.column(j).data()));
        return out;
      },
      py::arg("units"), py::arg("blocks"), py::arg("blkno"), py::arg("blkloc"),
      py::arg("names") = py::none());
  // ---- uncertainty analysis (docs/uncertainty.md)
  py::class_<uncertainty_run, std::shared_ptr<uncertainty_run>> ur(
      m, "UncertaintyRun", "An uncertainty analysis that ran. Private: govmetrics.uncertainty.");
  ur.def_property_readonly("runs", [](const uncertainty_run& u) { return u.state.runs; });
  ur.def_property_readonly("seed", [](const uncertainty_run& u) { return u.state.seed; });
  ur.def_property_readonly("units", [](const uncertainty_run& u) { return u.state.units; });
  ur.def_property_readonly("nodes", [](const uncertainty_run& u) { return u.state.nodes; });
  ur.def_property_readonly("n_blocks", [](const uncertainty_run& u) { return u.state.n_blocks(); });
  ur.def_property_readonly("blocks",
                           [](const uncertainty_run& u) { return u.state.blocks.size(); });
  ur.def_property_readonly("complete", [](const uncertainty_run& u) { return u.state.complete(); });
  ur.def_property_readonly("identity", [](const uncertainty_run& u) { return u.state.identity; });
  ur.def_property_readonly("pairwise_counted",
                           [](const uncertainty_run& u) { return u.state.pairwise; });
  ur.def_property_readonly("recorded", [](const uncertainty_run& u) { return u.state.record; });
  ur.def_property_readonly("scores_kept",
                           [](const uncertainty_run& u) { return u.state.keep_scores; });
  ur.def(
      "rank_statistics",
      [](const uncertainty_run& u) {
        py::list out;
        for (const auto& s : u.statistics()) {
          out.append(py::make_tuple(s.unit, s.node, s.nominal, s.mean, s.median, s.q05, s.q95, s.sd,
                                    s.ranked, s.score_nominal, s.score_mean, s.score_sd,
                                    s.score_median, s.score_q05, s.score_q95));
        }
        return out;
      },
      "[(unit, node, nominal, mean, median, q05, q95, sd, ranked, score_nominal, score_mean, "
      "score_sd, score_median, score_q05, score_q95), ...]");
  ur.def(
      "acceptability",
      [](const uncertainty_run& u) {
        py::list out;
        for (std::size_t k = 0; k < u.state.nodes.size(); ++k) {
          for (std::size_t i = 0; i < u.state.n_units(); ++i) {
            for (const auto& [rank, p] : uncertainty::acceptability(u.state, k, i))
              out.append(py::make_tuple(u.state.units[i], u.state.nodes[k], rank, p));
          }
        }
        return out;
      },
      "[(unit, node, rank, probability), ...] for every probability above 0.");
  ur.def(
      "pairwise",
      [](const uncertainty_run& u) {
        const std::size_t n = u.state.n_units();
        const std::size_t k = u.state.nodes.size();
        const auto sz = [](std::size_t x) { return static_cast<py::ssize_t>(x); };
        py::array_t<double> out({sz(k), sz(n), sz(n)});
        auto w = out.mutable_unchecked<3>();
        for (std::size_t a = 0; a < k; ++a) {
          for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j)
              w(a, i, j) = i == j ? 0.0 : uncertainty::above(u.state, a, i, j);
          }
        }
        return out;
      },
      "(nodes, units, units) array: P(unit i ranks strictly above unit j).");
  ur.def(
      "replications",
      [](const uncertainty_run& u) {
        const auto& st = u.state;
        uncertainty::detail::require_complete(st);
        if (!st.record) {
          GOVMETRICS_THROW(spec_error("uncertainty: the replications were not recorded (ask for "
                                      "them: record=True)"));
        }
        const std::size_t d = st.draw_columns.size();
        const std::size_t per_run = st.nodes.size() * st.n_units();
        const auto sz = [](std::size_t x) { return static_cast<py::ssize_t>(x); };
        py::array_t<double> draws({sz(st.runs), sz(d)});
        py::array_t<double> ranks({sz(st.runs), sz(per_run)});
        py::array_t<bool> failed(sz(st.runs));
        auto dw = draws.mutable_unchecked<2>();
        auto rw = ranks.mutable_unchecked<2>();
        auto fw = failed.mutable_unchecked<1>();
        for (const auto& [index, b] : st.blocks) {
          const std::size_t first = index * st.block_size;
          for (std::size_t r = 0; r < b.shift.size(); ++r) {
            fw(first + r) = false;
            for (std::size_t c = 0; c < d; ++c)
              dw(first + r, c) = b.draws[r * d + c];
            for (std::size_t c = 0; c < per_run; ++c)
              rw(first + r, c) = b.ranks[r * per_run + c];
          }
          for (std::size_t r : b.failed_at)
            fw(r) = true;
        }
        return py::make_tuple(st.draw_columns, st.draw_labels, draws, ranks, failed);
      },
      "(draw columns, their labels, draws (runs x columns), ranks (runs x nodes*units), failed)");
  ur.def("rank_shifts",
         [](const uncertainty_run& u) { return to_numpy(uncertainty::rank_shifts(u.state)); });
  ur.def("failures", [](const uncertainty_run& u) { return u.state.failures; });
  const auto csv_of = [](auto write) {
    return [write](const uncertainty_run& u) {
      std::ostringstream os;
      write(os, u);
      return os.str();
    };
  };
  ur.def(
      "workbook",
      [](const uncertainty_run& u, const std::shared_ptr<engine>& e,
         const std::shared_ptr<result>& r, const f_array& raw) {
        auto sheets = io::result_sheets(e->method(), *r, raw_columns_of(*r, raw));
        sheets.push_back(io::uncertainty_sheet(u.statistics()));
        return py::bytes(io::xlsx_workbook(sheets));
      },
      py::arg("engine"), py::arg("result"), py::arg("raw"),
      "The .xlsx bytes of `govmetrics uncertainty --xlsx`: the result's sheets and 'uncertainty'.");
  ur.def("rank_statistics_csv", csv_of([](std::ostream& os, const uncertainty_run& u) {
           io::write_rank_statistics(os, u.statistics());
         }));
  ur.def("score_statistics_csv", csv_of([](std::ostream& os, const uncertainty_run& u) {
           io::write_score_statistics(os, u.statistics());
         }));
  ur.def("acceptability_csv", csv_of([](std::ostream& os, const uncertainty_run& u) {
           io::write_acceptability(os, u.state);
         }));
  ur.def("pairwise_csv", csv_of([](std::ostream& os, const uncertainty_run& u) {
           io::write_pairwise(os, u.state);
         }));
  ur.def("replications_csv", csv_of([](std::ostream& os, const uncertainty_run& u) {
           io::write_replications(os, u.state);
         }));
  ur.def(
      "state_bytes", [](const uncertainty_run& u) { return py::bytes(io::state_bytes(u.state)); },
      "The state as govmetrics uncertainty --state-out writes it.");
  ur.def(
      "merge",
      [](const uncertainty_run& u, const uncertainty_run& other) {
        auto out = std::make_shared<uncertainty_run>();
        out->state = u.state;
        out->state.merge(other.state);
        out->finish();
        // the inputs' names, when both sides know the same ones (the report shows them)
        if (!u.inputs.empty() && (other.inputs.empty() || other.inputs == u.inputs))
          out->inputs = u.inputs;
        else if (u.inputs.empty())
          out->inputs = other.inputs;
        return out;
      },
      py::arg("other"), "A new run holding the blocks of both (spec_error when they overlap).");
  m.def(
      "uncertainty_state",
      [](const py::bytes& bytes, const std::string& source) {
        auto out = std::make_shared<uncertainty_run>();
        out->state = io::read_state_bytes(std::string_view(bytes), source);
        out->finish();
        return out;
      },
      py::arg("bytes"), py::arg("source") = "<bytes>",
      "An UncertaintyRun from a state's bytes (state_bytes, --state-out files).");
  py::class_<sensitivity_run, std::shared_ptr<sensitivity_run>> sr(
      m, "SensitivityRun", "A sensitivity analysis that ran (private; see SensitivityResult).");
  sr.def_property_readonly("complete", [](const sensitivity_run& s) { return !s.part; });
  sr.def("state_bytes", [](const sensitivity_run& s) {
    if (!s.part)
      GOVMETRICS_THROW(spec_error("sensitivity: a complete result has no part to save"));
    return py::bytes(io::part_bytes(*s.part));
  });
  m.def(
      "sensitivity_merge",
      [](const std::vector<py::bytes>& states, const std::vector<std::string>& sources,
         std::size_t threads) {
        std::vector<sensitivity::part> parts;
        for (std::size_t i = 0; i < states.size(); ++i) {
          const std::string bytes = states[i];
          parts.push_back(io::read_part_bytes(bytes, i < sources.size() ? sources[i] : "<bytes>"));
        }
        auto out = std::make_shared<sensitivity_run>();
        {
          py::gil_scoped_release release;
          out->r = sensitivity::merge_parts(std::move(parts), threads);
        }
        return out;
      },
      py::arg("states"), py::arg("sources"), py::arg("threads") = 0,
      "Merges the parts of every block of one sensitivity analysis (state bytes).");
  m.attr("sensitivity_block_size") = sensitivity::options{}.block_size;
  sr.def_property_readonly("factors", [](const sensitivity_run& s) { return s.r.factors; });
  sr.def_property_readonly("outputs", [](const sensitivity_run& s) { return s.r.outputs; });
  sr.def_property_readonly("n", [](const sensitivity_run& s) { return s.r.n; });
  sr.def_property_readonly("n_design", [](const sensitivity_run& s) { return s.r.n_design; });
  sr.def_property_readonly("dropped", [](const sensitivity_run& s) { return s.r.dropped; });
  sr.def_property_readonly("failures", [](const sensitivity_run& s) { return s.r.failures; });
  sr.def_property_readonly("y", [](const sensitivity_run& s) {
    const std::size_t k = s.r.outputs.size();
    return table(s.r.y, s.r.y.size() / k, k);
  });
  sr.def_property_readonly("estimates",
                           [](const sensitivity_run& s) { return indices_dict(s.r.estimates); });
  sr.def_property_readonly("convergence", [](const sensitivity_run& s) {
    py::list out;
    for (const auto& step : s.r.convergence)
      out.append(indices_dict(step));
    return out;
  });
  sr.def(
      "indices_csv",
      [](const sensitivity_run& s, const std::string& which) {
        std::ostringstream os;
        const io::sensitivity_outputs kind = which == "scalar"  ? io::sensitivity_outputs::scalar
                                             : which == "ranks" ? io::sensitivity_outputs::ranks
                                                                : io::sensitivity_outputs::scores;
        io::write_sensitivity_indices(os, s.r, kind);
        return os.str();
      },
      py::arg("which"), "The --out (scalar), --by-unit-out (ranks) or scores table as text.");
  sr.def("convergence_csv", [](const sensitivity_run& s) {
    std::ostringstream os;
    io::write_sensitivity_convergence(os, s.r, io::sensitivity_outputs::scalar);
    return os.str();
  });
  m.def(
      "sobol_design",
      [](std::size_t d, std::size_t n, std::uint64_t seed, bool scramble,
         const std::string& method) {
        sensitivity::design_options opt;
        opt.seed = seed;
        opt.scramble = scramble;
        if (method == "monte_carlo")
          opt.method = sensitivity::sampling::monte_carlo;
        else if (method != "sobol")
          GOVMETRICS_THROW(spec_error("sensitivity: unknown sampling '" + method +
                                      "' (expected 'sobol' or 'monte_carlo')"));
        std::vector<double> x;
        {
          py::gil_scoped_release release;
          x = sensitivity::sobol_design(d, n, opt);
        }
        return table(x, d == 0 ? 0 : x.size() / d, d);
      },
      py::arg("d"), py::arg("n"), py::arg("seed"), py::arg("scramble"), py::arg("method"));
  m.def(
      "sobol_indices",
      [](const py::array_t<double, py::array::c_style | py::array::forcecast>& y, std::size_t d,
         std::size_t bootstrap, double confidence, std::uint64_t seed, std::size_t threads) {
        if (y.ndim() != 2)
          GOVMETRICS_THROW(spec_error("sensitivity: y must have 1 or 2 dimensions"));
        sensitivity::estimator_options opt;
        opt.bootstrap = bootstrap;
        opt.confidence = confidence;
        opt.seed = seed;
        opt.threads = threads;
        const auto rows = static_cast<std::size_t>(y.shape(0));
        const auto k = static_cast<std::size_t>(y.shape(1));
        sensitivity::indices est;
        std::vector<sensitivity::indices> steps;
        {
          py::gil_scoped_release release;
          est = sensitivity::sobol_indices(y.data(), rows, d, k, opt);
          sensitivity::estimator_options plain = opt;
          plain.bootstrap = 0;
          steps = sensitivity::convergence(y.data(), rows, d, k, plain);
        }
        py::dict out = indices_dict(est);
        py::list conv;
        for (const auto& step : steps)
          conv.append(indices_dict(step));
        out["convergence"] = conv;
        return out;
      },
      py::arg("y"), py::arg("d"), py::arg("bootstrap"), py::arg("confidence"), py::arg("seed"),
      py::arg("threads"));

  m.attr("uncertainty_block_size") = uncertainty::options{}.block_size;
  eng.def(
      "uncertainty_blocks",
      [](const std::shared_ptr<engine>& e, const py::object& units, const py::list& blocks,
         const py::array_t<std::int64_t>& blkno, const py::array_t<std::int64_t>& blkloc,
         const py::object& names, const py::object& labels, const py::dict& options) {
        const uncertainty_request req = read_request(options);
        auto ids = run_unit_ids(units);
        auto cols = column_names(*e, names);
        auto ptrs = block_columns(blocks, blkno, blkloc, ids->size(), cols->size());
        auto text = label_columns(labels);
        py::gil_scoped_release release;
        const dataset_view view =
            labelled_view(std::move(ids), std::move(cols), std::move(ptrs), std::move(text));
        return run_analysis(*e, own(view), req);
      },
      py::arg("units"), py::arg("blocks"), py::arg("blkno"), py::arg("blkloc"),
      py::arg("names") = py::none(), py::arg("labels") = py::none(),
      py::arg("options") = py::dict(),
      "Uncertainty analysis on pandas blocks (copied once: every replication may re-prepare). "
      "options: runs, seed, threads, nodes, pairwise, record, score_quantiles, first_block, "
      "last_block, progress.");
  eng.def(
      "uncertainty_matrix",
      [](const std::shared_ptr<engine>& e, const py::object& units, const f_array& x,
         const py::object& names, const py::dict& options) {
        const uncertainty_request req = read_request(options);
        auto ids = run_unit_ids(units);
        auto cols = column_names(*e, names);
        auto ptrs = matrix_columns(x, ids->size(), cols->size());
        py::gil_scoped_release release;
        const dataset_view view(std::move(ids), std::move(cols), std::move(ptrs));
        return run_analysis(*e, own(view), req);
      },
      py::arg("units"), py::arg("x"), py::arg("names") = py::none(),
      py::arg("options") = py::dict(),
      "Uncertainty analysis on a (units x columns) float64 array.");
  eng.def(
      "uncertainty_csv",
      [](const std::shared_ptr<engine>& e, const std::string& path, const py::dict& options) {
        const uncertainty_request req = read_request(options);
        py::gil_scoped_release release;
        auto data = std::make_shared<const dataset>(io::read_csv(path, e->csv()));
        return run_analysis(*e, std::move(data), req);
      },
      py::arg("path"), py::arg("options") = py::dict(),
      "Uncertainty analysis on a CSV file read with the methodology's data options.");
  eng.def(
      "run_csv",
      [](const std::shared_ptr<engine>& e, const std::string& path) {
        io::csv_report report;
        std::shared_ptr<result> r;
        {
          py::gil_scoped_release release;
          const dataset data = io::read_csv(path, e->csv(), &report);
          r = e->run(data);
        }
        return py::make_tuple(r, io::csv_notes(report));
      },
      py::arg("path"),
      "Read a CSV file with the methodology's data options, then run: (result, the command's "
      "notes on the data: columns not used, rows skipped, unit ids trimmed).");
  eng.def(
      "bench_matrix",
      [](const std::shared_ptr<engine>& e, const py::object& units, const f_array& x,
         std::size_t repeat) {
        const auto ids = run_unit_ids(units);
        const auto& cols = e->column_list();
        const auto ptrs = matrix_columns(x, ids->size(), cols->size());
        py::gil_scoped_release release;
        double sink = 0.0;
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t k = 0; k < repeat; ++k) {
          // the ids copied and checked each time, as run_matrix does with a new list of ids (a
          // list given again and a UnitIds, a DataFrame's index, are checked once: gm.compute
          // can cost less than this)
          const dataset_view view(std::make_shared<const name_list>(ids->names(), "unit id"), cols,
                                  ptrs);
          const auto r = e->run(view);
          sink += r->score(r->tree().root())[0];
        }
        const auto t1 = std::chrono::steady_clock::now();
        volatile double keep = sink;
        (void)keep;
        return static_cast<double>(
                   std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()) /
               static_cast<double>(repeat == 0 ? 1 : repeat);
      },
      py::arg("units"), py::arg("x"), py::arg("repeat"),
      "Nanoseconds per call of what run_matrix does in C++ (view, prepare, evaluate, rank), "
      "timed inside C++ over `repeat` calls. For benchmarks/python_overhead.py.");

#ifdef GOVMETRICS_HAVE_REPORT
  m.attr("html_report_libraries") = io::html_report_libraries();
#else
  m.attr("html_report_libraries") = py::none();
#endif
  m.def(
      "html_report",
      [](const std::shared_ptr<engine>& e, const std::shared_ptr<result>& r, const f_array& raw,
         const std::vector<std::string>& notes, const std::shared_ptr<uncertainty_run>& u,
         const std::shared_ptr<sensitivity_run>& s) -> py::bytes {
#ifndef GOVMETRICS_HAVE_REPORT
        (void)e, (void)r, (void)raw, (void)notes, (void)u, (void)s;
        throw std::runtime_error(
            "to_html: this govmetrics was built without the HTML report: its charting library "
            "(web/node_modules) was missing at build time; run `npm ci --prefix web` in the "
            "source tree and build again (docs/report.md)");
#else
        io::html_report_options o;
        o.notes = notes;
        if (u) {
          o.uncertainty = &u->state;
          o.uncertainty_inputs = u->inputs;
          if (o.uncertainty_inputs.empty() && e->method().uncertainty) // a merged state
            for (const auto& in : e->method().uncertainty->inputs)
              o.uncertainty_inputs.push_back(uncertainty::name_of(in));
        }
        if (s) {
          if (s->part) {
            GOVMETRICS_THROW(spec_error("report: the sensitivity analysis is one shard; merge "
                                        "the shards first (SensitivityResult.from_states)"));
          }
          o.sensitivity = &s->r;
        }
        const audit::named_columns columns = raw_columns_of(*r, raw);
        std::string page;
        {
          py::gil_scoped_release nogil;
          page = io::html_report(e->method(), e->model(), *r, columns, o);
        }
        return py::bytes(page);
#endif
      },
      py::arg("engine"), py::arg("result"), py::arg("raw"), py::arg("notes"),
      py::arg("uncertainty") = nullptr, py::arg("sensitivity") = nullptr,
      "The bytes of `govmetrics report` for this result (docs/report.md).");
}

} // namespace govmetrics::python
