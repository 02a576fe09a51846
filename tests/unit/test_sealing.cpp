// Personal data sealed apart from the hash chain (consult/sealing.hpp) and
// the old ledgers resealed at schema 10.

#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_issue.hpp"
#include "consult/issues.hpp"
#include "consult/ledger.hpp"
#include "consult/sealing.hpp"

#include "helpers.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

using namespace consult;
using nlohmann::json;

TEST_CASE("what is sealed apart: residents, contacts, places, free text; not roles, counts, keys") {
  std::vector<ledger::Sealed> sealed;
  const json payload = {
      {"id", 7},
      {"community", "heping"},
      {"raised_by", "王立方"},
      {"phone", "13912345678"},
      {"title", "楼道灯坏了"},
      {"comment", 3}, // a comment's number, not its text
      {"votes", {{"for", 6}, {"against", 0}}},
      {"people",
       {{{"name", "王建国"}, {"role", "member"}, {"seat", "committee"}},
        {{"name", "吴小军"}, {"role", "resident"}},
        {{"name", "何工"}, {"role", "guest"}, {"seat", ""}}}},
      {"config", {{"council", {{"name", "张三"}}}}},
  };
  const auto out = ledger::split(payload, sealed);
  // The top object: one value with its resident, phone and title.
  REQUIRE(ledger::holds_ref(out));
  CHECK_FALSE(out.contains("raised_by"));
  CHECK_FALSE(out.contains("phone"));
  CHECK_FALSE(out.contains("title"));
  CHECK(out.at("comment") == 3);
  CHECK(out.at("votes").at("for") == 6);
  CHECK(out.at("community") == "heping");
  // A councillor and a guest keep their names in the chain; the resident
  // who took part is sealed.
  CHECK(out.at("people")[0].at("name") == "王建国");
  CHECK(out.at("people")[2].at("name") == "何工");
  CHECK(ledger::holds_ref(out.at("people")[1]));
  CHECK_FALSE(out.at("people")[1].contains("name"));
  CHECK(out.at("config").at("council").at("name") == "张三");
  REQUIRE(sealed.size() == 2);
  for (const auto& s : sealed) {
    CHECK(s.ref == ledger::seal_ref(s.salt, s.value));
    CHECK(s.salt.size() == 32);
  }
  // Two seals of the same value differ: a reference cannot be tested
  // against a guessed name without its salt.
  std::vector<ledger::Sealed> again;
  ledger::split(payload, again);
  CHECK(again[0].ref != sealed[0].ref);
  CHECK(again[0].value == sealed[0].value);
}

TEST_CASE("unsealing gives back the payload as written, byte for byte") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "屋顶\"漏水\"\\第二回";
  n.body = "控制字符\x01也要原样";
  n.raised_by = "欧阳立方";
  n.phone = "13812341234";
  n.place = "3号楼2单元502室";
  n.stakeholders = {"物业公司", "顶层住户"};
  issues::add(*l, c, n);
  const auto e = *l->head();
  CHECK(e.payload.find("欧阳立方") == std::string::npos);
  CHECK(e.payload.find("13812341234") == std::string::npos);
  const auto written = l->payload_of(e);
  CHECK(written.at("raised_by") == "欧阳立方");
  CHECK(written.at("title") == n.title);
  CHECK(written.at("body") == n.body);
  // The table holds what was written.
  CHECK(issues::get(*l, 1).phone == "13812341234");
  CHECK(ledger::verify(*l).ok);
  // A reference the ledger does not hold is a finding, not a crash.
  ledger::Unsealer u(l->db());
  CHECK(test::kind_of([&] { u.unseal(json{{"personal", std::string(64, 'f')}}, e.seq); }) ==
        ErrorKind::data);
}

