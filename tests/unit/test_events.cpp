// The event catalogue: every kind declared once with a permanent name, its
// schema version and its projector; unknown kinds refused in one place; a
// kind added through the catalogue is written, replayed and verified like
// consult's own.

#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_ledger.hpp"
#include "consult/events_decision.hpp"
#include "consult/events_issue.hpp"
#include "consult/issues.hpp"
#include "consult/ledger.hpp"

#include "helpers.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

using namespace consult;
using nlohmann::json;

TEST_CASE("every kind has one permanent name, its family's prefix and a known schema version") {
  std::set<std::string_view> names;
  for (const auto& k : events::all()) {
    CAPTURE(k.name);
    CHECK(names.insert(k.name).second);
    // A kind is named for its family, but for the ledger's own family, which
    // also records the communities it serves (community.sync).
    if (k.family != "ledger")
      CHECK(k.name.substr(0, k.family.size() + 1) == std::string(k.family) + ".");
    CHECK(k.since >= 1);
    CHECK(k.since <= ledger::latest_version());
    CHECK(static_cast<bool>(k.reread)); // its payload type
    CHECK(events::find(k.name) == &k);
  }
  CHECK(events::find("issue.frobnicate") == nullptr);
  // Each step of the life cycle has its own kind, named once.
  for (auto a : model::kAllActions) {
    CAPTURE(model::to_string(a));
    const auto* k = events::find(events::transition_kind(a));
    REQUIRE(k != nullptr);
    CHECK(k->family == "issue");
  }
}

TEST_CASE("the newest all-kinds fixture holds every kind its schema version knows") {
  // tests/fixtures/ledgers/make.sh writes all-kinds-vN.kinds beside the
  // ledger; a kind added later than N belongs to the next fixture.
  const int v = ledger::latest_version();
  std::ifstream in(std::string(CONSULT_SOURCE_DIR) + "/tests/fixtures/ledgers/all-kinds-v" +
                   std::to_string(v) + ".kinds");
  REQUIRE(in);
  std::set<std::string> listed;
  for (std::string line; std::getline(in, line);)
    listed.insert(line);
  for (const auto& k : events::all()) {
    CAPTURE(k.name);
    // ledger.reseal is written only by schema 10's step, on a ledger made
    // before: the older fixtures, migrated by e2e/fixtures, have it.
    if (k.name == events::kLedgerReseal) continue;
    if (k.since <= v) CHECK(listed.count(std::string(k.name)) == 1);
  }
  for (const auto& name : listed) {
    CAPTURE(name);
    CHECK(events::find(name) != nullptr);
  }
}

TEST_CASE("an unknown kind is refused: nothing is written, replay names it") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto before = l->event_count();
  CHECK(test::kind_of([&] {
          l->write([&] { l->append("issue.frobnicate", "issue:1", json::object()); });
        }) == ErrorKind::internal);
  CHECK(l->event_count() == before);

  ledger::Event e;
  e.seq = 99;
  e.kind = "issue.frobnicate";
  e.payload = "{}";
  try {
    events::apply(l->db(), e);
    FAIL("an unknown kind was applied");
  } catch (const Error& err) {
    CHECK(err.kind() == ErrorKind::data);
    CHECK(std::string(err.what()).find("unknown kind 'issue.frobnicate'") != std::string::npos);
  }
}

namespace {

/// A test-only kind: sets an issue's place (a column `consult verify`
/// compares), so that a replay that skipped it would show.
void project_test_place(const events::Apply& a) {
  SQLite::Statement q(a.db, "UPDATE issue SET place = ? WHERE id = ?");
  q.bind(1, a.payload.at("place").get<std::string>());
  q.bind(2, a.payload.at("id").get<std::int64_t>());
  if (q.exec() != 1) throw Error(ErrorKind::data, "no such issue");
}

} // namespace

TEST_CASE("a kind registered through the catalogue is written, replayed and verified") {
  events::register_kind({"test.place", "test", ledger::latest_version(), project_test_place});
  struct Unregister {
    ~Unregister() { events::unregister_kind("test.place"); }
  } unregister;
  CHECK(test::kind_of([] {
          events::register_kind({"test.place", "test", 1, project_test_place});
        }) == ErrorKind::internal);

  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "路灯不亮";
  const auto id = issues::add(*l, c, n);
  l->write([&] { l->append("test.place", "issue:1", {{"id", id}, {"place", "5号楼"}}); });
  CHECK(issues::get(*l, id).place == "5号楼");
  const auto ok = ledger::verify(*l);
  CHECK(ok.ok);
  CHECK(ok.events == l->event_count());

  // A ledger holding it, read by a consult without it, is refused by name.
  events::unregister_kind("test.place");
  const auto refused = ledger::verify(*l);
  CHECK_FALSE(refused.ok);
  CHECK(refused.problem.find("test.place") != std::string::npos);
  events::register_kind({"test.place", "test", ledger::latest_version(), project_test_place});
}

