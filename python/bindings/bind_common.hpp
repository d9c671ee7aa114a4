// govmetrics Python bindings: the first include of every bindings translation unit. pybind11,
// the govmetrics headers, the register_<family> declarations and the helpers they share.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <govmetrics/detail/fields.hpp>
#include <govmetrics/govmetrics.hpp>

#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace govmetrics::python {

namespace py = pybind11;

/// The families, registered in this order by module.cpp (later ones use earlier ones' types).
/// Each takes the extension module and binds into its own submodule (`m.attr("normalize")`, ...)
/// or, for the errors, the framework, the pipeline and the result, into the module itself.
void register_errors(py::module_& m);
void register_framework(py::module_& m);
void register_normalize(py::module_& m);
void register_aggregate(py::module_& m);
void register_missing(py::module_& m);
void register_weights(py::module_& m);
void register_mcda(py::module_& m);
void register_pipeline(py::module_& m);
void register_io(py::module_& m);
void register_audit(py::module_& m);

/// Float64 input in column-major order: a Fortran-ordered float64 array passes without a copy
/// (pandas' single-block `DataFrame.to_numpy()` is one); anything else is converted once.
using f_array = py::array_t<double, py::array::f_style | py::array::forcecast>;

/// repr(h) as UTF-8 text.
inline std::string repr_of(py::handle h) {
  return py::repr(h).cast<std::string>();
}

