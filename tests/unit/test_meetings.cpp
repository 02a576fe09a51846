#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_meeting.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <functional>

using namespace consult;
using model::IssueAction;
using model::IssueStatus;
using nlohmann::json;
using test::kind_of;

namespace {

/// A council of 5 seats (2 committee, 2 residents, 1 women's representative)
/// with the rule "at least 2/3 present" and a women's representative required.
config::Community council_community(const char* policy = "warn") {
  return config::parse_community(fmt::format(R"(id = "m"
name = "会议社区"
[channels]
suggestion-box = "意见箱"
[categories]
parking = "停车"
other = "其他"
[meeting_kinds]
council = "议事会"
bench = "板凳会"
[council]
name = "议事会"
[council.stakeholders]
max = 3
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{{ name = "王一" }}, {{ name = "李二" }}]
[[council.seats]]
key = "residents"
label = "居民代表"
count = 2
members = [{{ name = "赵三" }}, {{ name = "孙四", until = 2026-11-30 }}]
[[council.seats]]
key = "women"
label = "妇女代表"
count = 1
members = [{{ name = "吴五" }}]
[rules]
notice_days = 7
notice_policy = "{}"
agenda_max = 3
require_present = [{{ seat = "women", min = 1 }}]
[rules.profiles.council-vote]
quorum = "2/3"
quorum_inclusive = true
threshold = "1/2"
[rules.defaults]
council = "council-vote"
)",
                                             policy),
                                 "m.toml");
}

std::int64_t add_issue(ledger::Ledger& l, const config::Community& c, const char* title,
                       const char* raised_on, const char* priority = "normal",
                       std::vector<std::string> stakeholders = {}) {
  issues::NewIssue n;
  n.title = title;
  n.raised_on = clock::parse_date(raised_on);
  n.priority = priority;
  n.stakeholders = std::move(stakeholders);
  const auto id = issues::add(l, c, n);
  issues::change(l, id, {IssueAction::accept});
  return id;
}

meetings::PlanRequest council_at(const char* at) {
  meetings::PlanRequest r;
  r.kind = "council";
  r.at = at;
  r.until = "21:00";
  r.venue = "议事厅";
  return r;
}

std::int64_t event_count(ledger::Ledger& l) {
  return l.event_count();
}

std::vector<std::int64_t> ids(const meetings::Meeting& m) {
  std::vector<std::int64_t> out;
  for (const auto& it : m.items)
    out.push_back(it.issue.id);
  return out;
}

} // namespace

TEST_CASE("an automatic agenda takes issues collected before the notice period, in order") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = council_community();
  const auto old_normal = add_issue(*l, c, "路灯", "2026-11-01");
  const auto newer_normal = add_issue(*l, c, "停车", "2026-11-05");
  const auto urgent = add_issue(*l, c, "漏水", "2026-11-10", "urgent");
  const auto too_new = add_issue(*l, c, "噪音", "2026-11-20");
  const auto low = add_issue(*l, c, "花坛", "2026-10-01", "low");
  // Meeting on 2026-12-02: cutoff 2026-11-25, so 2026-11-20 is in; a meeting on
  // 2026-11-26 has cutoff 2026-11-19 and leaves it out.
  auto early = meetings::agenda_candidates(*l, c, *clock::parse_date("2026-11-26"), 10);
  REQUIRE(early.size() == 4);
  CHECK(early[0].issue == urgent);
  CHECK(early[1].issue == old_normal);
  CHECK(early[2].issue == newer_normal);
  CHECK(early[3].issue == low);
  auto later = meetings::agenda_candidates(*l, c, *clock::parse_date("2026-12-02"), 10);
  CHECK(later.size() == 5);
  CHECK(later[3].issue == too_new);

  SUBCASE("more residents raising the same matter goes first among equals") {
    const auto twin = add_issue(*l, c, "路灯坏了", "2026-11-01");
    const auto dup = add_issue(*l, c, "路灯不亮", "2026-11-02");
    issues::change(*l, dup, {IssueAction::merge, "", twin});
    auto cands = meetings::agenda_candidates(*l, c, *clock::parse_date("2026-12-02"), 10);
    CHECK(cands[1].issue == twin); // raised 2026-11-01 like old_normal, by 2 residents
    CHECK(cands[2].issue == old_normal);
  }
}

