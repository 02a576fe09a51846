#include "consult/ledger_info.hpp"

#include <SQLiteCpp/Database.h>

#include <exception>

namespace consult::ledger {

Probe probe(const std::string& path) {
  Probe p;
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    p.opened = true;
    p.application_id = db.execAndGet("PRAGMA application_id").getInt();
    p.schema_version = db.execAndGet("PRAGMA user_version").getInt();
    p.journal_mode = db.execAndGet("PRAGMA journal_mode").getString();
    try {
      p.events = db.execAndGet("SELECT count(*) FROM event").getInt64();
    } catch (const std::exception&) {
      // No event table: not (yet) a ledger; the identity above says which.
    }
  } catch (const std::exception& e) {
    p.error = e.what();
  }
  return p;
}

nlohmann::json to_json(const Event& e) {
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor", e.actor},
          {"kind", e.kind},
          {"entity", e.entity},
          {"payload", nlohmann::json::parse(e.payload, nullptr, false)},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

nlohmann::json summary_json(const Event& e) {
  return {{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"kind", e.kind}, {"hash", e.hash}};
}

} // namespace consult::ledger
