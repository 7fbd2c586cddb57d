// The Python exception hierarchy: atip.Error and one subclass per ErrorKind,
// raised for every exception that leaves the C++ library. No C++ exception
// reaches Python as a bare RuntimeError.
#include <array>
#include <exception>
#include <new>
#include <string>

#include "atip/error.hpp"
#include "bindings.hpp"

namespace atip_python {

namespace {

/// One Python class per error kind. `builtin_base` adds a standard Python
/// exception as a second base, so that `except ValueError` also catches
/// invalid input, as Python code expects.
struct ErrorClassSpec {
  atip::ErrorKind kind;
  const char* name;
  PyObject* builtin_base;  // nullptr: atip.Error only.
  const char* doc;
};

std::array<ErrorClassSpec, 12> error_class_specs() {
  using atip::ErrorKind;
  return {{
      {ErrorKind::invalid_argument, "InvalidArgumentError", PyExc_ValueError,
       "Input failed validation; the message names the field and the value."},
      {ErrorKind::not_found, "NotFoundError", PyExc_LookupError, "No record with the requested id."},
      {ErrorKind::already_exists, "AlreadyExistsError", nullptr, "A record with that id exists already."},
      {ErrorKind::constraint, "ConstraintError", nullptr,
       "A reference is dangling, or the record is still referenced by others."},
      {ErrorKind::invalid_state, "InvalidStateError", nullptr,
       "The operation is not allowed in the current state (of a matter, an engagement or a closed database)."},
      {ErrorKind::busy, "BusyError", nullptr, "The database stayed locked by another connection past the busy timeout."},
      {ErrorKind::io, "InputOutputError", PyExc_OSError, "A file could not be opened, read or written."},
      {ErrorKind::schema_version, "SchemaVersionError", nullptr,
       "The database or data set was written by a newer atip, or is not an atip database."},
      {ErrorKind::limit_exceeded, "LimitExceededError", PyExc_ValueError, "Input is larger than a documented limit."},
      {ErrorKind::integrity, "IntegrityError", nullptr, "Stored data failed verification (audit chain, integrity check)."},
      {ErrorKind::no_memory, "OutOfMemoryError", PyExc_MemoryError, "An allocation failed inside the C++ library."},
      {ErrorKind::internal, "InternalError", nullptr, "A bug in atip; the message says where."},
  }};
}

/// Classes indexed by the numeric ErrorKind (1-12; slot 0 is unused). They
/// are kept alive for the life of the process on purpose: the translator may
/// run during interpreter shutdown, after module globals are cleared.
std::array<PyObject*, 13> g_classes_by_kind{};

PyObject* make_exception_class(const std::string& name, const char* doc, PyObject* bases) {
  const std::string qualified = "atip." + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (cls == nullptr) throw py::error_already_set();
  return cls;
}

void raise_atip_error(atip::ErrorKind kind, const char* message) {
  const auto index = static_cast<std::size_t>(kind);
  PyObject* cls = index < g_classes_by_kind.size() ? g_classes_by_kind[index] : nullptr;
  if (cls == nullptr) cls = g_classes_by_kind[static_cast<std::size_t>(atip::ErrorKind::internal)];
  PyErr_SetString(cls, message);
}

void translate_exception(std::exception_ptr exception) {
  try {
    if (exception) std::rethrow_exception(exception);
  } catch (const atip::Error& error) {
    raise_atip_error(error.kind(), error.what());
  } catch (const py::error_already_set&) {
    throw;  // A Python exception on its way back; pybind11 restores it.
  } catch (const py::builtin_exception&) {
    throw;  // pybind11's own TypeError, IndexError, ... for argument conversion.
  } catch (const std::bad_alloc&) {
    raise_atip_error(atip::ErrorKind::no_memory, "out of memory in the atip C++ library");
  } catch (const std::exception& error) {
    const std::string message = std::string("unexpected C++ exception: ") + error.what();
    raise_atip_error(atip::ErrorKind::internal, message.c_str());
  }
}

atip::ErrorKind parse_error_kind(const std::string& name) {
  for (const auto& spec : error_class_specs()) {
    if (atip::error_kind_name(spec.kind) == name) return spec.kind;
  }
  atip::fail(atip::ErrorKind::invalid_argument, "kind: \"" + name + "\" is not an error kind");
}

}  // namespace

void init_errors(py::module_& module) {
  PyObject* base = make_exception_class("Error", "Base class of every error raised by atip.", PyExc_Exception);
  py::handle(base).attr("kind") = py::none();
  py::handle(base).attr("code") = py::none();
  module.add_object("Error", py::handle(base));

  for (const auto& spec : error_class_specs()) {
    py::tuple bases = spec.builtin_base == nullptr ? py::make_tuple(py::handle(base))
                                                   : py::make_tuple(py::handle(base), py::handle(spec.builtin_base));
    PyObject* cls = make_exception_class(spec.name, spec.doc, bases.ptr());
    py::handle(cls).attr("kind") = py::str(std::string(atip::error_kind_name(spec.kind)));
    py::handle(cls).attr("code") = py::int_(static_cast<int>(spec.kind));
    g_classes_by_kind[static_cast<std::size_t>(spec.kind)] = cls;
    module.add_object(spec.name, py::handle(cls));
  }

  py::register_exception_translator(&translate_exception);

  // Lets the tests check the class of every kind, including those the
  // library cannot be made to produce on demand (no_memory, internal).
  module.def(
      "_raise_error",
      [](const std::string& kind, const std::string& message) { atip::fail(parse_error_kind(kind), message); },
      py::arg("kind"), py::arg("message"),
      "Raise the atip error of `kind` (\"not_found\", ...) from C++. For tests of the exception mapping.");
}

}  // namespace atip_python