TEST_CASE("planning invites the 6+X and respects the agenda size and the notice rule") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = council_community();
  const auto a = add_issue(*l, c, "停车", "2026-11-01", "normal", {"物业公司", "张小明"});
  add_issue(*l, c, "路灯", "2026-11-02", "normal", {"张小明"});
  add_issue(*l, c, "漏水", "2026-11-03");
  add_issue(*l, c, "花坛", "2026-11-04");

  auto req = council_at("2026-12-02 19:30");
  req.auto_agenda = true;
  const auto p = meetings::plan(*l, c, req);
  CHECK(p.warnings.empty());
  CHECK(p.meeting.items.size() == 3); // rules.agenda_max
  CHECK(p.meeting.title == "议事会");
  CHECK(p.meeting.profile == "council-vote");
  CHECK(p.meeting.starts_at == "2026-12-02T19:30:00+08:00");
  CHECK(p.meeting.ends_at == "2026-12-02T21:00:00+08:00");
  // 孙四's term ends on 2026-11-30: not invited on 2026-12-02.
  int members = 0;
  std::vector<std::string> x;
  for (const auto& person : p.meeting.people) {
    if (person.role == "member") ++members;
    if (person.role == "stakeholder") x.push_back(person.name + " " + person.detail);
  }
  CHECK(members == 4);
  CHECK(x == std::vector<std::string>{"物业公司 #" + std::to_string(a), "张小明 #1 #2"});

  SUBCASE("inside the notice period: a warning naming the rule") {
    const auto soon = meetings::plan(*l, c, council_at("2026-11-25 19:30"));
    REQUIRE(soon.warnings.size() == 1);
    CHECK(soon.warnings[0].find("notice_days = 7") != std::string::npos);
  }
  SUBCASE("under notice_policy = refuse: an error, and nothing written") {
    const auto strict = council_community("refuse");
    const auto before = event_count(*l);
    CHECK(kind_of([&] { meetings::plan(*l, strict, council_at("2026-11-25 19:30")); }) ==
          ErrorKind::data);
    CHECK(event_count(*l) == before);
  }
  SUBCASE("the same venue at an overlapping time warns") {
    auto other = council_at("2026-12-02 20:30");
    other.kind = "bench";
    const auto clash = meetings::plan(*l, c, other);
    REQUIRE(clash.warnings.size() == 1);
    CHECK(clash.warnings[0].find("议事厅") != std::string::npos);
    CHECK(clash.meeting.profile.empty()); // a bench meeting has no quorum rule
  }
  SUBCASE("bad requests change nothing") {
    const auto before = event_count(*l);
    auto bad = council_at("next wednesday");
    CHECK(kind_of([&] { meetings::plan(*l, c, bad); }) == ErrorKind::usage);
    bad = council_at("2026-12-02 19:30");
    bad.until = "18:00";
    CHECK(kind_of([&] { meetings::plan(*l, c, bad); }) == ErrorKind::usage);
    bad = council_at("2026-12-02 19:30");
    bad.kind = "party";
    CHECK(kind_of([&] { meetings::plan(*l, c, bad); }) == ErrorKind::usage);
    bad = council_at("2026-12-09 19:30");
    bad.issues = {999};
    CHECK(kind_of([&] { meetings::plan(*l, c, bad); }) == ErrorKind::data);
    issues::NewIssue raw;
    raw.title = "未受理";
    raw.raised_on = clock::parse_date("2026-11-01");
    const auto collected = issues::add(*l, c, raw);
    const auto after_add = event_count(*l);
    bad.issues = {collected};
    CHECK(kind_of([&] { meetings::plan(*l, c, bad); }) == ErrorKind::data);
    CHECK(event_count(*l) == after_add);
    CHECK(after_add == before + 1);
  }
}

