// The projector's part for the ledger family: ledger.init changes no table;
// community.sync keeps the community row. And the monthly tallies every
// family adds to.

#include "projection.hpp"

#include "consult/events_ledger.hpp"
#include "consult/hash.hpp"

namespace consult::events {

using nlohmann::json;

void tally(SQLite::Database& db, const std::string& community, const std::string& date,
           const char* figure, const std::string& key, std::int64_t n) {
  SQLite::Statement q(db, kTallySql);
  q.bind(1, community);
  q.bind(2, date);
  q.bind(3, figure);
  q.bind(4, key);
  q.bind(5, n);
  q.exec();
}

namespace {

void project_community_sync(const Apply& a) {
  const auto c = CommunitySync::from_json(a.payload);
  SQLite::Statement q(a.db, R"sql(
    INSERT INTO community (id, name, street, district, timezone, config, config_sha, synced_seq)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (id) DO UPDATE SET name = ?2, street = ?3, district = ?4, timezone = ?5,
      config = ?6, config_sha = ?7, synced_seq = ?8)sql");
  const std::string config = ledger::canonical(c.config);
  q.bind(1, c.id);
  q.bind(2, c.name);
  q.bind(3, c.street);
  q.bind(4, c.district);
  q.bind(5, c.timezone);
  q.bind(6, config);
  q.bind(7, hash::sha256_hex(config));
  q.bind(8, a.event.seq);
  q.exec();
}

} // namespace

json LedgerInit::to_json() const {
  return {{"schema", schema}};
}

LedgerInit LedgerInit::from_json(const json& p) {
  return {p.at("schema").get<int>()};
}

json LedgerReseal::to_json() const {
  return {{"events", events}, {"hashes_sha256", hashes_sha256}, {"head", head}};
}

LedgerReseal LedgerReseal::from_json(const json& p) {
  return {p.at("events").get<std::int64_t>(), text(p, "head"), text(p, "hashes_sha256")};
}

json CommunitySync::to_json() const {
  return {{"id", id},
          {"name", name},
          {"street", street},
          {"district", district},
          {"timezone", timezone},
          {"config", config}};
}

CommunitySync CommunitySync::from_json(const json& p) {
  return {text(p, "id"),       text(p, "name"),     text(p, "street"),
          text(p, "district"), text(p, "timezone"), p.at("config")};
}

const std::vector<Kind>& ledger_kinds() {
  static const std::vector<Kind> kKinds = {
      {kLedgerInit, "ledger", 1, nullptr, false, payload_type<LedgerInit>},
      {kCommunitySync, "ledger", 1, project_community_sync, false, payload_type<CommunitySync>},
      {kLedgerReseal, "ledger", 10, nullptr, false, payload_type<LedgerReseal>},
  };
  return kKinds;
}

} // namespace consult::events
