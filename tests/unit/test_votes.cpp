// Votes, the owners' roster, decisions and actions through the library.
// The expected figures are worked out by hand from the rules' words.

#include "consult/actions.hpp"
#include "consult/decisions.hpp"
#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_vote.hpp"
#include "consult/history.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/owners.hpp"
#include "consult/votes.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace consult;
using model::IssueAction;
using model::IssueStatus;
using test::kind_of;

namespace {

/// A council of 5 seats; the council's own rule is at least 2/3 present and
/// more than half of those present agree; a women's representative must come.
config::Community community() {
  return config::parse_community(R"(id = "v"
name = "表决社区"
[channels]
suggestion-box = "意见箱"
[categories]
facility-repair = "设施维修"
other = "其他"
[meeting_kinds]
council = "议事会"
residents-meeting = "居民会议"
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{ name = "王一" }, { name = "李二" }]
[[council.seats]]
key = "residents"
label = "居民代表"
count = 2
members = [{ name = "赵三" }, { name = "孙四" }]
[[council.seats]]
key = "women"
label = "妇女代表"
count = 1
members = [{ name = "吴五" }]
[rules]
require_present = [{ seat = "women", min = 1 }]
[rules.profiles.council-vote]
quorum = "2/3"
quorum_inclusive = true
threshold = "1/2"
[rules.defaults]
council = "council-vote"
residents-meeting = "residents-meeting"
)",
                                 "v.toml");
}

std::int64_t accepted_issue(ledger::Ledger& l, const config::Community& c, const char* title) {
  issues::NewIssue n;
  n.title = title;
  n.raised_on = clock::parse_date("2026-11-01");
  const auto id = issues::add(l, c, n);
  issues::change(l, id, {IssueAction::accept});
  return id;
}

/// A council meeting on 2026-12-02 with `issues` on its agenda.
std::int64_t meeting(ledger::Ledger& l, const config::Community& c,
                     std::vector<std::int64_t> agenda, std::int64_t entitled = 0) {
  meetings::PlanRequest r;
  r.kind = entitled ? "residents-meeting" : "council";
  r.at = "2026-12-02 19:30";
  r.issues = std::move(agenda);
  r.entitled = entitled;
  return meetings::plan(l, c, r).meeting.id;
}

votes::OpenRequest ask(std::int64_t m, std::int64_t issue, const char* method,
                       const char* rule = "") {
  votes::OpenRequest r;
  r.meeting = m;
  r.issue = issue;
  r.question = "同意维修";
  r.method = method;
  r.rule = rule;
  return r;
}

void roster(ledger::Ledger& l, const config::Community& c, const std::string& csv) {
  std::istringstream in(csv);
  intake::CsvReader reader(in, intake::Encoding::automatic, "roster.csv");
  owners::Summary sum;
  owners::Options opt;
  opt.name = "roster.csv";
  owners::import_rows(
      l, c, reader, [] { return std::string(64, '0'); }, opt, sum);
}

/// The payload of the last event of `entity`, which must be of `kind`; its
/// payload type must read it and write it back byte for byte.
std::string last_payload(ledger::Ledger& l, const std::string& entity, std::string_view kind) {
  const auto all = l.events(entity);
  REQUIRE_FALSE(all.empty());
  const auto& e = all.back();
  CHECK(e.kind == kind);
  const auto* k = events::find(e.kind);
  REQUIRE(k != nullptr);
  const bool typed = k->reread != nullptr;
  REQUIRE(typed);
  // As written: its personal data unsealed (consult/sealing.hpp).
  const auto written = ledger::canonical(l.payload_of(e));
  CHECK(ledger::canonical(k->reread(nlohmann::json::parse(written))) == written);
  return written;
}

} // namespace

