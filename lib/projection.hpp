#pragma once
// Internal to libconsult: what the projector files share. One file per
// family of the event catalogue (projection_ledger.cpp, projection_issue.cpp,
// …), each defining its rows of the catalogue, which lib/events.cpp puts
// together.

#include "consult/error.hpp"
#include "consult/events.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consult::events {

/// A string field of an event's payload; '' when it is absent or null.
inline std::string text(const nlohmann::json& payload, const char* key) {
  const auto it = payload.find(key);
  if (it == payload.end() || it->is_null()) return {};
  return it->get<std::string>();
}

/// An optional field of a payload: absent or null is "not set".
template <class T> std::optional<T> optional(const nlohmann::json& p, const char* key) {
  const auto it = p.find(key);
  if (it == p.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

/// Writes an optional field only when it is set.
template <class T> void put(nlohmann::json& p, const char* key, const std::optional<T>& v) {
  if (v) p[key] = *v;
}

/// An optional id as payloads have always written it: the id, or null.
inline nlohmann::json id_or_null(const std::optional<std::int64_t>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

/// An integer field of an event's payload (it must be there).
inline std::int64_t integer(const nlohmann::json& p, const char* key) {
  return p.at(key).get<std::int64_t>();
}

/// Binds an optional id: NULL when absent or null.
inline void bind_id(SQLite::Statement& q, int index, const nlohmann::json& p, const char* key) {
  const auto it = p.find(key);
  if (it == p.end() || it->is_null())
    q.bind(index);
  else
    q.bind(index, it->get<std::int64_t>());
}

/// An UPDATE that must have changed exactly one row of `what` (e.g. "vote").
inline void expect_one(int changed, const ledger::Event& e, const char* what, std::int64_t id) {
  if (changed != 1)
    throw Error(ErrorKind::data, fmt::format("event {}: {} {} does not exist", e.seq, what, id));
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

} // namespace consult::events