TEST_CASE("quorum and composition come from the rules, with exact arithmetic") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = council_community();
  const auto issue = add_issue(*l, c, "停车", "2026-11-01");
  auto req = council_at("2026-11-29 19:30"); // 孙四 still in term: 5 seats
  req.issues = {issue};
  const auto id = meetings::plan(*l, c, req).meeting.id;

  auto m = meetings::get(*l, id);
  auto q = meetings::quorum(c, m);
  CHECK(q.has_rule);
  CHECK_FALSE(q.attendance_recorded);

  // 3 of 5: needs ≥ 2/3 of 5 = 4 (10/3 = 3.33 → 4).
  meetings::Attendance a;
  a.present = {"王一", "李二", "赵三"};
  m = meetings::attend(*l, c, id, a);
  q = meetings::quorum(c, m);
  CHECK(q.quorum.needed == 4);
  CHECK_FALSE(q.quorum.quorate);
  CHECK(q.statement.find("3 of 5 seats present; needs ≥ 2/3 = 4; not quorate") == 0);
  CHECK(kind_of([&] { meetings::outcome(*l, c, id, {issue, "decided"}); }) == ErrorKind::data);

  // 4 of 5 meets it.
  meetings::Attendance more;
  more.present = {"吴五"};
  m = meetings::attend(*l, c, id, more);
  q = meetings::quorum(c, m);
  CHECK(q.quorum.quorate);
  CHECK(q.ok());
  CHECK(q.statement == "4 of 5 seats present; needs ≥ 2/3 = 4; quorate");
}