TEST_CASE("a show of hands at a council meeting: who may vote is who came") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 19:40"));
  const auto c = community();
  const auto i = accepted_issue(*l, c, "屋顶漏水");
  const auto m = meeting(*l, c, {i});
  // No attendance: no vote.
  CHECK(kind_of([&] { votes::open(*l, c, ask(m, i, "show-of-hands")); }) == ErrorKind::data);
  meetings::Attendance a;
  a.present = {"王一", "李二", "吴五"};
  a.proxies = {"赵小=赵三"};
  a.absent = {"孙四"};
  meetings::attend(*l, c, m, a);
  const auto before = l->event_count();
  // Unknown method or rule, a matter without civil-code-278: usage errors, nothing written.
  CHECK(kind_of([&] { votes::open(*l, c, ask(m, i, "acclamation")); }) == ErrorKind::usage);
  CHECK(kind_of([&] { votes::open(*l, c, ask(m, i, "secret", "two-fifths")); }) ==
        ErrorKind::usage);
  auto with_matter = ask(m, i, "secret", "two-thirds");
  with_matter.matter = 6;
  CHECK(kind_of([&] { votes::open(*l, c, with_matter); }) == ErrorKind::usage);
  CHECK(l->event_count() == before);

  auto v = votes::open(*l, c, ask(m, i, "show-of-hands"));
  CHECK(v.profile == "council-vote"); // the meeting kind's default
  CHECK(v.electorate == "attendance");
  CHECK(v.members == 5);
  CHECK(v.eligible == 4);
  CHECK(issues::get(*l, i).status == IssueStatus::consulting); // the round opened
  // A second vote on the same issue while this one is open: refused.
  CHECK(kind_of([&] { votes::open(*l, c, ask(m, i, "secret")); }) == ErrorKind::data);
  // Counts must add up to the 4 who may vote.
  CHECK(kind_of([&] { votes::tally(*l, v.id, {{"yes", 3}}); }) == ErrorKind::data);
  CHECK(kind_of([&] { votes::tally(*l, v.id, {{"yes", 3}, {"maybe", 1}}); }) == ErrorKind::usage);
  CHECK(kind_of([&] { votes::cast(*l, v.id, "王一", "yes"); }) == ErrorKind::usage);
  v = votes::tally(*l, v.id, {{"yes", 3}, {"no", 1}});
  CHECK(v.counts ==
        std::vector<std::pair<std::string, std::int64_t>>{{"yes", 3}, {"no", 1}, {"abstain", 0}});
  const auto closed = votes::close(*l, c, v.id);
  CHECK(closed.vote.result == "approved");
  // Worked by hand: 4 of 5 present ≥ 2/3 (needs 4); 3 of 4 > 1/2 (needs 3).
  CHECK(closed.vote.reason ==
        "approved: 3 of 4 present agree; needs > 1/2 = 3; 4 of 5 seats present; needs ≥ 2/3 = "
        "4; quorate");
  CHECK(closed.decision.result == "approved");
  CHECK(closed.decision.vote == v.id);
  CHECK(issues::get(*l, i).status == IssueStatus::decided);
  CHECK(meetings::get(*l, m).items.at(0).outcome == "decided");
  // A closed vote takes nothing more.
  CHECK(kind_of([&] { votes::tally(*l, v.id, {{"yes", 4}}); }) == ErrorKind::data);
  CHECK(kind_of([&] { votes::close(*l, c, v.id); }) == ErrorKind::data);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("a roll call: proxies vote for their member, once; others are refused") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 19:40"));
  const auto c = community();
  const auto i = accepted_issue(*l, c, "加装电梯");
  const auto m = meeting(*l, c, {i});
  meetings::Attendance a;
  a.present = {"王一", "李二", "吴五", "赵三"};
  a.proxies = {"孙小=孙四"};
  meetings::attend(*l, c, m, a);
  const auto v = votes::open(*l, c, ask(m, i, "roll-call", "unanimous"));
  CHECK(votes::cast(*l, v.id, "孙小", "yes").ballots.back().voter == "孙四");
  const auto before = l->event_count();
  CHECK(kind_of([&] { votes::cast(*l, v.id, "孙四", "no"); }) == ErrorKind::data);
  CHECK(kind_of([&] { votes::cast(*l, v.id, "路人", "yes"); }) == ErrorKind::data);
  CHECK(kind_of([&] { votes::cast(*l, v.id, "王一", "maybe"); }) == ErrorKind::usage);
  CHECK(l->event_count() == before);
  for (const char* who : {"王一", "李二", "吴五"})
    votes::cast(*l, v.id, who, "yes");
  // 赵三 has not voted: unanimity of those present is not reached.
  auto ev = votes::evaluate(c, votes::get(*l, v.id));
  CHECK_FALSE(ev.decision.approved);
  votes::cast(*l, v.id, "赵三", "yes");
  ev = votes::evaluate(c, votes::get(*l, v.id));
  CHECK(ev.decision.approved);
  CHECK(ev.count.yes == 5);
  // The meeting cannot close while the vote is open.
  CHECK(kind_of([&] { meetings::close(*l, c, m); }) == ErrorKind::data);
  CHECK(votes::close(*l, c, v.id).vote.result == "approved");
  meetings::close(*l, c, m);
  // Nothing more at a closed meeting.
  const auto j = accepted_issue(*l, c, "another");
  CHECK(kind_of([&] { votes::open(*l, c, ask(m, j, "secret")); }) == ErrorKind::data);
}

