// The workflow of atip._atip: a matter's lifecycle, expressions of interest,
// conflict checks, engagements, hours, feedback, attendance and candidate
// views. The methods sit on the Clearinghouse class with a `workflow_`
// prefix; the package gathers them under Clearinghouse.workflow.
//
// Each call runs through Clearinghouse::with_workflow, which holds the
// clearinghouse's mutex, with the GIL released. Records come back as JSON in
// the library's own format (atip/workflow.hpp, atip/model/dataset.hpp).
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "atip/clearinghouse.hpp"
#include "atip/error.hpp"
#include "atip/workflow.hpp"
#include "bindings.hpp"
#include "clearinghouse_handle.hpp"

namespace atip_python {

using nlohmann::json;

namespace {

using Class = py::class_<ClearinghouseHandle>;

/// Runs `action(workflow)` with the GIL released and returns its JSON result
/// as Python values. `action` must touch no Python object.
template <typename Action>
py::object run(const ClearinghouseHandle& self, Action action) {
  auto clearinghouse = self.get();
  json result;
  {
    py::gil_scoped_release release;
    result = clearinghouse->with_workflow([&](atip::Workflow& workflow) { return json(action(workflow)); });
  }
  return python_from_json(result);
}

template <typename T>
json array_json(const std::vector<T>& values) {
  json array = json::array();
  for (const auto& value : values) array.push_back(atip::to_json(value));
  return array;
}

atip::Date date_argument(const std::string& text, const char* field) { return atip::Date::parse(text, field); }

/// Reads one hours entry: {"date": "YYYY-MM-DD", "hours": 2.5, "activity": "...", "note": "..."}.
atip::HoursEntry hours_entry_argument(const py::handle& entry) {
  const json j = json_from_python(entry, "entry");
  if (!j.is_object()) atip::fail(atip::ErrorKind::invalid_argument, "entry: expected a dict with date and hours");
  for (const auto& [key, value] : j.items()) {
    if (key != "date" && key != "hours" && key != "activity" && key != "note") {
      atip::fail(atip::ErrorKind::invalid_argument,
                 "entry: unknown field \"" + key + "\" (expected date, hours, activity, note)");
    }
  }
  if (!j.contains("date") || !j["date"].is_string()) {
    atip::fail(atip::ErrorKind::invalid_argument, "entry.date: required, as \"YYYY-MM-DD\"");
  }
  if (!j.contains("hours") || !j["hours"].is_number()) {
    atip::fail(atip::ErrorKind::invalid_argument, "entry.hours: required, as a number of hours");
  }
  atip::HoursEntry parsed;
  parsed.date = atip::Date::parse(j["date"].get<std::string>(), "entry.date");
  parsed.hours = j["hours"].get<double>();
  for (const char* text_field : {"activity", "note"}) {
    if (!j.contains(text_field)) continue;
    if (!j[text_field].is_string()) {
      atip::fail(atip::ErrorKind::invalid_argument, std::string("entry.") + text_field + ": expected a string");
    }
  }
  parsed.activity = j.value("activity", "");
  parsed.note = j.value("note", "");
  return parsed;
}

void init_matters(Class& cls) {
  cls.def(
      "workflow_post_matter",
      [](const ClearinghouseHandle& self, const py::handle& matter, const std::string& actor) {
        const atip::Matter parsed = atip::matter_from_json(json_from_python(matter, "matter"), "matter");
        return run(self, [&](atip::Workflow& workflow) { return workflow.post_matter(parsed, actor); });
      },
      py::arg("matter"), py::arg("actor"));
  cls.def(
      "workflow_transition",
      [](const ClearinghouseHandle& self, const std::string& matter_id, const std::string& to,
         const std::string& actor, const std::string& outcome, const std::string& note) {
        atip::TransitionRequest request;
        request.matter = matter_id;
        request.to = atip::parse_matter_status(to, "to");
        request.actor = actor;
        request.outcome = outcome;
        request.note = note;
        return run(self, [&](atip::Workflow& workflow) { return atip::to_json(workflow.transition(request)); });
      },
      py::arg("matter_id"), py::arg("to"), py::arg("actor"), py::kw_only(), py::arg("outcome") = "",
      py::arg("note") = "");
  cls.def(
      "workflow_history",
      [](const ClearinghouseHandle& self, const std::string& matter_id) {
        return run(self, [&](atip::Workflow& workflow) { return array_json(workflow.history(matter_id)); });
      },
      py::arg("matter_id"));
  cls.def(
      "workflow_expire_overdue",
      [](const ClearinghouseHandle& self, const std::string& actor) {
        return run(self, [&](atip::Workflow& workflow) { return array_json(workflow.expire_overdue(actor)); });
      },
      py::arg("actor"));
  cls.def("workflow_today", [](const ClearinghouseHandle& self) {
    return run(self, [](atip::Workflow& workflow) { return workflow.today().to_string(); });
  });
}

void init_interest(Class& cls) {
  cls.def(
      "workflow_express_interest",
      [](const ClearinghouseHandle& self, const std::string& matter_id, const std::string& actor,
         const std::string& lawyer, const std::string& firm, const std::string& note) {
        atip::InterestRequest request{matter_id, lawyer, firm, actor, note};
        return run(self, [&](atip::Workflow& workflow) { return atip::to_json(workflow.express_interest(request)); });
      },
      py::arg("matter_id"), py::arg("actor"), py::kw_only(), py::arg("lawyer") = "", py::arg("firm") = "",
      py::arg("note") = "");
  cls.def(
      "workflow_withdraw_interest",
      [](const ClearinghouseHandle& self, const std::string& interest_id, const std::string& actor) {
        return run(self, [&](atip::Workflow& workflow) {
          return atip::to_json(workflow.withdraw_interest(interest_id, actor));
        });
      },
      py::arg("interest_id"), py::arg("actor"));
  cls.def(
      "workflow_interests",
      [](const ClearinghouseHandle& self, const std::string& matter_id) {
        return run(self, [&](atip::Workflow& workflow) { return array_json(workflow.interests(matter_id)); });
      },
      py::arg("matter_id"));
}

void init_conflict_checks(Class& cls) {
  cls.def(
      "workflow_request_conflict_check",
      [](const ClearinghouseHandle& self, const std::string& matter_id, const std::string& actor,
         const std::string& firm, const std::string& lawyer, std::optional<int> reminder_days,
         const std::string& note) {
        atip::ConflictCheckRequest request{matter_id, firm, lawyer, actor, reminder_days, note};
        return run(self,
                   [&](atip::Workflow& workflow) { return atip::to_json(workflow.request_conflict_check(request)); });
      },
      py::arg("matter_id"), py::arg("actor"), py::kw_only(), py::arg("firm") = "", py::arg("lawyer") = "",
      py::arg("reminder_days") = py::none(), py::arg("note") = "");
  cls.def(
      "workflow_record_conflict_check",
      [](const ClearinghouseHandle& self, const std::string& check_id, const std::string& result,
         const std::string& actor, const std::string& note) {
        const atip::ConflictCheckStatus status = atip::parse_conflict_check_status(result, "result");
        return run(self, [&](atip::Workflow& workflow) {
          return atip::to_json(workflow.record_conflict_check(check_id, status, actor, note));
        });
      },
      py::arg("check_id"), py::arg("result"), py::arg("actor"), py::kw_only(), py::arg("note") = "");
  cls.def(
      "workflow_conflict_checks",
      [](const ClearinghouseHandle& self, const std::string& matter_id) {
        return run(self, [&](atip::Workflow& workflow) { return array_json(workflow.conflict_checks(matter_id)); });
      },
      py::arg("matter_id"));
  cls.def(
      "workflow_due_reminders",
      [](const ClearinghouseHandle& self, const std::string& on) {
        const atip::Date date = date_argument(on, "on");
        return run(self, [&](atip::Workflow& workflow) { return array_json(workflow.due_reminders(date)); });
      },
      py::arg("on"));
}

void init_engagement_changes(Class& cls) {
  cls.def(
      "workflow_offer",
      [](const ClearinghouseHandle& self, const std::string& matter_id, const std::string& lawyer_id,
         const std::string& decided_by, const std::string& reason, const std::string& supervising_lawyer) {
        atip::OfferRequest request{matter_id, lawyer_id, supervising_lawyer, decided_by, reason};
        return run(self, [&](atip::Workflow& workflow) { return atip::to_json(workflow.offer(request)); });
      },
      py::arg("matter_id"), py::arg("lawyer_id"), py::arg("decided_by"), py::kw_only(), py::arg("reason") = "",
      py::arg("supervising_lawyer") = "");

  // The calls that take an engagement id and an actor, and nothing else.
  using Step = atip::Engagement (atip::Workflow::*)(const std::string&, const std::string&);
  const std::pair<const char*, Step> steps[] = {{"workflow_accept", &atip::Workflow::accept},
                                                {"workflow_start", &atip::Workflow::start}};
  for (const auto& [name, step] : steps) {
    cls.def(
        name,
        [step = step](const ClearinghouseHandle& self, const std::string& engagement_id, const std::string& actor) {
          return run(self,
                     [&](atip::Workflow& workflow) { return atip::to_json((workflow.*step)(engagement_id, actor)); });
        },
        py::arg("engagement_id"), py::arg("actor"));
  }

  // The calls that also take a text: decline and withdraw (a reason),
  // complete (an outcome).
  using TextStep = atip::Engagement (atip::Workflow::*)(const std::string&, const std::string&, const std::string&);
  const std::tuple<const char*, const char*, TextStep> text_steps[] = {
      {"workflow_decline", "reason", &atip::Workflow::decline},
      {"workflow_withdraw", "reason", &atip::Workflow::withdraw},
      {"workflow_complete", "outcome", &atip::Workflow::complete}};
  for (const auto& [name, text_name, step] : text_steps) {
    cls.def(
        name,
        [step = step](const ClearinghouseHandle& self, const std::string& engagement_id, const std::string& text,
                      const std::string& actor) {
          return run(self, [&](atip::Workflow& workflow) {
            return atip::to_json((workflow.*step)(engagement_id, text, actor));
          });
        },
        py::arg("engagement_id"), py::arg(text_name), py::arg("actor"));
  }
}

void init_engagement_records(Class& cls) {
  cls.def(
      "workflow_log_hours",
      [](const ClearinghouseHandle& self, const std::string& engagement_id, const py::handle& entry,
         const std::string& actor) {
        const atip::HoursEntry parsed = hours_entry_argument(entry);
        return run(self, [&](atip::Workflow& workflow) {
          return atip::to_json(workflow.log_hours(engagement_id, parsed, actor));
        });
      },
      py::arg("engagement_id"), py::arg("entry"), py::arg("actor"));
  cls.def(
      "workflow_record_feedback",
      [](const ClearinghouseHandle& self, const std::string& engagement_id, int rating, const std::string& actor) {
        return run(self, [&](atip::Workflow& workflow) {
          return atip::to_json(workflow.record_feedback(engagement_id, rating, actor));
        });
      },
      py::arg("engagement_id"), py::arg("rating"), py::arg("actor"));
  cls.def(
      "workflow_engagement_history",
      [](const ClearinghouseHandle& self, const std::string& engagement_id) {
        return run(self,
                   [&](atip::Workflow& workflow) { return array_json(workflow.engagement_history(engagement_id)); });
      },
      py::arg("engagement_id"));
  cls.def(
      "workflow_record_attendance",
      [](const ClearinghouseHandle& self, const std::string& event_id, const std::vector<std::string>& lawyer_ids,
         const std::string& actor) {
        return run(self, [&](atip::Workflow& workflow) {
          return atip::to_json(workflow.record_attendance(event_id, lawyer_ids, actor));
        });
      },
      py::arg("event_id"), py::arg("lawyer_ids"), py::arg("actor"));
  cls.def(
      "workflow_candidate_view",
      [](const ClearinghouseHandle& self, const std::string& matter_id, const std::string& lawyer_id) {
        return run(self, [&](atip::Workflow& workflow) {
          return atip::to_json(workflow.candidate_view(matter_id, lawyer_id));
        });
      },
      py::arg("matter_id"), py::arg("lawyer_id"));
}

}  // namespace

void init_workflow(py::module_& /*module*/, Class& cls) {
  init_matters(cls);
  init_interest(cls);
  init_conflict_checks(cls);
  init_engagement_changes(cls);
  init_engagement_records(cls);
}

}  // namespace atip_python
