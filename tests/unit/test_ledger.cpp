#include "consult/error.hpp"
#include "consult/events_issue.hpp"
#include "consult/ledger.hpp"

#include "helpers.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <fstream>
#include <sys/stat.h>

using namespace consult;
using namespace consult::ledger;
using consult::events::IssueItem;

TEST_CASE("event hashes are SHA-256 over the canonical JSON array") {
  Event e;
  e.seq = 1;
  e.at = "2026-11-21T10:00:00+08:00";
  e.actor = "陈静";
  e.kind = "ledger.init";
  e.entity = "ledger";
  e.payload = R"({"schema":1})";
  e.prev_hash = kGenesisHash;
  // Computed independently: python3 hashlib over json.dumps(..., separators=(",", ":"),
  // ensure_ascii=False).
  CHECK(event_hash(e) == "fe58586a630ff077517edc10c3367ab90f0e650864443fd1be92cfd48e1aff37");
}

TEST_CASE("canonical JSON sorts keys and keeps UTF-8") {
  CHECK(canonical({{"b", 1}, {"a", "和平"}}) == R"({"a":"和平","b":1})");
}

TEST_CASE("an import item's JSON is byte for byte the canonical JSON of the same object") {
  // The import writes item data without building a JSON object; replay and
  // verify read it with the JSON library. Both must agree on every byte.
  IssueItem it;
  it.id = 42;
  it.community = "heping";
  it.title = "楼顶漏水";
  it.body = "He said \"leak\" \\ twice\n\tthen\r\x01\x1f\x7f left: =HYPERLINK(\"x\")";
  it.channel = "box";
  it.category = "repair";
  it.place = "3号楼";
  it.raised_by = "王芳";
  it.phone = "13800000000";
  it.raised_on = "2025-05-16";
  it.row = 7;
  auto expected = [](const IssueItem& i) {
    nlohmann::json j = {{"id", i.id},           {"community", i.community},
                        {"title", i.title},     {"body", i.body},
                        {"channel", i.channel}, {"category", i.category},
                        {"place", i.place},     {"raised_by", i.raised_by},
                        {"phone", i.phone},     {"raised_on", i.raised_on},
                        {"row", i.row}};
    if (!i.channel_text.empty()) j["channel_text"] = i.channel_text;
    if (!i.category_text.empty()) j["category_text"] = i.category_text;
    if (!i.extra.empty()) j["extra"] = i.extra;
    if (!i.time.empty()) j["time"] = i.time;
    if (!i.stakeholders.empty()) j["stakeholders"] = i.stakeholders;
    return canonical(j);
  };
  CHECK(it.item_json() == expected(it));
  it.channel_text = "街道转来\b";
  it.category_text = "其它\f";
  it.extra = {{"备注", "已回访"}, {"Zeta", "z"}, {"alpha\"q", "\\"}, {"", "empty key"}};
  it.time = "14:30";
  it.stakeholders = {"物业公司", "业委会", std::string("3号楼") + '\0' + "住户"};
  const auto data = it.item_json();
  CHECK(data == expected(it));
  CHECK(data.find("\\u0000") != std::string::npos);
  // And it reads back to the same item.
  const auto back = IssueItem::from_json(nlohmann::json::parse(data));
  CHECK(back.item_json() == data);
  CHECK(back.extra.at("备注") == "已回访");
  CHECK(back.stakeholders.size() == 3);
}

TEST_CASE("appending chains events and applies them") {
  auto l = Ledger::in_memory(test::session());
  CHECK(l->event_count() == 1); // ledger.init
  l->write([&] {
    l->append("community.sync", "community:t",
              {{"id", "t"},
               {"name", "n"},
               {"street", ""},
               {"district", ""},
               {"timezone", "Asia/Shanghai"},
               {"config", nlohmann::json::object()}});
  });
  const auto events = l->events();
  REQUIRE(events.size() == 2);
  CHECK(events[0].prev_hash == kGenesisHash);
  CHECK(events[1].prev_hash == events[0].hash);
  CHECK(events[1].hash == event_hash(events[1]));
  CHECK(events[1].at == "2026-11-21T10:00:00+08:00");
  CHECK(events[1].actor == "tester");
  CHECK(l->db().execAndGet("SELECT name FROM community WHERE id = 't'").getString() == "n");
  CHECK(l->head()->seq == 2);
  CHECK(l->events("community:t").size() == 1);
  CHECK(l->events({}, 1).size() == 1);
}

