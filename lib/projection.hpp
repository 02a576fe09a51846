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

/// The upsert that adds to a monthly report tally (schema 7): bind community,
/// a date or month (its first seven characters are the month), figure, key, n.
inline constexpr const char* kTallySql =
    "INSERT INTO report_month (community, month, figure, key, n) "
    "VALUES (?1, substr(?2, 1, 7), ?3, ?4, ?5) "
    "ON CONFLICT (community, month, figure, key) DO UPDATE SET n = n + excluded.n";

/// Adds `n` to a figure's tally for the month of `date` (see report_month).
void tally(SQLite::Database& db, const std::string& community, const std::string& date,
           const char* figure, const std::string& key, std::int64_t n = 1);

/// Applies a meeting.* event (plan, reschedule, cancel, attend, note,
/// outcome, close) to the meeting tables.
void apply_meeting(SQLite::Database& db, const Event& e, const nlohmann::json& payload);

/// Applies an owners.import, vote.*, decision.record, action.*, minutes.* or
/// fund.* event.
/// Items attached to the event are read from `items`.
void apply_vote(SQLite::Database& db, const Event& e, const nlohmann::json& payload,
                SQLite::Database& items);

} // namespace consult::ledger
