// Reports on a fixture ledger with known contents; every expected figure is
// worked out by hand in the comments.

#include "consult/fund.hpp"
#include "consult/issues.hpp"
#include "consult/meetings.hpp"
#include "consult/reports.hpp"

#include "helpers.hpp"

#include <doctest/doctest.h>

using namespace consult;
using model::IssueAction;

namespace {

std::int64_t raise(ledger::Ledger& l, const config::Community& c, const char* title, const char* on,
                   const char* channel, const char* category) {
  issues::NewIssue n;
  n.title = title;
  n.raised_on = clock::parse_date(on);
  n.channel = channel;
  n.category = category;
  return issues::add(l, c, n);
}

void step(ledger::Ledger& l, std::int64_t id, IssueAction a, const char* reason = "") {
  issues::Change ch;
  ch.action = a;
  ch.reason = reason;
  issues::change(l, id, ch);
}

} // namespace

TEST_CASE("report figures on a fixture ledger, checked by hand") {
  test::TempDir dir;
  const auto path = dir.file("r.db");
  auto c = test::community();
  c.meeting_kinds = {{"council", "议事会"}};
  ledger::Ledger::init(path, test::session("2026-11-12 10:00"));
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-12 10:00"));
    raise(l, c, "one", "2026-10-20", "suggestion-box", "parking");       // 1
    raise(l, c, "two", "2026-11-01", "wechat-group", "facility-repair"); // 2
    raise(l, c, "three", "2026-11-05", "suggestion-box", "other");       // 3
    raise(l, c, "four", "2026-11-10", "suggestion-box", "parking");      // 4
    raise(l, c, "five", "2026-10-25", "wechat-group", "other");          // 5, stays collected
    for (int i : {1, 2, 3})
      step(l, i, IssueAction::accept);
    step(l, 4, IssueAction::reject, "不属于社区事务");
    step(l, 1, IssueAction::consult);
    step(l, 2, IssueAction::consult);
    step(l, 2, IssueAction::consult); // round 2
    meetings::PlanRequest r;
    r.kind = "council";
    r.at = "2026-11-25 19:30";
    r.issues = {3};
    const auto m = meetings::plan(l, c, r).meeting.id;
    meetings::Attendance a;
    a.present = {"王一"};
    a.absent = {"李二"};
    meetings::attend(l, m, a);
    meetings::close(l, c, m);
    r.at = "2026-11-28 19:30";
    r.issues = {};
    meetings::cancel(l, meetings::plan(l, c, r).meeting.id, "暴雨");
    fund::NewEntry e;
    e.kind = "income";
    e.amount = "100";
    e.party = "甲";
    e.purpose = "众筹";
    e.date = clock::parse_date("2026-11-03");
    fund::add(l, c, e);
    e.kind = "expense";
    e.amount = "30.50";
    e.date = clock::parse_date("2026-11-15");
    fund::add(l, c, e);
  }
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-11-20 10:00"));
    step(l, 1, IssueAction::decide);
    step(l, 2, IssueAction::decide);
    step(l, 1, IssueAction::implement);
    step(l, 1, IssueAction::resolve);
    fund::reverse(l, c, 2, "录错");
  }
  {
    ledger::Ledger l(path, ledger::Access::write, test::session("2026-12-05 10:00"));
    step(l, 2, IssueAction::implement);
    step(l, 2, IssueAction::resolve);
    issues::feedback(l, 1, 4, "");
    issues::feedback(l, 2, 5, "");
  }
  ledger::Ledger l(path, ledger::Access::read, test::session("2026-12-31 10:00"));

  reports::Options o;
  o.period = *clock::parse_period("2026-11");
  auto all = reports::compute(l, o);
  REQUIRE(all.count("t") == 1);
  const auto& f = all.at("");
  CHECK(f.meetings_held == 1); // closed, dated 11-25
  CHECK(f.meetings_by_kind.at("council") == 1);
  CHECK(f.meetings_cancelled == 1);
  CHECK(f.issues_raised == 3); // 2, 3, 4 (1 and 5 were raised in October)
  CHECK(f.raised_by_channel.at("suggestion-box") == 2);
  CHECK(f.raised_by_channel.at("wechat-group") == 1);
  CHECK(f.raised_by_category.at("parking") == 1);
  CHECK(f.accepted == 3);
  CHECK(f.rejected == 1);
  CHECK(f.decided == 2);
  CHECK(f.resolved == 1); // issue 1 on 11-20
  CHECK(f.closed == 0);
  CHECK(f.raised_and_solved == 0); // issue 2 was solved in December
  CHECK(f.resolution_permille() == 0);
  CHECK(f.median_days == 31.0); // 2026-10-20 → 2026-11-20
  CHECK(f.p90_days == 31);
  CHECK(f.rounds_per_decided == 1.5); // issue 1: 1 round, issue 2: 2
  CHECK(f.open_older == 1);           // issue 5: raised 10-25, on or before 10-31, still open
  CHECK(f.overdue_actions == 0);
  CHECK(f.attendance.at("committee") == std::pair<std::int64_t, std::int64_t>{1, 2});
  CHECK(f.ratings == 0);
  CHECK_FALSE(f.satisfaction.has_value());
  CHECK(f.fund_income == 10000);
  CHECK(f.fund_expense == 0); // 30.50 spent, then reversed
  CHECK(all.at("t").issues_raised == 3);
  // A community the ledger does not know is an error, not a report of zeros.
  auto wrong = o;
  wrong.communities = {"nosuch"};
  CHECK(test::kind_of([&] { reports::compute(l, wrong); }) == ErrorKind::usage);

  o.period = *clock::parse_period("2026-12");
  const auto dec = reports::compute(l, o).at("");
  CHECK(dec.issues_raised == 0);
  CHECK_FALSE(dec.resolution_permille().has_value());
  CHECK(dec.resolved == 1);
  CHECK(dec.median_days == 34.0); // 2026-11-01 → 2026-12-05
  CHECK(dec.ratings == 2);
  CHECK(dec.satisfaction == 4.5);
  CHECK(dec.rating_counts[3] == 1);
  CHECK(dec.rating_counts[4] == 1);
  CHECK(reports::to_json(dec)["satisfaction"] == "4.5");

  // Over both months, issue 2 (raised 11-01) was solved by the end: 1 of 3.
  o.period = *clock::parse_period("2026-11-01..2026-12-31");
  const auto both = reports::compute(l, o).at("");
  CHECK(both.raised_and_solved == 1);
  CHECK(both.resolution_permille() == 333);
  CHECK(both.median_days == 32.5); // 31 and 34
  CHECK(both.p90_days == 34);
}