TEST_CASE("a vote that passes at a meeting that is not quorate by its rules fails") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 19:40"));
  const auto c = community();
  const auto i = accepted_issue(*l, c, "花坛");
  const auto m = meeting(*l, c, {i});
  meetings::Attendance a;
  a.present = {"王一", "李二", "赵三", "孙四"}; // 4 of 5, but no women's representative
  meetings::attend(*l, c, m, a);
  const auto v = votes::open(*l, c, ask(m, i, "secret", "majority-present"));
  votes::tally(*l, v.id, {{"yes", 4}});
  const auto closed = votes::close(*l, c, v.id);
  CHECK(closed.vote.result == "rejected");
  CHECK(closed.vote.reason.find("meeting 1 is not quorate") != std::string::npos);
  CHECK(closed.vote.reason.find("妇女代表") != std::string::npos);
  // Back to consultation: the item goes to the next meeting.
  CHECK(issues::get(*l, i).status == IssueStatus::consulting);
  CHECK(meetings::get(*l, m).items.at(0).outcome == "next-round");
  CHECK(decisions::get(*l, closed.decision.id).result == "rejected");
}

TEST_CASE("alternatives: the option with most votes is put to the rule; a tie fails") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 19:40"));
  const auto c = community();
  const auto i = accepted_issue(*l, c, "活动室选址");
  const auto m = meeting(*l, c, {i});
  meetings::Attendance a;
  a.present = {"王一", "李二", "赵三", "孙四", "吴五"};
  meetings::attend(*l, c, m, a);
  auto req = ask(m, i, "secret", "majority-cast");
  req.options = {"一楼", "二楼", "abstain"};
  auto v = votes::open(*l, c, req);
  v = votes::tally(*l, v.id, {{"一楼", 2}, {"二楼", 2}, {"abstain", 1}});
  auto ev = votes::evaluate(c, v);
  CHECK_FALSE(ev.decision.approved);
  CHECK(ev.decision.reason == "rejected: a tie between 一楼, 二楼 (2 each)");
  v = votes::tally(*l, v.id, {{"一楼", 3}, {"二楼", 1}, {"abstain", 1}}); // a recount
  ev = votes::evaluate(c, v);
  CHECK(ev.decision.approved);
  CHECK(ev.winner == "一楼");
  // 3 of the 4 cast for an alternative: > 1/2 of 4 needs 3.
  CHECK(ev.decision.reason.rfind("approved: 3 of 4 cast for or against agree; needs > 1/2 = 3",
                                 0) == 0);
  const auto closed = votes::close(*l, c, v.id);
  CHECK(closed.decision.text == "同意维修 — 一楼");
}

TEST_CASE("a residents' meeting votes by heads counted, not by names") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 19:40"));
  const auto c = community();
  const auto i = accepted_issue(*l, c, "垃圾分类");
  const auto m = meeting(*l, c, {i}, 1200);
  CHECK(kind_of([&] { votes::open(*l, c, ask(m, i, "show-of-hands")); }) == ErrorKind::data);
  meetings::Attendance a;
  a.headcount = 601; // more than half of 1200 present
  meetings::attend(*l, c, m, a);
  CHECK(kind_of([&] { votes::open(*l, c, ask(m, i, "roll-call")); }) == ErrorKind::usage);
  auto v = votes::open(*l, c, ask(m, i, "show-of-hands"));
  CHECK(v.profile == "residents-meeting");
  CHECK(v.electorate == "headcount");
  CHECK(kind_of([&] { votes::tally(*l, v.id, {{"yes", 300}, {"no", 300}}); }) == ErrorKind::data);
  // 300 of 601 is not more than half (needs 301).
  v = votes::tally(*l, v.id, {{"yes", 300}, {"no", 300}, {"abstain", 1}});
  CHECK_FALSE(votes::evaluate(c, v).decision.approved);
  v = votes::tally(*l, v.id, {{"yes", 301}, {"no", 299}, {"abstain", 1}});
  const auto ev = votes::evaluate(c, v);
  CHECK(ev.decision.approved);
  CHECK(ev.decision.reason ==
        "approved: 301 of 601 present agree; needs > 1/2 = 301; 601 of 1200 entitled present; "
        "needs > 1/2 = 601; quorate");
}

