#pragma once
/// \file
/// One event of the ledger's log, its hash, and the canonical JSON its
/// payload is written in. The bottom of the ledger: no database here.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace consult::ledger {

/// The hash before the first event.
inline const std::string kGenesisHash(64, '0');

/// One event of the log.
struct Event {
  std::int64_t seq = 0;
  std::string at; ///< RFC 3339 with offset
  std::string actor;
  std::string kind;    ///< a name from the event catalogue, e.g. "issue.add"
  std::string entity;  ///< e.g. "issue:42"
  std::string payload; ///< canonical JSON
  std::string prev_hash;
  std::string hash;
};

/// The SHA-256 of an event: over the canonical JSON array
/// `[seq, at, actor, kind, entity, payload, prev_hash]`.
std::string event_hash(const Event& e);

/// Canonical JSON text: keys sorted, no white space, UTF-8 unescaped.
std::string canonical(const nlohmann::json& j);

/// Appends `s` as a JSON string exactly as canonical() writes it.
void put_json_string(std::string& out, std::string_view s);

/// Appends an object of strings, keys in canonical (byte) order, exactly as
/// canonical() writes it.
void put_json_object(std::string& out, const std::map<std::string, std::string>& object);

} // namespace consult::ledger
