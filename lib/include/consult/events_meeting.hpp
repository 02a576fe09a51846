#pragma once
/// \file
/// The meeting family of the event catalogue: a meeting from its plan to its
/// close — the permanent names and payload types. The writer
/// (lib/meetings.cpp) and the projector (lib/projection_meeting.cpp) both go
/// through these types.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::events {

inline constexpr std::string_view kMeetingPlan = "meeting.plan";
inline constexpr std::string_view kMeetingReschedule = "meeting.reschedule";
inline constexpr std::string_view kMeetingCancel = "meeting.cancel";
inline constexpr std::string_view kMeetingAttend = "meeting.attend";
inline constexpr std::string_view kMeetingNote = "meeting.note";
inline constexpr std::string_view kMeetingOutcome = "meeting.outcome";
inline constexpr std::string_view kMeetingClose = "meeting.close";
inline constexpr std::string_view kMeetingAgenda = "meeting.agenda";

/// "meeting:12".
std::string meeting_entity(std::int64_t id);

/// When a meeting is held, as meeting.plan and meeting.reschedule record it
/// (the same five keys in both payloads).
struct MeetingTimes {
  std::string starts_at;       ///< RFC 3339 in the community's zone
  std::string ends_at;         ///< RFC 3339, or '' when no end was given
  std::int64_t starts_utc = 0; ///< seconds since the epoch
  std::int64_t ends_utc = 0;   ///< seconds since the epoch (a default length when no end was given)
  std::string local_date;      ///< YYYY-MM-DD, the community's date

  /// Adds the five keys to `p`.
  void put(nlohmann::json& p) const;
  static MeetingTimes from_json(const nlohmann::json& p);
};

/// One person of a meeting: an invitee of meeting.plan (attendance
/// "invited"), or someone whose attendance meeting.attend records.
struct MeetingPerson {
  std::string name;
  std::string role;   ///< member | stakeholder | guest | resident (schema 9)
  std::string seat;   ///< a member's seat category key, else ''
  std::string detail; ///< a member's role, a stakeholder's issues, a guest's body
  std::string attendance = "invited";
  /// meeting.attend writes both (often ''); meeting.plan neither.
  std::optional<std::string> proxy, reason;

  nlohmann::json to_json() const;
  static MeetingPerson from_json(const nlohmann::json& p);
};

/// An item of a meeting's agenda, as meeting.plan records it.
struct MeetingItem {
  std::int64_t issue = 0;
  bool carried = false; ///< the issue was on the agenda of a closed meeting before

  nlohmann::json to_json() const;
  static MeetingItem from_json(const nlohmann::json& p);
};

/// meeting.plan.
struct MeetingPlan {
  std::int64_t id = 0;
  std::string community, kind, title;
  MeetingTimes times;
  std::string venue;           ///< '' when the meeting is online only
  std::string online;          ///< the meeting's link, or ''
  std::string chair, recorder; ///< '' when not named
  std::string profile;         ///< the rule profile's key, '' for none
  /// Those entitled to attend (0: the council's seats count). Plans written
  /// before meetings counted heads lack the key; a writer of today sets it.
  std::optional<std::int64_t> entitled;
  std::string schedule, schedule_date; ///< the schedule that planned it, '' by hand
  /// The body that holds it ('' : an informal meeting). Plans written before
  /// bodies lack the key: legacy_body() gives theirs.
  std::optional<std::string> body;
  std::vector<MeetingItem> items;
  std::vector<MeetingPerson> people;

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingPlan from_json(const nlohmann::json& p);
  /// The body of a plan written before bodies, from what it recorded: an
  /// owners' vote profile → "owners-assembly", heads counted or the
  /// residents' meeting profile → "residents-meeting", any other profile or
  /// the council's own kind `council` → "council", else "" (informal).
  /// Schema 11's migration says the same.
  std::string body_or_legacy() const;
};

/// meeting.reschedule: new times, place and link.
struct MeetingReschedule {
  std::int64_t id = 0;
  std::string from; ///< the starts_at it had before
  MeetingTimes times;
  std::string venue, online, reason;

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingReschedule from_json(const nlohmann::json& p);
};

/// meeting.cancel.
struct MeetingCancel {
  std::int64_t id = 0;
  std::string reason;

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingCancel from_json(const nlohmann::json& p);
};

/// meeting.attend: who came, by proxy, excused; for a meeting of those
/// entitled, the headcount (the key only when one was given).
struct MeetingAttend {
  std::int64_t id = 0;
  std::vector<MeetingPerson> people; ///< in name order
  std::optional<std::int64_t> headcount;

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingAttend from_json(const nlohmann::json& p);
};

/// meeting.note: an opinion on an item.
struct MeetingNote {
  std::int64_t id = 0;    ///< the meeting
  std::int64_t note = 0;  ///< the opinion's own id
  std::int64_t issue = 0; ///< the item
  int round = 0;          ///< the consultation round it belongs to
  std::string speaker;
  std::string position; ///< for | against | neutral | ''
  std::string body;

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingNote from_json(const nlohmann::json& p);
};

/// meeting.outcome: what became of an item.
struct MeetingOutcome {
  std::int64_t id = 0; ///< the meeting
  std::int64_t issue = 0;
  std::string outcome; ///< decided | next-round | site-inspection | escalated | withdrawn
  std::string note;
  int round = 0;
  /// Decided by a vote: the vote and its decision (both keys, or neither).
  std::optional<std::int64_t> vote, decision;

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingOutcome from_json(const nlohmann::json& p);
};

/// meeting.close: the items left without an outcome.
struct MeetingClose {
  std::int64_t id = 0;
  std::vector<std::int64_t> not_reached; ///< issues

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingClose from_json(const nlohmann::json& p);
};

/// meeting.agenda (schema 11): the agenda of a planned meeting changed —
/// issues added, removed or moved. `items` is the whole agenda afterwards,
/// in order (an item kept keeps its round, outcome and note); `people` the
/// stakeholders the added issues bring, invited.
struct MeetingAgenda {
  std::int64_t id = 0;
  std::vector<MeetingItem> items;
  std::vector<std::int64_t> added, removed, moved; ///< issues
  std::vector<MeetingPerson> people;
  /// Stakeholders invited only for issues removed, who had not come: no
  /// longer invited (a person object, so that the name is sealed like
  /// every resident's).
  std::vector<MeetingPerson> uninvited;
  std::string reason; ///< why, '' if none was given

  std::string entity() const;
  nlohmann::json to_json() const;
  static MeetingAgenda from_json(const nlohmann::json& p);
};

} // namespace consult::events