TEST_CASE("the owners' roster: one owner by head however many units, areas exact") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = community();
  // Twenty units of 10.10 m² held by one owner: exactly 202.00 m².
  std::string csv = "业主名册\n房号,业主,建筑面积（平方米）\n";
  for (int n = 1; n <= 20; ++n)
    csv += "1-" + std::to_string(n) + ",张 三," + "10.10\n";
  csv += "2-1,李四,81.56999999999999\n2-2,王五,\"1,089.5 ㎡\"\n";
  roster(*l, c, csv);
  const auto r = owners::roster(*l, "v");
  CHECK(r.units == 22);
  REQUIRE(r.owners.size() == 3);
  CHECK(r.owners[0].name == "张 三");
  CHECK(r.owners[0].units.size() == 20);
  CHECK(r.owners[0].area == 20200);
  CHECK(r.owners[1].area == 8157); // a double's 17 digits read as the 81.57 it stands for
  CHECK(r.owners[2].area == 108950);
  CHECK(r.area_total == 20200 + 8157 + 108950);
  // A voter names a unit or an owner (white space as the roster has it, collapsed).
  CHECK(owners::find_owner(*l, "v", "1-7")->name == "张 三");
  CHECK(owners::find_owner(*l, "v", "张  三")->units.size() == 20);
  CHECK_FALSE(owners::find_owner(*l, "v", "9-9").has_value());
  CHECK(owners::roster_field("专有部分面积（㎡）") == "area");
  CHECK(owners::roster_field("房号") == "unit");
  CHECK(owners::roster_field("产权人") == "owner");

  // A bad roster: every bad row reported, the old roster kept.
  const auto before = l->event_count();
  std::istringstream in("房号,业主,面积\n1,甲,89.505\n2,,70\n1,乙,-3\n,丙,5\n");
  intake::CsvReader reader(in, intake::Encoding::automatic, "bad.csv");
  owners::Summary sum;
  owners::Options opt;
  opt.name = "bad.csv";
  CHECK(kind_of([&] {
          owners::import_rows(
              *l, c, reader, [] { return std::string(); }, opt, sum);
        }) == ErrorKind::data);
  REQUIRE(sum.errors.size() == 5);
  CHECK(sum.errors[0].row == 2);
  CHECK(sum.errors[0].value == "89.505");
  CHECK(sum.errors[1].column == "业主");
  CHECK(sum.errors[2].reason == "not an area in m² with at most two decimals (e.g. 89.50)");
  CHECK(sum.errors[3].reason == "unit listed twice (first on line 2)");
  CHECK(sum.errors[4].reason == "the unit is empty");
  CHECK(l->event_count() == before);
  CHECK(owners::roster(*l, "v").units == 22);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("an owners' written vote: double majority by area and head, over days") {
  test::TempDir dir;
  const auto path = dir.file("o.db");
  const auto c = community();
  std::int64_t issue = 0, vote = 0;
  {
    ledger::Ledger::init(path, test::session("2026-12-01 09:00"));
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-01 09:00"));
    issue = accepted_issue(l, c, "更换电梯");
    // Four owners by head, 400.00 m²: A holds two units.
    roster(l, c,
           "房号,业主,面积\n101,A,100.00\n102,A,50.00\n201,B,150.00\n301,C,60.00\n"
           "401,D,40.00\n");
    votes::OpenRequest r;
    r.issue = issue;
    r.question = "筹集维修资金更换电梯";
    r.method = "written";
    r.rule = "civil-code-278";
    CHECK(kind_of([&] { votes::open(l, c, r); }) == ErrorKind::usage); // no matter
    r.matter = 6;
    r.closes = "2026-12-05";
    const auto v = votes::open(l, c, r);
    vote = v.id;
    CHECK(v.electorate == "roster");
    CHECK(v.members == 4);
    CHECK(v.area_total == 40000);
    CHECK(votes::cast(l, vote, "102", "yes").ballots.back().area == 15000); // A, both units
    CHECK(kind_of([&] { votes::cast(l, vote, "101", "no"); }) == ErrorKind::data);
    CHECK(kind_of([&] { votes::cast(l, vote, "A", "no"); }) == ErrorKind::data);
    votes::cast(l, vote, "B", "yes");
    // Roster changes are refused while the vote is open.
    CHECK(kind_of([&] { roster(l, c, "房号,业主,面积\n1,X,1\n"); }) == ErrorKind::data);
  }
  {
    // After the closing day: ballots refused; an extension must end later.
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-06 09:00"));
    CHECK(kind_of([&] { votes::cast(l, vote, "C", "yes"); }) == ErrorKind::data);
    // Worked by hand: 2 of 4 owners (< 2/3) and 300 of 400 m² (≥ 2/3) took part.
    const auto ev = votes::evaluate(c, votes::get(l, vote));
    CHECK_FALSE(ev.decision.quorate);
    CHECK(kind_of([&] { votes::extend(l, c, vote, "2026-12-04", "x"); }) == ErrorKind::usage);
    CHECK(kind_of([&] { votes::extend(l, c, vote, "2026-12-12", ""); }) == ErrorKind::usage);
    const auto v = votes::extend(l, c, vote, "2026-12-12", "参与人数不足");
    CHECK(v.extensions.size() == 1);
    CHECK(v.closes_at == "2026-12-12T23:59:59+08:00");
    CHECK(v.extensions[0].before == "2026-12-05T23:59:59+08:00");
    votes::cast(l, vote, "C", "no");
    // 3 of 4 owners ≥ 2/3 and 360 of 400 m² took part; agree: 300 of 360 m²
    // (83.3%) ≥ 3/4 but 2 of 3 owners (66.7%) < 3/4: rejected.
    auto e2 = votes::evaluate(c, votes::get(l, vote));
    CHECK(e2.decision.quorate);
    CHECK_FALSE(e2.decision.approved);
    votes::cast(l, vote, "401", "yes");
    // 4 of 4 took part; agree: 340 of 400 m² (85%) and 3 of 4 owners (75%) ≥ 3/4.
    const auto closed = votes::close(l, c, vote);
    CHECK(closed.vote.result == "approved");
    CHECK(closed.vote.reason ==
          "approved: area 400.00 of 400.00 m² taking part (100.0%) ≥ 2/3; owners 4 of 4 taking "
          "part (100.0%) ≥ 2/3; area 340.00 of 400.00 m² agree (85.0%) meets ≥ 3/4; owners 3 of "
          "4 agree (75.0%) meets ≥ 3/4 (matter 6 of art. 278)");
    CHECK(closed.warnings.size() == 1); // closed before its closing day
    CHECK(issues::get(l, issue).status == IssueStatus::decided);
    CHECK(ledger::verify(l).ok);
  }
}

