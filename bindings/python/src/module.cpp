// Entry point of the private extension atip._atip. The package atip wraps it
// in typed Python classes; import atip, not atip._atip.
#include "atip/version.hpp"
#include "bindings.hpp"

PYBIND11_MODULE(_atip, module) {
  module.doc() = "Private C++ extension of the atip package; use the package atip.";
  module.attr("__version__") = atip::kVersionString;

  // Errors first: the other areas raise them while they register.
  atip_python::init_errors(module);
  atip_python::init_text(module);
  atip_python::init_clearinghouse(module);
}