TEST_CASE("a failed write leaves nothing behind") {
  auto l = Ledger::in_memory(test::session());
  CHECK_THROWS_AS(l->write([&] {
    l->append("community.sync", "community:t",
              {{"id", "t"},
               {"name", "n"},
               {"street", ""},
               {"district", ""},
               {"timezone", "UTC"},
               {"config", nlohmann::json::object()}});
    throw Error(ErrorKind::data, "bad row");
  }),
                  Error);
  CHECK(l->event_count() == 1);
  CHECK(l->db().execAndGet("SELECT count(*) FROM community").getInt() == 0);
}

TEST_CASE("append outside a write is a bug") {
  auto l = Ledger::in_memory(test::session());
  CHECK_THROWS_AS(l->append("x", "y", nlohmann::json::object()), Error);
}

TEST_CASE("unknown event kinds are refused by the projector") {
  auto l = Ledger::in_memory(test::session());
  CHECK_THROWS_AS(l->write([&] { l->append("meeting.teleport", "x", nlohmann::json::object()); }),
                  Error);
  CHECK(l->event_count() == 1);
}

TEST_CASE("the event log is append-only") {
  auto l = Ledger::in_memory(test::session());
  CHECK_THROWS(l->db().exec("UPDATE event SET actor = 'x'"));
  CHECK_THROWS(l->db().exec("DELETE FROM event"));
}

TEST_CASE("init creates a stamped ledger with mode 0600 in WAL mode") {
  test::TempDir dir;
  const auto path = dir.file("c.db");
  CHECK(Ledger::init(path, test::session()));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  Ledger l(path, Access::read, test::session());
  CHECK(l.schema_version() == latest_version());
  CHECK(l.db().execAndGet("PRAGMA application_id").getInt() == kApplicationId);
  CHECK(l.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(l.event_count() == 1);
  // A second init is harmless.
  CHECK_FALSE(Ledger::init(path, test::session()));
  CHECK(Ledger(path, Access::read, test::session()).event_count() == 1);
}

TEST_CASE("a file that is not a consult ledger is refused") {
  test::TempDir dir;
  const auto text = dir.file("notes.txt");
  std::ofstream(text) << "this is not a database, just some notes\n";
  try {
    Ledger l(text, Access::read, test::session());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()).find("is not a consult ledger") != std::string::npos);
  }
  const auto other = dir.file("other.db");
  {
    SQLite::Database db(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE t (x)");
  }
  CHECK_THROWS_AS(Ledger(other, Access::write, test::session()), Error);
  CHECK_THROWS_AS(Ledger::init(other, test::session()), Error);
}

TEST_CASE("a ledger from a newer schema is refused and left untouched") {
  test::TempDir dir;
  const auto path = dir.file("c.db");
  Ledger::init(path, test::session());
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    Ledger l(path, Access::write, test::session());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()).find("newer") != std::string::npos);
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 99);
}

TEST_CASE("a missing ledger is a missing input") {
  try {
    Ledger l("/nonexistent/consult.db", Access::read, test::session());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::no_input);
    CHECK(e.hint().find("consult init") != std::string::npos);
  }
}

TEST_CASE("migrations are ordered and each bumps the version") {
  int last = 0;
  for (const auto& m : migrations()) {
    CHECK(m.version == last + 1);
    last = m.version;
  }
  CHECK(latest_version() == last);
}

