// govmetrics Python bindings: the exception hierarchy. C++ exceptions keep their message; each
// Python class also derives from the builtin a Python user would expect:
//   GovMetricsError(Exception)
//   SpecError(GovMetricsError, ValueError)        govmetrics::spec_error
//   DataError(GovMetricsError, ValueError)        govmetrics::data_error
//   UnknownCodeError(GovMetricsError, KeyError)   govmetrics::unknown_code_error
//   ParseError(GovMetricsError, ValueError)       govmetrics::parse_error (+ source, line, column)
#include "bind_common.hpp"

#include <exception>

namespace govmetrics::python {
namespace {

// Owned references, created once per interpreter and never released (module lifetime).
PyObject* error_type = nullptr;
PyObject* spec_error_type = nullptr;
PyObject* data_error_type = nullptr;
PyObject* unknown_code_error_type = nullptr;
PyObject* parse_error_type = nullptr;

PyObject* make_type(const char* name, const char* doc, PyObject* bases) {
  PyObject* t = PyErr_NewExceptionWithDoc(name, doc, bases, nullptr);
  if (t == nullptr)
    throw py::error_already_set();
  return t;
}

void raise(PyObject* type, const std::exception& e) {
  PyErr_SetString(type, e.what());
}

} // namespace

void register_errors(py::module_& m) {
  error_type =
      make_type("govmetrics.GovMetricsError",
                "Root of every error govmetrics raises (C++ govmetrics::error).", PyExc_Exception);
  const auto bases = [](PyObject* builtin) {
    return py::make_tuple(py::handle(error_type), py::handle(builtin));
  };
  spec_error_type = make_type("govmetrics.SpecError",
                              "A methodology (framework, method choice, parameter) is invalid "
                              "(C++ govmetrics::spec_error). Also a ValueError.",
                              bases(PyExc_ValueError).ptr());
  data_error_type =
      make_type("govmetrics.DataError",
                "Data are unusable for the requested computation: zero range, non-positive values "
                "for a geometric mean, duplicate units, a text column, ... "
                "(C++ govmetrics::data_error). Also a ValueError.",
                bases(PyExc_ValueError).ptr());
  unknown_code_error_type =
      make_type("govmetrics.UnknownCodeError",
                "A code (indicator, node, unit, column) that does not exist was asked for "
                "(C++ govmetrics::unknown_code_error). Also a KeyError; str() gives the message "
                "as it is (a plain KeyError would quote it).",
                bases(PyExc_KeyError).ptr());
  parse_error_type =
      make_type("govmetrics.ParseError",
                "Text (CSV, JSON) could not be read (C++ govmetrics::parse_error). Also a "
                "ValueError. Attributes: source, line, column (1-based; 0 where not applicable).",
                bases(PyExc_ValueError).ptr());

  py::handle pe(parse_error_type);
  pe.attr("source") = "";
  pe.attr("line") = 0;
  pe.attr("column") = 0;

  // KeyError.__str__ returns repr(message); keep the C++ message intact instead.
  py::handle(unknown_code_error_type).attr("__str__") =
      py::module_::import("builtins").attr("BaseException").attr("__str__");

  m.attr("GovMetricsError") = py::handle(error_type);
  m.attr("SpecError") = py::handle(spec_error_type);
  m.attr("DataError") = py::handle(data_error_type);
  m.attr("UnknownCodeError") = py::handle(unknown_code_error_type);
  m.attr("ParseError") = py::handle(parse_error_type);

  // Most derived first. boost::throw_exception wraps each in boost::wrapexcept<E>, derived from E.
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p)
      return;
    try {
      std::rethrow_exception(p);
    } catch (const parse_error& e) {
      py::object exc = py::handle(parse_error_type)(py::str(e.what()));
      exc.attr("source") = e.source();
      exc.attr("line") = e.line();
      exc.attr("column") = e.column();
      PyErr_SetObject(parse_error_type, exc.ptr());
    } catch (const spec_error& e) {
      raise(spec_error_type, e);
    } catch (const data_error& e) {
      raise(data_error_type, e);
    } catch (const unknown_code_error& e) {
      raise(unknown_code_error_type, e);
    } catch (const error& e) {
      raise(error_type, e);
    }
  });
}

} // namespace govmetrics::python
