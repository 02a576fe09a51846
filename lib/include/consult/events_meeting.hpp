#pragma once
/// \file
/// The meeting family of the event catalogue: a meeting from its plan to its close.

#include <string_view>

namespace consult::events {

inline constexpr std::string_view kMeetingPlan = "meeting.plan";
inline constexpr std::string_view kMeetingReschedule = "meeting.reschedule";
inline constexpr std::string_view kMeetingCancel = "meeting.cancel";
inline constexpr std::string_view kMeetingAttend = "meeting.attend";
inline constexpr std::string_view kMeetingNote = "meeting.note";
inline constexpr std::string_view kMeetingOutcome = "meeting.outcome";
inline constexpr std::string_view kMeetingClose = "meeting.close";

} // namespace consult::events