TEST_CASE("payload types write optional fields only when set, and read back what they wrote") {
  events::IssueTransition t;
  t.id = 7;
  t.from = "accepted";
  t.to = "consulting";
  t.round = 1;
  t.meeting = 2;
  CHECK(ledger::canonical(t.to_json()) ==
        R"({"from":"accepted","id":7,"meeting":2,"round":1,"to":"consulting"})");
  const auto back = events::IssueTransition::from_json(t.to_json());
  CHECK(back.round == 1);
  CHECK(back.meeting == 2);
  CHECK_FALSE(back.reason.has_value());
  CHECK_FALSE(back.vote.has_value());

  events::DecisionRecord d;
  d.id = 3;
  d.community = "t";
  d.issue = 7;
  d.result = "approved";
  // A decision without a vote says so with null, as it always has.
  CHECK(ledger::canonical(d.to_json()).find(R"("vote":null)") != std::string::npos);
  CHECK_FALSE(events::DecisionRecord::from_json(d.to_json()).vote.has_value());
}

TEST_CASE("issue transitions have one writer, which checks the life cycle") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "楼道堆物";
  const auto id = issues::add(*l, c, n);
  const auto events_before = l->event_count();
  try {
    l->write([&] { issues::transition(*l, issues::get(*l, id), model::IssueAction::decide); });
    FAIL("a collected issue was decided");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()).find("cannot decide issue 1: it is collected") !=
          std::string::npos);
    CHECK(e.hint().find("accept") != std::string::npos);
  }
  CHECK(l->event_count() == events_before);
  l->write([&] { issues::transition(*l, issues::get(*l, id), model::IssueAction::accept); });
  const auto last = l->head();
  REQUIRE(last);
  CHECK(last->kind == "issue.accept");
  CHECK(last->payload == R"({"from":"collected","id":1,"to":"accepted"})");
}

TEST_CASE("ids come from the ledger, one more than the highest") {
  auto l = ledger::Ledger::in_memory(test::session());
  CHECK(test::kind_of([&] { l->next_id(ledger::Counter::issue); }) == ErrorKind::internal);
  const auto c = test::community();
  issues::NewIssue n;
  n.title = "一";
  issues::add(*l, c, n);
  issues::add(*l, c, n);
  l->write([&] {
    CHECK(l->next_id(ledger::Counter::issue) == 3);
    CHECK(l->next_id(ledger::Counter::vote) == 1);
  });
}

TEST_CASE(
    "every payload stored in the ledger fixtures reads into its type and writes back the same") {
  // What a writer of today writes for a payload is what earlier versions
  // wrote: a payload type that dropped, renamed or retyped a field would
  // change the bytes (and the hash) of the next event of that kind.
  std::set<std::string> checked, untyped;
  std::int64_t payloads = 0;
  const std::filesystem::path dir = std::string(CONSULT_SOURCE_DIR) + "/tests/fixtures/ledgers";
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() != ".db") continue;
    // Immutable: read without writing a -shm or -wal beside the committed file.
    SQLite::Database db("file:" + f.path().string() + "?immutable=1",
                        SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    // From schema 10 personal data is sealed apart: the payload as written
    // is the stored one with it unsealed.
    const bool sealed = db.execAndGet("PRAGMA user_version").getInt() >= 10;
    std::optional<ledger::Unsealer> unsealer;
    if (sealed) unsealer.emplace(db);
    SQLite::Statement q(db, "SELECT seq, kind, payload FROM event ORDER BY seq");
    while (q.executeStep()) {
      const auto kind = q.getColumn(1).getString();
      const auto payload = sealed ? ledger::canonical(unsealer->unseal_text(q.getColumn(2).getString(), q.getColumn(0).getInt64()))
                                  : q.getColumn(2).getString();
      CAPTURE(f.path().filename().string());
      CAPTURE(q.getColumn(0).getInt64());
      CAPTURE(kind);
      const auto* k = events::find(kind);
      REQUIRE(k != nullptr);
      if (!k->reread) {
        untyped.insert(kind);
        continue;
      }
      CHECK(ledger::canonical(k->reread(json::parse(payload))) == payload);
      checked.insert(kind);
      ++payloads;
    }
  }
  CHECK(payloads > 0);
  CHECK(checked.count("issue.add") == 1);
  CHECK(checked.count("decision.record") == 1);
  // Every kind has its payload type: no writer builds JSON by hand.
  for (const auto& kind : untyped)
    FAIL_CHECK("no payload type: " << kind);
}
