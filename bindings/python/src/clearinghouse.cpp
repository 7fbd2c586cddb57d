// The Clearinghouse class of atip._atip: one open database. Records go in and
// out as plain Python dicts in the data-set schema; the typed classes live in
// the Python package.
//
// Every method converts its Python arguments with the GIL held, releases the
// GIL for the C++ call (which takes the clearinghouse's own mutex), and takes
// the GIL back to build the result. A thread waiting for that mutex therefore
// never blocks other Python threads.
#include <memory>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "bindings.hpp"
#include "clearinghouse_handle.hpp"

namespace atip_python {

using nlohmann::json;

std::shared_ptr<atip::Clearinghouse> ClearinghouseHandle::get() const {
  if (!clearinghouse_) {
    atip::fail(atip::ErrorKind::invalid_state,
               "clearinghouse: the database \"" + path_ + "\" is closed; open it again with atip.open()");
  }
  return clearinghouse_;
}

void ClearinghouseHandle::close() { clearinghouse_.reset(); }

bool ClearinghouseHandle::closed() const { return !clearinghouse_; }

namespace {

ClearinghouseHandle open_clearinghouse(const std::string& path, bool read_only, bool create, int busy_timeout_ms,
                                       bool load_reference_data) {
  atip::OpenOptions options;
  options.store.read_only = read_only;
  options.store.create = create;
  options.store.busy_timeout_ms = busy_timeout_ms;
  options.load_reference_data = load_reference_data;

  std::shared_ptr<atip::Clearinghouse> clearinghouse;
  {
    py::gil_scoped_release release;
    clearinghouse = atip::Clearinghouse::open(path, options);
  }
  return ClearinghouseHandle(std::move(clearinghouse), path);
}

atip::EntityType entity_type_argument(const std::string& name) {
  return atip::parse_entity_type(name, "entity_type");
}

atip::ExportOptions export_options(bool include_confidential) {
  atip::ExportOptions options;
  options.include_confidential = include_confidential;
  return options;
}

py::object import_report_to_python(const atip::ImportReport& report) {
  return python_from_json(atip::to_json(report));
}

void init_import_export(py::class_<ClearinghouseHandle>& cls) {
  cls.def(
      "import_json",
      [](const ClearinghouseHandle& self, const std::string& text) {
        auto clearinghouse = self.get();
        atip::ImportReport report;
        {
          py::gil_scoped_release release;
          report = clearinghouse->import_json(text);
        }
        return import_report_to_python(report);
      },
      py::arg("text"));

  cls.def(
      "import_dict",
      [](const ClearinghouseHandle& self, const py::handle& document) {
        auto clearinghouse = self.get();
        if (!py::isinstance<py::dict>(document)) {
          atip::fail(atip::ErrorKind::invalid_argument, "document: expected a dict, got " +
                                                            py::repr(py::type::handle_of(document)).cast<std::string>());
        }
        const json parsed = json_from_python(document, "document");
        atip::ImportReport report;
        {
          py::gil_scoped_release release;
          report = clearinghouse->import_dataset(atip::dataset_from_json(parsed));
        }
        return import_report_to_python(report);
      },
      py::arg("document"));

  cls.def(
      "export_json",
      [](const ClearinghouseHandle& self, bool include_confidential) {
        auto clearinghouse = self.get();
        py::gil_scoped_release release;
        return clearinghouse->export_json(export_options(include_confidential));
      },
      py::kw_only(), py::arg("include_confidential") = false);
}

json record_argument(const py::handle& record, const std::string& entity_type) {
  if (!py::isinstance<py::dict>(record)) {
    atip::fail(atip::ErrorKind::invalid_argument,
               entity_type + ": expected a dict, got " + py::repr(py::type::handle_of(record)).cast<std::string>());
  }
  return json_from_python(record, entity_type);
}

void init_records(py::class_<ClearinghouseHandle>& cls) {
  cls.def(
      "add",
      [](const ClearinghouseHandle& self, const std::string& entity_type, const py::handle& record) {
        auto clearinghouse = self.get();
        const atip::EntityType type = entity_type_argument(entity_type);
        const json value = record_argument(record, entity_type);
        py::gil_scoped_release release;
        return clearinghouse->add(type, value);
      },
      py::arg("entity_type"), py::arg("record"));

  cls.def(
      "update",
      [](const ClearinghouseHandle& self, const std::string& entity_type, const py::handle& record) {
        auto clearinghouse = self.get();
        const atip::EntityType type = entity_type_argument(entity_type);
        const json value = record_argument(record, entity_type);
        py::gil_scoped_release release;
        clearinghouse->update(type, value);
      },
      py::arg("entity_type"), py::arg("record"));

  cls.def(
      "remove",
      [](const ClearinghouseHandle& self, const std::string& entity_type, const std::string& id) {
        auto clearinghouse = self.get();
        const atip::EntityType type = entity_type_argument(entity_type);
        py::gil_scoped_release release;
        clearinghouse->remove(type, id);
      },
      py::arg("entity_type"), py::arg("id"));

  cls.def(
      "get",
      [](const ClearinghouseHandle& self, const std::string& entity_type, const std::string& id,
         bool include_confidential) {
        auto clearinghouse = self.get();
        const atip::EntityType type = entity_type_argument(entity_type);
        json record;
        {
          py::gil_scoped_release release;
          record = clearinghouse->get(type, id, export_options(include_confidential));
        }
        return python_from_json(record);
      },
      py::arg("entity_type"), py::arg("id"), py::kw_only(), py::arg("include_confidential") = false);

  cls.def(
      "list",
      [](const ClearinghouseHandle& self, const std::string& entity_type, std::size_t limit, std::size_t offset,
         bool include_confidential) {
        auto clearinghouse = self.get();
        const atip::EntityType type = entity_type_argument(entity_type);
        atip::ListOptions list_options;
        list_options.limit = limit;
        list_options.offset = offset;
        std::vector<json> records;
        {
          py::gil_scoped_release release;
          records = clearinghouse->list(type, list_options, export_options(include_confidential));
        }
        py::list result(records.size());
        for (std::size_t i = 0; i < records.size(); ++i) result[i] = python_from_json(records[i]);
        return result;
      },
      py::arg("entity_type"), py::kw_only(), py::arg("limit") = 0, py::arg("offset") = 0,
      py::arg("include_confidential") = false);
}

py::dict search_hit_to_python(const atip::SearchHit& hit) {
  py::dict result;
  result["entity_type"] = hit.entity_type;
  result["id"] = hit.id;
  result["score"] = hit.score;
  result["matched_name"] = hit.matched_name;
  return result;
}

void init_search(py::class_<ClearinghouseHandle>& cls) {
  cls.def(
      "search",
      [](const ClearinghouseHandle& self, const std::string& text, const std::string& entity_type,
         const std::string& jurisdiction, const std::string& language, std::size_t limit) {
        auto clearinghouse = self.get();
        atip::SearchQuery query;
        query.text = text;
        query.entity_type = entity_type;
        query.jurisdiction = jurisdiction;
        query.language = language;
        query.limit = limit;
        std::vector<atip::SearchHit> hits;
        {
          py::gil_scoped_release release;
          hits = clearinghouse->search(query);
        }
        py::list result;
        for (const auto& hit : hits) result.append(search_hit_to_python(hit));
        return result;
      },
      py::arg("text") = "", py::kw_only(), py::arg("entity_type") = "", py::arg("jurisdiction") = "",
      py::arg("language") = "", py::arg("limit") = 20);

  cls.def(
      "rebuild_search_index",
      [](const ClearinghouseHandle& self) {
        auto clearinghouse = self.get();
        py::gil_scoped_release release;
        clearinghouse->rebuild_search_index();
      });
}

}  // namespace

void init_clearinghouse(py::module_& module) {
  py::class_<ClearinghouseHandle> cls(module, "Clearinghouse");
  cls.def_static("open", &open_clearinghouse, py::arg("path"), py::kw_only(), py::arg("read_only") = false,
                 py::arg("create") = true, py::arg("busy_timeout_ms") = 5000, py::arg("load_reference_data") = true);
  cls.def("close", &ClearinghouseHandle::close);
  cls.def_property_readonly("closed", &ClearinghouseHandle::closed);
  cls.def_property_readonly("path", &ClearinghouseHandle::path);
  cls.def(
      "load_reference_data",
      [](const ClearinghouseHandle& self) {
        auto clearinghouse = self.get();
        py::gil_scoped_release release;
        return clearinghouse->load_reference_data();
      });

  init_import_export(cls);
  init_records(cls);
  init_search(cls);
  init_matching(module, cls);
  init_workflow(module, cls);
  init_reports(cls);
}

}  // namespace atip_python
