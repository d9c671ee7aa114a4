// govmetrics Python bindings: methodology files (read, parse, check, write), CSV data read by the
// same reader as the `govmetrics` command, and the command's result files.
#include "bind_common.hpp"

#include "engine.hpp"

#include <govmetrics/io/coinr.hpp>
#include <govmetrics/io/results.hpp>

#include <sstream>

namespace govmetrics::python {

void register_io(py::module_& root) {
  py::module_ m = root.attr("io");

  m.def(
      "read_methodology",
      [](const std::string& path) {
        py::gil_scoped_release release;
        return std::make_shared<engine>(io::read_methodology(path));
      },
      py::arg("path"), "Read and validate a methodology file (JSON) into an Engine.");
  m.def(
      "parse_methodology",
      [](const std::string& text, const std::string& source) {
        return std::make_shared<engine>(io::parse_methodology(text, source));
      },
      py::arg("text"), py::arg("source") = "<string>",
      "Parse and validate methodology JSON text into an Engine.");
  m.def("check_methodology", &io::check_methodology, py::arg("text"),
        py::arg("source") = "<string>",
        "Every problem of a methodology text, one message each (empty when valid).");
  m.def(
      "to_json", [](const engine& e) { return io::to_json(e.method()); }, py::arg("engine"),
      "The methodology as JSON text (the file format).");
  m.def("write_file_atomically", &io::write_file_atomically, py::arg("path"), py::arg("content"),
        "Write text to a file through a temporary file renamed into place.");

  m.def(
      "read_csv",
      [](const std::string& path, const py::object& eng) {
        dataset d;
        {
          const io::csv_options opts =
              eng.is_none() ? io::csv_options{} : eng.cast<const engine&>().csv();
          py::gil_scoped_release release;
          d = io::read_csv(path, opts);
        }
        py::array_t<double, py::array::f_style> values(
            {static_cast<py::ssize_t>(d.n_units()), static_cast<py::ssize_t>(d.n_indicators())});
        std::copy(d.values().begin(), d.values().end(), values.mutable_data());
        return py::make_tuple(d.units(), d.indicators(), values);
      },
      py::arg("path"), py::arg("engine") = py::none(),
      "Read a CSV file with the C++ reader: (unit ids, column names, Fortran-ordered values). "
      "With an engine, its data options (unit column, indicator columns, layout).");

  m.def("leading_comments", &io::leading_comments, py::arg("path"),
        "The `# ...` lines that open a data file (io::leading_comments): its notes.");
  m.def(
      "csv_notes",
      [](std::vector<std::string> trimmed_unit_ids) {
        io::csv_report report;
        report.trimmed_unit_ids = std::move(trimmed_unit_ids);
        return io::csv_notes(report);
      },
      py::arg("trimmed_unit_ids"),
      "The command's notes (io::csv_notes) on unit ids trimmed of surrounding blanks.");
  m.def(
      "import_coinr",
      [](const std::string& imeta, const std::string& imeta_source, const std::string& idata,
         const std::string& idata_source) {
        const io::coinr_import im = io::import_coinr(imeta, imeta_source, idata, idata_source);
        py::dict out;
        out["methodology"] = io::to_json(im.method);
        out["group_columns"] = im.group_columns;
        out["denominator_columns"] = im.denominator_columns;
        out["other_columns"] = im.other_columns;
        out["data_columns"] = im.data_columns;
        out["notes"] = im.notes;
        out["data_csv"] = idata.empty() ? std::string()
                                        : io::coinr_data_csv(idata, idata_source, im.data_columns);
        return out;
      },
      py::arg("imeta"), py::arg("imeta_source"), py::arg("idata"), py::arg("idata_source"),
      "COINr's iMeta (and iData) CSV text as a methodology file's text (docs/coinr.md).");
  m.def("format_double", &io::format_double, py::arg("x"),
        "Shortest text that reads back as exactly x ('' for NaN), as in result files.");
  m.def(
      "results_long",
      [](const result& r) {
        std::ostringstream os;
        io::write_results_long(os, r);
        return os.str();
      },
      py::arg("result"), "The long results text (unit,node,score,rank) the command writes.");
  m.def(
      "weights_text",
      [](const result& r) {
        std::ostringstream os;
        io::write_weights(os, r);
        return os.str();
      },
      py::arg("result"), "The weights text (node,parent,weight) the command writes.");
}

} // namespace govmetrics::python