TEST_CASE("a meeting cannot decide without quorum, and a decision moves the issue") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = council_community();
  const auto parking = add_issue(*l, c, "停车", "2026-11-01");
  const auto roof = add_issue(*l, c, "漏水", "2026-11-02");
  const auto lamp = add_issue(*l, c, "路灯", "2026-11-03");
  auto req = council_at("2026-11-29 19:30");
  req.issues = {parking, roof, lamp};
  const auto id = meetings::plan(*l, c, req).meeting.id;

  // No attendance yet: no decision.
  auto before = event_count(*l);
  CHECK(kind_of([&] { meetings::outcome(*l, c, id, {parking, "decided"}); }) == ErrorKind::data);
  CHECK(event_count(*l) == before);

  // 4 of 5 present but no women's representative: not quorate by composition.
  meetings::Attendance a;
  a.present = {"王一", "李二", "赵三"};
  a.proxies = {"孙小四=孙四"};
  a.excused = {"吴五=出差"};
  auto m = meetings::attend(*l, c, id, a);
  auto q = meetings::quorum(c, m);
  CHECK(q.quorum.quorate);
  CHECK(q.by_proxy == 1);
  REQUIRE(q.shortfall.size() == 1);
  CHECK(q.shortfall[0].seat == "women");
  CHECK_FALSE(q.ok());
  before = event_count(*l);
  CHECK(kind_of([&] { meetings::outcome(*l, c, id, {parking, "decided"}); }) == ErrorKind::data);
  CHECK(event_count(*l) == before);

  // She comes after all.
  meetings::Attendance late;
  late.present = {"吴五"};
  m = meetings::attend(*l, c, id, late);
  CHECK(meetings::quorum(c, m).ok());

  // An opinion opens the item's round: accepted → consulting, round 1.
  const auto n = meetings::note(*l, id, parking, "夜间开放操场", "赵三", "for");
  CHECK(n.round == 1);
  CHECK(issues::get(*l, parking).status == IssueStatus::consulting);
  m = meetings::outcome(*l, c, id, {parking, "decided", "操场夜间开放停车"});
  CHECK(issues::get(*l, parking).status == IssueStatus::decided);
  CHECK(issues::get(*l, parking).rounds == 1);
  CHECK(m.items[0].outcome == "decided");
  CHECK(m.items[0].round == 1);
  // An outcome stands.
  CHECK(kind_of([&] { meetings::outcome(*l, c, id, {parking, "next-round"}); }) == ErrorKind::data);

  m = meetings::outcome(*l, c, id, {roof, "site-inspection"});
  CHECK(issues::get(*l, roof).status == IssueStatus::consulting);
  CHECK(kind_of([&] { meetings::outcome(*l, c, id, {999, "decided"}); }) == ErrorKind::data);

  // Closing carries the unreached item over.
  const auto closed = meetings::close(*l, c, id);
  CHECK(closed.meeting.status == "closed");
  CHECK(closed.meeting.items[2].outcome == "not-reached");
  CHECK(kind_of([&] { meetings::note(*l, id, roof, "晚了", "", ""); }) == ErrorKind::data);

  // The next meeting's automatic agenda takes the carried issues first.
  const auto fresh = add_issue(*l, c, "绿化", "2026-10-01", "urgent");
  auto next = council_at("2026-12-09 19:30");
  next.auto_agenda = true;
  const auto p = meetings::plan(*l, c, next);
  REQUIRE(p.meeting.items.size() == 3);
  CHECK(ids(p.meeting) == std::vector<std::int64_t>{roof, lamp, fresh});
  CHECK(p.meeting.items[0].carried);
  CHECK(p.meeting.items[1].carried);
  CHECK_FALSE(p.meeting.items[2].carried);
  // Its round count goes up when the next round opens.
  meetings::note(*l, p.meeting.id, roof, "踏勘后再议", "王一", "");
  CHECK(issues::get(*l, roof).rounds == 2);

  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("escalated and withdrawn outcomes move the issue; attendance names are checked") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = council_community();
  const auto a = add_issue(*l, c, "管网", "2026-11-01");
  const auto b = add_issue(*l, c, "撤回", "2026-11-02");
  auto req = council_at("2026-11-29 19:30");
  req.kind = "bench"; // informal: no quorum needed
  req.issues = {a, b};
  const auto id = meetings::plan(*l, c, req).meeting.id;

  const auto before = event_count(*l);
  meetings::Attendance bad;
  bad.present = {"路人甲"};
  CHECK(kind_of([&] { meetings::attend(*l, c, id, bad); }) == ErrorKind::data);
  bad.present = {"王一"};
  bad.absent = {"王一"};
  CHECK(kind_of([&] { meetings::attend(*l, c, id, bad); }) == ErrorKind::usage);
  bad = {};
  bad.proxies = {"某人"};
  CHECK(kind_of([&] { meetings::attend(*l, c, id, bad); }) == ErrorKind::usage);
  CHECK(kind_of([&] { meetings::attend(*l, c, id, {}); }) == ErrorKind::usage);
  CHECK(event_count(*l) == before);

  meetings::Attendance ok;
  ok.present = {"王一"};
  ok.guests = {"何工=区房管局"};
  auto m = meetings::attend(*l, c, id, ok);
  CHECK(m.people.back().name == "何工");
  CHECK(m.people.back().role == "guest");
  CHECK(m.people.back().detail == "区房管局");

  meetings::outcome(*l, c, id, {a, "escalated", "涉及市政管网", "district"});
  CHECK(issues::get(*l, a).status == IssueStatus::escalated);
  CHECK(issues::get(*l, a).escalated_to == "district");
  meetings::outcome(*l, c, id, {b, "withdrawn"});
  CHECK(issues::get(*l, b).status == IssueStatus::rejected);
  CHECK(issues::get(*l, b).reason.find("withdrawn") != std::string::npos);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("cancel and reschedule only planned meetings") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = council_community();
  const auto id = meetings::plan(*l, c, council_at("2026-12-02 19:30")).meeting.id;
  const auto moved = meetings::reschedule(
      *l, c, id, {"2026-12-09 19:00", "20:30", std::string("会议室"), {}, "冲突"});
  CHECK(moved.meeting.local_date == "2026-12-09");
  CHECK(moved.meeting.venue == "会议室");
  CHECK(moved.meeting.ends_at == "2026-12-09T20:30:00+08:00");
  CHECK(kind_of([&] { meetings::cancel(*l, id, ""); }) == ErrorKind::usage);
  CHECK(meetings::cancel(*l, id, "暴雨").status == "cancelled");
  CHECK(kind_of([&] { meetings::cancel(*l, id, "again"); }) == ErrorKind::data);
  CHECK(kind_of([&] {
          meetings::reschedule(*l, c, id, {"2026-12-16 19:00", "", {}, {}, ""});
        }) == ErrorKind::data);
  CHECK(kind_of([&] { meetings::get(*l, 42); }) == ErrorKind::data);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE("public JSON masks residents but names council members and guests") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  auto c = council_community();
  c.organisations = {"物业公司"}; // named because the community lists it
  const auto a = add_issue(*l, c, "停车", "2026-11-01", "normal", {"张小明", "物业公司"});
  auto req = council_at("2026-12-02 19:30");
  req.issues = {a};
  const auto m = meetings::plan(*l, c, req).meeting;
  const auto text = meetings::to_json(c, m, false).dump();
  CHECK(text.find("张小明") == std::string::npos);
  CHECK(text.find("张*明") != std::string::npos);
  CHECK(text.find("物业公司") != std::string::npos);
  CHECK(text.find("王一") != std::string::npos);
  CHECK(meetings::to_json(c, m, true).dump().find("张小明") != std::string::npos);
  // Not listed, a body's name is masked like a resident's: never guessed.
  c.organisations.clear();
  CHECK(meetings::to_json(c, m, false).dump().find("物业公司") == std::string::npos);
}

