// The Python-side owner of an atip::Clearinghouse. Other areas of the
// extension (matching, workflow, reports) take it to reach the open database.
#pragma once

#include <memory>
#include <string>

#include <pybind11/pybind11.h>

#include "atip/clearinghouse.hpp"

namespace atip_python {

/// An open clearinghouse, or a closed one after close().
///
/// Every member function must be called with the GIL held, which serialises
/// them. Each call takes a shared_ptr copy through get() before it releases
/// the GIL, so close() from another thread never destroys the database under
/// a running call: the database closes when the last running call returns.
class ClearinghouseHandle {
 public:
  ClearinghouseHandle(std::shared_ptr<atip::Clearinghouse> clearinghouse, std::string path)
      : clearinghouse_(std::move(clearinghouse)), path_(std::move(path)) {}

  /// The open clearinghouse. Throws Error(invalid_state) after close().
  std::shared_ptr<atip::Clearinghouse> get() const;
  void close();
  bool closed() const;
  const std::string& path() const { return path_; }

 private:
  std::shared_ptr<atip::Clearinghouse> clearinghouse_;
  std::string path_;
};

/// Adds rank, assign and coverage_gaps to the Clearinghouse class, and the
/// policy helpers to the module.
void init_matching(pybind11::module_& module, pybind11::class_<ClearinghouseHandle>& cls);
/// Adds the workflow calls (workflow_*) to the Clearinghouse class.
void init_workflow(pybind11::module_& module, pybind11::class_<ClearinghouseHandle>& cls);
/// Adds the report call to the Clearinghouse class (reports.cpp).
void init_reports(pybind11::class_<ClearinghouseHandle>& cls);

}  // namespace atip_python
