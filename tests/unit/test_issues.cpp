#include "consult/error.hpp"
#include "consult/issues.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

using namespace consult;
using test::kind_of;
using model::IssueAction;
using model::IssueStatus;

namespace {

issues::NewIssue roof() {
  issues::NewIssue n;
  n.title = "3号楼屋顶漏水";
  n.channel = "suggestion-box";
  n.category = "facility-repair";
  n.place = "3号楼";
  n.raised_by = "张小明";
  n.phone = "13812341234";
  n.raised_on = clock::parse_date("2026-11-14");
  n.stakeholders = {"物业公司"};
  return n;
}

} // namespace

TEST_CASE("adding an issue records it and its community") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  const auto id = issues::add(*l, c, roof());
  CHECK(id == 1);
  const auto i = issues::get(*l, id);
  CHECK(i.title == "3号楼屋顶漏水");
  CHECK(i.status == IssueStatus::collected);
  CHECK(i.raised_on == "2026-11-14");
  CHECK(i.stakeholders == std::vector<std::string>{"物业公司"});
  CHECK(i.created_at == "2026-11-21T10:00:00+08:00");
  CHECK(issues::recorded_communities(*l).size() == 1);
  // community.sync + issue.add after ledger.init; a second issue does not resync.
  CHECK(l->event_count() == 3);
  CHECK(issues::add(*l, c, roof()) == 2);
  CHECK(l->event_count() == 4);
}

TEST_CASE("defaults: first channel, 'other' category, today") {
  auto l = ledger::Ledger::in_memory(test::session());
  issues::NewIssue n;
  n.title = "  楼道灯不亮 ";
  const auto i = issues::get(*l, issues::add(*l, test::community(), n));
  CHECK(i.title == "楼道灯不亮");
  CHECK(i.channel == "suggestion-box");
  CHECK(i.category == "other");
  CHECK(i.raised_on == "2026-11-21");
}

TEST_CASE("other is a channel of every community; an unknown key is refused with the keys allowed") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community(); // its file lists no other channel
  issues::NewIssue n;
  n.title = "路灯不亮";
  n.channel = "other";
  CHECK(issues::get(*l, issues::add(*l, c, n)).channel == "other");
  // A typo is not taken for other: an error naming the keys, other among them.
  n.channel = "sugestion-box";
  try {
    issues::add(*l, c, n);
    FAIL("an unknown channel was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(e.hint().find("wechat-group (微信群), other (其他)") != std::string::npos);
  }
}

TEST_CASE("bad input is refused and nothing is written") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  const auto before = l->event_count();
  auto with = [&](auto change) {
    auto n = roof();
    change(n);
    return kind_of([&] { issues::add(*l, c, n); });
  };
  CHECK(with([](auto& n) { n.channel = "fax"; }) == ErrorKind::data);
  CHECK(with([](auto& n) { n.category = "weather"; }) == ErrorKind::data);
  CHECK(with([](auto& n) { n.title = "   "; }) == ErrorKind::data);
  CHECK(with([](auto& n) { n.phone = "call me"; }) == ErrorKind::data);
  CHECK(with([](auto& n) { n.raised_on = clock::parse_date("2026-12-01"); }) == ErrorKind::data);
  CHECK(with([](auto& n) { n.stakeholders = {"a", "b", "c"}; }) == ErrorKind::data);
  CHECK(with([](auto& n) { n.title = std::string("\xff\xfe"); }) == ErrorKind::data);
  CHECK(with([](auto& n) { n.title = std::string(600, 'x'); }) == ErrorKind::data);
  CHECK(l->event_count() == before);
  try {
    auto n = roof();
    n.channel = "fax";
    issues::add(*l, c, n);
  } catch (const Error& e) {
    CHECK(e.hint().find("suggestion-box (意见箱)") != std::string::npos);
    CHECK(e.hint().find("wechat-group (微信群)") != std::string::npos);
  }
}

TEST_CASE("three up, three down through the library") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto id = issues::add(*l, test::community(), roof());
  CHECK(issues::change(*l, id, {IssueAction::accept}).status == IssueStatus::accepted);
  auto i = issues::change(*l, id, {IssueAction::consult});
  CHECK(i.status == IssueStatus::consulting);
  CHECK(i.rounds == 1);
  const auto op = issues::comment(*l, id, "赵德明", "先做防水");
  CHECK(op.round == 1);
  CHECK(issues::change(*l, id, {IssueAction::consult}).rounds == 2);
  CHECK(issues::comment(*l, id, "物业公司", "同意").round == 2);
  CHECK(issues::comments(*l, id).size() == 2);
  CHECK(issues::change(*l, id, {IssueAction::decide}).status == IssueStatus::decided);
  CHECK(issues::change(*l, id, {IssueAction::implement}).status == IssueStatus::implementing);
  CHECK(issues::change(*l, id, {IssueAction::resolve}).status == IssueStatus::resolved);
  // Closed only once residents have rated how it was solved.
  CHECK_THROWS_WITH_AS(issues::change(*l, id, {IssueAction::close}),
                       "issue 1 has no residents' feedback yet", Error);
  CHECK_THROWS_AS(issues::feedback(*l, id, 6, ""), Error);
  const auto f = issues::feedback(*l, id, 4, "修好了");
  CHECK(f.satisfaction == 4);
  CHECK(issues::feedbacks(*l, id).size() == 1);
  CHECK(issues::change(*l, id, {IssueAction::close}).status == IssueStatus::closed);
  CHECK(issues::history(*l, id).size() == 11);
}

