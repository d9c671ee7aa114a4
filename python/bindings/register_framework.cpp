// govmetrics Python bindings: the nodes of an index tree (govmetrics::node as govmetrics.Node).
#include "bind_common.hpp"

#include <map>

namespace govmetrics::python {
namespace {

std::string node_repr(const node& n) {
  std::string r = "Node(" + py::repr(py::str(n.code)).cast<std::string>();
  const auto add = [&](const char* key, const std::string& v) {
    if (!v.empty())
      r += std::string(", ") + key + "=" + py::repr(py::str(v)).cast<std::string>();
  };
  add("parent", n.parent);
  add("column", n.column);
  add("denominator", n.denominator);
  if (n.weight != 1.0)
    r += ", weight=" + py::repr(py::float_(n.weight)).cast<std::string>();
  if (n.is_indicator() && n.polarity == direction::negative)
    r += ", direction='negative'";
  add("name", n.name);
  return r + ")";
}

bool same_node(const node& a, const node& b) {
  return a.code == b.code && a.name == b.name && a.parent == b.parent && a.weight == b.weight &&
         a.polarity == b.polarity && a.column == b.column && a.unit == b.unit &&
         a.description == b.description && a.labels == b.labels && a.denominator == b.denominator;
}

} // namespace

void register_framework(py::module_& m) {
  py::class_<node> cls(m, "Node",
                       R"doc(One node of an index tree: the index, a dimension, ..., an indicator.

A node with a ``column`` is an indicator (a leaf reading that data column); every other node
aggregates its children. The root has no ``parent``. ``weight`` is relative to the siblings
(normalised within the parent). ``direction`` is "positive" (higher is better) or "negative",
also given as +1 / -1; it applies to indicators.

>>> import govmetrics as gm
>>> gm.Node("fbb", parent="infra", column="fixed_broadband_per_100")
Node('fbb', parent='infra', column='fixed_broadband_per_100')
)doc");
  cls.def(py::init([](std::string code, std::string parent, std::string column, double weight,
                      const py::object& dir, std::string name, std::string unit,
                      std::string description, std::map<std::string, std::string> labels,
                      std::string denominator) {
            node n;
            n.code = std::move(code);
            n.parent = std::move(parent);
            n.column = std::move(column);
            n.weight = weight;
            n.polarity = to_direction(dir, "node '" + n.code + "'");
            n.name = std::move(name);
            n.unit = std::move(unit);
            n.description = std::move(description);
            n.labels = std::move(labels);
            n.denominator = std::move(denominator);
            return n;
          }),
          py::arg("code"), py::kw_only(), py::arg("parent") = "", py::arg("column") = "",
          py::arg("weight") = 1.0, py::arg("direction") = "positive", py::arg("name") = "",
          py::arg("unit") = "", py::arg("description") = "",
          py::arg("labels") = std::map<std::string, std::string>{}, py::arg("denominator") = "");
  cls.def_readwrite("code", &node::code, "Unique code, e.g. 'infra'.");
  cls.def_readwrite("name", &node::name, "Human-readable name (UTF-8).");
  cls.def_readwrite("parent", &node::parent, "Parent code; '' for the root.");
  cls.def_readwrite("weight", &node::weight, "Weight within the parent (relative to siblings).");
  cls.def_property(
      "direction", [](const node& n) { return std::string(to_string(n.polarity)); },
      [](node& n, const py::object& d) { n.polarity = to_direction(d, "node '" + n.code + "'"); },
      "'positive' (higher is better) or 'negative'; set with those or +1 / -1.");
  cls.def_readwrite("column", &node::column, "Data column of an indicator; '' for aggregates.");
  cls.def_readwrite("denominator", &node::denominator,
                    "Indicators: data column the values are divided by before every other stage "
                    "(e.g. 'Population'); '' when not denominated.");
  cls.def_readwrite("unit", &node::unit, "Unit of measurement (indicators), free text.");
  cls.def_readwrite("description", &node::description, "Free text.");
  cls.def_readwrite("labels", &node::labels,
                    "Further names by key, e.g. {'name_zh': '数字基础设施'} (a copy: assign a "
                    "new dict to change them).");
  cls.def_property_readonly("is_indicator", &node::is_indicator, "True when it has a column.");
  cls.def("__repr__", &node_repr);
  cls.def("__eq__", [](const node& a, const py::object& b) {
    return py::isinstance<node>(b) && same_node(a, b.cast<const node&>());
  });
  cls.attr("__hash__") = py::none();
  cls.def(
      "copy", [](const node& n) { return n; }, "A copy of this node.");
  cls.def(py::pickle(
      [](const node& n) {
        return py::make_tuple(n.code, n.parent, n.column, n.weight, to_string(n.polarity), n.name,
                              n.unit, n.description, n.labels, n.denominator);
      },
      [](const py::tuple& t) {
        node n;
        n.code = t[0].cast<std::string>();
        n.parent = t[1].cast<std::string>();
        n.column = t[2].cast<std::string>();
        n.weight = t[3].cast<double>();
        n.polarity = direction_from_string(t[4].cast<std::string>());
        n.name = t[5].cast<std::string>();
        n.unit = t[6].cast<std::string>();
        n.description = t[7].cast<std::string>();
        n.labels = t[8].cast<std::map<std::string, std::string>>();
        if (t.size() > 9)
          n.denominator = t[9].cast<std::string>();
        return n;
      }));
  cls.attr("__module__") = "govmetrics";

  m.def(
      "check_nodes", [](const std::vector<node>& nodes) { return framework::check(nodes); },
      py::arg("nodes"), "Every problem of a tree, one message each (empty when valid).");
}

} // namespace govmetrics::python
