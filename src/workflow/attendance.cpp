// Event attendance and the training records it gives the attendees.
#include <algorithm>

#include "atip/error.hpp"
#include "atip/limits.hpp"
#include "workflow/workflow_internal.hpp"

namespace atip {
inline namespace v1 {

using namespace workflow_detail;

namespace {

bool has_training(const Lawyer& lawyer, const std::string& event_id, const std::string& topic) {
  return std::any_of(lawyer.trainings.begin(), lawyer.trainings.end(), [&](const Training& training) {
    return training.event == event_id && training.topic == topic;
  });
}

/// Adds the event's training records the lawyer lacks; true when any was added.
bool add_trainings(Lawyer& lawyer, const Event& event) {
  bool added = false;
  for (const auto& topic : event.topics) {
    if (has_training(lawyer, event.id, topic)) continue;
    lawyer.trainings.push_back(Training{topic, event.jurisdiction, event.date, event.id});
    added = true;
  }
  return added;
}

}  // namespace

Event Workflow::record_attendance(const std::string& event_id, const std::vector<std::string>& lawyer_ids,
                                  const std::string& actor) {
  if (lawyer_ids.size() > kMaxListItems) {
    fail(ErrorKind::limit_exceeded, "lawyer_ids: " + std::to_string(lawyer_ids.size()) + " lawyers exceed the limit of " +
                                        std::to_string(kMaxListItems));
  }
  Context context{store_, audit_, options_};
  Event event;
  run_as(context, actor, "actor", [&] {
    auto found = store_.find_event(event_id);
    if (!found) fail(ErrorKind::not_found, "event_id: event \"" + event_id + "\" does not exist");
    event = *found;
    const std::vector<std::string> attendees_before = event.attendees;
    if (context.today() < event.date) {
      fail(ErrorKind::invalid_state, "event_id: event \"" + event.id + "\" takes place on " + event.date.to_string() +
                                         "; record attendance after it");
    }

    // NOTE: an event without topics adds attendees but no training records,
    // because a training record needs a practice-area topic.
    for (std::size_t i = 0; i < lawyer_ids.size(); ++i) {
      Lawyer lawyer = load_lawyer(store_, lawyer_ids[i], "lawyer_ids[" + std::to_string(i) + "]");
      if (std::find(event.attendees.begin(), event.attendees.end(), lawyer.id) == event.attendees.end()) {
        event.attendees.push_back(lawyer.id);
      }
      if (add_trainings(lawyer, event)) store_.update(lawyer);
    }
    store_.update(event);
    // The store's write hook does not log events and lawyers, so the
    // attendance gets one entry of its own.
    audit_.append(AuditRecord{"event", event.id, "attendance", nlohmann::json{{"attendees", attendees_before}},
                              nlohmann::json{{"attendees", event.attendees}, {"recorded", lawyer_ids}}});
  });
  return event;
}

}  // namespace v1
}  // namespace atip