TEST_CASE("a residents' meeting counts heads of those entitled, by the law's words") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  auto c = council_community();
  c.meeting_kinds.push_back({"residents-meeting", "居民会议"});
  c.rules.defaults.emplace_back("residents-meeting", "residents-meeting");
  config::imply_bodies(c); // the kind's profile makes it the residents' meeting's
  auto req = council_at("2026-12-12 09:00");
  req.kind = "residents-meeting";
  req.entitled = 1200;
  const auto id = meetings::plan(*l, c, req).meeting.id;
  auto m = meetings::get(*l, id);
  CHECK(m.entitled == 1200);
  auto q = meetings::quorum(c, m);
  CHECK(q.statement == "needs > 1/2 of 1200 entitled = 601 present");

  // 过半数: exactly half is not enough.
  meetings::Attendance a;
  a.headcount = 600;
  m = meetings::attend(*l, c, id, a);
  q = meetings::quorum(c, m);
  CHECK(q.statement == "600 of 1200 entitled present; needs > 1/2 = 601; not quorate");
  CHECK_FALSE(q.ok());
  a.headcount = 601;
  m = meetings::attend(*l, c, id, a);
  CHECK(meetings::quorum(c, m).ok()); // no council composition rule applies
  CHECK(*m.headcount == 601);

  const auto before = l->event_count();
  a.headcount = 1201;
  CHECK(kind_of([&] { meetings::attend(*l, c, id, a); }) == ErrorKind::data);
  // A council meeting counts seats, not heads.
  const auto council = meetings::plan(*l, c, council_at("2026-12-02 19:30")).meeting.id;
  const auto after_plan = l->event_count();
  a.headcount = 5;
  CHECK(kind_of([&] { meetings::attend(*l, c, council, a); }) == ErrorKind::usage);
  CHECK(l->event_count() == after_plan);
  CHECK(after_plan == before + 1);
  CHECK(ledger::verify(*l).ok);
}

