#include "consult/hash.hpp"
#include "consult/issues.hpp"
#include "consult/ledger.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <random>

using namespace consult;

namespace {

/// A ledger with a few issues and steps: events 1..9.
std::unique_ptr<ledger::Ledger> sample() {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "屋顶漏水";
  n.stakeholders = {"物业公司", "顶层住户"};
  issues::add(*l, c, n); // 2 community.sync, 3 issue.add
  n.title = "停车难";
  issues::add(*l, c, n);                                     // 4
  issues::change(*l, 1, {model::IssueAction::accept});       // 5
  issues::change(*l, 1, {model::IssueAction::consult});      // 6
  issues::comment(*l, 1, "赵德明", "先做防水");              // 7
  issues::change(*l, 2, {model::IssueAction::merge, "", 1}); // 8
  issues::change(*l, 1, {model::IssueAction::consult});      // 9
  return l;
}

/// Writes an event row directly, as a forger with the sqlite3 shell would.
void insert_raw(ledger::Ledger& l, const ledger::Event& e) {
  SQLite::Statement ins(l.db(), "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  int i = 0;
  for (const auto* text :
       {&e.at, &e.actor, &e.kind, &e.entity, &e.payload, &e.prev_hash, &e.hash}) {
    if (i == 0) ins.bind(++i, e.seq);
    ins.bind(++i, *text);
  }
  ins.exec();
}

} // namespace

TEST_CASE("an intact ledger verifies") {
  auto l = sample();
  const auto r = ledger::verify(*l);
  CHECK(r.ok);
  CHECK(r.events == 9);
  CHECK(r.head_hash == l->head()->hash);
  CHECK(r.problem.empty());
}

TEST_CASE("an edited event is caught") {
  auto l = sample();
  test::forge(l->db(), "UPDATE event SET payload = replace(payload, '\"other\"', '\"parking\"') "
                       "WHERE seq = 4");
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 4);
  CHECK(r.problem.find("was changed") != std::string::npos);
}

TEST_CASE("edited personal data is caught: a title, a name, a phone sealed apart") {
  // The title lives beside the event, under the reference the event holds:
  // a forger who edits it cannot make its salt and text hash to that
  // reference again.
  for (const char* sql :
       {"UPDATE personal_value SET value = replace(value, '停车难', '停车容易')",
        // A value put back in place of another event's, salt and all.
        "UPDATE personal_value SET (salt, value) = (SELECT salt, value FROM personal_value "
        "WHERE seq = 3) WHERE seq = 4"}) {
    CAPTURE(sql);
    auto l = sample();
    test::forge(l->db(), sql);
    const auto r = ledger::verify(*l);
    CHECK_FALSE(r.ok);
    CHECK(r.bad_seq == 4);
    CHECK(r.table == "personal_value");
    CHECK(r.problem.find("was changed") != std::string::npos);
  }
  // Erased without a privacy.forget event that says so.
  auto l = sample();
  test::forge(l->db(), "UPDATE personal_value SET salt = NULL, value = NULL, shown = '{}', "
                       "forgotten_seq = 9 WHERE seq = 4");
  auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.problem.find("without a privacy.forget event") != std::string::npos);
  // A value no event refers to.
  l = sample();
  test::forge(l->db(), "INSERT INTO personal_value (ref, seq, salt, value) VALUES "
                       "('" + std::string(64, 'a') + "', 4, 'x', '{}')");
  r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.problem.find("no event refers to") != std::string::npos);
  // The value an event refers to, gone: the replay stops there.
  l = sample();
  test::forge(l->db(), "DELETE FROM personal_value WHERE seq = 4");
  r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 4);
}

TEST_CASE("an edited actor or time is caught") {
  auto l = sample();
  test::forge(l->db(), "UPDATE event SET actor = 'someone else' WHERE seq = 6");
  CHECK(ledger::verify(*l).bad_seq == 6);
  auto m = sample();
  test::forge(m->db(), "UPDATE event SET at = '2020-01-01T00:00:00+08:00' WHERE seq = 2");
  CHECK(ledger::verify(*m).bad_seq == 2);
}

