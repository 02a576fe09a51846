#pragma once
// Internal to libconsult: the projector's parts, one per family of events.

#include "consult/ledger.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

namespace consult::ledger {

/// A string field of an event's payload; '' when it is absent or null.
inline std::string text(const nlohmann::json& payload, const char* key) {
  const auto it = payload.find(key);
  if (it == payload.end() || it->is_null()) return {};
  return it->get<std::string>();
}

/// Applies a meeting.* event (plan, reschedule, cancel, attend, note,
/// outcome, close) to the meeting tables.
void apply_meeting(SQLite::Database& db, const Event& e, const nlohmann::json& payload);

/// Applies an owners.import, vote.*, decision.record, action.*, minutes.* or
/// fund.* event.
/// Items attached to the event are read from `items`.
void apply_vote(SQLite::Database& db, const Event& e, const nlohmann::json& payload,
                SQLite::Database& items);

} // namespace consult::ledger
