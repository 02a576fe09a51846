#include "consult/error.hpp"
#include "consult/ledger.hpp"

#include "helpers.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <fstream>
#include <sys/stat.h>

using namespace consult;
using namespace consult::ledger;

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
}