TEST_CASE("a deleted event is caught") {
  auto l = sample();
  test::forge(l->db(), "DELETE FROM event WHERE seq = 5");
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 5);
  CHECK(r.problem.find("missing") != std::string::npos);
}

TEST_CASE("a deleted last event is caught") {
  auto l = sample();
  test::forge(l->db(), "DELETE FROM event WHERE seq = 9");
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.table == "ledger_head");
  // Even with the head moved back, the tables still show round 2.
  test::forge(l->db(), "UPDATE ledger_head SET seq = 8, hash = (SELECT hash FROM event WHERE seq = 8)");
  const auto r2 = ledger::verify(*l);
  CHECK_FALSE(r2.ok);
  CHECK(r2.table == "issue");
  CHECK(r2.problem.find("column rounds") != std::string::npos);
}

TEST_CASE("reordered events are caught") {
  auto l = sample();
  test::forge(l->db(), "UPDATE event SET seq = -seq WHERE seq IN (5, 6);"
               "UPDATE event SET seq = 6 WHERE seq = -5;"
               "UPDATE event SET seq = 5 WHERE seq = -6;");
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 5);
  CHECK(r.problem.find("does not follow") != std::string::npos);
}

TEST_CASE("an inserted event is caught") {
  auto l = sample();
  // Make room at 5 and insert an event whose own hash is right.
  test::forge(l->db(), "UPDATE event SET seq = seq + 100 WHERE seq >= 5;"
               "UPDATE event SET seq = seq - 99 WHERE seq >= 105;");
  ledger::Event e;
  e.seq = 5;
  e.at = "2026-11-21T10:00:00+08:00";
  e.actor = "intruder";
  e.kind = "issue.reject";
  e.entity = "issue:1";
  e.payload = R"({"from":"collected","id":1,"reason":"x","to":"rejected"})";
  e.prev_hash = l->events({}, 3, 1).front().hash;
  e.hash = ledger::event_hash(e);
  insert_raw(*l, e);
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 6);
}

TEST_CASE("a forged event appended at the end is caught by the tables") {
  auto l = sample();
  ledger::Event e;
  e.seq = 10;
  e.at = "2026-11-21T10:00:00+08:00";
  e.actor = "intruder";
  e.kind = "issue.decide";
  e.entity = "issue:1";
  e.payload = R"({"from":"consulting","id":1,"to":"decided"})";
  e.prev_hash = l->head()->hash;
  e.hash = ledger::event_hash(e);
  insert_raw(*l, e);
  SQLite::Statement h(l->db(), "UPDATE ledger_head SET seq = 10, hash = ?");
  h.bind(1, e.hash);
  h.exec();
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.table == "issue");
  CHECK(r.problem.find("status") != std::string::npos);
}

TEST_CASE("a table edited behind the events' back is caught") {
  auto l = sample();
  test::forge(l->db(), "UPDATE issue SET title = '改过的标题' WHERE id = 1");
  auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.table == "issue");
  CHECK(r.row == "rowid=1");
  CHECK(r.problem.find("column title") != std::string::npos);
  CHECK(r.problem.find("改过的标题") != std::string::npos);
}

TEST_CASE("a deleted or added projection row is caught") {
  auto l = sample();
  test::forge(l->db(), "DELETE FROM issue_stakeholder WHERE issue = 1 AND position = 2");
  auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.table == "issue_stakeholder");
  CHECK(r.problem.find("lacks a row") != std::string::npos);

  auto m = sample();
  test::forge(m->db(), "INSERT INTO issue_comment (id, issue, round, author, body, seq, at) "
               "VALUES (99, 1, 1, 'x', '伪造', 7, '2026-11-21T10:00:00+08:00')");
  r = ledger::verify(*m);
  CHECK_FALSE(r.ok);
  CHECK(r.table == "issue_comment");
  CHECK(r.problem.find("no event created") != std::string::npos);
}