TEST_CASE("actions carry out a decision: implementing, then resolved, then rated and closed") {
  test::TempDir dir;
  const auto path = dir.file("a.db");
  const auto c = community();
  ledger::Ledger::init(path, test::session("2026-12-02 19:40"));
  std::int64_t decision = 0, issue = 0;
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-02 19:40"));
    issue = accepted_issue(l, c, "屋顶漏水");
    const auto m = meeting(l, c, {issue});
    meetings::Attendance a;
    a.present = {"王一", "李二", "吴五", "赵三"};
    meetings::attend(l, c, m, a);
    const auto v = votes::open(l, c, ask(m, issue, "show-of-hands"));
    votes::tally(l, v.id, {{"yes", 4}});
    decision = votes::close(l, c, v.id).decision.id;
    CHECK(kind_of([&] { actions::add(l, c, 99, "物业", "x", *clock::parse_date("2026-12-31")); }) ==
          ErrorKind::data);
    CHECK(kind_of([&] {
            actions::add(l, c, decision, "", "x", *clock::parse_date("2026-12-31"));
          }) == ErrorKind::usage);
    actions::add(l, c, decision, "物业公司", "防水维修", *clock::parse_date("2026-12-20"));
    actions::add(l, c, decision, "居委会", "公示", *clock::parse_date("2026-12-10"));
  }
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-10 23:00"));
    CHECK(actions::overdue(l, "v").empty()); // due today is not overdue
  }
  ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-11 08:00"));
  const auto late = actions::overdue(l, "");
  REQUIRE(late.size() == 1);
  CHECK(late[0].what == "公示");
  CHECK(actions::progress(l, c, 1, 0, "").status == "open");
  CHECK(issues::get(l, issue).status == IssueStatus::decided); // 0% is not a start
  CHECK(actions::progress(l, c, 1, 50, "进场").status == "started");
  CHECK(issues::get(l, issue).status == IssueStatus::implementing);
  CHECK(kind_of([&] { actions::progress(l, c, 1, 40, ""); }) == ErrorKind::usage);
  CHECK(kind_of([&] { actions::progress(l, c, 1, 100, ""); }) == ErrorKind::usage);
  actions::done(l, c, 2, "已公示");
  CHECK(issues::get(l, issue).status == IssueStatus::implementing);
  const auto a1 = actions::done(l, c, 1, "完工");
  CHECK(a1.done_on == "2026-12-11");
  CHECK(a1.progress.size() == 3);
  CHECK(issues::get(l, issue).status == IssueStatus::resolved);
  CHECK(kind_of([&] { actions::done(l, c, 1, ""); }) == ErrorKind::data);
  CHECK(actions::overdue(l, "").empty());
  CHECK(kind_of([&] { issues::change(l, issue, {IssueAction::close}); }) == ErrorKind::data);
  issues::feedback(l, issue, 5, "满意");
  CHECK(issues::change(l, issue, {IssueAction::close}).status == IssueStatus::closed);
  CHECK(ledger::verify(l).ok);
}

