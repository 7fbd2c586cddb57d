// Conversion between Python values and nlohmann::json. Records cross into
// C++ as JSON so that the strict readers of the data-set schema validate
// them exactly as they validate an imported file.
#include <cmath>
#include <cstdint>
#include <string>

#include "atip/error.hpp"
#include "bindings.hpp"

namespace atip_python {

using nlohmann::json;

namespace {

std::string type_name(py::handle value) {
  return py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>();
}

json integer_from_python(py::handle value, const std::string& path) {
  int overflow = 0;
  const long long signed_value = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow == 0) {
    if (signed_value == -1 && PyErr_Occurred()) throw py::error_already_set();
    return json(static_cast<std::int64_t>(signed_value));
  }
  if (overflow > 0) {
    const unsigned long long unsigned_value = PyLong_AsUnsignedLongLong(value.ptr());
    if (!PyErr_Occurred()) return json(static_cast<std::uint64_t>(unsigned_value));
    PyErr_Clear();
  }
  atip::fail(atip::ErrorKind::invalid_argument,
             path + ": " + py::repr(value).cast<std::string>() + " does not fit in a 64-bit integer");
}

json float_from_python(py::handle value, const std::string& path) {
  const double number = value.cast<double>();
  if (!std::isfinite(number)) {
    atip::fail(atip::ErrorKind::invalid_argument,
               path + ": " + py::repr(value).cast<std::string>() + " is not a finite number (JSON has no NaN or infinity)");
  }
  return json(number);
}

json string_from_python(py::handle value, const std::string& path) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (data == nullptr) {
    // Lone surrogates ("\ud800") have no UTF-8 form.
    PyErr_Clear();
    atip::fail(atip::ErrorKind::invalid_argument, path + ": the string is not valid Unicode (it contains a lone surrogate)");
  }
  return json(std::string(data, static_cast<std::size_t>(size)));
}

json value_from_python(py::handle value, const std::string& path, int depth);

json object_from_python(const py::dict& dict, const std::string& path, int depth) {
  json object = json::object();
  for (const auto& [key, item] : dict) {
    if (!py::isinstance<py::str>(key)) {
      atip::fail(atip::ErrorKind::invalid_argument, path + ": the key " + py::repr(key).cast<std::string>() +
                                                        " is not a string (JSON object keys are strings)");
    }
    const std::string name = string_from_python(key, path).get<std::string>();
    object[name] = value_from_python(item, path.empty() ? name : path + "." + name, depth + 1);
  }
  return object;
}

json array_from_python(const py::sequence& sequence, const std::string& path, int depth) {
  json array = json::array();
  const std::size_t size = py::len(sequence);
  for (std::size_t i = 0; i < size; ++i) {
    array.push_back(value_from_python(sequence[i], path + "[" + std::to_string(i) + "]", depth + 1));
  }
  return array;
}

json value_from_python(py::handle value, const std::string& path, int depth) {
  if (depth > kMaxJsonDepth) {
    atip::fail(atip::ErrorKind::limit_exceeded,
               path + ": nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels (or a value that contains itself)");
  }

  // bool before int: in Python, True is an int.
  if (value.is_none()) return json(nullptr);
  if (PyBool_Check(value.ptr())) return json(value.ptr() == Py_True);
  if (PyLong_Check(value.ptr())) return integer_from_python(value, path);
  if (PyFloat_Check(value.ptr())) return float_from_python(value, path);
  if (PyUnicode_Check(value.ptr())) return string_from_python(value, path);
  if (PyDict_Check(value.ptr())) return object_from_python(py::reinterpret_borrow<py::dict>(value), path, depth);
  if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) {
    return array_from_python(py::reinterpret_borrow<py::sequence>(value), path, depth);
  }
  atip::fail(atip::ErrorKind::invalid_argument,
             path + ": a value of type " + type_name(value) +
                 " cannot be stored as JSON (expected dict, list, tuple, str, int, float, bool or None)");
}

}  // namespace

json json_from_python(py::handle value, const std::string& path) { return value_from_python(value, path, 0); }

py::object python_from_json(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return py::none();
    case json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case json::value_t::number_integer:
      return py::int_(value.get<std::int64_t>());
    case json::value_t::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case json::value_t::number_float:
      return py::float_(value.get<double>());
    case json::value_t::string:
      return py::str(value.get_ref<const std::string&>());
    case json::value_t::binary:
      return py::bytes(reinterpret_cast<const char*>(value.get_binary().data()), value.get_binary().size());
    case json::value_t::array: {
      py::list list(value.size());
      for (std::size_t i = 0; i < value.size(); ++i) list[i] = python_from_json(value[i]);
      return list;
    }
    case json::value_t::object: {
      py::dict dict;
      for (const auto& [key, item] : value.items()) dict[py::str(key)] = python_from_json(item);
      return dict;
    }
  }
  atip::fail(atip::ErrorKind::internal, "python_from_json: unknown JSON value type");
}

}  // namespace atip_python
