#pragma once
/// \file
/// The ledger family of the event catalogue: ledger.init (the first event)
/// and community.sync (a community's configuration, as the events after it
/// read it).

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace consult::events {

inline constexpr std::string_view kLedgerInit = "ledger.init";
inline constexpr std::string_view kCommunitySync = "community.sync";
inline constexpr std::string_view kLedgerReseal = "ledger.reseal";

/// ledger.init: the schema the ledger was created with.
struct LedgerInit {
  int schema = 0;

  nlohmann::json to_json() const;
  static LedgerInit from_json(const nlohmann::json& p);
};

/// ledger.reseal: the events before it were resealed at schema 10 (their
/// personal data moved apart, consult/sealing.hpp). Written by the schema
/// step, never by a command.
struct LedgerReseal {
  std::int64_t events = 0;   ///< events resealed: 1 … events
  std::string head;          ///< the hash the last of them had before
  std::string hashes_sha256; ///< SHA-256 of their old hashes (sealed_hash_line each)
  nlohmann::json to_json() const;
  static LedgerReseal from_json(const nlohmann::json& p);
};

/// community.sync: a community as its configuration described it then.
struct CommunitySync {
  std::string id, name, street, district, timezone;
  nlohmann::json config; ///< the whole community (config::to_json)

  std::string entity() const { return "community:" + id; }
  nlohmann::json to_json() const;
  static CommunitySync from_json(const nlohmann::json& p);
};

} // namespace consult::events
