#pragma once
/// \file
/// What can be told about a ledger from outside: a file's identity read
/// without opening it as a Ledger (for `consult doctor`, which must describe
/// files consult would refuse), and an event as JSON.

#include "consult/ledger.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace consult::ledger {

/// A SQLite file's identity, read as far as it could be.
struct Probe {
  bool opened = false;                        ///< the file opened as SQLite, read-only
  std::optional<std::int32_t> application_id; ///< PRAGMA application_id
  std::optional<int> schema_version;          ///< PRAGMA user_version
  std::optional<std::string> journal_mode;    ///< PRAGMA journal_mode
  std::optional<std::int64_t> events;         ///< rows of the event table; nullopt if it has none
  std::string error; ///< why reading stopped before `events`, "" if it did not
};

/// Reads the file at `path` read-only, without checking, migrating or
/// waiting for a writer, in this order: opens it, then its application id,
/// schema version, journal mode and number of events. Never throws for a
/// file that is not a ledger: the first failure is recorded in `error` (a
/// missing event table only leaves `events` empty).
Probe probe(const std::string& path);

/// An event as JSON, the one shape of `consult log --json`: every field, the
/// payload as a JSON value.
nlohmann::json to_json(const Event& e);

/// An event as a line of an entity's history: seq, at, actor, kind and hash
/// (the keys of to_json() with the same meaning).
nlohmann::json summary_json(const Event& e);

} // namespace consult::ledger