TEST_CASE(
    "meeting payloads of every shape ever written read into their types and write back the same") {
  // Shapes the ledger fixtures may lack: a plan from before meetings counted
  // heads (no entitled), online without a venue, without a chair; attendance
  // with and without a headcount; an outcome with and without a vote.
  const std::vector<std::pair<std::string_view, std::string>> payloads = {
      {events::kMeetingPlan,
       R"({"chair":"","community":"m","ends_at":"","ends_utc":1796223600,"id":1,"items":[],)"
       R"("kind":"council","local_date":"2026-12-02","online":"https://meeting.example/123",)"
       R"("people":[{"attendance":"invited","detail":"","name":"王一","role":"member",)"
       R"("seat":"committee"}],"profile":"council-vote","recorder":"","schedule":"",)"
       R"("schedule_date":"","starts_at":"2026-12-02T19:30:00+08:00","starts_utc":1796216400,)"
       R"("title":"议事会","venue":""})"},
      {events::kMeetingPlan,
       R"({"chair":"王一","community":"m","ends_at":"2026-12-02T21:00:00+08:00",)"
       R"("ends_utc":1796221800,"entitled":1200,"id":2,"items":[{"carried":true,"issue":3},)"
       R"({"carried":false,"issue":5}],"kind":"residents-meeting","local_date":"2026-12-02",)"
       R"("online":"","people":[{"attendance":"invited","detail":"#3 #5","name":"张小明",)"
       R"("role":"stakeholder","seat":""}],"profile":"","recorder":"李二",)"
       R"("schedule":"weekly","schedule_date":"2026-12-02",)"
       R"("starts_at":"2026-12-02T19:30:00+08:00","starts_utc":1796216400,"title":"居民会议",)"
       R"("venue":"议事厅"})"},
      {events::kMeetingReschedule,
       R"({"ends_at":"2026-12-09T20:30:00+08:00","ends_utc":1796819400,)"
       R"("from":"2026-12-02T19:30:00+08:00","id":1,"local_date":"2026-12-09","online":"",)"
       R"("reason":"冲突","starts_at":"2026-12-09T19:00:00+08:00","starts_utc":1796814000,)"
       R"("venue":"会议室"})"},
      {events::kMeetingCancel, R"({"id":1,"reason":"暴雨"})"},
      {events::kMeetingAttend,
       R"({"id":1,"people":[{"attendance":"proxy","detail":"","name":"王一","proxy":"王小一",)"
       R"("reason":"","role":"member","seat":"committee"},{"attendance":"excused",)"
       R"("detail":"","name":"赵三","proxy":"","reason":"出差","role":"member",)"
       R"("seat":"residents"}]})"},
      {events::kMeetingAttend, R"({"headcount":601,"id":2,"people":[]})"},
      {events::kMeetingAttend, R"({"headcount":0,"id":2,"people":[]})"},
      {events::kMeetingNote,
       R"({"body":"同意","id":1,"issue":3,"note":4,"position":"","round":1,"speaker":""})"},
      {events::kMeetingOutcome, R"({"id":1,"issue":3,"note":"","outcome":"next-round","round":1})"},
      {events::kMeetingOutcome,
       R"({"decision":2,"id":1,"issue":5,"note":"approved","outcome":"decided","round":2,)"
       R"("vote":1})"},
      {events::kMeetingClose, R"({"id":1,"not_reached":[]})"},
      {events::kMeetingClose, R"({"id":1,"not_reached":[3,5]})"},
  };
  for (const auto& [kind, payload] : payloads) {
    CAPTURE(kind);
    CAPTURE(payload);
    const auto* k = events::find(kind);
    REQUIRE(k != nullptr);
    REQUIRE(static_cast<bool>(k->reread));
    CHECK(ledger::canonical(k->reread(json::parse(payload))) == payload);
  }

  const auto old_plan = events::MeetingPlan::from_json(json::parse(payloads[0].second));
  CHECK_FALSE(old_plan.entitled.has_value());
  CHECK(old_plan.chair.empty());
  CHECK(old_plan.venue.empty());
  CHECK(old_plan.online == "https://meeting.example/123");
  REQUIRE(old_plan.people.size() == 1);
  CHECK_FALSE(old_plan.people[0].proxy.has_value());
  const auto plan = events::MeetingPlan::from_json(json::parse(payloads[1].second));
  CHECK(plan.entitled == 1200);
  REQUIRE(plan.items.size() == 2);
  CHECK(plan.items[0].carried);
  CHECK_FALSE(plan.items[1].carried);
  CHECK(plan.entity() == "meeting:2");
  CHECK_FALSE(events::MeetingAttend::from_json(json::parse(payloads[4].second)).headcount);
  CHECK(events::MeetingAttend::from_json(json::parse(payloads[6].second)).headcount == 0);
  const auto by_hand = events::MeetingOutcome::from_json(json::parse(payloads[8].second));
  CHECK_FALSE(by_hand.vote.has_value());
  CHECK_FALSE(by_hand.decision.has_value());
}

