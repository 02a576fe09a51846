#include "consult/elections.hpp"
#include "consult/error.hpp"
#include "consult/issues.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

using namespace consult;

namespace {

/// A tallied election: `seats`, candidates with their votes, `cast` ballots.
elections::Election counted(int seats, std::vector<std::pair<std::string, std::int64_t>> votes,
                            std::int64_t cast, std::int64_t electorate = 0,
                            std::string rule = "majority") {
  elections::Election e;
  e.seats = seats;
  e.rule = std::move(rule);
  e.electorate = electorate;
  e.returned = cast;
  for (auto& [name, n] : votes) {
    elections::Candidate c;
    c.name = name;
    c.votes = n;
    e.candidates.push_back(std::move(c));
  }
  return e;
}

} // namespace

TEST_CASE("an election's winners: more than half of the ballots cast, the most votes first") {
  // 22 cast: 12 needed. 18 and 15 win the two seats; 9 does not reach it.
  auto o = elections::count(counted(2, {{"甲", 18}, {"乙", 15}, {"丙", 9}}, 22, 24));
  CHECK(o.result == "elected");
  CHECK(o.elected == std::vector<std::string>{"甲", "乙"});
  CHECK(o.unfilled == 0);
  // Exactly half is not more than half: 11 of 22 is not elected.
  o = elections::count(counted(1, {{"甲", 11}, {"乙", 11}}, 22));
  CHECK(o.result == "failed");
  CHECK(o.elected.empty());
  CHECK(o.tied.empty()); // neither reached 12: no tie for a seat
  CHECK(o.unfilled == 1);
  // Three reach the majority for two seats: the most votes win.
  o = elections::count(counted(2, {{"甲", 30}, {"乙", 40}, {"丙", 35}}, 50));
  CHECK(o.elected == std::vector<std::string>{"乙", "丙"});
}

TEST_CASE("a tie for the last seat is stated: none of those tied is elected") {
  // 20 cast, 11 needed: 14 wins; 11 and 11 tie for the second seat.
  auto o = elections::count(counted(2, {{"甲", 14}, {"乙", 11}, {"丙", 11}}, 20));
  CHECK(o.result == "partly");
  CHECK(o.elected == std::vector<std::string>{"甲"});
  CHECK(o.tied == std::vector<std::string>{"乙", "丙"});
  CHECK(o.unfilled == 1);
  CHECK(o.reason.find("2 candidates tie with 11 votes") != std::string::npos);
  // Equal votes that all fit are no tie: both seats filled.
  o = elections::count(counted(2, {{"甲", 12}, {"乙", 12}, {"丙", 11}}, 20));
  CHECK(o.elected == std::vector<std::string>{"甲", "乙"});
  CHECK(o.tied.empty());
  // By plurality, a tie for one seat elects no one either.
  o = elections::count(counted(1, {{"甲", 5}, {"乙", 5}}, 12, 0, "plurality"));
  CHECK(o.elected.empty());
  CHECK(o.tied.size() == 2);
}

TEST_CASE("an election is valid only when more than half of those entitled voted") {
  auto o = elections::count(counted(1, {{"甲", 12}}, 12, 24));
  CHECK(o.result == "failed");
  CHECK(o.reason.find("12 of 24") != std::string::npos);
  o = elections::count(counted(1, {{"甲", 13}}, 13, 24));
  CHECK(o.result == "elected");
}

TEST_CASE("those elected join the body from their term's first day, and are due at its meetings") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  auto c = config::parse_community(R"(id = "t"
name = "测试社区"
[meeting_kinds]
building-group = "楼组会议"
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 1
members = [{ name = "王一" }]
[[bodies]]
key = "b7"
type = "building-group"
name = "7号楼楼组"
kinds = ["building-group"]
entitled = 10
members = [{ name = "赵德明", role = "楼组长" }]
)",
                                   "t.toml");
  elections::OpenRequest r;
  r.body = "b7";
  r.role = "楼栋长";
  r.seats = 1;
  r.candidates = {"孙丽", "周建国"};
  r.since = clock::parse_date("2027-01-01");
  const auto e = elections::open(*l, c, r);
  CHECK(e.electorate == 10);
  CHECK(e.contested());
  // A count that cannot be right changes nothing.
  elections::TallyRequest bad;
  bad.returned = 8;
  bad.counts = {{"孙丽", 6}, {"周建国", 5}}; // 11 votes from 8 ballots for 1 seat
  CHECK_THROWS_AS(elections::tally(*l, e.id, bad), Error);
  CHECK(elections::get(*l, e.id).status == "open");
  elections::TallyRequest t;
  t.returned = 8;
  t.counts = {{"孙丽", 6}, {"周建国", 2}};
  elections::tally(*l, e.id, t);
  const auto closed = elections::close(*l, e.id);
  CHECK(closed.result == "elected");
  CHECK(closed.candidates[0].elected);
  CHECK_THROWS_AS(elections::close(*l, e.id), Error); // closed once

  elections::add_members(*l, c);
  const auto* b = c.body("b7");
  REQUIRE(b->members.size() == 2);
  CHECK(b->members[1].name == "孙丽");
  CHECK(b->members[1].role == "楼栋长");
  CHECK(clock::format_date(*b->members[1].since) == "2027-01-01");
  // The community's JSON (kept in the ledger) is the file's, not the election's.
  CHECK(to_json(c).dump().find("孙丽") == std::string::npos);
  CHECK(people::Directory(c).kind_of("孙丽", people::Field::speaker) == people::Kind::member);
}

TEST_CASE("an issue is referred to an authority the community names, and answered by it") {
  auto l = ledger::Ledger::in_memory(test::session("2026-11-21 10:00"));
  auto c = config::parse_community(R"(id = "t"
name = "测试社区"
street = "和平街道"
[council]
name = "议事会"
[[council.seats]]
key = "committee"
label = "居委会代表"
count = 1
members = [{ name = "王一" }]
[[authorities]]
key = "power"
level = "department"
name = "和平供电所"
[[authorities]]
key = "housing"
level = "department"
name = "区住建委"
)",
                                   "t.toml");
  issues::NewIssue n;
  n.title = "配电箱老化";
  const auto id = issues::add(*l, c, n);
  issues::Change x{model::IssueAction::escalate, "需供电所更换"};
  x.level = "gas";
  x.community = &c;
  CHECK_THROWS_WITH_AS(issues::change(*l, id, x),
                       doctest::Contains("no such authority"), Error);
  x.level = "power";
  issues::change(*l, id, x);
  issues::Change a{model::IssueAction::answer};
  a.answer = "已列入检修计划";
  a.by = "housing";
  a.community = &c;
  issues::change(*l, id, a);
  const auto refs = issues::escalations(*l, id);
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].level == "power");
  CHECK(refs[0].to_level == "department");
  CHECK(refs[0].to_name == "和平供电所");
  CHECK(refs[0].answered_by == "housing");
  CHECK(refs[0].answered_by_name == "区住建委");
  // Without the community, street and district are still known.
  issues::Change s{model::IssueAction::escalate, "涉及市政管网"};
  s.level = "street";
  CHECK(issues::change(*l, id, s).escalated_to == "street");
  CHECK(issues::authority_words("street", "street", "") == "the street office");
}
