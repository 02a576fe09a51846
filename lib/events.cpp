// The event catalogue: the families' rows put together, looked up by name,
// and the one place an event is dispatched to its projector. The same code
// runs when an event is appended and when `consult verify` replays the log
// into a scratch database, so the tables are by construction what the events
// say.

#include "consult/events.hpp"

#include "consult/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace consult::events {

// Each family's rows, defined in its projector file (lib/projection_*.cpp).
const std::vector<Kind>& ledger_kinds();
const std::vector<Kind>& issue_kinds();
const std::vector<Kind>& meeting_kinds();
const std::vector<Kind>& owners_kinds();
const std::vector<Kind>& vote_kinds();
const std::vector<Kind>& decision_kinds();
const std::vector<Kind>& action_kinds();
const std::vector<Kind>& minutes_kinds();
const std::vector<Kind>& fund_kinds();
const std::vector<Kind>& privacy_kinds();
const std::vector<Kind>& election_kinds();

namespace {

using nlohmann::json;

/// The catalogue of this process: consult's kinds, then any a test added.
struct Catalogue {
  std::vector<Kind> kinds;
  Catalogue() {
    for (const auto* family :
         {&ledger_kinds(), &issue_kinds(), &meeting_kinds(), &owners_kinds(), &vote_kinds(),
          &decision_kinds(), &action_kinds(), &minutes_kinds(), &fund_kinds(), &privacy_kinds(),
          &election_kinds()})
      kinds.insert(kinds.end(), family->begin(), family->end());
  }
};

Catalogue& catalogue() {
  static Catalogue c;
  return c;
}

} // namespace

const std::vector<Kind>& all() {
  return catalogue().kinds;
}

const Kind* find(std::string_view name) {
  const auto& kinds = catalogue().kinds;
  const auto it =
      std::find_if(kinds.begin(), kinds.end(), [&](const Kind& k) { return k.name == name; });
  return it == kinds.end() ? nullptr : &*it;
}

void register_kind(const Kind& kind) {
  auto& c = catalogue();
  if (find(kind.name))
    throw Error(ErrorKind::internal,
                fmt::format("event kind '{}' is already in the catalogue", std::string(kind.name)));
  c.kinds.push_back(kind);
}

void unregister_kind(std::string_view name) {
  auto& c = catalogue();
  std::erase_if(c.kinds, [&](const Kind& k) { return k.name == name; });
}

namespace {

void project(SQLite::Database& db, const ledger::Event& e, SQLite::Database& items,
             ledger::Unsealer& unsealer, const json* unsealed) {
  const Kind* kind = find(e.kind);
  if (!kind)
    throw Error(ErrorKind::data, fmt::format("event {} has an unknown kind '{}'", e.seq, e.kind),
                {}, "this ledger may have been written by a newer consult");
  json p;
  if (!unsealed) {
    try {
      p = json::parse(e.payload);
    } catch (const json::exception& ex) {
      throw Error(ErrorKind::data,
                  fmt::format("event {} has a payload that is not JSON: {}", e.seq, ex.what()));
    }
    p = unsealer.unseal(p, e.seq);
  }
  if (!kind->project) return;
  try {
    kind->project(Apply{db, items, e, unsealed ? *unsealed : p, unsealer});
  } catch (const json::exception& ex) {
    throw Error(ErrorKind::data,
                fmt::format("event {} ({}) has a malformed payload: {}", e.seq, e.kind, ex.what()));
  }
}

} // namespace

void apply(SQLite::Database& db, const ledger::Event& e, SQLite::Database* items) {
  auto& source = items ? *items : db;
  ledger::Unsealer unsealer(source);
  project(db, e, source, unsealer, nullptr);
}

void apply(SQLite::Database& db, const ledger::Event& e, SQLite::Database& items,
           ledger::Unsealer& unsealer) {
  project(db, e, items, unsealer, nullptr);
}

void apply_payload(SQLite::Database& db, const ledger::Event& e, const json& payload) {
  ledger::Unsealer unsealer(db);
  project(db, e, db, unsealer, &payload);
}

} // namespace consult::events
