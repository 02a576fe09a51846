#pragma once
/// \file
/// The event catalogue: every kind of event the ledger can hold, with its
/// permanent name, the schema version that introduced it, and its projector
/// (how it changes the tables). One table, one place: `consult verify`, the
/// write path and the documentation all read it.
///
/// An event kind's name is permanent: a ledger written today must replay
/// under every later consult, so a name is a constant declared once beside
/// its payload type (consult/events_*.hpp), never built from the words of a
/// command. docs/architecture.md has the checklist for adding a kind.

#include "consult/event.hpp"
#include "consult/sealing.hpp"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace consult::events {

/// What a projector works on.
struct Apply {
  SQLite::Database& db;          ///< the tables to change
  SQLite::Database& items;       ///< where the event's items are (event_item)
  const ledger::Event& event;    ///< the event, as stored
  const nlohmann::json& payload; ///< its payload, parsed, personal data unsealed
  ledger::Unsealer& unseal;      ///< unseals the event's items (from `items`)
};

/// How one event kind changes the tables.
using Projector = void (*)(const Apply&);

/// One row of the catalogue.
struct Kind {
  std::string_view name;   ///< permanent, e.g. "issue.add"
  std::string_view family; ///< the family it belongs to, e.g. "issue"
  int since;               ///< the schema version that introduced it
  Projector project;       ///< nullptr: the event changes no table
  bool has_items = false;  ///< rows attached in event_item, hashed in the payload's items_sha256
  /// The payload read into its type and written back (payload_type<T>): what
  /// a writer of today would write for it. Tests hold every stored payload
  /// to it, byte for byte, so that a type that drops or renames a field
  /// shows. nullptr while a kind has no payload type.
  nlohmann::json (*reread)(const nlohmann::json&) = nullptr;
};

/// The `reread` of a payload type T (with T::from_json and to_json()).
template <class T> nlohmann::json payload_type(const nlohmann::json& p) {
  return T::from_json(p).to_json();
}

/// Every kind, in catalogue order (families, then kinds within them).
const std::vector<Kind>& all();

/// The kind named `name`, or nullptr.
const Kind* find(std::string_view name);

/// Applies one event to the projection tables of `db` (no event row is
/// written). Items attached to the event are read from `items`, or from
/// `db` when it is null. Throws consult::Error (data) for a kind the
/// catalogue does not know or a payload its projector cannot read.
void apply(SQLite::Database& db, const ledger::Event& e, SQLite::Database* items = nullptr);

/// The same, unsealing personal data with `unsealer` (over the database the
/// items are in): for replaying many events.
void apply(SQLite::Database& db, const ledger::Event& e, SQLite::Database& items,
           ledger::Unsealer& unsealer);

/// The same for an event just appended, whose payload (personal data in
/// place) the caller has: nothing to unseal.
void apply_payload(SQLite::Database& db, const ledger::Event& e, const nlohmann::json& payload);

/// `payload` of an event of `kind` with residents' personal data masked, as
/// `consult log` shows it unless `--reveal`: residents' names (whoever raised
/// an issue, stakeholders, speakers, voters on an owners' roster, proxies,
/// donors not named, people whose recorded role is not member, guest or
/// body), phones, places cut to the building, imported extra columns by
/// what they hold. Members, guests and bodies stay named. In free text, the
/// residents the payload names are masked, and `residents` besides (those
/// of the records the event is about: consult/history.hpp).
nlohmann::json masked_payload(std::string_view kind, const nlohmann::json& payload,
                              const std::vector<std::string>& residents = {});

/// Adds a kind to the catalogue of this process. For tests: a kind that is
/// not in the catalogue above is not part of consult and no ledger may hold
/// it. Throws consult::Error (internal) if the name is taken. Not safe while
/// another thread uses the catalogue.
void register_kind(const Kind& kind);

/// Removes a kind added with register_kind (for tests).
void unregister_kind(std::string_view name);

} // namespace consult::events