TEST_CASE("any single tampering in a ledger of 10,000 events is caught") {
  // The ledger: issues added, accepted, consulted, commented on, merged and
  // rejected — 10,000 events — in a file, copied afresh for each attempt.
  test::TempDir dir;
  const auto base = dir.file("base.db");
  const auto c = test::community();
  ledger::Ledger::init(base, test::session());
  {
    ledger::Ledger l(base, ledger::Access::write, test::session());
    std::mt19937 rng(10000);
    l.write([&] {
      std::vector<std::int64_t> open;
      while (l.event_count() < 10000) {
        const auto roll = rng() % 10;
        if (roll < 4 || open.size() < 2) {
          issues::NewIssue n;
          n.title = "议题 " + std::to_string(l.event_count());
          n.stakeholders = {"物业公司"};
          open.push_back(issues::add(l, c, n));
          issues::change(l, open.back(), {model::IssueAction::accept});
        } else if (roll < 7) {
          issues::comment(l, open[rng() % open.size()], "居民", "意见");
        } else if (roll < 9) {
          issues::change(l, open[rng() % open.size()], {model::IssueAction::consult});
        } else {
          const auto id = open.back();
          open.pop_back();
          issues::change(l, id, {model::IssueAction::merge, "", open.front()});
        }
      }
    });
  }
  const std::int64_t last = [&] {
    ledger::Ledger l(base, ledger::Access::read, test::session());
    CHECK(ledger::verify(l).ok);
    return l.event_count();
  }();
  REQUIRE(last >= 10000);

  int attempts = 0;
  auto attempt = [&](const std::string& sql,
                     const std::function<void(ledger::Ledger&)>& then = nullptr) {
    ++attempts;
    const auto copy = dir.file(("t" + std::to_string(attempts) + ".db").c_str());
    std::filesystem::copy_file(base, copy);
    ledger::Ledger l(copy, ledger::Access::write, test::session());
    test::forge(l.db(), sql);
    if (then) then(l);
    const auto r = ledger::verify(l);
    std::filesystem::remove(copy);
    return r;
  };
  // Events at the start, the end and spread between (seeded).
  std::mt19937 rng(7);
  std::vector<std::int64_t> at = {2, 3, last / 2, last - 1};
  for (int i = 0; i < 3; ++i)
    at.push_back(2 + static_cast<std::int64_t>(rng() % static_cast<unsigned>(last - 3)));
  for (const auto k : at) {
    CAPTURE(k);
    const auto s = std::to_string(k);
    // Edited: its contents no longer match its hash.
    auto r =
        attempt("UPDATE event SET payload = replace(payload, '}', ',\"x\":1}') WHERE seq = " + s);
    CHECK_FALSE(r.ok);
    CHECK(r.bad_seq == k);
    // Deleted: a gap.
    r = attempt("DELETE FROM event WHERE seq = " + s);
    CHECK_FALSE(r.ok);
    CHECK(r.bad_seq == k);
    // Reordered with the next: the chain no longer follows.
    r = attempt("UPDATE event SET seq = -seq WHERE seq IN (" + s + ", " + s + " + 1);" +
                "UPDATE event SET seq = " + s + " + 1 WHERE seq = -" + s + ";" +
                "UPDATE event SET seq = " + s + " WHERE seq = -(" + s + " + 1);");
    CHECK_FALSE(r.ok);
    CHECK(r.bad_seq == k);
    // Inserted: a forged event whose own hash is right and which follows the
    // event before it; the event after it no longer follows. (Not before
    // event 5: a comment on issue 1 needs the issue.)
    const auto ki = std::max<std::int64_t>(k, 5);
    const auto si = std::to_string(ki);
    r = attempt("UPDATE event SET seq = seq + 1000000 WHERE seq >= " + si + ";" +
                    "UPDATE event SET seq = seq - 999999 WHERE seq >= 1000000;",
                [&](ledger::Ledger& l) {
                  ledger::Event e;
                  e.seq = ki;
                  e.at = "2026-11-21T10:00:00+08:00";
                  e.actor = "intruder";
                  // A comment nobody made, well formed: it would replay.
                  SQLite::Statement q(l.db(), "SELECT entity, payload FROM event WHERE kind = "
                                              "'issue.comment' ORDER BY seq DESC LIMIT 1");
                  REQUIRE(q.executeStep());
                  auto payload = nlohmann::json::parse(q.getColumn(1).getString());
                  payload["comment"] = 999999;
                  // Its text in place, not sealed (a sealed reference is
                  // looked up under its own event, and another's is not).
                  payload.erase("personal");
                  payload["author"] = "某人";
                  payload["body"] = "伪造的意见";
                  payload["id"] = 1; // issue 1 exists from event 3 on
                  e.kind = "issue.comment";
                  e.entity = "issue:1";
                  e.payload = payload.dump();
                  e.prev_hash = l.db()
                                    .execAndGet("SELECT hash FROM event WHERE seq = " +
                                                std::to_string(ki - 1))
                                    .getString();
                  e.hash = ledger::event_hash(e);
                  insert_raw(l, e);
                });
    CHECK_FALSE(r.ok);
    CAPTURE(r.problem);
    CHECK(r.bad_seq == ki + 1);
    CHECK(r.problem.find("does not follow") != std::string::npos);
  }
  // The last event deleted: the head and the tables show it.
  auto r = attempt("DELETE FROM event WHERE seq = " + std::to_string(last));
  CHECK_FALSE(r.ok);
  CHECK(r.table == "ledger_head");
  // A projection row that disagrees with the events, in each table it can be.
  for (const auto& [table, sql] : std::vector<std::pair<std::string, std::string>>{
           {"issue", "UPDATE issue SET title = title || '改' WHERE id = 777"},
           {"issue", "DELETE FROM issue_stakeholder WHERE issue = 5; DELETE FROM issue_comment "
                     "WHERE issue = 5; DELETE FROM issue WHERE id = 5"},
           {"issue_comment", "UPDATE issue_comment SET body = '伪造' WHERE id = 1000"},
           {"issue_stakeholder", "UPDATE issue_stakeholder SET name = '某人' WHERE issue = 9"},
           {"report_month", "UPDATE report_month SET n = n + 1 WHERE figure = 'accepted'"},
           {"report_month", "DELETE FROM report_month WHERE figure = 'raised.category'"},
       }) {
    CAPTURE(sql);
    r = attempt(sql);
    CHECK_FALSE(r.ok);
    CHECK(r.table == table);
  }
  MESSAGE(attempts << " tamperings of a " << last << "-event ledger, each caught");
}