TEST_CASE("a meeting planned before meetings counted heads replays with none entitled") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = council_community();
  l->write([&] { issues::sync_community(*l, c); });
  ledger::Event e;
  e.seq = 1;
  e.at = "2026-11-21T10:00:00+08:00";
  e.kind = events::kMeetingPlan;
  e.payload =
      R"({"chair":"","community":"m","ends_at":"","ends_utc":1796223600,"id":1,"items":[],)"
      R"("kind":"council","local_date":"2026-12-02","online":"https://meeting.example/123",)"
      R"("people":[{"attendance":"invited","detail":"","name":"王一","role":"member",)"
      R"("seat":"committee"}],"profile":"council-vote","recorder":"","schedule":"",)"
      R"("schedule_date":"","starts_at":"2026-12-02T19:30:00+08:00","starts_utc":1796216400,)"
      R"("title":"议事会","venue":""})";
  events::apply(l->db(), e);
  const auto m = meetings::get(*l, 1);
  CHECK(m.entitled == 0);
  CHECK_FALSE(m.headcount.has_value());
  CHECK(m.online == "https://meeting.example/123");
  CHECK(m.venue.empty());
  REQUIRE(m.people.size() == 1);
  CHECK(m.people[0].attendance == "invited");
  CHECK(m.people[0].proxy.empty());
}

TEST_CASE("meeting events are written as they always were: online or at a venue, with or "
          "without a chair, attendance with or without a headcount") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  auto c = council_community();
  c.meeting_kinds.push_back({"residents-meeting", "居民会议"});

  // Online, without a venue or a chair.
  auto req = council_at("2026-12-02 19:30");
  req.venue = "";
  req.online = "https://meeting.example/123";
  const auto online = meetings::plan(*l, c, req).meeting.id;
  auto head = l->head();
  REQUIRE(head);
  CHECK(head->kind == "meeting.plan");
  CHECK(head->entity == "meeting:1");
  auto p = l->payload_of(*head);
  CHECK(p.at("venue") == "");
  CHECK(p.at("online") == "https://meeting.example/123");
  CHECK(p.at("chair") == "");
  CHECK(p.at("entitled") == 0);
  CHECK(p.at("ends_at") == "2026-12-02T21:00:00+08:00");
  CHECK(p.at("items") == json::array());
  REQUIRE(p.at("people").size() == 4); // 孙四's term ended before the meeting
  CHECK(p.at("people")[0].dump() ==
        R"({"attendance":"invited","detail":"","name":"王一","role":"member","seat":"committee"})");

  // At a venue, chaired, with no end given.
  req = council_at("2026-12-03 19:30");
  req.until = "";
  req.chair = "王一";
  meetings::plan(*l, c, req);
  p = l->payload_of(*l->head());
  CHECK(p.at("venue") == "议事厅");
  CHECK(p.at("online") == "");
  CHECK(p.at("chair") == "王一");
  CHECK(p.at("ends_at") == "");
  CHECK(p.at("ends_utc").get<std::int64_t>() - p.at("starts_utc").get<std::int64_t>() ==
        meetings::kDefaultHours * 3600);

  // Attendance without a headcount: the key is absent.
  meetings::Attendance a;
  a.present = {"王一"};
  a.excused = {"赵三=出差"};
  a.proxies = {"王小五=吴五"};
  meetings::attend(*l, c, online, a);
  head = l->head();
  CHECK(head->kind == "meeting.attend");
  CHECK(ledger::canonical(l->payload_of(*head)) ==
        R"({"id":1,"people":[{"attendance":"proxy","detail":"","name":"吴五","proxy":"王小五",)"
        R"("reason":"","role":"member","seat":"women"},{"attendance":"present","detail":"",)"
        R"("name":"王一","proxy":"","reason":"","role":"member","seat":"committee"},)"
        R"({"attendance":"excused","detail":"","name":"赵三","proxy":"","reason":"出差",)"
        R"("role":"member","seat":"residents"}]})");

  // A headcount alone: no people, the key present.
  auto residents = council_at("2026-12-12 09:00");
  residents.kind = "residents-meeting";
  residents.entitled = 1200;
  const auto counted = meetings::plan(*l, c, residents).meeting.id;
  meetings::Attendance heads;
  heads.headcount = 601;
  meetings::attend(*l, c, counted, heads);
  CHECK(ledger::canonical(l->payload_of(*l->head())) == R"({"headcount":601,"id":3,"people":[]})");

  meetings::close(*l, c, online);
  CHECK(ledger::canonical(l->payload_of(*l->head())) == R"({"id":1,"not_reached":[]})");
  CHECK(ledger::verify(*l).ok);
}