TEST_CASE("schema 8: the issue checks refuse and accept exactly the values they did") {
  auto l = Ledger::in_memory(test::session());
  auto& db = l->db();
  const auto sql =
      db.execAndGet("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'issue'")
          .getString();
  CHECK(sql.find("status IN") == std::string::npos);
  CHECK(sql.find("priority IN") == std::string::npos);
  CHECK(sql.find("status = 'escalated'") != std::string::npos);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  db.exec("INSERT INTO community VALUES ('c', 'C', 's', 'd', 'Asia/Shanghai', '{}', 'x', 1)");
  auto insert = [&](const std::string& status, const std::string& priority) {
    SQLite::Statement q(db, "INSERT INTO issue (community, title, body, channel, category, "
                            "place, raised_by, phone, raised_on, raised_count, status, rounds, "
                            "escalated_to, reason, created_seq, created_at, updated_seq, "
                            "updated_at, priority) VALUES ('c', 't', 'b', 'x', 'y', '', '', '', "
                            "'2026-01-01', 1, ?, 0, '', '', 1, 'a', 1, 'a', ?)");
    q.bind(1, status);
    q.bind(2, priority);
    q.exec();
  };
  for (const char* status : {"collected", "accepted", "rejected", "merged", "consulting", "decided",
                             "implementing", "resolved", "closed", "escalated"})
    CHECK_NOTHROW(insert(status, "normal"));
  for (const char* priority : {"urgent", "high", "normal", "low"})
    CHECK_NOTHROW(insert("collected", priority));
  CHECK_THROWS(insert("done", "normal"));
  CHECK_THROWS(insert("Collected", "normal"));
  CHECK_THROWS(insert("", "normal"));
  CHECK_THROWS(insert("collected", "medium"));
  CHECK_THROWS(db.exec("UPDATE issue SET status = 'open' WHERE id = 1"));
  CHECK(db.execAndGet("SELECT count(*) FROM issue").getInt() == 14);
}

TEST_CASE("schema 8 refuses a ledger whose issue checks were changed outside consult") {
  test::TempDir dir;
  const auto path = dir.file("odd.db");
  Ledger::init(path, test::session());
  {
    // A schema 7 ledger someone edited by hand: no check of status at all.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    auto sql = db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'issue'").getString();
    const auto from = sql.find("CHECK (status");
    REQUIRE(from != std::string::npos);
    sql.erase(from, sql.find("'escalated')", from) + 12 - from);
    const int version = db.execAndGet("PRAGMA schema_version").getInt();
    db.exec("PRAGMA writable_schema = ON");
    SQLite::Statement u(db, "UPDATE sqlite_schema SET sql = ? WHERE name = 'issue'");
    u.bind(1, sql);
    u.exec();
    db.exec("PRAGMA schema_version = " + std::to_string(version + 1));
    db.exec("PRAGMA writable_schema = OFF");
    db.exec("PRAGMA user_version = 7");
    REQUIRE(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  try {
    Ledger l(path, Access::write, test::session());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()).find("schema 8") != std::string::npos);
    CHECK(e.hint().find("backup") != std::string::npos);
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 7);
}

TEST_CASE("a writer that cannot get the lock in time gets a busy error") {
  test::TempDir dir;
  const auto path = dir.file("c.db");
  Ledger::init(path, test::session());
  SQLite::Database holder(path, SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  auto s = test::session();
  s.busy_timeout_ms = 50;
  Ledger l(path, Access::write, s);
  try {
    l.write([] {});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::busy);
    CHECK(exit_status(e.kind()) == 75);
  }
  holder.exec("ROLLBACK");
  CHECK_NOTHROW(l.write([] {}));
}

TEST_CASE("an older ledger is migrated step by step when opened for writing") {
  test::TempDir dir;
  const auto path = dir.file("v1.db");
  {
    // A ledger as schema 1 left it.
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec(migrations().at(0).sql);
    db.exec("PRAGMA user_version = 1");
  }
  try {
    Ledger l(path, Access::read, test::session());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(e.hint().find("consult init") != std::string::npos);
  }
  Ledger l(path, Access::write, test::session());
  CHECK(l.schema_version() == latest_version());
  CHECK(l.db().execAndGet("SELECT count(*) FROM event_item").getInt() == 0);
  CHECK_NOTHROW(l.db().exec("SELECT extra, import_seq, priority FROM issue"));
  CHECK(l.db().execAndGet("SELECT count(*) FROM meeting").getInt() == 0);
  CHECK(l.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
}