namespace {

/// Recomputes the hash of every event from `from` on and the head, as a
/// forger who edited event `from` would, so that the chain holds again.
void rechain(SQLite::Database& db, std::int64_t from) {
  std::string prev = db.execAndGet("SELECT coalesce((SELECT hash FROM event WHERE seq = " +
                                   std::to_string(from - 1) + "), '" +
                                   std::string(64, '0') + "')")
                         .getString();
  std::vector<ledger::Event> later;
  SQLite::Statement q(db, "SELECT seq, at, actor, kind, entity, payload FROM event "
                          "WHERE seq >= ? ORDER BY seq");
  q.bind(1, from);
  while (q.executeStep()) {
    ledger::Event e;
    e.seq = q.getColumn(0).getInt64();
    e.at = q.getColumn(1).getString();
    e.actor = q.getColumn(2).getString();
    e.kind = q.getColumn(3).getString();
    e.entity = q.getColumn(4).getString();
    e.payload = q.getColumn(5).getString();
    later.push_back(e);
  }
  std::string sql;
  for (auto& e : later) {
    e.prev_hash = prev;
    e.hash = ledger::event_hash(e);
    prev = e.hash;
    sql += "UPDATE event SET prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
           "' WHERE seq = " + std::to_string(e.seq) + ";";
  }
  sql += "UPDATE ledger_head SET hash = '" + prev + "';";
  test::forge(db, sql);
}

} // namespace

