#pragma once
/// \file
/// The minutes family of the event catalogue: minutes approved and amended —
/// the permanent names and payload types of minutes.approve and
/// minutes.amend. The writer (lib/minutes.cpp) and the projector
/// (lib/projection_minutes.cpp) both go through these types.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace consult::events {

inline constexpr std::string_view kMinutesApprove = "minutes.approve";
inline constexpr std::string_view kMinutesAmend = "minutes.amend";

/// "meeting:42": minutes are recorded against their meeting.
std::string minutes_entity(std::int64_t meeting);

/// minutes.approve: the record of a closed meeting, locked as approved.
struct MinutesApprove {
  std::int64_t meeting = 0;
  std::vector<std::string> by; ///< who approved it, in the order given
  /// The record as approved, a JSON object kept exactly as it was written
  /// (its layout belongs to lib/minutes.cpp, and it changed over versions).
  nlohmann::json document = nlohmann::json::object();
  std::string sha256; ///< of the document's canonical JSON

  std::string entity() const;
  nlohmann::json to_json() const;
  static MinutesApprove from_json(const nlohmann::json& p);
};

/// minutes.amend: a correction appended to approved minutes.
struct MinutesAmend {
  std::int64_t meeting = 0;
  int n = 0; ///< 1 for the first amendment of the meeting's minutes
  std::string text;
  std::string by;

  std::string entity() const;
  nlohmann::json to_json() const;
  static MinutesAmend from_json(const nlohmann::json& p);
};

} // namespace consult::events