TEST_CASE("an escalated issue keeps its lineage and comes back with the answer") {
  auto l = ledger::Ledger::in_memory(test::session());
  const auto c = community();
  const auto i = accepted_issue(*l, c, "管网改造");
  issues::Change up{IssueAction::escalate, "超出社区权限", std::nullopt, "street"};
  issues::change(*l, i, up);
  issues::Change answer;
  answer.action = IssueAction::answer;
  CHECK(kind_of([&] { issues::change(*l, i, answer); }) == ErrorKind::usage); // no answer text
  answer.answer = "列入明年计划";
  const auto back = issues::change(*l, i, answer);
  CHECK(back.status == IssueStatus::consulting);
  CHECK(back.rounds == 1);
  const auto x = issues::escalations(*l, i);
  REQUIRE(x.size() == 1);
  CHECK(x[0].level == "street");
  CHECK(x[0].reason == "超出社区权限");
  CHECK(x[0].answer == "列入明年计划");
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("vote payloads: a show of hands at a meeting keeps its round, a secret ballot closes "
          "on its counts") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 19:40"));
  const auto c = community();
  const auto i = accepted_issue(*l, c, "屋顶漏水");
  const auto j = accepted_issue(*l, c, "楼道灯");
  const auto m = meeting(*l, c, {i, j});
  meetings::Attendance a;
  a.present = {"王一", "李二", "吴五"};
  a.proxies = {"赵小=赵三"};
  a.absent = {"孙四"};
  meetings::attend(*l, c, m, a);

  const auto hands = votes::open(*l, c, ask(m, i, "show-of-hands"));
  const auto open = events::VoteOpen::from_json(
      nlohmann::json::parse(last_payload(*l, events::vote_entity(hands.id), events::kVoteOpen)));
  CHECK(open.meeting == m);
  CHECK(open.round == 1);
  CHECK(open.electorate == "attendance");
  CHECK(open.members == 5);
  CHECK(open.eligible == 4);
  CHECK(open.area_total == 0);
  CHECK(open.closes_at.empty());
  REQUIRE(open.voters.has_value());
  CHECK(open.voters->size() == 4);
  // "proxy" only for the member who sent one.
  for (const auto& v : *open.voters) {
    CAPTURE(v.name);
    CHECK(v.proxy == (v.name == "赵三" ? std::optional<std::string>("赵小") : std::nullopt));
  }

  const auto secret = votes::open(*l, c, ask(m, j, "secret"));
  votes::tally(*l, secret.id, {{"yes", 3}, {"no", 1}});
  CHECK(last_payload(*l, events::vote_entity(secret.id), events::kVoteTally) ==
        R"({"counts":{"abstain":0,"no":1,"yes":3},"id":2})");
  const auto closed = votes::close(*l, c, secret.id);
  const auto p =
      nlohmann::json::parse(last_payload(*l, events::vote_entity(secret.id), events::kVoteClose));
  CHECK(p.size() == 5);
  const auto close = events::VoteClose::from_json(p);
  CHECK(close.counts == events::VoteCounts{{"abstain", 0}, {"no", 1}, {"yes", 3}});
  CHECK(close.result == "approved");
  CHECK(close.reason == closed.vote.reason);
  CHECK(close.decision == closed.decision.id);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("vote payloads: a roll-call ballot names its voter and has no units or area") {
  auto l = ledger::Ledger::in_memory(test::session("2026-12-02 19:40"));
  const auto c = community();
  const auto i = accepted_issue(*l, c, "加装电梯");
  const auto m = meeting(*l, c, {i});
  meetings::Attendance a;
  a.present = {"王一", "李二", "吴五", "赵三"};
  a.proxies = {"孙小=孙四"};
  meetings::attend(*l, c, m, a);
  const auto v = votes::open(*l, c, ask(m, i, "roll-call", "unanimous"));
  votes::cast(*l, v.id, "孙小", "yes"); // the proxy votes in the member's name
  CHECK(last_payload(*l, events::vote_entity(v.id), events::kVoteCast) ==
        R"({"choice":"yes","id":1,"voter":"孙四"})");
  const auto cast = events::VoteCast::from_json(
      nlohmann::json::parse(R"({"choice":"yes","id":1,"voter":"孙四"})"));
  CHECK_FALSE(cast.units.has_value());
  CHECK_FALSE(cast.area.has_value());
}

TEST_CASE("vote payloads read what every version wrote and write it back unchanged") {
  // An owners' ballot, with its units and area.
  const std::string owner =
      R"({"area":19468,"choice":"no","id":2,"units":["3-1-101","3-2-602"],"voter":"张建华"})";
  const auto cast = events::VoteCast::from_json(nlohmann::json::parse(owner));
  CHECK(cast.units == std::vector<std::string>{"3-1-101", "3-2-602"});
  CHECK(cast.area == 19468);
  CHECK(ledger::canonical(cast.to_json()) == owner);

  // An owners' vote without a meeting: meeting null, no round, voters empty.
  const std::string roster =
      R"({"area_total":202300,"closes_at":"2026-12-12T23:59:59+08:00","community":"v",)"
      R"("electorate":"roster","eligible":23,"id":2,"issue":7,"matter":5,"meeting":null,)"
      R"("members":23,"method":"written","options":["yes","no","abstain"],)"
      R"("profile":"civil-code-278","question":"维修屋面","voters":[]})";
  const auto o = events::VoteOpen::from_json(nlohmann::json::parse(roster));
  CHECK_FALSE(o.meeting.has_value());
  CHECK_FALSE(o.round.has_value());
  REQUIRE(o.voters.has_value());
  CHECK(o.voters->empty());
  CHECK(ledger::canonical(o.to_json()) == roster);

  // A payload without voters or round reads, and is written back without them.
  const std::string bare =
      R"({"area_total":0,"closes_at":"","community":"v","electorate":"headcount",)"
      R"("eligible":601,"id":3,"issue":1,"matter":0,"meeting":1,"members":1200,)"
      R"("method":"show-of-hands","options":["yes","no"],"profile":"residents-meeting",)"
      R"("question":"垃圾分类"})";
  const auto b = events::VoteOpen::from_json(nlohmann::json::parse(bare));
  CHECK_FALSE(b.voters.has_value());
  CHECK_FALSE(b.round.has_value());
  CHECK(ledger::canonical(b.to_json()) == bare);

  events::VoteExtend x;
  x.id = 2;
  x.closes_at = "2026-12-19T23:59:59+08:00";
  x.reason = "延长一周";
  // A vote that had no closing time says so with an empty "before".
  CHECK(ledger::canonical(x.to_json()) ==
        R"({"before":"","closes_at":"2026-12-19T23:59:59+08:00","id":2,"reason":"延长一周"})");
}

TEST_CASE("staff see what was typed about residents masked: votes, decisions, actions, "
          "meetings, the log and completion") {
  // A clerk types the resident's name and phone into every record of her
  // issue; a neighbour is a stakeholder. Councillors and bodies the
  // community lists stay named; revealed, everything is as typed.
  test::TempDir dir;
  const auto path = dir.file("s.db");
  auto c = community();
  c.organisations = {"物业公司"};
  const people::Directory who(c);
  ledger::Ledger::init(path, test::session("2026-12-02 19:40"));
  ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-02 19:40"));
  issues::NewIssue n;
  n.title = "楼道积水";
  n.raised_by = "张小明";
  n.stakeholders = {"欧阳立方", "物业公司"};
  n.raised_on = clock::parse_date("2026-11-01");
  const auto issue = issues::add(l, c, n);
  issues::change(l, issue, {IssueAction::accept});
  const auto m = meeting(l, c, {issue});
  meetings::Attendance a;
  a.present = {"王一", "李二", "吴五", "赵三"};
  meetings::attend(l, c, m, a);
  meetings::note(l, m, issue, "张小明电话13812341234，欧阳立方家住5号楼2单元502室", "王一", "");
  auto r = ask(m, issue, "show-of-hands");
  r.question = "同意张小明（138-1234-1234）的方案";
  const auto v = votes::open(l, c, r);
  votes::tally(l, v.id, {{"yes", 4}});
  const auto d = votes::close(l, c, v.id).decision;
  const auto act = actions::add(l, c, d.id, "欧阳立方", "欧阳立方联系张小明，电话13812341234",
                                *clock::parse_date("2026-12-20"));
  actions::progress(l, c, act.id, 50, "张小明已同意");
  const auto body = actions::add(l, c, d.id, "物业公司", "物业公司维修", *clock::parse_date("2026-12-20"));

  auto none_raw = [](const std::string& text) {
    for (const char* raw : {"张小明", "欧阳立方", "13812341234", "1234-1234", "502室"}) {
      CAPTURE(raw);
      CHECK(text.find(raw) == std::string::npos);
    }
  };
  const auto shown_vote = votes::shown(l, who, votes::get(l, v.id), false);
  CHECK(shown_vote.question == "同意张*明（138-****-1234）的方案");
  none_raw(votes::to_json(shown_vote, false).dump());
  CHECK(votes::shown(l, who, votes::get(l, v.id), true).question == r.question);

  const auto shown_decision = decisions::shown(l, who, decisions::get(l, d.id), false);
  none_raw(decisions::to_json(shown_decision).dump());

  const auto shown_action = actions::shown(l, who, actions::get(l, act.id), false);
  CHECK(shown_action.owner == "欧阳*方");
  CHECK(shown_action.what == "欧阳*方联系张*明，电话138****1234");
  CHECK(shown_action.progress.back().note == "张*明已同意");
  none_raw(actions::to_json(shown_action).dump());
  CHECK(actions::shown(l, who, actions::get(l, act.id), true).owner == "欧阳立方");
  // A body the community lists carries out the action under its name.
  CHECK(actions::shown(l, who, actions::get(l, body.id), false).what == "物业公司维修");
  CHECK(actions::shown(l, who, actions::get(l, body.id), false).owner == "物业公司");

  const auto mt = meetings::get(l, m);
  const auto residents = meetings::residents(c, mt);
  CHECK(std::count(residents.begin(), residents.end(), "张小明") == 1);
  CHECK(std::count(residents.begin(), residents.end(), "欧阳立方") == 1);
  CHECK(std::count(residents.begin(), residents.end(), "物业公司") == 0);
  CHECK(std::count(residents.begin(), residents.end(), "王一") == 0);
  const auto shown_meeting = meetings::shown(c, mt, false);
  CHECK(shown_meeting.notes.back().body == "张*明电话138****1234，欧阳*方家住5号楼");
  none_raw(meetings::to_json(c, mt, false).dump());
  CHECK(meetings::to_json(c, mt, false).dump().find("王一") != std::string::npos);
  CHECK(meetings::shown(c, mt, true).notes.back().body == mt.notes.back().body);

  // The log: a note on the meeting masks the residents of its agenda.
  config::Config cfg;
  cfg.communities = {c};
  const auto log = history::shown(l, l.events(), false, &cfg);
  REQUIRE(log.size() == l.events().size());
  for (const auto& e : log) {
    CAPTURE(e.event.kind);
    none_raw(e.event.payload);
    // What the hash covers is the stored payload, untouched.
    CHECK(e.stored_payload == l.events()[static_cast<std::size_t>(e.event.seq - 1)].payload);
  }
  const auto revealed = history::shown(l, l.events(), true, &cfg);
  bool found = false;
  for (const auto& e : revealed)
    found = found || e.event.payload.find("张小明电话13812341234") != std::string::npos;
  CHECK(found);

  // Shell completion describes ids as staff see them.
  for (const auto& list : {votes::completion_candidates(l), meetings::decision_completion_candidates(l),
                           actions::completion_candidates(l), meetings::completion_candidates(l),
                           issues::completion_candidates(l)})
    for (const auto& [id, text] : list)
      none_raw(text);
}