TEST_CASE("the schema digest written out is that of what the migrations create") {
  const auto digest = ledger::schema_digest(ledger::expected_schema());
  CHECK_MESSAGE(digest == ledger::kSchemaDigest,
                "set kSchemaDigest in lib/schema.cpp to " << digest);
  // Every kind of object is there, the append-only guards among them: the
  // log's and its rows', the old hashes', and personal data that can be
  // erased but never changed.
  int triggers = 0;
  for (const auto& o : ledger::expected_schema())
    triggers += o.type == "trigger";
  CHECK(triggers == 8);
}

TEST_CASE("verify finds a schema changed outside consult") {
  const std::vector<std::pair<std::string, std::string>> plants = {
      // A trigger that copies every event to a hidden table.
      {"CREATE TABLE hidden (seq, payload); CREATE TRIGGER spy AFTER INSERT ON event BEGIN "
       "INSERT INTO hidden VALUES (new.seq, new.payload); END",
       "hidden"},
      // A trigger that fakes a failure for ballots against.
      {"CREATE TRIGGER no_noes BEFORE INSERT ON vote_ballot WHEN new.choice = 'no' BEGIN "
       "SELECT raise(ABORT, 'disk I/O error'); END",
       "no_noes"},
      {"CREATE VIEW everything AS SELECT * FROM event", "everything"},
      {"DROP INDEX event_by_entity; CREATE INDEX event_by_entity ON event (entity)",
       "event_by_entity"},
      {"DROP TRIGGER event_append_only_delete", "event_append_only_delete"},
  };
  for (const auto& [sql, name] : plants) {
    CAPTURE(sql);
    auto l = sample();
    l->db().exec(sql);
    const auto r = ledger::verify(*l);
    CHECK_FALSE(r.ok);
    CHECK(r.problem.find("schema") != std::string::npos);
    CHECK(r.problem.find(name) != std::string::npos);
  }
}

TEST_CASE("nothing is written to a ledger whose schema was changed outside consult") {
  test::TempDir dir;
  const auto path = dir.file("l.db");
  ledger::Ledger::init(path, test::session());
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("CREATE TABLE hidden (seq, payload); CREATE TRIGGER spy AFTER INSERT ON event BEGIN "
            "INSERT INTO hidden VALUES (new.seq, new.payload); END");
  }
  const auto before = [&] {
    ledger::Ledger l(path, ledger::Access::read, test::session());
    return l.event_count();
  }();
  CHECK(test::kind_of([&] {
          ledger::Ledger l(path, ledger::Access::write, test::session());
          issues::add(l, test::community(), {});
        }) == ErrorKind::data);
  ledger::Ledger l(path, ledger::Access::read, test::session());
  CHECK(l.event_count() == before);
  CHECK(l.db().execAndGet("SELECT count(*) FROM hidden").getInt() == 0);
}

TEST_CASE("the ledger's time only moves forward") {
  test::TempDir dir;
  const auto path = dir.file("l.db");
  ledger::Ledger::init(path, test::session("2026-11-21 10:00"));
  issues::NewIssue n;
  n.title = "路灯不亮";
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-21 10:00"));
    issues::add(l, test::community(), n);
  }
  const auto count = [&] {
    ledger::Ledger l(path, ledger::Access::read, test::session());
    return l.event_count();
  };
  const auto before = count();
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-21 09:59"));
    try {
      issues::add(l, test::community(), n);
      FAIL("an event dated before the last one was appended");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::data);
      const std::string what = e.what();
      CHECK(what.find("2026-11-21T09:59:00+08:00") != std::string::npos);
      CHECK(what.find("2026-11-21T10:00:00+08:00") != std::string::npos);
      CHECK(what.find(std::to_string(before)) != std::string::npos);
    }
  }
  CHECK(count() == before);
  // The same second, and later, are fine.
  ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-21 10:00"));
  issues::add(l, test::community(), n);
  CHECK(count() == before + 1);
}

