#pragma once
// Shared fixtures for the unit tests: a fixed clock, a small community.

#include "consult/config.hpp"
#include "consult/error.hpp"
#include "consult/issues.hpp"
#include "consult/events.hpp"
#include "consult/hash.hpp"
#include "consult/ledger.hpp"
#include "consult/sealing.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <string>

namespace consult::test {

inline ledger::Session session(const char* now = "2026-11-21 10:00") {
  ledger::Session s;
  s.actor = "tester";
  s.clock = clock::Clock(*clock::parse_instant(now, clock::kDefaultZone));
  return s;
}

inline config::Community community() {
  return config::parse_community(R"(id = "t"
name = "测试社区"
[channels]
suggestion-box = "意见箱"
wechat-group = "微信群"
[categories]
parking = "停车"
facility-repair = "设施维修"
other = "其他"
[council]
name = "议事会"
[council.stakeholders]
max = 2
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{ name = "王一" }, { name = "李二" }]
)",
                                 "t.toml");
}

/// Runs `sql` on a ledger's file as a careful forger with the sqlite3 shell
/// would: the append-only triggers dropped first and put back afterwards
/// exactly as consult made them, so that only what the SQL changed differs.
inline void forge(SQLite::Database& db, const std::string& sql) {
  for (const auto& o : ledger::expected_schema())
    if (o.type == "trigger") db.exec("DROP TRIGGER IF EXISTS \"" + o.name + "\"");
  db.exec(sql);
  for (const auto& o : ledger::expected_schema())
    if (o.type == "trigger") db.exec(o.sql);
}

/// Takes a ledger of this build back to schema 12, before referrals to any
/// authority and elections: their columns and tables gone.
inline void drop_schema_13(SQLite::Database& db) {
  db.exec("DROP INDEX body_member_by_body; DROP TABLE body_member; DROP TABLE election_person; "
          "DROP INDEX election_by_community; DROP TABLE election; "
          "ALTER TABLE issue_escalation DROP COLUMN to_level; "
          "ALTER TABLE issue_escalation DROP COLUMN to_name; "
          "ALTER TABLE issue_escalation DROP COLUMN answered_by; "
          "ALTER TABLE issue_escalation DROP COLUMN answered_by_name; "
          "DELETE FROM schema_upgrade WHERE version = 13; PRAGMA user_version = 12");
}

/// Takes a ledger of this build back to schema 11, before books: the
/// account book as schema 5 made it, in money only and one per community
/// (the entries' book, quantity, unit and advance gone).
inline void drop_schema_12(SQLite::Database& db) {
  db.exec("PRAGMA writable_schema = ON");
  db.exec("UPDATE sqlite_schema SET sql = replace(sql, "
          "'CHECK (amount > 0 OR (quantity IS NOT NULL AND amount = 0))', 'CHECK (amount > 0)') "
          "WHERE type = 'table' AND name = 'fund_entry'");
  const int version = db.execAndGet("PRAGMA schema_version").getInt();
  db.exec("PRAGMA schema_version = " + std::to_string(version + 1));
  db.exec("PRAGMA writable_schema = OFF");
  db.exec("DROP INDEX fund_by_date; ALTER TABLE fund_entry DROP COLUMN book; "
          "ALTER TABLE fund_entry DROP COLUMN quantity; ALTER TABLE fund_entry DROP COLUMN unit; "
          "ALTER TABLE fund_entry DROP COLUMN advance; "
          "CREATE INDEX fund_by_date ON fund_entry (community, on_date, id); "
          "DELETE FROM schema_upgrade WHERE version = 12; PRAGMA user_version = 11");
}

/// Takes a ledger of this build back to schema 10, before bodies: the
/// meeting's body column and its index gone (the tallies are recomputed by
/// the upgrade either way).
inline void drop_schema_11(SQLite::Database& db) {
  db.exec("DROP INDEX meeting_by_body; ALTER TABLE meeting DROP COLUMN body; "
          "DELETE FROM schema_upgrade WHERE version = 11; PRAGMA user_version = 10");
}

/// Takes the ledger `db`, written by this build, back to how a writer before
/// schema 10 wrote its events: personal data in place in every payload and
/// attached row, the chain hashed again over them; personal_value and
/// sealed_hash emptied (a test then drops what the older schema lacked).
inline void unseal_in_place(SQLite::Database& db) {
  ledger::Unsealer unsealer(db);
  std::vector<ledger::Event> events;
  {
    SQLite::Statement q(db, fmt::format("SELECT {} FROM event ORDER BY seq", ledger::kEventColumns));
    while (q.executeStep())
      events.push_back(ledger::read_event(q));
  }
  std::string sql;
  std::string prev = ledger::kGenesisHash;
  for (auto& e : events) {
    auto payload = unsealer.unseal_text(e.payload, e.seq);
    if (const auto* k = events::find(e.kind); k && k->has_items) {
      hash::Sha256 d;
      SQLite::Statement items(db, "SELECT n, coalesce(key, ''), data FROM event_item WHERE seq = ? "
                                  "ORDER BY n");
      items.bind(1, e.seq);
      while (items.executeStep()) {
        const auto data = ledger::canonical(unsealer.unseal_text(items.getColumn(2).getString(), e.seq));
        d.update(ledger::item_line(items.getColumn(0).getInt64(), items.getColumn(1).getString(),
                                   data));
        SQLite::Statement set(db, "UPDATE event_item SET data = ? WHERE seq = ? AND n = ?");
        set.bind(1, data);
        set.bind(2, e.seq);
        set.bind(3, items.getColumn(0).getInt64());
        for (const auto& o : ledger::expected_schema())
          if (o.type == "trigger" && o.table == "event_item")
            db.exec("DROP TRIGGER IF EXISTS \"" + o.name + "\"");
        set.exec();
      }
      payload["items_sha256"] = d.hex();
    }
    // A plan before schema 11 named no body (its projector derives one).
    if (e.kind == "meeting.plan") payload.erase("body");
    e.payload = ledger::canonical(payload);
    e.prev_hash = prev;
    e.hash = ledger::event_hash(e);
    prev = e.hash;
  }
  for (const auto& o : ledger::expected_schema())
    if (o.type == "trigger") db.exec("DROP TRIGGER IF EXISTS \"" + o.name + "\"");
  SQLite::Statement set(db, "UPDATE event SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?");
  for (const auto& e : events) {
    set.reset();
    set.bind(1, e.payload);
    set.bind(2, e.prev_hash);
    set.bind(3, e.hash);
    set.bind(4, e.seq);
    set.exec();
  }
  db.exec("DELETE FROM personal_value; DELETE FROM sealed_hash");
  SQLite::Statement head(db, "UPDATE ledger_head SET hash = ? WHERE id = 1");
  head.bind(1, prev);
  head.exec();
  for (const auto& o : ledger::expected_schema())
    if (o.type == "trigger") db.exec(o.sql);
}

/// Adds `n` issues to community `c` (the same title each time).
inline void add_issues(ledger::Ledger& l, const config::Community& c, int n) {
  for (int i = 0; i < n; ++i) {
    issues::NewIssue issue;
    issue.title = "楼道灯不亮";
    issues::add(l, c, issue);
  }
}

/// The kind of consult::Error `fn` throws; ErrorKind::internal if it throws
/// none (no test expects that kind).
inline ErrorKind kind_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;
}

/// A scratch directory removed at the end of the scope.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/consult-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const char* name) const { return (path / name).string(); }
};

} // namespace consult::test
