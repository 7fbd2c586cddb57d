// Text helpers of atip::text: UTF-8 cleaning, Zawgyi detection and
// conversion, search keys, word segmentation, collation and display names.
// Every function releases the GIL: they run ICU and touch no Python object.
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "atip/text.hpp"
#include "bindings.hpp"

namespace atip_python {

namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

void init_cleaning(py::module_& module) {
  module.def(
      "is_valid_utf8", [](const py::bytes& data) { return atip::text::is_valid_utf8(std::string(data)); },
      py::arg("data"));
  module.def("normalize", &atip::text::normalize, py::arg("text"), py::arg("field") = "text", release_gil());
  module.def(
      "prepare_input",
      [](const std::string& text, const std::string& field) {
        atip::text::InputText cleaned = atip::text::prepare_input(text, field);
        return std::make_pair(std::move(cleaned.text), cleaned.zawgyi_converted);
      },
      py::arg("text"), py::arg("field") = "text", release_gil());
}

void init_zawgyi(py::module_& module) {
  module.def("zawgyi_probability", &atip::text::zawgyi_probability, py::arg("text"), release_gil());
  module.def("is_zawgyi", &atip::text::is_zawgyi, py::arg("text"), release_gil());
  module.def("zawgyi_to_unicode", &atip::text::zawgyi_to_unicode, py::arg("text"), release_gil());
}

void init_search_keys(py::module_& module) {
  module.def("unify_spelling_variants", &atip::text::unify_spelling_variants, py::arg("text"), release_gil());
  module.def("search_key", &atip::text::search_key, py::arg("text"), release_gil());
  module.def("name_keys", &atip::text::name_keys, py::arg("names"), release_gil());
  module.def("segment_words", &atip::text::segment_words, py::arg("text"), py::arg("locale") = "", release_gil());
}

void init_locale_services(py::module_& module) {
  module.def("canonical_language_tag", &atip::text::canonical_language_tag, py::arg("tag"),
             py::arg("field") = "language", release_gil());
  module.def("language_display_name", &atip::text::language_display_name, py::arg("tag"),
             py::arg("display_locale"), release_gil());
  module.def("region_display_name", &atip::text::region_display_name, py::arg("region_code"),
             py::arg("display_locale"), release_gil());

  // A Collator is not synchronized, so its methods keep the GIL: two Python
  // threads then cannot use one instance at the same time.
  py::class_<atip::text::Collator>(module, "Collator")
      .def(py::init<std::string_view>(), py::arg("locale") = "")
      .def("compare", &atip::text::Collator::compare, py::arg("a"), py::arg("b"))
      .def(
          "sort",
          [](const atip::text::Collator& collator, std::vector<std::string> values) {
            collator.sort(values);
            return values;
          },
          py::arg("values"))
      .def(
          "sort_key",
          [](const atip::text::Collator& collator, const std::string& text) {
            return py::bytes(collator.sort_key(text));
          },
          py::arg("text"));
}

}  // namespace

void init_text(py::module_& module) {
  init_cleaning(module);
  init_zawgyi(module);
  init_search_keys(module);
  init_locale_services(module);
}

}  // namespace atip_python