TEST_CASE("an illegal step is refused with the allowed ones named, and changes nothing") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto id = issues::add(*l, test::community(), roof());
  const auto before = l->event_count();
  try {
    issues::change(*l, id, {IssueAction::decide});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()) == "cannot decide issue 1: it is collected");
    CHECK(e.hint() == "allowed now: accept, reject, merge, escalate");
  }
  CHECK(l->event_count() == before);
  CHECK(issues::get(*l, id).status == IssueStatus::collected);
  CHECK(kind_of([&] { issues::comment(*l, id, "x", "y"); }) == ErrorKind::data);
  CHECK(kind_of([&] { issues::change(*l, 99, {IssueAction::accept}); }) == ErrorKind::data);
}

TEST_CASE("reject and escalate need reasons; escalation needs a level") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto id = issues::add(*l, test::community(), roof());
  CHECK(kind_of([&] { issues::change(*l, id, {IssueAction::reject}); }) == ErrorKind::usage);
  CHECK(kind_of([&] {
          issues::change(*l, id, {IssueAction::escalate, "管网", std::nullopt, "city"});
        }) == ErrorKind::usage);
  const auto i =
      issues::change(*l, id, {IssueAction::escalate, "涉及市政管网", std::nullopt, "street"});
  CHECK(i.status == IssueStatus::escalated);
  CHECK(i.escalated_to == "street");
  CHECK(i.reason == "涉及市政管网");
}

TEST_CASE("merging counts the twin's residents and checks the target") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  const auto a = issues::add(*l, c, roof());
  const auto b = issues::add(*l, c, roof());
  const auto d = issues::add(*l, c, roof());
  CHECK(kind_of([&] { issues::change(*l, a, {IssueAction::merge, "", a}); }) == ErrorKind::data);
  CHECK(kind_of([&] { issues::change(*l, a, {IssueAction::merge, "", 42}); }) == ErrorKind::data);
  CHECK(kind_of([&] { issues::change(*l, a, {IssueAction::merge}); }) == ErrorKind::usage);
  issues::change(*l, b, {IssueAction::merge, "", a});
  issues::change(*l, d, {IssueAction::merge, "", a});
  CHECK(issues::get(*l, a).raised_count == 3);
  CHECK(issues::get(*l, b).merged_into == a);
  // A merged issue cannot take more twins.
  const auto e = issues::add(*l, c, roof());
  CHECK(kind_of([&] { issues::change(*l, e, {IssueAction::merge, "", b}); }) == ErrorKind::data);
  // The twin's merge shows in the survivor's history.
  const auto h = issues::history(*l, a);
  CHECK(h.back().kind == "issue.merge");
}

TEST_CASE("listing filters and orders newest first") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = test::community();
  auto n = roof();
  issues::add(*l, c, n); // 1: 11-14 facility-repair
  n.title = "停车难";
  n.category = "parking";
  n.channel = "wechat-group";
  n.raised_on = clock::parse_date("2026-11-18");
  issues::add(*l, c, n); // 2: 11-18 parking
  n.title = "100% 要修";
  n.raised_on = clock::parse_date("2026-11-10");
  issues::add(*l, c, n); // 3: 11-10 parking
  issues::change(*l, 1, {IssueAction::accept});

  auto ids = [&](issues::Filter f) {
    std::vector<std::int64_t> out;
    for (const auto& i : issues::list(*l, f))
      out.push_back(i.id);
    return out;
  };
  using V = std::vector<std::int64_t>;
  CHECK(ids({}) == V{2, 1, 3});
  issues::Filter f;
  f.category = "parking";
  CHECK(ids(f) == V{2, 3});
  f = {};
  f.statuses = {IssueStatus::accepted};
  CHECK(ids(f) == V{1});
  f = {};
  f.from = clock::parse_date("2026-11-11");
  f.to = clock::parse_date("2026-11-17");
  CHECK(ids(f) == V{1});
  f = {};
  f.text = "屋顶";
  CHECK(ids(f) == V{1});
  f = {};
  f.text = "100%";
  CHECK(ids(f) == V{3});
  f = {};
  f.text = "%";
  CHECK(ids(f) == V{3}); // '%' is literal, not a wildcard
  f = {};
  f.limit = 2;
  CHECK(ids(f) == V{2, 1});
  f = {};
  f.channel = "wechat-group";
  f.community = "t";
  CHECK(ids(f) == V{2, 3});
  f.community = "other";
  CHECK(ids(f).empty());
}

TEST_CASE("a changed configuration is synced once") {
  auto l = ledger::Ledger::in_memory(test::session());
  auto c = test::community();
  l->write([&] { CHECK(issues::sync_community(*l, c)); });
  l->write([&] { CHECK_FALSE(issues::sync_community(*l, c)); });
  c.name = "新名字";
  l->write([&] { CHECK(issues::sync_community(*l, c)); });
  CHECK(issues::recorded_communities(*l).front().name == "新名字");
}