TEST_CASE("verify finds time going backwards in a re-chained log") {
  auto l = sample();
  test::forge(l->db(), "UPDATE event SET at = '2020-01-01T09:00:00+08:00' WHERE seq = 7");
  rechain(l->db(), 7);
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 7);
  CHECK(r.problem.find("backwards") != std::string::npos);
}

TEST_CASE("a re-chained edit passes verify: only a witness held elsewhere shows it") {
  // What the chain alone cannot prove (docs/reliability.md): a forger who
  // recomputes every later hash and the head, and patches the tables.
  auto l = sample();
  test::forge(l->db(), "UPDATE event SET actor = 'someone else' WHERE seq = 6");
  rechain(l->db(), 6);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("text that is not UTF-8 is named, never an internal error") {
  auto l = sample();
  test::forge(l->db(), "UPDATE event SET actor = CAST(X'E78E8BFF' AS TEXT) WHERE seq = 6");
  const auto r = ledger::verify(*l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 6);
  CHECK(r.problem.find("actor") != std::string::npos);
  CHECK(r.problem.find("UTF-8") != std::string::npos);

  auto s = test::session();
  s.actor = "\xe7\x8e\x8b\xff";
  test::TempDir dir;
  const auto path = dir.file("l.db");
  ledger::Ledger::init(path, test::session());
  issues::NewIssue n;
  n.title = "屋顶漏水";
  ledger::Ledger w(path, ledger::Access::write, s);
  CHECK(test::kind_of([&] { issues::add(w, test::community(), n); }) == ErrorKind::usage);
  n.title = std::string("屋顶") + "\xff";
  ledger::Ledger ok(path, ledger::Access::write, test::session());
  const auto kind = test::kind_of([&] { issues::add(ok, test::community(), n); });
  CHECK((kind == ErrorKind::data || kind == ErrorKind::usage));
}

TEST_CASE("a ledger as it was at an earlier event") {
  auto l = sample();
  const auto then = l->as_of(5);
  CHECK(then->event_count() == 5);
  CHECK(then->head()->hash == l->events({}, 4, 1).front().hash);
  CHECK(ledger::verify(*then).ok);
  // Issue 1 was accepted at event 5, and discussed only later.
  CHECK(then->db().execAndGet("SELECT status FROM issue WHERE id = 1").getString() == "accepted");
  CHECK(l->db().execAndGet("SELECT status FROM issue WHERE id = 1").getString() == "consulting");
}

TEST_CASE("a ledger as it was is replayed only from events that match their hashes") {
  // An event edited without its hash (a decision's text, say) and an export
  // edited the same way: regenerated from the edited event, the export would
  // "match". The replay refuses the edited event instead.
  auto l = sample();
  test::forge(l->db(), "UPDATE event SET payload = replace(payload, '\"other\"', "
                       "'\"parking\"') WHERE seq = 4");
  CHECK(test::kind_of([&] { l->as_of(5); }) == ErrorKind::data);
  CHECK(test::kind_of([&] { l->as_of(9); }) == ErrorKind::data);
  CHECK(l->as_of(3)->event_count() == 3); // before the edit: as it was

  // Attached rows changed behind an intact event are refused just the same.
  auto m = sample();
  const auto head = m->head();
  ledger::Event e;
  e.seq = head->seq + 1;
  e.at = head->at;
  e.actor = "forger";
  e.kind = "issue.import";
  e.entity = "community:heping";
  e.payload = R"({"items":0,"items_sha256":")" + hash::Sha256().hex() + R"("})";
  e.prev_hash = head->hash;
  e.hash = ledger::event_hash(e);
  insert_raw(*m, e);
  m->db().exec("INSERT INTO event_item (seq, n, key, data) VALUES (" + std::to_string(e.seq) +
               ", 1, NULL, '{}')");
  CHECK(test::kind_of([&] { m->as_of(e.seq); }) == ErrorKind::data);
}

TEST_CASE("a re-chained event whose payload is not what its kind holds is a finding") {
  // Whoever re-chains the log can give an event any payload at all: verify
  // names the event, it never stops with an internal error.
  for (const char* payload : {R"({"items":"x"})", R"({"items":0,"items_sha256":7})", "[]",
                              "not json", R"({"items":1.5})"}) {
    CAPTURE(payload);
    auto l = sample();
    const auto head = l->head();
    ledger::Event e;
    e.seq = head->seq + 1;
    e.at = head->at;
    e.actor = "forger";
    e.kind = "issue.import";
    e.entity = "community:heping";
    e.payload = payload;
    e.prev_hash = head->hash;
    e.hash = ledger::event_hash(e);
    insert_raw(*l, e);
    l->db().exec("UPDATE ledger_head SET seq = " + std::to_string(e.seq) + ", hash = '" + e.hash +
                 "' WHERE id = 1");
    ledger::VerifyResult r;
    CHECK_NOTHROW(r = ledger::verify(*l));
    CHECK_FALSE(r.ok);
    CHECK(r.bad_seq == e.seq);
    CHECK_FALSE(ledger::items_match(payload, 0, hash::Sha256().hex()));
  }
}

TEST_CASE("a schema version number lowered outside consult is named, never migrated over") {
  test::TempDir dir;
  const auto path = dir.file("l.db");
  ledger::Ledger::init(path, test::session());
  for (const int version : {ledger::latest_version() - 1, 3, 1}) {
    CAPTURE(version);
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("PRAGMA user_version = " + std::to_string(version));
    }
    for (const auto access : {ledger::Access::read, ledger::Access::write}) {
      try {
        ledger::Ledger l(path, access, test::session());
        FAIL("opened");
      } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::data);
        CHECK(std::string(e.what()).find("changed outside consult") != std::string::npos);
      }
    }
    CHECK(test::kind_of([&] { ledger::Ledger::init(path, test::session()); }) ==
          ErrorKind::data);
  }
  // A table planted that a later migration creates: the upgrade fails as a
  // finding, not as an internal error.
  const auto old = dir.file("old.db");
  {
    SQLite::Database db(old, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA application_id = " + std::to_string(ledger::kApplicationId));
    db.exec("PRAGMA journal_mode = WAL");
  }
  {
    // A ledger at schema 1 (the first migration only), with the table of a
    // later one already there.
    SQLite::Database db(old, SQLite::OPEN_READWRITE);
    const auto& m = ledger::migrations().front();
    db.exec(m.sql);
    db.exec("PRAGMA user_version = 1");
    db.exec("CREATE TABLE owner_unit (x)");
  }
  CHECK(test::kind_of([&] { ledger::Ledger l(old, ledger::Access::write, test::session()); }) ==
        ErrorKind::data);
}

TEST_CASE("SQLite's own statistics are maintenance, not a change of schema") {
  // ANALYZE (or PRAGMA optimize, run by an administrator) makes sqlite_stat1:
  // it changes how fast queries run, never what they return.
  test::TempDir dir;
  const auto path = dir.file("l.db");
  ledger::Ledger::init(path, test::session());
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("ANALYZE");
    CHECK(db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")
              .getInt() == 1);
  }
  issues::NewIssue n;
  n.title = "路灯不亮";
  ledger::Ledger l(path, ledger::Access::write, test::session());
  issues::add(l, test::community(), n);
  CHECK(ledger::verify(l).ok);
}