/// The Python class name of a strategy: its C++ `name()` in PascalCase ("min_max" -> "MinMax"),
/// with a trailing underscore when that is a reserved word ("none" -> "None_", PEP 8).
inline std::string python_class_name(std::string_view cpp_name) {
  std::string out;
  bool upper = true;
  for (const char c : cpp_name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    const bool lower_letter = c >= 'a' && c <= 'z';
    out += upper && lower_letter ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  if (out == "None" || out == "True" || out == "False")
    out += '_';
  return out;
}

/// A read-only 1-D numpy array viewing `n` doubles at `data`, which `owner` keeps alive: the
/// array's `base` is a capsule holding a copy of the shared_ptr.
template <class T>
py::array view_of(const double* data, std::size_t n, std::shared_ptr<T> owner) {
  auto* keep = new std::shared_ptr<T>(std::move(owner));
  py::capsule base(keep, [](void* p) { delete static_cast<std::shared_ptr<T>*>(p); });
  py::array out(py::dtype::of<double>(), {static_cast<py::ssize_t>(n)},
                {static_cast<py::ssize_t>(sizeof(double))}, data, base);
  out.attr("flags").attr("writeable") = false;
  return out;
}

/// A fresh 1-D float64 numpy array holding `v`.
inline py::array_t<double> to_numpy(const std::vector<double>& v) {
  py::array_t<double> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

/// A direction from "positive"/"negative" or +1/-1 (also "+1", "-1", 1.0, -1.0); spec_error
/// otherwise, naming `what`.
inline direction to_direction(py::handle h, const std::string& what) {
  if (py::isinstance<py::str>(h)) {
    const auto s = h.cast<std::string>();
    if (s == "positive" || s == "1" || s == "+1")
      return direction::positive;
    if (s == "negative" || s == "-1")
      return direction::negative;
  } else if (!py::isinstance<py::bool_>(h) && PyNumber_Check(h.ptr()) != 0) {
    const double d = py::float_(py::reinterpret_borrow<py::object>(h));
    if (d == 1.0)
      return direction::positive;
    if (d == -1.0)
      return direction::negative;
  }
  GOVMETRICS_THROW(spec_error(what + ": unknown direction " + py::repr(h).cast<std::string>() +
                              " (expected 'positive' or 'negative', or +1 or -1)"));
}

/// One direction per element of a sequence.
inline std::vector<direction> to_directions(const py::sequence& seq, const std::string& what) {
  std::vector<direction> out;
  out.reserve(seq.size());
  for (py::handle h : seq)
    out.push_back(to_direction(h, what));
  return out;
}

/// Unit ids from any iterable of labels (list, numpy object array, pandas Index values): text
/// stays as it is (UTF-8), other labels become their str(); a missing label (None, NaN) is a
/// data_error naming its position.
inline std::vector<std::string> to_unit_ids(py::handle labels, const char* who) {
  std::vector<std::string> out;
  const auto add = [&](py::handle h, std::size_t i) {
    if (PyUnicode_Check(h.ptr()) != 0) {
      Py_ssize_t size = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(h.ptr(), &size);
      if (utf8 == nullptr)
        throw py::error_already_set();
      out.emplace_back(utf8, static_cast<std::size_t>(size));
      return;
    }
    const bool missing =
        h.is_none() || (PyFloat_Check(h.ptr()) != 0 && std::isnan(PyFloat_AsDouble(h.ptr())));
    if (missing) {
      GOVMETRICS_THROW(data_error(std::string(who) + ": the unit id at position " +
                                  std::to_string(i) + " is missing (" +
                                  py::repr(h).cast<std::string>() + ")"));
    }
    out.push_back(py::str(h).cast<std::string>());
  };
  PyObject* p = labels.ptr();
  if (PyList_CheckExact(p) != 0 || PyTuple_CheckExact(p) != 0) {
    // a list or tuple by index, without an iterator; the size is read again at each step and
    // each item held while it is converted (a label's __str__ could change the list)
    out.reserve(static_cast<std::size_t>(PySequence_Fast_GET_SIZE(p)));
    for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(p); ++k) {
      const auto item = py::reinterpret_borrow<py::object>(PySequence_Fast_GET_ITEM(p, k));
      add(item, static_cast<std::size_t>(k));
    }
    return out;
  }
  if (PySequence_Check(p) != 0) {
    const Py_ssize_t n = PySequence_Size(p);
    if (n >= 0)
      out.reserve(static_cast<std::size_t>(n));
    else
      PyErr_Clear(); // no length: the iteration below still reads every label
  }
  std::size_t i = 0;
  for (py::handle h : labels)
    add(h, i++);
  return out;
}

/// The `name()`s of every alternative of a strategy variant, for the registry.
template <class Variant, std::size_t I = 0>
void collect_names(std::vector<std::string>& out) {
  if constexpr (I < std::variant_size_v<Variant>) {
    out.emplace_back(std::variant_alternative_t<I, Variant>::name());
    collect_names<Variant, I + 1>(out);
  }
}

/// Reads one strategy parameter from Python into `field`: a double, bool, str, or a sequence
/// (list, tuple, numpy array) of numbers, of str, or of sequences of numbers (see
/// detail::for_each_field). Element errors name the position, e.g. "parameter 'matrix[1][0]'".
template <class F>
void set_field(F& field, py::handle value, const std::string& who, const std::string& key) {
  const auto got = [&] { return " (got " + py::repr(value).cast<std::string>() + ")"; };
  if constexpr (std::is_same_v<F, bool>) {
    if (!py::isinstance<py::bool_>(value) &&
        !py::isinstance(value, py::module_::import("numpy").attr("bool_"))) {
      GOVMETRICS_THROW(spec_error(who + ": parameter '" + key + "' must be True or False" + got()));
    }
    field = value.cast<bool>();
  } else if constexpr (std::is_same_v<F, double>) {
    if (py::isinstance<py::bool_>(value) || PyNumber_Check(value.ptr()) == 0) {
      GOVMETRICS_THROW(spec_error(who + ": parameter '" + key + "' must be a number" + got()));
    }
    field = py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
  } else if constexpr (std::is_same_v<F, std::string>) {
    if (!py::isinstance<py::str>(value)) {
      GOVMETRICS_THROW(spec_error(who + ": parameter '" + key + "' must be a str" + got()));
    }
    field = value.cast<std::string>();
  } else {
    static_assert(std::is_same_v<F, std::vector<typename F::value_type>>,
                  "set_field: unsupported strategy field type (see detail::for_each_field)");
    if (py::isinstance<py::str>(value) || py::isinstance<py::bytes>(value) ||
        PySequence_Check(value.ptr()) == 0) {
      GOVMETRICS_THROW(
          spec_error(who + ": parameter '" + key + "' must be a sequence (list or tuple)" + got()));
    }
    const auto seq = py::reinterpret_borrow<py::sequence>(value);
    F out(seq.size());
    for (std::size_t i = 0; i < out.size(); ++i)
      set_field(out[i], seq[i], who, key + "[" + std::to_string(i) + "]");
    field = std::move(out);
  }
}

/// A hashable form of a strategy field as Python sees it: lists become tuples, recursively.
inline py::object hashable(py::handle h) {
  if (py::isinstance<py::list>(h)) {
    py::list items;
    for (auto item : py::reinterpret_borrow<py::list>(h))
      items.append(hashable(item));
    return py::tuple(items);
  }
  return py::reinterpret_borrow<py::object>(h);
}

/// Binds strategy `T` (a normaliser, aggregator, ...) as a Python class named
/// python_class_name(T::name()) in `m`: a keyword constructor over its fields (detail::fields.hpp)
/// that validates, read-only properties, `name`, `to_dict()`, equality, hashing, repr, pickling.
/// `public_module` is the module users import it from (its `__module__`).
template <class T>
void bind_strategy(py::module_& m, const std::string& family, const std::string& public_module,
                   py::dict& registry) {
  const std::string cls_name = python_class_name(T::name());
  const std::string who = family + "::" + T::name();
  std::vector<std::string> keys;
  {
    T probe{};
    detail::for_each_field(probe, [&](const char* key, auto&) { keys.emplace_back(key); });
  }
  std::string doc = "The ``" + std::string(T::name()) + "`` " + family +
                    " strategy (C++ ``govmetrics::" + family + "::" + T::name() + "``).";
  if (!keys.empty()) {
    doc += " Parameters:";
    for (const auto& k : keys)
      doc += " ``" + k + "``";
    doc += " (keywords, or positional in this order).";
  }
  py::class_<T> cls(m, cls_name.c_str(), doc.c_str());
  cls.def(
      py::init([who, keys](const py::args& args, const py::kwargs& kwargs) {
        T s{};
        if (args.size() > keys.size()) {
          GOVMETRICS_THROW(spec_error(who + ": takes at most " + std::to_string(keys.size()) +
                                      " parameters (" + std::to_string(args.size()) + " given)"));
        }
        std::size_t pos = 0;
        detail::for_each_field(s, [&](const char* key, auto& field) {
          if (pos < args.size()) {
            if (kwargs.contains(key)) {
              GOVMETRICS_THROW(spec_error(who + ": parameter '" + key + "' given twice"));
            }
            set_field(field, args[pos], who, key);
          } else if (kwargs.contains(key)) {
            set_field(field, kwargs[key], who, key);
          }
          ++pos;
        });
        for (auto item : kwargs) {
          const auto key = item.first.cast<std::string>();
          bool known = false;
          for (const auto& k : keys)
            known = known || k == key;
          if (!known) {
            std::string expected;
            for (const auto& k : keys)
              expected += (expected.empty() ? "'" : ", '") + k + "'";
            GOVMETRICS_THROW(spec_error(
                who + ": unknown parameter '" + key + "' (" +
                (expected.empty() ? std::string("it takes none") : "expected " + expected) + ")"));
          }
        }
        s.validate();
        return s;
      }),
      "Keyword (or positional) parameters; invalid values raise SpecError.");
  cls.def_property_readonly_static(
      "name", [](const py::object&) { return std::string(T::name()); },
      "The method name used in methodology files (and by C++ ``name()``).");
  for (const auto& key : keys) {
    cls.def_property_readonly(key.c_str(), [key](const T& s) {
      py::object out = py::none();
      detail::for_each_field(s, [&](const char* k, const auto& field) {
        if (key == k)
          out = py::cast(field);
      });
      return out;
    });
  }
  cls.def(
      "to_dict",
      [](const T& s) {
        py::dict d;
        d["method"] = T::name();
        detail::for_each_field(s, [&](const char* k, const auto& field) { d[k] = field; });
        return d;
      },
      "``{'method': name, **parameters}``, as in a methodology file.");
  cls.def("__eq__", [](const T& a, const py::object& other) {
    if (!py::isinstance<T>(other))
      return false;
    const T& b = other.cast<const T&>();
    bool same = true;
    detail::for_each_field(a, [&](const char* k, const auto& fa) {
      detail::for_each_field(b, [&](const char* kb, const auto& fb) {
        if constexpr (std::is_same_v<decltype(fa), decltype(fb)>) {
          if (std::string_view(k) == kb)
            same = same && fa == fb;
        }
      });
    });
    return same;
  });
  cls.def("__hash__", [cls_name](const T& s) {
    py::list parts;
    parts.append(cls_name);
    detail::for_each_field(
        s, [&](const char*, const auto& field) { parts.append(hashable(py::cast(field))); });
    return py::hash(py::tuple(parts));
  });
  cls.def("__repr__", [cls_name](const T& s) {
    std::string r = cls_name + "(";
    bool first = true;
    detail::for_each_field(s, [&](const char* k, const auto& field) {
      r += (first ? "" : ", ") + std::string(k) + "=" + repr_of(py::cast(field));
      first = false;
    });
    return r + ")";
  });
  cls.def(py::pickle(
      [](const T& s) {
        py::dict d;
        detail::for_each_field(s, [&](const char* k, const auto& field) { d[k] = field; });
        return d;
      },
      [who](const py::dict& d) {
        T s{};
        detail::for_each_field(s, [&](const char* k, auto& field) {
          if (d.contains(k))
            set_field(field, d[k], who, k);
        });
        s.validate();
        return s;
      }));
  cls.attr("__module__") = public_module;
  registry[py::str(T::name())] = cls;
}

template <class Variant, std::size_t... I>
void bind_alternatives(py::module_& m, const std::string& family, const std::string& public_module,
                       py::dict& registry, std::index_sequence<I...>) {
  (bind_strategy<std::variant_alternative_t<I, Variant>>(m, family, public_module, registry), ...);
}

/// Binds every alternative of a strategy variant (normalize::any, aggregate::any, ...) and
/// records them in `m.registry` ({cpp name: class}). Adding a C++ strategy to the variant is all
/// it takes to see it in Python.
template <class Variant>
void bind_strategies(py::module_& m, const std::string& family, const std::string& public_module) {
  py::dict registry;
  bind_alternatives<Variant>(m, family, public_module, registry,
                             std::make_index_sequence<std::variant_size_v<Variant>>{});
  m.attr("registry") = registry;
}

} // namespace govmetrics::python
