// govmetrics Python bindings: the functional multi-criteria API on a plain decision matrix
// (include/govmetrics/mcda/*.hpp). Each C++ function is one m.def below returning its named
// output columns; the public functions (labels in and out) are in python/src/govmetrics/mcda.py.
// Adding a function: one m.def here in the shape of `saw`, one wrapper in mcda.py.
#include "bind_common.hpp"

#include <govmetrics/core/matrix.hpp>
#include <govmetrics/mcda/grey_relational.hpp>
#include <govmetrics/mcda/saw.hpp>
#include <govmetrics/mcda/topsis.hpp>
#include <govmetrics/mcda/vikor.hpp>
#include <govmetrics/mcda/wpm.hpp>

#include <initializer_list>

namespace govmetrics::python {
namespace {

matrix_view as_matrix(const f_array& x, const char* who) {
  if (x.ndim() != 2) {
    GOVMETRICS_THROW(data_error(std::string(who) +
                                ": expected a 2-D matrix (alternatives x criteria), got " +
                                std::to_string(x.ndim()) + " dimension(s)"));
  }
  return {x.data(), static_cast<std::size_t>(x.shape(0)), static_cast<std::size_t>(x.shape(1))};
}

/// Named output columns, in order: {"score": array, ...} (a dict keeps insertion order).
py::dict columns(std::initializer_list<std::pair<const char*, const std::vector<double>*>> cols) {
  py::dict out;
  for (const auto& [name, values] : cols)
    out[name] = to_numpy(*values);
  return out;
}

} // namespace

void register_mcda(py::module_& root) {
  py::module_ m = root.attr("mcda");

  m.def(
      "topsis",
      [](const f_array& x, const std::vector<double>& w, const py::sequence& directions,
         const std::string& normalization) {
        const matrix_view v = as_matrix(x, "mcda::topsis");
        const auto d = to_directions(directions, "mcda::topsis");
        const auto n = mcda::topsis_normalization_from_string(normalization);
        mcda::topsis_result r;
        {
          py::gil_scoped_release release;
          r = mcda::topsis(v, w, d, n);
        }
        return columns({{"d_plus", &r.d_plus},
                        {"d_minus", &r.d_minus},
                        {"score", &r.score},
                        {"rank", &r.rank}});
      },
      py::arg("m"), py::arg("w"), py::arg("directions"), py::arg("normalization") = "vector");

  m.def(
      "vikor",
      [](const f_array& x, const std::vector<double>& w, const py::sequence& directions, double v) {
        const matrix_view mv = as_matrix(x, "mcda::vikor");
        const auto d = to_directions(directions, "mcda::vikor");
        mcda::vikor_result r;
        {
          py::gil_scoped_release release;
          r = mcda::vikor(mv, w, d, v);
        }
        py::dict out = columns({{"S", &r.s}, {"R", &r.r}, {"Q", &r.q}, {"rank", &r.rank}});
        py::array_t<bool> in_set(static_cast<py::ssize_t>(r.q.size()));
        std::fill(in_set.mutable_data(), in_set.mutable_data() + in_set.size(), false);
        for (const std::size_t i : r.compromise_set)
          in_set.mutable_data()[i] = true;
        out["compromise"] = in_set;
        py::dict info;
        info["dq"] = r.dq;
        info["acceptable_advantage"] = r.acceptable_advantage;
        info["acceptable_stability"] = r.acceptable_stability;
        info["compromise_set"] = r.compromise_set;
        return py::make_tuple(out, info);
      },
      py::arg("m"), py::arg("w"), py::arg("directions"), py::arg("v") = 0.5);

  m.def(
      "saw",
      [](const f_array& x, const std::vector<double>& w, const py::sequence& directions) {
        const matrix_view mv = as_matrix(x, "mcda::saw");
        const auto d = to_directions(directions, "mcda::saw");
        mcda::saw_result r;
        {
          py::gil_scoped_release release;
          r = mcda::saw(mv, w, d);
        }
        return columns({{"score", &r.score}, {"rank", &r.rank}});
      },
      py::arg("m"), py::arg("w"), py::arg("directions"));

  m.def(
      "wpm",
      [](const f_array& x, const std::vector<double>& w, const py::sequence& directions,
         const std::string& zeros) {
        const matrix_view mv = as_matrix(x, "mcda::wpm");
        const auto d = to_directions(directions, "mcda::wpm");
        const auto z = mcda::wpm_zeros_from_string(zeros);
        mcda::wpm_result r;
        {
          py::gil_scoped_release release;
          r = mcda::wpm(mv, w, d, z);
        }
        return columns({{"score", &r.score}, {"log10_score", &r.log10_score}, {"rank", &r.rank}});
      },
      py::arg("m"), py::arg("w"), py::arg("directions"), py::arg("zeros") = "error");

  m.def(
      "grey_relational",
      [](const f_array& x, const std::vector<double>& w, const py::sequence& directions,
         double rho) {
        const matrix_view mv = as_matrix(x, "mcda::grey_relational");
        const auto d = to_directions(directions, "mcda::grey_relational");
        mcda::grey_relational_result r;
        {
          py::gil_scoped_release release;
          r = mcda::grey_relational(mv, w, d, rho);
        }
        return columns({{"grade", &r.grade}, {"rank", &r.rank}});
      },
      py::arg("m"), py::arg("w"), py::arg("directions"), py::arg("rho") = 0.5);
}

} // namespace govmetrics::python