TEST_CASE("an import row is sealed as the generic rule seals it") {
  events::IssueItem it;
  it.id = 42;
  it.community = "heping";
  it.title = "停车难";
  it.body = "晚上\"没有\"车位";
  it.channel = "suggestion-box";
  it.category = "parking";
  it.place = "5号楼";
  it.raised_by = "赵强";
  it.phone = "13600002222";
  it.raised_on = "2026-11-08";
  it.row = 7;
  it.extra = {{"身份证号", "110101199003071234"}, {"满意度", "5"}};
  it.stakeholders = {"物业公司"};
  for (const bool optional : {false, true}) {
    if (optional) {
      it.channel_text = "街道转来";
      it.time = "14:30";
    }
    ledger::Sealed personal;
    const auto [head, tail] = it.sealed_item_parts(personal);
    const std::string fast = head + std::to_string(it.id) + tail;
    std::vector<ledger::Sealed> sealed;
    auto generic = ledger::split(json::parse(it.item_json()), sealed);
    REQUIRE(sealed.size() == 1);
    CHECK(sealed[0].value == personal.value);
    generic["personal"] = personal.ref;
    CHECK(ledger::canonical(generic) == fast);
    CHECK(personal.ref == ledger::seal_ref(personal.salt, personal.value));
  }
}

TEST_CASE("a ledger written before schema 10 is resealed: same tables, old hashes kept and bound") {
  test::TempDir dir;
  const auto path = dir.file("old.db");
  ledger::Ledger::init(path, test::session());
  std::vector<std::string> old_hashes;
  std::string tables_before;
  {
    ledger::Ledger l(path, ledger::Access::write, test::session());
    const auto c = test::community();
    issues::NewIssue n;
    n.title = "屋顶漏水";
    n.raised_by = "张小明";
    n.phone = "13812341234";
    issues::add(l, c, n);
    issues::change(l, 1, {model::IssueAction::accept});
    issues::change(l, 1, {model::IssueAction::consult});
    issues::comment(l, 1, "赵德明", "先做防水");
  }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    test::unseal_in_place(db);
    test::drop_schema_13(db);
    test::drop_schema_12(db);
    test::drop_schema_11(db);
    db.exec("DROP TABLE personal_value; DROP TABLE sealed_hash; "
            "DELETE FROM schema_upgrade WHERE version = 10; PRAGMA user_version = 9");
    SQLite::Statement q(db, "SELECT hash FROM event ORDER BY seq");
    while (q.executeStep())
      old_hashes.push_back(q.getColumn(0).getString());
    tables_before = db.execAndGet("SELECT group_concat(title || raised_by || phone) FROM issue")
                        .getString();
    CHECK(db.execAndGet("SELECT count(*) FROM event WHERE instr(payload, '张小明') > 0")
              .getInt() == 1);
  }
  ledger::Ledger l(path, ledger::Access::write, test::session());
  CHECK(l.schema_version() == ledger::latest_version());
  const auto n = static_cast<std::int64_t>(old_hashes.size());
  CHECK(l.event_count() == n + 1);
  CHECK(l.head()->kind == "ledger.reseal");
  CHECK(l.db().execAndGet("SELECT count(*) FROM event WHERE instr(payload, '张小明') > 0")
            .getInt() == 0);
  for (std::int64_t seq = 1; seq <= n; ++seq)
    CHECK(l.sealed_hash(seq) == old_hashes[static_cast<std::size_t>(seq - 1)]);
  CHECK(l.db().execAndGet("SELECT group_concat(title || raised_by || phone) FROM issue")
            .getString() == tables_before);
  CHECK(ledger::verify(l).ok);
  // A kept old hash changed: the reseal record no longer agrees.
  test::forge(l.db(), "UPDATE sealed_hash SET hash = replace(hash, substr(hash, 1, 1), 'x') "
                      "WHERE seq = 2");
  const auto r = ledger::verify(l);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_seq == 2);
}

TEST_CASE("a log whose old chain does not verify is not resealed (nothing laundered)") {
  test::TempDir dir;
  const auto path = dir.file("old.db");
  ledger::Ledger::init(path, test::session());
  {
    ledger::Ledger l(path, ledger::Access::write, test::session());
    test::add_issues(l, test::community(), 2);
  }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    test::unseal_in_place(db);
    test::forge(db, "UPDATE event SET payload = replace(payload, '楼道灯不亮', '楼道灯很亮') "
                    "WHERE seq = 3");
    test::drop_schema_13(db);
    test::drop_schema_12(db);
    test::drop_schema_11(db);
    db.exec("DROP TABLE personal_value; DROP TABLE sealed_hash; "
            "DELETE FROM schema_upgrade WHERE version = 10; PRAGMA user_version = 9");
  }
  try {
    ledger::Ledger l(path, ledger::Access::write, test::session());
    FAIL("resealed a forged log");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()).find("event 3") != std::string::npos);
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 9);
}