namespace {

/// The council community with a building group of 5 households and its head.
config::Community with_building_group() {
  auto text = std::string(R"(id = "b"
name = "楼组社区"
[meeting_kinds]
council = "议事会"
bench = "板凳会"
building-group = "楼组会议"
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 3
members = [{ name = "王一" }, { name = "李二" }, { name = "赵三" }]
[[bodies]]
key = "building-7"
type = "building-group"
name = "7号楼楼组"
kinds = ["building-group"]
entitled = 5
members = [{ name = "钱楼长", role = "楼组长" }]
[rules.defaults]
council = "majority-present"
)");
  return config::parse_community(text, "b.toml");
}

} // namespace

TEST_CASE("a meeting is measured against the body that holds it, an informal one against none") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  const auto c = with_building_group();

  // A bench meeting: no one is due; a councillor who comes takes part as a
  // member; no quorum, and no one is listed absent.
  auto bench = council_at("2026-12-02 19:30");
  bench.kind = "bench";
  auto m = meetings::plan(*l, c, bench).meeting;
  CHECK(m.body.empty());
  CHECK(m.people.empty());
  meetings::Attendance a;
  a.present = {"王一"};
  a.residents = {"居民甲"};
  m = meetings::attend(*l, c, m.id, a);
  REQUIRE(m.people.size() == 2);
  auto q = meetings::quorum(c, m);
  CHECK_FALSE(q.has_rule);
  CHECK(q.statement == "2 took part; an informal meeting has no quorum");
  // A typo is still refused: only members of a body join uninvited.
  meetings::Attendance typo;
  typo.present = {"王二"};
  CHECK(test::kind_of([&] { meetings::attend(*l, c, m.id, typo); }) == ErrorKind::data);

  // The building group: its head is due, not the council; heads counted
  // against its 5 households, the named residents and its head.
  auto bg = council_at("2026-12-03 19:30");
  bg.kind = "building-group";
  m = meetings::plan(*l, c, bg).meeting;
  CHECK(m.body == "building-7");
  CHECK(m.entitled == 5);
  CHECK(m.profile == "majority-present");
  REQUIRE(m.people.size() == 1);
  CHECK(m.people[0].name == "钱楼长");
  meetings::Attendance two;
  two.present = {"钱楼长", "王一"}; // the councillor comes as a guest from the council
  two.residents = {"居民甲"};
  m = meetings::attend(*l, c, m.id, two);
  CHECK(std::find_if(m.people.begin(), m.people.end(), [](const auto& p) {
          return p.name == "王一" && p.role == "guest" && p.detail == "议事会";
        }) != m.people.end());
  q = meetings::quorum(c, m);
  // 2 of 5 (the head and one household; the guest is not a household).
  CHECK(q.statement == "2 of 5 entitled present; needs > 1/2 = 3; not quorate");
  meetings::Attendance third;
  third.residents = {"居民乙"};
  m = meetings::attend(*l, c, m.id, third);
  CHECK(meetings::quorum(c, m).ok());

  // The council's meeting is the council's: its seats, not the household count.
  m = meetings::plan(*l, c, council_at("2026-12-04 19:30")).meeting;
  CHECK(m.body == "council");
  CHECK(m.people.size() == 3);
  CHECK(meetings::quorum(c, m).statement == "needs > 1/2 of 3 seats = 2 present");

  // --body names the body of an informal kind; a kind held by another body
  // cannot be given to this one.
  bench.at = "2026-12-05 19:30";
  bench.body = "building-7";
  m = meetings::plan(*l, c, bench).meeting;
  CHECK(m.body == "building-7");
  CHECK(m.profile == "majority-present");
  auto wrong = council_at("2026-12-06 19:30");
  wrong.body = "building-7";
  CHECK(test::kind_of([&] { meetings::plan(*l, c, wrong); }) == ErrorKind::usage);
  wrong.body = "building-9";
  CHECK(test::kind_of([&] { meetings::plan(*l, c, wrong); }) == ErrorKind::usage);
  CHECK(ledger::verify(*l).ok);
}
