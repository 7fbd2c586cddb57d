// Declarations shared by the source files of the extension atip._atip: one
// init function per area, and the conversion between Python values and JSON
// that every area uses to pass records in the data-set schema.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "atip/matching/policy.hpp"

namespace atip_python {

namespace py = pybind11;

/// Registers atip.Error and one subclass per ErrorKind, and the translator
/// that raises them for C++ exceptions. Must run before the other areas.
void init_errors(py::module_& module);
/// Text helpers: search keys, segmentation, Zawgyi conversion, collation.
void init_text(py::module_& module);
/// The Clearinghouse class: open, import and export, records and search,
/// then matching, workflow and reports (init_matching, init_workflow,
/// init_reports).
void init_clearinghouse(py::module_& module);

/// Deepest nesting of lists and dicts accepted from Python. Deeper values
/// (and self-referencing ones) raise LimitExceededError instead of
/// exhausting the C++ stack.
inline constexpr int kMaxJsonDepth = 256;

/// Converts a JSON-compatible Python value (dict with str keys, list, tuple,
/// str, int, float, bool, None) to JSON. Must be called with the GIL held.
/// Throws atip::Error naming `path` ("lawyer.names[0]: ...") with kind
/// invalid_argument for any other type, a non-finite float, an integer
/// outside 64 bits or a string that is not valid Unicode, and with kind
/// limit_exceeded for nesting deeper than kMaxJsonDepth.
nlohmann::json json_from_python(py::handle value, const std::string& path);

/// Reads a policy argument: None means the default policy, and a dict goes
/// through the strict policy reader, whose messages name the field.
atip::Policy policy_argument(const py::handle& policy);

/// Converts JSON to plain Python values (dict, list, str, int, float, bool,
/// None). Must be called with the GIL held.
py::object python_from_json(const nlohmann::json& value);

}  // namespace atip_python
