// Events: workshops and roundtables whose attendance becomes training records.
#pragma once

#include <string>
#include <vector>

#include "atip/model/common.hpp"

namespace atip {
inline namespace v1 {

enum class EventKind { workshop, roundtable, webinar };

std::string_view to_string(EventKind value);
EventKind parse_event_kind(std::string_view text, std::string_view field);

struct Event {
  std::string id;
  std::string title;
  EventKind kind = EventKind::workshop;
  Date date;
  std::string jurisdiction;           ///< Jurisdiction the event's content is about.
  std::vector<std::string> topics;    ///< Practice-area codes.
  std::string organizer;              ///< Organization id, or empty.
  std::vector<std::string> attendees; ///< Lawyer ids.
  bool operator==(const Event&) const = default;
};

}  // namespace v1
}  // namespace atip
